// Quotations: who said what in a news article, with byte spans.
//
//   QuoteFinder finder;                       // one per thread
//   std::vector<Quotation> quotes;            // reuse across articles
//   finder.Find(article.text, article.lang, names, &quotes);
//   for (const Quotation& q : quotes)
//     Print(q.kind, Slice(text, q.content), Slice(text, q.speaker));
//
// What is found:
//  * Direct quotes, between quotation marks of every style news uses:
//    “…” "…" „…“ „…” «…» »…« ‹…› ‚…‘ ‘…’ ”…” 「…」 『…』. Marks pair
//    within a paragraph (a line of the text); a quote nested inside a
//    quote (in another style: "… “Shark Tank.” …") is part of its content.
//    A quote left open at the end of a paragraph continues when the next
//    paragraph opens with a mark of the same style (the convention for
//    quotes over several paragraphs) and no new speaker's turn ("PENCE:");
//    otherwise it ends with its paragraph. Quotes of fewer than
//    QuoteOptions::min_direct_words words count only as whole utterances
//    with a cue ("Yes," he said; called it "crazy"), not as scare quotes. A single ASCII apostrophe is
//    never a mark (it is an apostrophe far more often); two in a row ('')
//    are a double quotation mark, as in some newspapers' archives.
//  * Dash quotes: a paragraph opening with "- ", "– " or "— " (Nordic news)
//    whose speaker follows: "- Intet bør udelukkes, siger Emmanuel Macron."
//    The content runs to the comma before the attribution. Languages whose
//    lexicon sets dash_quotes (da, sv, no) take every dash paragraph of at
//    least QuoteOptions::min_direct_words words; others only attributed ones.
//  * Indirect speech cued by the language's speech verbs (lexicon.h):
//    "X said (that) CONTENT", "CONTENT, X said", "CONTENT, said X",
//    "According to X, CONTENT", "CONTENT, according to X", Danish "Det
//    siger X" (content: the previous sentence), headlines "Graham: CLAIM",
//    transcript turns "WALLACE: …" (to the paragraph's end); belief verbs
//    ("believes") with a complementizer or a clause right after them. A
//    verb form that is also a plural noun ("tweets", "remarks") is a cue
//    only where a noun cannot be (not after "his", "a", "Obama's").
//
// Speakers: the noun phrase next to the cue ("Peskov said", "said Mr
// Peskov", "the French president said", "he added", "siger han"), with an
// appositive ("Dmitry Peskov, the Kremlin spokesman, said"), a parenthesis
// ("Sen. Claire McCaskill (D-Mo.) said") or a relative clause ("Robert
// Fico, who was quoted as saying") included; a byline after a quote ("…”
// ― Sonya Herridge"); for a quote inside a clause without a cue of its own,
// the clause's subject when it is a name or a pronoun. A
// quote with no cue in its sentence takes the speaker of the previous quote
// when that one is in the same or the previous paragraph (runs of quote
// paragraphs). Pronouns and definite descriptions are resolved to the most
// recent named speaker (`speaker_name`); the surface form stays in
// `speaker`. "according to X" / "ifølge X" is recorded as `source`; it
// becomes the speaker only when nothing else is (and X is not a name the
// caller typed ORG or LOC).
//
// Names: the caller may pass name spans from a named-entity recogniser;
// without them capitalised word runs serve (titles such as "Mr", the
// language's stop words (text/stop_words.h) and a capitalised word that
// modifies a noun, "the French president", left out).
//
// Robustness: any bytes are accepted. Invalid UTF-8 reads as single
// non-letter bytes; unbalanced marks end with their paragraph; texts over
// 4 GiB are cut (offsets are 32-bit). Cost is linear in the text size.
//
// Thread safety: a QuoteFinder reuses buffers, so use one per thread. The
// lexicons are immutable and shared.
#ifndef NEWSLOOM_QUOTES_QUOTES_H_
#define NEWSLOOM_QUOTES_QUOTES_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace newsloom {

// Bytes [start, end) of the article text; empty when start == end.
struct ByteSpan {
  uint32_t start = 0, end = 0;
  bool empty() const { return start >= end; }
  bool operator==(const ByteSpan&) const = default;
};

// The kind of a name found by a named-entity recogniser.
enum class NameType : uint8_t { kPerson, kOrganization, kLocation, kMisc };

// A name in the text, given by the caller (e.g. from src/ner):
// bytes [start, end) with its type. Spans may come in any order; spans
// that overlap others or run past the text are ignored.
struct NameSpan {
  uint32_t start = 0, end = 0;
  NameType type = NameType::kMisc;
};

enum class QuoteKind : uint8_t {
  kDirect,    // the speaker's words, between quotation marks or after a dash
  kIndirect,  // reported speech or belief: "X said that ...", "according to"
};

// "direct" or "indirect".
std::string_view QuoteKindName(QuoteKind kind);

struct Quotation {
  QuoteKind kind = QuoteKind::kDirect;

  // The quoted or reported words, without the quotation marks, the dash,
  // the complementizer ("that") or the sentence's final punctuation.
  ByteSpan content;

  // The speech verb or source phrase that attributes it ("said",
  // "ifølge"); empty when the speaker is inherited or unknown.
  ByteSpan cue;

  // The speaker as the text names it here ("Mr Peskov", "he", "the French
  // president", "a spokesperson for UK Prime Minister Rishi Sunak"); for a
  // quote continuing the previous one's speech, that quote's speaker span.
  // Empty when unknown.
  ByteSpan speaker;

  // The name `speaker` stands for: the name inside it, or, for pronouns and
  // definite descriptions, the most recent named speaker before it (it may
  // lie anywhere earlier in the text). Empty when nothing fits.
  ByteSpan speaker_name;

  // The source the text reports through: X of "according to X", "ifølge
  // X" ("siger han ifølge Reuters" -> Reuters). Empty when none.
  ByteSpan source;

  // True when the speaker was taken from the previous quote (no cue in this
  // quote's own sentence).
  bool speaker_inherited = false;
};

struct QuoteOptions {
  // A direct quote needs at least this many words unless a speech verb is
  // next to it: "no consensus" in the middle of a sentence is a scare
  // quote or a title, "Yes," he said is a quote.
  size_t min_direct_words = 4;

  // ... or when its cue is at most this many words before it ("called the
  // statement "outlandish"").
  size_t max_short_quote_gap = 2;

  // Words between a quote's closing mark and its speech verb ("…," the
  // French president Emmanuel Macron said) and, before an opening mark,
  // between the verb and the mark (said in a statement on Monday: "…").
  size_t max_cue_distance = 10;

  // Longest speaker noun phrase, in words.
  size_t max_speaker_words = 8;

  // A quote without a cue inherits the previous quote's speaker when that
  // quote ends at most this many paragraphs before it.
  size_t max_inherit_paragraphs = 1;

  // Parameters that affect performance:
  // How far any look around a cue or a quote goes, in tokens: bounds the
  // cost on pathological input ("said, said, said, …" over megabytes)
  // without touching real sentences.
  size_t max_scan_tokens = 64;

  // A pronoun with no named speaker before it looks for a name at most this
  // many tokens back (without caller names).
  size_t max_resolution_tokens = 2000;

  // Classify and lower-case ASCII characters without ICU (the same tokens;
  // tested against ICU). False forces ICU everywhere (the tests' oracle).
  bool ascii_fast_path = true;

  // Indirect speech needs at least this many words of content.
  size_t min_indirect_words = 3;

  // A sentence opening its paragraph with at most this many words and a
  // colon ("Graham: Trump's rhetoric is hateful.") attributes the rest to
  // those words, the headline convention.
  size_t max_headline_source_words = 4;

  // "CONTENT, X said Friday afternoon.": words after the verb (and an
  // inverted speaker) up to the sentence's end or the next comma.
  size_t max_tail_words = 6;

  // ... but only this many when the words after the verb do not open with
  // a preposition or a time word ("…, most of them said they had loved
  // it" is "X said CONTENT").
  size_t max_bare_tail_words = 2;

  // "X said during a rally in Michigan that CONTENT": tokens between the
  // verb and its complementizer.
  size_t max_complementizer_distance = 9;
};

class QuoteFinder {
 public:
  QuoteFinder();
  explicit QuoteFinder(QuoteOptions options);
  ~QuoteFinder();
  QuoteFinder(const QuoteFinder&) = delete;
  QuoteFinder& operator=(const QuoteFinder&) = delete;

  // Finds the quotations of `text`, written in `lang` (ISO 639-1; unknown
  // codes get the language-independent fallback), given the optional
  // `names` of the text. Replaces `*out` with them, sorted by content
  // start; the content spans of two quotations never overlap.
  void Find(std::string_view text, std::string_view lang,
            std::span<const NameSpan> names, std::vector<Quotation>* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-shot convenience: a fresh QuoteFinder with default options.
std::vector<Quotation> FindQuotations(std::string_view text,
                                      std::string_view lang,
                                      std::span<const NameSpan> names = {});

}  // namespace newsloom

#endif  // NEWSLOOM_QUOTES_QUOTES_H_
