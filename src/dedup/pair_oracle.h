// Test support: the exact similarity of every pair of shingle sets, the
// slow truth the signatures and the LSH index are checked against. Not
// linked into the newsloom binary.
//
// Sets are sorted, distinct shingle hashes (SignatureMaker::shingles()).
// Containment of a pair is |A n B| / min(|A|, |B|).
#ifndef NEWSLOOM_DEDUP_PAIR_ORACLE_H_
#define NEWSLOOM_DEDUP_PAIR_ORACLE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace newsloom {

using ShingleSet = std::vector<uint64_t>;  // sorted, distinct

struct OraclePair {
  size_t a = 0, b = 0;  // a < b
  size_t intersection = 0;
  double jaccard = 0;
  double containment = 0;

  bool operator==(const OraclePair&) const = default;
};

// |A n B| of two sorted, distinct sets, by merging.
size_t IntersectionSize(std::span<const uint64_t> a,
                        std::span<const uint64_t> b);

// The pair (a, b) of sets of these sizes with this intersection.
OraclePair MakePair(size_t a, size_t b, size_t size_a, size_t size_b,
                    size_t intersection);

// What a pair must reach to be listed: Jaccard at least min_jaccard, or
// containment at least min_containment with the smaller set holding at
// least min_containment_size elements.
struct OracleFilter {
  double min_jaccard = 0.8;
  double min_containment = 2;  // > 1: containment never lists a pair
  size_t min_containment_size = 0;

  bool Keeps(const OraclePair& p, size_t size_a, size_t size_b) const;
};

// Every listed pair, by comparing every pair of sets: O(n^2 * set size).
// The definition; for small inputs.
std::vector<OraclePair> AllPairsBruteForce(const std::vector<ShingleSet>& sets,
                                           const OracleFilter& filter);

// The same list (same order: by a, then b), counting intersections through
// an inverted index from shingle to sets, since pairs that share no shingle
// have similarity 0: fast enough for thousands of articles. Checked against
// AllPairsBruteForce in the tests.
std::vector<OraclePair> AllPairs(const std::vector<ShingleSet>& sets,
                                 const OracleFilter& filter);

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_PAIR_ORACLE_H_
