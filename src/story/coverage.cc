#include "story/coverage.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "base/ascii.h"
#include "base/utf8.h"
#include "dedup/groups.h"
#include "story/analyses.h"
#include "text/analyzer.h"

namespace newsloom {
namespace {

// Languages that write a decimal comma and group thousands with a point
// ("8.700 ton", "6,5 milliards"); the others (English among them) the
// reverse.
bool DecimalComma(std::string_view lang) {
  static constexpr std::string_view kComma[] = {
      "da", "de", "es", "fr", "it", "nl", "pt", "sv", "no", "nb", "nn", "fi", "pl",
      "ru", "uk", "cs", "sk", "hu", "ro", "tr", "el", "ca", "hr", "sl", "sr", "bg",
      "lt", "lv", "et", "is", "id", "vi", "gl", "eu", "sq", "mk", "be", "af"};
  return std::find(std::begin(kComma), std::end(kComma), lang) != std::end(kComma);
}

// A word that multiplies the figure before it, in the languages the
// engine reads most ("95bn", "42.000 millones", "6,5 milliards").
double Multiplier(std::string_view w) {
  static constexpr std::pair<std::string_view, double> kWords[] = {
      {"bn", 1e9}, {"billion", 1e9}, {"billions", 1e9}, {"b", 1e9},
      {"m", 1e6}, {"mn", 1e6}, {"million", 1e6}, {"millions", 1e6},
      {"k", 1e3}, {"thousand", 1e3},
      // es, pt, it, fr, de, da/no/sv
      {"millones", 1e6}, {"millón", 1e6}, {"milhões", 1e6}, {"milhão", 1e6},
      {"milioni", 1e6}, {"milione", 1e6}, {"miliardi", 1e9}, {"miliardo", 1e9},
      {"milliard", 1e9}, {"milliards", 1e9}, {"millionen", 1e6}, {"mio.", 1e6},
      {"milliarde", 1e9}, {"milliarden", 1e9}, {"mrd", 1e9}, {"mia.", 1e9},
      {"millioner", 1e6}, {"milliarder", 1e9}, {"miljoner", 1e6}, {"miljarder", 1e9},
      {"miljoen", 1e6}, {"miljard", 1e9}, {"tusind", 1e3}, {"tausend", 1e3}};
  for (const auto& [word, m] : kWords) {
    if (w == word) return m;
  }
  return 0;
}

// A word between the two ends of a range ("10 to 15", "de 10 à 15", "da 10
// a 15", "10 bis 15", "10 til 15", "10 tot 15").
bool RangeWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"to", "a", "à", "bis", "til", "till", "tot"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// The words of "between 10 and 15" ("entre 10 y 15", "entre 10 et 15",
// "tra 10 e 15", "zwischen 10 und 15", "tussen 10 en 15", "mellem 10 og 15").
bool BetweenWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"between", "entre", "tra", "fra",
                                                "zwischen", "tussen", "mellem", "mellan"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool AndWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"and", "y", "e", "et", "und", "en", "og", "och"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

}  // namespace

std::optional<double> FigureValue(std::string_view norm, std::string_view next,
                                  std::string_view lang, bool* used_next) {
  *used_next = false;
  // The figure's characters: digits, marks between them ('.', ',', and
  // the Swiss "'" that only groups).
  size_t i = 0;
  size_t dots = 0, commas = 0, last_mark = std::string_view::npos;
  auto digit = [&](size_t k) { return k < norm.size() && norm[k] >= '0' && norm[k] <= '9'; };
  for (; i < norm.size(); ++i) {
    const char c = norm[i];
    if (digit(i) || c == '\'') continue;
    if ((c == '.' || c == ',') && digit(i + 1)) {
      (c == '.' ? dots : commas) += 1;
      last_mark = i;
      continue;
    }
    break;
  }
  const std::string_view figure = norm.substr(0, i);
  // Which mark is the decimal one, by the figure's shape first: with both,
  // the last; one used twice groups ("1.000.000"); one used once before
  // other than three digits is decimal ("6,5", "3.14159"); once before
  // exactly three ("11,500", "8.700") the language decides.
  char decimal = 0;
  if (dots > 0 && commas > 0) {
    decimal = figure[last_mark];
  } else if (dots + commas == 1) {
    const char mark = figure[last_mark];
    const size_t after = figure.size() - last_mark - 1;
    const bool group_shape = after == 3 && last_mark > 0;
    const char group = DecimalComma(lang) ? '.' : ',';
    decimal = group_shape && mark == group ? 0 : mark;
  }
  std::string digits;
  for (size_t k = 0; k < figure.size(); ++k) {
    const char c = figure[k];
    if (digit(k)) {
      digits += c;
    } else if (c == decimal && k == last_mark) {
      digits += '.';
    }
  }
  if (digits.empty()) return std::nullopt;
  double v = std::strtod(digits.c_str(), nullptr);
  const std::string_view suffix = norm.substr(i);
  if (double m = Multiplier(suffix); m > 0) {
    v *= m;
  } else if (!suffix.empty()) {
    if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
      return std::nullopt;  // "covid19", "f16": names, not figures
    }
  } else if (double m2 = Multiplier(next); m2 > 0) {
    v *= m2;
    *used_next = true;
  }
  return v;
}

namespace {

std::string FormatValue(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// "12" or, for a range, "10-15".
std::string FormatRange(double low, const std::optional<double>& high) {
  return high ? FormatValue(low) + "-" + FormatValue(*high) : FormatValue(low);
}

// The bytes of a currency sign that ends just before `at`, or 0.
uint32_t CurrencySignBefore(std::string_view text, uint32_t at) {
  static constexpr std::string_view kSigns[] = {"$", "£", "€", "¥", "₹", "₽", "₴", "₩"};
  const std::string_view before = text.substr(0, at);
  for (const std::string_view sign : kSigns) {
    if (before.ends_with(sign)) return static_cast<uint32_t>(sign.size());
  }
  return 0;
}

// Whether `s` holds only letters, white space, hyphens and apostrophes
// (' and U+2019): words between a figure and what it counts ("for",
// "d'"), not punctuation ("(", ")", "—", "»").
bool OnlyWordsAndSpaces(std::string_view s) {
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
    if (!(u_isalpha(c) || u_isUWhiteSpace(c) || c == '-' || c == '\'' || c == 0x2019)) {
      return false;
    }
  }
  return true;
}

struct FactTally {
  CoverageFact fact;
  std::set<std::string> outlets;
};

}  // namespace

namespace {

// The input file of an article: its `input` less a JSONL line number
// ("week.jsonl:12" -> "week.jsonl"), so the lines of one file without a
// source are one row, not one each.
std::string_view InputFileOf(const Article& a) {
  std::string_view input = a.input;
  const size_t colon = input.rfind(':');
  if (colon != std::string_view::npos && colon + 1 < input.size() &&
      input.find_first_not_of("0123456789", colon + 1) == std::string_view::npos) {
    input = input.substr(0, colon);
  }
  return input;
}

}  // namespace

std::string CoverageOutlet(const Article& a) {
  std::string outlet = OutletOf(a);
  if (!outlet.empty()) return outlet;
  return std::filesystem::path(InputFileOf(a)).filename().string();
}

std::string CountOutlets(const Coverage& coverage) {
  size_t named = 0;
  for (const OutletCoverage& o : coverage.outlets) named += o.named;
  const size_t files = coverage.outlets.size() - named;
  if (files == 0) return Counted(named, "outlet", "outlets");
  if (named == 0) return "no outlet given (" + Counted(files, "file", "files") + ")";
  return Counted(named, "outlet", "outlets") + " + " + Counted(files, "file", "files") +
         " without an outlet";
}

Coverage CompareCoverage(std::span<const Article* const> articles,
                         std::span<const ArticleAnnotations> notes,
                         const CoverageOptions& o) {
  Coverage out;
  std::map<std::string, size_t> outlet_index;
  std::map<std::string, FactTally> facts;  // by kind + key
  Analyses own(/*keep=*/false);
  Analyses& analyses = o.analyses != nullptr ? *o.analyses : own;
  for (size_t i = 0; i < articles.size() && i < notes.size(); ++i) {
    const Article& a = *articles[i];
    if (o.skip.count(a.id)) continue;
    const std::string name = CoverageOutlet(a);
    // A row per outlet, or per input file (by its whole path: a/1.txt and
    // b/1.txt are two rows of one name) for articles that name none.
    const bool named = !OutletOf(a).empty();
    const std::string row_key = named ? name : "\x01" + std::string(InputFileOf(a));
    auto [it, added] = outlet_index.emplace(row_key, out.outlets.size());
    if (added) out.outlets.push_back({name, named, {}, {}, std::nullopt, std::nullopt, {}});
    OutletCoverage& oc = out.outlets[it->second];
    oc.articles.push_back(a.id);
    if (std::find(oc.languages.begin(), oc.languages.end(), a.lang) == oc.languages.end())
      oc.languages.push_back(a.lang);
    if (const std::optional<UnixSeconds> t = PublishedLocal(a)) {  // the outlet's days
      if (!oc.first || *t < *oc.first) oc.first = t;
      if (!oc.last || *t > *oc.last) oc.last = t;
    }
    for (const QuoteAnnotation& q : notes[i].quotes) {
      if (oc.quotes.size() >= o.max_quotes) break;
      if (q.kind != "direct") continue;
      oc.quotes.push_back({q.speaker, q.text, q.kind,
                           Citation{a.id, name, q.start, q.end}});
    }
    const AnalyzedText& analyzed = analyses.Of(a);
    auto sentence_of = [&](uint32_t at) -> std::pair<uint32_t, uint32_t> {
      auto s = std::upper_bound(analyzed.sentences.begin(), analyzed.sentences.end(), at,
                                [](uint32_t x, const Sentence& s) { return x < s.begin; });
      if (s == analyzed.sentences.begin()) return {at, at};
      --s;
      return {s->begin, s->end};
    };
    auto note = [&](const std::string& kind, const std::string& key,
                    const std::string& label, uint32_t at, std::string_view counted = {}) {
      FactTally& t = facts[kind + "\t" + key];
      if (t.fact.mentions == 0) {
        const auto [b, e] = sentence_of(at);
        t.fact.kind = kind;
        t.fact.key = key;
        t.fact.label = label;
        t.fact.counted = std::string(counted);
        t.fact.citation = {a.id, name, b, e};
        t.fact.sentence = a.text.substr(b, e - b);
      }
      ++t.fact.mentions;
      if (t.outlets.insert(row_key).second) t.fact.outlets.push_back(name);
    };
    for (const EntityAnnotation& e : notes[i].entities) {
      // A one-word MISC is mostly an adjective of nationality ("French",
      // "Western", "Ukrainian"): every outlet writes it, and it says
      // nothing about what they reported.
      if (e.type == "MISC" && e.name.find(' ') == std::string::npos) continue;
      note("entity", e.key, e.name, e.start);
    }
    const std::vector<Token>& tokens = analyzed.tokens;
    // Figures inside time expressions are dates, not counts.
    std::vector<std::pair<uint32_t, uint32_t>> date_spans;
    for (const DateAnnotation& d : notes[i].dates) date_spans.push_back({d.start, d.end});
    std::sort(date_spans.begin(), date_spans.end());
    auto in_date = [&](uint32_t at) {
      auto it = std::upper_bound(date_spans.begin(), date_spans.end(),
                                 std::pair<uint32_t, uint32_t>{at, UINT32_MAX});
      return it != date_spans.begin() && at < std::prev(it)->second;
    };
    const std::string_view text(a.text);
    // Groups of three digits after a space ("1 800 milliards", "42 000",
    // also with a no-break or thin space), as French and the SI write
    // thousands, are one figure: its digits in *grouped, its last token
    // returned.
    const auto digits = [](std::string_view w) {
      return !w.empty() &&
             std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    auto grouped_figure = [&](size_t k, std::string* grouped) {
      *grouped = tokens[k].norm;
      size_t last = k;
      if (a.lang != "en" && grouped->size() <= 3 && digits(*grouped)) {
        while (last + 1 < tokens.size() && tokens[last + 1].norm.size() == 3 &&
               digits(tokens[last + 1].norm)) {
          const std::string_view gap =
              text.substr(tokens[last].end, tokens[last + 1].begin - tokens[last].end);
          if (gap != " " && gap != "\u00A0" && gap != "\u202F" && gap != "\u2009") break;
          *grouped += tokens[last + 1].norm;
          ++last;
        }
      }
      return last;
    };
    // The text between token t - 1 and token t, less a currency sign.
    auto gap_before = [&](size_t t) {
      const uint32_t end = tokens[t].begin - CurrencySignBefore(text, tokens[t].begin);
      return text.substr(tokens[t - 1].end, end - std::min(end, tokens[t - 1].end));
    };
    auto norm_after = [&](size_t t) {
      return t + 1 < tokens.size() ? std::string_view(tokens[t + 1].norm) : std::string_view();
    };
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (!tokens[k].is_number || in_date(tokens[k].begin)) continue;
      // The number of a name ("Covid-19", "C-130", "F-16", "G-20").
      if (const uint32_t b = tokens[k].begin;
          b >= 2 && text[b - 1] == '-' && std::isalnum(static_cast<unsigned char>(text[b - 2]))) {
        continue;
      }
      std::string grouped;
      const size_t last = grouped_figure(k, &grouped);
      // A rank ("No. 2", "n° 3") counts nothing two outlets could
      // disagree on.
      if (const std::string_view before = text.substr(0, tokens[k].begin);
          before.ends_with("No. ") || before.ends_with("no. ") || before.ends_with("Nr. ") ||
          before.ends_with("n\u00B0 ") || before.ends_with("N\u00BA ") ||
          before.ends_with("No.") || before.ends_with("#")) {
        k = last;
        continue;
      }
      // A range ("10-15", "10–15", "10 to 15", "de 10 à 15", "between 10
      // and 15", "entre 10 y 15") is one figure from `v` up to `high`,
      // which ends at token high_last. Its ends must rise, or it is a
      // score or a vote ("3-2", "27-24", "5-4"); its range word is written
      // in lower case ("Image 1 of 5 A 17-year-old"); its ends are no
      // ordinals ("12th to 15th avenues"); and no hyphen may follow it, nor
      // may it have the shape of a local phone number ("614-645-4141",
      // "305-471-TIPS", "(225) 389-4869", "308-3600": 3 and 4 digits) or
      // be the emergency number "9-11".
      const bool between = k > 0 && tokens[k - 1].sentence == tokens[k].sentence &&
                           BetweenWord(tokens[k - 1].norm);
      auto surface = [&](size_t t) {
        return text.substr(tokens[t].begin, tokens[t].end - tokens[t].begin);
      };
      auto hyphen_after = [&](size_t t) {
        const uint32_t e = tokens[t].end;
        return e + 1 < text.size() && text[e] == '-' &&
               std::isalnum(static_cast<unsigned char>(text[e + 1]));
      };
      size_t h = last + 1;
      bool dashed = false;
      if (h < tokens.size()) {
        const std::string_view gap = gap_before(h);
        dashed = gap == "-" || gap == "\u2013" || gap == " \u2013 ";
        if (gap == " " && h + 1 < tokens.size() && gap_before(h + 1) == " " &&
            (RangeWord(surface(h)) || (between && AndWord(surface(h))))) {
          ++h;
        } else if (!dashed) {
          h = tokens.size();
        }
      }
      bool used_next = false;
      std::optional<double> v, high;
      size_t high_last = last;
      if (h < tokens.size() && tokens[h].is_number && !in_date(tokens[h].begin)) {
        std::string high_grouped;
        high_last = grouped_figure(h, &high_grouped);
        bool unused = false;
        v = FigureValue(grouped, "", a.lang, &unused);
        high = FigureValue(high_grouped, norm_after(high_last), a.lang, &used_next);
        // The low end takes the high end's multiplier when it has none of
        // its own ("10-15 million", "1,5-2 millones", "$10-15bn").
        constexpr std::string_view kFigureChars = "0123456789.,'";
        const std::optional<double> plain = FigureValue(
            high_grouped.substr(0, high_grouped.find_first_not_of(kFigureChars)), "", a.lang,
            &unused);
        if (v && high && plain && *plain > 0 &&
            grouped.find_first_not_of(kFigureChars) == std::string::npos) {
          *v *= *high / *plain;
        }
        const bool phone = dashed && grouped.size() == 3 && digits(grouped) &&
                           high_grouped.size() == 4 && digits(high_grouped);
        // The emergency number ("Missoula County 9-11 dispatch"): neither a
        // range nor a figure.
        if (dashed && grouped == "9" && high_grouped == "11") {
          k = high_last;
          continue;
        }
        // Ordinals ("12th to 15th avenues") name things, not an amount.
        auto ordinal = [&](std::string_view g) {
          const size_t end = std::min(g.size(), g.find_first_not_of(kFigureChars));
          const std::string_view suffix = g.substr(end);
          return !suffix.empty() && Multiplier(suffix) == 0;
        };
        if (!v || !high || !(*v < *high) || phone || hyphen_after(high_last) ||
            ordinal(grouped) || ordinal(high_grouped)) {
          high.reset();
          used_next = false;
        }
      }
      if (!high) {
        // A figure that makes an adjective ("43-year-old", "a 10-point
        // plan") or a score ("3-2") counts nothing two outlets could
        // disagree on.
        if (hyphen_after(last)) {
          k = last;
          continue;
        }
        v = FigureValue(grouped, norm_after(last), a.lang, &used_next);
      }
      const size_t first = k;
      k = high ? high_last : last;
      if (!v || *v < 2) continue;  // "one", "1st": rarely a reported figure
      if (*v >= 1900 && *v <= 2100 && !used_next) continue;  // a year, or years ("2010-2015")
      // The counted word: the next content word in the same sentence.
      size_t u = k + 1 + (used_next ? 1 : 0);
      const uint32_t figure_begin = tokens[first].begin;
      while (u < tokens.size() && u <= k + 3 && tokens[u].sentence == tokens[k].sentence &&
             !IsContentWord(tokens[u])) {
        ++u;
      }
      if (u >= tokens.size() || u > k + 3 || tokens[u].sentence != tokens[k].sentence ||
          !IsContentWord(tokens[u])) {
        continue;
      }
      // A time of day ("at 3 a.m.", "4 PM") counts nothing.
      {
        std::string counted;
        for (char c : text.substr(tokens[u].begin, tokens[u].end - tokens[u].begin)) {
          if (c != '.') counted.push_back(AsciiLower(c));
        }
        if (counted == "am" || counted == "pm") continue;
      }
      // The label is the text from the figure (a range's "between") to the
      // word it counts, as written ("$61bn for Ukraine", not "$61bn
      // ukraine"), with a currency sign just before the figure ("$95bn",
      // "£75bn", "€3bn"); when punctuation comes between them ("$3.2
      // billion) in military"), the figure and the word alone.
      uint32_t begin = between && high ? tokens[first - 1].begin : figure_begin;
      begin -= CurrencySignBefore(text, begin);
      const uint32_t figure_end = tokens[used_next ? k + 1 : k].end;
      const std::string_view gap = text.substr(figure_end, tokens[u].begin - figure_end);
      const bool words_between = OnlyWordsAndSpaces(gap);
      // A range counts a word right after it, not one past punctuation
      // ("ages 11 to 15 – were shot", "(11-26) 11:15 PST").
      if (high && !words_between) continue;
      const std::string label =
          words_between ? std::string(text.substr(begin, tokens[u].end - begin))
                        : std::string(text.substr(begin, figure_end - begin)) + " " +
                              std::string(text.substr(tokens[u].begin, tokens[u].end - tokens[u].begin));
      const std::string value = FormatRange(*v, high);
      note("number", tokens[u].term + "=" + value, CollapseSpaces(label), figure_begin,
           text.substr(tokens[u].begin, tokens[u].end - tokens[u].begin));
    }
  }
  std::stable_sort(out.outlets.begin(), out.outlets.end(),
                   [](const OutletCoverage& a, const OutletCoverage& b) {
                     return a.articles.size() > b.articles.size();
                   });
  const size_t outlets = out.outlets.size();
  std::vector<CoverageFact> all;
  for (auto& [k, t] : facts) all.push_back(t.fact);
  std::stable_sort(all.begin(), all.end(), [](const CoverageFact& a, const CoverageFact& b) {
    if (a.outlets.size() != b.outlets.size()) return a.outlets.size() > b.outlets.size();
    return a.mentions > b.mentions;
  });
  // Up to max_facts of each kind in each list.
  std::map<std::string, size_t> shared_kinds, unique_kinds;
  for (const CoverageFact& f : all) {
    if (outlets >= 2 && f.outlets.size() >= 2 && 2 * f.outlets.size() >= outlets &&
        shared_kinds[f.kind]++ < o.max_facts) {
      out.shared.push_back(f);
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const CoverageFact& a, const CoverageFact& b) {
    return a.mentions > b.mentions;
  });
  for (const CoverageFact& f : all) {
    if (outlets >= 2 && f.outlets.size() == 1 && unique_kinds[f.kind]++ < o.max_facts) {
      out.unique.push_back(f);
    }
  }
  // Units with different figures from different outlets.
  std::map<std::string, std::vector<const CoverageFact*>> by_unit;
  for (const CoverageFact& f : all) {
    if (f.kind != "number") continue;
    by_unit[f.key.substr(0, f.key.find('='))].push_back(&f);
  }
  for (auto& [unit, figures] : by_unit) {
    if (figures.size() < 2) continue;
    // One figure per row (an outlet, or a file without one, as the coverage
    // table lists them: two files both named 1.txt are two), from at least
    // two rows, no value that all of them allow (a range allows its ends
    // and what lies between), and none more than twice another (coverage.h).
    // `least` is the lowest high end, `most` the highest low end.
    std::map<std::string, size_t> figures_of;  // row -> figures it gives
    double least = 0, most = 0;
    for (const CoverageFact* f : figures) {
      for (const std::string& row : facts.at(f->kind + "\t" + f->key).outlets) ++figures_of[row];
      char* end = nullptr;
      const double low = std::strtod(f->key.c_str() + f->key.find('=') + 1, &end);
      const double high = *end == '-' ? std::strtod(end + 1, nullptr) : low;
      if (f == figures.front() || high < least) least = high;
      if (f == figures.front() || low > most) most = low;
    }
    if (figures_of.size() < 2 || !(least < most && most <= 2 * least)) continue;
    if (std::any_of(figures_of.begin(), figures_of.end(),
                    [](const auto& o) { return o.second > 1; })) {
      continue;
    }
    NumberConflict c{figures.front()->counted, unit, {}};
    for (const CoverageFact* f : figures) c.figures.push_back(*f);
    out.conflicts.push_back(std::move(c));
    if (out.conflicts.size() >= o.max_facts) break;
  }
  return out;
}

}  // namespace newsloom
