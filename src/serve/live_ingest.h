// Live ingest inside `newsloom serve`: a watched folder and polled feeds,
// each on a thread of its own, handing their articles to the server's
// IngestWriter (writer.h), so a running server picks up new articles and
// the UI shows stories growing.
//
//   LiveIngestOptions o;
//   o.watch_dir = "incoming/";
//   o.feeds_file = "feeds.txt";
//   ASSIGN_OR_RETURN(auto live, LiveIngest::Start("news.db", writer, o));
//   ...
//   live->Stop();   // before the writer stops
//
// The folder: every scan_every, files under it (recursively; hidden ones
// skipped) whose names ingest reads (.txt, .html/.htm/.xhtml,
// .jsonl/.ndjson, any + .gz) and that are new or changed since the last
// scan are read as `newsloom ingest` reads them, once they have not
// changed for settle_time (so a file still being written is not read
// half). Files present at start are read too: articles already stored are
// skipped by their id, so a restart stores nothing twice. Files are never
// moved or deleted.
//
// The feeds: `newsloom watch`'s poller (cli/commands.h PollFeeds) every
// `watch.interval`, reading what was seen through its own read-only store
// connection and storing through the writer (the articles first, then the
// items seen and the validators, as `watch` does).
//
// Problems are one line each on stderr, as in `ingest` and `watch`; none
// stops the server.
//
// Thread safety: Start and Stop from one thread.
#ifndef NEWSLOOM_SERVE_LIVE_INGEST_H_
#define NEWSLOOM_SERVE_LIVE_INGEST_H_

#include <chrono>
#include <memory>
#include <string>

#include "base/status.h"
#include "cli/commands.h"

namespace newsloom {

class IngestWriter;

struct LiveIngestOptions {
  std::string watch_dir;  // "" = no folder
  std::chrono::milliseconds scan_every{2000};
  // How long a file must stay unchanged (size and modification time)
  // before it is read.
  std::chrono::milliseconds settle_time{1000};
  std::string feeds_file;  // "" = no feeds
  // watch.interval, watch.fetch, watch.read and watch.quiet are used;
  // watch.read also for the folder's files.
  WatchOptions watch;
};

class LiveIngest {
 public:
  // Checks the folder and reads the feeds file, then starts the threads.
  // InvalidArgument for a watch_dir that is not a folder, a bad interval;
  // the feeds file's errors (ReadFeedsFile).
  static Result<std::unique_ptr<LiveIngest>> Start(const std::string& db,
                                                   IngestWriter& writer,
                                                   const LiveIngestOptions& options);
  ~LiveIngest();  // Stop()
  LiveIngest(const LiveIngest&) = delete;
  LiveIngest& operator=(const LiveIngest&) = delete;

  // Stops the threads after the file or feed in hand (waiting for what
  // they already handed to the writer). Idempotent.
  void Stop();

 private:
  struct Impl;
  explicit LiveIngest(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_LIVE_INGEST_H_
