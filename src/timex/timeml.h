// Reading labelled time-expression corpora and scoring the tagger on them
// as TempEval-3 does (`newsloom eval-annotations --timex`).
//
// Formats (../shared/data/README.md, "timex/"):
//   TimeML .tml files: <DCT><TIMEX3 value="1998-08-07" .../></DCT> gives
//     the document creation time (the anchor); the TIMEX3 tags inside
//     <TEXT> are the gold expressions (empty, non-consuming TIMEX3 tags are
//     skipped). Other tags are dropped; entities are decoded.
//   BIO TSV (MEANTIME, Spanish TimeBank): a line *!-DCTVALUE="YYYY-MM-DD"-!*
//     opens each document; then token<TAB>B-TYPE|I-TYPE|O<TAB>value, blank
//     lines between sentences. The text is rebuilt with one space between
//     tokens and a newline between sentences.
//
// Scores (TempEval-3): relaxed = gold and system spans overlap; strict =
// equal spans; each gold and each system expression is matched at most
// once, in text order. Value F1: precision = relaxed matches whose values
// are equal / system expressions; recall = the same / gold expressions.
#ifndef NEWSLOOM_TIMEX_TIMEML_H_
#define NEWSLOOM_TIMEX_TIMEML_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "timex/timex.h"

namespace newsloom {

struct GoldTimex {
  size_t start = 0;  // bytes into TimexDocument::text, [start, end)
  size_t end = 0;
  std::string type;  // "DATE", "TIME", "DURATION", "SET"
  std::string value;
};

struct TimexDocument {
  std::string id;      // file name, or "<file>#<n>" in a TSV
  std::string text;
  std::string dct;     // "1998-08-07" or "" when missing
  std::vector<GoldTimex> gold;
};

// One TimeML document. InvalidArgument (naming `id`) when there is no
// <TEXT> element or a TIMEX3 is not closed.
Result<TimexDocument> ParseTimeMl(std::string_view xml, std::string_view id);

// Every document of a BIO TSV. InvalidArgument naming `id` and the line for
// a line that is neither blank, a DCT line, nor three tab-separated fields.
Result<std::vector<TimexDocument>> ParseBioTsv(std::string_view tsv,
                                               std::string_view id);

// The documents of `path`: a folder of .tml files (sorted by name), a
// single .tml file, or a BIO TSV file. IoError when unreadable.
Result<std::vector<TimexDocument>> LoadTimexCorpus(const std::string& path);

// The language a corpus path implies: "es" for names containing "-es."
// or "-es-" or ending "-es" before the extension (meantime-es.tsv,
// timebank-es.train.tsv), else "en" (TimeBank, AQUAINT, meantime-en).
std::string TimexCorpusLanguage(std::string_view path);

struct TimexScores {
  size_t documents = 0;
  size_t gold = 0;
  size_t system = 0;
  size_t relaxed = 0;  // matched pairs
  size_t strict = 0;
  size_t value = 0;    // relaxed pairs with equal values
  double seconds = 0;  // time spent tagging (the lexicon built beforehand)

  static double F1(size_t hits, size_t sys, size_t gold);
  double RelaxedF1() const { return F1(relaxed, system, gold); }
  double StrictF1() const { return F1(strict, system, gold); }
  double ValueF1() const { return F1(value, system, gold); }
  void Add(const TimexScores& o);
};

// Tags every document in `lang` against its DCT and scores it. When
// `errors` is not null, writes one line per missed, spurious or wrongly
// valued expression there (for development).
TimexScores ScoreTimex(const std::vector<TimexDocument>& docs,
                       const TimexTagger& tagger, std::string_view lang,
                       std::FILE* errors = nullptr);

}  // namespace newsloom

#endif  // NEWSLOOM_TIMEX_TIMEML_H_
