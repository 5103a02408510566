// The article-body score of ../shared/data/README.md ("extraction/"), the
// ScrapingHub article-extraction benchmark's metric:
//
//   - tokens are the runs of word characters, Python's `\w+` on str: a
//     code point is a word character when it is a letter (Lu Ll Lt Lm Lo),
//     has a numeric value (Nd Nl No and the CJK numerals), or is '_'
//     (combining marks are not: Python splits "हिंदी" after its vowel
//     signs, and so does this);
//   - shingles are the runs of 4 consecutive tokens (one shingle of all
//     tokens when a text has fewer than 4; none when it has none);
//   - per page, over the multisets of shingles of the extracted body and
//     of the truth: TP = sum of min(counts), FP = the extracted surplus,
//     FN = the truth's surplus, each divided by TP + FP + FN;
//   - precision = TP / (TP + FP) averaged over the pages where TP + FP > 0,
//     recall = TP / (TP + FN) averaged over the pages where TP + FN > 0
//     (so a page with nothing extracted costs recall only, and a page
//     where both texts are empty counts for neither); F1 is the harmonic
//     mean of the two averages.
// extraction_metrics_test.cc checks hand-computed cases; scripts/
// eval_extraction.py computes the same with Python's own `re` as the
// oracle.
#ifndef NEWSLOOM_EVAL_EXTRACTION_METRICS_H_
#define NEWSLOOM_EVAL_EXTRACTION_METRICS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsloom {

// The `\w+` tokens of `text` (valid UTF-8; invalid bytes are separators).
std::vector<std::string_view> WordTokens(std::string_view text);

// One page: TP, FP, FN normalised by their sum (all 0 when both texts have
// no shingle).
struct ShingleMatch {
  double tp = 0, fp = 0, fn = 0;
};

ShingleMatch MatchShingles(std::string_view truth, std::string_view extracted,
                           size_t n = 4);

struct ExtractionScore {
  double precision = 0, recall = 0, f1 = 0;
  size_t pages = 0;
};

// Averages over pages as the file comment says.
ExtractionScore ScoreExtraction(const std::vector<ShingleMatch>& pages);

}  // namespace newsloom

#endif  // NEWSLOOM_EVAL_EXTRACTION_METRICS_H_
