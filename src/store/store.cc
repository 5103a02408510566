#include "store/store.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <set>
#include <utility>

#include "base/ascii.h"
#include "base/utf8.h"
#include "store/backend.h"
#include "store/fts_query.h"

namespace newsloom {

Result<UnixSeconds> ParseFilterDay(std::string_view text, std::string_view what) {
  Result<UnixSeconds> t = ParseIsoTime(text);
  if (text.size() != 10 || !t.ok()) {
    return Status::InvalidArgument(std::string(what) + " \"" + std::string(text) +
                                   "\" is not an ISO day (YYYY-MM-DD)");
  }
  return *t;
}

Status CheckLanguageCode(std::string_view text, std::string_view what) {
  if ((text.size() == 2 || text.size() == 3) &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return Status::OK();
  }
  return Status::InvalidArgument(std::string(what) + " \"" + std::string(text) +
                                 "\" is not an ISO 639 code (en, da, ...)");
}

namespace {

using store::Query;
using store::ScopedReset;

StoredArticle ReadArticle(const store::Statement& st) {
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
  if (const std::optional<int64_t> offset = st.ColumnOptionalInt(15);
      offset && IsTakenUtcOffset(*offset)) {
    a.published_offset = static_cast<int>(*offset);
  }
  return s;
}

DuplicateRow ReadDuplicate(const store::Statement& st) {
  DuplicateRow d;
  d.article_id = st.ColumnBytes(0);
  d.canonical_id = st.ColumnBytes(1);
  d.matched_id = st.ColumnBytes(2);
  d.kind = st.ColumnBytes(3);
  d.similarity = st.ColumnDouble(4);
  return d;
}

EventRow ReadEvent(const store::Statement& st) {
  EventRow e;
  e.id = st.ColumnInt(0);
  e.story_id = st.ColumnInt(1);
  e.title = st.ColumnBytes(2);
  e.first_published = st.ColumnOptionalInt(3);
  e.last_published = st.ColumnOptionalInt(4);
  e.article_count = st.ColumnInt(5);
  e.first_local = st.ColumnOptionalInt(6);
  e.last_local = st.ColumnOptionalInt(7);
  return e;
}

StoryRow ReadStory(const store::Statement& st) {
  StoryRow s;
  s.id = st.ColumnInt(0);
  s.title = st.ColumnBytes(1);
  s.first_published = st.ColumnOptionalInt(2);
  s.last_published = st.ColumnOptionalInt(3);
  s.event_count = st.ColumnInt(4);
  s.article_count = st.ColumnInt(5);
  s.first_local = st.ColumnOptionalInt(6);
  s.last_local = st.ColumnOptionalInt(7);
  return s;
}

// Runs a bound SELECT and reads every row with `read`.
template <typename T, typename ReadFn>
Result<std::vector<T>> ReadAll(store::Statement& st, std::string_view key,
                               ReadFn read) {
  std::vector<T> rows;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st.Step(key));
    if (!row) return rows;
    rows.push_back(read(st));
  }
}

// A LIMIT parameter: NULL (no limit) for 0.
std::optional<int64_t> Limit(size_t limit) {
  constexpr size_t kMax = std::numeric_limits<int64_t>::max();
  if (limit == 0) return std::nullopt;
  return static_cast<int64_t>(std::min(limit, kMax));
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

// Runs `query`, a DELETE by id ($1), and says NotFound when no row went.
Status DeleteRow(store::Backend* db, Query query, std::string_view what,
                 int64_t id, const std::string& path) {
  store::Statement& st = db->Get(query);
  ScopedReset reset(st);
  const std::string key = std::to_string(id);
  st.BindInt(1, id);
  RETURN_IF_ERROR(st.Run(key));
  if (st.Changes() == 0) return NotFoundIn(what, key, path);
  return Status::OK();
}

// Reads the one article a bound SELECT of article columns finds.
Result<StoredArticle> StepArticle(store::Statement& st, std::string_view key,
                                  const std::string& path) {
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return NotFoundIn("get article", key, path);
  return ReadArticle(st);
}

}  // namespace

std::string Store::DisplayLocation(const std::string& location) {
  return store::IsPostgresUri(location) ? store::RedactPassword(location)
                                        : location;
}

namespace store {

Status WriterTaken(std::string_view store, std::string_view pid) {
  return Status::IoError(
      "store " + std::string(store) + " " + std::string(Store::kWriterTaken) +
      (pid.empty() ? std::string() : " (pid " + std::string(pid) + ")") +
      "; a store has one writer at a time (each clusters from its own "
      "state): wait for it to finish, stop it, or give the running "
      "`newsloom serve` the articles (POST /api/articles, --watch-dir)");
}

Result<std::optional<int64_t>> Backend::InsertArticleRow(Statement& insert,
                                                         std::string_view id) {
  ASSIGN_OR_RETURN(bool row, insert.Step(id));
  if (!row) return std::optional<int64_t>();
  const int64_t seq = insert.ColumnInt(0);
  RETURN_IF_ERROR(insert.Run(id));  // finishes the statement
  return std::optional<int64_t>(seq);
}

}  // namespace store

Result<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                           const StoreOptions& options) {
  if (store::IsPostgresUri(path)) {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Backend> db,
                     store::OpenPostgres(path, options));
    return std::unique_ptr<Store>(new Store(DisplayLocation(path), std::move(db)));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<store::Backend> db,
                   store::OpenSqlite(path, options));
  return std::unique_ptr<Store>(new Store(path, std::move(db)));
}

Store::Store(std::string path, std::unique_ptr<store::Backend> db)
    : path_(std::move(path)), db_(std::move(db)) {}

Store::~Store() = default;

int Store::schema_version() const { return db_->schema_version(); }
Result<int> Store::StoredSchemaVersion() { return db_->StoredSchemaVersion(); }

const std::string& Store::path() const { return path_; }

// ---- Transactions ----

bool Store::in_transaction() const { return db_->in_transaction(); }

Status Store::Begin() {
  if (in_transaction()) {
    return Status::InvalidArgument("begin transaction on store " + path_ +
                                   ": a transaction is already open");
  }
  return db_->Begin();
}

Status Store::Commit() {
  if (!in_transaction()) {
    return Status::InvalidArgument("commit on store " + path_ +
                                   ": no transaction is open");
  }
  return db_->Commit();
}

Status Store::ClaimWriter() { return db_->ClaimWriter(); }

Status Store::BeginSnapshot() { return db_->BeginSnapshot(); }
Status Store::EndSnapshot() { return db_->EndSnapshot(); }

Result<std::optional<std::vector<std::string>>> Store::CheckPages(bool quick) {
  return db_->CheckPages(quick);
}

Result<std::optional<std::vector<std::string>>> Store::CheckTextIndex(bool quick) {
  return db_->CheckTextIndex(quick);
}

Status Store::RebuildTextIndex() {
  ASSIGN_OR_RETURN(StoreTransaction tx, StoreTransaction::Begin(*this));
  RETURN_IF_ERROR(db_->RebuildTextIndex());
  return tx.Commit();
}

Status Store::Rollback() {
  if (!in_transaction()) {
    return Status::InvalidArgument("rollback on store " + path_ +
                                   ": no transaction is open");
  }
  return db_->Rollback();
}

// ---- Articles ----

Result<bool> Store::HasArticle(std::string_view id) {
  store::Statement& st = db_->Get(Query::kHasArticle);
  ScopedReset reset(st);
  st.BindText(1, id);
  return st.Step(id);
}

Result<int64_t> Store::InsertArticle(const Article& a, int64_t event_id) {
  store::Statement& st = db_->Get(Query::kInsertArticle);
  ScopedReset reset(st);
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
  st.BindOptionalInt(14, a.published_offset);
  ASSIGN_OR_RETURN(std::optional<int64_t> seq, db_->InsertArticleRow(st, a.id));
  // SQLite fails the INSERT itself; PostgreSQL's skips the row (ON
  // CONFLICT DO NOTHING, so the transaction stays usable) and returns none.
  if (!seq) {
    return Status::InvalidArgument("insert article " + a.id +
                                   ": already stored (UNIQUE constraint on "
                                   "articles.id)");
  }
  RETURN_IF_ERROR(db_->ArticleInserted());
  return *seq;
}

Status Store::SetArticleEvent(std::string_view article_id, int64_t event_id) {
  store::Statement& st = db_->Get(Query::kSetArticleEvent);
  ScopedReset reset(st);
  st.BindText(1, article_id);
  st.BindInt(2, event_id);
  RETURN_IF_ERROR(st.Run(article_id));
  if (st.Changes() == 0) {
    return NotFoundIn("set event of article", article_id, path_);
  }
  return Status::OK();
}

Result<StoredArticle> Store::GetArticle(std::string_view id) {
  store::Statement& st = db_->Get(Query::kGetArticle);
  ScopedReset reset(st);
  st.BindText(1, id);
  return StepArticle(st, id, path_);
}

Result<std::vector<StoredArticle>> Store::ArticlesOfEvent(int64_t event_id) {
  store::Statement& st = db_->Get(Query::kArticlesOfEvent);
  ScopedReset reset(st);
  st.BindInt(1, event_id);
  return ReadAll<StoredArticle>(st, std::to_string(event_id), ReadArticle);
}

Result<int64_t> Store::CountArticles() {
  store::Statement& st = db_->Get(Query::kCountArticles);
  ScopedReset reset(st);
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

Result<std::vector<StoredArticle>> Store::ArticlesCalled(std::string_view name,
                                                         size_t limit) {
  store::Statement& st = db_->Get(Query::kArticlesCalled);
  ScopedReset reset(st);
  st.BindText(1, name);
  st.BindOptionalInt(2, Limit(limit));
  return ReadAll<StoredArticle>(st, name, ReadArticle);
}

Result<StoredArticle> Store::GetArticleBySeq(int64_t seq) {
  store::Statement& st = db_->Get(Query::kGetArticleBySeq);
  ScopedReset reset(st);
  const std::string key = "seq " + std::to_string(seq);
  st.BindInt(1, seq);
  return StepArticle(st, key, path_);
}

// ---- Duplicates ----

Status Store::PutDuplicate(const DuplicateRow& row) {
  store::Statement& st = db_->Get(Query::kPutDuplicate);
  ScopedReset reset(st);
  st.BindText(1, row.article_id);
  st.BindText(2, row.canonical_id);
  st.BindText(3, row.matched_id);
  st.BindText(4, row.kind);
  st.BindDouble(5, row.similarity);
  return st.Run(row.article_id);
}

Result<std::optional<DuplicateRow>> Store::GetDuplicate(
    std::string_view article_id) {
  store::Statement& st = db_->Get(Query::kGetDuplicate);
  ScopedReset reset(st);
  st.BindText(1, article_id);
  ASSIGN_OR_RETURN(bool row, st.Step(article_id));
  if (!row) return std::optional<DuplicateRow>();
  return std::optional<DuplicateRow>(ReadDuplicate(st));
}

Result<std::vector<DuplicateRow>> Store::DuplicatesOf(
    std::string_view canonical_id) {
  store::Statement& st = db_->Get(Query::kDuplicatesOf);
  ScopedReset reset(st);
  st.BindText(1, canonical_id);
  return ReadAll<DuplicateRow>(st, canonical_id, ReadDuplicate);
}

// ---- Events and stories ----

Status Store::PutEvent(const EventRow& row) {
  RETURN_IF_ERROR(RequirePositiveId("put event", row.id));
  store::Statement& st = db_->Get(Query::kPutEvent);
  ScopedReset reset(st);
  st.BindInt(1, row.id);
  st.BindInt(2, row.story_id);
  st.BindText(3, row.title);
  st.BindOptionalInt(4, row.first_published);
  st.BindOptionalInt(5, row.last_published);
  st.BindInt(6, row.article_count);
  st.BindOptionalInt(7, row.first_local);
  st.BindOptionalInt(8, row.last_local);
  return st.Run(std::to_string(row.id));
}

Status Store::PutStory(const StoryRow& row) {
  RETURN_IF_ERROR(RequirePositiveId("put story", row.id));
  store::Statement& st = db_->Get(Query::kPutStory);
  ScopedReset reset(st);
  st.BindInt(1, row.id);
  st.BindText(2, row.title);
  st.BindOptionalInt(3, row.first_published);
  st.BindOptionalInt(4, row.last_published);
  st.BindInt(5, row.event_count);
  st.BindInt(6, row.article_count);
  st.BindOptionalInt(7, row.first_local);
  st.BindOptionalInt(8, row.last_local);
  return st.Run(std::to_string(row.id));
}

Status Store::DeleteStory(int64_t id) {
  return DeleteRow(db_.get(), Query::kDeleteStory, "delete story", id, path_);
}

Status Store::DeleteEvent(int64_t id) {
  return DeleteRow(db_.get(), Query::kDeleteEvent, "delete event", id, path_);
}

Status Store::PutMerged(Merged kind, int64_t id, int64_t into) {
  const bool event = kind == Merged::kEvent;
  const char* what = event ? "record merged event" : "record merged story";
  RETURN_IF_ERROR(RequirePositiveId(what, id));
  RETURN_IF_ERROR(RequirePositiveId(what, into));
  store::Statement& st =
      db_->Get(event ? Query::kPutMergedEvent : Query::kPutMergedStory);
  ScopedReset reset(st);
  st.BindInt(1, id);
  st.BindInt(2, into);
  return st.Run(std::to_string(id));
}

Result<int64_t> Store::MergedInto(Merged kind, int64_t id) {
  const bool event = kind == Merged::kEvent;
  const char* what = event ? "look up merged event" : "look up merged story";
  store::Statement& st =
      db_->Get(event ? Query::kMergedEventInto : Query::kMergedStoryInto);
  int64_t at = id;
  for (int step = 0; step <= 64; ++step) {
    ScopedReset reset(st);
    const std::string key = std::to_string(at);
    st.BindInt(1, at);
    ASSIGN_OR_RETURN(bool row, st.Step(key));
    if (!row) {
      if (at == id) return NotFoundIn(what, key, path_);
      return at;
    }
    at = st.ColumnInt(0);
  }
  return Status::Corruption(std::string(what) + " " + std::to_string(id) +
                            ": merged into one another in a loop in store " +
                            path_);
}

Status Store::ForgetMerged(Merged kind, int64_t id) {
  const bool event = kind == Merged::kEvent;
  store::Statement& st =
      db_->Get(event ? Query::kForgetMergedEvent : Query::kForgetMergedStory);
  ScopedReset reset(st);
  st.BindInt(1, id);
  return st.Run(std::to_string(id));
}

Result<EventRow> Store::GetEvent(int64_t id) {
  store::Statement& st = db_->Get(Query::kGetEvent);
  ScopedReset reset(st);
  const std::string key = std::to_string(id);
  st.BindInt(1, id);
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return NotFoundIn("get event", key, path_);
  return ReadEvent(st);
}

Result<StoryRow> Store::GetStory(int64_t id) {
  store::Statement& st = db_->Get(Query::kGetStory);
  ScopedReset reset(st);
  const std::string key = std::to_string(id);
  st.BindInt(1, id);
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return NotFoundIn("get story", key, path_);
  return ReadStory(st);
}

Result<std::vector<EventRow>> Store::EventsOfStory(int64_t story_id) {
  store::Statement& st = db_->Get(Query::kEventsOfStory);
  ScopedReset reset(st);
  st.BindInt(1, story_id);
  return ReadAll<EventRow>(st, std::to_string(story_id), ReadEvent);
}

Result<std::vector<StoryRow>> Store::ListStories(size_t limit) {
  store::Statement& st = db_->Get(Query::kListStories);
  ScopedReset reset(st);
  st.BindOptionalInt(1, Limit(limit));
  return ReadAll<StoryRow>(st, {}, ReadStory);
}

// ---- Search ----

Result<std::vector<StoryRow>> Store::FindStories(
    const StoryFilter& filter, const std::optional<StoryCursor>& after,
    size_t limit) {
  unsigned conditions = 0;
  if (!filter.query.empty()) conditions |= store::kByQuery;
  if (!filter.entity.empty()) conditions |= store::kByEntity;
  if (!filter.lang.empty()) conditions |= store::kByLang;
  if (!filter.source.empty()) conditions |= store::kBySource;
  if (filter.since) conditions |= store::kBySince;
  if (filter.until) conditions |= store::kByUntil;
  if (after) conditions |= store::kByCursor;
  ASSIGN_OR_RETURN(store::Statement * search, db_->StorySearch(conditions));
  // Bound without a copy: it lives until the rows are read.
  std::string lone_exclusion;
  const std::string query = store::PhrasesForPunctuatedWords(filter.query, &lone_exclusion);
  if (!lone_exclusion.empty()) {
    const std::string word = lone_exclusion.substr(1);
    return Status::InvalidArgument(
        "search query \"" + filter.query + "\": " + lone_exclusion + " leaves out stories with " +
        word + ", but nothing before it says what to search for; write a word first (\"flood " +
        lone_exclusion + "\")");
  }
  store::Statement& st = *search;
  ScopedReset reset(st);
  st.BindText(1, query);
  st.BindText(2, filter.entity);
  st.BindText(3, filter.lang);
  st.BindText(4, filter.source);
  st.BindOptionalInt(5, filter.since);
  st.BindOptionalInt(6, filter.until);
  st.BindOptionalInt(7, after ? after->last_published : std::nullopt);
  st.BindInt(8, after ? after->id : 0);
  st.BindInt(9, after && !after->last_published ? 1 : 0);
  st.BindOptionalInt(10, Limit(limit));
  Result<std::vector<StoryRow>> rows = ReadAll<StoryRow>(st, {}, ReadStory);
  if (!rows.ok() && (conditions & store::kByQuery)) {
    Status failed = db_->SearchFailed(rows.status(), filter.query);
    // The query as typed, not as rewritten (ToTsQuery quotes what it read).
    const std::string rewritten = "\"" + query + "\"";
    if (query != filter.query && failed.code() == Status::Code::kInvalidArgument) {
      std::string message = failed.message();
      if (const size_t at = message.find(rewritten); at != std::string::npos) {
        message.replace(at, rewritten.size(), "\"" + filter.query + "\"");
        failed = Status::InvalidArgument(message);
      }
    }
    return failed;
  }
  return rows;
}

Result<int64_t> Store::CountStories() {
  store::Statement& st = db_->Get(Query::kCountStories);
  ScopedReset reset(st);
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

Result<StoryFacets> Store::GetStoryFacets(int64_t story_id) {
  StoryFacets facets;
  const std::string key = std::to_string(story_id);
  auto read = [](const store::Statement& st) { return st.ColumnBytes(0); };
  {
    store::Statement& st = db_->Get(Query::kStoryLanguages);
    ScopedReset reset(st);
    st.BindInt(1, story_id);
    ASSIGN_OR_RETURN(facets.languages, ReadAll<std::string>(st, key, read));
  }
  store::Statement& st = db_->Get(Query::kStorySources);
  ScopedReset reset(st);
  st.BindInt(1, story_id);
  ASSIGN_OR_RETURN(facets.sources, ReadAll<std::string>(st, key, read));
  return facets;
}

Status Store::PutArticleEntities(std::string_view article_id,
                                 const std::vector<EntityMentionRow>& rows) {
  {
    store::Statement& st = db_->Get(Query::kDeleteArticleEntities);
    ScopedReset reset(st);
    st.BindText(1, article_id);
    RETURN_IF_ERROR(st.Run(article_id));
  }
  store::Statement& st = db_->Get(Query::kInsertArticleEntity);
  for (const EntityMentionRow& r : rows) {
    if (r.article_id != article_id) {
      return Status::InvalidArgument(
          "put entities of article " + std::string(article_id) +
          ": a row names article " + r.article_id);
    }
    ScopedReset reset(st);
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

namespace {

// The rows of kEntityMentions and kEntitiesNamed (whose article_id, form
// and lang are "").
Result<std::vector<EntityMentionRow>> ReadEntityRows(store::Statement& st,
                                                     std::string_view what, size_t limit) {
  ScopedReset reset(st);
  st.BindText(1, what);
  st.BindOptionalInt(2, Limit(limit));
  return ReadAll<EntityMentionRow>(st, what, [](const store::Statement& st) {
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

}  // namespace

Result<std::vector<EntityMentionRow>> Store::EntityMentions(
    std::string_view key, size_t limit) {
  return ReadEntityRows(db_->Get(Query::kEntityMentions), key, limit);
}

Result<std::string> Store::EntityKeyFor(std::string_view text,
                                        std::vector<EntityMentionRow>* named) {
  ASSIGN_OR_RETURN(std::vector<EntityMentionRow> known, EntityMentions(text, 1));
  if (!known.empty()) return std::string(text);
  // No entity is named by bytes that are not text (PostgreSQL would refuse
  // them where SQLite finds nothing).
  if (!IsValidUtf8(text) || text.find('\0') != std::string_view::npos) {
    return std::string(text);
  }
  ASSIGN_OR_RETURN(std::vector<EntityMentionRow> rows, EntitiesNamed(text, 0));
  std::set<std::string> keys, exact;
  const std::string lower = AsciiLowerCopy(text);
  for (const EntityMentionRow& e : rows) {
    keys.insert(e.key);
    if (AsciiLowerCopy(e.name) == lower) exact.insert(e.key);
  }
  if (keys.size() > 1 && exact.size() == 1) keys = exact;
  std::string out = keys.size() == 1 ? *keys.begin() : std::string(text);
  if (keys.size() > 1) {
    std::string which;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i == 6) {
        which += "\n  ... and " + std::to_string(rows.size() - i) + " more";
        break;
      }
      which += "\n  " + PrintableText(rows[i].key) + "  " + PrintableText(rows[i].name) +
               " (" + rows[i].type + ")";
    }
    return Status::InvalidArgument("entity \"" + PrintableText(Abbreviate(text, 80)) +
                                   "\" names more than one entity; give its key:" + which);
  }
  if (named != nullptr) *named = std::move(rows);
  return out;
}

Result<std::vector<EntityMentionRow>> Store::EntitiesNamed(std::string_view name,
                                                           size_t limit) {
  return ReadEntityRows(db_->Get(Query::kEntitiesNamed), name, limit);
}

// ---- State ----

Status Store::PutState(std::string_view key, std::string_view blob) {
  store::Statement& st = db_->Get(Query::kPutState);
  ScopedReset reset(st);
  st.BindText(1, key);
  st.BindBlob(2, blob);
  return st.Run(key);
}

Status Store::DeleteState(std::string_view key) {
  store::Statement& st = db_->Get(Query::kDeleteState);
  ScopedReset reset(st);
  st.BindText(1, key);
  return st.Run(key);
}

Result<std::optional<std::string>> Store::GetState(std::string_view key) {
  store::Statement& st = db_->Get(Query::kGetState);
  ScopedReset reset(st);
  st.BindText(1, key);
  ASSIGN_OR_RETURN(bool row, st.Step(key));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.ColumnBytes(0));
}

// ---- Feeds ----

Status Store::PutFeedState(const FeedStateRow& row) {
  store::Statement& st = db_->Get(Query::kPutFeedState);
  ScopedReset reset(st);
  st.BindText(1, row.url);
  st.BindText(2, row.etag);
  st.BindText(3, row.last_modified);
  st.BindInt(4, row.checked_at);
  return st.Run(row.url);
}

Result<std::optional<FeedStateRow>> Store::GetFeedState(std::string_view url) {
  store::Statement& st = db_->Get(Query::kGetFeedState);
  ScopedReset reset(st);
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
  store::Statement& st = db_->Get(Query::kMarkFeedItemSeen);
  ScopedReset reset(st);
  st.BindText(1, feed_url);
  st.BindText(2, item_key);
  st.BindInt(3, seen_at);
  return st.Run(item_key);
}

Result<bool> Store::FeedItemSeen(std::string_view feed_url,
                                 std::string_view item_key) {
  store::Statement& st = db_->Get(Query::kFeedItemSeen);
  ScopedReset reset(st);
  st.BindText(1, feed_url);
  st.BindText(2, item_key);
  return st.Step(item_key);
}

// ---- Annotations ----

Status Store::PutAnnotations(std::string_view article_id, int version,
                             std::string_view json) {
  store::Statement& st = db_->Get(Query::kPutAnnotations);
  ScopedReset reset(st);
  st.BindText(1, article_id);
  st.BindInt(2, version);
  st.BindText(3, json);
  return st.Run(article_id);
}

Result<std::optional<std::string>> Store::GetAnnotations(
    std::string_view article_id, int version) {
  store::Statement& st = db_->Get(Query::kGetAnnotations);
  ScopedReset reset(st);
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
