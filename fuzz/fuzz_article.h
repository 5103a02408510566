// What every article fuzz target does with an article a parser accepted:
// detect its language and extract the clustering features from it, the
// work the engine does next with outside text.
#ifndef NEWSLOOM_FUZZ_FUZZ_ARTICLE_H_
#define NEWSLOOM_FUZZ_FUZZ_ARTICLE_H_

#include "base/article.h"
#include "engine/engine.h"
#include "engine/features.h"
#include "text/language.h"

namespace newsloom {

inline void ExerciseArticle(Article* a) {
  static const LanguageDetector* detector = new LanguageDetector();
  static FeatureExtractor* features = new FeatureExtractor();
  DetectLanguageIfMissing(*detector, a);
  ClusterInput in;
  features->Extract(*a, &in);
}

}  // namespace newsloom

#endif  // NEWSLOOM_FUZZ_FUZZ_ARTICLE_H_
