// Issue 8's report speed: BuildReport (annotation, summaries, timeline,
// coverage) and the HTML of one story of 300 articles, the first 300 of
// ../shared/data/clustering/gva-dev.jsonl treated as one story (each article
// its own event). Run: build/bench/newsloom_report_bench
#include <benchmark/benchmark.h>

#include <filesystem>

#include "ingest/reader.h"
#include "story/report.h"

namespace newsloom {
namespace {

ReportInput Input(size_t n) {
  ReportInput in;
  const std::filesystem::path path =
      std::filesystem::path(NEWSLOOM_SOURCE_DIR) / ".." / "shared" / "data" / "clustering" /
      "gva-dev.jsonl";
  ReadInputs({path.string()}, ReadOptions{},
             [&](Article&& a) {
               if (in.articles.size() < n) in.articles.push_back(std::move(a));
             },
             [](const IngestError&) {});
  for (size_t i = 0; i < in.articles.size(); ++i) {
    in.events.push_back({static_cast<int64_t>(i + 1), in.articles[i].title, {i}});
  }
  in.headline = "gva-dev, 300 articles";
  return in;
}

void BM_Report300(benchmark::State& state) {
  const ReportInput input = Input(300);
  if (input.articles.size() < 300) {
    state.SkipWithError("needs ../shared/data/clustering/gva-dev.jsonl");
    return;
  }
  Annotator annotator;
  for (auto _ : state) {
    StoryReport r = BuildReport(input, annotator);
    std::string html = ReportHtml(r);
    benchmark::DoNotOptimize(html);
  }
  state.SetItemsProcessed(state.iterations() * 300);
}
BENCHMARK(BM_Report300)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace newsloom

BENCHMARK_MAIN();
