// Benchmarks of duplicate detection (src/dedup) on articles of 1-3 KB
// (headline and text) from the synthetic stream (synth_stream.h: six
// languages, wire reports and their copies). Items/s is articles/s.
//
//   BM_DedupSignature         words, shingles and the MinHash signature
//   BM_DedupQuery             candidates from the LSH index and their
//                             verdicts (DuplicateDetector::Match) against an
//                             index of 99,000 articles of a stream, for the
//                             10,000 others (every tenth) of the same stretch
//   BM_DedupSignAndQuery      both, as `ingest` runs them per article
//   BM_DedupSignQueryAndAdd   both, and indexing the article (a stream)
//   BM_DedupIndexMemory       index bytes per article at 100,000 and
//                             1,000,000 articles (counter bytes_per_article)
//
//   build/bench/newsloom_dedup_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "dedup/detector.h"
#include "dedup/groups.h"
#include "synth_stream.h"

namespace newsloom {
namespace {

// The index holds the articles i < kStretch with i % 10 != 0 (99,000);
// queries are the others, whose wire originals and copies are indexed as
// they would be in a live stream.
constexpr size_t kStretch = 110000;
constexpr size_t kIndexed = 100000;  // for the memory benchmark
bool Queried(size_t i) { return i % 10 == 0; }
constexpr size_t kMinBytes = 1024, kMaxBytes = 3072;

// The first `n` articles of the default synthetic stream whose headline
// and text together have 1-3 KB.
const std::vector<Article>& Articles(size_t n) {
  static std::vector<Article> articles;
  if (articles.size() >= n) return articles;
  static std::unique_ptr<SynthStream> stream =
      std::move(SynthStream::Create(SynthOptions()).value());
  while (articles.size() < n) {
    Article a = stream->Next();
    const size_t bytes = a.title.size() + a.text.size();
    if (bytes >= kMinBytes && bytes <= kMaxBytes)
      articles.push_back(std::move(a));
  }
  return articles;
}

size_t TextBytes(const std::vector<Article>& articles, size_t n) {
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    bytes += articles[i].title.size() + articles[i].text.size();
  }
  return bytes;
}

// A detector holding the indexed articles of the stretch (no window: the
// stream's dates would retire most of them).
DuplicateDetector& Indexed() {
  static DuplicateDetector* detector = [] {
    DedupOptions options;
    options.window_days = 1e9;
    auto* d = new DuplicateDetector(options);
    const std::vector<Article>& articles = Articles(kStretch);
    Signature sig;
    for (size_t i = 0; i < kStretch; ++i) {
      if (Queried(i)) continue;
      d->Sign(articles[i].title, articles[i].text, SiteOrSourceOf(articles[i]), &sig);
      d->Add(sig, i, d->Match(sig), articles[i].published);
    }
    return d;
  }();
  return *detector;
}

// The articles the query benchmarks look up.
std::vector<const Article*> QueryArticles() {
  const std::vector<Article>& articles = Articles(kStretch);
  std::vector<const Article*> out;
  for (size_t i = 0; i < kStretch && out.size() < 10000; ++i) {
    if (Queried(i)) out.push_back(&articles[i]);
  }
  return out;
}

void BM_DedupSignature(benchmark::State& state) {
  const std::vector<Article>& articles = Articles(10000);
  DuplicateDetector detector;
  Signature sig;
  size_t i = 0;
  for (auto _ : state) {
    const Article& a = articles[i++ % 10000];
    detector.Sign(a.title, a.text, &sig);
    benchmark::DoNotOptimize(sig.bins.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(TextBytes(articles, 10000) *
                                               (state.iterations() / 10000.0)));
}
BENCHMARK(BM_DedupSignature);

void BM_DedupQuery(benchmark::State& state) {
  DuplicateDetector& detector = Indexed();
  const std::vector<const Article*> queries = QueryArticles();
  std::vector<Signature> sigs(queries.size());
  for (size_t i = 0; i < sigs.size(); ++i) {
    detector.Sign(queries[i]->title, queries[i]->text, &sigs[i]);
  }
  size_t i = 0, duplicates = 0;
  for (auto _ : state) {
    duplicates += detector.Match(sigs[i++ % sigs.size()]).is_duplicate();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["duplicate_share"] =
      static_cast<double>(duplicates) / state.iterations();
}
BENCHMARK(BM_DedupQuery);

void BM_DedupSignAndQuery(benchmark::State& state) {
  DuplicateDetector& detector = Indexed();
  const std::vector<const Article*> queries = QueryArticles();
  Signature sig;
  size_t i = 0;
  for (auto _ : state) {
    const Article& a = *queries[i++ % queries.size()];
    detector.Sign(a.title, a.text, &sig);
    benchmark::DoNotOptimize(detector.Match(sig));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(
      state.iterations() * (TextBytes(Articles(kStretch), kStretch) /
                            static_cast<double>(kStretch))));
}
BENCHMARK(BM_DedupSignAndQuery);

// A stream: each article is judged and indexed (the index grows from
// empty; the window keeps 14 days of the stream).
void BM_DedupSignQueryAndAdd(benchmark::State& state) {
  const std::vector<Article>& articles = Articles(kStretch);
  auto detector = std::make_unique<DuplicateDetector>();
  Signature sig;
  size_t i = 0;
  for (auto _ : state) {
    if (i == articles.size()) {
      state.PauseTiming();
      detector = std::make_unique<DuplicateDetector>();
      i = 0;
      state.ResumeTiming();
    }
    const Article& a = articles[i];
    detector->Sign(a.title, a.text, &sig);
    detector->Add(sig, i, detector->Match(sig), a.published);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DedupSignQueryAndAdd);

// Reopening a store decodes the saved index: 99,000 articles here (their
// table entries come in the saved table's slot order, which once made the
// decode quadratic: 0.45 s for 20,000 articles).
void BM_DedupDecode(benchmark::State& state) {
  DedupOptions options;
  options.window_days = 1e9;
  const std::string blob = Indexed().Encode();
  size_t articles = 0;
  for (auto _ : state) {
    auto decoded = DuplicateDetector::Decode(blob, options);
    if (!decoded.ok()) {
      state.SkipWithError("decode failed");
      return;
    }
    articles = (*decoded)->index().size();
    benchmark::DoNotOptimize(decoded);
  }
  state.SetItemsProcessed(state.iterations() * articles);
  state.counters["bytes"] = static_cast<double>(blob.size());
}
BENCHMARK(BM_DedupDecode)->Unit(benchmark::kMillisecond);

// Index memory per article: MemoryBytes() (table capacity, documents and
// sketches) over the articles indexed, for index sizes of state.range(0).
void BM_DedupIndexMemory(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const std::vector<Article>& articles = Articles(kIndexed);
  DedupOptions options;
  options.window_days = 1e9;
  std::vector<Signature> sigs(kIndexed);
  DuplicateDetector signer(options);
  for (size_t i = 0; i < kIndexed; ++i) {
    signer.Sign(articles[i].title, articles[i].text, &sigs[i]);
  }
  double bytes_per_article = 0, worst = 0;
  for (auto _ : state) {
    DedupIndex index(options);
    for (size_t i = 0; i < n; ++i) {
      // Beyond the 100,000 signed articles the same signatures come
      // again: memory does not depend on their content.
      index.Add(sigs[i % kIndexed], {});
      if (index.size() >= n / 10 && index.size() % 1000 == 0) {
        worst = std::max(
            worst, static_cast<double>(index.MemoryBytes()) / index.size());
      }
    }
    bytes_per_article = static_cast<double>(index.MemoryBytes()) / n;
  }
  state.counters["bytes_per_article"] = bytes_per_article;
  state.counters["worst_from_tenth"] = worst;
}
BENCHMARK(BM_DedupIndexMemory)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsloom

BENCHMARK_MAIN();
