// Sparse term vectors for clustering.
//
// A TermVector is an article's weighted terms, sorted by term id, usually
// L2-normalised. A Centroid is a running sum of such vectors, also a vector
// sorted by term id: adding and the dot product with an article are merges
// of two sorted arrays, O(terms of both), sequential in memory and without
// hashing (a hash map per centroid was three times slower). Centroids
// keep at most a fixed number of terms (the heaviest), which bounds memory
// and keeps an event's representation from drifting towards every word its
// articles ever used.
#ifndef NEWSLOOM_CLUSTER_SPARSE_H_
#define NEWSLOOM_CLUSTER_SPARSE_H_

#include <cstddef>
#include <cstdint>
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
  // The dot product with `v` (not normalised).
  double Dot(const TermVector& v) const;
  // The share of `v`'s squared weight on terms this centroid lacks: 0 when
  // it has every term of `v`, 1 when none (and for an empty `v`).
  double MissingMass(const TermVector& v) const;
  // The weight of `t`, 0 when absent (binary search).
  double Weight(TermId t) const;
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  double norm() const;

  // Entries sorted by term id.
  const std::vector<std::pair<TermId, float>>& entries() const {
    return entries_;
  }
  // Sets the weight of `t` (inserting it in order when absent).
  void Set(TermId t, float w);

 private:
  std::vector<std::pair<TermId, float>> entries_;  // sorted by TermId, unique
  mutable double norm_ = -1;  // cached; -1 = stale
};

// A TermVector spread into an array indexed by term id, for scoring one
// article against many centroids: a dot product is then one pass over the
// centroid's entries, each a load from the array, with no search and no
// branch on which side is behind. A merge of two sorted arrays mispredicts
// about every other step; this measured 3-6 times faster for 400-term
// centroids and 150-term articles.
//
//   ScatteredVector s;
//   s.Assign(&doc);                   // `doc` must outlive the use
//   double c = s.Cosine(centroid);    // == centroid.Cosine(doc), bit for bit
//   s.Clear();                        // O(terms of doc), keeps the array
//
// Cosine and Dot return exactly what Centroid::Cosine and Centroid::Dot
// return for the same vector (the same products summed in the same term
// order; the terms the vector lacks add +0). The array grows to the largest
// term id seen and is reused, so steady use allocates nothing.
class ScatteredVector {
 public:
  // Scatters `*v`, replacing what was scattered.
  void Assign(const TermVector* v);
  // Forgets the vector (zeroes only its own entries).
  void Clear();
  // The vector scattered, or null.
  const TermVector* source() const { return source_; }

  double Dot(const Centroid& c) const;
  double Cosine(const Centroid& c) const;

 private:
  const TermVector* source_ = nullptr;
  double squared_norm_ = 0;
  std::vector<float> dense_;  // weight by term id; 0 where absent
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_SPARSE_H_
