// Checkpointer: the WAL checkpoints of a writing SQLite connection, run on
// a thread of their own. Private to src/store.
//
// In WAL mode a commit appends pages to the -wal file, and a checkpoint
// copies them into the database file. With synchronous=NORMAL the
// checkpoints are the only moments SQLite waits for the disk: it syncs the
// WAL, copies, then syncs the database file. SQLite's automatic checkpoint
// runs inside the COMMIT that takes the WAL past 1,000 pages, so a busy
// ingest sat idle there: about 0.5 s of 6.5 s for 20,000 articles on the
// AMD EPYC VM (wall time minus CPU time; with synchronous=OFF the gap was
// gone). Here the writer's commits only note the WAL's length (a WAL hook,
// which replaces the automatic checkpoint), and past Limits::wake_pages
// they wake a thread that runs a PASSIVE checkpoint on a second connection:
// it never blocks the writer or a reader, and waits for the disk while the
// writer goes on. Every page is still synced before a checkpoint copies it
// and after, so a crash or a power cut loses no more than before.
//
// The price is the WAL's length. SQLite starts the WAL over only when a
// write transaction begins after a checkpoint has copied every frame, and
// a busy writer begins its next one long before the thread is done. So
// once the WAL passes Limits::writer_pages the writer checkpoints itself,
// as SQLite would (waiting for the disk once), and its next transaction
// starts the WAL over: the WAL stays under that plus one commit (about
// 75 MB against 38 MB with SQLite's own checkpoint, for 20,000 articles
// in commits of 6,000). While a reader holds an old snapshot the WAL
// cannot start over (as with SQLite's own checkpoints), and every commit
// past that length checkpoints on the writer's path. The last writer to close a store still runs the
// final checkpoint (SQLite's close), which deletes the WAL.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Checkpointer> c,
//                    Checkpointer::Start(writer, path));
//   ... commits ...
//   c.reset();  // before the writer closes
//
// Thread safety: Start, the destructor and checkpoints() may be called from
// the writer's thread; the hook runs in it (inside sqlite3_step of COMMIT).
#ifndef NEWSLOOM_STORE_CHECKPOINTER_H_
#define NEWSLOOM_STORE_CHECKPOINTER_H_

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/status.h"

namespace newsloom::store {

class Checkpointer {
 public:
  struct Limits {
    // WAL pages after a commit that wake the thread (SQLite's own
    // automatic checkpoint length).
    int wake_pages = 1000;
    // WAL pages after a commit past which the writer checkpoints itself
    // (65.5 MB at 4 KiB a page).
    int writer_pages = 16000;
  };

  // Opens a second connection to the WAL-mode database file at `path` and
  // starts the thread, then installs the hook on `writer` (an open
  // connection to the same file). The error of the second connection's
  // open when it fails; `writer` is then left as it was.
  static Result<std::unique_ptr<Checkpointer>> Start(sqlite3* writer,
                                                     const std::string& path,
                                                     const Limits& limits);
  static Result<std::unique_ptr<Checkpointer>> Start(sqlite3* writer,
                                                     const std::string& path) {
    return Start(writer, path, Limits());
  }

  // Stops the thread (after the checkpoint it is running, if any), closes
  // its connection, and gives `writer` back SQLite's automatic checkpoint.
  ~Checkpointer();

  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints the thread has run so far. For tests.
  uint64_t checkpoints() const { return done_.load(); }

 private:
  Checkpointer(sqlite3* writer, sqlite3* own, const Limits& limits);
  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  void Run();

  sqlite3* writer_;
  sqlite3* own_;  // the thread's connection
  const Limits limits_;
  std::mutex mu_;
  std::condition_variable wake_;  // pending_ or stop_ set
  std::condition_variable idle_;  // running_ cleared
  bool pending_ = false;  // guarded by mu_
  bool running_ = false;  // guarded by mu_: the thread checkpoints
  bool stop_ = false;     // guarded by mu_
  std::atomic<uint64_t> done_{0};
  std::thread thread_;    // last: started once the rest is set
};

}  // namespace newsloom::store

#endif  // NEWSLOOM_STORE_CHECKPOINTER_H_
