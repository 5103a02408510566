// What a database must offer the Store (store.h), private to src/store.
//
// The Store's methods are written once (store.cc) against two small
// interfaces: a Statement that binds values and steps through rows, and a
// Backend that owns one connection, hands out a prepared Statement for each
// Query, and runs transactions. Each database has its own SQL for every
// Query, in its own dialect:
//   SQLite      sqlite_backend.cc (the default: a file, or ":memory:")
//   PostgreSQL  postgres.cc (a "postgresql://" or "postgres://" URI)
// Both pass the same contract suite (store_test.cc, StoreContract).
#ifndef NEWSLOOM_STORE_BACKEND_H_
#define NEWSLOOM_STORE_BACKEND_H_

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsloom {
struct StoreOptions;
}

namespace newsloom::store {

// Every statement the Store runs. Each Backend has one SQL text per Query,
// with the same numbered parameters and the same result columns in the
// same order (store.cc's Read* functions depend on it).
enum class Query : size_t {
  kHasArticle,
  kInsertArticle,
  kSetArticleEvent,
  kGetArticle,
  kArticlesOfEvent,
  kCountArticles,
  kGetArticleBySeq,
  kArticlesCalled,
  kPutDuplicate,
  kGetDuplicate,
  kDuplicatesOf,
  kPutEvent,
  kGetEvent,
  kEventsOfStory,
  kPutStory,
  kGetStory,
  kDeleteStory,
  kDeleteEvent,
  kListStories,
  kPutState,
  kGetState,
  kDeleteState,
  kPutFeedState,
  kGetFeedState,
  kMarkFeedItemSeen,
  kFeedItemSeen,
  kPutAnnotations,
  kGetAnnotations,
  kCountStories,
  kStoryLanguages,
  kStorySources,
  kDeleteArticleEntities,
  kInsertArticleEntity,
  kEntityMentions,
  kEntitiesNamed,
  kPutMergedEvent,
  kMergedEventInto,
  kPutMergedStory,
  kMergedStoryInto,
  kForgetMergedEvent,
  kForgetMergedStory,
  kNumQueries,
};

// FindStories builds one statement per combination of these conditions.
// Its parameters keep their numbers in every combination: 1 the full-text
// query, 2 entity, 3 lang, 4 source, 5 since, 6 until, 7 and 8 the
// cursor's last_published and id, 9 1 when the cursor's last_published is
// NULL, 10 the limit (NULL = no limit).
enum StoryCondition : unsigned {
  kByQuery = 1u << 0,
  kByEntity = 1u << 1,
  kByLang = 1u << 2,
  kBySource = 1u << 3,
  kBySince = 1u << 4,
  kByUntil = 1u << 5,
  kByCursor = 1u << 6,
  kNumStoryConditions = 7,
};

// Whether a back-end's table of {query, ...} rows lists every Query once,
// in enum order (checked with static_assert where the table is defined).
template <typename Spec, size_t N>
constexpr bool ListsEveryQueryInOrder(const Spec (&specs)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (static_cast<size_t>(specs[i].query) != i) return false;
  }
  return N == static_cast<size_t>(Query::kNumQueries);
}

// The column lists of the statements that read whole rows, the same in
// every dialect: store.cc's Read* functions depend on their order.
#define NEWSLOOM_ARTICLE_COLUMNS                                        \
  "id, input, external_id, source, url, title, text, published, lang, " \
  "lang_confidence, gold_event, gold_story, event_id, seq, ingested_at, " \
  "published_offset"

// Schema 8 added articles.published_offset (and the indexes on external_id
// and url). A store of schema 6 or 7 opened read-only, which cannot be
// migrated (one opened for writing is), has no such column: its statements
// are prepared from WithoutPublishedOffset(sql), which reads NULL there and
// leaves the column and its parameter (the insert's last, ?14 or $14) out
// of the article insert, which a read-only store never runs.
// Schema 10 added merged_events and merged_stories. A store of an older
// schema opened read-only (not migrated) has neither: the statements on
// them are prepared as ones that take the same parameters and find
// nothing (SQLite's ?N, PostgreSQL's $N::int8), which a read-only store
// never runs to write.
inline bool IsOnMergedTables(Query q) {
  return q == Query::kPutMergedEvent || q == Query::kMergedEventInto ||
         q == Query::kPutMergedStory || q == Query::kMergedStoryInto ||
         q == Query::kForgetMergedEvent || q == Query::kForgetMergedStory;
}
inline std::string FindNothingInMerged(Query q, bool postgres) {
  const bool put = q == Query::kPutMergedEvent || q == Query::kPutMergedStory;
  if (postgres) {
    return put ? "SELECT $1::int8, $2::int8 WHERE false"
               : "SELECT $1::int8 WHERE false";
  }
  return put ? "SELECT ?1, ?2 WHERE 0" : "SELECT ?1 WHERE 0";
}

inline std::string WithoutPublishedOffset(std::string_view sql) {
  std::string out(sql);
  auto replace_all = [&out](std::string_view from, std::string_view to) {
    for (size_t at = out.find(from); at != std::string::npos;
         at = out.find(from, at + to.size())) {
      out.replace(at, from.size(), to);
    }
  };
  if (out.starts_with("INSERT INTO articles ")) {
    replace_all(", published_offset", "");
    replace_all(", ?14", "");
    replace_all(", $14", "");
  } else {
    replace_all("published_offset", "NULL");
  }
  return out;
}

// Schema 11 added events' and stories' local spans (first_local,
// last_local). A store of an older schema opened read-only reads NULL for
// them (the UTC days of the instants, as that schema showed them); the
// puts of events and stories, which it never runs, are prepared as
// statements that take the same 8 parameters and write nothing.
inline std::string WithoutLocalSpans(Query q, std::string_view sql, bool postgres) {
  if (q == Query::kPutEvent || q == Query::kPutStory) {
    return postgres ? "SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE false"
                    : "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE 0";
  }
  std::string out(sql);
  for (std::string_view column : {"first_local", "last_local"}) {
    for (size_t at = out.find(column); at != std::string::npos;
         at = out.find(column, at + 4)) {
      // "s.first_local" -> "NULL" (a table's prefix goes with it).
      size_t from = at;
      while (from > 0 && (std::isalnum(static_cast<unsigned char>(out[from - 1])) ||
                          out[from - 1] == '_' || out[from - 1] == '.')) {
        --from;
      }
      out.replace(from, at + column.size() - from, "NULL");
      at = from;
    }
  }
  return out;
}

// The statement a back-end prepares for `q` on a store of schema
// `version` (the current one, or an older one opened read-only): `sql`
// less what that schema lacks (WithoutPublishedOffset, FindNothingInMerged,
// WithoutLocalSpans).
inline std::string SqlForSchema(Query q, std::string_view sql, int version, bool postgres) {
  if (version < 10 && IsOnMergedTables(q)) return FindNothingInMerged(q, postgres);
  std::string out = version >= 8 ? std::string(sql) : WithoutPublishedOffset(sql);
  return version >= 11 ? out : WithoutLocalSpans(q, out, postgres);
}

#define NEWSLOOM_EVENT_COLUMNS                                          \
  "id, story_id, title, first_published, last_published, article_count, " \
  "first_local, last_local"
#define NEWSLOOM_DUPLICATE_COLUMNS \
  "article_id, canonical_id, matched_id, kind, similarity"
#define NEWSLOOM_STORY_COLUMNS                                \
  "id, title, first_published, last_published, event_count, " \
  "article_count, first_local, last_local"

// The conditions on articles (kByQuery to kBySource, bits 0-3): one
// article of the story must meet all of them.
inline constexpr unsigned kNumArticleConditions = 4;

// A dialect's SQL of a condition on an article `a` (of `articles a JOIN
// events e`): a join it needs (" JOIN ...", or "") and its test
// (" AND ...").
struct ArticleConditionSql {
  const char* join;
  const char* where;
};

// FindStories' SQL for a set of StoryCondition bits: the story columns of
// `stories s`; the conditions on articles present, as one subquery, so
// that one article meets all of them ("--lang es --search X": a Spanish
// article that says X, not a story with a Spanish article and another
// that says X); the dialect's fragment (" AND ...") of each other
// condition present (`fragments`, indexed by bit; those of the article
// conditions unused), then `order` (ORDER BY and LIMIT ?10 / $10).
inline std::string StorySearchSql(
    unsigned conditions, const ArticleConditionSql (&article)[kNumArticleConditions],
    const char* const (&fragments)[kNumStoryConditions], std::string_view order,
    int version, bool postgres) {
  std::string sql = "SELECT s.id, s.title, s.first_published,"
                    " s.last_published, s.event_count, s.article_count,"
                    " s.first_local, s.last_local FROM stories s WHERE true";
  if (conditions & ((1u << kNumArticleConditions) - 1)) {
    std::string joins, wheres;
    for (unsigned i = 0; i < kNumArticleConditions; ++i) {
      if (!(conditions & (1u << i))) continue;
      joins += article[i].join;
      wheres += article[i].where;
    }
    sql += " AND s.id IN (SELECT e.story_id FROM articles a"
           " JOIN events e ON e.id = a.event_id" + joins + " WHERE true" + wheres + ")";
  }
  for (unsigned i = kNumArticleConditions; i < kNumStoryConditions; ++i) {
    if (conditions & (1u << i)) sql += fragments[i];
  }
  sql += order;
  return SqlForSchema(Query::kListStories, sql, version, postgres);
}

// One prepared statement. Bind errors are sticky: the first one is kept
// and returned by the next Step(), so call sites bind without checking each
// call. Strings are bound by their exact bytes, embedded NULs included.
// REQUIRES: bound string data outlives the Step() calls that use it, i.e.
// until Reset().
class Statement {
 public:
  virtual ~Statement() = default;

  // Parameters are 1-based.
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindBlob(int index, std::string_view value) = 0;
  // nullopt binds NULL.
  virtual void BindOptionalInt(int index, std::optional<int64_t> value) = 0;

  // Advances: true when a row is ready, false when the statement is done.
  // Errors read "<what> <key>: <database message>" (or "<what>: ..." when
  // `key` is empty); the key names the row being worked on.
  virtual Result<bool> Step(std::string_view key = {}) = 0;

  // Steps to completion, expecting no (more) rows.
  virtual Status Run(std::string_view key = {}) = 0;

  // Columns are 0-based. REQUIRES: the last Step() returned true.
  virtual int64_t ColumnInt(int index) const = 0;
  virtual double ColumnDouble(int index) const = 0;
  virtual std::optional<int64_t> ColumnOptionalInt(int index) const = 0;
  // The exact bytes of a string or blob column; NULL reads as "".
  virtual std::string ColumnBytes(int index) const = 0;

  // Rows changed by the last completed INSERT/UPDATE/DELETE of this
  // statement.
  virtual int64_t Changes() const = 0;

  // Forgets the rows and the bindings (and the sticky bind error), and
  // releases what the statement holds; ready to bind again.
  virtual void Reset() = 0;
};

// Resets a statement when it goes out of scope, so an early return never
// leaves a statement holding locks or pointers to caller data.
class ScopedReset {
 public:
  explicit ScopedReset(Statement& st) : st_(st) {}
  ScopedReset(const ScopedReset&) = delete;
  ScopedReset& operator=(const ScopedReset&) = delete;
  ~ScopedReset() { st_.Reset(); }

 private:
  Statement& st_;
};

// One open connection to a store. Thread-compatible.
class Backend {
 public:
  virtual ~Backend() = default;

  // The schema version of the store (Store::schema_version).
  virtual int schema_version() const = 0;
  // The version the store holds now (Store::StoredSchemaVersion).
  virtual Result<int> StoredSchemaVersion() = 0;

  // The prepared statement for `q`.
  virtual Statement& Get(Query q) = 0;
  // FindStories' statement for a set of StoryCondition bits.
  virtual Result<Statement*> StorySearch(unsigned conditions) = 0;
  // The error to report when a search with a full-text query failed with
  // `error` (a malformed query is InvalidArgument naming it).
  virtual Status SearchFailed(const Status& error, std::string_view query) = 0;

  // Transactions, as Store::Begin/Commit/Rollback; the Store checks
  // nesting and misuse first.
  virtual bool in_transaction() const = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Store::ClaimWriter: makes this connection the store's one writer, for
  // as long as it is open.
  virtual Status ClaimWriter() = 0;

  // Runs kInsertArticle, its parameters bound, for the article `id`: the
  // seq the store gave it, or nullopt when the store already holds `id`
  // and skipped the row (an error when the back-end fails the statement
  // instead). By default the statement returns the seq as its one row.
  virtual Result<std::optional<int64_t>> InsertArticleRow(Statement& insert,
                                                         std::string_view id);

  // Called after each InsertArticle. A back-end whose full-text index is
  // not kept by the database itself indexes the new article here (outside
  // a transaction) or when the transaction commits (SQLite, schema 6).
  virtual Status ArticleInserted() { return Status::OK(); }

  // Store::ReadSnapshot.
  virtual Status BeginSnapshot() = 0;
  virtual Status EndSnapshot() = 0;

  // Store::CheckPages. PostgreSQL checks its own pages (checksums, amcheck).
  virtual Result<std::optional<std::vector<std::string>>> CheckPages(bool /*quick*/) {
    return std::optional<std::vector<std::string>>();
  }
  // Store::CheckTextIndex. PostgreSQL's index is a GIN index the server
  // keeps with the rows (amcheck checks it).
  virtual Result<std::optional<std::vector<std::string>>> CheckTextIndex(bool /*quick*/) {
    return std::optional<std::vector<std::string>>();
  }
  // Store::RebuildTextIndex, inside Begin()/Commit().
  virtual Status RebuildTextIndex() {
    return Status::NotSupported(
        "the PostgreSQL server keeps the full-text index with the rows; rebuild it with "
        "REINDEX INDEX articles_fts");
  }
};

// Opens the SQLite store at `path` (a file, or ":memory:"): see Store::Open.
Result<std::unique_ptr<Backend>> OpenSqlite(const std::string& path,
                                            const StoreOptions& options);

// Whether `location` names a PostgreSQL database ("postgresql://..." or
// "postgres://...") rather than a SQLite file.
bool IsPostgresUri(std::string_view location);

// `uri` with any password left out ("postgresql://ann@host/db"), for
// messages and Store::path().
std::string RedactPassword(std::string_view uri);

// Store::ClaimWriter's refusal: `store` (as messages name it) is held by
// another writer, whose pid is given when known (may be empty).
Status WriterTaken(std::string_view store, std::string_view pid);

// Opens the PostgreSQL store at `uri`, creating its tables when the
// database (or schema) has none: see Store::Open and postgres.cc.
Result<std::unique_ptr<Backend>> OpenPostgres(const std::string& uri,
                                              const StoreOptions& options);

}  // namespace newsloom::store

#endif  // NEWSLOOM_STORE_BACKEND_H_
