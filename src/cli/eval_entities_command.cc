// `newsloom eval-annotations --entities FILE.conll`: conlleval scores of the
// language's NER model (ner/evaluate.h) on a CoNLL file.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "ner/conll.h"
#include "ner/evaluate.h"
#include "ner/model.h"

namespace newsloom {
namespace {

nlohmann::json CountsJson(const ChunkCounts& c) {
  return {{"precision", c.precision()}, {"recall", c.recall()},
          {"f1", c.f1()},               {"gold", c.gold},
          {"predicted", c.predicted},   {"correct", c.correct}};
}

}  // namespace

int RunEvalEntities(const EvalAnnotationsOptions& options) {
  {
    std::error_code ec;
    const std::filesystem::file_status st = std::filesystem::status(options.entities, ec);
    if (std::filesystem::is_directory(st) || !std::filesystem::exists(st)) {
      std::fprintf(stderr, "newsloom: --entities %s: %s\n", options.entities.c_str(),
                   std::filesystem::exists(st) ? "a folder, not a file (give a CoNLL file)"
                                               : "no such file");
      return kExitFatal;
    }
  }
  std::string lang =
      options.lang.empty() ? LanguageFromCorpusName(options.entities) : options.lang;
  if (lang.empty()) {
    std::fprintf(stderr,
                 "newsloom: cannot tell the language of %s from its name; "
                 "give --lang\n",
                 options.entities.c_str());
    return kExitFatal;
  }
  Result<ConllCorpus> corpus = ReadConllFile(options.entities);
  if (!corpus.ok()) {
    std::fprintf(stderr, "newsloom: %s\n", corpus.status().ToString().c_str());
    return kExitFatal;
  }
  if (corpus->tokens == 0) {
    std::fprintf(stderr,
                 "newsloom: %s: no tokens (a CoNLL file has a line per token: the word "
                 "first, its tag last, a blank line between sentences)\n",
                 options.entities.c_str());
    return kExitFatal;
  }
  auto t0 = std::chrono::steady_clock::now();
  Result<std::unique_ptr<NerModel>> model = LoadNerModel(lang);
  double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!model.ok()) {
    std::fprintf(stderr, "newsloom: %s\n", model.status().ToString().c_str());
    return kExitFatal;
  }
  NerEvaluation e = EvaluateNer(**model, *corpus, lang);
  if (options.json) {
    nlohmann::json j = CountsJson(e.score.all);
    j["lang"] = lang;
    j["tokens"] = e.score.tokens;
    j["tokens_per_second"] = static_cast<int64_t>(e.tokens_per_second());
    j["model_load_seconds"] = load_seconds;
    nlohmann::json types = nlohmann::json::object();
    for (const auto& [type, counts] : e.score.by_type) types[type] = CountsJson(counts);
    j["types"] = types;
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("%s (%s): %lld tokens, %lld gold entities, %lld found, %lld correct\n",
                options.entities.c_str(), lang.c_str(),
                static_cast<long long>(e.score.tokens),
                static_cast<long long>(e.score.all.gold),
                static_cast<long long>(e.score.all.predicted),
                static_cast<long long>(e.score.all.correct));
    std::printf("precision %.2f%%  recall %.2f%%  F1 %.2f\n",
                100 * e.score.precision(), 100 * e.score.recall(),
                100 * e.score.f1());
    for (const auto& [type, c] : e.score.by_type)
      std::printf("%6s: precision %.2f%%  recall %.2f%%  F1 %.2f  (%lld)\n",
                  type.c_str(), 100 * c.precision(), 100 * c.recall(),
                  100 * c.f1(), static_cast<long long>(c.predicted));
    std::printf("%.0f tokens/s tagging; model loaded in %.3f s\n",
                e.tokens_per_second(), load_seconds);
  }
  return kExitOk;
}

}  // namespace newsloom
