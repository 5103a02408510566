#include "dedup/pair_oracle.h"

#include <algorithm>
#include <unordered_map>

namespace newsloom {

size_t IntersectionSize(std::span<const uint64_t> a,
                        std::span<const uint64_t> b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n, ++i, ++j;
    }
  }
  return n;
}

OraclePair MakePair(size_t a, size_t b, size_t size_a, size_t size_b,
                    size_t intersection) {
  OraclePair p;
  p.a = a;
  p.b = b;
  p.intersection = intersection;
  const size_t either = size_a + size_b - intersection;
  p.jaccard = either == 0 ? 0 : static_cast<double>(intersection) / either;
  const size_t smaller = std::min(size_a, size_b);
  p.containment =
      smaller == 0 ? 0 : static_cast<double>(intersection) / smaller;
  return p;
}

bool OracleFilter::Keeps(const OraclePair& p, size_t size_a,
                         size_t size_b) const {
  if (p.intersection == 0) return false;
  if (p.jaccard >= min_jaccard) return true;
  return std::min(size_a, size_b) >= min_containment_size &&
         p.containment >= min_containment;
}

std::vector<OraclePair> AllPairsBruteForce(const std::vector<ShingleSet>& sets,
                                           const OracleFilter& filter) {
  std::vector<OraclePair> out;
  for (size_t a = 0; a < sets.size(); ++a) {
    for (size_t b = a + 1; b < sets.size(); ++b) {
      const OraclePair p = MakePair(a, b, sets[a].size(), sets[b].size(),
                                    IntersectionSize(sets[a], sets[b]));
      if (filter.Keeps(p, sets[a].size(), sets[b].size())) out.push_back(p);
    }
  }
  return out;
}

std::vector<OraclePair> AllPairs(const std::vector<ShingleSet>& sets,
                                 const OracleFilter& filter) {
  std::unordered_map<uint64_t, std::vector<uint32_t>> holders;
  for (size_t i = 0; i < sets.size(); ++i) {
    for (uint64_t s : sets[i]) holders[s].push_back(static_cast<uint32_t>(i));
  }
  // For set a: how many shingles it shares with each later set b, in a dense
  // array reset through the list of sets touched.
  std::vector<uint32_t> shared(sets.size(), 0);
  std::vector<uint32_t> touched;
  std::vector<OraclePair> out;
  for (size_t a = 0; a < sets.size(); ++a) {
    touched.clear();
    for (uint64_t s : sets[a]) {
      const std::vector<uint32_t>& h = holders[s];
      // Holders are in ascending order: skip those up to a.
      for (auto it = std::upper_bound(h.begin(), h.end(), a); it != h.end();
           ++it) {
        if (shared[*it]++ == 0) touched.push_back(*it);
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t b : touched) {
      const OraclePair p =
          MakePair(a, b, sets[a].size(), sets[b].size(), shared[b]);
      if (filter.Keeps(p, sets[a].size(), sets[b].size())) out.push_back(p);
      shared[b] = 0;
    }
  }
  return out;
}

}  // namespace newsloom
