// From an analysed article to what the clusterer compares (ClusterInput):
//
//  * words: stems of the title's and body's content words (no stop words,
//    no numbers, at least two bytes);
//  * names: language-independent keys (engine/name_keys.h) of capitalised
//    words that are not stop words. A capitalised word that opens a sentence
//    counts only when the article also capitalises it elsewhere, so "The"
//    or "Yesterday" at a sentence start is not a name. A trailing possessive
//    ('s, ’s) is dropped: "Russia's" and "Russia" are one name. Headlines
//    (often in title case) give no names; their words count as words.
//  * time mentions: weekday names ("Monday", "mandag" -> "wd:2") and
//    day-and-month dates ("Feb. 26", "26 February", "16. februar" ->
//    "md:02-26"), from the language's ICU calendar names. They tell two
//    happenings of one topic apart when publication dates are missing;
//  * numbers: every number token of the body as written ("6.1", "1,200",
//    "2013"): magnitudes, tolls, ages, years and street numbers tell
//    look-alike happenings apart;
//  * lede words: the title's content words and those of the body's first
//    kLedeSentences sentences;
//  * fallback title: the first sentence of the body, shortened, for articles
//    without a headline.
//
// Thread safety: a FeatureExtractor owns an Analyzer; one per thread.
#ifndef NEWSLOOM_ENGINE_FEATURES_H_
#define NEWSLOOM_ENGINE_FEATURES_H_

#include <string>
#include <vector>

#include "base/article.h"
#include "cluster/online_clusterer.h"
#include "engine/name_keys.h"
#include "text/analyzer.h"

namespace newsloom {

class FeatureExtractor {
 public:
  // Fills `out` for `article`. The string_views in `out` point into this
  // extractor's buffers: valid until the next call.
  void Extract(const Article& article, ClusterInput* out);

 private:
  Analyzer analyzer_;
  NameKeys name_keys_table_;
  AnalyzedText body_, title_;
  void AddTimeMentions(const Article& a, ClusterInput* out);

  std::vector<std::string> name_keys_;
  std::vector<std::string> time_keys_;
};

// Body sentences that, with the title, make the lede.
inline constexpr size_t kLedeSentences = 2;

// Longest first sentence we use as a fallback title, in bytes.
inline constexpr size_t kMaxFallbackTitleBytes = 160;

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_FEATURES_H_
