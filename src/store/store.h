// Store: newsloom's database of articles, events, stories and the
// clusterer's persisted state, kept in one SQLite file (the default), or in
// a PostgreSQL database for teams that run several readers:
//
//   Store::Open("news.db")                                  // SQLite
//   Store::Open("postgresql://newsloom@dbhost/news")         // PostgreSQL
//
// Both back-ends keep the same contract, everything documented below, and
// pass the same tests (store_test.cc, StoreContract). Where PostgreSQL
// differs, the comment says "On PostgreSQL"; postgres.cc has the details.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open("news.db"));
//   RETURN_IF_ERROR(store->Begin());
//   for (const Article& a : batch) {
//     ASSIGN_OR_RETURN(bool seen, store->HasArticle(a.id));
//     if (!seen) RETURN_IF_ERROR(store->InsertArticle(a, 0).status());
//   }
//   RETURN_IF_ERROR(store->Commit());
//
// Outside Begin()/Commit() every call is its own transaction. Ingest should
// batch writes inside one: measured on the dev VM (ext4), 10,000 inserts of
// 2 KB take ~0.13 s plus ~0.2-0.3 s for the commit (WAL write and
// checkpoint) in one transaction, but ~1.4 s as 10,000 separate commits.
//
// The file layout and its versioning are documented in SCHEMA.md next to
// this header. A store refuses files written by a newer newsloom.
//
// Rows are plain values: the store keeps what callers put, and computes
// nothing (an event's article_count is whatever the clusterer last wrote).
// References between rows (article -> event -> story) are not enforced by
// the database, since the clusterer writes them in its own order; keeping
// them consistent is the clusterer's job.
//
// Thread safety: a Store is thread-compatible. One Store is one SQLite
// connection; use it from one thread at a time (or lock around it). For
// concurrency open one Store per thread or process on the same file: in WAL
// mode readers never block the single writer nor each other, and a writer
// waits up to StoreOptions::busy_timeout_ms for another writer before
// failing with an IoError ("... database is locked"). PostgreSQL behaves
// the same: one connection per Store, readers never blocked, one writer at
// a time per store (Begin takes an advisory lock; so does a write made
// outside Begin/Commit, for its own transaction).
#ifndef NEWSLOOM_STORE_STORE_H_
#define NEWSLOOM_STORE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "base/time.h"

namespace newsloom {

// One event: articles about the same happening. Ids are positive and chosen
// by the clusterer; 0 means "none".
struct EventRow {
  int64_t id = 0;
  int64_t story_id = 0;
  std::string title;
  std::optional<UnixSeconds> first_published, last_published;  // over its dated articles
  int64_t article_count = 0;
  // The earliest and latest local times of its dated articles (since
  // schema 11: ExtendLocalSpan, base/time.h), whose days are its first and
  // last days; none when undated, or read from a store of schema 11 or
  // older without them (the upgrade to 12 gives them from the articles).
  // FirstDay/LastDay fall back on the instants.
  std::optional<UnixSeconds> first_local, last_local;
  std::optional<UnixSeconds> FirstDay() const { return first_local ? first_local : first_published; }
  std::optional<UnixSeconds> LastDay() const { return last_local ? last_local : last_published; }
};

// One story: a chain of related events over time.
struct StoryRow {
  int64_t id = 0;
  std::string title;
  std::optional<UnixSeconds> first_published, last_published;
  int64_t event_count = 0;
  int64_t article_count = 0;
  std::optional<UnixSeconds> first_local, last_local;  // as EventRow's
  std::optional<UnixSeconds> FirstDay() const { return first_local ? first_local : first_published; }
  std::optional<UnixSeconds> LastDay() const { return last_local ? last_local : last_published; }
};

struct StoredArticle {
  Article article;       // all Article fields round-trip (id, input, external_id, source, url, title, text,
                         // published (nullable), lang, lang_confidence, gold_event, gold_story)
  int64_t event_id = 0;  // 0 when not yet clustered
  int64_t seq = 0;       // ingest order, assigned by the store (1, 2, ...)
  UnixSeconds ingested_at = 0;  // wall-clock time of the insert
};

// An article that copies another (src/dedup/detector.h): the canonical
// (first seen) article of its duplicate group, the article its kind and
// similarity refer to (the canonical, or another member of the group), the
// kind ("exact", "near", "contains", "contained") and the similarity.
struct DuplicateRow {
  std::string article_id;
  std::string canonical_id;
  std::string matched_id;
  std::string kind;
  double similarity = 0;
};

// What `newsloom watch` keeps about one feed between runs (since schema
// version 3): the validators of its last successful fetch, sent back as
// If-None-Match / If-Modified-Since, and when that was.
struct FeedStateRow {
  std::string url;            // the feed's address as listed
  std::string etag;           // the ETag response header, or ""
  std::string last_modified;  // the Last-Modified response header, or ""
  UnixSeconds checked_at = 0;
};

// One form of one entity in one article (since schema version 5), written
// from the article's annotations (engine/annotations.h) so that stories can
// be found by entity: the entity's key and display name and type as the
// annotator gave them, the words the article used (`form`), the article's
// language, and how often the article used that form.
struct EntityMentionRow {
  std::string key;         // "@fr", "emanuel makron"
  std::string article_id;
  std::string form;        // as written: "Frankrig", "Macron"
  std::string lang;        // the article's language
  std::string name;        // display name: "France", "Emmanuel Macron"
  std::string type;        // PER, ORG, LOC, MISC
  int64_t mentions = 0;    // times this article wrote `form`
};

// What FindStories keeps. Every field is optional ("" or nullopt: no
// condition); the conditions combine with AND. A story matches the
// conditions on articles (query, entity, lang, source) when one of its
// articles meets all of them.
struct StoryFilter {
  // SQLite FTS5 query over the titles and texts of articles
  // (https://sqlite.org/fts5.html#full_text_query_syntax): words, "a
  // phrase", prefix*, AND/OR/NOT, NEAR(...), title:word. Case and
  // diacritics are ignored ("koln" finds "Köln"). A word with punctuation
  // inside is a phrase of its parts ("U.S.", "covid-19": fts_query.h
  // PhrasesForPunctuatedWords). A malformed query makes
  // FindStories return InvalidArgument naming it. On PostgreSQL the same
  // language less NEAR and ^ (fts_query.h translates it to a tsquery), and
  // diacritics are ignored when the server has the unaccent extension.
  std::string query;
  std::string entity;  // an entity key (EntityMentionRow::key)
  std::string lang;    // an article language (Article::lang)
  std::string source;  // an article source (Article::source), exactly
  // A story's first and last days (StoryRow::FirstDay, LastDay: the days
  // its outlets dated its articles) against the first second of a day as
  // UTC (ParseFilterDay): a story whose last article is 23:30 -05:00 on 14
  // February ends on the 14th.
  std::optional<UnixSeconds> since;  // LastDay() >= since
  std::optional<UnixSeconds> until;  // FirstDay() < until
};

// A filter's values as people give them, checked the same way by
// `newsloom stories` and GET /api/stories; `what` names the value in the
// error ("--since", "parameter since"). An ISO day (YYYY-MM-DD, exactly):
// its first second, UTC.
Result<UnixSeconds> ParseFilterDay(std::string_view text, std::string_view what);
// OK when `text` is an ISO 639 code (two or three letters a-z), else
// InvalidArgument naming it.
Status CheckLanguageCode(std::string_view text, std::string_view what);

// A place in the list of stories (newest activity first): FindStories
// returns the stories after it. Taken from the last story of a page.
struct StoryCursor {
  std::optional<UnixSeconds> last_published;
  int64_t id = 0;
};

// The languages and sources of a story's articles (since schema 5), most
// articles first (then by name); empty ones left out.
struct StoryFacets {
  std::vector<std::string> languages;
  std::vector<std::string> sources;
};

struct StoreOptions {
  // Create the file when it does not exist; otherwise Open() returns
  // NotFound for a missing file.
  bool create_if_missing = true;

  // How long a write waits for another connection's write transaction
  // before failing with IoError "... database is locked — database is
  // locked by another process: ...".
  int busy_timeout_ms = 5000;

  // Open for reading only (SQLITE_OPEN_READONLY), as `stories` and `show`
  // do: a read-only file can be read, the file is never changed (no WAL
  // switch, no migration: a schema older than 6 gives NotSupported "store
  // PATH has schema version N, older than ...: run `newsloom ingest` on it
  // once to upgrade it", and version 6 is read as it is), and Begin() and
  // every write return IoError naming the file ("... PATH is read-only
  // ...").
  bool read_only = false;

  // Largest size the file may grow to, in bytes (rounded up to whole
  // pages); 0 = no cap but SQLite's own. A write past it fails exactly as
  // on a full disk (SQLITE_FULL: IoError "... database or disk is full —
  // the disk holding PATH is full ..."), which is how tests simulate a full
  // disk. Applies to this connection only; it is not stored in the file.
  // Ignored on PostgreSQL.
  uint64_t max_file_bytes = 0;

  // Page cache of a writing SQLite connection, in KiB (PRAGMA cache_size
  // = -N; SQLite's own default is 2,000 KiB). The inserts of a long ingest
  // land all over the id index and the full-text index, so a small cache
  // re-reads their pages from the OS at every commit. Readers keep
  // SQLite's default. Ignored on PostgreSQL.
  int64_t writer_cache_kib = 64 * 1024;

  // Claim the store as its one writer (ClaimWriter) as it is opened, before
  // its schema is created or migrated: a process that is then refused has
  // changed nothing. Engines' stores are opened so (OpenEngine). On
  // PostgreSQL ClaimWriter() claims it when called, and Open before it
  // upgrades an older schema (a new one is created under the writer's
  // transaction lock).
  bool claim_writer = false;
};

namespace store {
class Backend;  // backend.h
}

class Store {
 public:
  static constexpr int kSchemaVersion = 12;

  // Opens or creates the store at `path` (":memory:" for a private
  // in-memory store, which keeps no full-text index: FindStories with a
  // query finds nothing there; `eval`, `cluster` and the like never
  // search). Sets WAL mode (file stores), foreign keys on,
  // synchronous=NORMAL, busy timeout. Creates the schema or migrates an
  // older one step by step, in one transaction. Errors, each naming `path`:
  //   NotSupported  a newer schema: "store PATH has schema version N; this
  //                 newsloom supports up to M — upgrade newsloom"; one
  //                 older than 6 with options.read_only; or WAL could not
  //                 be enabled
  //   Corruption    the file is not a SQLite database
  //   InvalidArgument  a SQLite database of another application; empty path
  //   NotFound      missing file and !options.create_if_missing
  //   IoError       the file cannot be opened or created (missing or
  //                 unwritable directory, permissions); the file can only
  //                 be read (permissions, read-only file system) and
  //                 !options.read_only; another process holds the write
  //                 lock past busy_timeout_ms while the file needs creating
  //                 or migrating
  // Every error from SQLite ends in advice naming the file and what to do
  // (sqlite::Advice in sqlite.h): a full disk, a read-only file, a lock held
  // by another process, a damaged file. Open never writes to a file it
  // refuses: a damaged or foreign file is left byte for byte as it was.
  //
  // On PostgreSQL `path` is a libpq URI ("postgresql://" or "postgres://";
  // https://www.postgresql.org/docs/current/libpq-connect.html). The tables
  // live in the connection's current schema and are created, at the
  // current schema version, when it has none, and an older one is upgraded
  // unless read_only, as on SQLite (NotFound instead when
  // !create_if_missing; NotSupported when read_only). The database must be
  // UTF8 (else NotSupported). Errors: IoError when the server cannot be
  // reached or refuses the login; InvalidArgument when the schema holds
  // tables named like newsloom's that are not a store; NotSupported for a
  // newer schema version. Messages name the URI without its password.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The schema version of the open store: kSchemaVersion after Open, but
  // the store's own for one of version 6 to 11 opened read-only (SQLite; 5
  // to 11 on PostgreSQL), which is read as it is and not upgraded
  // (SCHEMA.md).
  int schema_version() const;
  // The version the store holds now, read from it: above schema_version()
  // once another process has upgraded a store this one opened read-only
  // (which keeps reading it as it was until opened again).
  Result<int> StoredSchemaVersion();
  // The path given to Open(), or for PostgreSQL its URI without the
  // password (DisplayLocation). Messages name the store by it.
  const std::string& path() const;
  // How a store opened at `location` names itself: `location`, less any
  // password of a PostgreSQL URI.
  static std::string DisplayLocation(const std::string& location);

  // ---- Transactions ----
  // Everything between Begin and Commit is atomic; ingest commits in
  // batches. On PostgreSQL a statement that fails inside a transaction
  // aborts all of it (the server's rule): Commit then rolls back and
  // returns IoError saying so, so nothing is ever half-committed; the same
  // when the server dropped the connection during the transaction (the
  // store connects again for the next one). Begin takes the write lock at once (BEGIN IMMEDIATE), so a
  // second writer waits in Begin rather than failing half-way through.
  // On a read-only store Begin returns IoError ("... PATH is read-only").
  // Transactions do not nest: Begin while one is open, and Commit or
  // Rollback while none is, return InvalidArgument. Destroying a Store with
  // an open transaction rolls it back. See also StoreTransaction below.
  Status Begin();
  Status Commit();
  Status Rollback();

  // Makes this store the one writer of its file or schema until it is
  // destroyed: the clustering state lives in the writing process, so two
  // processes clustering into one store would each number events and
  // stories from their own state and overwrite each other's rows.
  // Engine::Open claims it. A file store takes an exclusive flock(2) on
  // PATH-writer (created beside the file and left there, like -shm; the
  // lock ends with the process, so a kill leaves none behind) and writes
  // its pid into it; PostgreSQL takes a session advisory lock keyed by the
  // schema (taken again when the connection is made again). No-op for
  // ":memory:" and for a store opened read-only; idempotent. Error:
  // IoError naming the store, the pid holding it when known, and what to
  // do (wait for it, stop it, or give a running `serve` the articles).
  Status ClaimWriter();

  // Reads between BeginSnapshot() and EndSnapshot() all see the store as
  // it was at the first of them, whatever other processes commit meanwhile
  // (a deferred transaction on SQLite, REPEATABLE READ on PostgreSQL). For
  // readers that must see one consistent store (`newsloom check`); not
  // inside Begin()/Commit(), and no writes in between.
  Status BeginSnapshot();
  Status EndSnapshot();

  // The damage SQLite finds in the file: PRAGMA integrity_check, which
  // reads every page and checks every index against its table (seconds
  // per GB), or with `quick` PRAGMA quick_check, which skips the index
  // comparison. One line per problem, at most 100 (and one for a check
  // SQLite had to stop); empty when the file is sound. nullopt on
  // PostgreSQL, whose server checks its own pages (data checksums, amcheck).
  Result<std::optional<std::vector<std::string>>> CheckPages(bool quick);
  // Whether the full-text index that search reads (`GET /api/search`)
  // holds every stored article as it was indexed, read without writing
  // (FTS5's own 'integrity-check' is an INSERT, which would take the store's
  // write lock for the whole check):
  //   - it holds articles 1..N, N the last stored one, each once;
  //   - unless `quick`, every entry of the index can be read, and the words
  //     it holds for each article are as many as were counted when the
  //     article was indexed;
  //   - up to 1,000 articles spread over the store, indexed again in a
  //     scratch index, give as many words as the index recorded for them
  //     (an index built from other texts shows here).
  // Problems as lines (at most about 100), empty when sound. nullopt where
  // there is nothing of ours to check: PostgreSQL (the server keeps its GIN
  // index with the rows), an in-memory store (it keeps no index). Call it
  // inside BeginSnapshot()/EndSnapshot() when a writer may be running.
  Result<std::optional<std::vector<std::string>>> CheckTextIndex(bool quick);
  // How CheckTextIndex's line opens when the index's tables are gone
  // (RebuildTextIndex cannot make them).
  static constexpr std::string_view kTextIndexMissing =
      "the index's table articles_fts or fts_progress is missing";
  // Makes the full-text index again from the stored articles, in one
  // transaction (a few seconds per 100,000 articles), and marks them all
  // indexed: what `newsloom check --rebuild-search-index` does when
  // CheckTextIndex found problems. Open the store with claim_writer.
  // Errors: NotSupported on PostgreSQL (REINDEX INDEX articles_fts is the
  // server's); the store's write errors.
  Status RebuildTextIndex();
  // The words every ClaimWriter refusal holds, for callers that wait for
  // the writer to go (serve's writer retries on it).
  static constexpr std::string_view kWriterTaken =
      "is being written by another newsloom process";
  // True between a successful Begin() and Commit()/Rollback() (or until
  // SQLite rolled the transaction back itself after a disk-full or I/O
  // error; the failing call reported that error).
  bool in_transaction() const;

  // ---- Articles ----
  // Whether an article with this id is stored.
  Result<bool> HasArticle(std::string_view id);

  // Inserts a new article with the given event (0 = not yet clustered) and
  // returns the seq it got: one more than the largest stored seq (1 for the
  // first article). All strings are stored byte-exact, embedded NULs
  // included. Its title and text are searchable (FindStories) once the
  // transaction commits, or at once outside a transaction.
  // REQUIRES: !HasArticle(article.id). Violations return InvalidArgument
  // ("insert article ID: UNIQUE constraint failed: articles.id") and leave
  // the stored row unchanged; the store never silently replaces an article.
  Result<int64_t> InsertArticle(const Article& article, int64_t event_id);

  // Moves an article to `event_id` (0 = unclustered). NotFound when absent.
  Status SetArticleEvent(std::string_view article_id, int64_t event_id);

  // The stored article; NotFound when absent.
  Result<StoredArticle> GetArticle(std::string_view id);

  // The articles whose input id (Article::external_id: a JSONL "id") or URL
  // is `name`, in ingest order, at most `limit` (0 = all); empty when none
  // (and for ""). Indexed since schema 8; a store of schema 6 or 7 opened
  // read-only is read whole.
  Result<std::vector<StoredArticle>> ArticlesCalled(std::string_view name,
                                                    size_t limit = 0);

  // The articles whose event_id is `event_id`, ordered by seq (ingest
  // order). ArticlesOfEvent(0) lists the unclustered ones. Empty when none.
  Result<std::vector<StoredArticle>> ArticlesOfEvent(int64_t event_id);

  Result<int64_t> CountArticles();

  // The article with this seq; NotFound when absent.
  Result<StoredArticle> GetArticleBySeq(int64_t seq);

  // ---- Duplicates ----
  // Records that row.article_id copies row.canonical_id; replaces the row
  // an article already has. Like events, references are not enforced.
  Status PutDuplicate(const DuplicateRow& row);
  // The row of `article_id`, or nullopt when it copies nothing.
  Result<std::optional<DuplicateRow>> GetDuplicate(std::string_view article_id);
  // The rows whose canonical is `canonical_id`, in ingest order of the
  // copies (those whose article is stored). Empty when none.
  Result<std::vector<DuplicateRow>> DuplicatesOf(std::string_view canonical_id);

  // ---- Events and stories ----
  // Insert or replace by id: after PutEvent(row), GetEvent(row.id) returns
  // a row equal to `row` field by field.
  // REQUIRES: row.id > 0 (else InvalidArgument).
  Status PutEvent(const EventRow& row);
  Status PutStory(const StoryRow& row);

  // Deletes a story (when merged away). Its events are not touched: the
  // caller re-points them with PutEvent. NotFound if absent, which callers
  // are free to ignore.
  Status DeleteStory(int64_t id);
  // Deletes an event row (left empty by a replay that moved its articles,
  // engine/engine.h). Its articles are not touched. NotFound if absent.
  Status DeleteEvent(int64_t id);

  // Where a merged event or story went. The clusterer's second look
  // merges an event that still holds its one article into another, and its
  // story with it when the story held no other event (EventMerge,
  // cluster/online_clusterer.h); the engine deletes their rows and records
  // here the id each went into, so that an id handed out earlier (an
  // ingest's answer, a link) still leads to its articles. Ids are never
  // reused. Insert or replace by id.
  // REQUIRES: id > 0 and into > 0 (else InvalidArgument).
  enum class Merged { kEvent, kStory };
  Status PutMerged(Merged kind, int64_t id, int64_t into);
  // The event (story) that `id` was merged into, followed through any
  // later merge of that one (at most 64 merges: a loop, which the engine
  // never writes, is Corruption). NotFound when `id` was never merged,
  // whether or not it exists. A store of schema 9 or older opened
  // read-only has no such record: NotFound.
  Result<int64_t> MergedInto(Merged kind, int64_t id);
  // Drops the record of `id`, if any: a replay after an upgrade (of
  // newsloom, of its model or options) may make an event or story again
  // under an id that the run before had merged away.
  Status ForgetMerged(Merged kind, int64_t id);

  // NotFound when absent.
  Result<EventRow> GetEvent(int64_t id);
  Result<StoryRow> GetStory(int64_t id);

  // The events of a story ordered by first_published (undated events
  // last), then id. Empty when none.
  Result<std::vector<EventRow>> EventsOfStory(int64_t story_id);

  // Newest activity first (last_published desc, NULLs last, then id desc).
  // limit 0 = all.
  Result<std::vector<StoryRow>> ListStories(size_t limit = 0);

  // ---- Feeds ----
  // Insert or replace the state of feed `row.url`.
  Status PutFeedState(const FeedStateRow& row);
  // The state of a feed, or nullopt when it was never put.
  Result<std::optional<FeedStateRow>> GetFeedState(std::string_view url);
  // Records that the item known by `item_key` (its guid/id, else its
  // link) of feed `feed_url` was taken. Marking an item again keeps the
  // first seen_at.
  Status MarkFeedItemSeen(std::string_view feed_url, std::string_view item_key,
                          UnixSeconds seen_at);
  // Whether MarkFeedItemSeen was called for this feed and key.
  Result<bool> FeedItemSeen(std::string_view feed_url,
                            std::string_view item_key);

  // ---- Annotations (schema 4) ----
  // The annotations of an article as JSON, written by annotator `version`
  // (replacing any earlier row of the article).
  Status PutAnnotations(std::string_view article_id, int version,
                        std::string_view json);
  // The JSON stored for the article by annotator `version`; nullopt when
  // there is none, or it was written by another version.
  Result<std::optional<std::string>> GetAnnotations(std::string_view article_id,
                                                    int version);

  // ---- Search (schema 5; index kept at commit since 6) ----
  // Stories that pass `filter`, newest activity first (as ListStories),
  // starting after `after` when given, at most `limit` (0 = all). Every
  // value is bound to a prepared statement, never spliced into SQL.
  // InvalidArgument for a malformed filter.query ("search query \"Q\":
  // fts5: syntax error near ...").
  Result<std::vector<StoryRow>> FindStories(
      const StoryFilter& filter, const std::optional<StoryCursor>& after,
      size_t limit);

  Result<int64_t> CountStories();

  // The distinct languages and sources of the articles of `story_id`.
  Result<StoryFacets> GetStoryFacets(int64_t story_id);

  // Replaces the entity rows of `article_id` with `rows` (whose
  // article_id must be `article_id`, else InvalidArgument).
  Status PutArticleEntities(std::string_view article_id,
                            const std::vector<EntityMentionRow>& rows);
  // Every row of entity `key`, in ingest order of their articles, at most
  // `limit` (0 = all). Empty when the key is unknown.
  Result<std::vector<EntityMentionRow>> EntityMentions(std::string_view key,
                                                       size_t limit = 0);
  // The entities whose name or a form of which is `name` (ASCII case
  // ignored: "paris" finds "@paris"), most often written first: rows with
  // key, name, type and, in `mentions`, the number of article rows that
  // name or write it so; at
  // most `limit` (0 = all). For a name typed where a key was expected:
  // indexed on SQLite since schema 8, a scan of the entity table on
  // PostgreSQL and in an older SQLite file opened read-only.
  Result<std::vector<EntityMentionRow>> EntitiesNamed(std::string_view name,
                                                      size_t limit = 0);

  // The entity key `text` stands for in StoryFilter::entity, where people
  // type a key ("@paris") or a name as `show` prints it ("Paris", "Hosni
  // Mubarak"): `text` itself when it is a key or names no entity; else the
  // key of the one entity it names, or among several the one whose name
  // it is (not those that have it as a form). InvalidArgument listing them
  // when it names several. `named` (may be null) gets EntitiesNamed's rows
  // when they were looked up.
  Result<std::string> EntityKeyFor(std::string_view text,
                                   std::vector<EntityMentionRow>* named = nullptr);

  // ---- State ----
  // Opaque named blobs (the clusterer's persisted state, versioned by its
  // owner). Any bytes, empty included. PutState replaces an existing key.
  Status PutState(std::string_view key, std::string_view blob);
  // The blob, or nullopt when the key was never put.
  Result<std::optional<std::string>> GetState(std::string_view key);
  // Forgets the key; nothing when it was never put.
  Status DeleteState(std::string_view key);

 private:
  Store(std::string path, std::unique_ptr<store::Backend> db);

  std::string path_;  // as given to Open, without a password
  std::unique_ptr<store::Backend> db_;  // the connection (backend.h)
};

// Scoped transaction: begins in Begin(), rolls back on destruction unless
// Commit() succeeded, so an early `return` on error never leaves a
// transaction open.
//
//   ASSIGN_OR_RETURN(StoreTransaction tx, StoreTransaction::Begin(*store));
//   RETURN_IF_ERROR(store->PutEvent(e));
//   RETURN_IF_ERROR(tx.Commit());
class StoreTransaction {
 public:
  // REQUIRES: `store` outlives the transaction.
  static Result<StoreTransaction> Begin(Store& store);
  StoreTransaction(StoreTransaction&& other) noexcept;
  StoreTransaction& operator=(StoreTransaction&&) = delete;
  ~StoreTransaction();

  Status Commit();
  Status Rollback();

 private:
  explicit StoreTransaction(Store* store) : store_(store) {}
  Store* store_;  // null once committed, rolled back or moved from
};

}  // namespace newsloom

#endif  // NEWSLOOM_STORE_STORE_H_
