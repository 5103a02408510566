#include "cluster/sparse.h"

#include <algorithm>
#include <cmath>

namespace newsloom {

void TermVector::Normalize() {
  double sq = 0;
  for (const auto& [t, w] : entries) sq += double{w} * w;
  if (sq <= 0) return;
  const float inv = static_cast<float>(1.0 / std::sqrt(sq));
  for (auto& e : entries) e.second *= inv;
}

void Centroid::Add(const TermVector& v) {
  if (v.entries.empty()) return;
  // Merged into a per-thread buffer that then trades places with entries_:
  // the old array becomes the next call's buffer, so a steady stream of
  // additions allocates nothing.
  thread_local std::vector<std::pair<TermId, float>> merged;
  merged.clear();
  merged.reserve(entries_.size() + v.entries.size());
  auto a = entries_.begin(), ae = entries_.end();
  auto b = v.entries.begin(), be = v.entries.end();
  while (a != ae && b != be) {
    if (a->first < b->first) {
      merged.push_back(*a++);
    } else if (b->first < a->first) {
      merged.push_back(*b++);
    } else {
      merged.emplace_back(a->first, a->second + b->second);
      ++a;
      ++b;
    }
  }
  merged.insert(merged.end(), a, ae);
  merged.insert(merged.end(), b, be);
  entries_.swap(merged);
  // Keep small centroids small: the buffer that came from a large one
  // goes back if it is more than twice what this one needs.
  if (entries_.capacity() > 2 * entries_.size() + 16) {
    entries_.shrink_to_fit();
  }
  norm_ = -1;
}

void Centroid::Prune(size_t max_terms) {
  if (entries_.size() <= max_terms) return;
  // Heaviest first; ties by term id so the result is deterministic.
  std::nth_element(entries_.begin(), entries_.begin() + max_terms,
                   entries_.end(), [](const auto& a, const auto& b) {
                     return a.second != b.second ? a.second > b.second
                                                 : a.first < b.first;
                   });
  entries_.resize(max_terms);
  std::sort(entries_.begin(), entries_.end());
  norm_ = -1;
}

double Centroid::norm() const {
  if (norm_ < 0) {
    double sq = 0;
    for (const auto& [t, w] : entries_) sq += double{w} * w;
    norm_ = std::sqrt(sq);
  }
  return norm_;
}

double Centroid::Weight(TermId t) const {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), t,
      [](const std::pair<TermId, float>& e, TermId id) { return e.first < id; });
  return it != entries_.end() && it->first == t ? it->second : 0.0;
}

double Centroid::Dot(const TermVector& v) const {
  double dot = 0;
  auto a = entries_.begin(), ae = entries_.end();
  auto b = v.entries.begin(), be = v.entries.end();
  while (a != ae && b != be) {
    if (a->first < b->first) {
      ++a;
    } else if (b->first < a->first) {
      ++b;
    } else {
      dot += double{a->second} * b->second;
      ++a;
      ++b;
    }
  }
  return dot;
}

double Centroid::MissingMass(const TermVector& v) const {
  double missing = 0, total = 0;
  auto a = entries_.begin(), ae = entries_.end();
  for (const auto& [t, w] : v.entries) {
    const double sq = double{w} * w;
    total += sq;
    while (a != ae && a->first < t) ++a;
    if (a == ae || a->first != t) missing += sq;
  }
  return total > 0 ? missing / total : 1;
}

double Centroid::Cosine(const TermVector& v) const {
  if (v.empty() || entries_.empty()) return 0;
  double sq = 0;
  for (const auto& [t, w] : v.entries) sq += double{w} * w;
  const double n = norm() * std::sqrt(sq);
  return n > 0 ? Dot(v) / n : 0;
}

void Centroid::Set(TermId t, float w) {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), t,
      [](const std::pair<TermId, float>& e, TermId id) { return e.first < id; });
  if (it != entries_.end() && it->first == t) {
    it->second = w;
  } else {
    entries_.insert(it, {t, w});
  }
  norm_ = -1;
}

}  // namespace newsloom
