// Test helper: a fresh PostgreSQL schema to hold one test's store.
//
// The tests that run on PostgreSQL (store_test's StoreContract, the serve
// suite as serve_test_postgres, the CLI's comparison with SQLite) use the
// server named by the environment variable NEWSLOOM_TEST_POSTGRES, a libpq
// URI that scripts/test.sh sets after starting a private server with
// scripts/pg_test_server.sh (HACKING.md). Each test gets a schema of its
// own, so tests and runs never see each other's tables, and a store URI
// whose search_path is that schema:
//
//   PgTestSchema pg("newsloom_serve_test");
//   if (!pg.configured()) GTEST_SKIP() << PgTestSchema::kSkipReason;
//   ASSERT_TRUE(pg.ok()) << pg.error();
//   Store::Open(pg.uri());
//
// Header-only; the test target links libpq.
#ifndef NEWSLOOM_STORE_PG_TEST_SCHEMA_H_
#define NEWSLOOM_STORE_PG_TEST_SCHEMA_H_

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <string_view>

namespace newsloom::testing {

class PgTestSchema {
 public:
  // Why the PostgreSQL tests skip when there is no server.
  static constexpr const char* kSkipReason =
      "NEWSLOOM_TEST_POSTGRES is not set: no PostgreSQL server to test "
      "against (scripts/test.sh starts one with scripts/pg_test_server.sh; "
      "see HACKING.md)";

  // Connects to NEWSLOOM_TEST_POSTGRES and makes the schema
  // `prefix`_<pid>_<n> (dropped first if a killed run left it behind).
  // Nothing is done when the variable is unset (configured() is false).
  explicit PgTestSchema(std::string_view prefix) {
    const char* base = getenv("NEWSLOOM_TEST_POSTGRES");
    if (base == nullptr || *base == '\0') return;
    configured_ = true;
    admin_ = PQconnectdb(base);
    if (PQstatus(admin_) != CONNECTION_OK) {
      error_ = std::string("NEWSLOOM_TEST_POSTGRES=") + base + ": " +
               PQerrorMessage(admin_);
      return;
    }
    static int counter = 0;
    name_ = std::string(prefix) + "_" + std::to_string(getpid()) + "_" +
            std::to_string(++counter);
    for (const std::string& sql :
         {std::string("SET client_min_messages = warning"),
          "DROP SCHEMA IF EXISTS " + name_ + " CASCADE",
          "CREATE SCHEMA " + name_}) {
      error_ = Exec(sql);
      if (!error_.empty()) {
        name_.clear();  // nothing to drop
        return;
      }
    }
    uri_ = std::string(base) + (strchr(base, '?') ? "&" : "?") +
           "options=-csearch_path%3D" + name_;
  }

  ~PgTestSchema() {
    if (admin_ == nullptr) return;
    if (!name_.empty()) Exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    PQfinish(admin_);
  }

  PgTestSchema(const PgTestSchema&) = delete;
  PgTestSchema& operator=(const PgTestSchema&) = delete;

  // NEWSLOOM_TEST_POSTGRES is set: the test should run, not skip.
  bool configured() const { return configured_; }
  // The schema exists and uri() names it.
  bool ok() const { return configured_ && error_.empty(); }
  // Why not ok() (the server's message), "" when ok().
  const std::string& error() const { return error_; }

  // The schema's name, to qualify tables in Exec() and Value().
  const std::string& name() const { return name_; }
  // A store location (libpq URI) whose tables live in the schema.
  const std::string& uri() const { return uri_; }

  // Runs `sql` on the test's own connection; "" on success, else the SQL
  // and the server's message.
  std::string Exec(const std::string& sql) {
    PGresult* r = PQexec(admin_, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    std::string message;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      message = sql + ": " + PQerrorMessage(admin_);
    }
    PQclear(r);
    return message;
  }

  // The first column of the first row of `sql` as text; `fallback` when
  // the query fails or has no rows.
  std::string Value(const std::string& sql, std::string fallback = "") {
    PGresult* r = PQexec(admin_, sql.c_str());
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) {
      fallback = PQgetvalue(r, 0, 0);
    }
    PQclear(r);
    return fallback;
  }

 private:
  bool configured_ = false;
  PGconn* admin_ = nullptr;
  std::string error_;
  std::string name_;
  std::string uri_;
};

}  // namespace newsloom::testing

#endif  // NEWSLOOM_STORE_PG_TEST_SCHEMA_H_
