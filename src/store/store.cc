#include "store/store.h"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <map>
#include <system_error>
#include <utility>

#include "store/schema.h"
#include "store/sqlite.h"

namespace newsloom {
namespace {

constexpr char kMemoryPath[] = ":memory:";

// Every statement the Store runs, prepared once at Open and reused.
enum class Query : size_t {
  kBegin,
  kCommit,
  kRollback,
  kHasArticle,
  kInsertArticle,
  kSetArticleEvent,
  kGetArticle,
  kArticlesOfEvent,
  kCountArticles,
  kGetArticleBySeq,
  kPutDuplicate,
  kGetDuplicate,
  kDuplicatesOf,
  kPutEvent,
  kGetEvent,
  kEventsOfStory,
  kPutStory,
  kGetStory,
  kDeleteStory,
  kListStories,
  kPutState,
  kGetState,
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
  kNumQueries,
};

struct QuerySpec {
  Query query;
  const char* what;  // names the operation in errors
  const char* sql;
};

// Column lists shared by the statements that read whole rows; ReadArticle,
// ReadEvent and ReadStory depend on their order.
#define NEWSLOOM_ARTICLE_COLUMNS                                        \
  "id, input, external_id, source, url, title, text, published, lang, " \
  "lang_confidence, gold_event, gold_story, event_id, seq, ingested_at"
#define NEWSLOOM_EVENT_COLUMNS \
  "id, story_id, title, first_published, last_published, article_count"
#define NEWSLOOM_DUPLICATE_COLUMNS \
  "article_id, canonical_id, matched_id, kind, similarity"
#define NEWSLOOM_STORY_COLUMNS                                \
  "id, title, first_published, last_published, event_count, " \
  "article_count"

constexpr QuerySpec kQueries[] = {
    {Query::kBegin, "begin transaction", "BEGIN IMMEDIATE"},
    {Query::kCommit, "commit transaction", "COMMIT"},
    {Query::kRollback, "roll back transaction", "ROLLBACK"},
    {Query::kHasArticle, "look up article",
     "SELECT 1 FROM articles WHERE id = ?1"},
    {Query::kInsertArticle, "insert article",
     "INSERT INTO articles (id, seq, input, external_id, source, url, title,"
     " text, published, lang, lang_confidence, gold_event, gold_story,"
     " event_id, ingested_at)"
     " VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM articles),"
     " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
     " CAST(strftime('%s', 'now') AS INTEGER))"
     " RETURNING seq"},
    {Query::kSetArticleEvent, "set event of article",
     "UPDATE articles SET event_id = ?2 WHERE id = ?1"},
    {Query::kGetArticle, "get article",
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS " FROM articles WHERE id = ?1"},
    {Query::kArticlesOfEvent, "list articles of event",
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS
     " FROM articles WHERE event_id = ?1 ORDER BY seq"},
    {Query::kCountArticles, "count articles", "SELECT count(*) FROM articles"},
    {Query::kGetArticleBySeq, "get article by seq",
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS " FROM articles WHERE seq = ?1"},
    {Query::kPutDuplicate, "put duplicate",
     "INSERT INTO duplicates (" NEWSLOOM_DUPLICATE_COLUMNS ")"
     " VALUES (?1, ?2, ?3, ?4, ?5)"
     " ON CONFLICT (article_id) DO UPDATE SET"
     " canonical_id = excluded.canonical_id,"
     " matched_id = excluded.matched_id, kind = excluded.kind,"
     " similarity = excluded.similarity"},
    {Query::kGetDuplicate, "get duplicate",
     "SELECT " NEWSLOOM_DUPLICATE_COLUMNS
     " FROM duplicates WHERE article_id = ?1"},
    {Query::kDuplicatesOf, "list duplicates of article",
     "SELECT d.article_id, d.canonical_id, d.matched_id, d.kind,"
     " d.similarity FROM duplicates d JOIN articles a ON a.id = d.article_id"
     " WHERE d.canonical_id = ?1 ORDER BY a.seq"},
    {Query::kPutEvent, "put event",
     "INSERT INTO events (" NEWSLOOM_EVENT_COLUMNS ")"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
     " ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id,"
     " title = excluded.title, first_published = excluded.first_published,"
     " last_published = excluded.last_published,"
     " article_count = excluded.article_count"},
    {Query::kGetEvent, "get event",
     "SELECT " NEWSLOOM_EVENT_COLUMNS " FROM events WHERE id = ?1"},
    {Query::kEventsOfStory, "list events of story",
     "SELECT " NEWSLOOM_EVENT_COLUMNS " FROM events WHERE story_id = ?1"
     " ORDER BY first_published NULLS LAST, id"},
    {Query::kPutStory, "put story",
     "INSERT INTO stories (" NEWSLOOM_STORY_COLUMNS ")"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
     " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
     " first_published = excluded.first_published,"
     " last_published = excluded.last_published,"
     " event_count = excluded.event_count,"
     " article_count = excluded.article_count"},
    {Query::kGetStory, "get story",
     "SELECT " NEWSLOOM_STORY_COLUMNS " FROM stories WHERE id = ?1"},
    {Query::kDeleteStory, "delete story", "DELETE FROM stories WHERE id = ?1"},
    // DESC puts NULLs last in SQLite, and matches stories_by_activity.
    {Query::kListStories, "list stories",
     "SELECT " NEWSLOOM_STORY_COLUMNS " FROM stories"
     " ORDER BY last_published DESC, id DESC LIMIT ?1"},
    {Query::kPutState, "put state",
     "INSERT INTO state (key, value) VALUES (?1, ?2)"
     " ON CONFLICT (key) DO UPDATE SET value = excluded.value"},
    {Query::kGetState, "get state", "SELECT value FROM state WHERE key = ?1"},
    {Query::kPutFeedState, "put feed state",
     "INSERT INTO feeds (url, etag, last_modified, checked_at)"
     " VALUES (?1, ?2, ?3, ?4)"
     " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
     " last_modified = excluded.last_modified,"
     " checked_at = excluded.checked_at"},
    {Query::kGetFeedState, "get feed state",
     "SELECT url, etag, last_modified, checked_at FROM feeds WHERE url = ?1"},
    {Query::kMarkFeedItemSeen, "mark feed item seen",
     "INSERT INTO feed_items (feed_url, item_key, seen_at) VALUES (?1, ?2, ?3)"
     " ON CONFLICT DO NOTHING"},
    {Query::kFeedItemSeen, "look up feed item",
     "SELECT 1 FROM feed_items WHERE feed_url = ?1 AND item_key = ?2"},
    {Query::kPutAnnotations, "put annotations",
     "INSERT INTO annotations (article_id, version, json) VALUES (?1, ?2, ?3)"
     " ON CONFLICT (article_id) DO UPDATE SET version = excluded.version,"
     " json = excluded.json"},
    {Query::kGetAnnotations, "get annotations",
     "SELECT json FROM annotations WHERE article_id = ?1 AND version = ?2"},
    {Query::kCountStories, "count stories", "SELECT count(*) FROM stories"},
    {Query::kStoryLanguages, "list languages of story",
     "SELECT a.lang FROM events e JOIN articles a ON a.event_id = e.id"
     " WHERE e.story_id = ?1 AND a.lang != ''"
     " GROUP BY a.lang ORDER BY count(*) DESC, a.lang"},
    {Query::kStorySources, "list sources of story",
     "SELECT a.source FROM events e JOIN articles a ON a.event_id = e.id"
     " WHERE e.story_id = ?1 AND a.source != ''"
     " GROUP BY a.source ORDER BY count(*) DESC, a.source"},
    {Query::kDeleteArticleEntities, "delete entities of article",
     "DELETE FROM article_entities WHERE article_id = ?1"},
    {Query::kInsertArticleEntity, "insert entity of article",
     "INSERT INTO article_entities (key, article_id, form, lang, name, type,"
     " mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
     " ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions"},
    {Query::kEntityMentions, "list mentions of entity",
     "SELECT x.key, x.article_id, x.form, x.lang, x.name, x.type, x.mentions"
     " FROM article_entities x JOIN articles a ON a.id = x.article_id"
     " WHERE x.key = ?1 ORDER BY a.seq, x.form LIMIT ?2"},
};

#undef NEWSLOOM_ARTICLE_COLUMNS
#undef NEWSLOOM_EVENT_COLUMNS
#undef NEWSLOOM_STORY_COLUMNS
#undef NEWSLOOM_DUPLICATE_COLUMNS

constexpr bool QueriesInEnumOrder() {
  for (size_t i = 0; i < std::size(kQueries); ++i) {
    if (static_cast<size_t>(kQueries[i].query) != i) return false;
  }
  return std::size(kQueries) == static_cast<size_t>(Query::kNumQueries);
}
static_assert(QueriesInEnumOrder(), "kQueries must list every Query in order");

StoredArticle ReadArticle(const sqlite::Statement& st) {
  StoredArticle s;
  Article& a = s.article;
  a.id = st.ColumnBytes(0);
  a.input = st.ColumnBytes(1);
  a.external_id = st.ColumnBytes(2);
  a.source = st.ColumnBytes(3);
  a.url = st.ColumnBytes(4);
  a.title = st.ColumnBytes(5);
  a.text = st.ColumnBytes(6);
  a.published = st.ColumnOptionalInt(7);
  a.lang = st.ColumnBytes(8);
  a.lang_confidence = st.ColumnDouble(9);
  a.gold_event = st.ColumnBytes(10);
  a.gold_story = st.ColumnBytes(11);
  s.event_id = st.ColumnInt(12);
  s.seq = st.ColumnInt(13);
  s.ingested_at = st.ColumnInt(14);
  return s;
}

DuplicateRow ReadDuplicate(const sqlite::Statement& st) {
  DuplicateRow d;
  d.article_id = st.ColumnBytes(0);
  d.canonical_id = st.ColumnBytes(1);
  d.matched_id = st.ColumnBytes(2);
  d.kind = st.ColumnBytes(3);
  d.similarity = st.ColumnDouble(4);
  return d;
}

EventRow ReadEvent(const sqlite::Statement& st) {
  EventRow e;
  e.id = st.ColumnInt(0);
  e.story_id = st.ColumnInt(1);
  e.title = st.ColumnBytes(2);
  e.first_published = st.ColumnOptionalInt(3);
  e.last_published = st.ColumnOptionalInt(4);
  e.article_count = st.ColumnInt(5);
  return e;
}

StoryRow ReadStory(const sqlite::Statement& st) {
  StoryRow s;
  s.id = st.ColumnInt(0);
  s.title = st.ColumnBytes(1);
  s.first_published = st.ColumnOptionalInt(2);
  s.last_published = st.ColumnOptionalInt(3);
  s.event_count = st.ColumnInt(4);
  s.article_count = st.ColumnInt(5);
  return s;
}

// Runs a bound SELECT and reads every row with `read`.
template <typename T, typename ReadFn>
Result<std::vector<T>> ReadAll(sqlite::Statement& st, std::string_view key,
                               ReadFn read) {
  std::vector<T> rows;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.Step(key));
    if (!row) return rows;
    rows.push_back(read(st));
  }
}

Status RequirePositiveId(std::string_view what, int64_t id) {
  if (id > 0) return Status::OK();
  return Status::InvalidArgument(std::string(what) + " " + std::to_string(id) +
                                 ": ids must be positive (0 means none)");
}

Status NotFoundIn(std::string_view what, std::string_view key,
                  const std::string& path) {
  return Status::NotFound(std::string(what) + " " + std::string(key) +
                          ": not found in store " + path);
}

// Reads the one article a bound SELECT of article columns finds.
Result<StoredArticle> StepArticle(sqlite::Statement& st, std::string_view key,
                                  const std::string& path) {
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return NotFoundIn("get article", key, path);
  return ReadArticle(st);
}

Status CheckOpenable(const std::string& path, const StoreOptions& options) {
  if (path.empty()) {
    return Status::InvalidArgument("open store: the path is empty");
  }
  if (path == kMemoryPath || options.create_if_missing) return Status::OK();
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return Status::OK();
  return Status::NotFound("open store " + path +
                          ": no such file (and create_if_missing is off)");
}

Result<sqlite::Connection> Connect(const std::string& path,
                                   const StoreOptions& options) {
  // NOMUTEX: a Store is thread-compatible, so SQLite's per-call locking
  // would only cost time.
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE;
    if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  sqlite::Connection db(raw);  // closes `raw` even when open failed
  if (rc != SQLITE_OK) return sqlite::Error(raw, rc, "open store " + path);
  sqlite3_extended_result_codes(raw, 1);
  // SQLite quietly opens a file it may not write read-only; ingest would
  // then read all its inputs before its first write failed.
  if (!options.read_only && sqlite3_db_readonly(raw, "main") == 1) {
    return Status::IoError("open store " + path + ": cannot write — " +
                           sqlite::Advice(SQLITE_READONLY, path));
  }
  return db;
}

// PRAGMA max_page_count counts pages of the connection's page size.
Status CapFileSize(sqlite3* db, uint64_t max_bytes, const std::string& what) {
  ASSIGN_OR_RETURN(int64_t page_size,
                   sqlite::QueryInt(db, "PRAGMA page_size", what));
  const uint64_t pages = (max_bytes + page_size - 1) / page_size;
  const std::string sql = "PRAGMA max_page_count = " + std::to_string(pages);
  return sqlite::Exec(db, sql.c_str(), what);
}

Status EnableWal(sqlite3* db, const std::string& what) {
  ASSIGN_OR_RETURN(std::string mode,
                   sqlite::QueryText(db, "PRAGMA journal_mode = WAL", what));
  if (mode == "wal") return Status::OK();
  return Status::NotSupported(
      what + ": cannot enable WAL journal mode (still '" + mode + "')");
}

Status Configure(sqlite3* db, const std::string& path,
                 const StoreOptions& options) {
  const std::string what = "open store " + path;
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA foreign_keys = ON", what));
  if (options.max_file_bytes > 0) {
    RETURN_IF_ERROR(CapFileSize(db, options.max_file_bytes, what));
  }
  if (path == kMemoryPath || options.read_only) return Status::OK();
  // Read the schema before anything writes: switching a damaged file that
  // is not in WAL mode yet would rewrite its header first.
  RETURN_IF_ERROR(
      sqlite::QueryInt(db, "SELECT count(*) FROM sqlite_schema", what).status());
  RETURN_IF_ERROR(EnableWal(db, what));
  // In WAL mode NORMAL never corrupts the file; a power cut may only lose
  // the last commits (they are synced at checkpoints).
  return sqlite::Exec(db, "PRAGMA synchronous = NORMAL", what);
}

// A store opened read-only cannot be migrated, and MigrateSchema would
// fail on its first write with a misleading "read-only" error; a newer
// schema is left to MigrateSchema, which refuses it.
Status RequireCurrentSchema(sqlite3* db, const std::string& path) {
  const std::string what = "open store " + path;
  ASSIGN_OR_RETURN(int64_t version,
                   sqlite::QueryInt(db, "PRAGMA user_version", what));
  if (version >= Store::kSchemaVersion) return Status::OK();
  return Status::NotSupported(
      "store " + path + " has schema version " + std::to_string(version) +
      ", older than this newsloom's " + std::to_string(Store::kSchemaVersion) +
      ", and was opened read-only: run `newsloom ingest` on it once to "
      "upgrade it");
}

// FindStories: one statement per combination of filters, each built from
// the fixed fragments below and prepared once per connection (at most
// 2^kNumStoryConditions). Values are always bound, never spliced. The
// parameters keep their numbers in every combination, and ?10 (the limit)
// is always there, so every number up to it can be bound.
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

constexpr const char* kStoryConditionSql[kNumStoryConditions] = {
    " AND s.id IN (SELECT e.story_id FROM articles_fts f"
    " JOIN articles a ON a.seq = f.rowid JOIN events e ON e.id = a.event_id"
    " WHERE articles_fts MATCH ?1)",
    " AND s.id IN (SELECT e.story_id FROM article_entities x"
    " JOIN articles a ON a.id = x.article_id JOIN events e ON e.id = a.event_id"
    " WHERE x.key = ?2)",
    " AND s.id IN (SELECT e.story_id FROM articles a"
    " JOIN events e ON e.id = a.event_id WHERE a.lang = ?3)",
    " AND s.id IN (SELECT e.story_id FROM articles a"
    " JOIN events e ON e.id = a.event_id WHERE a.source = ?4)",
    " AND s.last_published >= ?5",
    " AND s.first_published < ?6",
    // After (?7, ?8) in the order last_published DESC NULLS LAST, id DESC;
    // ?9 is 1 when the cursor's last_published is NULL.
    " AND (CASE WHEN ?9 THEN s.last_published IS NULL AND s.id < ?8"
    " ELSE s.last_published IS NULL OR s.last_published < ?7"
    " OR (s.last_published = ?7 AND s.id < ?8) END)",
};

std::string StorySearchSql(unsigned conditions) {
  std::string sql = "SELECT s.id, s.title, s.first_published,"
                    " s.last_published, s.event_count, s.article_count"
                    " FROM stories s WHERE 1";
  for (unsigned i = 0; i < kNumStoryConditions; ++i) {
    if (conditions & (1u << i)) sql += kStoryConditionSql[i];
  }
  sql += " ORDER BY s.last_published DESC, s.id DESC LIMIT ?10";
  return sql;
}

}  // namespace

struct Store::Db {
  sqlite::Connection conn;  // declared first: outlives the statements
  std::vector<sqlite::Statement> statements;  // indexed by Query
  // FindStories' statements, by their StoryCondition bits, prepared when
  // first used.
  std::map<unsigned, sqlite::Statement> story_searches;

  Status PrepareAll() {
    for (const QuerySpec& q : kQueries) {
      ASSIGN_OR_RETURN(sqlite::Statement st,
                       sqlite::Statement::Prepare(conn.get(), q.sql, q.what));
      statements.push_back(std::move(st));
    }
    return Status::OK();
  }

  sqlite::Statement& operator[](Query q) {
    return statements[static_cast<size_t>(q)];
  }
};

Result<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                           const StoreOptions& options) {
  RETURN_IF_ERROR(CheckOpenable(path, options));
  ASSIGN_OR_RETURN(sqlite::Connection conn, Connect(path, options));
  RETURN_IF_ERROR(Configure(conn.get(), path, options));
  if (options.read_only) RETURN_IF_ERROR(RequireCurrentSchema(conn.get(), path));
  ASSIGN_OR_RETURN(int version,
                   MigrateSchema(conn.get(), StoreMigrations(), path));
  if (path == kMemoryPath) {
    // Nothing searches a private in-memory store (serve needs a file), and
    // keeping its full-text index took 45% of an `eval` of gva-dev (2,600
    // instead of 4,770 articles/s): without the triggers it stays empty.
    RETURN_IF_ERROR(sqlite::Exec(conn.get(),
                                 "DROP TRIGGER articles_fts_insert;"
                                 "DROP TRIGGER articles_fts_update;"
                                 "DROP TRIGGER articles_fts_delete;",
                                 "drop the full-text triggers of an in-memory store"));
  }
  auto db = std::make_unique<Db>();
  db->conn = std::move(conn);
  RETURN_IF_ERROR(db->PrepareAll());
  return std::unique_ptr<Store>(new Store(path, version, std::move(db)));
}

Store::Store(std::string path, int schema_version, std::unique_ptr<Db> db)
    : path_(std::move(path)),
      schema_version_(schema_version),
      db_(std::move(db)) {}

Store::~Store() = default;

int Store::schema_version() const { return schema_version_; }

const std::string& Store::path() const { return path_; }

// ---- Transactions ----

bool Store::in_transaction() const {
  return sqlite3_get_autocommit(db_->conn.get()) == 0;
}

Status Store::Begin() {
  if (in_transaction()) {
    return Status::InvalidArgument("begin transaction on store " + path_ +
                                   ": a transaction is already open");
  }
  // SQLite lets a read-only connection begin; say so here, not at the
  // first write.
  if (sqlite3_db_readonly(db_->conn.get(), "main") == 1) {
    return Status::IoError("begin transaction on store " + path_ + ": " +
                           sqlite::Advice(SQLITE_READONLY, path_));
  }
  sqlite::Statement& st = (*db_)[Query::kBegin];
  sqlite::ScopedReset reset(st);
  return st.Run();
}

Status Store::Commit() {
  if (!in_transaction()) {
    return Status::InvalidArgument("commit on store " + path_ +
                                   ": no transaction is open");
  }
  sqlite::Statement& st = (*db_)[Query::kCommit];
  sqlite::ScopedReset reset(st);
  return st.Run();
}

Status Store::Rollback() {
  if (!in_transaction()) {
    return Status::InvalidArgument("rollback on store " + path_ +
                                   ": no transaction is open");
  }
  sqlite::Statement& st = (*db_)[Query::kRollback];
  sqlite::ScopedReset reset(st);
  return st.Run();
}

// ---- Articles ----

Result<bool> Store::HasArticle(std::string_view id) {
  sqlite::Statement& st = (*db_)[Query::kHasArticle];
  sqlite::ScopedReset reset(st);
  st.BindText(1, id);
  return st.Step(id);
}

Result<int64_t> Store::InsertArticle(const Article& a, int64_t event_id) {
  sqlite::Statement& st = (*db_)[Query::kInsertArticle];
  sqlite::ScopedReset reset(st);
  st.BindText(1, a.id);
  st.BindText(2, a.input);
  st.BindText(3, a.external_id);
  st.BindText(4, a.source);
  st.BindText(5, a.url);
  st.BindText(6, a.title);
  st.BindText(7, a.text);
  st.BindOptionalInt(8, a.published);
  st.BindText(9, a.lang);
  st.BindDouble(10, a.lang_confidence);
  st.BindText(11, a.gold_event);
  st.BindText(12, a.gold_story);
  st.BindInt(13, event_id);
  ASSIGN_OR_RETURN(bool row, st.Step(a.id));
  if (!row) return Status::IoError("insert article " + a.id + ": no seq");
  const int64_t seq = st.ColumnInt(0);
  RETURN_IF_ERROR(st.Run(a.id));  // finishes the statement
  return seq;
}

Status Store::SetArticleEvent(std::string_view article_id, int64_t event_id) {
  sqlite::Statement& st = (*db_)[Query::kSetArticleEvent];
  sqlite::ScopedReset reset(st);
  st.BindText(1, article_id);
  st.BindInt(2, event_id);
  RETURN_IF_ERROR(st.Run(article_id));
  if (st.Changes() == 0) {
    return NotFoundIn("set event of article", article_id, path_);
  }
  return Status::OK();
}

Result<StoredArticle> Store::GetArticle(std::string_view id) {
  sqlite::Statement& st = (*db_)[Query::kGetArticle];
  sqlite::ScopedReset reset(st);
  st.BindText(1, id);
  return StepArticle(st, id, path_);
}

Result<std::vector<StoredArticle>> Store::ArticlesOfEvent(int64_t event_id) {
  sqlite::Statement& st = (*db_)[Query::kArticlesOfEvent];
  sqlite::ScopedReset reset(st);
  st.BindInt(1, event_id);
  return ReadAll<StoredArticle>(st, std::to_string(event_id), ReadArticle);
}

Result<int64_t> Store::CountArticles() {
  sqlite::Statement& st = (*db_)[Query::kCountArticles];
  sqlite::ScopedReset reset(st);
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

Result<StoredArticle> Store::GetArticleBySeq(int64_t seq) {
  sqlite::Statement& st = (*db_)[Query::kGetArticleBySeq];
  sqlite::ScopedReset reset(st);
  const std::string key = "seq " + std::to_string(seq);
  st.BindInt(1, seq);
  return StepArticle(st, key, path_);
}

// ---- Duplicates ----

Status Store::PutDuplicate(const DuplicateRow& row) {
  sqlite::Statement& st = (*db_)[Query::kPutDuplicate];
  sqlite::ScopedReset reset(st);
  st.BindText(1, row.article_id);
  st.BindText(2, row.canonical_id);
  st.BindText(3, row.matched_id);
  st.BindText(4, row.kind);
  st.BindDouble(5, row.similarity);
  return st.Run(row.article_id);
}

Result<std::optional<DuplicateRow>> Store::GetDuplicate(
    std::string_view article_id) {
  sqlite::Statement& st = (*db_)[Query::kGetDuplicate];
  sqlite::ScopedReset reset(st);
  st.BindText(1, article_id);
  ASSIGN_OR_RETURN(bool row, st.Step(article_id));
  if (!row) return std::optional<DuplicateRow>();
  return std::optional<DuplicateRow>(ReadDuplicate(st));
}

Result<std::vector<DuplicateRow>> Store::DuplicatesOf(
    std::string_view canonical_id) {
  sqlite::Statement& st = (*db_)[Query::kDuplicatesOf];
  sqlite::ScopedReset reset(st);
  st.BindText(1, canonical_id);
  return ReadAll<DuplicateRow>(st, canonical_id, ReadDuplicate);
}

// ---- Events and stories ----

Status Store::PutEvent(const EventRow& row) {
  RETURN_IF_ERROR(RequirePositiveId("put event", row.id));
  sqlite::Statement& st = (*db_)[Query::kPutEvent];
  sqlite::ScopedReset reset(st);
  st.BindInt(1, row.id);
  st.BindInt(2, row.story_id);
  st.BindText(3, row.title);
  st.BindOptionalInt(4, row.first_published);
  st.BindOptionalInt(5, row.last_published);
  st.BindInt(6, row.article_count);
  return st.Run(std::to_string(row.id));
}

Status Store::PutStory(const StoryRow& row) {
  RETURN_IF_ERROR(RequirePositiveId("put story", row.id));
  sqlite::Statement& st = (*db_)[Query::kPutStory];
  sqlite::ScopedReset reset(st);
  st.BindInt(1, row.id);
  st.BindText(2, row.title);
  st.BindOptionalInt(3, row.first_published);
  st.BindOptionalInt(4, row.last_published);
  st.BindInt(5, row.event_count);
  st.BindInt(6, row.article_count);
  return st.Run(std::to_string(row.id));
}

Status Store::DeleteStory(int64_t id) {
  sqlite::Statement& st = (*db_)[Query::kDeleteStory];
  sqlite::ScopedReset reset(st);
  const std::string key = std::to_string(id);
  st.BindInt(1, id);
  RETURN_IF_ERROR(st.Run(key));
  if (st.Changes() == 0) return NotFoundIn("delete story", key, path_);
  return Status::OK();
}

Result<EventRow> Store::GetEvent(int64_t id) {
  sqlite::Statement& st = (*db_)[Query::kGetEvent];
  sqlite::ScopedReset reset(st);
  const std::string key = std::to_string(id);
  st.BindInt(1, id);
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return NotFoundIn("get event", key, path_);
  return ReadEvent(st);
}

Result<StoryRow> Store::GetStory(int64_t id) {
  sqlite::Statement& st = (*db_)[Query::kGetStory];
  sqlite::ScopedReset reset(st);
  const std::string key = std::to_string(id);
  st.BindInt(1, id);
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return NotFoundIn("get story", key, path_);
  return ReadStory(st);
}

Result<std::vector<EventRow>> Store::EventsOfStory(int64_t story_id) {
  sqlite::Statement& st = (*db_)[Query::kEventsOfStory];
  sqlite::ScopedReset reset(st);
  st.BindInt(1, story_id);
  return ReadAll<EventRow>(st, std::to_string(story_id), ReadEvent);
}

Result<std::vector<StoryRow>> Store::ListStories(size_t limit) {
  sqlite::Statement& st = (*db_)[Query::kListStories];
  sqlite::ScopedReset reset(st);
  constexpr size_t kMax = std::numeric_limits<int64_t>::max();
  // SQLite reads a negative LIMIT as "no limit".
  st.BindInt(1, limit == 0 ? -1 : static_cast<int64_t>(std::min(limit, kMax)));
  return ReadAll<StoryRow>(st, {}, ReadStory);
}

// ---- Search ----

Result<std::vector<StoryRow>> Store::FindStories(
    const StoryFilter& filter, const std::optional<StoryCursor>& after,
    size_t limit) {
  unsigned conditions = 0;
  if (!filter.query.empty()) conditions |= kByQuery;
  if (!filter.entity.empty()) conditions |= kByEntity;
  if (!filter.lang.empty()) conditions |= kByLang;
  if (!filter.source.empty()) conditions |= kBySource;
  if (filter.since) conditions |= kBySince;
  if (filter.until) conditions |= kByUntil;
  if (after) conditions |= kByCursor;
  auto it = db_->story_searches.find(conditions);
  if (it == db_->story_searches.end()) {
    ASSIGN_OR_RETURN(sqlite::Statement st,
                     sqlite::Statement::Prepare(db_->conn.get(),
                                                StorySearchSql(conditions),
                                                "find stories"));
    it = db_->story_searches.emplace(conditions, std::move(st)).first;
  }
  sqlite::Statement& st = it->second;
  sqlite::ScopedReset reset(st);
  st.BindText(1, filter.query);
  st.BindText(2, filter.entity);
  st.BindText(3, filter.lang);
  st.BindText(4, filter.source);
  st.BindOptionalInt(5, filter.since);
  st.BindOptionalInt(6, filter.until);
  st.BindOptionalInt(7, after ? after->last_published : std::nullopt);
  st.BindInt(8, after ? after->id : 0);
  st.BindInt(9, after && !after->last_published ? 1 : 0);
  constexpr size_t kMax = std::numeric_limits<int64_t>::max();
  st.BindInt(10, limit == 0 ? -1 : static_cast<int64_t>(std::min(limit, kMax)));
  Result<std::vector<StoryRow>> rows = ReadAll<StoryRow>(st, {}, ReadStory);
  // A statement that prepared fails with plain SQLITE_ERROR only on what
  // it was given: FTS5 refuses a malformed query at run time.
  if (!rows.ok() && (conditions & kByQuery) &&
      sqlite3_errcode(db_->conn.get()) == SQLITE_ERROR) {
    return Status::InvalidArgument("search query \"" + filter.query +
                                   "\": " + sqlite3_errmsg(db_->conn.get()));
  }
  return rows;
}

Result<int64_t> Store::CountStories() {
  sqlite::Statement& st = (*db_)[Query::kCountStories];
  sqlite::ScopedReset reset(st);
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

Result<StoryFacets> Store::GetStoryFacets(int64_t story_id) {
  StoryFacets facets;
  const std::string key = std::to_string(story_id);
  auto read = [](const sqlite::Statement& st) { return st.ColumnBytes(0); };
  {
    sqlite::Statement& st = (*db_)[Query::kStoryLanguages];
    sqlite::ScopedReset reset(st);
    st.BindInt(1, story_id);
    ASSIGN_OR_RETURN(facets.languages, ReadAll<std::string>(st, key, read));
  }
  sqlite::Statement& st = (*db_)[Query::kStorySources];
  sqlite::ScopedReset reset(st);
  st.BindInt(1, story_id);
  ASSIGN_OR_RETURN(facets.sources, ReadAll<std::string>(st, key, read));
  return facets;
}

Status Store::PutArticleEntities(std::string_view article_id,
                                 const std::vector<EntityMentionRow>& rows) {
  {
    sqlite::Statement& st = (*db_)[Query::kDeleteArticleEntities];
    sqlite::ScopedReset reset(st);
    st.BindText(1, article_id);
    RETURN_IF_ERROR(st.Run(article_id));
  }
  sqlite::Statement& st = (*db_)[Query::kInsertArticleEntity];
  for (const EntityMentionRow& r : rows) {
    if (r.article_id != article_id) {
      return Status::InvalidArgument(
          "put entities of article " + std::string(article_id) +
          ": a row names article " + r.article_id);
    }
    sqlite::ScopedReset reset(st);
    st.BindText(1, r.key);
    st.BindText(2, r.article_id);
    st.BindText(3, r.form);
    st.BindText(4, r.lang);
    st.BindText(5, r.name);
    st.BindText(6, r.type);
    st.BindInt(7, r.mentions);
    RETURN_IF_ERROR(st.Run(article_id));
  }
  return Status::OK();
}

Result<std::vector<EntityMentionRow>> Store::EntityMentions(
    std::string_view key, size_t limit) {
  sqlite::Statement& st = (*db_)[Query::kEntityMentions];
  sqlite::ScopedReset reset(st);
  st.BindText(1, key);
  constexpr size_t kMax = std::numeric_limits<int64_t>::max();
  st.BindInt(2, limit == 0 ? -1 : static_cast<int64_t>(std::min(limit, kMax)));
  return ReadAll<EntityMentionRow>(st, key, [](const sqlite::Statement& st) {
    EntityMentionRow r;
    r.key = st.ColumnBytes(0);
    r.article_id = st.ColumnBytes(1);
    r.form = st.ColumnBytes(2);
    r.lang = st.ColumnBytes(3);
    r.name = st.ColumnBytes(4);
    r.type = st.ColumnBytes(5);
    r.mentions = st.ColumnInt(6);
    return r;
  });
}

// ---- State ----

Status Store::PutState(std::string_view key, std::string_view blob) {
  sqlite::Statement& st = (*db_)[Query::kPutState];
  sqlite::ScopedReset reset(st);
  st.BindText(1, key);
  st.BindBlob(2, blob);
  return st.Run(key);
}

Result<std::optional<std::string>> Store::GetState(std::string_view key) {
  sqlite::Statement& st = (*db_)[Query::kGetState];
  sqlite::ScopedReset reset(st);
  st.BindText(1, key);
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.ColumnBytes(0));
}

// ---- Feeds ----

Status Store::PutFeedState(const FeedStateRow& row) {
  sqlite::Statement& st = (*db_)[Query::kPutFeedState];
  sqlite::ScopedReset reset(st);
  st.BindText(1, row.url);
  st.BindText(2, row.etag);
  st.BindText(3, row.last_modified);
  st.BindInt(4, row.checked_at);
  return st.Run(row.url);
}

Result<std::optional<FeedStateRow>> Store::GetFeedState(std::string_view url) {
  sqlite::Statement& st = (*db_)[Query::kGetFeedState];
  sqlite::ScopedReset reset(st);
  st.BindText(1, url);
  ASSIGN_OR_RETURN(bool row, st.Step(url));
  if (!row) return std::optional<FeedStateRow>();
  FeedStateRow f;
  f.url = st.ColumnBytes(0);
  f.etag = st.ColumnBytes(1);
  f.last_modified = st.ColumnBytes(2);
  f.checked_at = st.ColumnInt(3);
  return std::optional<FeedStateRow>(std::move(f));
}

Status Store::MarkFeedItemSeen(std::string_view feed_url,
                               std::string_view item_key, UnixSeconds seen_at) {
  sqlite::Statement& st = (*db_)[Query::kMarkFeedItemSeen];
  sqlite::ScopedReset reset(st);
  st.BindText(1, feed_url);
  st.BindText(2, item_key);
  st.BindInt(3, seen_at);
  return st.Run(item_key);
}

Result<bool> Store::FeedItemSeen(std::string_view feed_url,
                                 std::string_view item_key) {
  sqlite::Statement& st = (*db_)[Query::kFeedItemSeen];
  sqlite::ScopedReset reset(st);
  st.BindText(1, feed_url);
  st.BindText(2, item_key);
  return st.Step(item_key);
}

// ---- Annotations ----

Status Store::PutAnnotations(std::string_view article_id, int version,
                             std::string_view json) {
  sqlite::Statement& st = (*db_)[Query::kPutAnnotations];
  sqlite::ScopedReset reset(st);
  st.BindText(1, article_id);
  st.BindInt(2, version);
  st.BindText(3, json);
  return st.Run(article_id);
}

Result<std::optional<std::string>> Store::GetAnnotations(
    std::string_view article_id, int version) {
  sqlite::Statement& st = (*db_)[Query::kGetAnnotations];
  sqlite::ScopedReset reset(st);
  st.BindText(1, article_id);
  st.BindInt(2, version);
  ASSIGN_OR_RETURN(bool row, st.Step(article_id));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.ColumnBytes(0));
}

// ---- StoreTransaction ----

Result<StoreTransaction> StoreTransaction::Begin(Store& store) {
  RETURN_IF_ERROR(store.Begin());
  return StoreTransaction(&store);
}

StoreTransaction::StoreTransaction(StoreTransaction&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)) {}

StoreTransaction::~StoreTransaction() {
  if (store_ != nullptr && store_->in_transaction()) {
    (void)store_->Rollback();  // nothing useful to do with a failure here
  }
}

Status StoreTransaction::Commit() {
  if (store_ == nullptr) {
    return Status::InvalidArgument("commit: transaction already finished");
  }
  RETURN_IF_ERROR(store_->Commit());
  store_ = nullptr;
  return Status::OK();
}

Status StoreTransaction::Rollback() {
  if (store_ == nullptr) {
    return Status::InvalidArgument("rollback: transaction already finished");
  }
  Store* store = std::exchange(store_, nullptr);
  return store->Rollback();
}

}  // namespace newsloom
