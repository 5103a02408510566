// Time-expression tagging speed on the TimeBank and MEANTIME development
// texts of ../shared/data/timex (read from NEWSLOOM_SHARED_DIR; the
// benchmarks report an error when it is absent). Items/s is documents/s on
// one thread; bytes/s counts text.
//
//   build/bench/newsloom_timex_bench --benchmark_min_time=2
//
// BM_TagEnglish: TimeBank (183 WSJ and news texts, 2 KB each);
// BM_TagSpanish: meantime-es (120 Wikinews texts); BM_Tokenize: the
// tokenizer alone, the floor under both.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "timex/lexicon.h"
#include "timex/timeml.h"
#include "timex/timex.h"

namespace newsloom {
namespace {

const std::vector<TimexDocument>& Docs(const std::string& name) {
  static std::vector<std::pair<std::string, std::vector<TimexDocument>>> cache;
  for (const auto& [n, d] : cache) {
    if (n == name) return d;
  }
  const std::filesystem::path p =
      std::filesystem::path(NEWSLOOM_SHARED_DIR) / "data" / "timex" / name;
  Result<std::vector<TimexDocument>> docs = LoadTimexCorpus(p.string());
  cache.emplace_back(name, docs.ok() ? std::move(docs).value()
                                     : std::vector<TimexDocument>());
  return cache.back().second;
}

template <typename F>
void RunOver(benchmark::State& state, const std::string& name, F f) {
  const std::vector<TimexDocument>& docs = Docs(name);
  if (docs.empty()) {
    state.SkipWithError("no NEWSLOOM_SHARED_DIR/data/timex corpus");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const TimexDocument& d : docs) {
      f(d);
      bytes += d.text.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_TagEnglish(benchmark::State& state) {
  TimexTagger tagger;
  RunOver(state, "timebank", [&](const TimexDocument& d) {
    benchmark::DoNotOptimize(tagger.Tag(d.text, "en", ParseDay(d.dct)));
  });
}
BENCHMARK(BM_TagEnglish);

void BM_TagSpanish(benchmark::State& state) {
  TimexTagger tagger;
  RunOver(state, "meantime-es.tsv", [&](const TimexDocument& d) {
    benchmark::DoNotOptimize(tagger.Tag(d.text, "es", ParseDay(d.dct)));
  });
}
BENCHMARK(BM_TagSpanish);

void BM_Tokenize(benchmark::State& state) {
  std::vector<timex_internal::Token> tokens;
  RunOver(state, "timebank", [&](const TimexDocument& d) {
    timex_internal::Tokenize(d.text, &tokens);
    benchmark::DoNotOptimize(tokens.data());
  });
}
BENCHMARK(BM_Tokenize);

}  // namespace
}  // namespace newsloom

BENCHMARK_MAIN();
