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
  for (const auto& [t, w] : v.entries) weights_[t] += w;
  norm_ = -1;
}

void Centroid::Prune(size_t max_terms) {
  if (weights_.size() <= max_terms) return;
  std::vector<std::pair<TermId, float>> all(weights_.begin(), weights_.end());
  // Heaviest first; ties by term id so the result is deterministic.
  std::nth_element(all.begin(), all.begin() + max_terms, all.end(),
                   [](const auto& a, const auto& b) {
                     return a.second != b.second ? a.second > b.second
                                                 : a.first < b.first;
                   });
  all.resize(max_terms);
  weights_.clear();
  for (const auto& [t, w] : all) weights_.emplace(t, w);
  norm_ = -1;
}

double Centroid::norm() const {
  if (norm_ < 0) {
    double sq = 0;
    for (const auto& [t, w] : weights_) sq += double{w} * w;
    norm_ = std::sqrt(sq);
  }
  return norm_;
}

double Centroid::Weight(TermId t) const {
  auto it = weights_.find(t);
  return it == weights_.end() ? 0.0 : it->second;
}

double Centroid::Cosine(const TermVector& v) const {
  if (v.empty() || weights_.empty()) return 0;
  double dot = 0, sq = 0;
  for (const auto& [t, w] : v.entries) {
    dot += w * Weight(t);
    sq += double{w} * w;
  }
  const double n = norm() * std::sqrt(sq);
  return n > 0 ? dot / n : 0;
}

std::vector<std::pair<TermId, float>> Centroid::SortedEntries() const {
  std::vector<std::pair<TermId, float>> out(weights_.begin(), weights_.end());
  std::sort(out.begin(), out.end());
  return out;
}

void Centroid::Set(TermId t, float w) {
  weights_[t] = w;
  norm_ = -1;
}

}  // namespace newsloom
