// TimexTagger: tokens -> lexemes -> the longest rule match at each token.
//
// Why not regular expressions: one pass of a hand-written tokenizer and
// hash lookups per token keeps the cost linear in the text with no
// backtracking, and the rules read like the grammar they implement. At
// each token every rule is tried; the longest match wins and the scan
// resumes after it, so results never overlap.
#include <algorithm>
#include <cstdio>
#include <mutex>
#include <unordered_map>

#include "base/time.h"
#include "timex/lexicon.h"
#include "timex/timex.h"

namespace newsloom {

using timex_internal::Cat;
using timex_internal::Lexeme;
using timex_internal::Lexicon;
using timex_internal::Token;
using timex_internal::TokenKind;

struct TimexTagger::Cache {
  std::mutex mu;
  std::unordered_map<std::string, std::unique_ptr<Lexicon>> by_lang;
};

namespace {

constexpr const char* kPartSuffix[] = {"", "TMO", "TAF", "TEV", "TNI"};
constexpr int kMaxAmount = 9999;  // "3000 years" yes, "20000 years" no
constexpr int kMaxDayOfMonth = 31;
// Prefixes before one expression ("a mediados de", "about", "the"): "el
// próximo" needs two; more only costs time on hostile input.
constexpr int kMaxPrefixes = 2;
// A day and month this many tokens after a year alone take its year
// ("1971 (il 15 agosto": two), see YearsFromContext.
constexpr size_t kMaxTokensAfterYear = 2;

struct Match {
  size_t begin = 0;  // token range [begin, end)
  size_t end = 0;
  TimexType type = TimexType::kDate;
  TimexSpec spec;
  bool from_amount = false;  // "two days ago": may take "nearly" before it
};

TimexSpec Literal(std::string v) {
  TimexSpec s;
  s.literal = std::move(v);
  return s;
}

std::string UnitCode(TimeUnit u, bool* time_part) {
  *time_part = false;
  switch (u) {
    case TimeUnit::kSecond: *time_part = true; return "S";
    case TimeUnit::kMinute: *time_part = true; return "M";
    case TimeUnit::kHour: *time_part = true; return "H";
    case TimeUnit::kDay: return "D";
    case TimeUnit::kWeekend: return "WE";
    case TimeUnit::kWeek: return "W";
    case TimeUnit::kMonth: return "M";
    case TimeUnit::kQuarter: return "Q";
    case TimeUnit::kHalf: return "H";
    case TimeUnit::kSeason: return "M";  // not a TIMEX3 unit; rare
    case TimeUnit::kYear: return "Y";
    case TimeUnit::kDecade: return "DE";
    case TimeUnit::kCentury: return "CE";
    default: return "D";
  }
}

// "P3D", "PT2H", "PXY" (amount < 0 = unspecified).
std::string DurationValue(int amount, TimeUnit u) {
  // TimeBank writes decades and centuries in years ("P20Y", "P100Y").
  if (amount > 0 && (u == TimeUnit::kDecade || u == TimeUnit::kCentury)) {
    amount *= u == TimeUnit::kDecade ? 10 : 100;
    u = TimeUnit::kYear;
  }
  bool time_part = false;
  const std::string code = UnitCode(u, &time_part);
  const std::string n = amount < 0 ? "X" : std::to_string(amount);
  return std::string(time_part ? "PT" : "P") + n + code;
}

class Scanner {
 public:
  Scanner(const Lexicon& lex, const std::vector<Token>& tokens,
          const TimexOptions& options)
      : lex_(lex), t_(tokens), o_(options) {
    first_.reserve(t_.size() + 1);
    for (size_t i = 0; i < t_.size(); ++i) {
      first_.push_back(static_cast<uint32_t>(lx_.size()));
      if (t_[i].kind != TokenKind::kNumber) lex_.Lookup(t_, i, &lx_);
    }
    first_.push_back(static_cast<uint32_t>(lx_.size()));
  }

  void Run(std::vector<Match>* out) {
    size_t i = 0;
    while (i < t_.size()) {
      // Every rule starts at a number, a lexeme or the "'" of "'90s": the
      // common token, an ordinary word, is passed over at once.
      if (!o_.try_every_token && !CanStart(i)) {
        ++i;
        continue;
      }
      Match best;
      if (TryAll(i, &best)) {
        ExtendWithTime(&best);
        out->push_back(best);
        i = best.end;
      } else {
        ++i;
      }
    }
    YearsFromContext(out);
    // Spanish "este domingo" is this week's Sunday ("votan este domingo"),
    // but the one just past in a past-tense sentence ("obligó este
    // domingo", in a Monday paper).
    const bool spanish =
        lex_.grammar() != nullptr && std::string_view(lex_.grammar()->lang) == "es";
    for (Match& m : *out) {
      // "el próximo 15 de noviembre", "la prochaine 3 mars": a day and
      // month without a year right after a future cue lie ahead (a
      // February paper's was read as the November before).
      // (Only "next" itself: "planned for", "due to", "prevista para" name
      // past days as often.)
      if (m.spec.base == TimexSpec::Base::kCalendar && m.spec.year == 0 &&
          m.spec.day > 0 && m.spec.direction == 0) {
        static constexpr std::string_view kNext[] = {
            "next", "próximo", "próxima", "proximo", "proxima", "prochain", "prochaine",
            "prossimo", "prossima", "nächsten", "nächste", "kommenden"};
        for (size_t d = 1; d <= 2 && d <= m.begin; ++d) {
          const std::string& w = t_[m.begin - d].norm;
          if (std::find(std::begin(kNext), std::end(kNext), w) != std::end(kNext)) {
            m.spec.direction = 1;
            break;
          }
        }
        continue;
      }
      if (m.spec.base != TimexSpec::Base::kWeekday) continue;
      if (m.spec.direction == 0) {
        m.spec.direction = TenseDirection(m.begin, m.end);
      } else if (spanish && m.spec.direction == 3 && TenseDirection(m.begin, m.end) == -1) {
        m.spec.direction = -1;
      }
    }
  }

 private:
  // A day and month right after a year standing alone, with nothing but
  // punctuation, an article or "of" between, are in that year ("nel 1971
  // (il 15 agosto", "en 1998, el 3 de marzo"), not the anchor's. Further
  // away the year is as likely a different time ("the 2010 law, on March
  // 3"), so only this close.
  void YearsFromContext(std::vector<Match>* out) const {
    const Match* year = nullptr;
    for (Match& m : *out) {
      if (year && m.spec.base == TimexSpec::Base::kCalendar &&
          m.spec.year == 0 && m.spec.month > 0 && m.spec.day > 0 &&
          m.spec.direction == 0 &&
          m.begin - year->end <= kMaxTokensAfterYear) {
        bool glue = true;
        for (size_t k = year->end; k < m.begin; ++k) {
          glue &= (t_[k].kind == TokenKind::kPunct && !SentenceEnd(k)) ||
                  Is(k, Cat::kDet) || Is(k, Cat::kOf);
        }
        if (glue) m.spec.year = year->spec.year;
      }
      year = m.spec.base == TimexSpec::Base::kCalendar && m.spec.year > 0 &&
                     m.spec.granularity == TimeUnit::kYear
                 ? &m : nullptr;
    }
  }

  // Whether any rule can match at token i: a number, the "'" of "'90s",
  // or a lexeme that begins expressions; words that only lead into one
  // ("the", "a", "last") need a number or a lexeme after them. Tense cues,
  // glue words and suffixes never begin one.
  bool CanStart(size_t i) const {
    if (t_[i].kind == TokenKind::kNumber || Punct(i, '\'')) return true;
    for (uint32_t k = first_[i]; k < first_[i + 1]; ++k) {
      switch (lx_[k].second.cat) {
        case Cat::kPastCue: case Cat::kFutureCue: case Cat::kOf:
        case Cat::kOrdSuffix: case Cat::kAgo: case Cat::kAmPm:
        case Cat::kClock: case Cat::kZone: case Cat::kDecadeS:
        case Cat::kAge: case Cat::kPeriodWord: case Cat::kLater:
        case Cat::kShiftPost:
          break;
        case Cat::kDet: case Cat::kArticle: case Cat::kApprox:
        case Cat::kMod: case Cat::kAgoPre: case Cat::kClockPre:
        case Cat::kShift: case Cat::kPastPre: case Cat::kEvery:
        case Cat::kFew: {
          // What follows the lead ("more than" is two tokens) must be a
          // number or a lexeme itself.
          const size_t j = i + lx_[k].first;
          if (j < t_.size() &&
              (t_[j].kind == TokenKind::kNumber ||
               first_[j] != first_[j + 1] || Punct(j, '\'') ||
               Punct(j, '-')))
            return true;
          break;
        }
        default:
          return true;
      }
    }
    return false;
  }

  // ---- token and lexeme tests ------------------------------------------
  size_t size() const { return t_.size(); }

  // The longest lexeme of `c` at token i; its length in tokens in *len.
  const Lexeme* At(size_t i, Cat c, size_t* len = nullptr) const {
    if (i >= t_.size()) return nullptr;
    for (uint32_t k = first_[i]; k < first_[i + 1]; ++k) {
      if (lx_[k].second.cat == c) {
        if (len) *len = lx_[k].first;
        return &lx_[k].second;
      }
    }
    return nullptr;
  }
  bool Is(size_t i, Cat c) const { return At(i, c) != nullptr; }
  // Accepts a lexeme of `c` at *i and moves past it.
  const Lexeme* Take(size_t* i, Cat c) const {
    size_t len = 0;
    const Lexeme* l = At(*i, c, &len);
    if (l) *i += len;
    return l;
  }
  bool Punct(size_t i, char p) const {
    return i < t_.size() && t_[i].kind == TokenKind::kPunct &&
           t_[i].norm.size() == 1 && t_[i].norm[0] == p;
  }
  bool TakePunct(size_t* i, char p) const {
    if (!Punct(*i, p)) return false;
    ++*i;
    return true;
  }
  // Token i touches token i-1 (no space between).
  bool Touches(size_t i) const {
    return i > 0 && i < t_.size() && t_[i].start == t_[i - 1].end;
  }
  int Num(size_t i, int max_digits) const {
    if (i >= t_.size() || t_[i].kind != TokenKind::kNumber ||
        t_[i].digits > max_digits)
      return -1;
    return t_[i].number;
  }
  // A four-digit year in range.
  int Year(size_t i) const {
    const int y = Num(i, 4);
    if (y < 0 || t_[i].digits != 4 || y < o_.min_year || y > o_.max_year)
      return -1;
    return y;
  }
  // A day of the month, digits with an optional "." or ordinal suffix.
  bool DayNumber(size_t* i, int* day, bool allow_dot = true) const {
    const int d = Num(*i, 2);
    if (d < 1 || d > kMaxDayOfMonth) return false;
    size_t j = *i + 1;
    if (Touches(j) && Is(j, Cat::kOrdSuffix)) {
      Take(&j, Cat::kOrdSuffix);
      TakePunct(&j, '.');
    } else if (allow_dot && Touches(j) && Punct(j, '.')) {
      ++j;
    }
    *day = d;
    *i = j;
    return true;
  }
  // A month name; abbreviations only before "." or a number.
  bool MonthName(size_t* i, int* month, bool alone) const {
    size_t len = 0;
    if (const Lexeme* l = At(*i, Cat::kMonth, &len)) {
      const auto* g = lex_.grammar();
      if (alone && g && g->months_capitalised && !t_[*i].upper) return false;
      *month = l->v;
      *i += len;
      if (Punct(*i, '.') && Touches(*i) && At(*i - 1, Cat::kMonthAbbr)) ++*i;
      return true;
    }
    if (const Lexeme* l = At(*i, Cat::kMonthAbbr, &len)) {
      size_t j = *i + len;
      if (Punct(j, '.') && Touches(j)) {
        ++j;
      } else if (alone || Num(j, 4) < 0) {
        return false;
      }
      *month = l->v;
      *i = j;
      return true;
    }
    return false;
  }
  // An amount: digits, a number word, "a"/"an" (1), "few" (-1 = X).
  bool Amount(size_t* i, int* n) const {
    if (Take(i, Cat::kFew)) {
      *n = -1;
      return true;
    }
    const int d = Num(*i, 4);
    if (d >= 0) {
      if (d == 0 || d > kMaxAmount) return false;
      // Not part of "1,000" or "2.5".
      if ((Punct(*i + 1, ',') || Punct(*i + 1, '.')) && Touches(*i + 1) &&
          Num(*i + 2, 9) >= 0 && Touches(*i + 2))
        return false;
      *n = d;
      ++*i;
      return true;
    }
    if (const Lexeme* l = Take(i, Cat::kNumber)) {
      *n = l->v;
      return true;
    }
    if (Take(i, Cat::kArticle)) {
      *n = 1;
      return true;
    }
    return false;
  }
  bool Unit(size_t* i, TimeUnit* u, bool* plural = nullptr) const {
    const Lexeme* l = Take(i, Cat::kUnit);
    if (!l) return false;
    *u = static_cast<TimeUnit>(l->v);
    if (plural) *plural = l->v2 != 0;
    return true;
  }

  // ---- rules -------------------------------------------------------------
  // `depth` counts the prefixes ("el", "early", "about") already taken, so
  // "about about about ..." costs a bounded amount per token.
  bool TryAll(size_t i, Match* best, int depth = 0) const {
    bool found = false;
    auto consider = [&](bool ok, const Match& m) {
      if (ok && m.end > m.begin && (!found || m.end > best->end)) {
        *best = m;
        found = true;
      }
    };
    Match m;
    using Rule = bool (Scanner::*)(size_t, Match*) const;
    static constexpr Rule kRules[] = {
        &Scanner::IsoDate,     &Scanner::NumericDate, &Scanner::NamedDate,
        &Scanner::YearAlone,   &Scanner::RelativeDay, &Scanner::WeekdayRule,
        &Scanner::ShiftUnit,   &Scanner::AgoRule,     &Scanner::Duration,
        &Scanner::Quarter,     &Scanner::Season,      &Scanner::SetRule,
        &Scanner::RefRule,     &Scanner::TimeOfDay,   &Scanner::DetUnit,
        &Scanner::YearAgoAdjective, &Scanner::CjkDate, &Scanner::PartOfDay,
    };
    for (Rule r : kRules) {
      m = Match();
      m.begin = i;
      consider((this->*r)(i, &m), m);
    }
    if (depth >= kMaxPrefixes) return found;
    // An article kept in the span where the language's corpora keep it.
    if (const auto* g = lex_.grammar(); g && g->article_in_span) {
      size_t k = i;
      if (Take(&k, Cat::kDet)) {
        Match inner;
        if (TryAll(k, &inner, depth + 1) && inner.begin == k &&
            inner.type != TimexType::kTime) {
          inner.begin = i;
          consider(true, inner);
        }
      }
    }
    // A modifier ("early", "late", "mid-", "earlier", "later") kept in
    // the span of the date it modifies; the value is the date's.
    size_t j = i;
    if (Take(&j, Cat::kMod)) {
      TakePunct(&j, '-');
      Match inner;
      if (TryAll(j, &inner, depth + 1) && inner.type == TimexType::kDate &&
          inner.spec.granularity >= TimeUnit::kWeek) {
        inner.begin = i;
        consider(true, inner);
      }
    }
    // An approximation ("nearly two years", "about two weeks ago").
    j = i;
    if (Take(&j, Cat::kApprox)) {
      Match inner;
      if (TryAll(j, &inner, depth + 1) && inner.begin == j &&
          (inner.type == TimexType::kDuration || inner.from_amount)) {
        inner.begin = i;
        consider(true, inner);
      }
    }
    return found;
  }

  // 2024-03-05, 2024/03/05, optionally with T14:30.
  bool IsoDate(size_t i, Match* m) const {
    const int y = Year(i);
    if (y < 0) return false;
    size_t j = i + 1;
    const char sep = Punct(j, '-') ? '-' : Punct(j, '/') ? '/' : 0;
    if (!sep || !Touches(j)) return false;
    const int mo = Num(j + 1, 2);
    if (mo < 1 || !Touches(j + 1) || !Punct(j + 2, sep) || !Touches(j + 2))
      return false;
    const int d = Num(j + 3, 2);
    if (d < 1 || !Touches(j + 3) || !IsValidCivilDate(y, mo, d)) return false;
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.year = y;
    m->spec.month = mo;
    m->spec.day = d;
    m->end = j + 4;
    // "T14:30" glued on.
    if (m->end < size() && Touches(m->end) && t_[m->end].norm == "t") {
      Match time;
      if (TimeOfDay(m->end + 1, &time) && Touches(m->end + 1)) {
        m->spec.time_suffix = time.spec.time_suffix;
        m->type = TimexType::kTime;
        m->end = time.end;
      }
    }
    return true;
  }

  // Chinese, Japanese and Korean dates: 2024年2月26日, 2月26日, 2024年2月,
  // 2024년 2월 26일 (the same in every language: digits and unit signs).
  bool CjkDate(size_t i, Match* m) const {
    auto sign = [&](size_t k, std::string_view han, std::string_view hangul) {
      return k < size() && (t_[k].norm == han || t_[k].norm == hangul);
    };
    size_t j = i;
    int y = 0;
    if (Year(j) > 0 && sign(j + 1, "年", "년")) {
      y = Year(j);
      j += 2;
    }
    const int mo = Num(j, 2);
    if (mo < 1 || mo > 12 || !sign(j + 1, "月", "월")) return false;
    j += 2;
    const int d = Num(j, 2);
    if (d >= 1 && sign(j + 1, "日", "일")) return SetDay(m, y, mo, d, j + 2);
    if (y == 0) return false;  // "2月" alone: too often a count
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.year = y;
    m->spec.month = mo;
    m->spec.granularity = TimeUnit::kMonth;
    m->end = j;
    return true;
  }

  // 26.02.2024, 2/26/2024, 26/02/24 (order from the grammar; the other
  // order when only it makes a valid date).
  bool NumericDate(size_t i, Match* m) const {
    const int a = Num(i, 2);
    if (a < 1) return false;
    const char sep = Punct(i + 1, '/') ? '/' : Punct(i + 1, '.') ? '.'
                     : Punct(i + 1, '-') ? '-' : 0;
    if (!sep || !Touches(i + 1)) return false;
    const int b = Num(i + 2, 2);
    if (b < 1 || !Touches(i + 2) || !Punct(i + 3, sep) || !Touches(i + 3) ||
        !Touches(i + 4))
      return false;
    int y = Num(i + 4, 4);
    if (y < 0 || (t_[i + 4].digits != 2 && t_[i + 4].digits != 4)) return false;
    if (t_[i + 4].digits == 2) y += y < 50 ? 2000 : 1900;
    if (y < o_.min_year || y > o_.max_year) return false;
    // Not followed by more of the same ("1.2.3.4").
    if ((Punct(i + 5, sep) || Punct(i + 5, '.')) && Touches(i + 5) &&
        Num(i + 6, 9) >= 0)
      return false;
    const auto* g = lex_.grammar();
    const bool month_first = g && g->month_first_numeric && sep != '.';
    int mo = month_first ? a : b, d = month_first ? b : a;
    if (!IsValidCivilDate(y, mo, d)) std::swap(mo, d);
    if (!IsValidCivilDate(y, mo, d)) return false;
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.year = y;
    m->spec.month = mo;
    m->spec.day = d;
    m->end = i + 5;
    return true;
  }

  // Dates with a month name: "26 February 2024", "16. februar",
  // "26 de febrero de 2024", "Feb. 16, 2024", "March 7", "February 2024",
  // "Monday, Feb. 26", "March".
  bool NamedDate(size_t i, Match* m) const {
    size_t j = i;
    // "ce mercredi 3 juillet", "this Wednesday, July 3": the date.
    if (const Lexeme* s = At(j, Cat::kShift); s && s->v == 0 &&
                                              Is(j + 1, Cat::kWeekday))
      Take(&j, Cat::kShift);
    if (const Lexeme* w = Take(&j, Cat::kWeekday)) {
      TakePunct(&j, ',');
      if (!DayMonthYear(j, m) && !MonthDayYear(j, m)) return false;
      if (m->spec.day > 0) m->spec.weekday = w->v;
      return true;
    }
    Match a, b;
    a.begin = b.begin = i;
    const bool da = DayMonthYear(i, &a), db = MonthDayYear(i, &b);
    if (!da && !db) return false;
    *m = (da && (!db || a.end >= b.end)) ? a : b;
    m->begin = i;
    return true;
  }

  // Optional year after a month: ", 2024", " 2024", " de 2024".
  int YearAfter(size_t* j) const {
    size_t k = *j;
    if (!TakePunct(&k, ',')) Take(&k, Cat::kOf);
    const int y = Year(k);
    if (y < 0) return -1;
    *j = k + 1;
    return y;
  }

  bool SetDay(Match* m, int y, int mo, int d, size_t end) const {
    if (y > 0 ? !IsValidCivilDate(y, mo, d)
              : !IsValidCivilDate(2000, mo, d))  // a leap year
      return false;
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.year = y > 0 ? y : 0;
    m->spec.month = mo;
    m->spec.day = d;
    m->end = end;
    return true;
  }

  bool DayMonthYear(size_t i, Match* m) const {
    size_t j = i;
    int d = 0, mo = 0;
    if (!DayNumber(&j, &d)) {
      const Lexeme* o = Take(&j, Cat::kOrdinal);
      if (!o || o->v > kMaxDayOfMonth) return false;
      d = o->v;
    }
    Take(&j, Cat::kOf);
    if (!MonthName(&j, &mo, false)) return false;
    const int y = YearAfter(&j);
    return SetDay(m, y, mo, d, j);
  }

  bool MonthDayYear(size_t i, Match* m) const {
    size_t j = i;
    int mo = 0, d = 0;
    if (!MonthName(&j, &mo, false)) {
      j = i;
      if (!MonthName(&j, &mo, true)) return false;
    }
    size_t k = j;
    if (DayNumber(&k, &d, /*allow_dot=*/false) &&
        !(Punct(k, ':') && Touches(k))) {
      const int y = YearAfter(&k);
      return SetDay(m, y, mo, d, k);
    }
    // A month with a year, or alone.
    size_t after = j;
    const int y = YearAfter(&after);
    if (y < 0) {
      size_t alone = i;
      if (!MonthName(&alone, &mo, true)) return false;
    }
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.year = y > 0 ? y : 0;
    m->spec.month = mo;
    m->spec.granularity = TimeUnit::kMonth;
    m->end = y > 0 ? after : j;
    return true;
  }

  // "1998", "the 1990s", "'90s", "mid-1990s" (the modifier by TryAll).
  bool YearAlone(size_t i, Match* m) const {
    size_t j = i;
    const bool det = Take(&j, Cat::kDet) != nullptr;
    if (Punct(j, '\'') && Num(j + 1, 2) >= 0 && t_[j + 1].digits == 2 &&
        Touches(j + 2) && Is(j + 2, Cat::kDecadeS)) {
      const int yy = Num(j + 1, 2);
      m->spec = Literal(std::to_string(yy >= 30 ? 190 + yy / 10 : 200 + yy / 10));
      m->end = j + 3;
      return true;
    }
    const int y = Year(j);
    if (y < 0) return false;
    if (Touches(j + 1) && Is(j + 1, Cat::kDecadeS)) {
      if (y % 10 != 0) return false;
      m->spec = Literal(y % 100 == 0 ? std::to_string(y / 100)
                                     : std::to_string(y / 10));
      m->end = j + 2;
      return true;
    }
    if (det) return false;
    // Not an amount of money or part of a larger number or code.
    if (j > 0) {
      const Token& p = t_[j - 1];
      if (p.kind == TokenKind::kPunct &&
          (p.norm == "$" || p.norm == "€" || p.norm == "£" || p.norm == "#" ||
           ((p.norm == "," || p.norm == "." || p.norm == "-" || p.norm == "/" ||
             p.norm == ":") && Touches(j) && j >= 2 && Touches(j - 1) &&
            t_[j - 2].kind == TokenKind::kNumber)))
        return false;
      if (p.kind == TokenKind::kNumber) return false;
    }
    if (j + 1 < size()) {
      const Token& n = t_[j + 1];
      if (n.kind == TokenKind::kPunct && n.norm == "%") return false;
      if ((n.norm == "," || n.norm == "." || n.norm == ":" || n.norm == "/") &&
          Touches(j + 1) && Touches(j + 2) && Num(j + 2, 9) >= 0)
        return false;
      if (n.kind == TokenKind::kNumber) return false;
      if (Is(j + 1, Cat::kUnit)) return false;
    }
    if (y < o_.min_bare_year || y > o_.max_bare_year) return false;
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.year = y;
    m->spec.granularity = TimeUnit::kYear;
    m->end = j + 1;
    return true;
  }

  // "yesterday", "today", "tonight", "yesterday morning",
  // "yesterday Monday", "i går", "anteayer".
  bool RelativeDay(size_t i, Match* m) const {
    size_t j = i;
    int offset = 0, part = 0;
    if (MorningNotTomorrow(i)) return false;
    if (const Lexeme* l = Take(&j, Cat::kDayRel)) {
      offset = l->v;
      part = l->v2;
    } else {
      size_t len = 0;
      const Lexeme* r = At(i, Cat::kRelPhrase, &len);
      if (!r || r->v != static_cast<int>(TimeUnit::kDay)) return false;
      offset = r->v2;
      j += len;
    }
    if (const Lexeme* p = Take(&j, Cat::kPartOfDay)) part = p->v;
    size_t k = j;
    TakePunct(&k, ',');
    if (Take(&k, Cat::kWeekday)) j = k;  // "yesterday Monday"
    m->spec.base = TimexSpec::Base::kOffset;
    m->spec.offset_unit = TimeUnit::kDay;
    m->spec.offset = offset;
    if (part > 0 && part <= 4) {
      m->spec.time_suffix = kPartSuffix[part];
      m->type = TimexType::kTime;
    }
    m->end = j;
    return true;
  }

  // Whether token i is a word that names both a part of the day and a
  // relative day (Spanish "mañana", German "Morgen") read as the part of
  // the day: after an article, "this" or "every" ("la mañana", "esta
  // mañana", "por la mañana", "jeden Morgen"), where tomorrow never stands.
  bool MorningNotTomorrow(size_t i) const {
    size_t len = 0;
    if (i == 0 || !At(i, Cat::kDayRel, &len) || len != 1 ||
        !Is(i, Cat::kPartOfDay))
      return false;
    const Lexeme* shift = At(i - 1, Cat::kShift);
    return Is(i - 1, Cat::kDet) || Is(i - 1, Cat::kArticle) ||
           Is(i - 1, Cat::kEvery) || (shift && shift->v == 0);
  }

  // A part of the day after an article: "la mañana de ayer", "la noche
  // del viernes pasado" (that day's morning, night), and "la mañana" alone
  // where the word could be read as tomorrow (the anchor's morning). The
  // "of a day" form only where the language's corpora mark the article
  // and the part of the day with the day (Spanish); English TimeBank
  // marks "the night of [Oct. 23]" with the date alone.
  bool PartOfDay(size_t i, Match* m) const {
    size_t j = i;
    if (!Take(&j, Cat::kDet)) return false;
    const size_t word = j;
    const Lexeme* p = Take(&j, Cat::kPartOfDay);
    if (!p || p->v < 1 || p->v > 4) return false;
    const auto* g = lex_.grammar();
    size_t k = j;
    if (g && g->article_in_span && Take(&k, Cat::kOf)) {
      Match day;
      day.begin = k;
      if ((RelativeDay(k, &day) || WeekdayRule(k, &day) ||
           NamedDate(k, &day)) &&
          day.type == TimexType::kDate &&
          day.spec.granularity == TimeUnit::kDay &&
          day.spec.time_suffix.empty()) {
        *m = day;
        m->begin = i;
        m->spec.time_suffix = kPartSuffix[p->v];
        m->type = TimexType::kTime;
        return true;
      }
    }
    if (!MorningNotTomorrow(word)) return false;
    m->begin = g && g->article_in_span ? i : word;
    m->spec.base = TimexSpec::Base::kOffset;
    m->spec.offset_unit = TimeUnit::kDay;
    m->spec.time_suffix = kPartSuffix[p->v];
    m->type = TimexType::kTime;
    m->end = j;
    return true;
  }

  // "Thursday", "last Monday", "next Thursday", "el lunes pasado",
  // "Wednesday night", "mandag aften".
  bool WeekdayRule(size_t i, Match* m) const {
    size_t j = i;
    int shift = 2;  // none
    size_t len = 0;
    int weekday = 0;
    if (const Lexeme* r = At(i, Cat::kRelPhrase, &len); r && r->v > 100) {
      weekday = r->v - 100;
      shift = r->v2;
      j += len;
    } else {
      if (const Lexeme* s = Take(&j, Cat::kShift)) shift = s->v;
      const Lexeme* w = Take(&j, Cat::kWeekday);
      if (!w) return false;
      weekday = w->v;
      if (shift == 2) {
        if (const Lexeme* s = Take(&j, Cat::kShiftPost)) shift = s->v;
      }
    }
    m->spec.base = TimexSpec::Base::kWeekday;
    m->spec.weekday = weekday;
    m->spec.direction = shift == 2 ? 0 : shift == 0 ? 3 : shift * 2;

    if (const Lexeme* p = Take(&j, Cat::kPartOfDay)) {
      m->spec.time_suffix = kPartSuffix[p->v];
      m->type = TimexType::kTime;
    }
    m->end = j;
    return true;
  }

  // "last week", "this year", "next month", "this morning",
  // "last November", "la semana pasada", "the latest quarter".
  bool ShiftUnit(size_t i, Match* m) const {
    size_t j = i;
    size_t len = 0;
    if (Is(i, Cat::kPastPre)) return false;  // "the past year": Duration
    Take(&j, Cat::kDet);
    if (const Lexeme* r = At(j, Cat::kRelPhrase, &len);
        r && r->v < 100 && r->v != static_cast<int>(TimeUnit::kDay)) {
      SetOffset(m, static_cast<TimeUnit>(r->v), r->v2);
      m->end = j + len;
      return true;
    }
    int shift = 0;
    bool post = false;
    if (const Lexeme* s = Take(&j, Cat::kShift)) {
      shift = s->v;
    } else {
      post = true;
    }
    TimeUnit u;
    int mo = 0;
    bool plural = false;
    if (Unit(&j, &u, &plural)) {
      if (plural) return false;  // "the last months": a duration
      if (post) {
        const Lexeme* s = Take(&j, Cat::kShiftPost);
        if (!s) return false;
        shift = s->v;
      }
      if (u < TimeUnit::kDay) return false;
      if (u == TimeUnit::kDay && shift == 0) return false;
      if (u == TimeUnit::kWeekend) {
        Weekend(m, shift);
      } else {
        SetOffset(m, u, shift);
      }
    } else if (post) {
      return false;
    } else if (const Lexeme* p = Take(&j, Cat::kPartOfDay)) {
      m->spec.base = TimexSpec::Base::kOffset;
      m->spec.offset_unit = TimeUnit::kDay;
      m->spec.offset = shift;
      m->spec.time_suffix = kPartSuffix[p->v];
      m->type = TimexType::kTime;
    } else if (MonthName(&j, &mo, false)) {
      m->spec.base = TimexSpec::Base::kCalendar;
      m->spec.month = mo;
      m->spec.direction = shift * 2;
      m->spec.granularity = TimeUnit::kMonth;
    } else {
      return false;
    }
    m->end = j;
    return true;
  }

  // "the weekend" (shift 2) is the nearest one (a Monday article's is the
  // one just past); "this weekend" (0) the one of the anchor's week;
  // "last" / "next weekend" the one strictly before / after.
  static void Weekend(Match* m, int shift) {
    m->spec.base = TimexSpec::Base::kWeekday;
    m->spec.weekday = 6;
    m->spec.direction = shift == 2 ? 0 : shift == 0 ? 3 : 2 * shift;
    m->spec.granularity = TimeUnit::kWeekend;
  }

  static void SetOffset(Match* m, TimeUnit u, int shift) {
    m->spec.base = TimexSpec::Base::kOffset;
    m->spec.offset_unit = u;
    m->spec.offset = shift;
    m->spec.granularity = u == TimeUnit::kDay ? TimeUnit::kDay : u;
  }

  // "two days ago", "a year earlier", "hace dos años", "for to dage siden".
  bool AgoRule(size_t i, Match* m) const {
    size_t j = i;
    const bool pre = Take(&j, Cat::kAgoPre) != nullptr;
    int n = 0;
    TimeUnit u;
    if (!Amount(&j, &n)) return false;
    TakePunct(&j, '-');
    if (!Unit(&j, &u)) return false;
    int sign = -1;
    if (Take(&j, Cat::kAgo)) {
      sign = -1;
    } else if (const Lexeme* l = Take(&j, Cat::kLater)) {
      if (pre) return false;
      sign = l->v;
    } else if (!pre) {
      return false;
    }
    m->from_amount = true;
    if (n < 0) {
      m->spec = Literal(sign < 0 ? "PAST_REF" : "FUTURE_REF");
    } else if (u == TimeUnit::kYear && QuarterContext(i, j)) {
      YearAgoQuarter(m, n * sign);
    } else {
      SetOffset(m, u, sign * n);
      if (u < TimeUnit::kDay) m->spec.granularity = TimeUnit::kDay;
      if (u == TimeUnit::kWeekend) m->spec.granularity = TimeUnit::kWeek;
    }
    m->end = j;
    return true;
  }

  // Whether the text before tokens [begin, end) or the rest of their
  // sentence speaks of quarters ("profit rose in the third quarter ...
  // from a year ago").
  bool QuarterContext(size_t begin, size_t end) const {
    const size_t w = static_cast<size_t>(o_.quarter_context_tokens);
    for (size_t k = begin; k > 0 && begin - k < w; --k) {
      if (const Lexeme* l = At(k - 1, Cat::kUnit);
          l && l->v == static_cast<int>(TimeUnit::kQuarter))
        return true;
    }
    for (size_t k = end; k < size() && k - end < w; ++k) {
      if (SentenceEnd(k)) break;  // only the rest of the sentence
      if (const Lexeme* l = At(k, Cat::kUnit);
          l && l->v == static_cast<int>(TimeUnit::kQuarter))
        return true;
    }
    return false;
  }
  bool SentenceEnd(size_t k) const {
    return (Punct(k, '.') && !(k > 0 && Touches(k) && Is(k - 1, Cat::kMonthAbbr))) ||
           Punct(k, '!') || Punct(k, '?') || Punct(k, ';') || Punct(k, '\n');
  }
  // Quarterly results compare the latest reported quarter (the one before
  // the anchor's) with the same quarter `years` years away.
  static void YearAgoQuarter(Match* m, int years) {
    m->spec.base = TimexSpec::Base::kOffset;
    m->spec.offset_unit = TimeUnit::kQuarter;
    m->spec.offset = -1 + 4 * years;
    m->spec.granularity = TimeUnit::kQuarter;
  }

  // "the year-earlier quarter", "year-ago", "the year-ago period".
  bool YearAgoAdjective(size_t i, Match* m) const {
    size_t j = i;
    Take(&j, Cat::kDet);
    TimeUnit u;
    if (!Unit(&j, &u) || u != TimeUnit::kYear || !Punct(j, '-')) return false;
    ++j;
    const Lexeme* later = nullptr;
    if (!Take(&j, Cat::kAgo) && !((later = Take(&j, Cat::kLater)) && later->v < 0))
      return false;
    size_t k = j;
    TimeUnit v;
    if (Take(&k, Cat::kPeriodWord) || (Unit(&k, &v) && v != TimeUnit::kYear)) j = k;
    if (QuarterContext(i, j)) {
      YearAgoQuarter(m, -1);
    } else {
      SetOffset(m, TimeUnit::kYear, -1);
    }
    m->end = j;
    return true;
  }

  // "three years", "two-year", "the past two months", "the first nine
  // months", "the next few weeks", "the past year".
  bool Duration(size_t i, Match* m) const {
    size_t j = i;
    bool lead = Take(&j, Cat::kPastPre) != nullptr;
    bool shift_lead = false;  // "last two years", "past months"
    if (!lead) {
      const Lexeme* sh = At(j, Cat::kShift);
      if (sh && sh->v != 0) {
        Take(&j, Cat::kShift);
        lead = shift_lead = true;
      } else if (Take(&j, Cat::kDet)) {
        if (const Lexeme* o = At(j, Cat::kOrdinal); o && o->v == 1)
          Take(&j, Cat::kOrdinal);
      }
    }
    int n = 1;
    size_t k = j;
    const bool amount = Amount(&k, &n);
    if (amount) j = k;
    if (!amount && !lead) return false;
    if (amount) TakePunct(&j, '-');
    TimeUnit u;
    bool plural = false;
    if (!Unit(&j, &u, &plural)) return false;
    if (shift_lead && !amount && !plural) return false;  // "last year"
    if (!amount && lead && plural) {
      n = -1;  // "the past months", "de seneste måneder": PXM
    } else if (!amount && (u == TimeUnit::kDay || plural)) {
      return false;
    }
    // "the 1988 second quarter": a year, not 1988 seconds.
    if (amount && !plural && n >= o_.min_bare_year && n <= o_.max_bare_year)
      return false;
    size_t k2 = j;
    TakePunct(&k2, '-');
    if (Is(k2, Cat::kAge)) return false;  // "a 6-year-old"
    m->type = TimexType::kDuration;
    m->spec = Literal(DurationValue(n, u));
    m->end = j;
    return true;
  }

  // "the third quarter", "third-quarter", "the first half of 1998", "Q3".
  bool Quarter(size_t i, Match* m) const {
    size_t j = i;
    Take(&j, Cat::kDet);
    int part = 0;
    TimeUnit u = TimeUnit::kQuarter;
    if (Take(&j, Cat::kQuarterQ)) {
      part = Num(j, 1);
      if (part < 1 || part > 4 || !Touches(j)) return false;
      ++j;
    } else {
      const Lexeme* o = Take(&j, Cat::kOrdinal);
      if (!o) return false;
      part = o->v;
      TakePunct(&j, '-');
      if (Take(&j, Cat::kHalfWord)) {
        u = TimeUnit::kHalf;
      } else if (!Unit(&j, &u) || u != TimeUnit::kQuarter) {
        return false;
      }
      if (part > (u == TimeUnit::kHalf ? 2 : 4)) return false;
    }
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.granularity = u;
    m->spec.part = part;
    m->spec.month = (part - 1) * (u == TimeUnit::kHalf ? 6 : 3) + 1;
    m->spec.year = YearAfter(&j);
    if (m->spec.year < 0) m->spec.year = 0;
    m->end = j;
    return true;
  }

  // "this summer", "last fall", "summer 2024", "el verano pasado".
  bool Season(size_t i, Match* m) const {
    size_t j = i;
    const Lexeme* shift = Take(&j, Cat::kShift);
    const bool det = !shift && Take(&j, Cat::kDet);
    const Lexeme* s = Take(&j, Cat::kSeason);
    if (!s) return false;
    const Lexeme* post = Take(&j, Cat::kShiftPost);
    size_t k = j;
    const int y = YearAfter(&k);
    if (!shift && !post && y < 0 && !det) return false;
    m->spec.base = TimexSpec::Base::kCalendar;
    m->spec.granularity = TimeUnit::kSeason;
    m->spec.part = std::clamp<int>(s->v, 1, 4);
    m->spec.direction = 2 * (shift ? shift->v : post ? post->v : 0);
    m->spec.year = y > 0 ? y : 0;
    m->end = y > 0 ? k : j;
    return true;
  }

  // Whether the set word at i ("daily", "quotidien", "diario") is a noun,
  // the newspaper, not a frequency. In the languages that put adjectives
  // after the noun it is one after an article, a demonstrative or their
  // contraction with "de" ("el diario Granma", "este diario", "del diario",
  // "le quotidien Le Monde", "du quotidien", "l'hebdomadaire", "il
  // settimanale", "o diário"). Elsewhere it is one after an article, with
  // one capitalised word allowed between ("the Israeli daily"), when a
  // name, a past verb or punctuation follows ("the daily Haaretz", "the
  // daily said", "told the daily."); "on a daily basis", "the daily tally"
  // and "the Communist Party daily Granma" (a set in AQUAINT) are sets.
  bool SetWordIsNoun(size_t i) const {
    static constexpr std::string_view kNounFirst[] = {"es", "fr", "it", "pt"};
    const auto* g = lex_.grammar();
    if (g != nullptr && std::find(std::begin(kNounFirst), std::end(kNounFirst),
                                  std::string_view(g->lang)) != std::end(kNounFirst)) {
      // An elided article glued on ("l'hebdomadaire") is one too.
      if (t_[i].norm.find('\'') != std::string::npos) return true;
      if (i == 0) return false;
      const Lexeme* shift = At(i - 1, Cat::kShift);
      return Is(i - 1, Cat::kArticle) || Is(i - 1, Cat::kDet) || Is(i - 1, Cat::kOf) ||
             (shift != nullptr && shift->v == 0);
    }
    if (i == 0) return false;
    size_t d = i - 1;
    if (d > 0 && t_[d].kind == TokenKind::kWord && t_[d].upper && !Is(d, Cat::kDet)) --d;
    if (!Is(d, Cat::kArticle) && !Is(d, Cat::kDet)) return false;
    if (i + 1 >= t_.size()) return true;
    const Token& next = t_[i + 1];
    return next.kind == TokenKind::kPunct || (next.kind == TokenKind::kWord && next.upper) ||
           Is(i + 1, Cat::kPastCue);
  }

  // "every week", "each Monday", "daily", "cada año".
  bool SetRule(size_t i, Match* m) const {
    size_t j = i;
    if (Is(i, Cat::kSetAdv) && SetWordIsNoun(i)) return false;
    if (const Lexeme* a = Take(&j, Cat::kSetAdv)) {
      m->type = TimexType::kSet;
      m->spec = Literal(DurationValue(1, static_cast<TimeUnit>(a->v)));
      m->end = j;
      return true;
    }
    if (!Take(&j, Cat::kEvery)) return false;
    int n = 1;
    size_t k = j;
    if (Amount(&k, &n) && n > 0) j = k;
    TimeUnit u;
    m->type = TimexType::kSet;
    if (Unit(&j, &u)) {
      m->spec = Literal(DurationValue(n, u));
    } else if (const Lexeme* w = Take(&j, Cat::kWeekday)) {
      m->spec = Literal("XXXX-WXX-" + std::to_string(w->v));
    } else {
      return false;
    }
    m->end = j;
    return true;
  }

  // "now", "recently", "the future", "recent years".
  bool RefRule(size_t i, Match* m) const {
    size_t j = i;
    const Lexeme* r = Take(&j, Cat::kRef);
    if (!r) return false;
    static constexpr const char* kRefs[] = {"PRESENT_REF", "PAST_REF",
                                            "FUTURE_REF"};
    m->spec = Literal(kRefs[std::clamp<int>(r->v, 0, 2)]);
    size_t k = j;
    TimeUnit u;
    bool plural = false;
    if (r->v == 1 && Unit(&k, &u, &plural) && plural) {
      // "recent years": an unspecified number of them (TimeML's PXY).
      m->type = TimexType::kDuration;
      m->spec = Literal(DurationValue(-1, u));
      j = k;
    } else if (r->v2 == 1) {
      return false;  // "recent" alone is an adjective, not a time
    }
    m->end = j;
    return true;
  }

  // "the year", "the week", "the weekend", "the quarter", "the month".
  bool DetUnit(size_t i, Match* m) const {
    size_t j = i;
    if (!Take(&j, Cat::kDet)) return false;
    TimeUnit u;
    bool plural = false;
    if (!Unit(&j, &u, &plural) || plural) return false;
    switch (u) {
      case TimeUnit::kYear:
        m->type = TimexType::kDuration;
        m->spec = Literal("P1Y");
        break;
      case TimeUnit::kQuarter:  // news: the latest reported quarter
        SetOffset(m, u, -1);
        break;
      case TimeUnit::kWeekend:
        Weekend(m, 2);
        break;
      case TimeUnit::kWeek:
      case TimeUnit::kMonth:
        SetOffset(m, u, 0);
        break;
      default:
        return false;
    }
    m->end = j;
    return true;
  }

  // "14:30", "2:30 p.m.", "10 a.m.", "3 o'clock", "kl. 14.30", "noon".
  bool TimeOfDay(size_t i, Match* m) const {
    size_t j = i;
    const bool pre = Take(&j, Cat::kClockPre) != nullptr;
    const size_t start = pre ? j : i;
    int minutes = -1;
    int seconds = -1;
    // Two digits glued after a separator at k: "14:30", ":41".
    auto glued_pair = [&](size_t k) {
      return Touches(k) && Touches(k + 1) && Num(k + 1, 2) >= 0 &&
             t_[k + 1].digits == 2;
    };
    if (const Lexeme* w = Take(&j, Cat::kTimeWord)) {
      minutes = w->v;
    } else {
      int h = Num(j, 2);
      if (h < 0 || h > 24) return false;
      ++j;
      int mi = 0;
      bool explicit_minutes = false;
      const bool colon = Punct(j, ':');
      // "14.30" is a time after "kl." / "um" or before "Uhr" / "GMT";
      // alone it is as likely a decimal number.
      if ((colon || Punct(j, '.')) && glued_pair(j) &&
          (colon || pre || Is(j + 2, Cat::kClock) || Is(j + 2, Cat::kZone))) {
        mi = Num(j + 1, 2);
        if (mi > 59) return false;
        explicit_minutes = true;
        j += 2;
        if (colon && Punct(j, ':') && glued_pair(j)) {  // seconds
          seconds = Num(j + 1, 2);
          if (seconds > 59) return false;
          j += 2;
        }
      } else if (Is(j, Cat::kClock) && Touches(j) && Num(j + 1, 2) >= 0 &&
                 t_[j + 1].digits == 2 && Touches(j + 1)) {  // 14h30
        mi = Num(j + 1, 2);
        if (mi > 59) return false;
        explicit_minutes = true;
        j += 2;
      }
      if (const Lexeme* ap = Take(&j, Cat::kAmPm)) {
        if (h < 1 || h > 12) return false;
        h = h % 12 + (ap->v == 1 ? 12 : 0);
      } else if (Take(&j, Cat::kClock)) {
      } else if (!explicit_minutes) {
        return false;
      } else if (!pre && Punct(i + 1, ':') && h > 23) {
        return false;
      }
      if (h > 23 && !(h == 24 && mi == 0)) return false;
      minutes = h * 60 + mi;
    }
    char buf[32];
    const char* zone = Take(&j, Cat::kZone) ? "Z" : "";
    if (seconds >= 0) {
      std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d%s", minutes / 60,
                    minutes % 60, seconds, zone);
    } else {
      std::snprintf(buf, sizeof buf, "T%02d:%02d%s", minutes / 60,
                    minutes % 60, zone);
    }
    // Spanish marks "las 16:08"; English leaves "at" out.
    const auto* g = lex_.grammar();
    m->begin = g && g->article_in_span ? i : start;
    m->spec.base = TimexSpec::Base::kOffset;
    m->spec.offset_unit = TimeUnit::kDay;
    m->spec.time_suffix = buf;
    m->type = TimexType::kTime;
    m->end = j;
    return true;
  }

  // A day followed by a time ("Monday at 3 p.m.", "yesterday, 14:30")
  // becomes one TIME; "three days ago, at 14:30" stays two.
  void ExtendWithTime(Match* m) const {
    if (m->spec.granularity != TimeUnit::kDay || !m->spec.time_suffix.empty() ||
        m->type != TimexType::kDate || m->from_amount ||
        m->spec.base == TimexSpec::Base::kLiteral)
      return;
    size_t j = m->end;
    if (!TakePunct(&j, ',')) {
      if (j < size() && t_[j].kind == TokenKind::kWord &&
          t_[j].norm.size() <= 3 && !Is(j, Cat::kClockPre))
        ++j;  // "at", "à", "um", "a las" are kClockPre in grammars
    }
    Match time;
    if (!TimeOfDay(j, &time)) return;
    if (time.spec.time_suffix.size() < 2 || time.spec.time_suffix[1] == 'M')
      return;
    m->spec.time_suffix = time.spec.time_suffix;
    m->type = TimexType::kTime;
    m->end = time.end;
  }

  // A past-tense verb the grammar's word list lacks, by its ending: English
  // "-ed" ("blocked", "approved"), Spanish preterite "-ó" / "-aron" /
  // "-ieron" ("obligó", "bloquearon"). A listed future cue ("scheduled")
  // is not one.
  bool PastForm(size_t k) const {
    if (t_[k].kind != TokenKind::kWord || Is(k, Cat::kFutureCue)) return false;
    const std::string& w = t_[k].norm;
    const timex_internal::LanguageGrammar* g = lex_.grammar();
    if (g == nullptr) return false;
    const std::string_view lang = g->lang;
    if (lang == "en") {
      static constexpr std::string_view kNotVerbs[] = {
          "united", "limited", "hundred", "based", "related", "sacred", "mohammed", "ahmed"};
      if (w.size() < 5 || !w.ends_with("ed") || w.ends_with("eed") ||
          std::find(std::begin(kNotVerbs), std::end(kNotVerbs), w) != std::end(kNotVerbs)) {
        return false;
      }
      // A participle that moves a date ("postponed to Friday", "delayed
      // until", "called for") or a passive ("will be held"): no tense.
      static constexpr std::string_view kAfter[] = {"to", "until", "till", "for"};
      static constexpr std::string_view kBefore[] = {"be", "been", "being"};
      const auto in = [](const auto& list, std::string_view x) {
        return std::find(std::begin(list), std::end(list), x) != std::end(list);
      };
      if (k + 1 < size() && in(kAfter, t_[k + 1].norm)) return false;
      if (k > 0 && in(kBefore, t_[k - 1].norm)) return false;
      return true;
    }
    if (lang == "es") {
      return (w.size() >= 5 && w.ends_with("\xC3\xB3")) ||
             (w.size() >= 7 && (w.ends_with("aron") || w.ends_with("ieron")));
    }
    return false;
  }

  // -1 (past), +1 (future) or 0 from the nearest tense cue in the
  // sentence around tokens [begin, end).
  int TenseDirection(size_t begin, size_t end) const {
    const size_t w = static_cast<size_t>(o_.tense_window_tokens);
    int dir = 0;
    size_t best = w + 1;  // distance of the cue found before
    for (size_t d = 1; d <= w && d <= begin; ++d) {
      const size_t k = begin - d;
      if (SentenceEnd(k)) break;
      if (Is(k, Cat::kPastCue) || Is(k, Cat::kFutureCue) || PastForm(k)) {
        dir = Is(k, Cat::kPastCue) || PastForm(k) ? -1 : 1;
        best = d;
        break;
      }
    }
    // A nearer cue after the expression wins.
    for (size_t d = 0; d < w && end + d < size() && d < best; ++d) {
      const size_t k = end + d;
      if (SentenceEnd(k)) break;
      if (Is(k, Cat::kPastCue) || PastForm(k)) return -1;
      if (Is(k, Cat::kFutureCue)) return 1;
    }
    return dir != 0 ? dir : o_.bare_weekday_direction;
  }

  const Lexicon& lex_;
  const std::vector<Token>& t_;
  const TimexOptions& o_;
  std::vector<std::pair<uint8_t, Lexeme>> lx_;
  std::vector<uint32_t> first_;
};

}  // namespace

TimexTagger::TimexTagger(TimexOptions options)
    : options_(options), cache_(std::make_unique<Cache>()) {}

TimexTagger::~TimexTagger() = default;

bool TimexTagger::HasGrammar(std::string_view lang) {
  return timex_internal::FindGrammar(lang) != nullptr;
}

const Lexicon& TimexTagger::LexiconFor(std::string_view lang) const {
  std::string key;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    key.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  if (key.size() > 3 ||
      !std::all_of(key.begin(), key.end(),
                   [](char c) { return c >= 'a' && c <= 'z'; }))
    key.clear();
  std::lock_guard<std::mutex> lock(cache_->mu);
  std::unique_ptr<Lexicon>& lex = cache_->by_lang[key];
  if (!lex) lex = std::make_unique<Lexicon>(key);
  return *lex;
}

std::vector<Timex> TimexTagger::Tag(
    std::string_view text, std::string_view lang,
    const std::optional<CivilDay>& anchor) const {
  if (text.size() > options_.max_text_bytes) {
    size_t cut = options_.max_text_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;
    text = text.substr(0, cut);
  }
  const Lexicon& lex = LexiconFor(lang);
  thread_local std::vector<Token> tokens;
  timex_internal::Tokenize(text, &tokens);
  std::vector<Match> matches;
  Scanner(lex, tokens, options_).Run(&matches);

  std::vector<Timex> out;
  out.reserve(matches.size());
  const bool have_anchor = anchor && IsValidDay(*anchor);
  for (const Match& m : matches) {
    Timex t;
    t.start = tokens[m.begin].start;
    t.end = tokens[m.end - 1].end;
    t.text = std::string(text.substr(t.start, t.end - t.start));
    t.type = m.type;
    t.spec = m.spec;
    t.value = ResolveSpec(t.spec, have_anchor ? anchor : std::nullopt);
    if (have_anchor && t.spec.NeedsAnchor()) t.anchor = FormatDay(*anchor);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace newsloom
