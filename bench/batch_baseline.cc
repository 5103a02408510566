// newsloom_baseline: the evaluation data's batch reference point
// (shared/data/README.md) measured by our own code (eval/batch_reference.h):
// TF-IDF + cosine + average linkage over a labelled JSONL file, cut at the
// threshold that scores best on the file's own gold labels. Prints JSON.
//
//   build/bench/newsloom_baseline ../shared/data/clustering/basil-dev.jsonl
//   build/bench/newsloom_baseline ../shared/data/clustering/itn-dev.jsonl
//   --char-ngrams 2 4
//
// Articles are read as `newsloom eval` reads them (ingest/reader.h; lines
// without an `event` label are left out); the batch sees them all at once,
// so their order does not matter. Memory is O(n^2): 80 MB for 3,161
// documents. Exit codes: 0 success, 1 nothing to cluster or bad usage,
// 2 done but some input lines were reported and skipped.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "eval/batch_reference.h"
#include "eval/metrics.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

nlohmann::ordered_json PrfJson(const PrfScores& p) {
  return {{"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}

nlohmann::ordered_json ScoresJson(const ClusteringScores& s) {
  return {{"clusters", s.clusters},
          {"bcubed", PrfJson(s.bcubed)},
          {"pairwise", PrfJson(s.pairwise)},
          {"ari", s.ari}};
}

// JSON has no infinity; an open end of the threshold interval is null.
nlohmann::ordered_json Finite(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x)
                          : nlohmann::ordered_json(nullptr);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

struct BaselineOptions {
  std::string input;
  std::string level = "event";
  std::vector<size_t> char_ngrams;  // empty: word stems; else {min, max}
  double grid_step = 0;             // > 0: also the best on a threshold grid
  ReadOptions read;
};

int Run(const BaselineOptions& o) {
  std::vector<Article> articles;
  const ReadStats read = ReadInputs(
      {o.input}, o.read, [&](Article&& a) { articles.push_back(std::move(a)); },
      [](const IngestError& e) {
        std::cerr << "newsloom_baseline: " << e.ToString() << "\n";
      });
  std::erase_if(articles,
                [](const Article& a) { return a.gold_event.empty(); });
  if (articles.empty()) {
    std::cerr << "newsloom_baseline: no labelled articles in " << o.input
              << "\n";
    return 1;
  }
  const bool story = o.level == "story";
  LabelIndex labels;
  std::vector<int64_t> gold;
  for (const Article& a : articles) {
    gold.push_back(labels.Get(story && !a.gold_story.empty() ? a.gold_story
                                                             : a.gold_event));
  }

  BatchReferenceOptions options;
  std::string terms = "word-stems";
  if (!o.char_ngrams.empty()) {
    options.terms = BatchReferenceOptions::Terms::kCharNgrams;
    options.char_ngram_min = o.char_ngrams[0];
    options.char_ngram_max = o.char_ngrams[1];
    terms = "char-ngrams " + std::to_string(o.char_ngrams[0]) + "-" +
            std::to_string(o.char_ngrams[1]);
  }
  const auto start = std::chrono::steady_clock::now();
  const Dendrogram tree = BuildBatchReference(articles, options);
  const double cluster_seconds = SecondsSince(start);
  const ThresholdSweep best = SweepThresholds(tree, gold);
  const double threshold = best.MidThreshold();

  nlohmann::ordered_json j = {
      {"input", o.input},
      {"level", o.level},
      {"terms", terms},
      {"docs", articles.size()},
      {"gold_clusters", labels.size()},
      {"oracle",
       {{"min_similarity", threshold},
        {"distance_threshold", 1 - threshold},
        {"interval",
         {Finite(best.next_similarity), Finite(best.min_similarity)}},
        {"merges_applied", best.merges_applied},
        {"scores", ScoresJson(best.scores)}}},
      {"seconds",
       {{"cluster", cluster_seconds}, {"total", SecondsSince(start)}}}};
  if (o.grid_step > 0) {
    // The coarser oracle a grid search finds: similarity thresholds
    // 1 - k * step, as a sweep over scikit-learn's distance_threshold.
    std::optional<std::pair<double, ClusteringScores>> grid;
    for (int k = 0; k * o.grid_step <= 2 + 1e-12; ++k) {
      const double t = 1 - k * o.grid_step;
      const ClusteringScores s = ScoreClustering(CutDendrogram(tree, t), gold);
      if (!grid || s.bcubed.f1 > grid->second.bcubed.f1) grid.emplace(t, s);
    }
    j["grid"] = {{"step", o.grid_step},
                 {"min_similarity", grid->first},
                 {"distance_threshold", 1 - grid->first},
                 {"scores", ScoresJson(grid->second)}};
  }
  std::cout << j.dump(2) << "\n";
  return read.errors > 0 ? 2 : 0;
}

}  // namespace
}  // namespace newsloom

int main(int argc, char** argv) {
  newsloom::BaselineOptions o;
  CLI::App app{
      "Batch reference clustering (TF-IDF, cosine, average linkage) of a "
      "labelled JSONL file at its oracle threshold: the cut that scores the "
      "best BCubed F1 against the file's own gold labels. Prints JSON.",
      "newsloom_baseline"};
  app.add_option("input", o.input, "Labelled JSONL file (.jsonl, .jsonl.gz)")
      ->required();
  app.add_option("--level", o.level, "Gold labels to score against")
      ->check(CLI::IsMember({"event", "story"}))
      ->capture_default_str();
  app.add_option("--char-ngrams", o.char_ngrams,
                 "Terms are character n-grams of MIN to MAX code points of "
                 "each word (scikit-learn's char_wb) instead of word stems")
      ->expected(2)
      ->type_name("MIN MAX");
  app.add_option("--grid", o.grid_step,
                 "Also report the best threshold on a grid of this step in "
                 "cosine distance (e.g. 0.05)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;  // --help is no error
  }
  if (!o.char_ngrams.empty() &&
      (o.char_ngrams[0] < 1 || o.char_ngrams[0] > o.char_ngrams[1])) {
    std::cerr << "newsloom_baseline: --char-ngrams needs 1 <= MIN <= MAX\n";
    return 1;
  }
  return newsloom::Run(o);
}
