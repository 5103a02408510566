// newsloom_window_memory: streams a long synthetic news stream
// (synth_stream.h) through clustering and prints, every --every articles,
// the active events and stories, the resident memory and the speed. The
// claim under test (ARCHITECTURE.md, "Bounded by the active window"):
// clustering memory follows the events active in the time window
// (ClusterOptions::event_window_days, story_window_days), not the history.
//
//   build/bench/newsloom_window_memory                 # 200,000 articles
//   build/bench/newsloom_window_memory --count 50000 --engine
//
// Two paths:
//   default   FeatureExtractor + OnlineClusterer as the Engine drives them,
//             with TakeChanges() every EngineOptions::changes_every articles
//             (that is when events leave the window); no store.
//   --engine  the whole Engine, language given, on a store: --db, by
//             default ":memory:" as `newsloom eval` runs it. An in-memory
//             SQLite store keeps every article, so that path grows with the
//             history by design; a file (--db /tmp/w.db) keeps them on disk.
//
// Columns: articles; day of the stream; gold events the generator has
// started (the history); active events and stories in the clusterer;
// vocabulary (terms the clusterer knows now, OnlineClusterer::vocabulary_size);
// state MB (the encoded clustering state, what `ingest` persists); RSS MB
// (VmRSS of this process, read before encoding the state); docs/s over the
// last interval, clustering only (generating the stream is not timed).
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "base/coding.h"
#include "engine/engine.h"
#include "engine/features.h"
#include "synth_stream.h"

namespace newsloom {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kBytesPerMb = 1024.0 * 1024.0;

// A "VmRSS:"-style line of /proc/self/status, in MB; -1 when unreadable.
double ProcStatusMb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) {
      return std::stod(line.substr(field.size())) * 1024 / kBytesPerMb;  // kB
    }
  }
  return -1;
}

struct Flags {
  uint64_t count = 200000;
  uint64_t every = 10000;
  uint64_t seed = 1;
  double per_day = SynthOptions{}.articles_per_day;
  bool engine = false;
  std::string db = ":memory:";
  bool trim = false;
};

class Report {
 public:
  explicit Report(UnixSeconds start) : start_(start) {
    std::printf("%9s %6s %11s %8s %8s %10s %8s %8s %8s\n", "articles", "day",
                "gold_events", "active_e", "active_s", "vocabulary", "state_MB",
                "RSS_MB", "docs/s");
  }

  void Row(uint64_t articles, std::optional<UnixSeconds> last,
           const SynthStream& stream, const OnlineClusterer& clusterer,
           bool trim, double seconds) {
    if (trim) malloc_trim(0);
    const double rss = ProcStatusMb("VmRSS:");
    const std::string state = clusterer.Encode();
    const int64_t day = last ? (*last - start_) / kSecondsPerDay : -1;
    std::printf("%9llu %6lld %11llu %8zu %8zu %10zu %8.1f %8.1f %8.0f\n",
                static_cast<unsigned long long>(articles),
                static_cast<long long>(day),
                static_cast<unsigned long long>(stream.counts().events),
                clusterer.active_events(), clusterer.active_stories(),
                clusterer.vocabulary_size(),
                state.size() / kBytesPerMb, rss,
                seconds > 0 ? (articles - last_articles_) / seconds : 0.0);
    std::fflush(stdout);
    last_articles_ = articles;
  }

 private:
  UnixSeconds start_;
  uint64_t last_articles_ = 0;
};

int Run(const Flags& flags) {
  SynthOptions so;
  so.seed = flags.seed;
  so.articles_per_day = flags.per_day;
  auto stream = SynthStream::Create(so);
  if (!stream.ok()) {
    std::cerr << "newsloom_window_memory: " << stream.status().ToString()
              << "\n";
    return 1;
  }
  std::unique_ptr<Engine> engine;
  if (flags.engine) {
    auto store = Store::Open(flags.db);
    if (!store.ok()) {
      std::cerr << "newsloom_window_memory: " << store.status().ToString()
                << "\n";
      return 1;
    }
    EngineOptions eo;
    eo.persist_state = flags.db != ":memory:";  // as ingest vs eval
    auto opened = Engine::Open(std::move(*store), eo);
    if (!opened.ok()) {
      std::cerr << "newsloom_window_memory: " << opened.status().ToString()
                << "\n";
      return 1;
    }
    engine = std::move(*opened);
  }
  FeatureExtractor features;
  OnlineClusterer clusterer;
  ClusterInput input;
  {
    // One English article first, so that the starting RSS includes the
    // ICU data the analyser maps in.
    Article warm_up;
    warm_up.lang = "en";
    warm_up.text = "Warm up.";
    features.Extract(warm_up, &input);
  }
  std::printf(
      "# %llu synthetic articles (seed %llu, %.0f a day), %s; RSS before "
      "the first article %.1f MB\n",
      static_cast<unsigned long long>(flags.count),
      static_cast<unsigned long long>(flags.seed), flags.per_day,
      flags.engine ? ("Engine on store " + flags.db).c_str()
                   : "FeatureExtractor + OnlineClusterer",
      ProcStatusMb("VmRSS:"));
  const size_t changes_every = EngineOptions{}.changes_every;
  Report report(so.start);
  Clock::duration busy{}, interval{};
  std::optional<UnixSeconds> last;  // publication time of the newest article
  for (uint64_t i = 1; i <= flags.count; ++i) {
    Article a = (*stream)->Next();
    last = a.published;
    const Clock::time_point t0 = Clock::now();
    if (engine) {
      Result<AddResult> r = engine->Add(std::move(a));
      if (!r.ok()) {
        std::cerr << "newsloom_window_memory: " << r.status().ToString()
                  << "\n";
        return 1;
      }
    } else {
      features.Extract(a, &input, &clusterer);  // as Engine::Add does
      clusterer.Add(input);
      if (i % changes_every == 0) clusterer.TakeChanges();
    }
    interval += Clock::now() - t0;
    if (i % flags.every == 0 || i == flags.count) {
      if (engine) {
        const Clock::time_point f0 = Clock::now();
        Status s = engine->Flush();
        interval += Clock::now() - f0;
        if (!s.ok()) {
          std::cerr << "newsloom_window_memory: " << s.ToString() << "\n";
          return 1;
        }
      }
      report.Row(i, last, **stream, engine ? engine->clusterer() : clusterer,
                 flags.trim, std::chrono::duration<double>(interval).count());
      busy += interval;
      interval = {};
    }
  }
  const double seconds = std::chrono::duration<double>(busy).count();
  std::printf("# %.1f s clustering, %.0f docs/s; peak RSS (VmHWM) %.1f MB\n",
              seconds, seconds > 0 ? flags.count / seconds : 0,
              ProcStatusMb("VmHWM:"));
  return 0;
}

}  // namespace
}  // namespace newsloom

int main(int argc, char** argv) {
  newsloom::Flags flags;
  CLI::App app{
      "Streams synthetic news articles through clustering and prints, every "
      "--every articles, active events and stories, vocabulary, resident "
      "memory and docs/s: memory should follow the active window, not the "
      "history.\n  newsloom_window_memory --count 200000",
      "newsloom_window_memory"};
  app.add_option("--count,-n", flags.count, "articles to stream")
      ->capture_default_str();
  app.add_option("--every", flags.every, "print a row every this many articles")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", flags.seed, "stream seed")->capture_default_str();
  app.add_option("--per-day", flags.per_day, "mean articles per day")
      ->capture_default_str();
  app.add_flag("--engine", flags.engine,
               "run the whole Engine with a store instead of the clusterer "
               "alone");
  app.add_option("--db", flags.db, "store for --engine")->capture_default_str();
  app.add_flag("--trim", flags.trim,
               "return freed heap to the OS (malloc_trim) before reading RSS");
  CLI11_PARSE(app, argc, argv);
  return newsloom::Run(flags);
}
