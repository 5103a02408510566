// `newsloom eval-annotations --timex PATH[,PATH...] [--lang L] [--json]`:
// TempEval-3 scores of the time-expression tagger (src/timex/timeml.h).
// Several corpora (TimeML folders, .tml files, BIO TSVs) may be given
// separated by commas; their counts are pooled. The language is --lang, or
// else each path's own (TimexCorpusLanguage: meantime-es -> es, TimeML ->
// en). NEWSLOOM_TIMEX_ERRORS=1 in the environment lists every miss,
// spurious expression and wrong value on stderr.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "timex/timeml.h"
#include "timex/timex.h"

namespace newsloom {
namespace {

std::vector<std::string> SplitPaths(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = list.find(',', start);
    std::string p = list.substr(start, comma == std::string::npos
                                           ? std::string::npos
                                           : comma - start);
    if (!p.empty()) out.push_back(std::move(p));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

nlohmann::json Prf(size_t hits, size_t sys, size_t gold) {
  const double p = sys ? static_cast<double>(hits) / sys : 0.0;
  const double r = gold ? static_cast<double>(hits) / gold : 0.0;
  return {{"precision", p}, {"recall", r},
          {"f1", TimexScores::F1(hits, sys, gold)}};
}

}  // namespace

int RunEvalTimex(const EvalAnnotationsOptions& options) {
  const std::vector<std::string> paths = SplitPaths(options.timex);
  if (paths.empty()) {
    std::fprintf(stderr, "newsloom: --timex needs a path\n");
    return kExitFatal;
  }
  const char* dump = std::getenv("NEWSLOOM_TIMEX_ERRORS");
  std::FILE* errors = dump && *dump && *dump != '0' ? stderr : nullptr;
  TimexTagger tagger;
  TimexScores total;
  for (const std::string& path : paths) {
    Result<std::vector<TimexDocument>> docs = LoadTimexCorpus(path);
    if (!docs.ok()) {
      std::fprintf(stderr, "newsloom: %s\n", docs.status().ToString().c_str());
      return kExitFatal;
    }
    const std::string lang =
        options.lang.empty() ? TimexCorpusLanguage(path) : options.lang;
    total.Add(ScoreTimex(*docs, tagger, lang, errors));
  }
  if (options.json) {
    nlohmann::json j = {
        {"relaxed_f1", total.RelaxedF1()},
        {"strict_f1", total.StrictF1()},
        {"value_f1", total.ValueF1()},
        {"relaxed", Prf(total.relaxed, total.system, total.gold)},
        {"strict", Prf(total.strict, total.system, total.gold)},
        {"value", Prf(total.value, total.system, total.gold)},
        {"documents", total.documents},
        {"gold", total.gold},
        {"system", total.system},
        {"docs_per_second",
         total.seconds > 0 ? total.documents / total.seconds : 0.0}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("documents %zu  gold %zu  system %zu\n", total.documents,
                total.gold, total.system);
    std::printf("relaxed F1 %.4f  strict F1 %.4f  value F1 %.4f\n",
                total.RelaxedF1(), total.StrictF1(), total.ValueF1());
    if (total.seconds > 0)
      std::printf("%.0f docs/s (tagging only)\n",
                  total.documents / total.seconds);
  }
  return 0;
}

}  // namespace newsloom
