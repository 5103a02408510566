#include "ner/trainer.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

namespace newsloom {
namespace {

// Averaged perceptron weights with lazy averaging: each weight keeps its
// running total up to the step it last changed (Daumé's trick).
class AveragedWeights {
 public:
  void Score(uint32_t hash, float* scores) const {
    auto it = index_.find(hash);
    if (it == index_.end()) return;
    const float* w = &w_[size_t(it->second) * kLabels];
    for (int l = 0; l < kLabels; ++l) scores[l] += w[l];
  }
  void Update(uint32_t hash, int label, float delta, int64_t step) {
    auto [it, inserted] = index_.try_emplace(hash, uint32_t(index_.size()));
    if (inserted) {
      w_.resize(w_.size() + kLabels, 0.f);
      total_.resize(total_.size() + kLabels, 0.0);
      stamp_.resize(stamp_.size() + kLabels, 0);
    }
    size_t k = size_t(it->second) * kLabels + label;
    total_[k] += double(step - stamp_[k]) * w_[k];
    stamp_[k] = step;
    w_[k] += delta;
  }
  // Averages over `steps`, quantised.
  std::map<uint32_t, std::array<int16_t, kLabels>> Finish(
      int64_t steps, int quantize_max, int min_weight) const {
    std::vector<double> avg(w_.size());
    double max_abs = 0;
    for (size_t k = 0; k < w_.size(); ++k) {
      avg[k] = (total_[k] + double(steps - stamp_[k]) * w_[k]) / double(steps);
      max_abs = std::max(max_abs, std::fabs(avg[k]));
    }
    double scale = max_abs > 0 ? quantize_max / max_abs : 1.0;
    std::map<uint32_t, std::array<int16_t, kLabels>> out;
    for (const auto& [hash, row] : index_) {
      std::array<int16_t, kLabels> q{};
      int largest = 0;
      for (int l = 0; l < kLabels; ++l) {
        long v = std::lround(avg[size_t(row) * kLabels + l] * scale);
        q[l] = static_cast<int16_t>(std::clamp<long>(v, -32767, 32767));
        largest = std::max(largest, std::abs(int(q[l])));
      }
      if (largest >= min_weight && largest > 0) out.emplace(hash, q);
    }
    return out;
  }

 private:
  std::unordered_map<uint32_t, uint32_t> index_;
  std::vector<float> w_;
  std::vector<double> total_;
  std::vector<int64_t> stamp_;
};

struct Document {
  std::vector<const ConllSentence*> sentences;
  uint32_t domain = 0;
};

}  // namespace

std::unique_ptr<NerModel> TrainNerModel(
    const std::vector<TrainingCorpus>& corpora, const std::string& lang,
    const TrainOptions& options) {
  std::vector<Document> docs;
  bool multilingual = false;
  for (const TrainingCorpus& c : corpora)
    multilingual |= !c.lang.empty() && c.lang != lang;
  for (const TrainingCorpus& c : corpora) {
    std::vector<Document> mine(c.corpus->documents);
    for (Document& d : mine)
      d.domain = multilingual ? DomainOf(c.lang.empty() ? lang : c.lang) : 0;
    for (const ConllSentence& s : c.corpus->sentences)
      mine[s.document].sentences.push_back(&s);
    for (int r = 0; r < c.repeat; ++r)
      for (const Document& d : mine)
        if (!d.sentences.empty()) docs.push_back(d);
  }
  std::unique_ptr<Gazetteer> gazetteer;
  if (options.use_gazetteer) gazetteer = std::make_unique<Gazetteer>(lang);

  AveragedWeights weights;
  std::mt19937_64 rng(options.seed);
  int64_t step = 1;
  SentenceFeatures features;
  std::vector<uint32_t> dynamic;
  std::vector<int> labels, gold;
  std::vector<std::string_view> words;
  std::unordered_map<uint32_t, int> history;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with our own draw: std::shuffle's use of the engine is
    // not specified, and the model must not change with the library.
    for (size_t i = docs.size(); i > 1; --i) std::swap(docs[i - 1], docs[rng() % i]);
    int64_t tokens = 0, right = 0;
    for (const Document& doc : docs) {
      history.clear();
      for (const ConllSentence* s : doc.sentences) {
        words.assign(s->words.begin(), s->words.end());
        gold.clear();
        for (const std::string& t : s->tags) {
          int l = ParseLabel(t);
          gold.push_back(l < 0 ? kOutside : l);
        }
        ExtractFeatures(words, gazetteer.get(), &features, doc.domain);
        DecodeGreedy<float>(
            features, &history, &dynamic, &labels,
            [&](uint32_t h, float* scores) { weights.Score(h, scores); },
            [&](size_t i, int prev, const std::vector<uint32_t>& dyn) {
              int target = gold[i];
              if (!AllowedAfter(prev, target))
                target = BeginLabel(TypeOfLabel(target));
              int guess = labels[i];
              ++tokens;
              if (guess == target) {
                ++right;
              } else {
                for (uint32_t h : features.Of(i)) {
                  weights.Update(h, target, 1.f, step);
                  weights.Update(h, guess, -1.f, step);
                }
                for (uint32_t h : dyn) {
                  weights.Update(h, target, 1.f, step);
                  weights.Update(h, guess, -1.f, step);
                }
              }
              ++step;
            });
      }
    }
    if (options.progress)
      options.progress(epoch, tokens ? double(right) / tokens : 0.0);
  }
  std::map<std::string, std::string> header;
  header["epochs"] = std::to_string(options.epochs);
  header["seed"] = std::to_string(options.seed);
  if (multilingual) header["domain"] = lang;
  return std::make_unique<NerModel>(
      lang, options.use_gazetteer,
      weights.Finish(step, options.quantize_max, options.min_weight), header);
}

}  // namespace newsloom
