// The store's SQL schema and how an existing file is brought up to it.
// Private to src/store; SCHEMA.md describes every table and column.
//
// Versioning: the schema version lives in the SQLite header field
// `PRAGMA user_version` (0 in a brand-new file), and the header field
// `PRAGMA application_id` marks the file as a newsloom store. Both are
// written in the same transaction as the DDL, so a file is either fully at a
// version or untouched. Migrations are a table of {version, sql} steps;
// step N turns a version N-1 file into a version N file.
#ifndef NEWSLOOM_STORE_SCHEMA_H_
#define NEWSLOOM_STORE_SCHEMA_H_

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string_view>

#include "base/status.h"

namespace newsloom {

// 'NWSL' in the SQLite header, so other tools (and we) can tell a newsloom
// store from another application's database.
inline constexpr int32_t kStoreApplicationId = 0x4E57534C;

struct Migration {
  int version;      // the schema version this step produces
  const char* sql;  // statements run inside the migration transaction
};

// Step 12, which the PostgreSQL back-end's upgrade runs too (its dialect
// takes the same statements): gives the events and stories dated without
// local spans (first_local, last_local; rows written before schema 11)
// those of their articles, as `check` computes them.
extern const char kLocalSpansFromArticles[];

// newsloom's migrations, oldest first; the last one's version is
// Store::kSchemaVersion.
std::span<const Migration> StoreMigrations();

// Brings the database on `db` to the last version in `migrations` and
// returns that version. A brand-new (empty) database gets every step; an
// older one gets the missing steps, in order, all in one IMMEDIATE
// transaction (so two processes opening the same new file do not race).
// `path` only names the store in messages. Errors:
//   NotSupported  "store PATH has schema version N; this newsloom supports
//                 up to M — upgrade newsloom"
//   InvalidArgument  a SQLite database that is not a newsloom store
//   whatever SQLite reports (Corruption for a non-database file).
// REQUIRES: `migrations` non-empty, versions 1, 2, 3, ... in order; no
// transaction open on `db`.
Result<int> MigrateSchema(sqlite3* db, std::span<const Migration> migrations,
                          std::string_view path);

}  // namespace newsloom

#endif  // NEWSLOOM_STORE_SCHEMA_H_
