// The PostgreSQL back-end of the Store (backend.h), for teams that run
// several readers (and tools of their own) against one database:
//
//   newsloom serve --db postgresql://newsloom@dbhost/news
//
// The tables are the SQLite ones (SCHEMA.md) in the connection's current
// schema (the first of its search_path: "?options=-csearch_path%3Dmine"
// keeps several stores in one database), created on first open at
// Store::kSchemaVersion and recorded in a table newsloom_meta. Differences
// that callers may see, all documented in store.h and SCHEMA.md:
//  - strings are stored as bytea, so they round-trip byte for byte (NULs
//    and invalid UTF-8 included) exactly as in SQLite;
//  - full-text search is a tsquery over a generated, GIN-indexed tsvector
//    (titles weighted A, texts D), folded for case and, when the unaccent
//    extension can be had, diacritics; the FTS5 query text is translated
//    by fts_query.h;
//  - one writer at a time, as in SQLite: Begin() takes a transaction-level
//    advisory lock per schema, waiting up to busy_timeout_ms; a write
//    outside Begin()/Commit() takes it for its own transaction;
//  - a failed statement inside a transaction aborts it (PostgreSQL's rule):
//    the next Commit() rolls back and says so, nothing is half-committed;
//  - max_file_bytes does not apply (the server's disk is the server's);
//  - a connection the server drops (a restart, an idle timeout) is made
//    again before the next statement outside a transaction; a transaction
//    it cut off makes Commit() return IoError ("... none of it is stored").
//
// Values travel in libpq's binary format both ways (no escaping, no text
// conversion of numbers): bytea as raw bytes, int8 and float8 big-endian.
#include <libpq-fe.h>

#include <bit>
#include <cstring>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "store/backend.h"
#include "store/fts_query.h"
#include "store/schema.h"
#include "store/store.h"

namespace newsloom::store {
namespace {

// Type OIDs of the parameters and columns we use (pg_type.h).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

// 'NWSL', the first key of every advisory lock the store takes; the second
// is the hash of the store's schema.
constexpr char kWriterLock[] =
    "SELECT pg_advisory_xact_lock(1314345804, hashtext(current_schema()))";

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Conn = std::unique_ptr<PGconn, ConnCloser>;

struct ResultClearer {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultClearer>;

uint64_t ToBigEndian(uint64_t v) {
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}

std::string Trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// What a person can do about a failure of the server or of its locks.
std::string LockedAdvice(const std::string& store) {
  return "database is locked by another process: another program (another "
         "newsloom?) is writing " +
         store + "; wait until it is done and run again, or use another store";
}

std::string ReadOnlyAdvice(const std::string& store) {
  return store +
         " is read-only (opened for reading, a read-only user, or a standby "
         "server): write through a writable connection";
}

// Maps a failed result to a Status "<what>: <server message>[ — advice]".
// SQLSTATE classes: 22 (data) and 23 (constraints) are the caller's data;
// 55P03 and 40P01 are locks; 25006 a read-only transaction; 53 resources
// (a full disk); XX001/XX002 damaged data; the rest (connection lost,
// server shut down, ...) an I/O error.
Status Error(PGconn* conn, const PGresult* res, std::string_view what,
             const std::string& store) {
  const char* state =
      res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state != nullptr ? state : "";
  std::string message = Trimmed(res != nullptr ? PQresultErrorMessage(res)
                                               : PQerrorMessage(conn));
  if (message.empty()) message = Trimmed(PQerrorMessage(conn));
  if (message.starts_with("ERROR:  ")) message.erase(0, 8);
  std::string msg(what);
  msg += ": ";
  if (code == "55P03" || code == "40P01" || code == "40001") {
    return Status::IoError(msg + "database is locked — " + LockedAdvice(store) +
                           " (" + message + ")");
  }
  if (code == "25006") {
    return Status::IoError(msg + message + " — " + ReadOnlyAdvice(store));
  }
  msg += message;
  if (code.starts_with("22") || code.starts_with("23")) {
    return Status::InvalidArgument(msg);
  }
  if (code == "XX001" || code == "XX002") return Status::Corruption(msg);
  if (code.starts_with("53")) {
    return Status::IoError(msg + " — the PostgreSQL server of " + store +
                           " is out of disk, memory or connections; what was "
                           "committed before is kept");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    return Status::IoError(msg + " — the connection to the PostgreSQL server "
                                 "of " + store + " was lost; run again");
  }
  return Status::IoError(msg);
}

class PostgresBackend;

// One statement: SQL run with PQexecParams (parsed per call; the server
// caches nothing between calls, which keeps prepared-statement names out
// of shared connections and poolers), parameters typed by how they were
// bound.
class PgStatement final : public Statement {
 public:
  // `fts_query`: parameter 1 is StoryFilter::query, FTS5 text, bound as
  // the tsquery ToTsQuery makes of it (or its error, returned by Step).
  PgStatement(PostgresBackend* db, std::string sql, std::string what,
              bool writes, bool fts_query = false)
      : db_(db), sql_(std::move(sql)), what_(std::move(what)), writes_(writes),
        fts_query_(fts_query) {}

  void BindInt(int index, int64_t value) override {
    const uint64_t be = ToBigEndian(static_cast<uint64_t>(value));
    std::string bytes(8, '\0');
    std::memcpy(bytes.data(), &be, 8);
    Set(index, kInt8Oid, std::move(bytes));
  }
  void BindDouble(int index, double value) override {
    const uint64_t be = ToBigEndian(std::bit_cast<uint64_t>(value));
    std::string bytes(8, '\0');
    std::memcpy(bytes.data(), &be, 8);
    Set(index, kFloat8Oid, std::move(bytes));
  }
  void BindText(int index, std::string_view value) override {
    if (fts_query_ && index == 1) {
      Result<std::string> ts = ToTsQuery(value);
      if (!ts.ok()) {
        query_error_ = ts.status();
        return;
      }
      return Set(index, kByteaOid, std::move(ts).value());
    }
    Set(index, kByteaOid, std::string(value));
  }
  void BindBlob(int index, std::string_view value) override {
    Set(index, kByteaOid, std::string(value));
  }
  void BindOptionalInt(int index, std::optional<int64_t> value) override {
    if (value) return BindInt(index, *value);
    Set(index, kInt8Oid, std::nullopt);
  }

  Result<bool> Step(std::string_view key) override;
  Status Run(std::string_view key) override;

  int64_t ColumnInt(int index) const override {
    const char* v = PQgetvalue(res_.get(), row_, index);
    const int n = PQgetlength(res_.get(), row_, index);
    switch (PQftype(res_.get(), index)) {
      case kInt8Oid: {
        uint64_t be = 0;
        std::memcpy(&be, v, std::min(n, 8));
        return static_cast<int64_t>(ToBigEndian(be));
      }
      case kInt4Oid: {
        uint32_t be = 0;
        std::memcpy(&be, v, std::min(n, 4));
        return static_cast<int32_t>(__builtin_bswap32(be));
      }
      case kInt2Oid: {
        uint16_t be = 0;
        std::memcpy(&be, v, std::min(n, 2));
        return static_cast<int16_t>(__builtin_bswap16(be));
      }
      case kBoolOid:
        return n > 0 && v[0] != 0;
      default:
        return 0;
    }
  }
  double ColumnDouble(int index) const override {
    const char* v = PQgetvalue(res_.get(), row_, index);
    if (PQftype(res_.get(), index) == kFloat4Oid) {
      uint32_t be = 0;
      std::memcpy(&be, v, 4);
      return std::bit_cast<float>(__builtin_bswap32(be));
    }
    if (PQftype(res_.get(), index) != kFloat8Oid) {
      return static_cast<double>(ColumnInt(index));
    }
    uint64_t be = 0;
    std::memcpy(&be, v, 8);
    return std::bit_cast<double>(ToBigEndian(be));
  }
  std::optional<int64_t> ColumnOptionalInt(int index) const override {
    if (PQgetisnull(res_.get(), row_, index)) return std::nullopt;
    return ColumnInt(index);
  }
  std::string ColumnBytes(int index) const override {
    if (PQgetisnull(res_.get(), row_, index)) return {};
    return std::string(PQgetvalue(res_.get(), row_, index),
                       PQgetlength(res_.get(), row_, index));
  }
  int64_t Changes() const override { return changes_; }

  void Reset() override {
    res_.reset();
    row_ = -1;
    executed_ = false;
    params_.clear();
    bind_error_.clear();
    query_error_ = Status::OK();
  }

 private:
  struct Param {
    Oid type = 0;
    std::optional<std::string> bytes;  // nullopt: NULL
  };

  void Set(int index, Oid type, std::optional<std::string> bytes) {
    if (index < 1 || index > 99) {
      if (bind_error_.empty()) {
        bind_error_ = "parameter " + std::to_string(index) + " out of range";
      }
      return;
    }
    if (params_.size() < static_cast<size_t>(index)) params_.resize(index);
    params_[index - 1] = {type, std::move(bytes)};
  }

  std::string What(std::string_view key) const {
    return key.empty() ? what_ : what_ + " " + std::string(key);
  }

  Status Execute(std::string_view key);

  PostgresBackend* db_;
  std::string sql_;
  std::string what_;
  bool writes_;
  bool fts_query_;
  Status query_error_;  // a malformed FTS5 query bound as parameter 1
  std::vector<Param> params_;
  std::string bind_error_;
  PgResult res_;
  int row_ = -1;
  bool executed_ = false;
  int64_t changes_ = 0;
};

class PostgresBackend final : public Backend {
 public:
  PostgresBackend(Conn conn, std::string store, const StoreOptions& options)
      : conn_(std::move(conn)), store_(std::move(store)),
        read_only_(options.read_only), wait_ms_(options.busy_timeout_ms) {}

  // The server frees a session's advisory locks only once its backend
  // has seen the disconnect; unlocking first frees the writer role by the
  // time the destructor returns.
  ~PostgresBackend() override {
    if (writer_ && connected()) {
      PgResult res(PQexec(conn(), "SELECT pg_advisory_unlock_all()"));
    }
  }

  PGconn* conn() const { return conn_.get(); }
  const std::string& store() const { return store_; }

  // Runs SQL without parameters; `what` names it in errors.
  Status Exec(const std::string& sql, std::string_view what) {
    PgResult res(PQexec(conn(), sql.c_str()));
    const ExecStatusType st = PQresultStatus(res.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::OK();
    return Error(conn(), res.get(), what, store_);
  }

  // The first column of the first row as text ("" when there is none).
  Result<std::string> QueryText(const std::string& sql, std::string_view what) {
    PgResult res(PQexec(conn(), sql.c_str()));
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
      return Error(conn(), res.get(), what, store_);
    }
    if (PQntuples(res.get()) == 0 || PQgetisnull(res.get(), 0, 0)) return std::string();
    return std::string(PQgetvalue(res.get(), 0, 0));
  }

  Status Setup(const StoreOptions& options);

  int schema_version() const override { return version_; }
  Result<int> StoredSchemaVersion() override {
    ASSIGN_OR_RETURN(std::string v,
                     QueryText("SELECT value FROM newsloom_meta WHERE key = 'schema_version'",
                               "read the schema version of store " + store_));
    return std::atoi(v.c_str());
  }
  Statement& Get(Query q) override { return *statements_[static_cast<size_t>(q)]; }
  Result<Statement*> StorySearch(unsigned conditions) override;
  Status SearchFailed(const Status& error, std::string_view) override {
    return error;  // ToTsQuery refused malformed queries before the server
  }

  // Whether Begin() succeeded and neither Commit() nor Rollback() has run
  // since. Kept here rather than asked of libpq, which forgets the
  // transaction when the connection drops.
  bool in_transaction() const override { return in_tx_; }

  // The settings of every session: how long to wait for the writer's
  // lock (a wait of 0 means "forever" to PostgreSQL and "not at all" to
  // StoreOptions; 1 ms is as close as PostgreSQL gets), and read-only.
  Status SessionSettings() {
    const std::string what = "open store " + store_;
    RETURN_IF_ERROR(
        Exec("SET lock_timeout = " + std::to_string(std::max(1, wait_ms_)), what));
    if (read_only_) {
      RETURN_IF_ERROR(
          Exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", what));
    }
    if (!writer_) return Status::OK();
    // While disconnected another process may have claimed the store and
    // clustered into it: this one's state is stale, so it writes no more.
    Status relocked = LockWriter();
    if (!relocked.ok()) writer_lost_ = relocked;
    return relocked;
  }

  // The session advisory lock of Store::ClaimWriter, keyed by the schema.
  Status LockWriter() {
    ASSIGN_OR_RETURN(
        std::string got,
        QueryText("SELECT pg_try_advisory_lock(hashtextextended("
                  "current_schema() || '.newsloom-writer', 0))",
                  "claim the writer lock of store " + store_));
    if (got == "t") return Status::OK();
    return WriterTaken(store_, "");
  }

  Status ClaimWriter() override {
    if (read_only_ || writer_) return Status::OK();
    RETURN_IF_ERROR(EnsureConnected());
    RETURN_IF_ERROR(LockWriter());
    writer_ = true;
    return Status::OK();
  }

  // Connects again when the server dropped the connection (a restart, an
  // idle timeout, pg_terminate_backend). Only called outside transactions,
  // where nothing is lost by it.
  Status EnsureConnected() {
    if (PQstatus(conn()) == CONNECTION_OK) return Status::OK();
    PQreset(conn());
    if (PQstatus(conn()) != CONNECTION_OK) {
      return Status::IoError("reconnect to store " + store_ + ": " +
                             Trimmed(PQerrorMessage(conn())) +
                             " — check that the PostgreSQL server runs");
    }
    return SessionSettings();
  }

  bool connected() const { return PQstatus(conn()) == CONNECTION_OK; }

  Status BeginSnapshot() override {
    RETURN_IF_ERROR(EnsureConnected());
    return Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                "begin a read of store " + store_);
  }
  Status EndSnapshot() override { return Exec("COMMIT", "end a read of store " + store_); }

  Status Begin() override {
    const std::string what = "begin transaction on store " + store_;
    if (read_only_) {
      return Status::IoError(what + ": " + ReadOnlyAdvice(store_));
    }
    if (!writer_lost_.ok()) return writer_lost_;
    RETURN_IF_ERROR(EnsureConnected());
    Status begun = Exec("BEGIN", what);
    if (!begun.ok() && !connected()) {  // dropped while idle: once more
      RETURN_IF_ERROR(EnsureConnected());
      begun = Exec("BEGIN", what);
    }
    RETURN_IF_ERROR(begun);
    in_tx_ = true;
    Status locked = Exec(kWriterLock, what);
    if (!locked.ok()) (void)Rollback();
    return locked;
  }

  Status Commit() override {
    const std::string what = "commit transaction on store " + store_;
    if (!connected()) {
      in_tx_ = false;
      return Status::IoError(what +
                             ": the connection to the PostgreSQL server was "
                             "lost during the transaction, which the server "
                             "rolled back: none of it is stored");
    }
    if (PQtransactionStatus(conn()) == PQTRANS_INERROR) {
      (void)Rollback();
      return Status::IoError(what +
                             ": an earlier statement of the transaction "
                             "failed, so PostgreSQL rolled all of it back");
    }
    in_tx_ = false;
    return Exec("COMMIT", what);
  }

  Status Rollback() override {
    in_tx_ = false;
    if (!connected()) return Status::OK();  // the server rolled it back
    return Exec("ROLLBACK", "roll back transaction on store " + store_);
  }

 private:
  Status CreateSchema(const StoreOptions& options);
  Status Migrate();  // from version 5-11 to Store::kSchemaVersion
  Result<std::string> FoldFunction();

  Conn conn_;
  std::string store_;  // the URI without its password
  bool read_only_;
  bool writer_ = false;  // ClaimWriter succeeded: relocked on reconnect
  // Not OK once a reconnect found the writer lock taken: Begin fails.
  Status writer_lost_;
  int wait_ms_;
  bool in_tx_ = false;
  int version_ = 0;
  std::vector<std::unique_ptr<PgStatement>> statements_;  // by Query
  // FindStories' statements by their StoryCondition bits.
  std::map<unsigned, std::unique_ptr<PgStatement>> story_searches_;
};

Status PgStatement::Execute(std::string_view key) {
  executed_ = true;
  if (!query_error_.ok()) return query_error_;
  if (!bind_error_.empty()) {
    return Status::InvalidArgument(What(key) + ": " + bind_error_);
  }
  const int n = static_cast<int>(params_.size());
  std::vector<Oid> types(n, kByteaOid);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0);
  std::vector<int> formats(n, 1);
  for (int i = 0; i < n; ++i) {
    if (params_[i].type != 0) types[i] = params_[i].type;
    if (params_[i].bytes) {
      values[i] = params_[i].bytes->data();
      lengths[i] = static_cast<int>(params_[i].bytes->size());
    }
  }
  PGconn* conn = db_->conn();
  // A write outside Begin()/Commit() is its own transaction, and takes the
  // writer's lock like any other.
  const bool own_tx = writes_ && !db_->in_transaction();
  if (own_tx) {
    Status begun = db_->Begin();
    if (!begun.ok()) {
      // "<what> <key>: database is locked — ..." as from SQLite.
      const std::string m(begun.message());
      const size_t colon = m.find(": ");
      const std::string msg =
          What(key) + (colon == std::string::npos ? ": " + m : m.substr(colon));
      return begun.code() == Status::Code::kIoError ? Status::IoError(msg)
                                                    : Status::InvalidArgument(msg);
    }
  }
  // Outside any transaction (a read; own_tx has begun one) a dropped
  // connection loses nothing: connect again, before the statement and once
  // more if the server dropped it while idle (a restart, an idle timeout).
  const bool idle = !db_->in_transaction();
  if (idle) RETURN_IF_ERROR(db_->EnsureConnected());
  res_.reset(PQexecParams(conn, sql_.c_str(), n, types.data(), values.data(),
                          lengths.data(), formats.data(), /*resultFormat=*/1));
  if (idle && !db_->connected()) {
    RETURN_IF_ERROR(db_->EnsureConnected());
    res_.reset(PQexecParams(conn, sql_.c_str(), n, types.data(), values.data(),
                            lengths.data(), formats.data(), /*resultFormat=*/1));
  }
  const ExecStatusType st = PQresultStatus(res_.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Status error = Error(conn, res_.get(), What(key), db_->store());
    res_.reset();
    if (own_tx) (void)db_->Rollback();
    return error;
  }
  const char* tuples = PQcmdTuples(res_.get());
  changes_ = tuples != nullptr && *tuples != '\0' ? std::atoll(tuples) : 0;
  if (own_tx) {
    Status committed = db_->Commit();
    if (!committed.ok()) return committed.WithContext(What(key));
  }
  return Status::OK();
}

Result<bool> PgStatement::Step(std::string_view key) {
  if (!executed_) RETURN_IF_ERROR(Execute(key));
  if (res_ == nullptr) return false;
  ++row_;
  return row_ < PQntuples(res_.get());
}

Status PgStatement::Run(std::string_view key) {
  if (!executed_) RETURN_IF_ERROR(Execute(key));
  return Status::OK();
}

// ---- SQL ----

struct QuerySpec {
  Query query;
  const char* what;
  bool writes;
  const char* sql;
};


// The same statements as sqlite_backend.cc's, in PostgreSQL's dialect.
constexpr QuerySpec kQueries[] = {
    {Query::kHasArticle, "look up article", false,
     "SELECT 1 FROM articles WHERE id = $1"},
    // ON CONFLICT DO NOTHING keeps the transaction usable; no row comes
    // back and Store::InsertArticle reports the duplicate.
    {Query::kInsertArticle, "insert article", true,
     "INSERT INTO articles (id, seq, input, external_id, source, url, title,"
     " text, published, lang, lang_confidence, gold_event, gold_story,"
     " event_id, ingested_at, published_offset)"
     " VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM articles),"
     " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
     " extract(epoch FROM now())::int8, $14)"
     " ON CONFLICT (id) DO NOTHING RETURNING seq"},
    {Query::kSetArticleEvent, "set event of article", true,
     "UPDATE articles SET event_id = $2 WHERE id = $1"},
    {Query::kGetArticle, "get article", false,
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS " FROM articles WHERE id = $1"},
    {Query::kArticlesOfEvent, "list articles of event", false,
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS
     " FROM articles WHERE event_id = $1 ORDER BY seq"},
    {Query::kCountArticles, "count articles", false,
     "SELECT count(*) FROM articles"},
    {Query::kGetArticleBySeq, "get article by seq", false,
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS " FROM articles WHERE seq = $1"},
    {Query::kArticlesCalled, "find articles by input id or url", false,
     "SELECT " NEWSLOOM_ARTICLE_COLUMNS " FROM articles"
     " WHERE (external_id = $1 AND external_id != ''::bytea)"
     " OR (url = $1 AND url != ''::bytea) ORDER BY seq LIMIT $2"},
    {Query::kPutDuplicate, "put duplicate", true,
     "INSERT INTO duplicates (" NEWSLOOM_DUPLICATE_COLUMNS ")"
     " VALUES ($1, $2, $3, $4, $5)"
     " ON CONFLICT (article_id) DO UPDATE SET"
     " canonical_id = excluded.canonical_id,"
     " matched_id = excluded.matched_id, kind = excluded.kind,"
     " similarity = excluded.similarity"},
    {Query::kGetDuplicate, "get duplicate", false,
     "SELECT " NEWSLOOM_DUPLICATE_COLUMNS
     " FROM duplicates WHERE article_id = $1"},
    {Query::kDuplicatesOf, "list duplicates of article", false,
     "SELECT d.article_id, d.canonical_id, d.matched_id, d.kind,"
     " d.similarity FROM duplicates d JOIN articles a ON a.id = d.article_id"
     " WHERE d.canonical_id = $1 ORDER BY a.seq"},
    {Query::kPutEvent, "put event", true,
     "INSERT INTO events (" NEWSLOOM_EVENT_COLUMNS ")"
     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
     " ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id,"
     " title = excluded.title, first_published = excluded.first_published,"
     " last_published = excluded.last_published,"
     " article_count = excluded.article_count,"
     " first_local = excluded.first_local, last_local = excluded.last_local"},
    {Query::kGetEvent, "get event", false,
     "SELECT " NEWSLOOM_EVENT_COLUMNS " FROM events WHERE id = $1"},
    {Query::kEventsOfStory, "list events of story", false,
     "SELECT " NEWSLOOM_EVENT_COLUMNS " FROM events WHERE story_id = $1"
     " ORDER BY first_published NULLS LAST, id"},
    {Query::kPutStory, "put story", true,
     "INSERT INTO stories (" NEWSLOOM_STORY_COLUMNS ")"
     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
     " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
     " first_published = excluded.first_published,"
     " last_published = excluded.last_published,"
     " event_count = excluded.event_count,"
     " article_count = excluded.article_count,"
     " first_local = excluded.first_local, last_local = excluded.last_local"},
    {Query::kGetStory, "get story", false,
     "SELECT " NEWSLOOM_STORY_COLUMNS " FROM stories WHERE id = $1"},
    {Query::kDeleteStory, "delete story", true,
     "DELETE FROM stories WHERE id = $1"},
    {Query::kDeleteEvent, "delete event", true,
     "DELETE FROM events WHERE id = $1"},
    {Query::kListStories, "list stories", false,
     "SELECT " NEWSLOOM_STORY_COLUMNS " FROM stories"
     " ORDER BY last_published DESC NULLS LAST, id DESC LIMIT $1"},
    {Query::kPutState, "put state", true,
     "INSERT INTO state (key, value) VALUES ($1, $2)"
     " ON CONFLICT (key) DO UPDATE SET value = excluded.value"},
    {Query::kGetState, "get state", false,
     "SELECT value FROM state WHERE key = $1"},
    {Query::kDeleteState, "delete state", true, "DELETE FROM state WHERE key = $1"},
    {Query::kPutFeedState, "put feed state", true,
     "INSERT INTO feeds (url, etag, last_modified, checked_at)"
     " VALUES ($1, $2, $3, $4)"
     " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
     " last_modified = excluded.last_modified,"
     " checked_at = excluded.checked_at"},
    {Query::kGetFeedState, "get feed state", false,
     "SELECT url, etag, last_modified, checked_at FROM feeds WHERE url = $1"},
    {Query::kMarkFeedItemSeen, "mark feed item seen", true,
     "INSERT INTO feed_items (feed_url, item_key, seen_at) VALUES ($1, $2, $3)"
     " ON CONFLICT DO NOTHING"},
    {Query::kFeedItemSeen, "look up feed item", false,
     "SELECT 1 FROM feed_items WHERE feed_url = $1 AND item_key = $2"},
    {Query::kPutAnnotations, "put annotations", true,
     "INSERT INTO annotations (article_id, version, json) VALUES ($1, $2, $3)"
     " ON CONFLICT (article_id) DO UPDATE SET version = excluded.version,"
     " json = excluded.json"},
    {Query::kGetAnnotations, "get annotations", false,
     "SELECT json FROM annotations WHERE article_id = $1 AND version = $2"},
    {Query::kCountStories, "count stories", false,
     "SELECT count(*) FROM stories"},
    {Query::kStoryLanguages, "list languages of story", false,
     "SELECT a.lang FROM events e JOIN articles a ON a.event_id = e.id"
     " WHERE e.story_id = $1 AND a.lang != ''::bytea"
     " GROUP BY a.lang ORDER BY count(*) DESC, a.lang"},
    {Query::kStorySources, "list sources of story", false,
     "SELECT a.source FROM events e JOIN articles a ON a.event_id = e.id"
     " WHERE e.story_id = $1 AND a.source != ''::bytea"
     " GROUP BY a.source ORDER BY count(*) DESC, a.source"},
    {Query::kDeleteArticleEntities, "delete entities of article", true,
     "DELETE FROM article_entities WHERE article_id = $1"},
    {Query::kInsertArticleEntity, "insert entity of article", true,
     "INSERT INTO article_entities AS x (key, article_id, form, lang, name,"
     " type, mentions) VALUES ($1, $2, $3, $4, $5, $6, $7)"
     " ON CONFLICT (key, article_id, form) DO UPDATE"
     " SET mentions = x.mentions + excluded.mentions"},
    {Query::kEntityMentions, "list mentions of entity", false,
     "SELECT x.key, x.article_id, x.form, x.lang, x.name, x.type, x.mentions"
     " FROM article_entities x JOIN articles a ON a.id = x.article_id"
     " WHERE x.key = $1 ORDER BY a.seq, x.form LIMIT $2"},
    {Query::kEntitiesNamed, "find entities by name", false,
     "SELECT x.key, '', '', '', x.name, x.type, count(*) FROM article_entities x"
     " WHERE lower(newsloom_text(x.name)) = lower(convert_from($1, 'UTF8'))"
     " OR lower(newsloom_text(x.form)) = lower(convert_from($1, 'UTF8'))"
     " GROUP BY x.key, x.name, x.type ORDER BY count(*) DESC, x.key LIMIT $2"},
    {Query::kPutMergedEvent, "record merged event", true,
     "INSERT INTO merged_events (id, into_id) VALUES ($1, $2)"
     " ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id"},
    {Query::kMergedEventInto, "look up merged event", false,
     "SELECT into_id FROM merged_events WHERE id = $1"},
    {Query::kPutMergedStory, "record merged story", true,
     "INSERT INTO merged_stories (id, into_id) VALUES ($1, $2)"
     " ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id"},
    {Query::kMergedStoryInto, "look up merged story", false,
     "SELECT into_id FROM merged_stories WHERE id = $1"},
    {Query::kForgetMergedEvent, "forget merged event", true,
     "DELETE FROM merged_events WHERE id = $1"},
    {Query::kForgetMergedStory, "forget merged story", true,
     "DELETE FROM merged_stories WHERE id = $1"},
};

static_assert(ListsEveryQueryInOrder(kQueries),
              "kQueries must list every Query in order");

// FindStories' fragments, numbered as in backend.h. $1 is the tsquery text
// made by ToTsQuery, folded like the index.
constexpr char kStoryOrder[] =
    " ORDER BY s.last_published DESC NULLS LAST, s.id DESC LIMIT $10";

constexpr ArticleConditionSql kArticleConditionSql[kNumArticleConditions] = {
    {"", " AND a.fts @@ to_tsquery('simple', newsloom_fold(convert_from($1, 'UTF8')))"},
    {" JOIN article_entities x ON x.article_id = a.id", " AND x.key = $2"},
    {"", " AND a.lang = $3"},
    {"", " AND a.source = $4"},
};
constexpr const char* kStoryConditionSql[kNumStoryConditions] = {
    "", "", "", "",  // the article conditions: kArticleConditionSql
    // As SQLite's (sqlite_backend.cc): the days of the local span.
    " AND s.last_published >= $5 - 86400"
    " AND coalesce(s.last_local, s.last_published) >= $5",
    " AND s.first_published < $6 + 86400"
    " AND coalesce(s.first_local, s.first_published) < $6",
    " AND (CASE WHEN $9 = 1 THEN s.last_published IS NULL AND s.id < $8"
    " ELSE s.last_published IS NULL OR s.last_published < $7"
    " OR (s.last_published = $7 AND s.id < $8) END)",
};


// ---- schema ----

// newsloom_text: a bytea column as text for the index (its UTF-8, or its
// escaped bytes when it is not valid UTF-8 or holds a NUL, which text
// cannot). newsloom_fold (made by FoldFunction): what case and diacritics
// the index ignores. Both IMMUTABLE, as a generated column requires.
constexpr char kTextFunction[] = R"sql(
CREATE FUNCTION newsloom_text(b bytea) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $f$
BEGIN
  RETURN convert_from(b, 'UTF8');
EXCEPTION WHEN others THEN
  RETURN encode(b, 'escape');
END
$f$;
)sql";

// Schema version 5 of SCHEMA.md, in PostgreSQL's types: every string is
// bytea (byte-exact, as SQLite's TEXT), every integer int8.
constexpr char kSchema[] = R"sql(
CREATE TABLE newsloom_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE articles (
  id              bytea PRIMARY KEY,
  seq             int8 NOT NULL UNIQUE,
  input           bytea NOT NULL,
  external_id     bytea NOT NULL,
  source          bytea NOT NULL,
  url             bytea NOT NULL,
  title           bytea NOT NULL,
  text            bytea NOT NULL,
  published       int8,
  lang            bytea NOT NULL,
  lang_confidence float8 NOT NULL,
  gold_event      bytea NOT NULL,
  gold_story      bytea NOT NULL,
  event_id        int8 NOT NULL DEFAULT 0,
  ingested_at     int8 NOT NULL,
  published_offset int8,
  fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', newsloom_fold(newsloom_text(title))), 'A') ||
    setweight(to_tsvector('simple', newsloom_fold(newsloom_text(text))), 'D')
  ) STORED
);
CREATE INDEX articles_by_event ON articles (event_id, seq);
CREATE INDEX articles_by_lang ON articles (lang, event_id);
CREATE INDEX articles_by_source ON articles (source, event_id);
CREATE INDEX articles_fts ON articles USING gin (fts);
CREATE INDEX articles_by_external_id ON articles (external_id) WHERE external_id != ''::bytea;
CREATE INDEX articles_by_url ON articles (url) WHERE url != ''::bytea;
CREATE TABLE events (
  id              int8 PRIMARY KEY,
  story_id        int8 NOT NULL,
  title           bytea NOT NULL,
  first_published int8,
  last_published  int8,
  article_count   int8 NOT NULL,
  first_local     int8,
  last_local      int8
);
CREATE INDEX events_by_story ON events (story_id, first_published, id);
CREATE TABLE stories (
  id              int8 PRIMARY KEY,
  title           bytea NOT NULL,
  first_published int8,
  last_published  int8,
  event_count     int8 NOT NULL,
  article_count   int8 NOT NULL,
  first_local     int8,
  last_local      int8
);
CREATE INDEX stories_by_activity ON stories (last_published DESC NULLS LAST, id DESC);
CREATE TABLE state (
  key   bytea PRIMARY KEY,
  value bytea NOT NULL
);
CREATE TABLE merged_events (
  id      int8 PRIMARY KEY,
  into_id int8 NOT NULL
);
CREATE TABLE merged_stories (
  id      int8 PRIMARY KEY,
  into_id int8 NOT NULL
);
CREATE TABLE duplicates (
  article_id   bytea PRIMARY KEY,
  canonical_id bytea NOT NULL,
  matched_id   bytea NOT NULL,
  kind         bytea NOT NULL,
  similarity   float8 NOT NULL
);
CREATE INDEX duplicates_by_canonical ON duplicates (canonical_id);
CREATE TABLE feeds (
  url           bytea PRIMARY KEY,
  etag          bytea NOT NULL,
  last_modified bytea NOT NULL,
  checked_at    int8 NOT NULL
);
CREATE TABLE feed_items (
  feed_url bytea NOT NULL,
  item_key bytea NOT NULL,
  seen_at  int8 NOT NULL,
  PRIMARY KEY (feed_url, item_key)
);
CREATE TABLE annotations (
  article_id bytea PRIMARY KEY,
  version    int8 NOT NULL,
  json       bytea NOT NULL
);
CREATE TABLE article_entities (
  key        bytea NOT NULL,
  article_id bytea NOT NULL,
  form       bytea NOT NULL,
  lang       bytea NOT NULL,
  name       bytea NOT NULL,
  type       bytea NOT NULL,
  mentions   int8 NOT NULL,
  PRIMARY KEY (key, article_id, form)
);
CREATE INDEX article_entities_by_article ON article_entities (article_id);
INSERT INTO newsloom_meta VALUES ('application', 'newsloom'),
  ('created_at', extract(epoch FROM now())::int8::text);
)sql";

std::string QuoteIdent(PGconn* conn, const std::string& name) {
  char* q = PQescapeIdentifier(conn, name.data(), name.size());
  std::string out = q != nullptr ? q : "\"\"";
  PQfreemem(q);
  return out;
}

std::string QuoteLiteral(PGconn* conn, const std::string& text) {
  char* q = PQescapeLiteral(conn, text.data(), text.size());
  std::string out = q != nullptr ? q : "''";
  PQfreemem(q);
  return out;
}

// The body of newsloom_fold: lower() and, when the unaccent extension is
// installed (or may be: it is a trusted extension since PostgreSQL 13),
// unaccent().
Result<std::string> PostgresBackend::FoldFunction() {
  const std::string what = "open store " + store_;
  const std::string find =
      "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
      " ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'";
  ASSIGN_OR_RETURN(std::string schema, QueryText(find, what));
  if (schema.empty()) {
    RETURN_IF_ERROR(Exec("SAVEPOINT unaccent", what));
    if (Exec("CREATE EXTENSION IF NOT EXISTS unaccent", what).ok()) {
      RETURN_IF_ERROR(Exec("RELEASE SAVEPOINT unaccent", what));
      ASSIGN_OR_RETURN(schema, QueryText(find, what));
    } else {
      RETURN_IF_ERROR(Exec("ROLLBACK TO SAVEPOINT unaccent", what));
    }
  }
  std::string body = "lower(t)";
  if (!schema.empty()) {
    const std::string s = QuoteIdent(conn(), schema);
    body = "lower(" + s + ".unaccent(" + QuoteLiteral(conn(), s + ".unaccent") +
           "::regdictionary, t))";
  }
  return "CREATE FUNCTION newsloom_fold(t text) RETURNS text LANGUAGE sql"
         " IMMUTABLE STRICT PARALLEL SAFE AS $f$ SELECT " + body + " $f$;";
}

Status PostgresBackend::CreateSchema(const StoreOptions& options) {
  const std::string what = "create store " + store_;
  if (!options.create_if_missing) {
    return Status::NotFound("open store " + store_ +
                            ": it has no newsloom tables (and "
                            "create_if_missing is off)");
  }
  if (read_only_) {
    return Status::NotSupported("store " + store_ +
                                " has no newsloom tables and was opened "
                                "read-only: run `newsloom ingest` on it once");
  }
  RETURN_IF_ERROR(Begin());
  Status s = [&]() -> Status {
    // Another process may have created the tables while we waited.
    ASSIGN_OR_RETURN(std::string exists,
                     QueryText("SELECT to_regclass('newsloom_meta')::text", what));
    if (!exists.empty()) return Status::OK();
    ASSIGN_OR_RETURN(std::string fold, FoldFunction());
    RETURN_IF_ERROR(Exec(kTextFunction, what));
    RETURN_IF_ERROR(Exec(fold, what));
    RETURN_IF_ERROR(Exec(kSchema, what));
    return Exec("INSERT INTO newsloom_meta VALUES ('schema_version', '" +
                    std::to_string(Store::kSchemaVersion) + "')",
                what);
  }();
  if (!s.ok()) {
    (void)Rollback();
    return s;
  }
  return Commit();
}

// The tables of versions 5 to 7 are the same; version 8 added
// articles.published_offset and two partial indexes (SCHEMA.md); version 9
// changed only SQLite's full-text index, so here it is a new number; version
// 10 added merged_events and merged_stories, 11 events' and stories'
// local spans (first_local, last_local), 12 filled them for the rows
// written before (kLocalSpansFromArticles, schema.h). One
// transaction under the writer's lock (Begin): another process that
// migrated first leaves nothing to do.
Status PostgresBackend::Migrate() {
  const std::string what = "upgrade store " + store_ + " to schema version " +
                           std::to_string(Store::kSchemaVersion);
  RETURN_IF_ERROR(Begin());
  Status s = [&]() -> Status {
    ASSIGN_OR_RETURN(std::string version,
                     QueryText("SELECT value FROM newsloom_meta"
                               " WHERE key = 'schema_version'",
                               what));
    const int from = std::atoi(version.c_str());
    if (from >= Store::kSchemaVersion) return Status::OK();
    if (from < 8) {
      RETURN_IF_ERROR(Exec(
          "ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_offset int8;"
          " CREATE INDEX IF NOT EXISTS articles_by_external_id ON articles"
          " (external_id) WHERE external_id != ''::bytea;"
          " CREATE INDEX IF NOT EXISTS articles_by_url ON articles (url)"
          " WHERE url != ''::bytea",
          what));
    }
    if (from < 10) {
      RETURN_IF_ERROR(Exec(
          "CREATE TABLE IF NOT EXISTS merged_events"
          " (id int8 PRIMARY KEY, into_id int8 NOT NULL);"
          " CREATE TABLE IF NOT EXISTS merged_stories"
          " (id int8 PRIMARY KEY, into_id int8 NOT NULL)",
          what));
    }
    if (from < 11) {
      RETURN_IF_ERROR(Exec(
          "ALTER TABLE events ADD COLUMN IF NOT EXISTS first_local int8,"
          " ADD COLUMN IF NOT EXISTS last_local int8;"
          " ALTER TABLE stories ADD COLUMN IF NOT EXISTS first_local int8,"
          " ADD COLUMN IF NOT EXISTS last_local int8",
          what));
    }
    if (from < 12) RETURN_IF_ERROR(Exec(kLocalSpansFromArticles, what));
    return Exec("UPDATE newsloom_meta SET value = '" +
                    std::to_string(Store::kSchemaVersion) +
                    "' WHERE key = 'schema_version'",
                what);
  }();
  if (!s.ok()) {
    (void)Rollback();
    return s;
  }
  RETURN_IF_ERROR(Commit());
  version_ = Store::kSchemaVersion;
  return Status::OK();
}

Status PostgresBackend::Setup(const StoreOptions& options) {
  const std::string what = "open store " + store_;
  RETURN_IF_ERROR(Exec("SET lock_timeout = " + std::to_string(std::max(1, wait_ms_)),
                       what));
  ASSIGN_OR_RETURN(std::string encoding,
                   QueryText("SELECT pg_encoding_to_char(encoding) FROM "
                             "pg_database WHERE datname = current_database()",
                             what));
  if (encoding != "UTF8") {
    return Status::NotSupported(what + ": the database's encoding is " +
                                encoding + "; newsloom needs UTF8 "
                                "(CREATE DATABASE ... ENCODING 'UTF8')");
  }
  ASSIGN_OR_RETURN(std::string current, QueryText("SELECT current_schema()", what));
  if (current.empty()) {
    return Status::InvalidArgument(what + ": no schema to keep the tables in "
                                          "(the search_path names none that exists)");
  }
  ASSIGN_OR_RETURN(std::string exists,
                   QueryText("SELECT to_regclass('newsloom_meta')::text", what));
  if (exists.empty()) {
    ASSIGN_OR_RETURN(std::string tables,
                     QueryText("SELECT count(*) FROM pg_tables WHERE schemaname"
                               " = current_schema() AND tablename IN ('articles',"
                               " 'events', 'stories')",
                               what));
    if (tables != "0") {
      return Status::InvalidArgument(
          "store " + store_ + " has tables named like newsloom's (schema " +
          current + ") but is not a newsloom store: use another schema");
    }
    RETURN_IF_ERROR(CreateSchema(options));
  }
  ASSIGN_OR_RETURN(std::string version,
                   QueryText("SELECT value FROM newsloom_meta"
                             " WHERE key = 'schema_version'",
                             what));
  version_ = std::atoi(version.c_str());
  if (version_ > Store::kSchemaVersion) {
    return Status::NotSupported(
        "store " + store_ + " has schema version " + version +
        "; this newsloom supports up to " +
        std::to_string(Store::kSchemaVersion) + " — upgrade newsloom");
  }
  if (version_ < 1) {
    return Status::Corruption("store " + store_ +
                              ": newsloom_meta holds no schema version");
  }
  if (version_ < Store::kSchemaVersion && !read_only_) {
    // A process that is to be the writer claims the store first, as on
    // SQLite: refused beside a running writer, it has upgraded nothing.
    if (options.claim_writer) RETURN_IF_ERROR(ClaimWriter());
    RETURN_IF_ERROR(Migrate());
  }
  if (read_only_) {
    RETURN_IF_ERROR(
        Exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", what));
  }
  (void)options;
  for (const QuerySpec& q : kQueries) {
    const std::string sql = SqlForSchema(q.query, q.sql, version_, /*postgres=*/true);
    statements_.push_back(std::make_unique<PgStatement>(this, sql, q.what, q.writes));
  }
  return Status::OK();
}

Result<Statement*> PostgresBackend::StorySearch(unsigned conditions) {
  std::unique_ptr<PgStatement>& st = story_searches_[conditions];
  if (st == nullptr) {
    st = std::make_unique<PgStatement>(
        this,
        StorySearchSql(conditions, kArticleConditionSql, kStoryConditionSql, kStoryOrder,
                       version_, /*postgres=*/true),
        "find stories", false, (conditions & kByQuery) != 0);
  }
  return st.get();
}

}  // namespace

bool IsPostgresUri(std::string_view location) {
  return location.starts_with("postgresql://") ||
         location.starts_with("postgres://");
}

std::string RedactPassword(std::string_view uri) {
  std::string out(uri);
  // postgresql://user:password@host/...
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t at = out.find('@', start);
    const size_t slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // ...?password=secret&...
  for (size_t p = out.find("password="); p != std::string::npos;
       p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    const size_t end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

Result<std::unique_ptr<Backend>> OpenPostgres(const std::string& uri,
                                              const StoreOptions& options) {
  const std::string store = RedactPassword(uri);
  Conn conn(PQconnectdb(uri.c_str()));
  if (conn == nullptr) {
    return Status::IoError("open store " + store + ": out of memory");
  }
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Status::IoError("open store " + store + ": " +
                           Trimmed(PQerrorMessage(conn.get())) +
                           " — check that the PostgreSQL server runs and "
                           "that the URI's host, port, user and database "
                           "are right");
  }
  // The server's notices ("... does not exist, skipping") are not for the
  // user of a command line.
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  auto db = std::make_unique<PostgresBackend>(std::move(conn), store, options);
  RETURN_IF_ERROR(db->Setup(options));
  return std::unique_ptr<Backend>(std::move(db));
}

}  // namespace newsloom::store
