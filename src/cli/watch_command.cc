// `newsloom watch`: poll feeds, ingest their new items.
//
// One poll, for each feed in the feeds file: a conditional GET with the
// validators kept in the store; on 304 nothing more. Otherwise the feed is
// parsed, items whose key the store has seen for this feed are skipped, and
// each new item's page is fetched and read like an .html input (the
// feed's own text when the page cannot be had; an item with neither, its
// page failing to come, is left unmarked, and the feed's validators unsaved,
// for the next poll to try again). The feed's articles go
// through the same engine path as `newsloom ingest` and are committed
// before the items are marked seen and the validators saved, so a crash
// between the two re-reads the items next time (re-adding is idempotent)
// but never loses one. A feed that fails is reported on one line and the
// next one is polled; its validators are left as they were. Items are
// remembered by ItemKeys (feed_parser.h): items of one feed that share a
// guid are told apart by link or text, and one that repeats another's key
// with other text is reported and counted (exit 2).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "engine/engine.h"
#include "feed/feed_list.h"
#include "feed/feed_parser.h"
#include "feed/item_article.h"
#include "html/encoding.h"
#include "ingest/byte_source.h"

namespace newsloom {
namespace {

// Set by SIGINT/SIGTERM; the loop checks it between feeds and while
// waiting for the next poll.
volatile std::sig_atomic_t g_stop = 0;

// A second signal ends the process at once: what the poll in hand had not
// committed is read again by the next run (its items are not marked seen),
// as after a crash.
void OnSignal(int sig) {
  if (g_stop) {
    constexpr char kMsg[] = "newsloom: second signal: stopping at once\n";
    [[maybe_unused]] const ssize_t n = write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
    _exit(128 + sig);
  }
  g_stop = 1;
}

constexpr auto kSleepSlice = std::chrono::milliseconds(200);
// The feeds file is a short list; anything bigger is not one.
constexpr size_t kMaxFeedsFileBytes = 1 << 20;


UnixSeconds Now() { return static_cast<UnixSeconds>(std::time(nullptr)); }

class Watcher {
 public:
  Watcher(const WatchOptions& options, Fetcher& fetcher, FeedSink& sink,
          const std::function<bool()>& stopping)
      : options_(options), fetcher_(fetcher), sink_(sink), stopping_(stopping) {}

  PollTotals Poll(const std::vector<std::string>& feeds) {
    PollTotals t;
    for (const std::string& url : feeds) {
      if (stopping_() || !t.fatal.ok()) break;
      ++t.feeds;
      PollFeed(url, &t);
    }
    return t;
  }

 private:
  void PollFeed(const std::string& url, PollTotals* t) {
    Result<std::optional<FeedStateRow>> state = sink_.FeedState(url);
    if (!state.ok()) {
      t->fatal = state.status();
      return;
    }
    Validators validators;
    if (*state) validators = {(*state)->etag, (*state)->last_modified};
    Result<FetchResult> fetched = fetcher_.Fetch(url, validators);
    if (!fetched.ok()) {
      // The fetcher's messages start with the URL.
      Report("feed " + fetched.status().message() + "; skipped");
      ++t->failed_feeds;
      return;
    }
    if (fetched->not_modified) {
      ++t->not_modified;
      if (!options_.quiet) Report("feed " + url + ": not modified");
      t->fatal = sink_.Store({}, {}, {url, fetched->etag, fetched->last_modified, Now()},
                             &t->added, &t->already_present);
      return;
    }
    // A feed file kept gzipped (x.atom.gz), or served as application/gzip
    // without Content-Encoding, is read as `ingest` reads it.
    if (HasGzipMagic(fetched->body)) {
      std::unique_ptr<ByteSource> gz = NewGzipSource(NewMemorySource(fetched->body));
      std::string inflated;
      Result<bool> whole = ReadUpTo(*gz, options_.fetch.max_bytes, &inflated);
      if (!whole.ok() || !*whole) {
        Report("feed " + url + ": " +
               (whole.ok() ? "over the cap of " + std::to_string(options_.fetch.max_bytes) +
                                 " bytes once decompressed (--max-fetch-bytes)"
                           : whole.status().message()) +
               "; skipped");
        ++t->failed_feeds;
        return;
      }
      if (std::string note = gz->Note(); !note.empty()) {
        Report("feed " + url + ": warning: " + note);
      }
      fetched->body = std::move(inflated);
    }
    FeedParseOptions parse;
    parse.max_feed_bytes = std::max(parse.max_feed_bytes, options_.fetch.max_bytes);
    parse.charset = CharsetFromContentType(fetched->content_type);
    Result<Feed> feed = ParseFeed(fetched->body, url, parse);
    if (!feed.ok()) {
      Report(feed.status().message() + "; skipped");  // "feed URL: ..."
      ++t->failed_feeds;
      return;
    }
    for (const std::string& w : feed->warnings) {
      Report("feed " + url + ": warning: " + w);
    }
    TakeNewItems(url, *feed, *fetched, t);
  }

  void TakeNewItems(const std::string& url, const Feed& feed,
                    const FetchResult& fetched, PollTotals* t) {
    std::vector<std::string> keys;
    std::map<std::string, const FeedItem*> in_this_feed;  // key -> first item
    std::vector<Article> batch;
    bool retry = false;  // an item is left for the next poll
    std::vector<std::string> item_keys = ItemKeys(feed);
    for (size_t i = 0; i < feed.items.size(); ++i) {
      if (stopping_()) return;  // nothing marked: the next run takes them all
      const FeedItem& item = feed.items[i];
      std::string key = std::move(item_keys[i]);
      auto [first, inserted] = in_this_feed.emplace(key, &item);
      if (!inserted) {
        // Listed twice: nothing lost. The same key with other text is
        // an item that cannot be told apart from the first: say so.
        if (!SameItem(*first->second, item)) {
          ++t->skipped_items;
          Report("item #" + std::to_string(item.position) + " (" + ItemName(item) +
                 ") of feed " + url + ": " +
                 (item.id.empty() ? "the same link as item #"
                                  : "the same guid and link as item #") +
                 std::to_string(first->second->position) +
                 " but other text; skipped (a URL is one article)");
        }
        continue;
      }
      // An item whose guid was shared when it was taken was remembered
      // under its DistinctKey (ItemKeys, feed_parser.h).
      Result<bool> seen = sink_.ItemSeen(url, key);
      if (seen.ok() && !*seen && key == item.id) {
        seen = sink_.ItemSeen(url, item.DistinctKey());
      }
      if (!seen.ok()) {
        t->fatal = seen.status();
        return;
      }
      if (*seen) continue;
      ++t->new_items;
      bool fetch_failed = false;
      Result<Article> a = ItemArticle(url, feed, item, &fetch_failed);
      if (a.ok()) {
        batch.push_back(std::move(*a));
        keys.push_back(std::move(key));
      } else {
        ++t->item_errors;
        // An item whose page could not be fetched (a 500, a timeout) and
        // whose feed entry has no text of its own is not marked seen: the
        // next poll tries its page again, rather than losing it for good.
        Report("item " + ItemName(item) + " of feed " + url + ": " +
               a.status().message() +
               (fetch_failed ? " (its page is fetched again at the next poll)" : ""));
        if (fetch_failed) {
          retry = true;
        } else {
          keys.push_back(std::move(key));
        }
      }
    }
    if (!options_.quiet) {
      Report("feed " + url + ": " + std::to_string(keys.size()) + " new " +
             (keys.size() == 1 ? "item" : "items") + " of " +
             std::to_string(feed.items.size()));
    }
    if (stopping_()) return;  // a transfer may have been cut: the next run takes them all
    // With an item left for the next poll, the feed's validators are not
    // kept: a 304 would hide the item until the feed changes.
    t->fatal = sink_.Store(std::move(batch), keys,
                           {url, retry ? std::string() : fetched.etag,
                            retry ? std::string() : fetched.last_modified, Now()},
                           &t->added, &t->already_present);
  }

  // The article of one item: its page when that can be fetched and read,
  // else the feed's own text.
  // *fetch_failed: the page was asked for and could not be fetched, in a
  // way that may pass (Fetcher::last_failure_transient: a 500, a timeout,
  // a signal); a 404 is final.
  Result<Article> ItemArticle(const std::string& url, const Feed& feed,
                              const FeedItem& item, bool* fetch_failed) {
    if (IsHttpUrl(item.link)) {
      Result<FetchResult> page = fetcher_.Fetch(item.link);
      Status why = page.status();
      *fetch_failed = !page.ok() && fetcher_.last_failure_transient();
      // Stopped mid-transfer: not the feed's text in the page's place (the
      // next run fetches the page).
      if (!page.ok() && stopping_()) return why;
      if (page.ok()) {
        Result<Article> a =
            ArticleFromPage(item, feed, url, *page, options_.read);
        if (a.ok()) return a;
        why = a.status().WithContext(item.link);
      }
      if (!options_.quiet) {
        Report("item " + why.message() + "; using the text in feed " + url);
      }
    }
    return ArticleFromItem(item, feed, url, options_.read);
  }

  static std::string ItemName(const FeedItem& item) {
    return item.link.empty() ? item.Key() : item.link;
  }
  static bool SameItem(const FeedItem& a, const FeedItem& b) {
    return a.title == b.title && a.summary == b.summary &&
           a.content == b.content && a.link == b.link;
  }
  // One line on stderr: errors, warnings and, unless quiet, notes. Feed
  // URLs, links, guids and libxml2's messages come from outside: a line
  // feed in one would forge a line ("newsloom: ..."), an ESC drive the
  // terminal (PrintableText).
  static void Report(const std::string& line) {
    std::cerr << "newsloom: " << PrintableText(line) << "\n";
  }
  const WatchOptions& options_;
  Fetcher& fetcher_;
  FeedSink& sink_;
  const std::function<bool()>& stopping_;
};

// `newsloom watch`'s sink: the engine and its store, in this thread.
class EngineSink : public FeedSink {
 public:
  explicit EngineSink(Engine& engine) : engine_(engine) {}

  Result<std::optional<FeedStateRow>> FeedState(const std::string& url) override {
    return store().GetFeedState(url);
  }
  Result<bool> ItemSeen(const std::string& url, const std::string& key) override {
    return store().FeedItemSeen(url, key);
  }
  Status Store(std::vector<Article> articles, const std::vector<std::string>& keys,
               const FeedStateRow& state, size_t* added,
               size_t* already_present) override {
    // Commit only when there is something new (the clustering state is
    // saved when due, and by the Flush when watch ends).
    if (!articles.empty()) {
      RETURN_IF_ERROR(AddArticles(engine_, &articles, added, already_present));
      RETURN_IF_ERROR(engine_.Commit());
    }
    return RememberFeed(store(), keys, state);
  }

 private:
  newsloom::Store& store() { return *engine_.store(); }
  Engine& engine_;
};

}  // namespace

Result<std::vector<std::string>> ReadFeedsFile(const std::string& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadGivenFile(path, "feeds file", kMaxFeedsFileBytes));
  return ParseFeedList(StripBom(text), path);  // an editor's BOM is no address
}

Result<std::string> ReadGivenFile(const std::string& path, std::string_view what,
                                  size_t max_bytes, std::string_view over_cap_hint) {
  const std::string name = std::string(what) + " " + path;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? Status::NotFound(name + ": no such file")
                           : Status::IoError(name + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(name + " is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(name + ": cannot be read");
  std::string text(max_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Status::IoError(name + ": cannot be read");
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > max_bytes) {
    return Status::InvalidArgument(name + " is over " +
                                   (max_bytes >= (1u << 20) ? std::to_string(max_bytes >> 20) + " MB"
                                                            : std::to_string(max_bytes >> 10) + " KB") +
                                   std::string(over_cap_hint));
  }
  return text;
}

PollTotals PollFeeds(const std::vector<std::string>& feeds,
                     const WatchOptions& options, Fetcher& fetcher,
                     FeedSink& sink, const std::function<bool()>& stopping) {
  return Watcher(options, fetcher, sink, stopping).Poll(feeds);
}

Status RememberFeed(Store& store, const std::vector<std::string>& keys,
                    const FeedStateRow& state) {
  ASSIGN_OR_RETURN(StoreTransaction tx, StoreTransaction::Begin(store));
  for (const std::string& key : keys) {
    RETURN_IF_ERROR(store.MarkFeedItemSeen(state.url, key, state.checked_at));
  }
  RETURN_IF_ERROR(store.PutFeedState(state));
  return tx.Commit();
}

namespace {

void PrintTotals(const PollTotals& t) {
  std::cerr << "newsloom: polled " << Counted(t.feeds, "feed", "feeds")
            << " (" << t.not_modified << " not modified, " << t.failed_feeds
            << " failed): " << Counted(t.new_items, "new item", "new items")
            << ", " << Counted(t.added, "article", "articles") << " added, "
            << t.already_present << " already present, "
            << Counted(t.item_errors, "item", "items") << " without text"
            << (t.skipped_items > 0 ? ", " + std::to_string(t.skipped_items) + " skipped" : "")
            << "\n";
}

// Waits `interval`, or until a signal.
void Sleep(std::chrono::seconds interval) {
  const auto until = std::chrono::steady_clock::now() + interval;
  while (!g_stop && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(kSleepSlice);
  }
}

}  // namespace

int RunWatch(const WatchOptions& o) {
  Result<std::chrono::seconds> interval = ParseInterval(o.interval);
  Result<std::vector<std::string>> feeds = ReadFeedsFile(o.feeds_file);
  for (const Status& s : {interval.status(), feeds.status()}) {
    if (!s.ok()) {
      std::cerr << "newsloom: " << PrintableText(s.message()) << "\n";
      return kExitFatal;
    }
  }
  Result<std::unique_ptr<Engine>> engine = OpenEngine(o.db);
  if (!engine.ok()) {
    std::cerr << "newsloom: " << PrintableText(engine.status().ToString()) << "\n";
    return kExitFatal;
  }
  if (!o.once) {
    std::signal(SIGINT, OnSignal);
    std::signal(SIGTERM, OnSignal);
  }
  EngineSink sink(**engine);
  FetchOptions fetch = o.fetch;
  fetch.stopping = [] { return g_stop != 0; };  // a signal ends a slow transfer
  Fetcher fetcher(fetch);
  const std::function<bool()> stopping = [] { return g_stop != 0; };
  int code = kExitOk;
  while (true) {
    const PollTotals t = PollFeeds(*feeds, o, fetcher, sink, stopping);
    if (!t.fatal.ok()) {
      std::cerr << "newsloom: " << PrintableText(t.fatal.ToString()) << "\n";
      return kExitFatal;
    }
    if (!o.quiet) PrintTotals(t);
    code = t.failed_feeds + t.item_errors + t.skipped_items > 0 ? kExitPartial : kExitOk;
    if (o.once || g_stop) break;
    Sleep(*interval);
    if (g_stop) break;
  }
  // Save the clustering state, so that the next run has nothing to replay.
  if (Status s = (*engine)->Flush(); !s.ok()) {
    std::cerr << "newsloom: " << PrintableText(s.ToString()) << "\n";
    return kExitFatal;
  }
  if (g_stop && !o.quiet) std::cerr << "newsloom: stopped by signal\n";
  return code;
}

}  // namespace newsloom
