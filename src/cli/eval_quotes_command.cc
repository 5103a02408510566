// `newsloom eval-annotations --quotes DIR`: the quotation finder scored on
// PolNeAR attributions (src/quotes/polnear.h defines the scores).
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "quotes/polnear.h"
#include "quotes/quotes.h"

namespace newsloom {

int RunEvalQuotes(const EvalAnnotationsOptions& options) {
  Result<std::vector<PolnearDocument>> docs = ReadPolnear(options.quotes);
  if (!docs.ok()) {
    std::fprintf(stderr, "newsloom: %s\n", docs.status().ToString().c_str());
    return kExitFatal;
  }
  // PolNeAR is English news; --lang overrides.
  std::string lang = options.lang.empty() ? "en" : options.lang;
  QuoteFinder finder;
  std::vector<Quotation> quotes;
  QuoteScores scores;
  size_t bytes = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const PolnearDocument& doc : docs.value()) {
    finder.Find(doc.text, lang, {}, &quotes);
    ScoreDocument(doc, quotes, &scores);
    bytes += doc.text.size();
  }
  double secs = std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - t0).count();
  auto counts = [](const AttributionCounts& c) {
    return nlohmann::ordered_json{
        {"content_recall", c.ContentRecall()},
        {"source_accuracy", c.SourceAccuracy()},
        {"gold", c.gold},
        {"found", c.found},
        {"with_source", c.with_source},
        {"source_correct", c.source_ok}};
  };
  nlohmann::ordered_json all = counts(scores.all);
  all["precision"] = scores.Precision();
  all["produced"] = scores.produced;
  all["produced_matching"] = scores.matching;
  if (options.json) {
    nlohmann::ordered_json j{{"direct", counts(scores.direct)},
                             {"all", all},
                             {"documents", scores.documents},
                             {"seconds", secs}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("%zu documents (%.1f MB/s)\n", scores.documents,
                secs > 0 ? bytes / secs / 1e6 : 0.0);
    std::printf("direct: content recall %.3f (%zu/%zu), source accuracy %.3f (%zu/%zu)\n",
                scores.direct.ContentRecall(), scores.direct.found,
                scores.direct.gold, scores.direct.SourceAccuracy(),
                scores.direct.source_ok, scores.direct.with_source);
    std::printf("all:    content recall %.3f (%zu/%zu), source accuracy %.3f (%zu/%zu), precision %.3f (%zu/%zu)\n",
                scores.all.ContentRecall(), scores.all.found, scores.all.gold,
                scores.all.SourceAccuracy(), scores.all.source_ok,
                scores.all.with_source, scores.Precision(), scores.matching,
                scores.produced);
  }
  return kExitOk;
}

}  // namespace newsloom
