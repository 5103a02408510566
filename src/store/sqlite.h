// A thin RAII layer over the sqlite3 C API, private to src/store.
//
// Only what the store needs: an owning connection handle, prepared
// statements that bind values (never splice them into SQL), and the mapping
// from SQLite result codes to Status. Nothing here knows about articles.
//
//   ASSIGN_OR_RETURN(Statement st, Statement::Prepare(db, "SELECT ...", "x"));
//   st.BindText(1, id);
//   ASSIGN_OR_RETURN(bool row, st.Step(id));
//   if (row) std::string title = st.ColumnBytes(0);
//   st.Reset();
//
// Thread safety: thread-compatible, like the connection it belongs to.
#ifndef NEWSLOOM_STORE_SQLITE_H_
#define NEWSLOOM_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/backend.h"

namespace newsloom::sqlite {

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
// An owning connection; closing it rolls back any open transaction.
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// Maps a SQLite result code to a Status code and builds
// "<what>: <sqlite message>", followed by " — <advice>" when Advice() has
// one for `rc`. SQLITE_NOTADB / SQLITE_CORRUPT -> Corruption; constraint,
// range and size violations -> InvalidArgument; everything else (busy,
// locked, I/O, full, cannot open, read-only, ...) -> IoError.
// `db` may be null (then the generic text for `rc` is used).
Status Error(sqlite3* db, int rc, std::string_view what);

// What a person can do about a failure that comes from the database file
// or its surroundings rather than from the data, naming the file at `path`
// ("" = "the store"): a full disk (SQLITE_FULL), a read-only file
// (SQLITE_READONLY), another process holding the write lock (SQLITE_BUSY,
// SQLITE_LOCKED: "database is locked by another process: ..."), a damaged
// or foreign file (SQLITE_NOTADB, SQLITE_CORRUPT), an unopenable path
// (SQLITE_CANTOPEN) and an operating-system I/O error (SQLITE_IOERR).
// "" for every other code. Extended codes count as their primary code.
std::string Advice(int rc, std::string_view path);

// Runs one or more SQL statements that take no parameters (DDL, PRAGMAs,
// BEGIN/COMMIT). `what` names the operation in the error.
Status Exec(sqlite3* db, const char* sql, std::string_view what);

// Runs a query whose first row's first column is an integer (e.g.
// "PRAGMA user_version"); a query without rows yields 0.
Result<int64_t> QueryInt(sqlite3* db, const char* sql, std::string_view what);

// Same, for a text result ("PRAGMA journal_mode").
Result<std::string> QueryText(sqlite3* db, const char* sql,
                              std::string_view what);

// One prepared statement. Bind errors are sticky: the first one is kept and
// returned by the next Step(), so call sites bind without checking each
// call. Text and blobs are bound with an explicit length (embedded NULs
// survive) and WITHOUT copying.
// REQUIRES: bound string data outlives the Step() calls that use it, i.e.
// until Reset().
class Statement final : public store::Statement {
 public:
  // Prepares `sql` (one statement) for repeated use. `what` names the
  // operation in every error this statement returns, e.g. "insert article".
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql,
                                   std::string_view what);

  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement() override;

  // store::Statement (backend.h). Parameters are 1-based, as in SQLite;
  // Changes() counts the last change on the whole connection; Reset()
  // also releases the statement's read/write locks.
  void BindInt(int index, int64_t value) override;
  void BindDouble(int index, double value) override;
  void BindText(int index, std::string_view value) override;
  void BindBlob(int index, std::string_view value) override;
  void BindOptionalInt(int index, std::optional<int64_t> value) override;
  Result<bool> Step(std::string_view key = {}) override;
  Status Run(std::string_view key = {}) override;
  int64_t ColumnInt(int index) const override;
  double ColumnDouble(int index) const override;
  std::optional<int64_t> ColumnOptionalInt(int index) const override;
  std::string ColumnBytes(int index) const override;
  int64_t Changes() const override;
  void Reset() override;

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string_view what);
  void NoteBind(int rc);
  Status Fail(int rc, std::string_view key) const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string what_;
  int bind_rc_ = SQLITE_OK;
};

using store::ScopedReset;

}  // namespace newsloom::sqlite

#endif  // NEWSLOOM_STORE_SQLITE_H_
