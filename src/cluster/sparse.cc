#include "cluster/sparse.h"

#include <algorithm>
#include <cmath>
#include <functional>

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
  if (max_terms == 0) {
    entries_.clear();
    norm_ = -1;
    return;
  }
  // Keeps the heaviest, ties to the lower term id (deterministic): finds
  // the weight of the max_terms-th heaviest, then filters in place, which
  // keeps the id order (no sort afterwards).
  thread_local std::vector<float> weights;
  weights.clear();
  for (const auto& e : entries_) weights.push_back(e.second);
  std::nth_element(weights.begin(), weights.begin() + (max_terms - 1),
                   weights.end(), std::greater<float>());
  const float threshold = weights[max_terms - 1];
  size_t above = 0;
  for (const auto& e : entries_) above += e.second > threshold;
  size_t ties = max_terms - above;  // entries at the threshold to keep
  size_t kept = 0;
  for (const auto& e : entries_) {
    if (e.second > threshold || (e.second == threshold && ties > 0 && ties--)) {
      entries_[kept++] = e;
    }
  }
  entries_.resize(kept);
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

void ScatteredVector::Assign(const TermVector* v) {
  Clear();
  source_ = v;
  squared_norm_ = 0;
  if (v->entries.empty()) return;
  const TermId top = v->entries.back().first;  // entries are sorted
  if (top >= dense_.size()) dense_.resize(size_t{top} + 1 + dense_.size() / 2, 0.0f);
  for (const auto& [t, w] : v->entries) {
    dense_[t] = w;
    squared_norm_ += double{w} * w;
  }
}

void ScatteredVector::Clear() {
  if (source_ != nullptr) {
    for (const auto& [t, w] : source_->entries) dense_[t] = 0.0f;
  }
  source_ = nullptr;
}

double ScatteredVector::Dot(const Centroid& c) const {
  double dot = 0;
  const float* dense = dense_.data();
  const size_t n = dense_.size();
  for (const auto& [t, w] : c.entries()) {
    if (t < n) dot += double{w} * dense[t];
  }
  return dot;
}

double ScatteredVector::Cosine(const Centroid& c) const {
  if (source_ == nullptr || source_->empty() || c.empty()) return 0;
  const double n = c.norm() * std::sqrt(squared_norm_);
  return n > 0 ? Dot(c) / n : 0;
}

}  // namespace newsloom
