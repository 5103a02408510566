// Sparse term vectors for clustering.
//
// A TermVector is an article's weighted terms, sorted by term id, usually
// L2-normalised. A Centroid is a running sum of such vectors in a hash map,
// so the dot product with an article costs O(terms of the article). Centroids
// keep at most a fixed number of terms (the heaviest), which bounds memory
// and keeps an event's representation from drifting towards every word its
// articles ever used.
#ifndef NEWSLOOM_CLUSTER_SPARSE_H_
#define NEWSLOOM_CLUSTER_SPARSE_H_

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsloom {

using TermId = uint32_t;

struct TermVector {
  std::vector<std::pair<TermId, float>> entries;  // sorted by TermId, unique

  bool empty() const { return entries.empty(); }
  // Scales to unit L2 norm; a zero vector stays zero.
  void Normalize();
};

class Centroid {
 public:
  // Adds `v` (typically unit length) to the sum.
  void Add(const TermVector& v);
  // Keeps the `max_terms` heaviest entries.
  void Prune(size_t max_terms);
  // Cosine between `v` and this sum; 0 when either is empty.
  double Cosine(const TermVector& v) const;
  double Weight(TermId t) const;
  bool empty() const { return weights_.empty(); }
  size_t size() const { return weights_.size(); }
  double norm() const;

  // Entries sorted by term id (for serialisation and tests).
  std::vector<std::pair<TermId, float>> SortedEntries() const;
  void Set(TermId t, float w);

 private:
  std::unordered_map<TermId, float> weights_;
  mutable double norm_ = -1;  // cached; -1 = stale
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_SPARSE_H_
