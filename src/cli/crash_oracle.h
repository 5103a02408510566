// What the crash tests of `newsloom ingest` and `newsloom serve` share
// (test code only): a temporary folder, waiting for a killed child, and the
// oracle that checks a store after a kill through SQLite itself, sharing no
// code with src/store: it passes SQLite's integrity check, every article is
// whole (its event and story rows present, no orphan duplicate row, stored
// once, byte-exact against the input, in the full-text index) or absent.
#ifndef NEWSLOOM_CLI_CRASH_ORACLE_H_
#define NEWSLOOM_CLI_CRASH_ORACLE_H_

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace newsloom {
namespace crash_oracle {

namespace fs = std::filesystem;

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "newsloom_crash_")
      : path_(fs::temp_directory_path() /
              (prefix + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct Ended {
  bool killed = false;  // by our SIGKILL
  int code = -1;        // exit code otherwise
};

inline Ended Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  Ended e;
  e.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  if (WIFEXITED(status)) e.code = WEXITSTATUS(status);
  return e;
}

// Whether the child has ended, without reaping it (Wait() does that).
inline bool HasEnded(pid_t pid) {
  siginfo_t info{};
  return waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

// The articles committed to `db` so far (0 before it has its schema).
inline int64_t CommittedArticles(const fs::path& db) {
  sqlite3* conn = nullptr;
  int64_t n = 0;
  if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(conn, "SELECT count(*) FROM articles", -1, &st,
                           nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(conn);
  return n;
}

// The end of the runs' output, for failure messages (the folder is gone
// after the test).
inline std::string LogTail(const fs::path& log) {
  std::ifstream in(log, std::ios::binary);
  const std::string all(std::istreambuf_iterator<char>(in), {});
  return all.substr(all.size() > 2000 ? all.size() - 2000 : 0);
}

// Reads a store through SQLite itself, not through src/store: the oracle
// shares no code with what it checks.
class StoreReader {
 public:
  explicit StoreReader(const fs::path& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
  }
  ~StoreReader() { sqlite3_close(db_); }

  using Row = std::vector<std::string>;

  // Every row of `sql`, each column's bytes.
  std::vector<Row> Rows(const char* sql) const {
    std::vector<Row> rows;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return rows;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
      Row row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const void* p = sqlite3_column_blob(st, i);
        row.emplace_back(static_cast<const char*>(p),
                         sqlite3_column_bytes(st, i));
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    return rows;
  }

  // Runs `sql` to its end: "" or SQLite's error message.
  std::string Run(const char* sql) const {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) == SQLITE_OK) return "";
    std::string message = error != nullptr ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    return message;
  }

  int64_t Count(const char* sql) const {
    std::vector<Row> rows = Rows(sql);
    return rows.empty() ? -1 : std::stoll(rows[0][0]);
  }

 private:
  sqlite3* db_ = nullptr;
};

// Each query lists what breaks "every article is whole, or absent".
inline constexpr const char* kViolations[] = {
    "SELECT 'article ' || external_id || ' has no event row' FROM articles a"
    " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id)",
    "SELECT 'event ' || id || ' has no story row' FROM events e"
    " WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = e.story_id)",
    "SELECT 'duplicate row of absent article ' || article_id FROM duplicates d"
    " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id)",
    "SELECT 'input id ' || external_id || ' stored ' || count(*) || ' times'"
    " FROM articles GROUP BY external_id HAVING count(*) > 1",
    "SELECT 'articles without the clustering state' WHERE EXISTS"
    " (SELECT 1 FROM articles) AND (SELECT count(*) FROM state"
    " WHERE key IN ('clusterer', 'dedup')) < 2",
    "SELECT 'seq ' || max(seq) || ' for ' || count(*) || ' articles'"
    " FROM articles HAVING max(seq) != count(*)",
    // The full-text index, filled as each transaction commits (schema 6),
    // holds every committed article and no other.
    "SELECT 'full-text index reaches seq ' || indexed_through || ' of '"
    " || (SELECT max(seq) FROM articles) FROM fts_progress WHERE"
    " indexed_through != (SELECT coalesce(max(seq), 0) FROM articles)",
    "SELECT 'full-text index holds ' || (SELECT count(*) FROM"
    " articles_fts_docsize) || ' of ' || count(*) || ' articles' FROM articles"
    " HAVING count(*) != (SELECT count(*) FROM articles_fts_docsize)",
};

// Title and text of each input article, by its input id (external_id).
using InputTexts = std::map<std::string, std::pair<std::string, std::string>>;

// Checks the store after a kill (or at the end); returns its article count.
inline int64_t CheckStore(const fs::path& db, const InputTexts& by_id,
                          const std::string& when) {
  SCOPED_TRACE(when);
  StoreReader r(db);
  EXPECT_EQ(r.Rows("PRAGMA integrity_check"),
            std::vector<StoreReader::Row>{{"ok"}});
  // Killed after the file was made, before its schema was committed: an
  // empty store, which the next run completes.
  if (r.Count("SELECT count(*) FROM sqlite_schema") == 0) return 0;
  for (const char* sql : kViolations) {
    for (const StoreReader::Row& v : r.Rows(sql)) ADD_FAILURE() << v[0];
  }
  // FTS5's own check of the index against the articles it was built from.
  EXPECT_EQ(r.Run("INSERT INTO articles_fts (articles_fts, rank)"
                  " VALUES ('integrity-check', 1)"),
            "");
  for (const StoreReader::Row& row :
       r.Rows("SELECT external_id, title, text FROM articles")) {
    auto it = by_id.find(row[0]);
    if (it == by_id.end()) {
      ADD_FAILURE() << "stored article not in the input: " << row[0];
    } else if (it->second != std::pair(row[1], row[2])) {
      ADD_FAILURE() << "article " << row[0] << " is stored other than read";
    }
  }
  return r.Count("SELECT count(*) FROM articles");
}

}  // namespace crash_oracle
}  // namespace newsloom

#endif  // NEWSLOOM_CLI_CRASH_ORACLE_H_
