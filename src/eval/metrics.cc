#include "eval/metrics.h"

#include <cassert>
#include <unordered_map>

namespace newsloom {
namespace {

double Pairs(double n) { return n * (n - 1) / 2; }

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

struct PairHash {
  size_t operator()(const std::pair<int64_t, int64_t>& p) const {
    return std::hash<int64_t>()(p.first) * 1000003u ^ std::hash<int64_t>()(p.second);
  }
};

}  // namespace

int64_t LabelIndex::Get(const std::string& label) {
  auto [it, inserted] = ids_.emplace(label, static_cast<int64_t>(ids_.size()));
  return it->second;
}

ClusteringScores ScoreClustering(std::span<const int64_t> predicted,
                                 std::span<const int64_t> gold) {
  assert(predicted.size() == gold.size());
  ClusteringScores s;
  s.docs = predicted.size();
  if (s.docs == 0) return s;

  std::unordered_map<int64_t, double> pred_size, gold_size;
  std::unordered_map<std::pair<int64_t, int64_t>, double, PairHash> joint;
  for (size_t i = 0; i < s.docs; ++i) {
    pred_size[predicted[i]] += 1;
    gold_size[gold[i]] += 1;
    joint[{predicted[i], gold[i]}] += 1;
  }
  s.clusters = pred_size.size();
  s.gold_clusters = gold_size.size();

  // BCubed: each of the n_ij documents in cell (i, j) has precision
  // n_ij / |pred_i| and recall n_ij / |gold_j|.
  double bp = 0, br = 0, same_both = 0;
  for (const auto& [key, n] : joint) {
    bp += n * n / pred_size[key.first];
    br += n * n / gold_size[key.second];
    same_both += Pairs(n);
  }
  const double n = static_cast<double>(s.docs);
  s.bcubed = {bp / n, br / n, F1(bp / n, br / n)};

  double same_pred = 0, same_gold = 0;
  for (const auto& [label, size] : pred_size) same_pred += Pairs(size);
  for (const auto& [label, size] : gold_size) same_gold += Pairs(size);
  const double pp = same_pred > 0 ? same_both / same_pred : 1.0;
  const double pr = same_gold > 0 ? same_both / same_gold : 1.0;
  s.pairwise = {pp, pr, F1(pp, pr)};

  const double all = Pairs(n);
  const double expected = all > 0 ? same_pred * same_gold / all : 0;
  const double max_index = (same_pred + same_gold) / 2;
  s.ari = max_index - expected == 0
              ? 1.0
              : (same_both - expected) / (max_index - expected);
  return s;
}

}  // namespace newsloom
