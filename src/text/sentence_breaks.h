// SentenceBreaks: ICU's sentence boundaries without ICU's break iterator.
// ICU's RuleBasedBreakIterator behind a filtered ("ss=standard") sentence
// instance was 14% of `newsloom eval` on gva-dev (about 85 instructions per
// byte); this walks the text once with a hand-written copy of the rules.
//
//   std::unique_ptr<SentenceBreaks> breaks = SentenceBreaks::ForLocale("en");
//   if (breaks != nullptr) breaks->Find(text, &positions);  // else use ICU
//
// What it computes is what ICU 72 computes for the locale (the tests compare
// them on every dev corpus, golden strings and random strings):
//
//  * UAX #29 sentence rules SB1-SB11, with each code point's
//    Sentence_Break property from ICU (u_getIntPropertyValue), Extend and
//    Format characters folded into the character before them (SB5).
//  * Then ICU's suppressions ("Mr.", "Dr.", "Ph.D." ... for "en"), read
//    from ICU's own break-iterator data (brkitr/<locale> exceptions/
//    SentenceBreak), applied the way icu::FilteredBreakIteratorBuilder's
//    iterator applies them: at each boundary (but the end of the text), step
//    back over one space, find the longest suppression ending there, read
//    backwards through a trie; a whole match removes the boundary, a match of
//    the part up to the first period ("Ph.") removes it when reading forwards
//    from there completes a suppression ("Ph.D.").
//
// ForLocale() returns null when the locale's sentence rules are tailored
// (differ from the root rules; Greek, for one), so callers fall back to
// ICU. Find() requires valid UTF-8; callers give ill-formed text to ICU.
//
// Thread safety: immutable after construction; Find() may run on many
// threads at once.
#ifndef NEWSLOOM_TEXT_SENTENCE_BREAKS_H_
#define NEWSLOOM_TEXT_SENTENCE_BREAKS_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace newsloom {

class SentenceBreaks {
 public:
  // The breaks of ICU's sentence instance for `locale` with keyword
  // "ss=standard" (e.g. "en", "de"; "" or "root" for the root rules), or
  // null when its rules are not the root rules or ICU's data is missing.
  static std::unique_ptr<SentenceBreaks> ForLocale(std::string_view locale);

  ~SentenceBreaks();
  SentenceBreaks(const SentenceBreaks&) = delete;
  SentenceBreaks& operator=(const SentenceBreaks&) = delete;

  // Replaces *breaks with the boundaries ICU's next() returns, in order:
  // byte offsets in (0, text.size()], the last one text.size() (nothing
  // for empty text).
  // REQUIRES: `text` is valid UTF-8 and shorter than 4 GiB.
  // Cost: linear in text size; a few code points of lookahead per period.
  void Find(std::string_view text, std::vector<uint32_t>* breaks) const;

  // Number of suppressions loaded (0: the locale has none).
  size_t suppression_count() const;

 private:
  struct Impl;
  explicit SentenceBreaks(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_SENTENCE_BREAKS_H_
