#include "store/sqlite.h"

#include <utility>

namespace newsloom::sqlite {
namespace {

Status::Code CodeFor(int rc) {
  switch (rc & 0xff) {  // the primary code of an extended one
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::Code::kCorruption;
    case SQLITE_CONSTRAINT:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
      return Status::Code::kInvalidArgument;
    default:
      return Status::Code::kIoError;
  }
}

Status MakeStatus(Status::Code code, std::string_view msg) {
  switch (code) {
    case Status::Code::kCorruption:
      return Status::Corruption(msg);
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(msg);
    default:
      return Status::IoError(msg);
  }
}

// sqlite3_bind_* with a null pointer binds NULL, not an empty value.
const char* NonNull(std::string_view s) {
  return s.data() != nullptr ? s.data() : "";
}

// The database file's path as SQLite resolved it (absolute), or "" for an
// in-memory database or a connection that failed to open.
std::string FileName(sqlite3* db) {
  const char* name = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  return name != nullptr ? name : "";
}

}  // namespace

std::string Advice(int rc, std::string_view path) {
  const std::string file = path.empty() ? "the store" : std::string(path);
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return "the disk holding " + file +
             " is full (or the store reached its size cap): free space and "
             "run again; what was committed before is kept, nothing of the "
             "unfinished transaction is";
    case SQLITE_READONLY:
      return file +
             " is read-only (file or folder permissions, or a read-only file "
             "system): make it writable (chmod u+w) or use another store";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "database is locked by another process: another program "
             "(another newsloom?) is writing " +
             file + "; wait until it is done and run again, or use another store";
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return file +
             " is damaged or not a SQLite database, and was left as it is: "
             "restore it from a backup, or move it away to start a new store";
    case SQLITE_CANTOPEN:
      return "check that the folder of " + file +
             " exists and that newsloom may write there";
    case SQLITE_IOERR:
      return "the operating system could not read or write " + file +
             " (disk error, file removed or moved while open?); what was "
             "committed before is kept";
    default:
      return "";
  }
}

Status Error(sqlite3* db, int rc, std::string_view what) {
  // errmsg describes the most recent failure on `db`; when the caller's rc
  // is not that failure (e.g. a sticky bind error) fall back to errstr.
  const bool same = db != nullptr && sqlite3_extended_errcode(db) == rc;
  std::string msg(what);
  msg += ": ";
  msg += same ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string advice = Advice(rc, FileName(db));
  if (!advice.empty()) msg += " — " + advice;
  return MakeStatus(CodeFor(rc), msg);
}

Status Exec(sqlite3* db, const char* sql, std::string_view what) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::OK() : Error(db, rc, what);
}

Result<int64_t> QueryInt(sqlite3* db, const char* sql, std::string_view what) {
  ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db, sql, what));
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

Result<std::string> QueryText(sqlite3* db, const char* sql,
                              std::string_view what) {
  ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db, sql, what));
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.ColumnBytes(0) : std::string();
}

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql,
                                     std::string_view what) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(db, rc, what);
  return Statement(db, stmt, what);
}

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, std::string_view what)
    : db_(db), stmt_(stmt), what_(what) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      what_(std::move(other.what_)),
      bind_rc_(other.bind_rc_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    what_ = std::move(other.what_);
    bind_rc_ = other.bind_rc_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::NoteBind(int rc) {
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::BindInt(int index, int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_, index, value));
}

void Statement::BindDouble(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_, index, value));
}

void Statement::BindText(int index, std::string_view value) {
  NoteBind(sqlite3_bind_text64(stmt_, index, NonNull(value), value.size(),
                               SQLITE_STATIC, SQLITE_UTF8));
}

void Statement::BindBlob(int index, std::string_view value) {
  NoteBind(sqlite3_bind_blob64(stmt_, index, NonNull(value), value.size(),
                               SQLITE_STATIC));
}

void Statement::BindOptionalInt(int index, std::optional<int64_t> value) {
  NoteBind(value ? sqlite3_bind_int64(stmt_, index, *value)
                 : sqlite3_bind_null(stmt_, index));
}

Status Statement::Fail(int rc, std::string_view key) const {
  std::string what = what_;
  if (!key.empty()) {
    what += ' ';
    what += key;
  }
  return Error(db_, rc, what);
}

Result<bool> Statement::Step(std::string_view key) {
  if (bind_rc_ != SQLITE_OK) return Fail(bind_rc_, key);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(sqlite3_extended_errcode(db_), key);
}

Status Statement::Run(std::string_view key) {
  for (;;) {
    ASSIGN_OR_RETURN(bool row, Step(key));
    if (!row) return Status::OK();
  }
}

int64_t Statement::ColumnInt(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

double Statement::ColumnDouble(int index) const {
  return sqlite3_column_double(stmt_, index);
}

std::optional<int64_t> Statement::ColumnOptionalInt(int index) const {
  if (sqlite3_column_type(stmt_, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt_, index);
}

std::string Statement::ColumnBytes(int index) const {
  // column_blob never converts encodings, so TEXT comes back byte-exact;
  // column_bytes must be called after it (SQLite's documented order).
  const void* data = sqlite3_column_blob(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  if (data == nullptr) return std::string();
  return std::string(static_cast<const char*>(data), size);
}

int64_t Statement::Changes() const { return sqlite3_changes64(db_); }

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

}  // namespace newsloom::sqlite
