#include "serve/live_ingest.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "cli/render.h"
#include "engine/engine.h"
#include "feed/feed_list.h"
#include "feed/fetcher.h"
#include "ingest/reader.h"
#include "serve/writer.h"
#include "store/store.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;

// One line on stderr. File names and feed links come from outside: a name
// with a line feed would forge a line of its own, an ESC drive the
// terminal (PrintableText).
void Report(const std::string& line) {
  std::cerr << "newsloom: " << PrintableText(line) << "\n";
}

// The names ingest reads in a folder (reader.h), with or without .gz.
bool IngestibleName(const fs::path& path) {
  return IsIngestibleName(path.filename().string());
}

// What a file looked like at a scan.
// Where each article of a batch was read, its URL and date: for the
// warnings about one whose URL holds another article
// (AddResult::stored_differs) and one dated far ahead of the stream
// (AddResult::far_ahead_of).
struct Origin {
  std::string input, url;
  std::optional<UnixSeconds> published;
};

std::vector<Origin> OriginsOf(const std::vector<Article>& articles) {
  std::vector<Origin> out;
  out.reserve(articles.size());
  for (const Article& a : articles) out.push_back({a.input, a.url, a.published});
  return out;
}

void ReportWarnings(const std::vector<Origin>& origins, const IngestOutcome& outcome) {
  for (size_t k = 0; k < outcome.articles.size() && k < origins.size(); ++k) {
    const IngestedArticle& a = outcome.articles[k];
    if (a.stored_differs) {
      std::cerr << "newsloom: " << DifferingWarning(origins[k].input, origins[k].url, a.id)
                << "\n";
    }
    if (a.far_ahead_of && origins[k].published) {
      std::cerr << "newsloom: "
                << FarAheadWarning(origins[k].input, *origins[k].published, *a.far_ahead_of)
                << "\n";
    }
  }
}

// Articles of the watched folder stored in one writer batch, at most.
constexpr size_t kWatchBatchArticles = 2000;

struct Seen {
  uintmax_t size = 0;
  fs::file_time_type mtime;
  bool read = false;  // read in this shape
  std::chrono::steady_clock::time_point stable_since;
};

// The feeds' sink in the server: reads on its own read-only connection,
// writes through the writer.
class WriterSink : public FeedSink {
 public:
  WriterSink(std::unique_ptr<newsloom::Store> reader, IngestWriter& writer)
      : reader_(std::move(reader)), writer_(writer) {}

  Result<std::optional<FeedStateRow>> FeedState(const std::string& url) override {
    return reader_->GetFeedState(url);
  }
  Result<bool> ItemSeen(const std::string& url, const std::string& key) override {
    return reader_->FeedItemSeen(url, key);
  }
  Status Store(std::vector<Article> articles, const std::vector<std::string>& keys,
               const FeedStateRow& state, size_t* added,
               size_t* already_present) override {
    if (!articles.empty()) {
      const std::vector<Origin> origins = OriginsOf(articles);
      IngestOutcome outcome = writer_.Submit(std::move(articles)).get();
      RETURN_IF_ERROR(outcome.status);
      for (const IngestedArticle& a : outcome.articles) {
        ++*(a.already_present ? already_present : added);
      }
      ReportWarnings(origins, outcome);
    }
    return writer_
        .Run([keys, state](Engine& engine) {
          return RememberFeed(*engine.store(), keys, state);
        })
        .get();
  }

 private:
  std::unique_ptr<newsloom::Store> reader_;
  IngestWriter& writer_;
};

}  // namespace

struct LiveIngest::Impl {
  LiveIngestOptions options;
  IngestWriter* writer = nullptr;
  std::vector<std::string> feeds;
  std::chrono::seconds feed_interval{600};
  std::unique_ptr<WriterSink> sink;

  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;  // guarded by mu
  std::atomic<bool> stop_flag{false};
  std::vector<std::thread> threads;

  // Waits `d`, or until Stop(); false when stopping.
  bool Wait(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu);
    return !cv.wait_for(lock, d, [this] { return stopping; });
  }

  void WatchFolder();
  void ScanOnce(std::map<fs::path, Seen>* seen);
  std::string folder_error;  // the last scan's, reported once
  // The articles of `file`, appended to *batch; how many.
  size_t ReadFile(const fs::path& file, std::vector<Article>* batch);
  // Where the articles of a batch came from, in order.
  struct ReadFrom {
    fs::path file;
    size_t articles = 0;
  };
  // Stores *batch through the writer (one commit for many files: a file a
  // commit was 10 files a second) and reports each file; empties both.
  void Submit(std::vector<Article>* batch, std::vector<ReadFrom>* files);
  void PollFeedsLoop();
};

size_t LiveIngest::Impl::ReadFile(const fs::path& file, std::vector<Article>* batch) {
  const size_t before = batch->size();
  ReadInputs(
      {file.string()}, options.watch.read,
      [&](Article&& a) { batch->push_back(std::move(a)); },
      [](const IngestError& e) { Report(e.ToString()); },
      [this](const IngestNote& n) {
        if (!options.watch.quiet) Report(n.ToString());
      });
  return batch->size() - before;
}

void LiveIngest::Impl::Submit(std::vector<Article>* batch, std::vector<ReadFrom>* files) {
  if (batch->empty()) {
    files->clear();
    return;
  }
  const std::vector<Origin> origins = OriginsOf(*batch);
  IngestOutcome outcome = writer->Submit(std::move(*batch)).get();
  batch->clear();
  if (outcome.status.ok()) ReportWarnings(origins, outcome);
  size_t at = 0;
  for (const ReadFrom& f : *files) {
    if (!outcome.status.ok()) {
      Report("watched file " + f.file.string() + ": " + outcome.status.message());
      continue;
    }
    size_t added = 0;
    for (size_t k = at; k < at + f.articles && k < outcome.articles.size(); ++k) {
      added += !outcome.articles[k].already_present;
    }
    at += f.articles;
    if (!options.watch.quiet && added > 0) {
      Report("watched file " + f.file.string() + ": " + Counted(added, "article", "articles") +
             " added, " + std::to_string(f.articles - added) + " already present");
    }
  }
  files->clear();
}

void LiveIngest::Impl::ScanOnce(std::map<fs::path, Seen>* seen) {
  std::error_code ec;
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(options.watch_dir,
                                      fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    // Once, not at every scan, until it reads again.
    if (ec.message() != folder_error) {
      Report("watched folder " + options.watch_dir + ": " + ec.message() +
             " (looked at again every scan)");
    }
    folder_error = ec.message();
    return;
  }
  if (!folder_error.empty()) {
    Report("watched folder " + options.watch_dir + ": readable again");
    folder_error.clear();
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (p.filename().string().starts_with(".")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && IngestibleName(p)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  const auto now = std::chrono::steady_clock::now();
  std::vector<Article> batch;
  std::vector<ReadFrom> read_from;
  for (const fs::path& f : files) {
    if (stop_flag) break;
    const uintmax_t size = fs::file_size(f, ec);
    if (ec) continue;
    const fs::file_time_type mtime = fs::last_write_time(f, ec);
    if (ec) continue;
    Seen& s = (*seen)[f];
    if (s.size != size || s.mtime != mtime || s.stable_since == decltype(now)()) {
      s = {size, mtime, false, now};  // new or changed: wait until it settles
    }
    if (s.read || now - s.stable_since < options.settle_time) continue;
    if (const size_t n = ReadFile(f, &batch); n > 0) read_from.push_back({f, n});
    s.read = true;
    if (batch.size() >= kWatchBatchArticles) Submit(&batch, &read_from);
  }
  Submit(&batch, &read_from);
}

void LiveIngest::Impl::WatchFolder() {
  std::map<fs::path, Seen> seen;
  do {
    ScanOnce(&seen);
  } while (Wait(std::min(options.scan_every, options.settle_time)));
}

void LiveIngest::Impl::PollFeedsLoop() {
  FetchOptions fetch = options.watch.fetch;
  fetch.stopping = [this] { return stop_flag.load(); };  // Stop() ends a slow transfer
  Fetcher fetcher(fetch);
  const std::function<bool()> stopping = [this] { return stop_flag.load(); };
  do {
    PollTotals t = PollFeeds(feeds, options.watch, fetcher, *sink, stopping);
    if (!t.fatal.ok()) Report("feeds: " + t.fatal.ToString());
    if (!options.watch.quiet) {
      Report("feeds polled: " + Counted(t.new_items, "new item", "new items") + ", " +
             Counted(t.added, "article", "articles") + " added, " +
             std::to_string(t.already_present) + " already present; " +
             Counted(t.not_modified, "feed", "feeds") + " not modified, " +
             std::to_string(t.failed_feeds) + " failed");
    }
  } while (Wait(feed_interval));
}

Result<std::unique_ptr<LiveIngest>> LiveIngest::Start(
    const std::string& db, IngestWriter& writer, const LiveIngestOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->writer = &writer;
  if (!options.watch_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.watch_dir, ec)) {
      return Status::InvalidArgument("--watch-dir " + options.watch_dir +
                                     " is not a folder");
    }
  }
  if (!options.feeds_file.empty()) {
    ASSIGN_OR_RETURN(impl->feeds, ReadFeedsFile(options.feeds_file));
    ASSIGN_OR_RETURN(impl->feed_interval, ParseInterval(options.watch.interval));
    StoreOptions ro;
    ro.read_only = true;
    ro.create_if_missing = false;
    ASSIGN_OR_RETURN(std::unique_ptr<Store> reader, Store::Open(db, ro));
    impl->sink = std::make_unique<WriterSink>(std::move(reader), writer);
  }
  Impl* p = impl.get();
  if (!options.watch_dir.empty()) impl->threads.emplace_back([p] { p->WatchFolder(); });
  if (!options.feeds_file.empty()) impl->threads.emplace_back([p] { p->PollFeedsLoop(); });
  return std::unique_ptr<LiveIngest>(new LiveIngest(std::move(impl)));
}

LiveIngest::LiveIngest(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LiveIngest::~LiveIngest() { Stop(); }

void LiveIngest::Stop() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->stop_flag = true;
  impl_->cv.notify_all();
  for (std::thread& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace newsloom
