#include "store/checkpointer.h"

#include "store/sqlite.h"

namespace newsloom::store {

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(sqlite3* writer,
                                                          const std::string& path,
                                                          const Limits& limits) {
  sqlite3* raw = nullptr;
  // Used by the thread alone: no SQLite mutex needed.
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite::Connection own(raw);  // closes `raw` even when the open failed
  if (rc != SQLITE_OK) {
    return sqlite::Error(raw, rc, "open a checkpoint connection to store " + path);
  }
  // The same syncs as the writer's checkpoints (sqlite_backend.cc). The
  // statement also reads the schema, which opens the WAL: a connection
  // that has not asked for anything yet checkpoints nothing (SQLite 3.40).
  RETURN_IF_ERROR(sqlite::Exec(raw, "PRAGMA synchronous = NORMAL",
                               "open a checkpoint connection to store " + path));
  std::unique_ptr<Checkpointer> c(new Checkpointer(writer, own.release(), limits));
  sqlite3_wal_hook(writer, &Checkpointer::OnCommit, c.get());
  return c;
}

Checkpointer::Checkpointer(sqlite3* writer, sqlite3* own, const Limits& limits)
    : writer_(writer), own_(own), limits_(limits), thread_([this] { Run(); }) {}

Checkpointer::~Checkpointer() {
  // Back to SQLite's own checkpoints first: no commit may wake a thread
  // that is gone.
  sqlite3_wal_autocheckpoint(writer_, Limits().wake_pages);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close_v2(own_);
}

int Checkpointer::OnCommit(void* self, sqlite3* db, const char* schema, int pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (pages >= c->limits_.writer_pages) {
    // What SQLite's hook would do, so that the next transaction starts the
    // WAL over; after the thread's pass, if one runs (one checkpoint at a
    // time: the writer's would fail with SQLITE_BUSY).
    {
      std::unique_lock<std::mutex> lock(c->mu_);
      c->pending_ = false;
      c->idle_.wait(lock, [c] { return !c->running_; });
    }
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (pages >= c->limits_.wake_pages) {
    {
      std::lock_guard<std::mutex> lock(c->mu_);
      c->pending_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || pending_; });
    if (stop_) return;
    pending_ = false;
    running_ = true;
    lock.unlock();
    // A failure (a full disk, an I/O error) leaves the pages in the WAL,
    // where readers find them and the next checkpoint tries again; the
    // writer's own commits report such errors.
    sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    done_.fetch_add(1);
    lock.lock();
    running_ = false;
    idle_.notify_all();
  }
}

}  // namespace newsloom::store
