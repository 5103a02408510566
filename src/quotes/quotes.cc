// QuoteFinder (quotes.h). The scanner (scanner.h) turns the text into
// tokens (words, punctuation, quotation marks, dashes, paragraph breaks);
// quotation marks are paired per paragraph into quote regions; sentences
// are cut around the regions (a region is never split); then each region
// looks for its cue after its closing mark, then before its opening mark,
// and the sentences outside regions are searched for indirect speech.
// Speakers are resolved in one final pass in text order.
#include "quotes/quotes.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>
#include <string>

#include "quotes/lexicon.h"
#include "quotes/scanner.h"
#include "text/stop_words.h"

namespace newsloom {

std::string_view QuoteKindName(QuoteKind kind) {
  return kind == QuoteKind::kDirect ? "direct" : "indirect";
}

namespace {

// The scanner's tokens and marks (scanner.h), used throughout.
using namespace quotes_internal;  // NOLINT: internal to this folder

// Abbreviations whose period does not end a sentence (besides single
// letters and the lexicon's titles).
constexpr std::string_view kAbbreviations[] = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep",
    "gov", "lt", "col", "sgt", "capt", "no", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "hr", "fr", "bl", "nr", "ca", "inc", "corp", "co", "ltd", "mme", "sra",
    "sig", "dott", "hon", "rev", "ft", "mt", "approx", "fig", "ave"};

bool IsAbbreviation(std::string_view lower) {
  if (lower.size() == 1) return true;
  for (std::string_view a : kAbbreviations)
    if (a == lower) return true;
  // "U.S", "a.m": inner periods.
  return lower.find('.') != std::string_view::npos;
}

// Name connectors inside capitalised runs ("Ursula von der Leyen").
constexpr std::string_view kNameConnectors[] = {
    "von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin",
    "ibn", "al", "el", "dos", "del", "ter", "zu"};

bool IsNameConnector(std::string_view lower) {
  for (std::string_view c : kNameConnectors)
    if (c == lower) return true;
  return false;
}

// A direct quote: marks [open, close] or a dash paragraph.
struct Region {
  uint32_t open = 0;      // token of the opening mark (or the dash)
  uint32_t close = 0;     // token of the closing mark, the comma before a
                          // dash quote's attribution, or one past the last
                          // token of an unclosed quote's paragraph
  bool closed = false;    // `close` is a real token of the region
  bool accepted = false;  // became a direct quotation
  bool dash = false;
  ByteSpan content;
  uint32_t words = 0;
};

struct Candidate {
  Quotation q;
  uint32_t para_first = 0, para_last = 0;
  uint32_t order = 0;  // byte where the attribution starts, for resolution
  // A direct quote opening its sentence: without a cue it continues the
  // previous quote's speech.
  bool standalone = false;
  // Attributed by "according to X" alone: X may be an outlet, so it is not
  // remembered as a named speaker for pronouns.
  bool source_only = false;
};

}  // namespace

struct QuoteFinder::Impl {
  QuoteOptions options;
  std::string_view text;
  const CompiledLexicon* lex = nullptr;
  const StopWordSet* stops = nullptr;  // null: the language has none
  // The caller's names within the text, sorted by start, without overlaps.
  std::vector<NameSpan> names;
  // last_person[i]: index of the last kPerson name among names[0..i] (or
  // kMisc, when none is a person: SetNames), or -1.
  std::vector<int32_t> last_person;
  // Whether a name is typed a person (a language with an entity model).
  bool has_persons = false;
  void SetNames(std::span<const NameSpan> given);
  std::vector<Token> toks;
  std::string lower;
  std::vector<Region> regions;
  std::vector<uint32_t> sent_begin;  // first token of each sentence
  std::vector<Candidate> cands;

  void PairMarks();
  bool TryDashQuote(uint32_t first, uint32_t end);
  void CutSentences();
  void AttributeRegions();
  // A sentence outside direct quotes: tokens [lo, hi) are its words
  // without leading and trailing punctuation; b is its first token.
  struct SentenceRange {
    size_t index = 0;
    uint32_t b = 0, lo = 0, hi = 0, para = 0;
  };
  void FindIndirect();
  bool AnaphoricSpeech(const SentenceRange& r);
  bool AnaphoricAfter(const Region& r, Quotation* q);
  bool HeadlineSpeech(const SentenceRange& r, uint32_t* covered);
  bool SourceSpeech(const SentenceRange& r);
  void VerbSpeech(const SentenceRange& r);
  void Resolve(std::vector<Quotation>* out);

  // Helpers over tokens.
  std::string_view Lower(const Token& t) const {
    return std::string_view(lower).substr(t.lb, t.le - t.lb);
  }
  bool IsWord(uint32_t i) const {
    return i < toks.size() && toks[i].kind == Tk::kWord;
  }
  bool IsPunct(uint32_t i, char c) const {
    return i < toks.size() && toks[i].kind == Tk::kPunct &&
           toks[i].e - toks[i].b == 1 && text[toks[i].b] == c;
  }
  bool Has(uint32_t i, uint32_t flag) const {
    return IsWord(i) && (toks[i].flags & flag);
  }
  bool IsBreakWord(uint32_t i) const {
    return IsWord(i) && !toks[i].cap && (toks[i].flags & kNpBreak);
  }
  bool IsAbbrevPeriod(uint32_t i) const;
  // A speaker's turn in a transcript starts at token i: one to three
  // capitalised words and a colon ("WALLACE:", "Sen. Warren:").
  uint32_t TurnAt(uint32_t i) const {
    uint32_t j = i;
    while (j < toks.size() && j - i < 4 && (IsWord(j) || GluedPeriod(j)) &&
           (toks[j].kind != Tk::kWord || toks[j].cap))
      ++j;
    return j > i && IsPunct(j, ':') && CountWords(i, j) <= 3 ? j : 0;
  }
  bool IsCue(uint32_t i, uint32_t verb_flag) const;
  // A '.' glued to the word before it ("Sen.", "R-Ky."): inside a sentence
  // (sentences are cut already) it belongs to a name or title.
  bool GluedPeriod(uint32_t i) const {
    return IsPunct(i, '.') && i > 0 && toks[i - 1].kind == Tk::kWord &&
           toks[i - 1].e == toks[i].b;
  }
  uint32_t SentenceEnd(uint32_t i) const;
  size_t SourceAt(uint32_t i) const;
  ByteSpan NpBackward(uint32_t verb, uint32_t lo) const;
  ByteSpan NpForward(uint32_t i, uint32_t hi, bool need_boundary) const;
  ByteSpan SpanOf(uint32_t first, uint32_t last) const {
    return {toks[first].b, toks[last].e};
  }
  ByteSpan Trim(uint32_t b, uint32_t e) const;
  ByteSpan TrimComma(ByteSpan s) const;
  uint32_t CountWords(uint32_t first, uint32_t end) const;
  // CountWords, but it stops counting past `cap` (returns at most cap + 1):
  // tests like "at least 3 words" stay constant-time in long sentences.
  uint32_t WordsUpTo(uint32_t first, uint32_t end, size_t cap) const;
  void MarkUsed(ByteSpan s);
  bool AttributeAfter(const Region& r, Quotation* q);
  bool AttributeBefore(const Region& r, Quotation* q);
  bool LongAppositive(uint32_t i, uint32_t end, Quotation* q);
  ByteSpan NameIn(ByteSpan s) const;
  // The first of the caller's names that ends after `pos`, or names.end():
  // names are sorted and disjoint, so it is the only one that can hold
  // `pos` or overlap a span starting there. (A search, not a scan: these
  // are asked about every paragraph's first words.)
  std::vector<NameSpan>::const_iterator NameEndingAfter(uint32_t pos) const {
    return std::lower_bound(names.begin(), names.end(), pos,
                            [](const NameSpan& n, uint32_t p) { return n.end <= p; });
  }
  // Whether `s` names no one: function words of the language alone (stop
  // words), no pronoun ("he", "he's") and no name among them, opening
  // with an article ("The", "La", "Les": a phrase cut short) or words of
  // at most two letters ("A:" of an interview, "Se si"). A
  // quantifier ("Some say", "Most believe") is a speaker, if a vague one.
  bool FunctionWordsOnly(ByteSpan s) const;
  // Whether `s` is one anaphoric opener ("Lo ha affermato X", "Det siger
  // X"): the speaker is after the verb.
  bool AnaphoricOnly(ByteSpan s) const;
  // Whether the caller's names in `s` are places and nothing else is in
  // it ("Egypte:" before a headline's claim is a section's label).
  bool PlaceOnly(ByteSpan s) const;
  bool HasTitle(ByteSpan s) const {
    auto it = std::lower_bound(toks.begin(), toks.end(), s.start,
                               [](const Token& t, uint32_t b) { return t.b < b; });
    for (; it != toks.end() && it->b < s.end; ++it)
      if (it->kind == Tk::kWord && (it->flags & kTitle)) return true;
    return false;
  }
  ByteSpan SourceNp(uint32_t i, uint32_t hi) const;
  // Where the source's noun phrase starts after a source phrase ending
  // before token i: past "(the) statements by" (SpeechLexicon::
  // report_nouns), else at i.
  uint32_t SourceStart(uint32_t i, uint32_t hi) const;
  // The source after a source phrase ending before token i: the noun
  // phrase at SourceStart, else (no phrase there) at i; SourceNp's when
  // `initial` (the phrase opens the sentence), else NpForward's.
  ByteSpan SourceAfter(uint32_t i, uint32_t hi, bool initial) const;
  ByteSpan RelativeAntecedent(uint32_t verb, uint32_t lo) const;
  ByteSpan LastNameBefore(uint32_t pos) const;
  bool IsOrgOrPlace(ByteSpan s) const;
  void AddIndirect(uint32_t verb_or_cue, ByteSpan content, ByteSpan speaker,
                   ByteSpan source, uint32_t para);
};

// True when byte `pos` of the text is white space (or outside it).
// U+00A0 (C2 A0) is white space at either of its bytes; the A0 of "à"
// (C3 A0) is not.
static bool SpaceAt(std::string_view text, int64_t pos) {
  if (pos < 0 || pos >= static_cast<int64_t>(text.size())) return true;
  unsigned char ch = text[pos];
  auto byte = [&](int64_t k) {
    return k >= 0 && k < static_cast<int64_t>(text.size()) ? static_cast<unsigned char>(text[k])
                                                           : 0;
  };
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
         (ch == 0xA0 && byte(pos - 1) == 0xC2) || (ch == 0xC2 && byte(pos + 1) == 0xA0) ||
         (ch == 0x80 && byte(pos - 1) == 0xC2);
}

namespace {

// The white space a quotation's ends are trimmed of, as whole characters:
// ASCII space, tab, CR, LF and, for French typography, U+00A0 no-break
// space, U+202F narrow no-break space and U+2009 thin space.
constexpr std::string_view kWideSpaces[] = {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"};

bool AsciiSpace(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

}  // namespace

// Never cuts a character: a span on character boundaries stays on them.
ByteSpan QuoteFinder::Impl::Trim(uint32_t b, uint32_t e) const {
  for (bool more = true; more && b < e;) {
    more = false;
    if (AsciiSpace(text[b])) {
      ++b;
      more = true;
      continue;
    }
    for (std::string_view w : kWideSpaces) {
      if (e - b >= w.size() && text.substr(b, w.size()) == w) {
        b += static_cast<uint32_t>(w.size());
        more = true;
        break;
      }
    }
  }
  for (bool more = true; more && e > b;) {
    more = false;
    if (AsciiSpace(text[e - 1])) {
      --e;
      more = true;
      continue;
    }
    for (std::string_view w : kWideSpaces) {
      if (e - b >= w.size() && text.substr(e - w.size(), w.size()) == w) {
        e -= static_cast<uint32_t>(w.size());
        more = true;
        break;
      }
    }
  }
  return {b, e};
}

uint32_t QuoteFinder::Impl::WordsUpTo(uint32_t first, uint32_t end,
                                     size_t cap) const {
  uint32_t n = 0;
  for (uint32_t i = first; i < end && i < toks.size() && n <= cap; ++i)
    n += toks[i].kind == Tk::kWord;
  return n;
}

// Without the comma English puts inside the marks ("…," he said).
ByteSpan QuoteFinder::Impl::TrimComma(ByteSpan s) const {
  while (!s.empty() && (text[s.end - 1] == ',' || text[s.end - 1] == ';'))
    s = Trim(s.start, s.end - 1);
  return s;
}

uint32_t QuoteFinder::Impl::CountWords(uint32_t first, uint32_t end) const {
  uint32_t n = 0;
  for (uint32_t i = first; i < end && i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind != Tk::kWord) continue;
    // Scripts written without spaces (CJK: lead bytes E3..E9, 3 bytes a
    // character) make one token of a whole clause; count about two
    // characters a word.
    unsigned char lead = static_cast<unsigned char>(text[t.b]);
    n += lead >= 0xE3 && lead <= 0xE9 ? std::max<uint32_t>(1, (t.e - t.b) / 6)
                                      : 1;
  }
  return n;
}

bool QuoteFinder::Impl::TryDashQuote(uint32_t first, uint32_t end) {
  // first: the dash; end: one past the paragraph's last token.
  if (first + 1 >= end || toks[first + 1].kind == Tk::kDash) return false;
  if (!SpaceAt(text, toks[first].e)) return false;  // "-5 degrees"
  // The attribution: the last comma followed, within a few words, by a
  // speech verb, with no sentence end between it and the paragraph's end.
  uint32_t comma = end;
  for (uint32_t i = end; i-- > first + 1;) {
    if (!IsPunct(i, ',')) continue;
    uint32_t words = 0;
    bool verb = false;
    for (uint32_t j = i + 1; j < end && words <= options.max_speaker_words; ++j) {
      if (toks[j].kind != Tk::kWord) continue;
      if (toks[j].flags & kSpeechVerb) {
        verb = true;
        break;
      }
      ++words;
    }
    if (verb && WordsUpTo(i + 1, end, options.max_cue_distance + 4) <=
                    options.max_cue_distance + 4) {
      comma = i;
      break;
    }
  }
  if (comma == end && !lex->dash_quotes()) return false;
  Region r;
  r.open = first;
  r.dash = true;
  r.closed = comma != end;
  r.close = comma;
  uint32_t last = comma == end ? end - 1 : comma - 1;
  r.words = CountWords(first + 1, last + 1);
  if (r.words < (r.closed ? 1u : options.min_direct_words)) return false;
  uint32_t e = toks[last].e;
  // A dash quote's content excludes its final full stop.
  if (!r.closed && toks[last].kind == Tk::kPunct) e = toks[last].b;
  r.content = Trim(toks[first].e, e);
  int32_t id = static_cast<int32_t>(regions.size());
  for (uint32_t i = first; i <= last; ++i) toks[i].region = id;
  regions.push_back(r);
  return true;
}

void QuoteFinder::Impl::PairMarks() {
  regions.clear();
  const uint32_t n = static_cast<uint32_t>(toks.size());
  int64_t open = -1;
  int64_t nested = -1;  // opener of a quote inside the open one
  auto add_region = [&](Region r) {
    if (r.content.empty() || r.words == 0) return;
    int32_t id = static_cast<int32_t>(regions.size());
    uint32_t last = r.closed ? r.close : r.close - 1;
    for (uint32_t k = r.open; k <= last; ++k) toks[k].region = id;
    regions.push_back(r);
  };
  // A quote still open at `end` (a paragraph break or the text's end)
  // ends there.
  auto finish_unclosed = [&](uint32_t end) {
    Region r;
    r.open = static_cast<uint32_t>(open);
    r.close = end;
    r.content = Trim(toks[open].e, toks[end - 1].e);
    r.words = CountWords(r.open + 1, end);
    add_region(r);
    open = -1;
    nested = -1;
  };
  for (uint32_t j = 0; j < n; ++j) {
    const Token& t = toks[j];
    bool para_start = j == 0 || toks[j - 1].kind == Tk::kPara;
    if (para_start && open < 0 && t.kind == Tk::kDash) {
      uint32_t end = j;
      while (end < n && toks[end].kind != Tk::kPara) ++end;
      if (TryDashQuote(j, end)) {
        j = end;
        continue;
      }
    }
    if (t.kind == Tk::kPara) {
      nested = -1;
      if (open < 0) continue;
      // A quote over several paragraphs re-opens each one with its mark,
      // unless the next one opens a new speaker's turn ("WALLACE: …").
      Mark om = toks[open].mark;
      if (j + 1 < n && toks[j + 1].kind == Tk::kMark && !IsSingleMark(om) &&
          (toks[j + 1].mark == om ||
           (CanOpen(toks[j + 1].mark) && Closes(om, toks[j + 1].mark))) &&
          !SpaceAt(text, toks[j + 1].e) && !TurnAt(j + 2)) {
        ++j;
        continue;
      }
      finish_unclosed(j);
      continue;
    }
    if (t.kind != Tk::kMark) continue;
    bool space_before = para_start || SpaceAt(text, int64_t{t.b} - 1) ||
                        toks[j - 1].kind != Tk::kWord;
    bool space_after = j + 1 >= n || SpaceAt(text, t.e) ||
                       toks[j + 1].kind == Tk::kPara;
    if (open < 0) {
      // An opener stands before a word, after space or punctuation
      // (French guillemets have a space inside: « Rien »).
      bool french = t.mark == kLeftGuil && j + 1 < n &&
                    toks[j + 1].kind == Tk::kWord;
      if (!CanOpen(t.mark) || (space_after && !french)) continue;
      if (!space_before && t.mark != kCornerO && t.mark != kWhiteCornerO)
        continue;
      open = j;
      continue;
    }
    const Token& o = toks[open];
    // A closer follows a word or punctuation; guillemets and corner
    // brackets may have space inside (French « … »). A single mark glued
    // to a following letter is an apostrophe.
    bool spaced_ok = t.mark == kRightGuil || t.mark == kLeftGuil ||
                     t.mark == kCornerC || t.mark == kWhiteCornerC ||
                     t.mark == kRightSGuil || t.mark == kLeftSGuil;
    bool close_position = !(SpaceAt(text, int64_t{t.b} - 1) && !spaced_ok &&
                            !space_after) &&
                          !(IsSingleMark(t.mark) && j + 1 < n &&
                            toks[j + 1].kind == Tk::kWord && toks[j + 1].b == t.e);
    if (nested >= 0) {
      // Inside a quote within the quote ("… of “Shark Tank.” But …"): its
      // closer ends only it.
      if (Closes(toks[nested].mark, t.mark) && close_position) nested = -1;
      continue;
    }
    if (!Closes(o.mark, t.mark) || !close_position) {
      // A mark of another style in opening position nests.
      if (CanOpen(t.mark) && space_before && !space_after &&
          !IsSingleMark(t.mark))
        nested = j;
      continue;
    }
    Region r;
    r.open = static_cast<uint32_t>(open);
    r.close = j;
    r.closed = true;
    r.content = TrimComma(Trim(o.e, t.b));
    r.words = CountWords(r.open + 1, j);
    add_region(r);
    open = -1;
  }
  if (open >= 0) finish_unclosed(n);
}

bool QuoteFinder::Impl::IsAbbrevPeriod(uint32_t i) const {
  // toks[i] is '.'; the word before it glued to it is an abbreviation.
  if (i == 0 || !IsWord(i - 1) || toks[i - 1].e != toks[i].b) return false;
  // A title abbreviates when short ("Sen.", "Gov.", "Prof."); a title
  // written out ends its sentence ("sagte ein Sprecher. Die …").
  const Token& w = toks[i - 1];
  return IsAbbreviation(Lower(w)) || ((w.flags & kTitle) && w.e - w.b <= 4);
}

// Whether token i is an unused verb of class `verb_flag` here: not a
// capitalised word inside a sentence ("the United States"), and a verb
// form that is also a plural noun ("tweets", "remarks") not right after a
// determiner or a possessive ("his tweets", "Obama's remarks").
bool QuoteFinder::Impl::IsCue(uint32_t i, uint32_t verb_flag) const {
  if (!Has(i, verb_flag) || toks[i].used) return false;
  const bool initial = i == 0 || toks[i].sent != toks[i - 1].sent ||
                       toks[i - 1].kind == Tk::kPara;
  if (toks[i].cap && !initial) return false;
  if (initial || !IsWord(i - 1)) return true;  // "…," tweets Trump
  const Token& p = toks[i - 1];
  // No verb right after "the" ("the think tank"), nor a passive one.
  if (p.flags & (kDefinite | kPassive)) return false;
  if (!(toks[i].flags & kAmbiguous)) return true;
  std::string_view prev = Lower(p);
  bool possessive = prev.size() > 2 && prev.substr(prev.size() - 2) == "'s";
  // "response to Macron comments": a noun compound after a preposition.
  bool compound = p.cap && i >= 2 && IsBreakWord(i - 2);
  return !possessive && !compound && !(p.flags & kDeterminer);
}

void QuoteFinder::Impl::CutSentences() {
  sent_begin.clear();
  uint32_t sent = 0;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  if (n) sent_begin.push_back(0);
  auto next_starts = [&](uint32_t j) {
    // Does a new sentence start at token j?
    while (j < n && toks[j].kind == Tk::kPunct &&
           (text[toks[j].b] == ')' || text[toks[j].b] == ']'))
      ++j;
    if (j >= n) return false;
    const Token& t = toks[j];
    return (t.kind == Tk::kWord && (t.cap || !u_isalpha(t.b < text.size() ? static_cast<unsigned char>(text[t.b]) : 'a'))) ||
           t.kind == Tk::kMark || t.kind == Tk::kDash || t.kind == Tk::kPara;
  };
  for (uint32_t i = 0; i < n; ++i) {
    Token& t = toks[i];
    t.sent = sent;
    bool end_here = false;
    if (t.kind == Tk::kPara) {
      end_here = t.region < 0;
    } else if (t.region >= 0) {
      const Region& r = regions[t.region];
      // After a closing mark whose quote ended a sentence ("… war." Next).
      if (r.closed && !r.dash && i == r.close && i > 0 &&
          toks[i - 1].kind == Tk::kPunct) {
        char c = text[toks[i - 1].b];
        // Not before a byline ("….” ― Sonya Herridge") or a lower-case
        // word ("…?” he asked).
        end_here = (c == '.' || c == '!' || c == '?') && next_starts(i + 1) &&
                   !(i + 1 < n && (toks[i + 1].kind == Tk::kWord ||
                                   toks[i + 1].kind == Tk::kDash));
      }
    } else if (t.kind == Tk::kPunct) {
      unsigned char c = text[t.b];
      bool stop = c == '.' || c == '!' || c == '?' ||
                  (t.e - t.b == 3 && text.substr(t.b, 3) == "\u2026");
      if (stop && !(c == '.' && IsAbbrevPeriod(i)) && next_starts(i + 1))
        end_here = true;
    }
    if (end_here && t.kind == Tk::kPara && sent_begin.back() == i) {
      sent_begin.back() = i + 1;  // the break after a full stop: no sentence
      continue;
    }
    if (end_here && i + 1 < n) {
      ++sent;
      sent_begin.push_back(i + 1);
    }
  }
}

uint32_t QuoteFinder::Impl::SentenceEnd(uint32_t i) const {
  uint32_t s = toks[i].sent;
  return s + 1 < sent_begin.size() ? sent_begin[s + 1]
                                   : static_cast<uint32_t>(toks.size());
}

size_t QuoteFinder::Impl::SourceAt(uint32_t i) const {
  if (!Has(i, kSourceStart)) return 0;
  std::string_view words[4];
  size_t k = 0;
  for (uint32_t j = i; k < 4 && IsWord(j) && toks[j].region < 0; ++j) {
    if (k > 0 && toks[j].b > toks[j - 1].e + 1) break;
    words[k++] = Lower(toks[j]);
  }
  return lex->MatchSource(words, k);
}

// The speaker noun phrase ending right before `verb` (auxiliaries and
// adverbs skipped), not reaching before token `lo`.
ByteSpan QuoteFinder::Impl::NpBackward(uint32_t verb, uint32_t lo) const {
  int64_t i = static_cast<int64_t>(verb) - 1;
  lo = std::max<int64_t>(lo, int64_t{verb} - int64_t(options.max_scan_tokens));
  while (i >= lo && Has(i, kFiller) && !toks[i].cap) --i;
  if (i < lo) return {};
  int64_t app_end = -1;
  // "Sen. Claire McCaskill (D-Mo.) said": a parenthesis closes the phrase.
  if (IsPunct(i, ')')) {
    int64_t j = i - 1;
    while (j >= lo && i - j < 8 && !IsPunct(j, '(') && toks[j].region < 0) --j;
    if (j < lo || !IsPunct(j, '(')) return {};
    app_end = i;
    i = j - 1;
  }
  int64_t last = i;
  if (IsPunct(i, ',')) {
    // "Dmitry Peskov, the Kremlin spokesman, said": skip the appositive.
    int64_t j = i - 1;
    size_t words = 0;
    while (j >= lo && words <= 2 * options.max_speaker_words &&
           (toks[j].kind == Tk::kWord || GluedPeriod(j)) && toks[j].region < 0) {
      words += toks[j].kind == Tk::kWord;
      --j;
    }
    if (j < lo || !IsPunct(j, ',') || words == 0) return {};
    if (app_end < 0) app_end = i - 1;
    i = j - 1;
    last = i;
  }
  if (i < lo || toks[i].kind != Tk::kWord || toks[i].region >= 0) return {};
  if (Has(i, kPronoun)) {
    ByteSpan s = SpanOf(i, app_end >= 0 ? app_end : i);
    return s;
  }
  if (IsBreakWord(i) || Has(i, kSpeechVerb | kBeliefVerb | kComplementizer))
    return {};
  int64_t first = i;
  size_t words = 0;
  for (int64_t j = i; j >= lo && words < options.max_speaker_words; --j) {
    const Token& t = toks[j];
    if (t.region >= 0) break;
    if (t.kind == Tk::kPunct && GluedPeriod(j)) continue;
    if (t.kind != Tk::kWord) break;
    if (!t.cap && (t.flags & kNpLink) && j > lo && IsWord(j - 1) &&
        !IsBreakWord(j - 1)) {
      first = j;  // "a spokesperson for ..."
      continue;
    }
    if (!t.cap && (t.flags & (kNpBreak | kSpeechVerb | kBeliefVerb |
                              kComplementizer | kPronoun)))
      break;
    if (t.flags & kPronoun && !t.cap) break;
    first = j;
    ++words;
  }
  // An np-link at the phrase's start belongs to the clause before it.
  while (first <= last && IsWord(first) && !toks[first].cap &&
         (toks[first].flags & kNpLink))
    ++first;
  if (first > last) return {};
  return SpanOf(first, app_end >= 0 ? app_end : last);
}

// The speaker noun phrase starting at token i ("said Mr Peskov"), before
// token hi. With need_boundary, the phrase must be followed by
// punctuation, a paragraph end, a break word or a source phrase ("adding
// it was" is not "said Peskov").
ByteSpan QuoteFinder::Impl::NpForward(uint32_t i, uint32_t hi,
                                      bool need_boundary) const {
  hi = std::min<uint32_t>({hi, static_cast<uint32_t>(toks.size()),
                           i + static_cast<uint32_t>(options.max_scan_tokens)});
  if (i >= hi || !IsWord(i) || toks[i].region >= 0) return {};
  uint32_t last = i;
  if (!Has(i, kPronoun) || toks[i].flags & kTitle) {
    if ((IsBreakWord(i) && !Has(i, kDefinite)) || SourceAt(i)) return {};
    size_t words = 0;
    for (uint32_t j = i; j < hi && words < options.max_speaker_words; ++j) {
      const Token& t = toks[j];
      if (t.region >= 0) break;
      if (t.kind == Tk::kPunct && IsAbbrevPeriod(j)) continue;
      if (t.kind == Tk::kPunct && text[t.b] == ',' && IsWord(j - 1) &&
          (toks[j - 1].flags & kTitle) && j + 1 < hi && IsWord(j + 1) &&
          toks[j + 1].cap) {
        continue;  // "Frankrigs præsident, Emmanuel Macron"
      }
      if (t.kind != Tk::kWord) break;
      if (!t.cap && (t.flags & kNpLink) && j + 1 < hi && IsWord(j + 1) &&
          !IsBreakWord(j + 1)) {
        continue;
      }
      bool determiner = j == i && (t.flags & kDefinite);  // Portuguese "a"
      if (!t.cap && !determiner &&
          (t.flags & (kNpBreak | kSpeechVerb | kComplementizer)))
        break;
      if (SourceAt(j)) break;
      // After a name, a lower-case word ends the phrase unless another
      // capitalised word follows at once ("Kremlin spokesperson Dmitry
      // Peskov", but "Emmanuel Macron diskuterede omkring").
      // (A capitalised article opening the phrase is no name: "The
      // president noted", "La revista señalaba".)
      if (!t.cap && words > 0 && toks[last].cap &&
          !(last == i && (toks[i].flags & kDefinite))) {
        // Only a title or a link between two names goes on ("Kremlin
        // spokesperson Dmitry Peskov", "Frankrigs præsident, Emmanuel
        // Macron"); "Emmanuel Macron diskuterede" stops.
        bool next_cap = (IsWord(j + 1) && toks[j + 1].cap) ||
                        (IsPunct(j + 1, ',') && IsWord(j + 2) && toks[j + 2].cap) ||
                        (IsWord(j + 1) && (toks[j + 1].flags & kTitle));
        if (!(t.flags & (kTitle | kNpLink)) || !next_cap) break;
      }
      last = j;
      ++words;
    }
  }
  if (need_boundary) {
    uint32_t k = last + 1;
    // (An adverb after an inverted pronoun: "», dit-il encore.")
    bool ok = k >= hi || toks[k].kind != Tk::kWord || IsBreakWord(k) ||
              SourceAt(k) || toks[k].region >= 0 ||
              (last == i && Has(i, kPronoun) && Has(k, kFiller));
    if (!ok) return {};
  }
  return SpanOf(i, last);
}

uint32_t QuoteFinder::Impl::SourceStart(uint32_t i, uint32_t hi) const {
  uint32_t j = i;
  // An article first: "the", "den", or a partitive link ("des
  // informations").
  if (Has(j, kDefinite | kDeterminer | kReportLink)) ++j;
  if (j + 1 >= hi || !Has(j, kReportNoun) || !Has(j + 1, kReportLink) ||
      toks[j + 1].cap) {
    return i;
  }
  return Has(j + 1, kDefinite) ? j + 1 : j + 2;
}

ByteSpan QuoteFinder::Impl::SourceAfter(uint32_t i, uint32_t hi, bool initial) const {
  auto np = [&](uint32_t k) { return initial ? SourceNp(k, hi) : NpForward(k, hi, false); };
  const uint32_t from = SourceStart(i, hi);
  ByteSpan src = np(from);
  if (src.empty() && from != i) src = np(i);
  return src;
}

// The X of a sentence-initial "according to X": the noun phrase, but
// without a comma after it only its name or its first word (with a
// determiner before it): Danish "Ifølge præsidenten gælder det …" puts the
// verb right after X.
ByteSpan QuoteFinder::Impl::SourceNp(uint32_t i, uint32_t hi) const {
  ByteSpan np = NpForward(i, hi, false);
  if (np.empty()) return np;
  uint32_t k = i;
  while (k < hi && toks[k].b < np.end) ++k;
  if (k >= hi || toks[k].kind != Tk::kWord) return np;
  uint32_t last = i;
  if (toks[i].cap) {
    while (last + 1 < k && IsWord(last + 1) && toks[last + 1].cap) ++last;
  } else if (Has(i, kDefinite) && i + 1 < k) {
    last = i + 1;
    // and the names after it ("des Senders NDR")
    while (last + 1 < k && IsWord(last + 1) && toks[last + 1].cap) ++last;
  }
  return SpanOf(i, last);
}

// "Robert Fico, who was quoted … as saying": the phrase before ", who".
ByteSpan QuoteFinder::Impl::RelativeAntecedent(uint32_t verb, uint32_t lo) const {
  for (uint32_t j = verb; j-- > lo + 1 && verb - j <= options.max_scan_tokens;) {
    if (toks[j].region >= 0) return {};
    if (Has(j, kRelative) && IsPunct(j - 1, ',')) return NpBackward(j - 1, lo);
  }
  return {};
}

void QuoteFinder::Impl::MarkUsed(ByteSpan s) {
  if (s.empty()) return;
  auto it = std::lower_bound(toks.begin(), toks.end(), s.start,
                             [](const Token& t, uint32_t b) { return t.b < b; });
  for (; it != toks.end() && it->b < s.end; ++it) it->used = true;
}

// "…," said X / "…," X said / "…" (according to X): the cue after the
// closing mark, in the same sentence.
bool QuoteFinder::Impl::AttributeAfter(const Region& r, Quotation* q) {
  if (!r.closed) return false;
  uint32_t start = r.close + 1;
  uint32_t end = SentenceEnd(r.close);
  uint32_t words = 0;
  uint32_t i = start;
  bool dash = false;
  while (i < end && toks[i].kind != Tk::kWord) {
    if (toks[i].kind == Tk::kMark || toks[i].kind == Tk::kPara) return false;
    dash |= toks[i].kind == Tk::kDash;
    ++i;
  }
  if (i >= end) return false;
  const uint32_t first_word = i;
  if ((dash || !lex->lexicon()) && toks[i].cap) {
    // A byline: "…” ― Sonya Herridge"; without a lexicon, a name right
    // after the quote: «…», Emmanuel Macron.
    ByteSpan sp = NpForward(i, end, true);
    uint32_t k = i;
    while (k < end && toks[k].b < sp.end) ++k;
    if (!sp.empty() && WordsUpTo(k, end, 0) == 0) {
      q->speaker = sp;
      return true;
    }
  }
  if (LongAppositive(first_word, end, q)) return true;
  end = std::min<uint32_t>(end, start + options.max_scan_tokens);
  for (; i < end && words <= options.max_cue_distance; ++i) {
    const Token& t = toks[i];
    if (t.region >= 0 || t.kind == Tk::kMark) return false;
    if (t.kind != Tk::kWord) {
      if (t.kind != Tk::kPunct) return false;
      char c = text[t.b];
      if (c != ',' && c != '(' && c != ')' && !GluedPeriod(i)) return false;
      continue;
    }
    if (size_t len = SourceAt(i)) {
      if (words == 0) {
        ByteSpan src = SourceAfter(i + len, end, false);
        if (src.empty()) return false;
        q->cue = SpanOf(i, i + len - 1);
        q->source = src;
        return true;
      }
      return false;
    }
    if (IsCue(i, kSpeechVerb)) {
      // Only auxiliaries before the verb ("…», a déclaré Macron"): the
      // speaker follows it.
      bool subject_before = false;
      for (uint32_t j = first_word; j < i; ++j)
        subject_before |= IsWord(j) && !(toks[j].flags & kFiller);
      ByteSpan sp = subject_before ? NpBackward(i, start)
                                   : NpForward(i + 1, end, true);
      // «…». Lo ha affermato il cardinale X: X said it.
      if (AnaphoricOnly(sp)) sp = NpForward(i + 1, end, true);
      if (sp.empty()) return false;
      q->cue = SpanOf(i, i);
      q->speaker = sp;
      // "siger han ifølge Reuters": a source after the speaker.
      for (uint32_t j = i + 1; j < end && toks[j].b < sp.end + 32; ++j) {
        if (toks[j].b < sp.end) continue;
        if (size_t len = SourceAt(j)) {
          q->source = NpForward(j + len, end, false);
          if (!q->source.empty()) MarkUsed(SpanOf(j, j + len - 1));
          break;
        }
        if (toks[j].kind != Tk::kWord) break;
      }
      return true;
    }
    ++words;
  }
  return false;
}

// "…," Scott Pruitt, the Republican attorney general of Oklahoma, one of
// the states suing, said: a name, then an appositive too long for
// NpBackward, then the verb.
bool QuoteFinder::Impl::LongAppositive(uint32_t i, uint32_t end, Quotation* q) {
  if (!toks[i].cap || Has(i, kPronoun | kDefinite)) return false;
  ByteSpan np = NpForward(i, end, false);
  if (np.empty()) return false;
  uint32_t k = i;
  while (k < end && toks[k].b < np.end) ++k;
  if (!IsPunct(k, ',')) return false;
  for (uint32_t j = k + 1, words = 0;
       j < end && words < 3 * options.max_cue_distance &&
       j - k <= options.max_scan_tokens;
       ++j) {
    if (toks[j].kind != Tk::kWord) {
      if (toks[j].kind != Tk::kPunct) return false;
      continue;
    }
    if ((toks[j].flags & kSpeechVerb) && !toks[j].cap && !toks[j].used &&
        IsPunct(j - 1, ',')) {
      q->cue = SpanOf(j, j);
      q->speaker = {np.start, toks[j - 2].e};
      return true;
    }
    ++words;
  }
  return false;
}

// X said: "…" / According to X, "…": the cue before the opening mark.
bool QuoteFinder::Impl::AttributeBefore(const Region& r, Quotation* q) {
  uint32_t s = toks[r.open].sent;
  uint32_t lo = sent_begin[s];
  // Not before an earlier quote of the same sentence, nor far back.
  if (r.open > lo + options.max_scan_tokens)
    lo = r.open - options.max_scan_tokens;
  for (uint32_t j = r.open; j-- > lo;) {
    if (toks[j].region >= 0) {
      lo = j + 1;
      break;
    }
  }
  uint32_t words = 0;
  for (uint32_t i = r.open; i-- > lo && words <= options.max_cue_distance;) {
    const Token& t = toks[i];
    if (t.kind != Tk::kWord) continue;
    if (IsCue(i, kSpeechVerb)) {
      ByteSpan sp = NpBackward(i, lo);
      if (sp.empty()) sp = RelativeAntecedent(i, lo);
      if (sp.empty() && IsPunct(i - 1, ',') && !cands.empty()) {
        // "…,” Macron insisted, stressing that “…”: the same speaker as
        // the quote before, in the same sentence.
        const Quotation& prev = cands.back().q;
        if (!prev.cue.empty() && !prev.speaker.empty() &&
            prev.cue.start >= toks[sent_begin[s]].b) {
          q->cue = SpanOf(i, i);
          q->speaker = prev.speaker;
          return true;
        }
      }
      if (sp.empty()) return false;
      q->cue = SpanOf(i, i);
      q->speaker = sp;
      return true;
    }
    ++words;
  }
  // "According to X, "…"" at the sentence start.
  if (size_t len = SourceAt(lo)) {
    ByteSpan src = NpForward(lo + len, r.open, false);
    if (!src.empty()) {
      q->cue = SpanOf(lo, lo + len - 1);
      q->source = src;
      return true;
    }
  }
  return false;
}

void QuoteFinder::Impl::AttributeRegions() {
  for (Region& r : regions) {
    Candidate c;
    c.q.kind = QuoteKind::kDirect;
    c.q.content = r.content;
    uint32_t sent_first = sent_begin[toks[r.open].sent];
    c.standalone = r.open == sent_first || r.dash ||
                   (r.open > 0 && toks[r.open - 1].kind == Tk::kDash);
    bool found = AttributeAfter(r, &c.q) || AttributeBefore(r, &c.q) ||
                 AnaphoricAfter(r, &c.q);
    if (uint32_t colon = found ? 0 : TurnAt(r.open + 1)) {
      // A transcript turn in quotation marks: "PENCE: Well, look, …
      c.q.speaker = SpanOf(r.open + 1, colon - 1);
      c.q.cue = SpanOf(colon, colon);
      found = true;
    }
    if (r.words < options.min_direct_words) {
      // A short quote is one only as a whole utterance with a cue ("Yes,"
      // he said / said: "No."); inside a clause ("there was "no
      // consensus"") it is a scare quote or a title.
      bool utterance = c.standalone ||
                       (r.open > 0 && (IsPunct(r.open - 1, ':') ||
                                       IsPunct(r.open - 1, ',') ||
                                       Has(r.open - 1, kSpeechVerb)));
      // "Rubio called the statement "offensive and outlandish"": a cue
      // just before the marks.
      if (found && !c.q.cue.empty() && c.q.cue.end <= toks[r.open].b) {
        uint32_t k = r.open;
        while (k > 0 && toks[k - 1].b >= c.q.cue.end) --k;
        utterance |= CountWords(k, r.open) <= options.max_short_quote_gap;
      }
      if (!found || !utterance) {
        // Not a quote: its words are the sentence's again.
        uint32_t last = std::min<uint32_t>(r.closed ? r.close : r.close - 1,
                                           toks.size() - 1);
        for (uint32_t k = r.open; k <= last; ++k) toks[k].region = -1;
        continue;
      }
    }
    if (!found && !c.standalone) {
      // A quote inside a clause without a cue of its own: the clause's
      // subject, when it opens the sentence with a name or a pronoun
      // ("Dmitry Peskov called the suggestion "a very important new
      // element"").
      if (IsWord(sent_first) && toks[sent_first].cap) {
        ByteSpan sp = NpForward(sent_first, r.open, false);
        if (!sp.empty() && (Has(sent_first, kPronoun | kDefinite) || !NameIn(sp).empty()))
          c.q.speaker = sp;
      }
    }
    r.accepted = true;
    c.source_only = c.q.speaker.empty() && !c.q.source.empty();
    MarkUsed(c.q.cue);
    MarkUsed(c.q.speaker);
    MarkUsed(c.q.source);
    c.para_first = toks[r.open].para;
    uint32_t last = r.closed ? r.close : r.close - 1;
    c.para_last = toks[std::min<uint32_t>(last, toks.size() - 1)].para;
    c.order = r.content.start;
    cands.push_back(c);
  }
}

void QuoteFinder::Impl::AddIndirect(uint32_t cue_tok, ByteSpan content,
                                    ByteSpan speaker, ByteSpan source,
                                    uint32_t para) {
  Candidate c;
  c.q.kind = QuoteKind::kIndirect;
  c.q.content = content;
  c.q.cue = SpanOf(cue_tok, cue_tok);
  c.q.speaker = speaker;
  c.q.source = source;
  c.para_first = c.para_last = para;
  c.order = std::min(content.start, speaker.empty() ? content.start : speaker.start);
  cands.push_back(c);
  MarkUsed(c.q.cue);
  MarkUsed(speaker);
  MarkUsed(source);
}

void QuoteFinder::Impl::FindIndirect() {
  const uint32_t n = static_cast<uint32_t>(toks.size());
  uint32_t covered = 0;  // tokens before this belong to a quotation already
  for (size_t s = 0; s < sent_begin.size(); ++s) {
    SentenceRange r;
    r.index = s;
    r.b = sent_begin[s];
    if (r.b < covered) continue;
    // The sentence's own words: [lo, hi) without a final stop or break.
    r.lo = r.b;
    r.hi = s + 1 < sent_begin.size() ? sent_begin[s + 1] : n;
    while (r.hi > r.lo && toks[r.hi - 1].kind != Tk::kWord &&
           toks[r.hi - 1].region < 0)
      --r.hi;
    while (r.lo < r.hi && toks[r.lo].kind != Tk::kWord &&
           toks[r.lo].region < 0)
      ++r.lo;
    if (r.lo >= r.hi) continue;
    // A sentence with a direct quote in it is that quote's.
    bool has_region = false;
    for (uint32_t i = r.lo; i < r.hi; ++i)
      has_region |= toks[i].region >= 0 && regions[toks[i].region].accepted;
    if (has_region) continue;
    r.para = toks[r.lo].para;
    if (AnaphoricSpeech(r)) continue;
    if ((r.lo == 0 || toks[r.lo - 1].kind == Tk::kPara) &&
        HeadlineSpeech(r, &covered))
      continue;
    if (SourceSpeech(r)) continue;
    VerbSpeech(r);
  }
}

// «…». Lo ha affermato X / «…». Det siger X: the next sentence opens with
// an anaphoric opener and a speech verb, and X said the quote.
bool QuoteFinder::Impl::AnaphoricAfter(const Region& r, Quotation* q) {
  if (!r.closed) return false;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  uint32_t i = r.close + 1;
  while (i < n && toks[i].kind == Tk::kPunct) ++i;
  if (i >= n || !Has(i, kAnaphoric) || toks[i].region >= 0) return false;
  uint32_t v = i + 1;
  while (v < n && v < i + 3 && Has(v, kFiller)) ++v;
  if (v >= n || !IsCue(v, kSpeechVerb)) return false;
  const ByteSpan sp = NpForward(v + 1, SentenceEnd(v), false);
  if (sp.empty()) return false;
  q->cue = SpanOf(v, v);
  q->speaker = sp;
  MarkUsed(SpanOf(i, i));
  return true;
}

// Danish "Det siger X": the content is the previous sentence.
bool QuoteFinder::Impl::AnaphoricSpeech(const SentenceRange& r) {
  const uint32_t lo = r.lo, hi = r.hi, b = r.b, para = r.para;
  const size_t s = r.index;
  // The opener, auxiliaries ("Lo ha affermato X"), the verb.
  uint32_t v = lo + 1;
  while (v < hi && v < lo + 3 && Has(v, kFiller)) ++v;
  if (Has(lo, kAnaphoric) && Has(v, kSpeechVerb) && s > 0 && !toks[v].used) {
    ByteSpan sp = NpForward(v + 1, hi, false);
    uint32_t pb = sent_begin[s - 1];
    uint32_t pe = b;
    while (pe > pb && toks[pe - 1].kind != Tk::kWord) --pe;
    if (!sp.empty() && pe > pb && toks[pb].region < 0 &&
        WordsUpTo(pb, pe, options.min_indirect_words) >=
            options.min_indirect_words) {
      ByteSpan src;
      for (uint32_t j = v + 1; j < hi; ++j) {
        if (toks[j].b < sp.end) continue;
        if (size_t len = SourceAt(j)) {
          src = SourceAfter(j + len, hi, true);
          if (!src.empty()) MarkUsed(SpanOf(j, j + len - 1));
          break;
        }
      }
      AddIndirect(v, Trim(toks[pb].b, toks[pe - 1].e), sp, src, para);
      return true;
    }
  }
  return false;
}

// A headline's "Graham: Trump's rhetoric destroying GOP's chance": a
// short capitalised name, a colon, the claim. A transcript's "WALLACE:
// Let's start …" the same, to the paragraph's end (*covered: one past the
// last token the quotation takes).
bool QuoteFinder::Impl::HeadlineSpeech(const SentenceRange& r,
                                       uint32_t* covered) {
  const uint32_t lo = r.lo, hi = r.hi, para = r.para;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  if (lo == 0 || toks[lo - 1].kind == Tk::kPara) {
    uint32_t colon = lo;
    while (colon < hi && colon - lo <= options.max_headline_source_words &&
           (IsWord(colon) || GluedPeriod(colon)))
      ++colon;
    uint32_t pe = hi;  // the paragraph's last word or mark, plus one
    while (pe < n && toks[pe].kind != Tk::kPara) ++pe;
    while (pe > hi && toks[pe - 1].kind == Tk::kPunct) --pe;
    bool quoted = false;
    for (uint32_t k = hi; k < pe; ++k)
      quoted |= toks[k].region >= 0 && regions[toks[k].region].accepted;
    // Only an upper-case name ("WALLACE:") marks a transcript turn.
    bool upper = colon > lo;
    for (uint32_t k = lo; k < colon; ++k) {
      std::string_view w = text.substr(toks[k].b, toks[k].e - toks[k].b);
      upper &= toks[k].kind != Tk::kWord ||
               std::none_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    }
    if (quoted || !upper) pe = hi;
    bool all_cap = true;
    for (uint32_t k = lo; k < colon; ++k)
      all_cap &= toks[k].kind != Tk::kWord || toks[k].cap;
    // The one before the colon may be someone: not a place the caller
    // found there alone ("Egypte: la place Tahrir …" is a section's
    // label, also "Desde Cuba:"), nor function words ("So: …", "Le : …").
    // An interview's "A:" is kept, its speaker unknown (Resolve).
    const ByteSpan who = colon > lo ? SpanOf(lo, colon - 1) : ByteSpan{};
    // Nor does a link follow it ("Fonte: http://…", "Source: www.…").
    const std::string_view after =
        colon + 1 < hi ? text.substr(toks[colon + 1].b, 4) : std::string_view();
    const bool link = after == "http" || after == "www.";
    // Without a person among the caller's names (a language with no
    // entity model), one word is as often a section's label ("Vente :",
    // "Source:", "PERSPECTIVE:") as a speaker: two are asked for.
    const bool someone = !link && !PlaceOnly(who) &&
                         !(FunctionWordsOnly(who) && who.end - who.start > 1) &&
                         (has_persons || names.empty() || CountWords(lo, colon) >= 2);
    if (colon > lo && colon < hi && IsPunct(colon, ':') && all_cap && someone &&
        !Has(lo, kSourceStart) &&
        WordsUpTo(colon + 1, pe, options.min_indirect_words) >=
            options.min_indirect_words) {
      AddIndirect(colon, Trim(toks[colon + 1].b, toks[pe - 1].e),
                  SpanOf(lo, colon - 1), {}, para);
      *covered = pe;
      return true;
    }
  }
  return false;
}

// "According to X, CONTENT" / "CONTENT, according to X".
bool QuoteFinder::Impl::SourceSpeech(const SentenceRange& r) {
  const uint32_t lo = r.lo, hi = r.hi, para = r.para;
  for (uint32_t i = lo; i < hi; ++i) {
    size_t len = SourceAt(i);
    if (!len || toks[i].used) continue;
    // Only a sentence-initial X can run into the verb (Danish V2).
    ByteSpan src = SourceAfter(i + len, hi, WordsUpTo(lo, i, 2) <= 2);
    if (src.empty()) continue;
    uint32_t after = i + len;
    while (after < hi && toks[after].b < src.end) ++after;
    ByteSpan content;
    // "In addition, according to the department, CONTENT".
    bool lead_in = i > lo &&
                   WordsUpTo(lo, i, options.min_indirect_words) <
                       options.min_indirect_words &&
                   after < hi && IsPunct(after, ',');
    if (i == lo || lead_in) {
      if (after < hi && IsPunct(after, ',')) ++after;
      if (after < hi) content = Trim(toks[after].b, toks[hi - 1].e);
      if (WordsUpTo(after, hi, options.min_indirect_words) <
          options.min_indirect_words)
        content = {};
    } else {
      uint32_t cend = i;
      while (cend > lo && toks[cend - 1].kind != Tk::kWord) --cend;
      if (WordsUpTo(lo, cend, options.min_indirect_words) >=
          options.min_indirect_words)
        content = Trim(toks[lo].b, toks[cend - 1].e);
    }
    if (content.empty()) continue;
    AddIndirect(i, content, {}, src, para);
    cands.back().source_only = true;
    cands.back().q.cue = SpanOf(i, i + len - 1);
    return true;
  }
  return false;
}

// Speech and belief verbs: "CONTENT, X said", "CONTENT, said X", "X said
// (that) CONTENT"; the first verb that attributes something wins.
void QuoteFinder::Impl::VerbSpeech(const SentenceRange& r) {
  const uint32_t lo = r.lo, hi = r.hi, para = r.para;
  for (uint32_t v = lo; v < hi; ++v) {
    const Token& t = toks[v];
    if (t.kind != Tk::kWord || t.used) continue;
    bool speech = IsCue(v, kSpeechVerb);
    bool belief = IsCue(v, kBeliefVerb);
    if (!speech && !belief) continue;

    ByteSpan subject = NpBackward(v, lo);
    // "E' quanto ha detto X": what X said is the sentence before.
    if (AnaphoricOnly(subject)) continue;
    // "CONTENT, X said." / "CONTENT, said X." at the sentence's end.
    if (speech) {
      uint32_t comma = v;
      ByteSpan sp = subject;
      if (!subject.empty()) {
        comma = v;
        while (comma > lo && toks[comma - 1].b >= subject.start) --comma;
        --comma;
      } else if (v > lo && IsPunct(v - 1, ',')) {
        comma = v - 1;
        sp = NpForward(v + 1, hi, true);
      }
      uint32_t tail_from = sp.empty() ? v + 1 : v;
      while (tail_from < hi && toks[tail_from].b < sp.end) ++tail_from;
      // After the verb (and an inverted speaker) the sentence ends, or a
      // short phrase does ("said Friday"), or a comma starts another
      // clause ("Graham said, since the vast majority …").
      uint32_t tail = std::max(tail_from, v + 1);
      uint32_t tail_end = tail;
      while (tail_end < hi && !IsPunct(tail_end, ',') &&
             tail_end - tail <= options.max_scan_tokens)
        ++tail_end;
      // A tail that opens a clause ("said that …", "said they had …") is
      // the content of "X said CONTENT" instead; a short phrase ("said on
      // Friday") is not.
      bool phrase_tail = tail >= hi || !IsWord(tail) || IsBreakWord(tail) ||
                         SourceAt(tail);
      bool clause_tail = Has(tail, kComplementizer | kPronoun) ||
                         IsPunct(tail, ':');
      bool short_tail =
          !clause_tail &&
          (WordsUpTo(tail, hi, options.max_tail_words) <=
               (phrase_tail ? options.max_tail_words
                            : options.max_bare_tail_words) ||
           (tail_end < hi && IsPunct(tail_end, ',') &&
            WordsUpTo(tail, tail_end, options.max_tail_words) <=
                options.max_tail_words));
      if (comma > lo && comma < v && IsPunct(comma, ',') && !sp.empty() &&
          short_tail &&
          WordsUpTo(lo, comma, options.min_indirect_words) >=
              options.min_indirect_words) {
        AddIndirect(v, Trim(toks[lo].b, toks[comma - 1].e), sp, {}, para);
        return;
      }
    }
    // "X said (that) CONTENT".
    if (subject.empty()) subject = RelativeAntecedent(v, lo);
    if (subject.empty() && v > lo + 1 && Has(v - 1, kRelative))
      subject = NpBackward(v - 1, lo);  // "voters who say …"
    if (subject.empty() && v > lo &&
        ((IsBreakWord(v - 1) && !Has(v - 1, kRelative)) ||
         IsPunct(v - 1, ',')) &&
        toks[lo].cap && !Has(lo, kSourceStart)) {
      // "Wilson praised Rubio and said …", "Kaine decried that math,
      // saying …": the sentence's subject.
      ByteSpan sp = NpForward(lo, v, false);
      if (!sp.empty() && (Has(lo, kPronoun | kDefinite) || !NameIn(sp).empty()))
        subject = sp;
    }
    if (subject.empty()) continue;
    if (IsPunct(v + 1, ',') && !Has(v + 2, kComplementizer)) {
      // "This campaign, he says, is different.": the whole sentence.
      uint32_t before = v;
      while (before > lo && toks[before - 1].b >= subject.start) --before;
      if (before > lo && IsPunct(before - 1, ',') &&
          WordsUpTo(lo, hi, options.min_indirect_words) >=
              options.min_indirect_words) {
        AddIndirect(v, Trim(toks[lo].b, toks[hi - 1].e), subject, {}, para);
        return;
      }
    }
    uint32_t c = v + 1;
    uint32_t limit = std::min<uint32_t>(hi, v + 1 + options.max_complementizer_distance);
    bool comp = false;
    for (uint32_t j = v + 1; j < limit; ++j) {
      // Far from the verb, "that" is the complementizer only after a
      // prepositional phrase ("said during a rally in Michigan that");
      // "said measures would hit companies that …" has a relative "that".
      bool near = j <= v + 2 || IsBreakWord(v + 1);
      if ((Has(j, kComplementizer) && !toks[j].cap && near) ||
          IsPunct(j, ':')) {
        c = j + 1;
        comp = true;
        break;
      }
      if (toks[j].kind != Tk::kWord && !IsPunct(j, ',') &&
          toks[j].kind != Tk::kDash)
        break;
    }
    if (!comp) {
      // No complementizer: speech verbs take the rest of the sentence
      // ("said if he were president, …", "said on Friday he met …"),
      // belief verbs a clause that starts at once ("officials think
      // Wasserman Schultz is at risk").
      if (v + 1 >= hi || (!IsWord(v + 1) && toks[v + 1].kind != Tk::kMark))
        continue;
      if (belief && (IsBreakWord(v + 1) || !IsWord(v + 1))) continue;
    }
    while (c < hi && IsPunct(c, ',')) ++c;
    if (c >= hi || WordsUpTo(c, hi, options.min_indirect_words) <
                       options.min_indirect_words)
      continue;
    // "Wilson praised Rubio's positions and said …": the content stops
    // before a coordinated speech verb, which is the next cue.
    uint32_t end = hi;
    for (uint32_t j = c + 1; j + 1 < hi; ++j) {
      if (IsBreakWord(j) && IsCue(j + 1, kSpeechVerb)) {
        end = j;
        break;
      }
    }
    uint32_t last = end;
    while (last > c && toks[last - 1].kind != Tk::kWord) --last;
    if (last > c && WordsUpTo(c, last, options.min_indirect_words) >=
                        options.min_indirect_words) {
      AddIndirect(v, Trim(toks[c].b, toks[last - 1].e), subject, {}, para);
    }
    if (end == hi) return;
    v = end;  // the loop's ++v reaches the coordinated verb
  }
}

bool QuoteFinder::Impl::FunctionWordsOnly(ByteSpan s) const {
  if (s.empty() || stops == nullptr) return false;
  auto it = std::lower_bound(toks.begin(), toks.end(), s.start,
                             [](const Token& t, uint32_t b) { return t.b < b; });
  size_t words = 0;
  bool article = false, short_words = true;
  for (; it != toks.end() && it->b < s.end; ++it) {
    if (it->kind != Tk::kWord) continue;
    const std::string_view w = std::string_view(lower).substr(it->lb, it->le - it->lb);
    if (it->flags & kPronoun) return false;
    // "he's", "they’ve": a pronoun and a verb in one word.
    const size_t apostrophe = std::min(w.find('\''), w.find("\xE2\x80\x99"));
    if (apostrophe != std::string_view::npos &&
        (lex->Flags(w.substr(0, apostrophe)) & kPronoun)) {
      return false;
    }
    if (!stops->Contains(w)) return false;
    if (words++ == 0) article = it->flags & kDefinite;
    short_words &= it->e - it->b <= 2;
  }
  if (words == 0 || !(article || short_words)) return false;
  const auto n = NameEndingAfter(s.start);
  return n == names.end() || n->start >= s.end;
}

bool QuoteFinder::Impl::AnaphoricOnly(ByteSpan s) const {
  if (s.empty()) return false;
  auto it = std::lower_bound(toks.begin(), toks.end(), s.start,
                             [](const Token& t, uint32_t b) { return t.b < b; });
  return it != toks.end() && it->b == s.start && it->e == s.end && it->kind == Tk::kWord &&
         (it->flags & kAnaphoric);
}

bool QuoteFinder::Impl::PlaceOnly(ByteSpan s) const {
  if (s.empty()) return false;
  bool place = false;
  auto it = std::lower_bound(toks.begin(), toks.end(), s.start,
                             [](const Token& t, uint32_t b) { return t.b < b; });
  for (; it != toks.end() && it->b < s.end; ++it) {
    if (it->kind != Tk::kWord) continue;
    // The name that holds the word, if one does.
    auto n = NameEndingAfter(it->b);
    if (n != names.end() && (n->start > it->b || n->end < it->e)) n = names.end();
    if (n != names.end() && n->type == NameType::kLocation) {
      place = true;
      continue;
    }
    // "Desde Cuba:": a function word beside the place.
    if (n == names.end() && stops != nullptr &&
        stops->Contains(std::string_view(lower).substr(it->lb, it->le - it->lb))) {
      continue;
    }
    return false;
  }
  return place;
}

bool QuoteFinder::Impl::IsOrgOrPlace(ByteSpan s) const {
  // The first name overlapping `s` (names are sorted and disjoint).
  auto it = std::lower_bound(
      names.begin(), names.end(), s.start,
      [](const NameSpan& n, uint32_t pos) { return n.end <= pos; });
  if (it == names.end() || it->start >= s.end) return false;
  return it->type == NameType::kOrganization || it->type == NameType::kLocation;
}

// The name inside span `s`: the caller's (a person first), or the longest
// capitalised run that is not a title, pronoun or determiner.
ByteSpan QuoteFinder::Impl::NameIn(ByteSpan s) const {
  if (!names.empty()) {
    ByteSpan best;
    bool best_person = false;
    auto first = std::lower_bound(
        names.begin(), names.end(), s.start,
        [](const NameSpan& n, uint32_t pos) { return n.start < pos; });
    for (auto it = first; it != names.end() && it->start < s.end; ++it) {
      const NameSpan& n = *it;
      if (n.end > s.end || n.type == NameType::kLocation) continue;
      bool person = n.type == NameType::kPerson;
      if (best.empty() || person || !best_person) {
        best = {n.start, n.end};
        best_person = person;
      }
    }
    return best;
  }
  auto it = std::lower_bound(toks.begin(), toks.end(), s.start,
                             [](const Token& t, uint32_t b) { return t.b < b; });
  ByteSpan best;
  size_t best_words = 0;
  while (it != toks.end() && it->b < s.end) {
    auto run_end = it;
    size_t words = 0;
    auto last = it;
    while (run_end != toks.end() && run_end->b < s.end) {
      const Token& t = *run_end;
      bool name_word = t.kind == Tk::kWord && t.cap && !t.stop &&
                       !(t.flags & (kTitle | kPronoun | kDefinite | kSpeechVerb));
      bool connector = t.kind == Tk::kWord && !t.cap && words > 0 &&
                       IsNameConnector(Lower(t));
      if (!name_word && !connector) break;
      if (name_word) {
        ++words;
        last = run_end;
      }
      ++run_end;
    }
    // A run followed by a lower-case word of the phrase modifies it ("the
    // French president", "Ukraine's defence minister"): not the name.
    bool modifier = run_end != toks.end() && run_end->b < s.end &&
                    run_end->kind == Tk::kWord && !run_end->cap &&
                    !(run_end->flags & kSpeechVerb);
    if (words > 0 && words >= best_words && !modifier) {
      best = {it->b, last->e};
      best_words = words;
    }
    it = run_end == it ? it + 1 : run_end;
  }
  return best;
}

// The most recent person-like name before byte `pos`: the caller's last
// PER name, or the last run of two or more capitalised words.
ByteSpan QuoteFinder::Impl::LastNameBefore(uint32_t pos) const {
  ByteSpan best;
  if (!names.empty()) {
    // Names are sorted and disjoint: all before the first starting at or
    // after `pos` end before it, but the last of them may straddle it.
    auto it = std::lower_bound(
        names.begin(), names.end(), pos,
        [](const NameSpan& n, uint32_t p) { return n.start < p; });
    size_t k = it - names.begin();
    if (k > 0 && names[k - 1].end > pos) --k;
    if (k == 0 || last_person[k - 1] < 0) return best;
    const NameSpan& n = names[last_person[k - 1]];
    return {n.start, n.end};
  }
  auto it = std::lower_bound(toks.begin(), toks.end(), pos,
                             [](const Token& t, uint32_t b) { return t.b < b; });
  size_t run = 0;
  uint32_t run_end = 0;
  const auto stop = it - std::min<ptrdiff_t>(it - toks.begin(),
                                             options.max_resolution_tokens);
  while (it != stop) {
    --it;
    bool name_word = it->kind == Tk::kWord && it->cap && !it->stop &&
                     !(it->flags & (kTitle | kPronoun | kDefinite));
    if (name_word) {
      if (run == 0) run_end = it->e;
      ++run;
    } else {
      if (run >= 2) return {(it + 1)->b, run_end};
      run = 0;
    }
  }
  if (run >= 2) return {it->b, run_end};
  return best;
}

void QuoteFinder::Impl::Resolve(std::vector<Quotation>* out) {
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    if (a.q.content.start != b.q.content.start)
      return a.q.content.start < b.q.content.start;
    return a.q.kind < b.q.kind;  // direct first
  });
  // Content spans never overlap: directs win (their regions are disjoint
  // already), then the earlier indirect one. Sorted sweeps, O(n log n).
  std::vector<Candidate> kept;
  kept.reserve(cands.size());
  for (const Candidate& c : cands)
    if (c.q.kind == QuoteKind::kDirect) kept.push_back(c);
  const size_t directs = kept.size();
  uint32_t indirect_end = 0;  // end of the last kept indirect content
  for (const Candidate& c : cands) {
    if (c.q.kind == QuoteKind::kDirect) continue;
    if (c.q.content.start < indirect_end) continue;
    // The first direct ending after this content's start must start at or
    // after its end.
    auto it = std::upper_bound(
        kept.begin(), kept.begin() + directs, c.q.content.start,
        [](uint32_t pos, const Candidate& d) { return pos < d.q.content.end; });
    if (it != kept.begin() + directs && it->q.content.start < c.q.content.end)
      continue;
    indirect_end = c.q.content.end;
    kept.push_back(c);
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) {
    return a.q.content.start < b.q.content.start;
  });
  ByteSpan last_name;
  const Candidate* prev = nullptr;
  for (Candidate& c : kept) {
    Quotation& q = c.q;
    if (FunctionWordsOnly(q.speaker)) {
      // No one is named ("The" of a phrase cut short, "La", "Lo", "si"):
      // the speaker is unknown. (Dropping such indirect quotes lost more
      // real ones than false: PolNeAR train, 14 of 21.)
      q.speaker = {};
    }
    if (q.speaker.empty() && q.source.empty() && prev && c.standalone &&
        !prev->q.speaker.empty() &&
        c.para_first <= prev->para_last + options.max_inherit_paragraphs) {
      q.speaker = prev->q.speaker;
      q.speaker_name = prev->q.speaker_name;
      q.speaker_inherited = true;
    } else {
      if (q.speaker.empty() && !q.source.empty() && !IsOrgOrPlace(q.source))
        q.speaker = q.source;  // "according to X" and nothing else
    }
    if (!q.speaker.empty() && !q.speaker_inherited) {
      ByteSpan name = NameIn(q.speaker);
      auto first = std::lower_bound(toks.begin(), toks.end(), q.speaker.start,
                                    [](const Token& t, uint32_t b) { return t.b < b; });
      while (first != toks.end() && first->kind == Tk::kPara) ++first;
      bool pronoun = first != toks.end() && first->e == q.speaker.end &&
                     (first->flags & kPronoun);
      // A definite description stands for a person only when it names a
      // function ("the French president"), not "the letter".
      bool definite = first != toks.end() && (first->flags & kDefinite) &&
                      name.empty() && HasTitle(q.speaker);
      if (!name.empty() && !pronoun) {
        q.speaker_name = name;
      } else if (pronoun || definite) {
        q.speaker_name = !last_name.empty() ? last_name
                                            : LastNameBefore(q.speaker.start);
      }
    }
    if (!q.speaker_name.empty() && !c.source_only) last_name = q.speaker_name;
    prev = &c;
    out->push_back(q);
  }
}

void QuoteFinder::Impl::SetNames(std::span<const NameSpan> given) {
  names.clear();
  for (const NameSpan& n : given)
    if (n.start < n.end && n.end <= text.size()) names.push_back(n);
  std::sort(names.begin(), names.end(), [](const NameSpan& a, const NameSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  size_t kept = 0;
  for (const NameSpan& n : names)
    if (kept == 0 || n.start >= names[kept - 1].end) names[kept++] = n;
  names.resize(kept);
  last_person.resize(kept);
  // Where no name is typed a person (a language without an entity model,
  // whose names are kMisc but for known places), an untyped one of two
  // words or more may be ("Nicolas Sarkozy", not "Egypte").
  has_persons = std::any_of(names.begin(), names.end(),
                            [](const NameSpan& n) { return n.type == NameType::kPerson; });
  int32_t last = -1;
  for (size_t i = 0; i < kept; ++i) {
    const std::string_view name = text.substr(names[i].start, names[i].end - names[i].start);
    if (names[i].type == NameType::kPerson ||
        (!has_persons && names[i].type == NameType::kMisc &&
         name.find(' ') != std::string_view::npos)) {
      last = static_cast<int32_t>(i);
    }
    last_person[i] = last;
  }
}

QuoteFinder::QuoteFinder() : QuoteFinder(QuoteOptions()) {}
QuoteFinder::QuoteFinder(QuoteOptions options) : impl_(new Impl) {
  impl_->options = options;
}
QuoteFinder::~QuoteFinder() = default;

void QuoteFinder::Find(std::string_view text, std::string_view lang,
                       std::span<const NameSpan> names,
                       std::vector<Quotation>* out) {
  out->clear();
  Impl& m = *impl_;
  if (text.size() > std::numeric_limits<uint32_t>::max() / 2)
    text = text.substr(0, std::numeric_limits<uint32_t>::max() / 2);
  m.text = text;
  m.lex = &LexiconFor(lang);
  m.stops = FindStopWords(lang);
  m.SetNames(names);
  m.cands.clear();
  ScanText(text, *m.lex, m.stops, m.options.ascii_fast_path, &m.toks,
           &m.lower);
  if (m.toks.empty()) return;
  m.PairMarks();
  m.CutSentences();
  m.AttributeRegions();
  m.FindIndirect();
  m.Resolve(out);
}

std::vector<Quotation> FindQuotations(std::string_view text,
                                      std::string_view lang,
                                      std::span<const NameSpan> names) {
  QuoteFinder finder;
  std::vector<Quotation> out;
  finder.Find(text, lang, names, &out);
  return out;
}

}  // namespace newsloom
