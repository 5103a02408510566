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
// which replaces the automatic checkpoint), and past kCheckpointPages they
// wake a thread that runs a PASSIVE checkpoint on a second connection:
// it never blocks the writer or a reader, and waits for the disk while the
// writer goes on. On one core it overlaps the waits with work; the pages
// copied and synced are the same, so a crash or a power cut loses no more
// than before.
//
// Should the thread fall behind (a slow disk under a fast writer), the
// writer checkpoints itself, as SQLite would, once the WAL passes
// kWriterCheckpointPages. The last writer to close a store still runs the
// final checkpoint (SQLite's close), so nothing is left in the WAL.
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
  // SQLite's own automatic checkpoint length, in pages.
  static constexpr int kCheckpointPages = 1000;
  // The writer checkpoints itself past this many pages (256 MB at 4 KB).
  static constexpr int kWriterCheckpointPages = 64 * kCheckpointPages;

  // Opens a second connection to the WAL-mode database file at `path` and
  // starts the thread, then installs the hook on `writer` (an open
  // connection to the same file). IoError when the second connection
  // cannot be opened; `writer` is then left as it was.
  static Result<std::unique_ptr<Checkpointer>> Start(sqlite3* writer,
                                                     const std::string& path);

  // Stops the thread (after the checkpoint it is running, if any), closes
  // its connection, and gives `writer` back SQLite's automatic checkpoint.
  ~Checkpointer();

  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints the thread has run so far. For tests.
  uint64_t checkpoints() const { return done_.load(); }

 private:
  Checkpointer(sqlite3* writer, sqlite3* own);
  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  void Run();

  sqlite3* writer_;
  sqlite3* own_;  // the thread's connection
  std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = false;  // guarded by mu_
  bool stop_ = false;     // guarded by mu_
  std::atomic<uint64_t> done_{0};
  std::thread thread_;    // last: started once the rest is set
};

}  // namespace newsloom::store

#endif  // NEWSLOOM_STORE_CHECKPOINTER_H_
