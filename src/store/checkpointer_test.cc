#include "store/checkpointer.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "store/sqlite.h"

namespace newsloom::store {
namespace {

namespace fs = std::filesystem;

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("newsloom_checkpointer_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &raw,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
              SQLITE_OK);
    writer_.reset(raw);
    ASSERT_TRUE(sqlite::Exec(raw,
                             "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                             "CREATE TABLE t (b BLOB NOT NULL);",
                             "set up")
                    .ok());
  }
  void TearDown() override {
    writer_.reset();
    fs::remove_all(dir_);
  }

  // Commits `pages` pages' worth of rows in one transaction.
  void Commit(int pages) {
    ASSERT_TRUE(sqlite::Exec(writer_.get(), "BEGIN", "begin").ok());
    for (int i = 0; i < pages; ++i) {
      ASSERT_TRUE(sqlite::Exec(writer_.get(), "INSERT INTO t VALUES (randomblob(3900))",
                               "insert")
                      .ok());
    }
    ASSERT_TRUE(sqlite::Exec(writer_.get(), "COMMIT", "commit").ok());
  }

  uintmax_t FileBytes() const { return fs::file_size(path_); }

  fs::path dir_;
  std::string path_;
  sqlite::Connection writer_;
};

uintmax_t WalBytes(const std::string& path) {
  std::error_code ec;
  const uintmax_t n = fs::file_size(path + "-wal", ec);
  return ec ? 0 : n;
}

// Small limits, so that the tests write little.
constexpr Checkpointer::Limits kSmall = {.wake_pages = 20, .writer_pages = 60};

// A commit that leaves the WAL past wake_pages wakes the thread, which
// copies the pages into the database file; one below it does not.
TEST_F(CheckpointerTest, TheThreadCheckpointsALongWal) {
  Result<std::unique_ptr<Checkpointer>> c = Checkpointer::Start(writer_.get(), path_, kSmall);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  Commit(5);
  EXPECT_EQ((*c)->checkpoints(), 0u);
  const uintmax_t before = FileBytes();
  Commit(kSmall.wake_pages + 10);
  // Not a timing test: the thread gets up to a minute to run once.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while ((*c)->checkpoints() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GE((*c)->checkpoints(), 1u);
  EXPECT_GT(FileBytes(), before + uintmax_t{4000} * kSmall.wake_pages)
      << "the committed pages are in the database file";
  c->reset();
  Result<int64_t> rows = sqlite::QueryInt(writer_.get(), "SELECT count(*) FROM t", "count");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, 5 + kSmall.wake_pages + 10);
  Result<std::string> check =
      sqlite::QueryText(writer_.get(), "PRAGMA integrity_check", "check");
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(*check, "ok");
}

// Commit after commit, as a busy ingest does, the writer's next
// transaction begins before the thread has copied everything, so SQLite
// never starts the WAL over by itself; past writer_pages the writer
// checkpoints, and the WAL stays under that plus about a commit (it grew
// to every page written without that).
TEST_F(CheckpointerTest, TheWalStaysBoundedUnderABusyWriter) {
  Result<std::unique_ptr<Checkpointer>> c = Checkpointer::Start(writer_.get(), path_, kSmall);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  constexpr int kPerCommit = 25;
  // A frame is a page and its 24-byte header; a commit also rewrites a
  // few b-tree pages.
  constexpr uintmax_t kBound = uintmax_t{kSmall.writer_pages + 2 * kPerCommit} * (4096 + 24);
  uintmax_t most = 0;
  for (int i = 0; i < 60; ++i) {
    Commit(kPerCommit);
    most = std::max(most, WalBytes(path_));
  }
  EXPECT_LE(most, kBound);
  EXPECT_GT(most, uintmax_t{kSmall.wake_pages} * 4096) << "the WAL was used";
}

// The writer's close, after the checkpointer's, copies what is left and
// deletes the WAL, as without it.
TEST_F(CheckpointerTest, ClosingTheStoreEmptiesTheWal) {
  {
    Result<std::unique_ptr<Checkpointer>> c = Checkpointer::Start(writer_.get(), path_, kSmall);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    for (int i = 0; i < 5; ++i) Commit(30);
  }
  writer_.reset();
  EXPECT_FALSE(fs::exists(path_ + "-wal"));
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite::Connection reader(raw);
  Result<int64_t> rows = sqlite::QueryInt(raw, "SELECT count(*) FROM t", "count");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, 150);
}

// Once the checkpointer is gone the writer checkpoints in its own commits
// again, as SQLite does by default.
TEST_F(CheckpointerTest, StoppedItGivesTheWriterItsCheckpointsBack) {
  {
    Result<std::unique_ptr<Checkpointer>> c = Checkpointer::Start(writer_.get(), path_);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
  }
  const uintmax_t before = FileBytes();
  const int pages = Checkpointer::Limits().wake_pages + 50;
  Commit(pages);
  EXPECT_GT(FileBytes(), before + uintmax_t{4000} * (pages - 50));
}

TEST_F(CheckpointerTest, AFileItCannotOpenIsAnError) {
  Result<std::unique_ptr<Checkpointer>> c =
      Checkpointer::Start(writer_.get(), (dir_ / "missing" / "t.db").string());
  EXPECT_FALSE(c.ok());
  EXPECT_NE(c.status().ToString().find("checkpoint connection"), std::string::npos)
      << c.status().ToString();
}

}  // namespace
}  // namespace newsloom::store
