// Per-language word lists of the quotation finder (quotes.h): speech verbs,
// "according to" phrases, pronouns, titles and the small function words that
// bound a speaker's noun phrase.
//
// One file per language (lexicon_en.cc, lexicon_da.cc, ...) defines one
// SpeechLexicon; lexicon.cc keeps the registry. Adding a language is one new
// file plus one row there. Languages without a lexicon get the
// language-independent fallback: direct quotes in every quote style, no
// speech verbs, speakers only from names right beside the quote.
//
// Every list is lower case (as u_tolower gives it), words separated by
// single spaces. Phrases of several words (source_phrases) are separated by
// '|'. The lists are small and documented, not a dictionary: they hold the
// forms news text uses to attribute speech (past and present, 3rd person,
// participles used with auxiliaries), not every conjugation.
//
// Thread safety: everything here is immutable static data; the compiled
// look-up tables are built once, thread-safely, on first use.
#ifndef NEWSLOOM_QUOTES_LEXICON_H_
#define NEWSLOOM_QUOTES_LEXICON_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsloom {

struct SpeechLexicon {
  // ISO 639-1 code, lower case.
  std::string_view lang;

  // Verbs (word forms) that report speech: "said says told added". They cue
  // direct quotes next to them and indirect speech ("X said that ...",
  // "..., X said").
  std::string_view speech_verbs;

  // Forms of those verbs that are also nouns ("tweets remarks calls"):
  // verbs only where a noun cannot be (not right after a determiner or a
  // possessive).
  std::string_view ambiguous_verbs;

  // Auxiliaries of the passive ("was declared", "blev sagt"): a verb right
  // after one is no cue.
  std::string_view passive_auxiliaries;

  // Determiners and possessives that are not definites ("a his their"):
  // a word after them is a noun.
  std::string_view determiners;

  // Verbs of belief and knowledge ("believes thinks"): they cue indirect
  // speech only with a complementizer right after them ("X believes that
  // ..."), never a direct quote.
  std::string_view belief_verbs;

  // Words that open reported content after a verb: "that", "at", "dass".
  std::string_view complementizers;

  // Phrases naming a source: "according to|as reported by". The noun
  // phrase after one is the quotation's source ("ifølge Reuters").
  std::string_view source_phrases;

  // Nouns for what a source gave, and the words that then name the source:
  // after a source phrase, "(the) NOUN LINK X" has the source X ("according
  // to statements by the police", "laut den Angaben der Polizei"). A link
  // that is also one of the definites is X's own article ("der Polizei")
  // and stays in the source; another ("by", "von") does not.
  std::string_view report_nouns;
  std::string_view report_links;

  // Personal pronouns that can be a speaker ("he she they"); resolved to
  // the most recent named speaker.
  std::string_view pronouns;

  // Determiners that open a definite description ("the", "den"): "the
  // French president said" is resolved like a pronoun.
  std::string_view definites;

  // Titles and functions written before names ("mr president minister"):
  // part of a speaker's surface form, never of the resolved name.
  std::string_view titles;

  // Auxiliaries and adverbs that may stand between a speaker and the verb
  // ("Macron has also said"): skipped when looking for the speaker.
  std::string_view fillers;

  // Words that end a speaker's noun phrase: prepositions, conjunctions,
  // relative pronouns, common time words ("said Peskov on Monday").
  std::string_view np_breaks;

  // Relative pronouns: "Robert Fico, who was quoted as saying: …" takes
  // its speaker from the noun phrase before ", who".
  std::string_view relatives;

  // Words that may join two nouns inside a speaker's noun phrase even
  // though they are np_breaks elsewhere: "a spokesperson for UK Prime
  // Minister Rishi Sunak", "the head of the agency".
  std::string_view np_links;

  // Demonstratives that, opening a sentence with a speech verb, point back
  // to the previous sentence as the content: Danish "Det siger Macron".
  std::string_view anaphoric_openers;

  // Paragraphs opening with a dash ("- Intet bør udelukkes, siger han") are
  // direct quotes, the Nordic convention. In other languages a dash
  // paragraph is a quote only when a speech verb attributes it.
  bool dash_quotes = false;

  // Subject pronouns written after their verb with a hyphen, as French
  // inverts them ("a-t-il ajouté", "dit-elle"): a word ending in one is
  // read as the verb and the pronoun (the part after the last hyphen).
  std::string_view inverted_pronouns = {};
};

// Word classes of a compiled lexicon; one word may be in several.
enum LexiconFlag : uint32_t {
  kSpeechVerb = 1 << 0,
  kBeliefVerb = 1 << 1,
  kComplementizer = 1 << 2,
  kSourceStart = 1 << 3,  // first word of a source phrase
  kPronoun = 1 << 4,
  kDefinite = 1 << 5,
  kTitle = 1 << 6,
  kFiller = 1 << 7,
  kNpBreak = 1 << 8,
  kAnaphoric = 1 << 9,
  kNpLink = 1 << 10,
  kRelative = 1 << 11,
  kAmbiguous = 1 << 12,
  kDeterminer = 1 << 13,
  kPassive = 1 << 14,
  kReportNoun = 1 << 15,
  kReportLink = 1 << 16,
};

class CompiledLexicon;

// The compiled lexicon of `lang` (ISO 639-1; "nb"/"nn" read as "no"), or the
// empty fallback lexicon for languages without one ("und", "zh", "").
// Never null; lives for the whole program.
const CompiledLexicon& LexiconFor(std::string_view lang);

// The languages that have a lexicon, in registry order.
const SpeechLexicon* const* AllLexicons(size_t* count);

// Fast look-up of a lexicon's word classes.
class CompiledLexicon {
 public:
  explicit CompiledLexicon(const SpeechLexicon* lexicon);

  // The LexiconFlag bits of `lower` (a lower-case word); 0 when unknown.
  uint32_t Flags(std::string_view lower) const;

  // The number of words of the source phrase starting at words[0..n), or 0.
  // `words` are lower-case word tokens in text order.
  size_t MatchSource(const std::string_view* words, size_t n) const;

  // The length of the inverted pronoun `lower` ends in ("-t-il" of
  // "a-t-il"; SpeechLexicon::inverted_pronouns), or 0 when it ends in none
  // or is nothing else.
  size_t InvertedPronounSuffix(std::string_view lower) const;

  // Null for the fallback.
  const SpeechLexicon* lexicon() const { return lexicon_; }
  bool dash_quotes() const { return lexicon_ && lexicon_->dash_quotes; }

 private:
  struct Entry {
    std::string_view word;
    uint32_t flags;
  };
  const SpeechLexicon* lexicon_;
  // Open-addressing hash table of every listed word (power-of-two size).
  std::vector<Entry> table_;
  // Source phrases split into words, longest first.
  std::vector<std::vector<std::string_view>> sources_;
  // SpeechLexicon::inverted_pronouns, longest first.
  std::vector<std::string_view> inverted_;
  void Add(std::string_view words, uint32_t flag);
};

}  // namespace newsloom

#endif  // NEWSLOOM_QUOTES_LEXICON_H_
