#include "text/analyzer.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <array>
#include <map>
#include <unordered_map>
#include <utility>

#include "base/ascii.h"
#include "base/flat_string_map.h"
#include "base/utf8.h"
#include "text/ascii_words.h"
#include "text/languages.h"
#include "text/normalize.h"
#include "text/sentence_breaks.h"
#include "text/stop_words.h"

namespace newsloom {
namespace {

// Abbreviation lists ICU applies to sentence breaks ("Mr." does not end a
// sentence); see icu::FilteredBreakIteratorBuilder.
constexpr char kSentenceKeywords[] = "ss=standard";
// Sentence rules for text of unknown language.
constexpr char kDefaultSentenceLocale[] = "en";

// Apostrophes that may join an elided article to its word.
constexpr std::string_view kApostrophes[] = {"'", "\xE2\x80\x99", "\xCA\xBC"};

struct WordInfo {
  std::string term;
  bool is_stop = false;
};

// Everything an Analyzer needs for one language, loaded on first use.
struct LanguageState {
  const LanguageProfile* profile = nullptr;  // null: no registry row
  const StopWordSet* stop_words = nullptr;   // null: no list
  sb_stemmer* stemmer = nullptr;             // owned; null: no stemmer
  std::unique_ptr<icu::BreakIterator> sentences;
  // The same boundaries without ICU's iterator; null for tailored rules.
  std::unique_ptr<SentenceBreaks> fast_sentences;
  // norm -> term and stop flag of stemmable words. Word frequencies are
  // Zipfian, so most tokens hit: on English news this cache took the
  // analyser from 20 to 33 MB/s (Snowball was 37% of the time).
  FlatStringMap<WordInfo> words;

  LanguageState() = default;
  LanguageState(const LanguageState&) = delete;
  ~LanguageState() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
};

std::unique_ptr<icu::BreakIterator> NewSentenceIterator(std::string_view lang) {
  const bool known = lang.size() >= 2 && lang.size() <= 3 && lang != "und";
  const std::string code(known ? lang : kDefaultSentenceLocale);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(
      icu::Locale(code.c_str(), nullptr, nullptr, kSentenceKeywords), status));
  if (U_SUCCESS(status)) return it;
  status = U_ZERO_ERROR;  // no such locale data: plain root rules
  it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(),
                                                      status));
  return U_SUCCESS(status) ? std::move(it) : nullptr;
}

std::unique_ptr<LanguageState> LoadLanguage(std::string_view lang) {
  auto state = std::make_unique<LanguageState>();
  state->profile = FindLanguageProfile(lang);
  state->stop_words = FindStopWords(lang);
  if (state->profile != nullptr && !state->profile->snowball.empty()) {
    const std::string algorithm(state->profile->snowball);
    state->stemmer = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  }
  state->sentences = NewSentenceIterator(lang);
  const bool known = lang.size() >= 2 && lang.size() <= 3 && lang != "und";
  state->fast_sentences =
      SentenceBreaks::ForLocale(known ? lang : kDefaultSentenceLocale);
  return state;
}

// Character classes of a token's surface that decide its flags.
struct SurfaceFacts {
  bool has_digit = false;
  bool has_letter = false;
  bool capitalized = false;
  // Something other than letters, marks, format characters (soft hyphen)
  // and apostrophes: digits, periods ("U.S"), underscores. Such tokens are
  // not stemmed.
  bool has_other = false;
  bool ascii = true;         // every byte < 0x80
  bool ascii_upper = false;  // some byte is 'A'-'Z'

  bool stemmable() const { return has_letter && !has_other; }
};

// True for the code points Inspect() accepts in a stemmable word.
bool IsWordChar(UChar32 c) {
  if (c == 0x2019) return true;  // right single quotation mark as apostrophe
  constexpr uint32_t kMask = U_GC_L_MASK | U_GC_M_MASK | U_GC_CF_MASK;
  return (U_GET_GC_MASK(c) & kMask) != 0;
}

// SurfaceFacts bits of each byte, for Inspect()'s ASCII loop; kFactHigh marks
// the bytes >= 0x80, which end it.
enum : uint8_t {
  kFactDigit = 1,
  kFactLetter = 2,
  kFactUpper = 4,
  kFactOther = 8,
  kFactHigh = 16
};
constexpr std::array<uint8_t, 256> kByteFacts = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      t[c] = kFactHigh;
      continue;
    }
    const bool upper = c >= 'A' && c <= 'Z';
    const bool letter = upper || (c >= 'a' && c <= 'z');
    t[c] = static_cast<uint8_t>((c >= '0' && c <= '9' ? kFactDigit : 0) |
                                (letter ? kFactLetter : 0) |
                                (upper ? kFactUpper : 0) |
                                (!letter && c != '\'' ? kFactOther : 0));
  }
  return t;
}();

SurfaceFacts Inspect(std::string_view s) {
  SurfaceFacts facts;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  // The ASCII bytes up to the first other one, through the table.
  int32_t i = 0;
  uint8_t bits = 0;
  for (; i < n && (kByteFacts[p[i]] & kFactHigh) == 0; ++i) bits |= kByteFacts[p[i]];
  facts.has_digit = (bits & kFactDigit) != 0;
  facts.has_letter = (bits & kFactLetter) != 0;
  facts.has_other = (bits & kFactOther) != 0;
  facts.ascii_upper = (bits & kFactUpper) != 0;
  if (i > 0) facts.capitalized = (kByteFacts[p[0]] & kFactUpper) != 0;
  for (; i < n;) {  // the rest, code point by code point
    const bool first = i == 0;
    UChar32 c = p[i];
    if (c < 0x80) {
      ++i;
      facts.has_digit |= c >= '0' && c <= '9';
      const bool upper = c >= 'A' && c <= 'Z';
      const bool letter = upper || (c >= 'a' && c <= 'z');
      facts.has_letter |= letter;
      facts.has_other |= !letter && c != '\'';
      if (first) facts.capitalized = upper;
      continue;
    }
    facts.ascii = false;
    U8_NEXT(p, i, n, c);
    facts.has_digit |= u_isdigit(c) != 0;
    facts.has_letter |= u_isalpha(c) != 0;
    facts.has_other |= !IsWordChar(c);
    if (first) facts.capitalized = u_isupper(c) || u_istitle(c);
  }
  return facts;
}

// Offset and length of the first apostrophe in `s`, or {npos, 0}.
std::pair<size_t, size_t> FindApostrophe(std::string_view s) {
  std::pair<size_t, size_t> first(std::string_view::npos, 0);
  for (std::string_view a : kApostrophes) {
    const size_t pos = s.find(a);
    if (pos < first.first) first = {pos, a.size()};
  }
  return first;
}

bool IsSpaceAt(const uint8_t* p, int32_t i, int32_t n, int32_t* next) {
  UChar32 c;
  U8_NEXT(p, i, n, c);
  *next = i;
  return u_isUWhiteSpace(c);
}

bool IsSpaceBefore(const uint8_t* p, int32_t start, int32_t i, int32_t* prev) {
  UChar32 c;
  U8_PREV(p, start, i, c);
  *prev = i;
  return u_isUWhiteSpace(c);
}

// Space, tab, LF, VT, FF, CR.

// Shrinks [*begin, *end) of `text` to exclude white space at both ends.
void TrimSpace(std::string_view text, uint32_t* begin, uint32_t* end) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t b = static_cast<int32_t>(*begin), e = static_cast<int32_t>(*end);
  for (int32_t next; b < e && IsSpaceAt(p, b, e, &next);) b = next;
  for (int32_t prev; e > b && IsSpaceBefore(p, b, e, &prev);) e = prev;
  *begin = static_cast<uint32_t>(b);
  *end = static_cast<uint32_t>(e);
}

// ICU's word and sentence rules occasionally disagree: "Ａ.ก" is one word
// but two sentences. Merges the sentences such a token crosses, in one
// linear pass, and renumbers the tokens.
void MergeStraddledSentences(AnalyzedText* out) {
  std::vector<Sentence>& sentences = out->sentences;
  std::vector<bool> merge_next(sentences.size(), false);
  for (const Token& t : out->tokens) {
    for (uint32_t s = t.sentence;
         s + 1 < sentences.size() && t.end > sentences[s].end; ++s) {
      merge_next[s] = true;
    }
  }
  std::vector<uint32_t> new_index(sentences.size());
  uint32_t kept = 0;
  for (uint32_t s = 0; s < sentences.size(); ++s) {
    if (s > 0 && merge_next[s - 1]) {
      sentences[kept - 1].end = sentences[s].end;
    } else {
      sentences[kept++] = sentences[s];
    }
    new_index[s] = kept - 1;
  }
  sentences.resize(kept);
  for (size_t i = 0; i < out->tokens.size(); ++i) {
    Token& t = out->tokens[i];
    t.sentence = new_index[t.sentence];
    t.sentence_initial = i == 0 || out->tokens[i - 1].sentence != t.sentence;
  }
}

}  // namespace

void AnalyzedText::Clear() {
  sentences.clear();
  tokens.clear();
}

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::map<std::string, std::unique_ptr<LanguageState>, std::less<>> languages;
  std::unique_ptr<icu::BreakIterator> words;
  UText* utext = nullptr;  // reopened on every text
  UText* piece_utext = nullptr;  // reopened on every ICU piece of a text
  std::string scratch;
  std::vector<uint32_t> breaks;  // sentence boundaries of the current text

  ~Impl() {
    utext_close(utext);
    utext_close(piece_utext);
  }

  LanguageState& Language(std::string_view lang);
  void SplitSentences(std::string_view text, LanguageState& lang,
                      AnalyzedText* out);
  void SplitWords(std::string_view text, LanguageState& lang,
                  AnalyzedText* out);
  // Words of text[begin, end): AsciiWords (ASCII and SimpleCharAt()
  // characters: ascii_words.h) or ICU's iterator.
  void AsciiWords(std::string_view text, size_t begin, size_t end,
                  LanguageState& lang, AnalyzedText* out);
  void IcuWords(std::string_view text, size_t begin, size_t end,
                LanguageState& lang, AnalyzedText* out);
  // A word's tokens: the word itself, or, in a language with elisions
  // (French "l'homme"), the elided article and the rest (AddElidedWord).
  void AddWord(std::string_view text, uint32_t begin, uint32_t end,
               LanguageState& lang, AnalyzedText* out) {
    if (lang.profile != nullptr && !lang.profile->elisions.empty()) {
      AddElidedWord(text, begin, end, lang, out);
    } else {
      AddToken(text, begin, end, lang, out);
    }
  }
  void AddElidedWord(std::string_view text, uint32_t begin, uint32_t end,
                     LanguageState& lang, AnalyzedText* out);
  void AddToken(std::string_view text, uint32_t begin, uint32_t end,
                LanguageState& lang, AnalyzedText* out);
  // The term and stop flag of a stemmable word, through the cache; `hash`
  // is the cache's HashOf(norm).
  const WordInfo& LookUp(LanguageState& lang, const std::string& norm,
                         uint64_t hash);
  // Sets term and is_stop of the tokens AddToken left to the stem cache,
  // a few lookups ahead of one another: the cache of a long stream is
  // larger than the CPU's, and one lookup at a time waited for two misses
  // (its slot, then its entry) about once a token.
  void StemPending(LanguageState& lang, AnalyzedText* out);
  std::vector<uint32_t> pending;       // token indexes, for StemPending
  std::vector<uint64_t> pending_hash;  // their norms' hashes

  static bool IsStop(const LanguageState& lang, std::string_view norm) {
    return lang.stop_words != nullptr && lang.stop_words->Contains(norm);
  }

  WordInfo uncached;  // LookUp()'s answer when the cache is off
  bool straddled = false;  // a token of this text crosses a sentence end
};

LanguageState& Analyzer::Impl::Language(std::string_view lang) {
  auto it = languages.find(lang);
  if (it == languages.end()) {
    it = languages.emplace(std::string(lang), LoadLanguage(lang)).first;
  }
  return *it->second;
}

void Analyzer::Impl::SplitSentences(std::string_view text, LanguageState& lang,
                                    AnalyzedText* out) {
  if (options.ascii_fast_path && lang.fast_sentences != nullptr &&
      IsValidUtf8(text)) {
    lang.fast_sentences->Find(text, &breaks);
    uint32_t prev = 0;
    for (uint32_t pos : breaks) {
      uint32_t begin = prev, end = pos;
      TrimSpace(text, &begin, &end);
      if (begin < end) out->sentences.push_back({begin, end});
      prev = pos;
    }
    return;
  }
  icu::BreakIterator* it = lang.sentences.get();
  UErrorCode status = U_ZERO_ERROR;
  if (it != nullptr) it->setText(utext, status);
  if (it == nullptr || U_FAILURE(status)) {  // no ICU data: one sentence
    uint32_t begin = 0, end = static_cast<uint32_t>(text.size());
    TrimSpace(text, &begin, &end);
    if (begin < end) out->sentences.push_back({begin, end});
    return;
  }
  int32_t prev = it->first();
  for (int32_t pos = it->next(); pos != icu::BreakIterator::DONE;
       prev = pos, pos = it->next()) {
    uint32_t begin = static_cast<uint32_t>(prev);
    uint32_t end = static_cast<uint32_t>(pos);
    TrimSpace(text, &begin, &end);
    if (begin < end) out->sentences.push_back({begin, end});
  }
}

void Analyzer::Impl::SplitWords(std::string_view text, LanguageState& lang,
                                AnalyzedText* out) {
  if (!options.ascii_fast_path) {
    IcuWords(text, 0, text.size(), lang, out);
    return;
  }
  // ICU's word rules never join across ASCII white space followed by an
  // ASCII character (no rule looks back over white space, and ASCII has no
  // Extend or Format characters to attach to it), so the text splits there
  // into pieces that segment alone. Pieces with only ASCII, or ASCII and
  // SimpleCharAt() characters (text/ascii_words.h), go to AsciiWords; the
  // others to ICU, merged with the pieces between them when those are
  // short (each ICU call costs a setText).
  constexpr size_t kGap = 64;
  size_t done = 0;                          // tokens emitted up to here
  size_t icu_begin = std::string_view::npos, icu_end = 0;  // pending ICU span
  auto flush = [&](size_t upto) {
    if (icu_begin != std::string_view::npos) {
      IcuWords(text, icu_begin, icu_end, lang, out);
      done = icu_end;
    }
    AsciiWords(text, done, upto, lang, out);
    done = upto;
  };
  // A piece starts at 0 and wherever ASCII white space is followed by an
  // ASCII byte. Only the pieces holding a byte >= 0x80 matter: find each
  // such byte 8 bytes at a time, then the piece around it.
  const size_t n = text.size();
  auto starts_piece = [&](size_t i) {
    return IsAsciiSpace(text[i - 1]) && static_cast<unsigned char>(text[i]) < 0x80;
  };
  for (size_t from = 0;;) {
    const size_t high = FindNonAscii(text, from);
    if (high == n) break;
    size_t piece = high;  // back to the piece's start (never before `from`)
    while (piece > from && !starts_piece(piece)) --piece;
    size_t end = high + 1;  // on to the next piece's start
    while (end < n && !starts_piece(end)) ++end;
    // A piece whose only other characters are letters of alphabetic
    // scripts (é, ø, ж, λ) or typographic punctuation (‘ ’ “ ” – — …: 95%
    // of gva's) stays with the ASCII pieces (text/ascii_words.h).
    size_t k = high;
    while (k < end) {
      if (static_cast<unsigned char>(text[k]) < 0x80) {
        ++k;
      } else if (const size_t length = SimpleCharAt(text, k);
                 length != 0 && k + length <= end) {
        k += length;
      } else {
        break;
      }
    }
    if (k == end) {
      from = end;
      continue;
    }
    if (icu_begin != std::string_view::npos && piece - icu_end <= kGap) {
      icu_end = end;
    } else {
      flush(piece);
      icu_begin = piece;
      icu_end = end;
    }
    from = end;
  }
  flush(n);
}

void Analyzer::Impl::AsciiWords(std::string_view text, size_t begin,
                                size_t end, LanguageState& lang,
                                AnalyzedText* out) {
  const std::string_view piece = text.substr(begin, end - begin);
  AsciiWord word;
  if (IsAscii(piece)) {  // text/normalize.h
    for (size_t pos = 0; NextAsciiWord(piece, &pos, &word);) {
      AddWord(text, static_cast<uint32_t>(begin + word.begin),
              static_cast<uint32_t>(begin + word.end), lang, out);
    }
    return;
  }
  for (size_t pos = 0; NextSimpleWord(piece, &pos, &word);) {
    AddWord(text, static_cast<uint32_t>(begin + word.begin),
            static_cast<uint32_t>(begin + word.end), lang, out);
  }
}

void Analyzer::Impl::IcuWords(std::string_view text, size_t begin, size_t end,
                              LanguageState& lang, AnalyzedText* out) {
  if (words == nullptr || begin >= end) return;
  UErrorCode status = U_ZERO_ERROR;
  piece_utext = utext_openUTF8(piece_utext, text.data() + begin,
                               static_cast<int64_t>(end - begin), &status);
  if (U_FAILURE(status)) return;
  words->setText(piece_utext, status);
  if (U_FAILURE(status)) return;
  int32_t prev = words->first();
  for (int32_t pos = words->next(); pos != icu::BreakIterator::DONE;
       prev = pos, pos = words->next()) {
    if (words->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
      AddWord(text, static_cast<uint32_t>(begin + prev),
              static_cast<uint32_t>(begin + pos), lang, out);
    }
  }
}

void Analyzer::Impl::AddElidedWord(std::string_view text, uint32_t begin,
                                   uint32_t end, LanguageState& lang,
                                   AnalyzedText* out) {
  for (;;) {
    const std::string_view word = text.substr(begin, end - begin);
    const auto [pos, length] = FindApostrophe(word);
    if (pos == 0 || pos == std::string_view::npos || pos + length >= word.size())
      break;
    NormalizeWord(word.substr(0, pos), &scratch);
    if (!IsElision(*lang.profile, scratch)) break;
    AddToken(text, begin, begin + static_cast<uint32_t>(pos), lang, out);
    begin += static_cast<uint32_t>(pos + length);
  }
  AddToken(text, begin, end, lang, out);
}

void Analyzer::Impl::AddToken(std::string_view text, uint32_t begin,
                              uint32_t end, LanguageState& lang,
                              AnalyzedText* out) {
  const std::string_view surface = text.substr(begin, end - begin);
  const SurfaceFacts facts = Inspect(surface);
  Token& token = out->tokens.emplace_back();
  token.begin = begin;
  token.end = end;
  // Sentences and tokens are both in text order: advance a cursor.
  uint32_t s = out->tokens.size() > 1 ? out->tokens.end()[-2].sentence : 0;
  while (s + 1 < out->sentences.size() && begin >= out->sentences[s].end) ++s;
  token.sentence = s;
  token.sentence_initial =
      out->tokens.size() == 1 || out->tokens.end()[-2].sentence != s;
  straddled |= s < out->sentences.size() && end > out->sentences[s].end;
  if (facts.ascii) {  // NormalizeWord's ASCII case, without its scan
    token.norm.assign(surface);
    if (facts.ascii_upper) {
      for (char& c : token.norm) c = AsciiLower(c);
    }
  } else {
    NormalizeWordSlow(surface, &token.norm);
  }
  token.is_number = facts.has_digit;
  token.is_capitalized = facts.capitalized;
  if (lang.stemmer != nullptr && facts.stemmable() &&
      token.norm.size() <= options.max_stem_bytes) {
    pending.push_back(static_cast<uint32_t>(out->tokens.size() - 1));
  } else {
    token.term = token.norm;
    token.is_stop = IsStop(lang, token.norm);
  }
}

void Analyzer::Impl::StemPending(LanguageState& lang, AnalyzedText* out) {
  pending_hash.resize(pending.size());
  for (size_t i = 0; i < pending.size(); ++i) {
    pending_hash[i] = FlatStringMap<WordInfo>::HashOf(out->tokens[pending[i]].norm);
  }
  lang.words.ForEachPrefetched(pending_hash, [&](size_t i) {
    Token& token = out->tokens[pending[i]];
    const WordInfo& info = LookUp(lang, token.norm, pending_hash[i]);
    token.term = info.term;
    token.is_stop = info.is_stop;
  });
  pending.clear();
}

const WordInfo& Analyzer::Impl::LookUp(LanguageState& lang,
                                       const std::string& norm,
                                       uint64_t hash) {
  if (const WordInfo* cached = lang.words.Find(norm, hash)) return *cached;
  // A full cache starts over: simpler than LRU and as good for text whose
  // vocabulary drifts slowly. With caching off, `uncached` holds the answer.
  if (lang.words.size() >= options.stem_cache_entries) lang.words.clear();
  WordInfo& info = options.stem_cache_entries == 0 ? uncached
                                                   : *lang.words.Insert(norm, hash).first;
  info.is_stop = IsStop(lang, norm);
  const sb_symbol* stem = sb_stemmer_stem(
      lang.stemmer, reinterpret_cast<const sb_symbol*>(norm.data()),
      static_cast<int>(norm.size()));
  if (stem == nullptr) {  // Snowball's only failure: out of memory
    info.term = norm;
  } else {
    info.term.assign(reinterpret_cast<const char*>(stem),
                     static_cast<size_t>(sb_stemmer_length(lang.stemmer)));
  }
  return info;
}

Analyzer::Analyzer() : Analyzer(AnalyzerOptions()) {}

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) impl_->words.reset();
}

Analyzer::~Analyzer() = default;

void Analyzer::Analyze(std::string_view text, std::string_view lang,
                       AnalyzedText* out) {
  out->Clear();
  text = text.substr(0, Utf8PrefixLength(text, UINT32_MAX));
  UErrorCode status = U_ZERO_ERROR;
  impl_->utext = utext_openUTF8(impl_->utext, text.data(),
                                static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return;
  LanguageState& state = impl_->Language(lang);
  impl_->SplitSentences(text, state, out);
  impl_->straddled = false;
  impl_->SplitWords(text, state, out);
  impl_->StemPending(state, out);
  if (impl_->straddled) MergeStraddledSentences(out);
}

}  // namespace newsloom
