// Web-page extraction speed on the 92 pages of ../shared/data/extraction
// (read from NEWSLOOM_SHARED_DIR; the benchmarks report an error when it
// is absent). Items/s is pages/s on one thread; bytes/s counts HTML.
//
//   build/bench/newsloom_extraction_bench --benchmark_min_time=2
//
// BM_ExtractPage is the whole of html/extract.h as `newsloom ingest` runs
// it on a page: encoding sniffing and conversion, parsing, metadata and
// main content. BM_ParseHtml is libxml2's parser building our tree alone,
// the floor under it.
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "html/extract.h"

namespace newsloom {
namespace {

const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = [] {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    const fs::path dir =
        fs::path(NEWSLOOM_SHARED_DIR) / "data" / "extraction" / "html";
    if (!fs::is_directory(dir)) return out;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& p : files) {
      gzFile f = gzopen(p.c_str(), "rb");
      if (f == nullptr) continue;
      std::string bytes;
      char buf[1 << 16];
      for (int n; (n = gzread(f, buf, sizeof buf)) > 0;) bytes.append(buf, n);
      gzclose(f);
      out.push_back(std::move(bytes));
    }
    return out;
  }();
  return pages;
}

template <typename F>
void RunOverPages(benchmark::State& state, F f) {
  const std::vector<std::string>& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("no pages in NEWSLOOM_SHARED_DIR/data/extraction/html");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      f(page);
      bytes += page.size();
    }
  }
  state.SetItemsProcessed(state.iterations() * pages.size());
  state.SetBytesProcessed(bytes);
}

void BM_ExtractPage(benchmark::State& state) {
  RunOverPages(state, [](const std::string& page) {
    Result<ExtractedPage> p = ExtractPage(page);
    benchmark::DoNotOptimize(p);
  });
}
BENCHMARK(BM_ExtractPage)->Unit(benchmark::kMillisecond);

void BM_ParseHtml(benchmark::State& state) {
  RunOverPages(state, [](const std::string& page) {
    Result<HtmlDocument> doc = ParseHtml(page);
    benchmark::DoNotOptimize(doc);
  });
}
BENCHMARK(BM_ParseHtml)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsloom

BENCHMARK_MAIN();
