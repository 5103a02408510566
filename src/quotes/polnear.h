// PolNeAR attributions (Newell et al. 2018) and the score of a
// QuoteFinder on them (`newsloom eval-annotations --quotes DIR`).
//
// A PolNeAR folder holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann,
// brat stand-off: "T3<TAB>Content 115 290<TAB>…" (spans in Unicode code
// points, discontinuous spans as "315 448;463 553") and "E1<TAB>
// Attribution:T4 Content:T3 Cue:T2 Source:T1" lines tying Source, Cue and
// Content (and Content2, a second content) into one attribution;
// "Attribution-no-source" events have no Source. Spans are converted to
// byte offsets here, so everything downstream is in bytes.
//
// Annotators: some articles were annotated by several people. The scorer
// uses one annotator per article, chosen deterministically: the .ann file
// whose name sorts first. (Their union would count one attribution several
// times.)
//
// Direct quotations: a gold attribution is direct when its content is
// enclosed in quotation marks: the first fragment's first non-space
// character is an opening mark, or one is among the 2 characters before
// it (white space only between), and the last fragment's last character,
// after dropping final punctuation (. , ; : ! ? …) and spaces, is a closing
// mark, or one follows within 3 characters (spaces and that punctuation
// only between). An opening mark must have a non-space character right
// after it and a closing mark one right before it (so the closing mark of
// the previous sentence's quote does not open this one). Marks: " “ ” „
// « » ‘ ’ ‚ ‹ › 「 」 『 』 and two apostrophes '' (not one ASCII ').
//
// Scores, per gold attribution (direct ones and all):
//  * content recall: some produced quotation's content overlaps (at least
//    one byte) one of the attribution's content fragments;
//  * source accuracy, among the found ones that have a gold Source: one of
//    the overlapping quotations has a speaker or source span overlapping
//    the gold Source span;
//  * precision (all): the share of produced quotations whose content
//    overlaps some gold content of the article.
#ifndef NEWSLOOM_QUOTES_POLNEAR_H_
#define NEWSLOOM_QUOTES_POLNEAR_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "quotes/quotes.h"

namespace newsloom {

struct GoldAttribution {
  std::vector<ByteSpan> content;  // one or more fragments, in text order
  std::vector<ByteSpan> source;   // empty for Attribution-no-source
  std::vector<ByteSpan> cue;
  bool direct = false;            // the content is a direct quotation
};

struct PolnearDocument {
  std::string name;       // NAME of text/NAME.txt
  std::string annotator;  // ANNOTATOR of the .ann file used
  std::string text;
  std::vector<GoldAttribution> attributions;
};

// Parses brat stand-off `ann` for `text` into attributions with byte spans.
// Malformed lines and spans outside the text are skipped, and counted in
// *skipped when it is not null.
std::vector<GoldAttribution> ParseBratAttributions(std::string_view text,
                                                   std::string_view ann,
                                                   size_t* skipped = nullptr);

// The direct-quotation rule above, for content fragments (bytes) of `text`.
bool IsDirectContent(std::string_view text, const std::vector<ByteSpan>& content);

// Reads every article of the PolNeAR folder `dir` that has an annotation
// file, with its first annotator (by file name). NotFound when `dir` has no
// text/ or attributions/ folder, or no NAME_ANNOTATOR.ann file.
Result<std::vector<PolnearDocument>> ReadPolnear(const std::string& dir);

struct AttributionCounts {
  size_t gold = 0;         // gold attributions
  size_t found = 0;        // ... whose content a produced quote overlaps
  size_t with_source = 0;  // found ones with a gold Source
  size_t source_ok = 0;    // ... whose speaker or source overlaps it
  double ContentRecall() const { return gold ? double(found) / gold : 0; }
  double SourceAccuracy() const {
    return with_source ? double(source_ok) / with_source : 0;
  }
};

struct QuoteScores {
  AttributionCounts direct, all;
  size_t produced = 0;  // produced quotations
  size_t matching = 0;  // ... overlapping some gold content
  size_t documents = 0;
  double Precision() const { return produced ? double(matching) / produced : 0; }
};

// Adds the score of `produced` (quotations found in doc.text) to *scores.
void ScoreDocument(const PolnearDocument& doc,
                   const std::vector<Quotation>& produced, QuoteScores* scores);

}  // namespace newsloom

#endif  // NEWSLOOM_QUOTES_POLNEAR_H_
