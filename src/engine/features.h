// From an analysed article to what the clusterer compares (ClusterInput):
//
//  * words: stems of the title's and body's content words (no stop words,
//    no numbers, at least two bytes);
//  * names: language-independent keys (engine/name_keys.h) of capitalised
//    words that are not stop words (in German, which capitalises every
//    noun, the first capitalised word after an article, text/stop_words.h
//    MarksNoun, is a key for the clusterer but no name span, no entity,
//    unless it is an acronym or a place). A capitalised word that opens a sentence
//    counts only when the article also capitalises it elsewhere, so "The"
//    or "Yesterday" at a sentence start is not a name. A trailing possessive
//    ('s, ’s) is dropped: "Russia's" and "Russia" are one name. Headlines
//    (often in title case) give no names; their words count as words.
//    An article without a body is its headline: names, numbers and time
//    mentions then come from the headline.
//    Each name longer than kNamePrefixBytes also gives its opening letters
//    as a key ("~bened"): spelling variants and inflected forms of a name
//    across languages (Benedict, Benedykt, Benedikta) share them. Two
//    capitalised words that name a country together ("Великої Британії",
//    "Regatul Unit", "Royaume-Uni" -> "@gb"; NameKeys::TerritoryPair) add
//    its key besides their own. In a script without case (Georgian, Thai,
//    Arabic, Chinese, ...) no word is capitalised: country and city names
//    are found as spelt (NameKeys::Place), and any other word that is not
//    a stop word counts as a name when its key, of at least
//    kMinCaselessNameBytes, is already a name in the clusterer's window
//    (OnlineClusterer::KnowsName): seen capitalised in another language's
//    article, or met by an earlier caseless one. "ლიზ ტრასი" (ka) gives
//    "lis" as "Liz Truss" does. These keys go to the clusterer only, not to
//    name_spans() (the entities);
//  * time mentions: weekday names ("Monday", "mandag" -> "wd:2") and
//    day-and-month dates ("Feb. 26", "26 February", "16. februar" ->
//    "md:02-26"), from the language's ICU calendar names. They tell two
//    happenings of one topic apart when publication dates are missing;
//  * headline dates: the day-and-month dates the headline names
//    (ClusterInput::title_dates), the day an article reports
//    (cluster/online_clusterer.h: the follow-up rule);
//  * numbers: every number token of the body as written ("6.1", "1,200",
//    "2013"; digits of every script as ASCII digits: "۹۶" -> "96"):
//    magnitudes, tolls, ages, years and street numbers tell
//    look-alike happenings apart;
//  * concepts: for an article not in English, the English concepts of its
//    title's and body's content words from the language's FreeDict
//    dictionary (text/concepts.h): what the clusterer compares with events
//    that have no words in the article's language;
//  * lede words: the title's content words and those of the body's first
//    kLedeSentences sentences (that kept a word, when outlet lines went);
//  * the dateline year: for an article without a publication time, the
//    year of the first full date (day, month and year) of the headline or
//    of the body's first kDatelineSentences sentences, the dateline pages
//    print ("March 4, 2009", "09 Sep 2013", "15th December 2008"), as a
//    time mention "yr:2009". Only the year: a dateline may be the page's
//    update or reprint date, too weak for the day-level time gap and event
//    window that a publication time drives, but look-alike happenings
//    years apart (two earthquakes, two rehab admissions) differ in it;
//  * fallback title, for articles without a headline: the first sentence of
//    the body (the first not of an outlet line, see below), shortened; else
//    the title as given;
//  * a headline that is only a dateline ("Thursday , December 11 , 2008",
//    "Last Updated : Monday , 28 November 2005 , 02 : 24 GMT", "APR 28",
//    "8 : 24am :"): pages put the dateline where the headline goes, and
//    the real headline then opens the body. Such a title names no
//    happening, and the date it names is the page's, not the one the
//    article reports: it (what is left of it once its outlet's parts are
//    cut, below) gives no title (ClusterInput::title is empty, so
//    an event is named by another member's headline or by the first
//    sentence), no title words and no headline dates; it still gives the
//    dateline year. IsDatelineOnly() says which titles these are;
//  * a headline's tail that names its outlet ("... shooting - WMC Action
//    News 5 - Memphis, Tennessee", "... - WRCBtv.com | Chattanooga News";
//    HeadlineWithoutSite) is cut from the title and gives nothing (no title
//    words, and no names or numbers of a headline-only article): the
//    site's name would make its unrelated articles alike and name events
//    after it. So is a head or tail the outlet put on headlines of
//    several stories before ("Fox 2 News Headlines" on myfoxdetroit.com;
//    WithoutOutletEdges, learned as outlet lines are, below);
//  * outlet lines: a line of the body that the article's outlet (source,
//    else site) printed in articles of several stories before ("Please
//    enable Javascript to watch this video", "Copyright 2016 WFAA";
//    cluster/outlet_lines.h) gives no word, name, number or time mention.
//    Every line that can be keyed goes to the clusterer
//    (ClusterInput::line_keys), which learns them.
//
// Thread safety: a FeatureExtractor owns an Analyzer; one per thread.
#ifndef NEWSLOOM_ENGINE_FEATURES_H_
#define NEWSLOOM_ENGINE_FEATURES_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "base/time.h"
#include "cluster/online_clusterer.h"
#include "engine/name_keys.h"
#include "text/analyzer.h"
#include "text/concepts.h"

namespace newsloom {

class FeatureExtractor {
 public:
  // Fills `out` for `article`. The string_views in `out` point into this
  // extractor's buffers: valid until the next call. With `clusterer` (the
  // one the article goes to), a word of a script without case is a name
  // when its key is one the clusterer knows (see names above), and the
  // lines the article's outlet prints around articles of several stories
  // (OnlineClusterer::IsOutletLine, cluster/outlet_lines.h) give no
  // feature at all (nor name_spans()). Of a text over
  // kMaxAnalyzedTextBytes (base/article.h), only that much is read.
  void Extract(const Article& article, ClusterInput* out,
               const OnlineClusterer* clusterer = nullptr);

  // The names the last Extract() found (whole-name keys, not prefix keys),
  // in text order, with byte spans into the article's text, or into its
  // title when names_in_title(); a span leaves out a possessive the key
  // dropped ("Russia's" -> "Russia"). Valid until the next call.
  struct NameSpan {
    uint32_t begin = 0, end = 0;
    std::string key;
  };
  const std::vector<NameSpan>& name_spans() const { return name_spans_; }
  bool names_in_title() const { return body_.tokens.empty(); }

  // Whether the tokens of a title, analysed in `lang`, are only a dateline:
  // every token a number, a month or weekday name (the language's or
  // English), or a dateline word ("updated", "at", "GMT", "kl", ...), with
  // a month and a day among them, or a time of day (a number and "am",
  // "GMT", ...; "24am"). "Sunday", "May", "1984" or "March 2024" alone
  // are not; nor is an empty title.
  bool IsDatelineOnly(std::span<const Token> title, std::string_view lang);

 private:
  Analyzer analyzer_;
  NameKeys name_keys_table_;
  ConceptDictionary concepts_;
  AnalyzedText body_, title_;
  void AddTimeMentions(const Article& a, ClusterInput* out);
  // Appends the time-mention keys of `tokens` ("wd:2", "md:02-26") to keys.
  void TimeKeys(std::span<const Token> tokens, std::string_view lang,
                std::vector<std::string>* keys);
  void AddDatelineYear(const Article& a, ClusterInput* out);
  std::optional<UnixSeconds> title_dateline_;  // Dateline() of the whole title
  // The first full date among the first kDatelineSentences sentences of
  // `text`, or nullopt.
  std::optional<UnixSeconds> Dateline(const AnalyzedText& text,
                                      std::string_view lang);
  // The text names, numbers and time mentions are read from: the body, or
  // the headline of an article that has no body (its only sentence).
  const AnalyzedText& Facts() const {
    return body_.tokens.empty() ? title_ : body_;
  }

  std::vector<std::string> name_keys_;
  std::vector<std::string_view> mid_sentence_;  // norms capitalised mid-sentence
  // The word keys of the names in name_keys_ that hold a city key instead
  // (by position): the name prefixes come from the word, as for any name.
  std::vector<std::pair<size_t, std::string>> city_words_;
  std::vector<NameSpan> name_spans_;
  std::vector<std::string> time_keys_;
  std::vector<std::string> title_time_keys_;
  std::string year_key_;
  // Whether what is left of the last title once its outlet's parts are
  // cut (title_'s tokens) is a dateline: then none of it is the headline.
  bool dateline_title_ = false;
  // `headline` less a head or tail (at a kTitleSeparators separator) that
  // its outlet printed on headlines of several stories (outlet lines in a
  // key space of their own: "WJTV News Channel 12 - ...", "... - CBS News 8
  // - San Diego, CA News Station"); appends the keys of its edges (of
  // kMinOutletKeyBytes to kMaxTitleEdgeBytes, at its first kMaxTitleEdges
  // separators) to `keys`.
  std::string_view WithoutOutletEdges(std::string_view headline,
                                      std::string_view outlet,
                                      const OnlineClusterer* clusterer,
                                      std::vector<uint64_t>* keys);
  std::string edge_outlet_;
  // Byte ranges of the text's lines that are its outlet's (Extract).
  std::vector<std::pair<size_t, size_t>> outlet_lines_;
};

// `title` up to the first separator (" - ", " | ", " – ", " — ", " :: ",
// " » ") whose tail opens with the name of one of `outlets` (source names,
// site hosts such as "wmcactionnews5.com"), else `title` itself. A tail
// opens with a name when its first runs of ASCII letters and digits,
// lowercased and joined, spell the outlet's key: the key of a host is its
// name below the public suffix ("ksla.com" -> "ksla", "bbc.co.uk" ->
// "bbc"), of a name its letters and digits ("KSLA News 12" ->
// "kslanews12"); keys shorter than kMinOutletKeyBytes name nothing. Whole
// runs at the start only: "- first time in decades" does not name
// time.com. A site named by a common word still cuts a tail that opens
// with that word ("- Express trains cancelled" on express.co.uk).
//   "2 killed in shooting - WMC Action News 5 - Memphis, Tennessee",
//   {"wmcactionnews5.com"} -> "2 killed in shooting"
std::string_view HeadlineWithoutSite(std::string_view title,
                                     std::span<const std::string_view> outlets);
inline constexpr size_t kMinOutletKeyBytes = 3;
// A headline's edges (WithoutOutletEdges) are keyed up to this many
// separators and bytes.
inline constexpr size_t kMaxTitleEdges = 8;
inline constexpr size_t kMaxTitleEdgeBytes = 200;

// Shortest key a word of a caseless script needs to count as a known name:
// the scripts' common short words key to two letters that are names
// elsewhere too (的 "de", の "no", და "da"), and few caseless languages
// have stop-word lists to leave them out.
inline constexpr size_t kMinCaselessNameBytes = 3;

// Body sentences that, with the title, make the lede.
inline constexpr size_t kLedeSentences = 2;

// Name prefix keys: kNamePrefixMark and the first kNamePrefixBytes letters
// of the name's Latin key ("~bened").
inline constexpr std::string_view kNamePrefixMark = "~";
inline constexpr size_t kNamePrefixBytes = 5;
// Time-mention keys of a dateline year start with this ("yr:2009").
inline constexpr std::string_view kYearPrefix = "yr:";
// Sentences of the headline and of the body searched for a dateline.
inline constexpr uint32_t kDatelineSentences = 3;
// Years a dateline may name; other four-digit numbers are not years.
inline constexpr int kMinDatelineYear = 1900;
inline constexpr int kMaxDatelineYear = 2099;
// Letters an ordinal day may carry ("15th", "1er").
inline constexpr size_t kMaxOrdinalSuffix = 2;

// Longest first sentence we use as a fallback title, in bytes.
inline constexpr size_t kMaxFallbackTitleBytes = 160;

// Whether `sentence` says what sites say to their reader: enable
// javascript, we use cookies, subscribe to, sign up for our newsletter,
// log in to, in the languages of the corpora ("Suscríbete...",
// "Abonnez-vous", "Para poder iniciar sesión..."), phrases matched from a
// word's start; not the words news use ("8 million subscribers", "the
// cookie law").
bool AsksOfTheReader(std::string_view sentence);

// Whether a sentence of an untitled article's body may name it: at least
// four words with a letter, and none of a page's furniture (code, a
// copyright or breadcrumb line, an interface phrase or photo credit of
// html/phrases.h, a site's request to enable javascript, accept cookies,
// subscribe or log in). The fallback title is the first such sentence of
// the first few.
bool FitForTitle(std::string_view sentence);

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_FEATURES_H_
