#include "dedup/recall.h"

#include <algorithm>
#include <unordered_set>

#include "dedup/detector.h"
#include "dedup/lsh_index.h"
#include "dedup/pair_oracle.h"
#include "dedup/signature.h"

namespace newsloom {

RecallReport MeasureRecall(const std::vector<Article>& articles,
                           const DedupOptions& options) {
  RecallReport r;
  r.articles = articles.size();
  DedupOptions unguarded = options;
  unguarded.headline_jaccard = 0;  // HeadlineSimilarity() is never below 0

  SignatureMaker maker(options);
  DedupIndex index(options);
  std::vector<Signature> sigs;
  std::vector<ShingleSet> sets;
  for (const Article& a : articles) {
    Signature sig;
    maker.Make(a.title, a.text, &sig);
    if (sig.empty() || sig.words < options.min_words) continue;
    DedupIndex::Doc doc;
    doc.key = sigs.size();
    doc.headline_bits = sig.headline_bits;
    index.Add(sig, doc);  // ids 1, 2, ... = position + 1
    sets.push_back(maker.shingles());
    sigs.push_back(std::move(sig));
  }
  r.judged = sigs.size();

  const size_t n = sigs.size();
  auto pair_key = [n](size_t a, size_t b) {
    return static_cast<uint64_t>(std::min(a, b)) * n + std::max(a, b);
  };
  std::unordered_set<uint64_t> found, accepted, guarded;
  std::vector<DedupIndex::DocId> candidates;
  const double floor_j = options.near_jaccard - 2 * options.estimate_margin;
  const double floor_c = options.containment - 2 * options.estimate_margin;
  r.lowest_accepted_jaccard = 1;
  for (size_t i = 0; i < n; ++i) {
    index.Candidates(sigs[i], &candidates);
    for (DedupIndex::DocId id : candidates) {
      const size_t j = id - 1;
      if (j <= i) continue;  // each pair once, from its first article
      found.insert(pair_key(i, j));
      // Judged as Match() would: the later article against the earlier.
      const auto earlier = static_cast<DedupIndex::DocId>(i + 1);
      double sim;
      const DuplicateKind kind = JudgePair(
          unguarded, sigs[j], index.doc(earlier), index.sketch(earlier), &sim);
      if (kind == DuplicateKind::kNone) continue;
      accepted.insert(pair_key(i, j));
      ++r.accepted;
      const DuplicateKind kept = JudgePair(options, sigs[j], index.doc(earlier),
                                           index.sketch(earlier), &sim);
      if (kept != DuplicateKind::kNone) {
        ++r.guarded;
        guarded.insert(pair_key(i, j));
      }
      const OraclePair truth = MakePair(i, j, sets[i].size(), sets[j].size(),
                                        IntersectionSize(sets[i], sets[j]));
      if (truth.jaccard < floor_j && truth.containment < floor_c) {
        ++r.accepted_beyond_margin;
      }
      if (kind == DuplicateKind::kNear) {
        r.lowest_accepted_jaccard =
            std::min(r.lowest_accepted_jaccard, truth.jaccard);
      }
    }
  }
  r.candidates = found.size();

  OracleFilter filter;
  filter.min_jaccard = 0.1;  // for the deciles
  filter.min_containment = options.containment;
  filter.min_containment_size = options.min_containment_shingles;
  for (const OraclePair& p : AllPairs(sets, filter)) {
    const uint64_t key = pair_key(p.a, p.b);
    const bool is_found = found.count(key) > 0;
    const bool is_accepted = accepted.count(key) > 0;
    const bool is_guarded = guarded.count(key) > 0;
    const size_t decile =
        std::min<size_t>(10, static_cast<size_t>(p.jaccard * 10));
    if (p.jaccard >= filter.min_jaccard) {
      ++r.pairs_by_decile[decile];
      r.found_by_decile[decile] += is_found;
    }
    if (p.jaccard >= options.near_jaccard) {
      ++r.near_pairs;
      r.near_found += is_found;
      r.near_accepted += is_accepted;
      r.near_guarded += is_guarded;
    } else if (std::min(sets[p.a].size(), sets[p.b].size()) >=
                   options.min_containment_shingles &&
               p.containment >= options.containment) {
      ++r.containment_pairs;
      r.containment_found += is_found;
      r.containment_accepted += is_accepted;
      r.containment_guarded += is_guarded;
    }
  }
  return r;
}

}  // namespace newsloom
