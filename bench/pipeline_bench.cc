// Benchmarks of the hot stages on synthetic news text written here (no
// third-party data): text analysis, feature extraction + clustering, and
// store inserts. Items/s is articles/s; bytes/s counts article text.
// Analysis and store inserts read simple English articles (a small shared
// vocabulary); clustering and the whole pipeline read the multilingual
// stream of synth_stream.h (events, stories, singletons, wire copies, a
// growing vocabulary), whose cost per article is closer to real news;
// `newsloom eval` reports docs/s on real labelled data.
//
//   build/bench/newsloom_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/features.h"
#include "store/store.h"
#include "synth_stream.h"
#include "text/analyzer.h"

namespace newsloom {
namespace {

constexpr UnixSeconds kT0 = 1735689600;  // 2025-01-01

// A capitalised made-up name for topic k ("Bakor", "Cedun", ...), so each
// topic has names of its own, as real events do.
std::string TopicName(size_t k, int salt) {
  static const char kConsonants[] = "bcdfghklmnprstvz";
  static const char kVowels[] = "aeiou";
  std::string name;
  for (int i = 0; i < 3; ++i) {
    name += kConsonants[(k * 7 + salt * 3 + i * 5) % 16];
    name += kVowels[(k / 16 + salt + i) % 5];
  }
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

// Deterministic ~1.7 KB articles: 200 topics sharing one vocabulary but
// with names of their own, so clustering has real work to do.
std::vector<Article> SyntheticArticles(size_t n) {
  static const char* const kWords[] = {
      "police", "said", "council", "river", "bridge", "fire", "officials",
      "residents", "report", "budget", "school", "hospital", "storm", "road",
      "court", "election", "vote", "minister", "company", "workers", "strike",
      "harbour", "train", "station", "museum", "festival", "market", "prices",
      "water", "energy", "wind", "farm", "airport", "flight", "delay"};
  static const char* const kNames[] = {
      "Aarhus", "Esbjerg", "Lund", "Kiel", "Murcia", "Lyon", "Corvane",
      "Hansen", "Moreau", "Okafor", "Lindqvist", "Tanaka", "Ferreira"};
  std::mt19937 rng(42);
  std::vector<Article> out;
  for (size_t i = 0; i < n; ++i) {
    const size_t topic = rng() % 200;
    std::mt19937 topic_rng(static_cast<unsigned>(topic));
    Article a;
    a.lang = "en";
    a.published = kT0 + static_cast<UnixSeconds>(i) * 60;
    a.title = std::string("Update on ") + kNames[topic % 13] + " " +
              kWords[topic % 35];
    while (a.text.size() < 1700) {
      for (int w = 0; w < 12; ++w) {
        const bool topical = rng() % 3 != 0;
        const size_t k = topical ? topic_rng() % 35 : rng() % 35;
        a.text += kWords[k];
        a.text += ' ';
      }
      a.text += kNames[(topic + rng() % 2) % 13];
      a.text += " and " + TopicName(topic, static_cast<int>(rng() % 3)) +
                " told reporters in " + TopicName(topic, 7) + ".\n";
    }
    a.id = ArticleId(a) + std::to_string(i);
    out.push_back(std::move(a));
  }
  return out;
}

// `n` articles of the synthetic news stream (synth_stream.h, default
// options) at one article a minute, the rate the loops below re-date them
// at, so events keep their shape in time.
std::vector<Article> StreamArticles(size_t n) {
  SynthOptions options;
  options.start = kT0;
  options.articles_per_day = 24 * 60;
  std::unique_ptr<SynthStream> stream =
      std::move(SynthStream::Create(options)).value();
  std::vector<Article> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(stream->Next());
  return out;
}

void BM_Analyze(benchmark::State& state) {
  const std::vector<Article> articles = SyntheticArticles(256);
  Analyzer analyzer;
  AnalyzedText out;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Article& a = articles[i++ % articles.size()];
    analyzer.Analyze(a.text, a.lang, &out);
    bytes += a.text.size();
    benchmark::DoNotOptimize(out.tokens.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Analyze);

// Feature extraction alone (analysis, names, concepts, numbers, dates of
// each article of the stream): BM_ExtractAndCluster less BM_Cluster.
void BM_Extract(benchmark::State& state) {
  const std::vector<Article> articles = StreamArticles(20000);
  FeatureExtractor features;
  ClusterInput input;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const Article& a = articles[i++ % articles.size()];
    features.Extract(a, &input);
    bytes += a.text.size() + a.title.size();
    benchmark::DoNotOptimize(input.words.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Extract);

// Feature extraction and online clustering, the whole per-article CPU cost
// apart from language detection and the store.
void BM_ExtractAndCluster(benchmark::State& state) {
  const std::vector<Article> articles = StreamArticles(20000);
  FeatureExtractor features;
  OnlineClusterer clusterer;
  ClusterInput input;
  size_t i = 0;
  for (auto _ : state) {
    Article a = articles[i % articles.size()];
    a.published = kT0 + static_cast<UnixSeconds>(i) * 60;
    ++i;
    features.Extract(a, &input, &clusterer);  // as Engine::Add does
    benchmark::DoNotOptimize(clusterer.Add(input));
    if (i % 2000 == 0) clusterer.TakeChanges();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExtractAndCluster);

// A ClusterInput that owns its strings (ClusterInput's views point into the
// FeatureExtractor's buffers, which the next article overwrites).
struct OwnedInput {
  ClusterInput input;
  std::vector<std::string> storage[6];

  explicit OwnedInput(const ClusterInput& in) : input(in) {
    std::vector<std::string_view>* lists[6] = {
        &input.title_words, &input.words, &input.lede_words,
        &input.names,       &input.times, &input.numbers};
    for (size_t k = 0; k < 6; ++k) {
      storage[k].assign(lists[k]->begin(), lists[k]->end());
      lists[k]->assign(storage[k].begin(), storage[k].end());
    }
  }
  OwnedInput(const OwnedInput&) = delete;
};

// The features of `n` articles of the stream, re-dated at one a minute.
std::vector<std::unique_ptr<OwnedInput>> StreamInputs(size_t n) {
  const std::vector<Article> articles = StreamArticles(n);
  std::vector<std::unique_ptr<OwnedInput>> inputs;
  FeatureExtractor features;
  ClusterInput input;
  for (size_t i = 0; i < articles.size(); ++i) {
    Article a = articles[i];
    a.published = kT0 + static_cast<UnixSeconds>(i) * 60;
    features.Extract(a, &input);
    inputs.push_back(std::make_unique<OwnedInput>(input));
  }
  return inputs;
}

// The clustering step alone (OnlineClusterer::Add on extracted features):
// streaming TF-IDF, candidate retrieval, the join model, centroid updates.
void BM_Cluster(benchmark::State& state) {
  const std::vector<std::unique_ptr<OwnedInput>> inputs = StreamInputs(20000);
  auto clusterer = std::make_unique<OnlineClusterer>();
  size_t i = 0;
  for (auto _ : state) {
    if (i == inputs.size()) {  // start the stream over: times must not go back
      state.PauseTiming();
      clusterer = std::make_unique<OnlineClusterer>();
      i = 0;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(clusterer->Add(inputs[i]->input));
    if (++i % 2000 == 0) clusterer->TakeChanges();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Cluster);

// A save of the clustering state (OnlineClusterer::Encode, which `ingest`
// runs every --state-every articles) and reading it back
// (OnlineClusterer::Decode, when a store is opened), after 20,000 articles
// of the stream: bytes/s counts the encoded state.
std::unique_ptr<OnlineClusterer> ClustererAfterStream() {
  auto clusterer = std::make_unique<OnlineClusterer>();
  for (const auto& in : StreamInputs(20000)) clusterer->Add(in->input);
  clusterer->TakeChanges();
  return clusterer;
}

void BM_EncodeState(benchmark::State& state) {
  const std::unique_ptr<OnlineClusterer> clusterer = ClustererAfterStream();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string saved = clusterer->Encode();
    bytes += saved.size();
    benchmark::DoNotOptimize(saved.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EncodeState)->Unit(benchmark::kMillisecond);

void BM_DecodeState(benchmark::State& state) {
  const std::string saved = ClustererAfterStream()->Encode();
  for (auto _ : state) {
    auto decoded = OnlineClusterer::Decode(saved, ClusterOptions());
    if (!decoded.ok()) {
      state.SkipWithError(decoded.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(decoded->get());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * saved.size()));
}
BENCHMARK(BM_DecodeState)->Unit(benchmark::kMillisecond);

void BM_StoreInsert(benchmark::State& state) {
  const std::vector<Article> articles = SyntheticArticles(2000);
  auto store = Store::Open(":memory:");
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return;
  }
  size_t i = 0;
  (*store)->Begin();
  for (auto _ : state) {
    Article a = articles[i % articles.size()];
    a.id += "-" + std::to_string(i++);
    benchmark::DoNotOptimize((*store)->InsertArticle(a, 1));
    if (i % 2000 == 0) {
      (*store)->Commit();
      (*store)->Begin();
    }
  }
  (*store)->Commit();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StoreInsert);

// The whole pipeline as `newsloom ingest` runs it (in-memory store).
void BM_EnginePipeline(benchmark::State& state) {
  const std::vector<Article> articles = StreamArticles(20000);
  auto store = Store::Open(":memory:");
  EngineOptions options;
  options.persist_state = false;
  auto engine = Engine::Open(std::move(*store), options);
  if (!engine.ok()) {
    state.SkipWithError(engine.status().ToString().c_str());
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    Article a = articles[i % articles.size()];
    a.id += "-" + std::to_string(i);
    a.lang = "und";  // include language detection
    a.published = kT0 + static_cast<UnixSeconds>(i++) * 60;
    benchmark::DoNotOptimize((*engine)->Add(std::move(a)));
  }
  (*engine)->Flush();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EnginePipeline);

}  // namespace
}  // namespace newsloom

BENCHMARK_MAIN();
