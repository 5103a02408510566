// The SQLite back-end of the Store (backend.h): the default, one file
// (or a private ":memory:" database) per store. The schema and its
// migrations are in schema.cc, described in SCHEMA.md.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "store/backend.h"
#include "store/schema.h"
#include "store/checkpointer.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace newsloom::store {
namespace {

constexpr char kMemoryPath[] = ":memory:";

struct QuerySpec {
  Query query;
  const char* what;  // names the operation in errors
  const char* sql;
};


// Every statement the Store runs, prepared once at Open and reused.
constexpr QuerySpec kQueries[] = {
    {Query::kHasArticle, "look up article",
     "SELECT 1 FROM articles WHERE id = ?1"},
    // No RETURNING: SQLite runs a statement with one (it is a trigger) and
    // a UNIQUE constraint with a statement journal, a copy of every page
    // the insert changes (InsertArticleRow reads the seq instead).
    {Query::kInsertArticle, "insert article",
     "INSERT INTO articles (id, seq, input, external_id, source, url, title,"
     " text, published, lang, lang_confidence, gold_event, gold_story,"
     " event_id, ingested_at, published_offset)"
     " VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM articles),"
     " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
     " CAST(strftime('%s', 'now') AS INTEGER), ?14)"},
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
    // The "!= ''" terms let SQLite use the partial indexes of schema 8
    // (articles_by_external_id, articles_by_url); a store of schema 6 or 7
    // opened read-only has none and scans the table.
    {Query::kArticlesCalled, "find articles by input id or url",
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS " FROM articles"
     " WHERE (external_id = ?1 AND external_id != '')"
     " OR (url = ?1 AND url != '') ORDER BY seq LIMIT coalesce(?2, -1)"},
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
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
     " ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id,"
     " title = excluded.title, first_published = excluded.first_published,"
     " last_published = excluded.last_published,"
     " article_count = excluded.article_count,"
     " first_local = excluded.first_local, last_local = excluded.last_local"},
    {Query::kGetEvent, "get event",
     "SELECT " NEWSLOOM_EVENT_COLUMNS " FROM events WHERE id = ?1"},
    {Query::kEventsOfStory, "list events of story",
     "SELECT " NEWSLOOM_EVENT_COLUMNS " FROM events WHERE story_id = ?1"
     " ORDER BY first_published NULLS LAST, id"},
    {Query::kPutStory, "put story",
     "INSERT INTO stories (" NEWSLOOM_STORY_COLUMNS ")"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
     " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
     " first_published = excluded.first_published,"
     " last_published = excluded.last_published,"
     " event_count = excluded.event_count,"
     " article_count = excluded.article_count,"
     " first_local = excluded.first_local, last_local = excluded.last_local"},
    {Query::kGetStory, "get story",
     "SELECT " NEWSLOOM_STORY_COLUMNS " FROM stories WHERE id = ?1"},
    {Query::kDeleteStory, "delete story", "DELETE FROM stories WHERE id = ?1"},
    {Query::kDeleteEvent, "delete event", "DELETE FROM events WHERE id = ?1"},
    // DESC puts NULLs last in SQLite, and matches stories_by_activity.
    {Query::kListStories, "list stories",
     "SELECT " NEWSLOOM_STORY_COLUMNS " FROM stories"
     " ORDER BY last_published DESC, id DESC LIMIT coalesce(?1, -1)"},
    {Query::kPutState, "put state",
     "INSERT INTO state (key, value) VALUES (?1, ?2)"
     " ON CONFLICT (key) DO UPDATE SET value = excluded.value"},
    {Query::kGetState, "get state", "SELECT value FROM state WHERE key = ?1"},
    {Query::kDeleteState, "delete state", "DELETE FROM state WHERE key = ?1"},
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
     " WHERE x.key = ?1 ORDER BY a.seq, x.form LIMIT coalesce(?2, -1)"},
    // For a name typed where a key was expected: the two indexes of
    // lower(name) and lower(form) (schema 8; a store of 6 or 7 read-only
    // scans).
    {Query::kEntitiesNamed, "find entities by name",
     "SELECT x.key, '', '', '', x.name, x.type, count(*) FROM article_entities x"
     " WHERE lower(x.name) = lower(?1) OR lower(x.form) = lower(?1)"
     " GROUP BY x.key, x.name, x.type ORDER BY count(*) DESC, x.key"
     " LIMIT coalesce(?2, -1)"},
    // Schema 10: where a merged event or story went (Store::PutMerged).
    {Query::kPutMergedEvent, "record merged event",
     "INSERT INTO merged_events (id, into_id) VALUES (?1, ?2)"
     " ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id"},
    {Query::kMergedEventInto, "look up merged event",
     "SELECT into_id FROM merged_events WHERE id = ?1"},
    {Query::kPutMergedStory, "record merged story",
     "INSERT INTO merged_stories (id, into_id) VALUES (?1, ?2)"
     " ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id"},
    {Query::kMergedStoryInto, "look up merged story",
     "SELECT into_id FROM merged_stories WHERE id = ?1"},
    {Query::kForgetMergedEvent, "forget merged event",
     "DELETE FROM merged_events WHERE id = ?1"},
    {Query::kForgetMergedStory, "forget merged story",
     "DELETE FROM merged_stories WHERE id = ?1"},
};

static_assert(ListsEveryQueryInOrder(kQueries),
              "kQueries must list every Query in order");

Status CheckOpenable(const std::string& path, const StoreOptions& options) {
  if (path.empty()) {
    return Status::InvalidArgument("open store: the path is empty");
  }
  std::error_code ec;
  if (path != kMemoryPath && std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(
        "open store " + path +
        ": is a folder; name a store file in it (--db " +
        (path.ends_with('/') ? path : path + "/") + "news.db)");
  }
  // A FIFO would block the open for good, a device (/dev/null) would get
  // journal files created beside it.
  if (path != kMemoryPath) {
    const std::filesystem::file_status st = std::filesystem::status(path, ec);
    if (std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
      return Status::InvalidArgument(
          "open store " + path +
          ": not a regular file (a pipe, socket or device); name a store file");
    }
  }
  if (path == kMemoryPath || options.create_if_missing) return Status::OK();
  if (std::filesystem::exists(path, ec)) return Status::OK();
  return Status::NotFound("open store " + path +
                          ": no such file (and create_if_missing is off)");
}

// Whether a reader of `path` could neither find nor create its -shm file
// (the folder is not writable) while its -wal holds nothing.
bool CannotKeepWalIndex(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path + "-shm", ec)) return false;
  const uintmax_t wal = std::filesystem::file_size(path + "-wal", ec);
  if (!ec && wal > 0) return false;
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  return ::access(dir.c_str(), W_OK) != 0;
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
  std::string name = path;
  if (options.read_only && path != kMemoryPath && CannotKeepWalIndex(path)) {
    // Reading a WAL-mode file needs its -shm index, which SQLite cannot
    // create in a folder nobody may write (an archive, a read-only mount).
    // With no -wal content to read, nothing can write the file either, so
    // it is read as immutable (no locks, no index).
    std::error_code ec;
    const std::string abs = std::filesystem::absolute(path, ec).string();
    name = "file:";
    for (char c : ec ? path : abs) {
      if (c == '%' || c == '?' || c == '#') {
        static constexpr char kHex[] = "0123456789ABCDEF";
        name += '%';
        name += kHex[static_cast<unsigned char>(c) >> 4];
        name += kHex[c & 15];
      } else {
        name += c;
      }
    }
    name += "?immutable=1";
    flags |= SQLITE_OPEN_URI;
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
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
  if (options.read_only) {
    // A reader's temp tables and sorts (CheckTextIndex's scratch index)
    // stay in memory: it must work where it cannot write, a full or
    // read-only temp directory included.
    return sqlite::Exec(db, "PRAGMA temp_store = MEMORY", what);
  }
  if (path == kMemoryPath) return Status::OK();
  // Read the schema before anything writes: switching a damaged file that
  // is not in WAL mode yet would rewrite its header first.
  RETURN_IF_ERROR(
      sqlite::QueryInt(db, "SELECT count(*) FROM sqlite_schema", what).status());
  RETURN_IF_ERROR(EnableWal(db, what));
  if (options.writer_cache_kib > 0) {
    const std::string sql =
        "PRAGMA cache_size = -" + std::to_string(options.writer_cache_kib);
    RETURN_IF_ERROR(sqlite::Exec(db, sql.c_str(), what));
  }
  // Debian builds SQLite with SECURE_DELETE: every page freed is written
  // over with zeros, through the WAL and again at the checkpoint. Each save
  // of the clustering state frees the previous one (tens of MB) and each
  // merge of the full-text index its old segments. FAST still zeroes what
  // is deleted inside pages that are written anyway, and leaves freed pages
  // as they are.
  RETURN_IF_ERROR(sqlite::Exec(db, "PRAGMA secure_delete = FAST", what));
  // In WAL mode NORMAL never corrupts the file; a power cut may only lose
  // the last commits (they are synced at checkpoints).
  return sqlite::Exec(db, "PRAGMA synchronous = NORMAL", what);
}

// Versions 7 and 9 changed only how the full-text index flushes and merges
// (schema.cc), and version 8 added a column that a version-6 or 7 file
// reads as NULL (WithoutPublishedOffset, backend.h) and indexes: such a
// file reads as a version-9 one, so a read-only open takes it as it is,
// and the first open for writing upgrades it.
constexpr int64_t kOldestReadOnlySchema = 6;

// A store opened read-only cannot be migrated, and MigrateSchema would
// fail on its first write with a misleading "read-only" error; a newer
// schema is left to MigrateSchema, which refuses it. Returns the file's
// version.
Result<int64_t> RequireCurrentSchema(sqlite3* db, const std::string& path) {
  const std::string what = "open store " + path;
  ASSIGN_OR_RETURN(int64_t version,
                   sqlite::QueryInt(db, "PRAGMA user_version", what));
  if (version >= Store::kSchemaVersion) return version;  // MigrateSchema checks
  if (version >= kOldestReadOnlySchema) {
    // Not migrated, so not checked there: ours, or refused as MigrateSchema
    // refuses another application's file.
    ASSIGN_OR_RETURN(int64_t app,
                     sqlite::QueryInt(db, "PRAGMA application_id", what));
    if (app == kStoreApplicationId) return version;
    return Status::InvalidArgument(
        "store " + path + " is a SQLite database but not a newsloom store"
        " (application_id " + std::to_string(app) + ", user_version " +
        std::to_string(version) + ")");
  }
  if (version == 0) {
    // Never written by newsloom: an empty file (or :memory:), or another
    // application's database. Neither is a store to upgrade.
    ASSIGN_OR_RETURN(int64_t app,
                     sqlite::QueryInt(db, "PRAGMA application_id", what));
    ASSIGN_OR_RETURN(int64_t objects,
                     sqlite::QueryInt(db, "SELECT count(*) FROM sqlite_schema", what));
    if (app == 0 && objects == 0 && path == kMemoryPath) {
      return Status::InvalidArgument(
          "an in-memory store (:memory:) starts empty and ends with the process: "
          "give a store file with --db to read one");
    }
    if (app == 0 && objects == 0) {
      return Status::InvalidArgument("store " + path +
                                     " is empty: nothing was ever ingested into it "
                                     "(`newsloom ingest FILES --db " + path + "` fills it)");
    }
    if (app != kStoreApplicationId) {
      return Status::InvalidArgument(
          "store " + path + " is a SQLite database but not a newsloom store"
          " (application_id " + std::to_string(app) + ", user_version 0)");
    }
  }
  return Status::NotSupported(
      "store " + path + " has schema version " + std::to_string(version) +
      ", older than this newsloom's " + std::to_string(Store::kSchemaVersion) +
      ", and was opened read-only: run `newsloom ingest` on it once to "
      "upgrade it");
}

// FindStories: one statement per combination of filters (backend.h), each
// built from the fixed fragments below and prepared once per connection (at
// most 2^kNumStoryConditions). Values are always bound, never spliced.
// DESC puts NULLs last in SQLite, and matches stories_by_activity.
constexpr char kStoryOrder[] =
    " ORDER BY s.last_published DESC, s.id DESC LIMIT coalesce(?10, -1)";

constexpr ArticleConditionSql kArticleConditionSql[kNumArticleConditions] = {
    {" JOIN articles_fts f ON f.rowid = a.seq", " AND articles_fts MATCH ?1"},
    {" JOIN article_entities x ON x.article_id = a.id", " AND x.key = ?2"},
    {"", " AND a.lang = ?3"},
    {"", " AND a.source = ?4"},
};
constexpr const char* kStoryConditionSql[kNumStoryConditions] = {
    "", "", "", "",  // the article conditions: kArticleConditionSql
    // The days its outlets dated its first and last articles (the local
    // span; the instants' UTC days without one): first the instant within
    // a day, which stories_by_activity finds (no zone is beyond a day,
    // IsTakenUtcOffset), then the local time.
    " AND s.last_published >= ?5 - 86400"
    " AND coalesce(s.last_local, s.last_published) >= ?5",
    " AND s.first_published < ?6 + 86400"
    " AND coalesce(s.first_local, s.first_published) < ?6",
    // After (?7, ?8) in the order last_published DESC NULLS LAST, id DESC;
    // ?9 is 1 when the cursor's last_published is NULL.
    " AND (CASE WHEN ?9 THEN s.last_published IS NULL AND s.id < ?8"
    " ELSE s.last_published IS NULL OR s.last_published < ?7"
    " OR (s.last_published = ?7 AND s.id < ?8) END)",
};



// Store::ClaimWriter for a file store: the open PATH-writer file whose
// exclusive flock makes the caller the store's one writer, or -1 where no
// lock is needed (":memory:", a read-only connection).
Result<int> LockWriterFile(sqlite3* conn, const std::string& path) {
  if (path == kMemoryPath || sqlite3_db_readonly(conn, "main") == 1) return -1;
  // Named after the file itself, as SQLite names -wal and -shm: a symlink
  // or another spelling of the path must meet the same lock.
  std::error_code ec;
  const std::filesystem::path file = std::filesystem::canonical(path, ec);
  const std::string lock = (ec ? path : file.string()) + "-writer";
  // Created with the store's own mode (a store a group shares); flock
  // needs no write access, so a lock file made by another member of the
  // group is opened read-only when it cannot be opened for writing.
  struct stat st {};
  const mode_t mode =
      ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 0666) : 0644;
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
  bool writable = fd >= 0;
  if (fd < 0 && errno == EACCES) fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError("store " + path + ": cannot open its writer lock " +
                           lock + ": " + std::strerror(errno));
  }
  if (writable && ::fchmod(fd, mode) != 0) {
    // Another member's file: its mode stays as it is.
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char buf[32] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    if (err != EWOULDBLOCK) {
      return Status::IoError("store " + path + ": cannot lock " + lock +
                             ": " + std::strerror(err));
    }
    std::string pid(buf, n > 0 ? static_cast<size_t>(n) : 0);
    pid = std::string(TrimAscii(pid));
    if (pid.empty() || pid.size() > 10 ||
        pid.find_first_not_of("0123456789") != std::string::npos) {
      pid.clear();  // not ours to quote
    }
    return WriterTaken(path, pid);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (!writable || ::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) !=
          static_cast<ssize_t>(pid.size())) {
    // The lock holds without the pid; only the message names it.
  }
  return fd;
}

// Store::CheckTextIndex on SQLite: FTS5's index read through fts5vocab and
// its docsize table, and a sample indexed again in a scratch table, all in
// the temp schema (a read-only connection may write there).
class TextIndexCheck {
 public:
  TextIndexCheck(sqlite3* db, std::string what) : db_(db), what_(std::move(what)) {}
  ~TextIndexCheck() { DropScratchTables(); }
  void DropScratchTables() {
    sqlite3_exec(db_,
                 "DROP TABLE IF EXISTS temp.newsloom_check_vocab;"
                 "DROP TABLE IF EXISTS temp.newsloom_check_text;",
                 nullptr, nullptr, nullptr);
  }

  std::vector<std::string> problems;

  Status Run(bool quick) {
    ASSIGN_OR_RETURN(int64_t marks,
                     sqlite::QueryInt(db_, "SELECT count(*) FROM fts_progress", what_));
    ASSIGN_OR_RETURN(int64_t last,
                     sqlite::QueryInt(db_, "SELECT coalesce(max(seq), 0) FROM articles", what_));
    ASSIGN_OR_RETURN(int64_t count, sqlite::QueryInt(db_, "SELECT count(*) FROM articles", what_));
    // What follows reads no further than the stored articles, whatever a
    // damaged mark or article number says (the rows check reports gaps).
    const int64_t bound = std::min(last, count);
    if (marks != 1) {
      problems.push_back("the index's mark (table fts_progress) has " + std::to_string(marks) +
                         " rows instead of one");
      indexed_through_ = bound;
    } else {
      ASSIGN_OR_RETURN(int64_t mark,
                       sqlite::QueryInt(db_, "SELECT indexed_through FROM fts_progress", what_));
      // Each transaction indexes its articles before it commits.
      if (mark != last) {
        problems.push_back("the index is marked as holding articles up to number " +
                           std::to_string(mark) + "; the store's last is number " +
                           std::to_string(last));
      }
      indexed_through_ = std::clamp<int64_t>(mark, 0, bound);
    }
    // Every search reads the index's structure and settings (a search for
    // a word no article has reads little else).
    RETURN_IF_ERROR(
        sqlite::QueryInt(db_,
                         "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH"
                         " '\"newsloom check probe\"'",
                         what_)
            .status());
    RETURN_IF_ERROR(CheckEachArticleOnce());
    if (!quick) RETURN_IF_ERROR(CheckWordCounts());
    return CheckSample();
  }

 private:
  // At most this many lines of each kind; the rest are counted.
  static constexpr int64_t kListed = 20;

  Status CheckEachArticleOnce() {
    Result<bool> missing =
        List("SELECT seq, id FROM articles a WHERE seq <= ?1 AND NOT EXISTS"
             " (SELECT 1 FROM articles_fts_docsize WHERE id = a.seq) ORDER BY seq",
             [](const sqlite::Statement& st) {
               return "article " + st.ColumnBytes(1) + " (number " +
                      std::to_string(st.ColumnInt(0)) + ") is not in the index";
             });
    if (!missing.ok()) return missing.status();
    return List(
               "SELECT id, id > ?1 FROM articles_fts_docsize d WHERE id > ?1 OR NOT EXISTS"
               " (SELECT 1 FROM articles WHERE seq = d.id) ORDER BY id",
               [this](const sqlite::Statement& st) {
                 return "the index holds article number " + std::to_string(st.ColumnInt(0)) +
                        (st.ColumnInt(1) != 0
                             ? ", past the articles it should hold (up to number " +
                                   std::to_string(indexed_through_) + ")"
                             : ", which the store does not");
               })
        .status();
  }

  // Runs `sql` (?1, if it has one, bound to indexed_through), one problem
  // per row up to kListed, then one line counting the rest.
  template <typename Line>
  Result<bool> List(const char* sql, Line line) {
    ASSIGN_OR_RETURN(sqlite::Statement st, sqlite::Statement::Prepare(db_, sql, what_));
    if (std::string_view(sql).find("?1") != std::string_view::npos) {
      st.BindInt(1, indexed_through_);
    }
    int64_t n = 0;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      if (n++ < kListed) problems.push_back(line(st));
    }
    if (n > kListed) problems.push_back("... and " + std::to_string(n - kListed) + " more");
    return n > 0;
  }

  // A docsize record: one SQLite varint per column, its number of words.
  static int64_t WordsRecorded(std::string_view sz) {
    int64_t total = 0;
    size_t i = 0;
    while (i < sz.size()) {
      uint64_t v = 0;
      int k = 0;
      for (; k < 8 && i < sz.size(); ++k) {
        const auto b = static_cast<uint8_t>(sz[i++]);
        v = (v << 7) | (b & 0x7f);
        if ((b & 0x80) == 0) break;
        if (k == 7 && i < sz.size()) {
          v = (v << 8) | static_cast<uint8_t>(sz[i++]);
          break;
        }
      }
      total += static_cast<int64_t>(v);
    }
    return total;
  }

  // Reads every entry of the index (a damaged segment fails the read) and
  // counts each article's words against its docsize record.
  Status CheckWordCounts() {
    RETURN_IF_ERROR(sqlite::Exec(db_,
                                 "CREATE VIRTUAL TABLE temp.newsloom_check_vocab USING "
                                 "fts5vocab(main, articles_fts, 'instance')",
                                 what_));
    std::vector<int64_t> words(static_cast<size_t>(indexed_through_) + 1, 0);  // by number
    int64_t strays = 0;
    {
      ASSIGN_OR_RETURN(sqlite::Statement st,
                       sqlite::Statement::Prepare(
                           db_, "SELECT doc FROM temp.newsloom_check_vocab", what_));
      for (;;) {
        Result<bool> row = st.Step();
        if (!row.ok()) {
          problems.push_back("the index cannot be read to its end: " + row.status().ToString());
          return Status::OK();
        }
        if (!*row) break;
        const int64_t doc = st.ColumnInt(0);
        if (doc >= 1 && doc < static_cast<int64_t>(words.size())) {
          ++words[static_cast<size_t>(doc)];
        } else {
          ++strays;
        }
      }
    }
    if (strays > 0) {
      problems.push_back("the index holds " + std::to_string(strays) +
                         " words of articles past those it should hold (up to number " +
                         std::to_string(indexed_through_) + ")");
    }
    ASSIGN_OR_RETURN(sqlite::Statement st,
                     sqlite::Statement::Prepare(
                         db_, "SELECT id, sz FROM articles_fts_docsize ORDER BY id", what_));
    int64_t n = 0;
    std::vector<bool> recorded(words.size(), false);
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      const int64_t doc = st.ColumnInt(0);
      if (doc < 1 || doc >= static_cast<int64_t>(words.size())) continue;  // listed above
      recorded[static_cast<size_t>(doc)] = true;
      const int64_t want = WordsRecorded(st.ColumnBytes(1));
      const int64_t have = words[static_cast<size_t>(doc)];
      if (want != have && n++ < kListed) {
        problems.push_back("article number " + std::to_string(doc) + ": the index holds " +
                           std::to_string(have) + " of its words, " + std::to_string(want) +
                           " were counted when it was indexed");
      }
    }
    for (size_t doc = 1; doc < words.size(); ++doc) {
      if (!recorded[doc] && words[doc] > 0 && n++ < kListed) {
        problems.push_back("the index holds " + std::to_string(words[doc]) +
                           " words of article number " + std::to_string(doc) +
                           ", which it has no record of");
      }
    }
    if (n > kListed) {
      problems.push_back("... and " + std::to_string(n - kListed) +
                         " more articles whose words the index miscounts");
    }
    return Status::OK();
  }

  // Indexes up to kSample articles, spread evenly, again in a table made
  // as the index was (its own CREATE statement, so with its tokenizer) and
  // compares their word counts.
  Status CheckSample() {
    constexpr int64_t kSample = 1000;
    if (indexed_through_ < 1) return Status::OK();
    ASSIGN_OR_RETURN(std::string made,
                     sqlite::QueryText(db_,
                                       "SELECT sql FROM sqlite_schema WHERE name = 'articles_fts'",
                                       what_));
    const size_t arguments = made.find('(');
    if (arguments == std::string::npos) {
      problems.push_back("the index's definition has no arguments: " + made);
      return Status::OK();
    }
    // External content (content='articles') stays: inserting reads no
    // content table, and a temp table's reads are never made.
    const std::string scratch =
        "CREATE VIRTUAL TABLE temp.newsloom_check_text USING fts5" + made.substr(arguments);
    RETURN_IF_ERROR(sqlite::Exec(db_, scratch.c_str(), what_));
    ASSIGN_OR_RETURN(sqlite::Statement copy,
                     sqlite::Statement::Prepare(
                         db_,
                         "INSERT INTO temp.newsloom_check_text (rowid, title, text)"
                         " SELECT seq, title, text FROM articles WHERE seq = ?1",
                         what_));
    const int64_t step = std::max<int64_t>(1, indexed_through_ / kSample);
    for (int64_t k = 0, seq = 1; k < kSample && seq <= indexed_through_; ++k, seq += step) {
      copy.BindInt(1, seq);
      RETURN_IF_ERROR(copy.Run());
      copy.Reset();
    }
    return List(
               "SELECT m.id, a.id, t.sz, m.sz FROM temp.newsloom_check_text_docsize t"
               " JOIN main.articles_fts_docsize m ON m.id = t.id"
               " JOIN main.articles a ON a.seq = t.id WHERE t.sz != m.sz ORDER BY m.id",
               [](const sqlite::Statement& st) {
                 return "article " + st.ColumnBytes(1) + " (number " +
                        std::to_string(st.ColumnInt(0)) + ") has " +
                        std::to_string(WordsRecorded(st.ColumnBytes(2))) +
                        " words; the index was given " +
                        std::to_string(WordsRecorded(st.ColumnBytes(3))) +
                        " (indexed from another text)";
               })
        .status();
  }

  sqlite3* db_;
  std::string what_;
  int64_t indexed_through_ = 0;
};

class SqliteBackend final : public Backend {
 public:
  SqliteBackend(sqlite::Connection conn, int version, std::string path)
      : conn_(std::move(conn)), version_(version), path_(std::move(path)) {}

  Status PrepareAll() {
    for (const QuerySpec& q : kQueries) {
      const std::string sql = SqlForSchema(q.query, q.sql, version_, /*postgres=*/false);
      ASSIGN_OR_RETURN(sqlite::Statement st,
                       sqlite::Statement::Prepare(conn_.get(), sql, q.what));
      statements_.push_back(std::move(st));
    }
    ASSIGN_OR_RETURN(
        inserted_seq_,
        sqlite::Statement::Prepare(
            conn_.get(), "SELECT seq FROM articles WHERE rowid = ?1",
            "read the seq of an inserted article"));
    return Status::OK();
  }

  Status ClaimWriter() override {
    if (writer_.fd >= 0) return Status::OK();
    ASSIGN_OR_RETURN(writer_.fd, LockWriterFile(conn_.get(), path_));
    return Status::OK();
  }
  // A lock LockWriterFile took before this backend was made.
  void AdoptWriterLock(int fd) { writer_.fd = fd; }

  Result<std::optional<std::vector<std::string>>> CheckPages(bool quick) override {
    ASSIGN_OR_RETURN(
        sqlite::Statement check,
        sqlite::Statement::Prepare(conn_.get(),
                                   quick ? "PRAGMA quick_check(100)" : "PRAGMA integrity_check(100)",
                                   "check the pages of store " + path_));
    std::vector<std::string> problems;
    for (;;) {
      // SQLite stops the check with SQLITE_CORRUPT after the rows naming a
      // page it cannot read at all: that is one more problem, not a failure.
      Result<bool> row = check.Step();
      if (!row.ok()) {
        problems.push_back("the check stopped: " + row.status().ToString());
        break;
      }
      if (!*row) break;
      // One row may hold several problems, a line each, under a heading
      // ("*** in database main ***").
      const std::string text = check.ColumnBytes(0);
      if (text == "ok") continue;
      for (size_t at = 0; at < text.size();) {
        const size_t end = std::min(text.find('\n', at), text.size());
        std::string line = text.substr(at, end - at);
        at = end + 1;
        if (!line.empty() && !line.starts_with("*** in database")) {
          problems.push_back(std::move(line));
        }
      }
    }
    return std::optional<std::vector<std::string>>(std::move(problems));
  }

  Result<std::optional<std::vector<std::string>>> CheckTextIndex(bool quick) override {
    if (!keeps_text_index_) return std::optional<std::vector<std::string>>();
    const std::string what = "check the full-text index of store " + path_;
    ASSIGN_OR_RETURN(int64_t has_index,
                     sqlite::QueryInt(conn_.get(),
                                      "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                      " ('articles_fts', 'fts_progress')",
                                      what));
    if (has_index != 2) {
      // Schema 6 made both; ingest fails without them.
      if (version_ < 6) return std::optional<std::vector<std::string>>();
      return std::optional<std::vector<std::string>>(std::vector<std::string>{
          std::string(Store::kTextIndexMissing) + ": restore the store from a backup"});
    }
    // Its scratch tables are in memory on a read-only connection
    // (Configure), as `check` opens the store.
    TextIndexCheck check(conn_.get(), what);
    const Status checked = check.Run(quick);
    const int code = sqlite3_errcode(conn_.get()) & 0xff;  // of the failed step
    check.DropScratchTables();
    // A failed read of the file or of memory (which may end the caller's
    // snapshot) fails the check; any other error is the index's own
    // damage (a shadow table gone, a bad setting, a page that does not
    // decode).
    if (!checked.ok() && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_NOMEM ||
                          code == SQLITE_CANTOPEN || code == SQLITE_BUSY ||
                          code == SQLITE_LOCKED || code == SQLITE_NOTADB)) {
      return checked;
    }
    if (!checked.ok()) {
      check.problems.push_back("the index cannot be read: " + checked.ToString());
    }
    return std::optional<std::vector<std::string>>(std::move(check.problems));
  }

  Status RebuildTextIndex() override {
    if (!keeps_text_index_) return Status::OK();
    return sqlite::Exec(conn_.get(),
                        "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
                        "INSERT INTO fts_progress (id, indexed_through)"
                        " VALUES (1, (SELECT coalesce(max(seq), 0) FROM articles))"
                        " ON CONFLICT (id) DO UPDATE SET indexed_through = excluded.indexed_through;",
                        "rebuild the full-text index of store " + path_);
  }

  // SQLite fails the INSERT of a stored id itself (UNIQUE constraint).
  Result<std::optional<int64_t>> InsertArticleRow(Statement& insert,
                                                 std::string_view id) override {
    RETURN_IF_ERROR(insert.Run(id));
    Statement& st = *inserted_seq_;
    ScopedReset reset(st);
    st.BindInt(1, sqlite3_last_insert_rowid(conn_.get()));
    ASSIGN_OR_RETURN(bool row, st.Step(id));
    if (!row) {
      return Status::Corruption("insert article " + std::string(id) +
                                ": the inserted row is not in store " + path_);
    }
    return std::optional<int64_t>(st.ColumnInt(0));
  }

  int schema_version() const override { return version_; }
  Result<int> StoredSchemaVersion() override {
    ASSIGN_OR_RETURN(int64_t v, sqlite::QueryInt(conn_.get(), "PRAGMA user_version",
                                                 "read the schema version of store " + path_));
    return static_cast<int>(v);
  }

  Statement& Get(Query q) override {
    return statements_[static_cast<size_t>(q)];
  }

  Result<Statement*> StorySearch(unsigned conditions) override {
    auto it = story_searches_.find(conditions);
    if (it == story_searches_.end()) {
      const std::string sql =
          StorySearchSql(conditions, kArticleConditionSql, kStoryConditionSql, kStoryOrder,
                         version_, /*postgres=*/false);
      ASSIGN_OR_RETURN(sqlite::Statement st,
                       sqlite::Statement::Prepare(conn_.get(), sql, "find stories"));
      it = story_searches_.emplace(conditions, std::move(st)).first;
    }
    return &it->second;
  }

  // A statement that prepared fails with plain SQLITE_ERROR only on what it
  // was given: FTS5 refuses a malformed query at run time.
  Status SearchFailed(const Status& error, std::string_view query) override {
    if (sqlite3_errcode(conn_.get()) != SQLITE_ERROR) return error;
    return Status::InvalidArgument("search query \"" + std::string(query) +
                                   "\": " + sqlite3_errmsg(conn_.get()));
  }

  bool in_transaction() const override {
    return sqlite3_get_autocommit(conn_.get()) == 0;
  }

  // BEGIN IMMEDIATE takes the write lock at once, so a second writer waits
  // here (busy_timeout_ms) rather than failing half-way through.
  // A deferred transaction: WAL keeps what its first read saw.
  Status BeginSnapshot() override {
    return sqlite::Exec(conn_.get(), "BEGIN", "begin a read of store " + path_);
  }
  Status EndSnapshot() override {
    return sqlite::Exec(conn_.get(), "COMMIT", "end a read of store " + path_);
  }

  Status Begin() override {
    // SQLite lets a read-only connection begin; say so here, not at the
    // first write.
    if (sqlite3_db_readonly(conn_.get(), "main") == 1) {
      return Status::IoError("begin transaction on store " + path_ + ": " +
                             sqlite::Advice(SQLITE_READONLY, path_));
    }
    return sqlite::Exec(conn_.get(), "BEGIN IMMEDIATE", "begin transaction");
  }
  Status Commit() override {
    if (unindexed_) RETURN_IF_ERROR(IndexNewArticles());
    RETURN_IF_ERROR(sqlite::Exec(conn_.get(), "COMMIT", "commit transaction"));
    unindexed_ = false;
    return Status::OK();
  }
  Status Rollback() override {
    unindexed_ = false;
    return sqlite::Exec(conn_.get(), "ROLLBACK", "roll back transaction");
  }

  // Schema 6: the articles inserted in a transaction enter the full-text
  // index in one statement just before it commits (an article inserted
  // outside a transaction, at once). A private in-memory store keeps no
  // index.
  Status ArticleInserted() override {
    if (!keeps_text_index_) return Status::OK();
    if (in_transaction()) {
      unindexed_ = true;
      return Status::OK();
    }
    return IndexNewArticles();
  }

  void set_keeps_text_index(bool keeps) { keeps_text_index_ = keeps; }

  // Moves the writer's WAL checkpoints to a thread of their own.
  void StartCheckpointer() {
    Result<std::unique_ptr<Checkpointer>> c = Checkpointer::Start(conn_.get(), path_);
    if (c.ok()) checkpointer_ = std::move(*c);
  }

 private:
  // Indexes every article after fts_progress.indexed_through and moves it
  // to the last one (SCHEMA.md, `articles_fts`).
  Status IndexNewArticles() {
    return sqlite::Exec(
        conn_.get(),
        "INSERT INTO articles_fts (rowid, title, text)"
        " SELECT seq, title, text FROM articles"
        " WHERE seq > (SELECT indexed_through FROM fts_progress) ORDER BY seq;"
        "UPDATE fts_progress SET indexed_through ="
        " (SELECT coalesce(max(seq), 0) FROM articles);",
        "index the text of new articles in store " + path_);
  }

  sqlite::Connection conn_;  // declared first: outlives the statements
  // The WAL checkpoints of a writer of a file (checkpointer.h); null for
  // readers, :memory:, or when its connection could not be opened (then
  // SQLite checkpoints in the writer's commits, as it does by default).
  // Declared after conn_: stopped before the writer closes.
  std::unique_ptr<Checkpointer> checkpointer_;
  // The open PATH-writer file whose flock makes this the store's writer
  // (ClaimWriter); -1 until claimed. Closing it releases the lock.
  struct WriterLock {
    int fd = -1;
    ~WriterLock() {
      if (fd >= 0) ::close(fd);
    }
  } writer_;
  int version_;
  std::string path_;
  bool keeps_text_index_ = true;
  bool unindexed_ = false;  // articles inserted in the open transaction
  std::vector<sqlite::Statement> statements_;  // indexed by Query
  std::optional<sqlite::Statement> inserted_seq_;  // seq of a rowid
  // FindStories' statements, by their StoryCondition bits, prepared when
  // first used.
  std::map<unsigned, sqlite::Statement> story_searches_;
};

}  // namespace

Result<std::unique_ptr<Backend>> OpenSqlite(const std::string& path,
                                            const StoreOptions& options) {
  RETURN_IF_ERROR(CheckOpenable(path, options));
  ASSIGN_OR_RETURN(sqlite::Connection conn, Connect(path, options));
  RETURN_IF_ERROR(Configure(conn.get(), path, options));
  int64_t on_file = 0;
  if (options.read_only) {
    ASSIGN_OR_RETURN(on_file, RequireCurrentSchema(conn.get(), path));
  }
  // Claimed before the schema is migrated, so that a writer that is
  // refused has changed nothing under the one that holds the store.
  struct Lock {
    int fd = -1;
    ~Lock() {
      if (fd >= 0) ::close(fd);
    }
  } lock;
  if (options.claim_writer && !options.read_only) {
    ASSIGN_OR_RETURN(lock.fd, LockWriterFile(conn.get(), path));
  }
  int version = static_cast<int>(on_file);
  if (!options.read_only || on_file >= Store::kSchemaVersion) {
    ASSIGN_OR_RETURN(version, MigrateSchema(conn.get(), StoreMigrations(), path));
  }
  if (path == kMemoryPath) {
    // Nothing searches a private in-memory store (serve needs a file), and
    // keeping its full-text index took 45% of an `eval` of gva-dev (2,600
    // instead of 4,770 articles/s): it stays empty.
    RETURN_IF_ERROR(sqlite::Exec(conn.get(),
                                 "DROP TRIGGER articles_fts_update;"
                                 "DROP TRIGGER articles_fts_delete;",
                                 "drop the full-text triggers of an in-memory store"));
  }
  auto db = std::make_unique<SqliteBackend>(std::move(conn), version, path);
  db->set_keeps_text_index(path != kMemoryPath);
  db->AdoptWriterLock(std::exchange(lock.fd, -1));
  RETURN_IF_ERROR(db->PrepareAll());
  if (!options.read_only && path != kMemoryPath) db->StartCheckpointer();
  return std::unique_ptr<Backend>(std::move(db));
}

}  // namespace newsloom::store
