// Extractive summaries: a few sentences that say what a story or event is
// about, each cited to the bytes it came from.
//
//   std::vector<Summary> s = Summarize(articles, {});
//   for (const SummarySentence& x : s[0].sentences) Print(x.text, x.citation);
//
// Method (centroid scoring with maximal marginal relevance, as in MEAD and
// Carbonell & Goldstein 1998), per language:
//  * Sentences of the articles (text/analyzer.h), skipping copies
//    (`skip` lists the ids of duplicate articles, so a wire story carried
//    by ten outlets counts once), sentences under `min_words` or over
//    `max_words` content words (captions, bylines, run-ons), and lines two
//    or more articles of one outlet (story/coverage.h CoverageOutlet) hold
//    word for word (lines.h: a site's chrome, "Si ya formas parte, solo
//    tienes que iniciar sesión.", whose words are then no part of the
//    centroid either; a line of several outlets' is the story's own),
//    sentences that ask something of the reader (engine/features.h
//    AsksOfTheReader: cookies, subscriptions, log-ins) and lists of tags
//    ("Politica | Ahmed Ben Bella | Gamal Nasser").
//  * Each sentence is a TF-IDF vector of its content-word stems, with
//    document frequencies over the articles of that language; the centroid
//    is the mean of the articles' vectors, so a word many articles use
//    weighs more than one article's repetitions.
//  * Score = cosine with the centroid, times a small bonus for a
//    sentence's position in its article (leads summarise).
//  * MMR picks sentences one at a time: score - lambda' * the highest
//    cosine with a sentence already picked; a sentence too close to one
//    already picked (cosine >= `max_overlap`) is never picked.
//  * The picked sentences are listed in the order of their articles'
//    publication, then position, so the summary reads in time order.
// One summary per language present, the language with most articles first.
//
// Thread safety: a pure function.
#ifndef NEWSLOOM_STORY_SUMMARY_H_
#define NEWSLOOM_STORY_SUMMARY_H_

#include <set>
#include <span>
#include <string>
#include <vector>

#include "base/article.h"
#include "story/timeline.h"

namespace newsloom {

class Analyses;

struct SummarySentence {
  std::string text;
  Citation citation;
  double score = 0;
};

struct Summary {
  std::string lang;
  size_t articles = 0;  // articles of that language (copies excluded)
  std::vector<SummarySentence> sentences;
};

struct SummaryOptions {
  size_t max_sentences = 5;
  size_t min_sentences = 3;  // fewer only when the articles have fewer
  size_t min_words = 6;      // content words per sentence
  size_t max_words = 60;
  double redundancy = 0.5;   // weight of the similarity to picked sentences
  double max_overlap = 0.6;  // cosine that makes a sentence a repeat
  std::set<std::string> skip;  // article ids to leave out (duplicates)
  // Analyses shared with the report's other parts (story/analyses.h);
  // null: the articles are analysed here.
  Analyses* analyses = nullptr;
};

std::vector<Summary> Summarize(std::span<const Article* const> articles,
                               const SummaryOptions& options);

}  // namespace newsloom

#endif  // NEWSLOOM_STORY_SUMMARY_H_
