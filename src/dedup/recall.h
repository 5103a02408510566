// Test support: how well signatures and the LSH index find the pairs the
// exact oracle (pair_oracle.h) lists. Used by dedup_recall_test.cc (which
// asserts the targets) and bench/dedup_tune.cc (which prints the figures
// README.md quotes). Not linked into the newsloom binary.
//
// Every article with at least min_words words is signed and indexed; then
// each is looked up, and a pair counts as
//   found      when the LSH index returns it as a candidate, and
//   accepted   when, in addition, JudgePair() (detector.h) calls it a
//              duplicate of any kind with the headline guard off (the
//              guard is a policy on top of similarity; `guarded` counts
//              the accepted pairs it keeps).
// Truth: the oracle's Jaccard (and containment) of the shingle sets.
#ifndef NEWSLOOM_DEDUP_RECALL_H_
#define NEWSLOOM_DEDUP_RECALL_H_

#include <array>
#include <cstddef>
#include <vector>

#include "base/article.h"
#include "dedup/options.h"

namespace newsloom {

struct RecallReport {
  size_t articles = 0;  // given
  size_t judged = 0;    // with at least min_words words
  // Oracle pairs with Jaccard >= options.near_jaccard, and how many of them
  // were found / accepted.
  size_t near_pairs = 0, near_found = 0, near_accepted = 0;
  size_t near_guarded = 0;  // accepted and kept by the headline guard
  // Oracle pairs with containment >= options.containment (smaller side at
  // least min_containment_shingles) and Jaccard below near_jaccard.
  size_t containment_pairs = 0, containment_found = 0, containment_accepted = 0,
         containment_guarded = 0;
  // Everything accepted, and how many of those the headline guard keeps.
  size_t accepted = 0, guarded = 0;
  // Accepted pairs whose true Jaccard is below near_jaccard - 2 * margin
  // and whose true containment is below containment - 2 * margin: false
  // pairs beyond the documented margin.
  size_t accepted_beyond_margin = 0;
  // The lowest true Jaccard among accepted near pairs.
  double lowest_accepted_jaccard = 1;
  // Oracle pairs by Jaccard decile [0.1 k, 0.1 (k + 1)), and found.
  std::array<size_t, 11> pairs_by_decile{}, found_by_decile{};
  // Candidate pairs the index returned (found), of any similarity.
  size_t candidates = 0;

  double near_recall() const {
    return near_pairs ? static_cast<double>(near_accepted) / near_pairs : 1;
  }
  double containment_recall() const {
    return containment_pairs
               ? static_cast<double>(containment_accepted) / containment_pairs
               : 1;
  }
};

RecallReport MeasureRecall(const std::vector<Article>& articles,
                           const DedupOptions& options);

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_RECALL_H_
