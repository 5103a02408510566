#include "engine/features.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <span>

#include "base/ascii.h"
#include "base/utf8.h"
#include "cluster/outlet_lines.h"
#include "html/phrases.h"
#include "dedup/groups.h"
#include "text/normalize.h"
#include "text/stop_words.h"

namespace newsloom {
namespace {

// The day of month a token states, 1..31, or 0: "26", "16." (the period is
// not part of the token) and ordinals with a short letter suffix ("15th",
// "1st", "1er").
int DayOfMonth(const Token& t) {
  if (!t.is_number) return 0;
  const std::string_view s = t.norm;
  size_t digits = 0;
  int v = 0;
  while (digits < s.size() && digits <= 2 && s[digits] >= '0' &&
         s[digits] <= '9') {
    v = v * 10 + (s[digits++] - '0');
  }
  if (digits == 0 || digits > 2 || s.size() - digits > kMaxOrdinalSuffix) {
    return 0;
  }
  for (size_t i = digits; i < s.size(); ++i) {
    if (s[i] < 'a' || s[i] > 'z') return 0;
  }
  return v >= 1 && v <= 31 ? v : 0;
}

// Words a dateline holds besides dates and times, case-folded, sorted:
// "Last updated at 17:50 GMT", "Posted on", "Opdateret kl.", "mis à jour
// le", "actualizado el", weekday abbreviations and time zones.
constexpr std::string_view kDatelineWords[] = {
    "a.m", "aggiornato", "aktualisiert", "alle", "am", "at", "bst", "cdt",
    "cest", "cet", "cst", "de", "del", "edt", "el", "est", "et", "fri", "gmt",
    "h", "hrs", "ist", "jour", "kl", "las", "last", "le", "mis",
    "modified", "mon", "on", "opdateret", "ore", "p.m", "pdt", "pm", "posted", "pst", "pt",
    "pubblicato", "publicado", "published", "publié", "sat", "sun", "the",
    "thu", "thur", "thurs", "tue", "tues", "udgivet", "uhr", "um", "update",
    "updated", "utc", "wed", "à",
};
static_assert(std::is_sorted(std::begin(kDatelineWords), std::end(kDatelineWords)));
// Of those, the ones that anchor a dateline as a date does: the time of
// day and the zone.
constexpr std::string_view kTimeOfDayWords[] = {
    "a.m", "am", "bst", "cdt", "cest", "cet", "cst", "edt", "est", "gmt",
    "ist", "p.m", "pdt", "pm", "pst", "utc",
};
static_assert(std::is_sorted(std::begin(kTimeOfDayWords), std::end(kTimeOfDayWords)));

bool SortedHas(std::span<const std::string_view> sorted, std::string_view w) {
  return std::binary_search(sorted.begin(), sorted.end(), w);
}

// Whether `surface` is an acronym: two or more ASCII capitals ("CDU",
// "NATO", "AfD").
bool IsAcronym(std::string_view surface) {
  return std::count_if(surface.begin(), surface.end(),
                       [](char c) { return c >= 'A' && c <= 'Z'; }) >= 2;
}

// A number with a time-of-day suffix: "24am", "5pm", "11:30pm" as one token.
bool IsClockTime(const Token& t) {
  const std::string_view s = t.norm;
  return t.is_number && s.size() > 2 &&
         (s.ends_with("am") || s.ends_with("pm")) && s[s.size() - 3] >= '0' &&
         s[s.size() - 3] <= '9';
}

// The year a token states (kMinDatelineYear..kMaxDatelineYear), or 0.
int Year(const Token& t) {
  if (!t.is_number || t.norm.size() != 4) return 0;
  int v = 0;
  for (char c : t.norm) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= kMinDatelineYear && v <= kMaxDatelineYear ? v : 0;
}

// Whether `norm` opens with a letter of a script without case (Han, Thai,
// Arabic, Hangul, Devanagari, ...): no word of it is ever capitalised.
// Georgian counts: Unicode gives its letters capitals (Mtavruli), but text
// is written without them, names included.
bool IsCaseless(std::string_view norm) {
  if (norm.empty() || static_cast<unsigned char>(norm[0]) < 0x80) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(norm.data(), i, static_cast<int32_t>(norm.size()), c);
  if (c < 0 || !u_isalpha(c)) return false;
  if (!u_hasBinaryProperty(c, UCHAR_CASED)) return true;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_GEORGIAN;
}

// Chinese, Japanese and Korean write a date as number, month marker,
// number, day marker ("12月7日", "12월 7일"); the word breaker gives four
// tokens. The markers are the whole grammar.
bool IsCjkMonthMarker(std::string_view norm) {
  return norm == "\xE6\x9C\x88" || norm == "\xEC\x9B\x94";  // 月 월
}
bool IsCjkDayMarker(std::string_view norm) {
  return norm == "\xE6\x97\xA5" || norm == "\xE5\x8F\xB7" ||  // 日 号
         norm == "\xE8\x99\x9F" || norm == "\xEC\x9D\xBC";    // 號 일
}

// Rewrites the decimal digits of `norm` in any script ("۱۲", "١٢", "१२")
// as ASCII digits: numbers and dates then read the same in every language.
void AsciiDigits(std::string* norm) {
  if (IsAscii(*norm)) return;
  std::string out;
  out.reserve(norm->size());
  const int32_t n = static_cast<int32_t>(norm->size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(norm->data(), i, n, c);
    if (c >= 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      out += static_cast<char>('0' + u_charDigitValue(c));
    } else {
      out.append(*norm, start, i - start);
    }
  }
  *norm = std::move(out);
}

// The number 1..`max` a token states in plain digits, or 0.
int SmallNumber(const Token& t, int max) {
  if (!t.is_number || t.norm.empty() || t.norm.size() > 2) return 0;
  int v = 0;
  for (char c : t.norm) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1 && v <= max ? v : 0;
}

}  // namespace

void FeatureExtractor::AddTimeMentions(const Article& a, ClusterInput* out) {
  time_keys_.clear();
  TimeKeys(Facts().tokens, a.lang, &time_keys_);
  for (const std::string& k : time_keys_) out->times.push_back(k);
  // The headline's dates (when the body gave the mentions above; else
  // they are the headline's).
  const std::vector<std::string>* title_keys = &time_keys_;
  if (!body_.tokens.empty() || dateline_title_) {
    // The headline's own (the outlet's parts are gone from title_): none
    // for a dateline, whose date is the page's.
    title_time_keys_.clear();
    if (!dateline_title_) TimeKeys(title_.tokens, a.lang, &title_time_keys_);
    title_keys = &title_time_keys_;
  }
  for (const std::string& k : *title_keys) {
    if (k.starts_with(kDatePrefix)) out->title_dates.push_back(k);
  }
}

void FeatureExtractor::TimeKeys(std::span<const Token> tokens,
                                std::string_view lang,
                                std::vector<std::string>* keys) {
  char buf[16];
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.is_number) {
      // "12月7日": month, marker, day, marker.
      int month, day;
      if (i + 3 < tokens.size() && (month = SmallNumber(t, 12)) != 0 &&
          IsCjkMonthMarker(tokens[i + 1].norm) &&
          (day = SmallNumber(tokens[i + 2], 31)) != 0 &&
          IsCjkDayMarker(tokens[i + 3].norm)) {
        std::snprintf(buf, sizeof buf, "md:%02d-%02d", month, day);
        keys->push_back(buf);
        i += 3;
      }
      continue;
    }
    const std::string_view word = StripPossessive(t.norm);  // "Monday's"
    const NameKeys::CalendarWord cal = name_keys_table_.Calendar(word, lang);
    if (cal.weekday != 0) {
      std::snprintf(buf, sizeof buf, "wd:%d", cal.weekday);
      keys->push_back(buf);
      continue;
    }
    const int month = cal.month;
    if (month == 0) continue;
    // The day stands right after ("Feb. 26") or right before ("26 February").
    int day = i + 1 < tokens.size() ? DayOfMonth(tokens[i + 1]) : 0;
    if (day == 0 && i > 0) day = DayOfMonth(tokens[i - 1]);
    if (day == 0) continue;
    std::snprintf(buf, sizeof buf, "md:%02d-%02d", month, day);
    keys->push_back(buf);
  }
}

std::optional<UnixSeconds> FeatureExtractor::Dateline(const AnalyzedText& text,
                                                      std::string_view lang) {
  const std::vector<Token>& tokens = text.tokens;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.sentence >= kDatelineSentences) break;
    if (t.is_number) continue;
    const int month = name_keys_table_.Calendar(t.norm, lang).month;
    if (month == 0) continue;
    // "March 4, 2009", "December 15th, 2008" or "09 Sep 2013", "4. marts
    // 2009": the day beside the month, the year right after both.
    int day = 0, year = 0;
    if (i + 2 < tokens.size() && (day = DayOfMonth(tokens[i + 1])) != 0) {
      year = Year(tokens[i + 2]);
    } else if (i > 0 && i + 1 < tokens.size() &&
               (day = DayOfMonth(tokens[i - 1])) != 0) {
      year = Year(tokens[i + 1]);
    }
    if (year == 0 || !IsValidCivilDate(year, month, day)) continue;
    return DaysFromCivil(year, month, day) * kSecondsPerDay;
  }
  return std::nullopt;
}

void FeatureExtractor::AddDatelineYear(const Article& a, ClusterInput* out) {
  std::optional<UnixSeconds> date = title_dateline_;
  if (!date) date = Dateline(body_, a.lang);
  if (!date) return;
  year_key_.assign(kYearPrefix);
  year_key_.append(FormatIsoDate(*date), 0, 4);
  out->times.push_back(year_key_);
}

bool FeatureExtractor::IsDatelineOnly(std::span<const Token> title,
                                      std::string_view lang) {
  // Every token a number, a calendar word or a dateline word; and an
  // anchor: a month and a day ("26 de febrero", "APR 28"), or a time of
  // day (a number and "am", "GMT", ...; "24am"). A weekday, a month or a
  // year alone ("Sunday", "May", "1984") is no dateline.
  bool anchored = false;
  bool month = false, day = false, number = false;
  for (const Token& t : title) {
    if (t.is_number) {
      if (IsClockTime(t)) anchored = true;
      if (DayOfMonth(t) != 0) {
        day = true;
        anchored = anchored || month;
      }
      number = true;
      continue;
    }
    const std::string_view word = StripPossessive(t.norm);
    NameKeys::CalendarWord cal = name_keys_table_.Calendar(word, lang);
    if (cal.month == 0 && cal.weekday == 0 && lang != "en") {
      cal = name_keys_table_.Calendar(word, "en");
    }
    if (cal.month != 0) {
      month = true;
      anchored = anchored || day;
      continue;
    }
    if (cal.weekday != 0) continue;
    if (!SortedHas(kDatelineWords, word)) return false;
    anchored = anchored || (number && SortedHas(kTimeOfDayWords, word));
  }
  return anchored;
}

namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// ASCII letters (lowercased) and digits of `s`.
std::string AlnumKey(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAsciiAlnum(c)) out += AsciiLower(c);
  }
  return out;
}

// HeadlineWithoutSite's key of an outlet.
std::string OutletKey(std::string_view outlet) {
  const bool host = outlet.find(' ') == std::string_view::npos &&
                    outlet.find('.') != std::string_view::npos;
  if (!host) return AlnumKey(outlet);
  std::vector<std::string_view> labels;
  for (size_t at = 0; at <= outlet.size();) {
    size_t dot = outlet.find('.', at);
    if (dot == std::string_view::npos) dot = outlet.size();
    labels.push_back(outlet.substr(at, dot - at));
    at = dot + 1;
  }
  labels.pop_back();  // the top-level domain
  static constexpr std::string_view kSecondLevel[] = {"ac", "co", "com", "edu", "gov", "net", "org"};
  if (labels.size() > 1 && std::find(std::begin(kSecondLevel), std::end(kSecondLevel),
                                     labels.back()) != std::end(kSecondLevel)) {
    labels.pop_back();  // "bbc.co.uk"
  }
  return AlnumKey(labels.back());
}

}  // namespace

// What parts of a title a site adds: " - Site", " | Section".
constexpr std::string_view kTitleSeparators[] = {
    " - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB "};

std::string_view HeadlineWithoutSite(std::string_view title,
                                     std::span<const std::string_view> outlets) {
  std::vector<std::string> keys;
  for (std::string_view o : outlets) {
    std::string k = OutletKey(o);
    if (k.size() >= kMinOutletKeyBytes) keys.push_back(std::move(k));
  }
  if (keys.empty()) return title;
  // Whether `tail` opens with the words of a key: its first ASCII
  // letter-and-digit runs, joined, spell it ("WMC Action News 5 - ...",
  // "WRCBtv.com | ...", "The Guardian"). Whole runs only, and only at the
  // start: "- first time in decades" does not name time.com, nor "- Kobe
  // scores 40" kob.com.
  auto opens_with_key = [&keys](std::string_view tail) {
    std::string joined;
    size_t i = 0;
    while (i < tail.size()) {
      while (i < tail.size() && !IsAsciiAlnum(tail[i])) ++i;
      if (i == tail.size()) break;
      while (i < tail.size() && IsAsciiAlnum(tail[i])) joined += AsciiLower(tail[i++]);
      for (const std::string& k : keys) {
        if (joined == k) return true;
      }
      const bool longer = std::all_of(keys.begin(), keys.end(), [&](const std::string& k) {
        return joined.size() >= k.size() || k.compare(0, joined.size(), joined) != 0;
      });
      if (longer) return false;  // no key goes on from here
    }
    return false;
  };
  size_t cut = std::string_view::npos;
  for (std::string_view sep : kTitleSeparators) {
    for (size_t at = title.find(sep); at != std::string_view::npos && at < cut;
         at = title.find(sep, at + 1)) {
      if (TrimAscii(title.substr(0, at)).empty()) continue;
      if (opens_with_key(title.substr(at + sep.size()))) {
        cut = at;
        break;
      }
    }
  }
  return cut == std::string_view::npos ? title : title.substr(0, cut);
}

std::string_view FeatureExtractor::WithoutOutletEdges(
    std::string_view headline, std::string_view outlet,
    const OnlineClusterer* clusterer, std::vector<uint64_t>* keys) {
  edge_outlet_.assign(outlet);
  edge_outlet_ += "\ntitle";  // a key space apart from the body's lines
  size_t begin = 0, end = headline.size(), edges = 0;
  for (std::string_view sep : kTitleSeparators) {
    for (size_t at = headline.find(sep); at != std::string_view::npos && edges < kMaxTitleEdges;
         at = headline.find(sep, at + 1), ++edges) {
      const std::string_view head = TrimAscii(headline.substr(0, at));
      const std::string_view tail = TrimAscii(headline.substr(at + sep.size()));
      for (const bool is_tail : {false, true}) {
        const std::string_view edge = is_tail ? tail : head;
        if (edge.size() < kMinOutletKeyBytes || edge.size() > kMaxTitleEdgeBytes) continue;
        const uint64_t key = OutletLineKey(edge_outlet_, edge);
        keys->push_back(key);
        if (clusterer == nullptr || !clusterer->IsOutletLine(key)) continue;
        if (is_tail) {
          end = std::min(end, at);
        } else {
          begin = std::max(begin, at + sep.size());
        }
      }
    }
  }
  if (begin >= end) return headline;  // the edges would leave nothing
  const std::string_view kept = TrimAscii(headline.substr(begin, end - begin));
  return kept.empty() ? headline : kept;
}

void FeatureExtractor::Extract(const Article& a, ClusterInput* out,
                               const OnlineClusterer* clusterer) {
  const OnlineClusterer* known_names = clusterer;
  // Of a long text, the first kMaxAnalyzedTextBytes (base/article.h): a
  // 15 MB text cost 3.6 s and 450 MB here, and its first MiB says what it
  // is about as well as the whole.
  const std::string_view body =
      std::string_view(a.text).substr(0, TextPrefixLength(a.text, kMaxAnalyzedTextBytes));
  analyzer_.Analyze(a.title, a.lang, &title_);
  analyzer_.Analyze(body, a.lang, &body_);
  for (AnalyzedText* text : {&title_, &body_}) {
    for (Token& t : text->tokens) {
      if (t.is_number) AsciiDigits(&t.norm);
    }
  }
  out->Clear();
  out->time = a.published;
  out->time_offset = a.published_offset;
  // The headline: the title less a tail naming the outlet, whose tokens go
  // (they give nothing, not even a headline-only article's facts); and
  // none when what is left is a dateline, whose tokens stay for the
  // dateline year.
  const std::string site = SiteOfUrl(a.url);
  const std::string_view outlet = !a.source.empty() ? std::string_view(a.source)
                                                    : std::string_view(site);
  const std::string_view outlets[] = {a.source, site};
  std::string_view headline = HeadlineWithoutSite(a.title, outlets);
  if (!outlet.empty()) {
    headline = WithoutOutletEdges(headline, outlet, clusterer, &out->line_keys);
  }
  // The whole title's dateline, before its outlet's parts go (an undated
  // article's dateline year may be in them: "... - Updated Dec 11, 2008").
  title_dateline_.reset();
  if (!a.published) title_dateline_ = Dateline(title_, a.lang);
  // `headline` is a part of the title: its tokens stay, the others go.
  const size_t head_begin = headline.empty() ? 0 : headline.data() - a.title.data();
  const size_t head_end = head_begin + headline.size();
  if (headline.size() < a.title.size()) {
    std::erase_if(title_.tokens, [&](const Token& t) {
      return t.begin < head_begin || t.end > head_end;
    });
  }
  dateline_title_ = IsDatelineOnly(title_.tokens, a.lang);
  if (dateline_title_) headline = {};
  out->title = headline;
  // The body's lines: their keys for the clusterer, and its outlet's lines
  // out of every feature (their tokens go).
  outlet_lines_.clear();
  if (!outlet.empty()) {
    const std::string_view text = body;
    for (size_t at = 0; at < text.size();) {
      size_t nl = text.find('\n', at);
      if (nl == std::string_view::npos) nl = text.size();
      const std::string_view line = TrimAscii(text.substr(at, nl - at));
      if (line.size() >= kMinOutletLineBytes && line.size() <= kMaxOutletLineBytes) {
        const uint64_t key = OutletLineKey(outlet, line);
        out->line_keys.push_back(key);
        if (clusterer != nullptr && clusterer->IsOutletLine(key)) {
          outlet_lines_.emplace_back(at, nl);
        }
      }
      at = nl + 1;
    }
    std::sort(out->line_keys.begin(), out->line_keys.end());
    out->line_keys.erase(std::unique(out->line_keys.begin(), out->line_keys.end()),
                         out->line_keys.end());
  }
  if (!outlet_lines_.empty()) {
    // Lines and tokens are both in text order: one pass keeps the tokens
    // that start outside every outlet line.
    auto line = outlet_lines_.begin();
    size_t kept = 0;
    for (size_t i = 0; i < body_.tokens.size(); ++i) {
      const uint32_t begin = body_.tokens[i].begin;
      while (line != outlet_lines_.end() && line->second <= begin) ++line;
      const bool in_line = line != outlet_lines_.end() && line->first <= begin;
      if (in_line) continue;
      if (kept != i) body_.tokens[kept] = std::move(body_.tokens[i]);
      ++kept;
    }
    body_.tokens.resize(kept);
  }
  out->lang = a.lang;
  // English words are their own concepts (ClusterInput::concepts).
  const bool concepts = a.lang != kConceptLanguage;
  auto add_concepts = [&](const Token& t) {
    if (!concepts) return;
    for (const std::string& c : concepts_.Concepts(t.term, a.lang)) {
      out->concepts.push_back(c);
    }
  };
  for (const Token& t : title_.tokens) {
    if (dateline_title_ || !IsContentWord(t)) continue;
    out->title_words.push_back(t.term);
    out->lede_words.push_back(t.term);
    add_concepts(t);
  }
  for (const Token& t : Facts().tokens) {
    if (t.is_number) out->numbers.push_back(t.norm);
  }
  // The lede's sentences: the first kLedeSentences that have a token (so
  // that neither chrome above the article, once its outlet lines have
  // gone, nor a line of punctuation pushes it out of its own lede).
  uint32_t lede_end = 0;
  size_t lede_sentences = 0;
  for (const Token& t : body_.tokens) {  // in sentence order
    if (lede_sentences > 0 && t.sentence + 1 == lede_end) continue;
    if (lede_sentences == kLedeSentences) break;
    ++lede_sentences;
    lede_end = t.sentence + 1;
  }
  for (const Token& t : body_.tokens) {
    if (!IsContentWord(t)) continue;
    out->words.push_back(t.term);
    if (t.sentence < lede_end) out->lede_words.push_back(t.term);
    add_concepts(t);
  }

  // Names: capitalised mid-sentence, or sentence-initial and capitalised
  // mid-sentence somewhere else in the article.
  // (A sorted vector, reused: a node-based set cost a malloc a name.)
  mid_sentence_.clear();
  for (const Token& t : Facts().tokens) {
    if (t.is_capitalized && !t.sentence_initial) mid_sentence_.push_back(t.norm);
  }
  std::sort(mid_sentence_.begin(), mid_sentence_.end());
  name_keys_.clear();
  name_spans_.clear();
  city_words_.clear();
  const std::vector<Token>& facts = Facts().tokens;
  const std::string_view facts_text = names_in_title() ? a.title : body;
  size_t city_pair_last = 0;  // the second word of the last city pair
  ArticleNouns nouns(a.lang);
  // Words of a caseless script are looked up as known names only in an
  // article written in one: a Chinese name quoted in an English article
  // is not worth transliterating (building ICU's Han-Latin rules alone
  // costs a fifth of a second). Decided at the first such word, so an
  // article without any pays nothing.
  enum class Known { kUndecided, kYes, kNo };
  Known known = known_names != nullptr ? Known::kUndecided : Known::kNo;
  auto written_in_caseless_script = [&facts] {
    size_t caseless = 0, cased = 0;
    for (const Token& t : facts) {
      if (t.is_number) continue;
      if (IsCaseless(t.norm)) {
        ++caseless;
      } else {
        ++cased;
      }
    }
    return caseless > cased;
  };
  for (size_t i = 0; i < facts.size(); ++i) {
    const Token& t = facts[i];
    if (!t.is_number && IsCaseless(t.norm)) {
      // A caseless script: country names, as spelt, are the names we can
      // tell; one may be broken into two words ("哈萨克" "斯坦"). Georgian
      // capitals (Mtavruli, in headlines) mark no names either.
      std::string_view key = name_keys_table_.Place(t.norm, a.lang);
      uint32_t end = t.end;
      if (key.empty() && i + 1 < facts.size() && facts[i + 1].begin == t.end) {
        std::string pair = t.norm + facts[i + 1].norm;
        key = name_keys_table_.Place(pair, a.lang);
        if (!key.empty()) end = facts[++i].end;
      }
      if (!key.empty()) {
        name_keys_.emplace_back(key);
        name_spans_.push_back({t.begin, end, std::string(key)});
      } else if (known != Known::kNo && !t.is_stop) {
        if (known == Known::kUndecided) {
          known = written_in_caseless_script() ? Known::kYes : Known::kNo;
          if (known == Known::kNo) continue;
        }
        // Any other word may be a name nothing marks as one: it counts as
        // one when its key is a name the window already knows (see
        // features.h: "ლიზ" (ka) -> "lis", as "Liz").
        const NameKeys::Keyed& keyed = name_keys_table_.KeyAndCity(t.norm, a.lang);
        if (keyed.key.size() >= kMinCaselessNameBytes &&
            known_names->KnowsName(keyed.key)) {
          name_keys_.push_back(keyed.city.empty() ? keyed.key : keyed.city);
        }
      }
      continue;
    }
    // German: a noun after its article (text/stop_words.h ArticleNouns),
    // unless an acronym ("CDU", "AfD") or the first of several capitalised
    // words ("die Deutsche Bank"); places are let through below.
    const bool noun =
        nouns.AfterArticle(t.norm, t.is_capitalized, t.sentence) &&
        !(i + 1 < facts.size() && facts[i + 1].is_capitalized &&
          facts[i + 1].sentence == t.sentence && facts[i + 1].begin <= t.end + 1) &&
        !IsAcronym(facts_text.substr(t.begin, t.end - t.begin));
    if (!t.is_capitalized || t.is_stop || t.is_number) continue;
    // Two words naming a country ("Великої Британії", "Regatul Unit",
    // "Royaume-Uni"): their territory key too, besides the words' own (a
    // key for the clusterer only: the name spans, and so the entities,
    // stay the words').
    if (i + 1 < facts.size() && facts[i + 1].is_capitalized &&
        facts[i + 1].sentence == t.sentence && facts[i + 1].begin <= t.end + 1) {
      const std::string_view pair =
          name_keys_table_.TerritoryPair(t.norm, facts[i + 1].norm, a.lang,
                                         t.term, facts[i + 1].term);
      if (!pair.empty()) name_keys_.emplace_back(pair);
      // A city's two words ("New York", "Нью-Йорк") count once, as the
      // city, instead of as two names.
      if (!pair.empty() && !IsTerritoryKey(pair)) city_pair_last = i + 1;
    }
    if (t.sentence_initial &&
        !std::binary_search(mid_sentence_.begin(), mid_sentence_.end(),
                            std::string_view(t.norm))) {
      continue;
    }
    const NameKeys::Keyed& keyed =
        name_keys_table_.KeyAndCity(StripPossessive(t.norm), a.lang);
    if (keyed.key.size() >= kMinContentWordBytes) {
      // The span, like the key, leaves the possessive out ("Russia's"). A
      // German noun is no entity; the clusterer still takes its key (its
      // words are content all the same: without them itn-dev scored
      // 0.7378 instead of 0.7382).
      const std::string_view surface =
          StripPossessive(facts_text.substr(t.begin, t.end - t.begin));
      if (!noun || IsTerritoryKey(keyed.key) || !keyed.city.empty()) {
        name_spans_.push_back(
            {t.begin, t.begin + static_cast<uint32_t>(surface.size()), keyed.key});
      }
      // A city's name: its city key for the clusterer, the word's for the
      // entities (NameKeys::KeyAndCity).
      if (i <= city_pair_last && city_pair_last != 0) continue;
      if (!keyed.city.empty()) city_words_.emplace_back(name_keys_.size(), keyed.key);
      name_keys_.push_back(keyed.city.empty() ? keyed.key : keyed.city);
    }
  }
  // Variants and inflections of one name across languages share their
  // opening letters (Benedict, Benedykt, Benedikta; Moskva, Moskvy).
  const size_t whole_names = name_keys_.size();
  auto city_word = city_words_.begin();
  for (size_t i = 0; i < whole_names; ++i) {
    std::string_view k = name_keys_[i];
    if (city_word != city_words_.end() && city_word->first == i) {
      k = (city_word++)->second;
    }
    if (k.size() <= kNamePrefixBytes || k.front() == '@') continue;
    const std::string_view prefix(k.data(), kNamePrefixBytes);
    if (!IsAscii(prefix)) continue;
    std::string key(kNamePrefixMark);
    key.append(prefix);
    name_keys_.push_back(std::move(key));
  }
  for (const std::string& k : name_keys_) out->names.push_back(k);

  AddTimeMentions(a, out);
  if (!out->time) AddDatelineYear(a, out);

  // The fallback title: the body's first sentence, or with outlet lines
  // the first that has a word of the article's own; of the first
  // kTitleSentences such, the first that reads as a headline or a lede
  // (FitForTitle: a scraped page opens with "Please enable javascript",
  // "España | elmundo.es", a date); else the title as given (a dateline
  // is better than nothing).
  const Sentence* first = nullptr;
  if (outlet_lines_.empty()) {
    if (!body_.sentences.empty()) first = &body_.sentences.front();
  } else if (!body_.tokens.empty()) {
    first = &body_.sentences[body_.tokens.front().sentence];
  }
  // (Only an article without a headline of its own is named by it: the
  // others keep the first sentence, and the search costs them nothing.)
  if (first != nullptr && out->title.empty()) {
    constexpr int kTitleSentences = 12;
    int looked = 0;
    uint32_t last_sentence = UINT32_MAX;
    for (const Token& t : body_.tokens) {
      if (t.sentence == last_sentence) continue;
      last_sentence = t.sentence;
      const Sentence& s = body_.sentences[t.sentence];
      if (FitForTitle(TrimAscii(body.substr(s.begin, s.end - s.begin)))) {
        first = &s;
        break;
      }
      if (++looked == kTitleSentences) break;
    }
  }
  if (first != nullptr) {
    out->fallback_title = Abbreviate(
        TrimAscii(body.substr(first->begin, first->end - first->begin)),
        kMaxFallbackTitleBytes);
  }
  if (out->fallback_title.empty()) {
    out->fallback_title = Abbreviate(TrimAscii(a.title), kMaxFallbackTitleBytes);
  }
}

namespace {

// `s` lower-cased (ASCII) with its spaces collapsed, as HasWordStarting
// reads it.
std::string LowerWords(std::string_view s) { return AsciiLowerCopy(CollapseSpaces(s)); }

// Whether a word of `lower` (LowerWords) starts with one of `stems` ("sus
// críticas" has no word starting "suscr").
bool HasWordStarting(std::string_view lower, std::span<const std::string_view> stems) {
  for (std::string_view stem : stems) {
    for (size_t at = lower.find(stem); at != std::string::npos; at = lower.find(stem, at + 1)) {
      const unsigned char before = at == 0 ? ' ' : static_cast<unsigned char>(lower[at - 1]);
      if (!(before >= 'a' && before <= 'z') && before < 0x80) return true;
    }
  }
  return false;
}

// AsksOfTheReader of a sentence given as LowerWords.
bool AsksOfLower(std::string_view lower) {
  // What sites say to their reader, not words news use ("8 million
  // subscribers", "abonnés", "a login outage", "the cookie law").
  static constexpr std::string_view kAsks[] = {
      "enable javascript", "javascript is disabled", "javascript enabled",
      "habilita javascript", "activez javascript", "attiva javascript",
      "we use cookies", "this site uses cookies", "use of cookies", "accept cookies",
      "utilizamos cookies", "usamos cookies", "uso de cookies", "aceptar cookies",
      "utilisons des cookies", "utilise des cookies", "accepter les cookies",
      "utilizziamo i cookie", "usiamo i cookie", "cookie policy", "política de cookies",
      "subscribe to", "subscribe now", "subscribe for", "suscríbete", "suscribite",
      "suscribirse", "abonnez-vous", "abbonati", "sign up for our", "our newsletter",
      "iniciar sesión", "inicia sesión", "log in to", "sign in to", "connectez-vous",
      "accedi per"};
  return HasWordStarting(lower, kAsks);
}

}  // namespace

bool AsksOfTheReader(std::string_view s) { return AsksOfLower(LowerWords(s)); }

bool FitForTitle(std::string_view s) {
  // At least four words with a letter ("Stay in Tune", "Miércoles
  // 16/02/2011." and a site's name are not).
  int words = 0;
  bool letter = false;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || IsAsciiSpace(s[i])) {
      words += letter;
      letter = false;
    } else if (const unsigned char c = static_cast<unsigned char>(s[i]);
               ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC0) {
      letter = true;
    }
  }
  if (words < 4) return false;
  // Code, a copyright line, a breadcrumb ("Noticias | Mundo | elmundo.es").
  if (s.find_first_of("{}") != std::string_view::npos ||
      s.find("\u00A9") != std::string_view::npos || s.find(" | ") != std::string_view::npos) {
    return false;
  }
  if (IsUiPhrase(s) || IsReadingTime(s) || IsPhotoCredit(s) || EndsWithPhotoCredit(s)) {
    return false;
  }
  // Nor a site's request, nor its notices of rights, privacy and browser.
  static constexpr std::string_view kNotices[] = {
      "copyright", "navegador", "privacy", "privacidad", "notificaci", "cookie",
      "javascript", "newsletter", "subscri", "suscri", "abonne", "login"};
  const std::string lower = LowerWords(s);
  return !AsksOfLower(lower) && !HasWordStarting(lower, kNotices);
}

}  // namespace newsloom
