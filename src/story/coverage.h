// How each outlet covered a story, side by side: what it published and
// when, what most outlets report and what only one does, numbers that
// disagree, and whose words each outlet carried.
//
//   Coverage c = CompareCoverage(articles, notes, {});
//
// Outlets are dedup/groups.h OutletOf (the source, else the site of the
// URL); an article with neither is listed under its input file name, so
// nothing is merged by guesswork, and that row is marked as not named
// (OutletCoverage::named: reports count "files without an outlet" apart
// from outlets; `ingest --source` names one). Facts are of two kinds, each counted once
// per outlet:
//  * entities: the canonical keys of engine/annotations.h, so "Rusland"
//    and "Russia" are one fact across languages;
//  * numbers: a figure with the word it counts ("$95bn ... package" ->
//    value 95e9, unit "packag"), the unit being the first content word
//    after the figure (text/analyzer.h stems); FigureValue reads it. A
//    range is one figure, labelled as written ("10-15 soldiers", "10–15",
//    "10 to 15", "between 10 and 15", "entre 10 y 15", "de 10 à 15"),
//    with value "10-15"; its ends must rise ("3-2" is a score, "5-4" a
//    vote: no figure), and years ("2010-2015"), ordinals ("12th to 15th")
//    and phone numbers ("614-645-4141", "389-4869") are no range.
// `shared` lists facts at least half the outlets (and at least two)
// report; `unique` those only one outlet reports, when there are at least
// two outlets; both by how often they are mentioned. `conflicts` lists
// units outlets give different figures for, when they seem to count one
// thing: each outlet that gives the unit gives one figure for it (an
// outlet that writes "310 tonnes of fuel" and "8,700 tonnes of methanol"
// counts two things in tonnes), and no figure is more than twice another
// (11,500 km planned against 3,100 km agreed first are two quantities; a
// death toll of 12 against 15 is one, reported differently). A range
// holds its ends and what lies between: figures that all hold one value
// do not conflict ("10-15 soldiers" and "12 soldiers" agree; "10-15" and
// "20" conflict, the range's nearer end counting for the twice rule).
// Each fact cites the first sentence that states it.
//
// Thread safety: a pure function.
#ifndef NEWSLOOM_STORY_COVERAGE_H_
#define NEWSLOOM_STORY_COVERAGE_H_

#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "base/article.h"
#include "base/time.h"
#include "engine/annotations.h"
#include "story/timeline.h"

namespace newsloom {

class Analyses;

struct CarriedQuote {
  std::string speaker;
  std::string text;
  std::string kind;
  Citation citation;
};

struct OutletCoverage {
  std::string outlet;
  // Whether `outlet` names an outlet (a source or a site); false: it is the
  // input file name of articles that named none.
  bool named = true;
  std::vector<std::string> articles;   // ids
  std::vector<std::string> languages;
  std::optional<UnixSeconds> first, last;  // publication times
  std::vector<CarriedQuote> quotes;
};

struct CoverageFact {
  std::string kind;   // "entity" or "number"
  std::string key;    // entity key, or "unit=value" ("unit=low-high" for a range)
  std::string label;  // display name, or the figure as written up to the word it counts
  std::vector<std::string> outlets;
  size_t mentions = 0;
  std::string counted;  // a number's counted word, as written ("tonnes")
  Citation citation;  // the first sentence stating it
  std::string sentence;
};

struct NumberConflict {
  std::string unit;  // the counted word as the first figure's sentence writes it
  std::string stem;  // its stem, which the figures share
  std::vector<CoverageFact> figures;  // one per distinct value
};

struct Coverage {
  std::vector<OutletCoverage> outlets;  // most articles first
  std::vector<CoverageFact> shared;
  std::vector<CoverageFact> unique;
  std::vector<NumberConflict> conflicts;
};

struct CoverageOptions {
  size_t max_facts = 12;      // per list and kind
  size_t max_quotes = 8;      // per outlet
  std::set<std::string> skip; // article ids left out (duplicates)
  // Analyses shared with the report's other parts (story/analyses.h);
  // null: the articles are analysed here.
  Analyses* analyses = nullptr;
};

Coverage CompareCoverage(std::span<const Article* const> articles,
                         std::span<const ArticleAnnotations> notes,
                         const CoverageOptions& options);

// The value of a figure token ("95bn"), times a multiplier in `next`
// ("million", "millones", "milliards", "Millionen"), or nullopt for a token
// that is no figure ("covid19"). The marks are read by the figure's shape
// where it tells ("2.000.000,50", "1,000.5", "12,345,678", "6,5", "3.14159")
// and by `lang` where it does not: one mark before exactly three digits
// groups thousands in the language's way ("11,500" in English, "11.500" in
// Danish, German, Spanish, French and the other languages that write a
// decimal comma; Latin-American Spanish, which writes "42,000", is read as
// Spain's). *used_next says whether `next` was the multiplier.
std::optional<double> FigureValue(std::string_view norm, std::string_view next,
                                  std::string_view lang, bool* used_next);

// The outlet an article is listed under (OutletOf, else its input's file
// name, without the line number of a JSONL input: "week.jsonl:12" is
// listed under "week.jsonl").
std::string CoverageOutlet(const Article& a);

// "4 outlets", or with rows listed by file name "2 outlets + 3 files
// without an outlet", or "no outlet given (5 files)".
std::string CountOutlets(const Coverage& coverage);

}  // namespace newsloom

#endif  // NEWSLOOM_STORY_COVERAGE_H_
