// SynthStream: a deterministic synthetic news stream for benchmarks and
// scale tests. An endless sequence of Articles in publication order, with
// gold event and story labels, every word of it made by this generator (no
// external data):
//
//   ASSIGN_OR_RETURN(auto stream, SynthStream::Create(SynthOptions{}));
//   for (int i = 0; i < 1000; ++i) {
//     std::cout << ToJsonLine(stream->Next()) << "\n";
//   }
//
// What it models (each with its knob in SynthOptions):
//  * Vocabulary. Every language has its own syllable inventory (consonant
//    groups, vowels, final consonants, inflection endings the stemmer
//    strips) and a short list of real function words. Concept k is word k
//    of every language: ranks map one-to-one onto pseudo-words, shorter
//    words for more frequent ranks, so one concept is a different word in
//    each language, as in translation. Words are drawn with Zipfian
//    frequencies over `vocabulary` ranks, in two regimes (a kernel lexicon
//    and a steeper tail), so the number of distinct words keeps growing with
//    the stream at about the pace of real news (Heaps' law). German
//    capitalises a fixed share of its words (nouns).
//  * Names. Persons (first and last name), places and organisations
//    (acronyms) come from one name inventory and are spelled alike in every
//    language: the cross-language signal. Their popularity is Zipfian: a
//    few recur in many stories, most appear once.
//  * Events. Each day brings about articles_per_day articles (fewer at
//    weekends, weekend_factor), in events that start at random times of the
//    day. An event is one article with probability singleton_share, else
//    its size is 1 + a Pareto variable (event_size_alpha, capped at
//    max_event_articles). Its first article appears at its start, the
//    others after an exponential delay (burst_days, at most
//    max_burst_days), each from an outlet of its language (a few big
//    outlets publish most). Some events are covered in several languages
//    (international_share). Lede sentences name the event's weekday or
//    date ("on Tuesday", "26. Februar") now and then.
//  * Stories. A new event continues an open story with probability
//    continue_story_share, sharing its persons, places and topic words;
//    else it opens a story, open for story_days_min..story_days_max days.
//    Every story has one of `genres` (think crime, weather, elections),
//    whose words all its stories share: look-alike events in different
//    stories, as real news has.
//  * Syndication. In an event of several articles, the first article in a
//    language is a wire agency report with probability wire_share; later
//    articles in that language are copies of it with probability
//    copy_share: the same text and headline under another outlet's name,
//    the same text with a new headline, a paragraph removed, or a paragraph
//    added (copy_kinds).
//  * Dates advance steadily: articles_per_day sets how many years a long
//    stream spans (300 a day: 200,000 articles cover about two years).
//
// Each Article gets external_id "syn-N" (N = 1, 2, ... in output order),
// gold_event "eN", gold_story "sN", lang, source, a unique url under
// ".example", title, text (paragraphs separated by a blank line), published,
// and id = ArticleId() (of the url).
//
// Determinism: the same options give the same articles, byte for byte. The
// generator has its own PRNG (SplitMix64) and its own samplers and never
// uses std::*_distribution, whose output the standard leaves to each
// library; only std::log/exp/pow could differ in a last bit between C
// libraries, and change a rare draw.
//
// Memory is bounded: the articles of the next few days (events are written
// whole when they start) and the open stories. Cost: about 35 µs per
// article (1.3 KB of text on average) on the project's VM.
//
// Thread safety: none; one SynthStream per thread.
#ifndef NEWSLOOM_BENCH_SYNTH_STREAM_H_
#define NEWSLOOM_BENCH_SYNTH_STREAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "base/time.h"

namespace newsloom {

struct SynthOptions {
  // ---- Stream ----
  uint64_t seed = 1;
  UnixSeconds start = 1577836800;  // 2020-01-01T00:00:00Z, a Wednesday
  // Mean articles per day over a week.
  double articles_per_day = 300;
  // A Saturday or Sunday brings this share of a weekday's articles.
  double weekend_factor = 0.6;
  // Languages of the stream; empty = every language SynthLanguages() lists,
  // each with its built-in share (English 35 %, the others 10-15 %).
  // Given explicitly, they keep their built-in shares relative to each other.
  std::vector<std::string> languages;

  // ---- Vocabulary ----
  // Concept ranks per language (function words first): the most distinct
  // words a language can have.
  uint64_t vocabulary = 2000000;
  // Word frequency of rank r ~ (r + 1)^-zipf_exponent up to kernel_words,
  // ~ (r + 1)^-tail_exponent beyond (the two regimes of Ferrer i Cancho &
  // Sole 2001). Calibrated on English: see bench/README.md for distinct
  // words per 100,000 and 1,000,000 words of text against real news.
  double zipf_exponent = 1.0;
  uint64_t kernel_words = 2500;
  double tail_exponent = 2.5;
  // Topic words (stories' and events' own) are drawn from the ranks at and
  // after this one, with the same Zipfian law: mid-frequency words.
  uint64_t topic_min_rank = 300;
  // Share of German words that are nouns and so capitalised.
  double german_noun_share = 0.35;
  // Share of word occurrences that carry an inflection ending.
  double inflection_share = 0.1;
  // Name pools, each with Zipfian popularity: P(rank r) ~ (r +
  // 1)^-name_exponent.
  double name_exponent = 1.0;
  uint64_t first_names = 3000;
  uint64_t surnames = 1000000;
  uint64_t places = 200000;
  uint64_t organisations = 17576;  // three-letter acronyms: at most 26^3
  size_t outlets_per_language = 40;

  // ---- Events ----
  double singleton_share = 0.45;
  // Sizes of multi-article events: 1 + ceil(Pareto(1, alpha)), capped.
  double event_size_alpha = 1.3;
  int max_event_articles = 150;
  // Delay of an event's later articles after its start: exponential with
  // this mean, truncated at max_burst_days.
  double burst_days = 0.8;
  double max_burst_days = 5;
  // Multi-article events (of at least 3 articles) reported in 2-4
  // languages instead of one.
  double international_share = 0.2;
  // An event's language is its story's with this probability.
  double story_language_share = 0.85;
  // Topic words of the event itself (on top of its story's).
  int event_words = 6;
  // Mentions of the event's weekday and date in the lede, per article.
  double weekday_mention_share = 0.5;
  double date_mention_share = 0.25;

  // ---- Stories ----
  double continue_story_share = 0.3;
  double story_days_min = 5;
  double story_days_max = 90;
  int story_words = 8;
  int genres = 24;
  int genre_words = 40;

  // ---- Syndication ----
  double wire_share = 0.3;
  double copy_share = 0.5;
  // Mean delay of a copy after its wire report, in hours.
  double copy_delay_hours = 3;
  // Relative weights of the copy kinds: verbatim, new headline, a
  // paragraph removed, a paragraph added.
  double copy_kinds[4] = {1, 1, 1, 1};

  // ---- Article shape ----
  int min_paragraphs = 3, max_paragraphs = 8;
  int min_sentences = 1, max_sentences = 4;  // per paragraph
  int min_words = 8, max_words = 26;         // per sentence
  int min_title_words = 5, max_title_words = 10;
  // Shares of body words that are the event's names, the event's own topic
  // words, its story's, its genre's, and numbers; the rest are drawn from
  // the whole vocabulary. The lede (first paragraph) has lede_boost times
  // more names and event words.
  double name_share = 0.06;
  // Names from the whole pools, not the event's ("a spokesman for ...").
  double incidental_name_share = 0.02;
  double event_word_share = 0.07;
  double story_word_share = 0.05;
  double genre_word_share = 0.05;
  double number_share = 0.01;
  double lede_boost = 2;
  double comma_share = 0.06;
};

class SynthStream {
 public:
  // InvalidArgument naming the option for an unknown or repeated language,
  // a share outside [0, 1], an empty range (min > max) or a non-positive
  // rate or pool size.
  static Result<std::unique_ptr<SynthStream>> Create(
      const SynthOptions& options);
  ~SynthStream();
  SynthStream(const SynthStream&) = delete;
  SynthStream& operator=(const SynthStream&) = delete;

  // The next article; never runs out. Published times never decrease.
  Article Next();

  struct Counts {
    uint64_t articles = 0;  // returned by Next()
    uint64_t events = 0;    // started so far (some articles still pending)
    uint64_t stories = 0;
    uint64_t copies = 0;  // returned articles that copy a wire report
  };
  const Counts& counts() const;

 private:
  struct Impl;
  explicit SynthStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The languages the generator writes, sorted: da de en es fr it.
std::vector<std::string> SynthLanguages();

// `article` as one JSONL line (no line break) in newsloom's input format
// (src/ingest/jsonl.h): id (external_id), event, story, lang, date (ISO
// 8601 UTC, or null), source, url, title, text.
std::string ToJsonLine(const Article& article);

}  // namespace newsloom

#endif  // NEWSLOOM_BENCH_SYNTH_STREAM_H_
