#include "ner/trainer.h"

#include "ner/beam.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <unordered_map>
#include <unordered_set>

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
  // Features seen fewer times than TrainOptions::min_count: never weighted.
  std::unordered_set<uint32_t> rare;
  void Update(uint32_t hash, int label, float delta, int64_t step) {
    if (rare.count(hash)) return;
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
  // With `fold_domain` != 0 (a multilingual model), each plain feature in
  // `plain` gets the weights of its copy for that domain added, and every
  // copy is dropped: at tagging time the language is known, so its two
  // features always fire together and one row does, with half the lookups.
  std::map<uint32_t, std::array<int16_t, kLabels>> Finish(
      int64_t steps, int quantize_max, int min_weight, uint32_t fold_domain,
      const std::unordered_set<uint32_t>& plain) const {
    std::vector<double> avg(w_.size());
    for (size_t k = 0; k < w_.size(); ++k)
      avg[k] = (total_[k] + double(steps - stamp_[k]) * w_[k]) / double(steps);
    std::unordered_map<uint32_t, uint32_t> index = index_;
    if (fold_domain != 0) {
      std::unordered_map<uint32_t, uint32_t> folded;
      for (const auto& [hash, row] : index_) {
        if (!plain.count(hash)) continue;
        auto copy = index_.find(DomainFeature(hash, fold_domain));
        if (copy != index_.end())
          for (int l = 0; l < kLabels; ++l)
            avg[size_t(row) * kLabels + l] += avg[size_t(copy->second) * kLabels + l];
        folded.emplace(hash, row);
      }
      index = std::move(folded);
    }
    double max_abs = 0;
    for (const auto& [hash, row] : index)
      for (int l = 0; l < kLabels; ++l)
        max_abs = std::max(max_abs, std::fabs(avg[size_t(row) * kLabels + l]));
    double scale = max_abs > 0 ? quantize_max / max_abs : 1.0;
    std::map<uint32_t, std::array<int16_t, kLabels>> out;
    for (const auto& [hash, row] : index) {
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
  const Lexicon* lexicon = nullptr;  // of the document's language
};

}  // namespace

std::unique_ptr<NerModel> TrainNerModel(
    const std::vector<TrainingCorpus>& corpora, const std::string& lang,
    const TrainOptions& options) {
  std::vector<Document> docs;
  bool multilingual = false;
  for (const TrainingCorpus& c : corpora)
    multilingual |= !c.lang.empty() && c.lang != lang;
  // Each language's dictionary, for its own documents.
  std::map<std::string, std::unique_ptr<Lexicon>> lexicons;
  auto lexicon_of = [&](const std::string& l) -> const Lexicon* {
    if (!options.use_lexicon) return nullptr;
    auto [it, inserted] = lexicons.try_emplace(l);
    if (inserted) {
      std::string path = Lexicon::FileFor(l);
      if (!path.empty()) it->second = std::make_unique<Lexicon>(path);
    }
    return it->second && it->second->loaded() ? it->second.get() : nullptr;
  };
  for (const TrainingCorpus& c : corpora) {
    const std::string& corpus_lang = c.lang.empty() ? lang : c.lang;
    std::vector<Document> mine(c.corpus->documents);
    for (Document& d : mine) {
      d.domain = multilingual ? DomainOf(corpus_lang) : 0;
      d.lexicon = lexicon_of(corpus_lang);
    }
    for (const ConllSentence& s : c.corpus->sentences)
      mine[s.document].sentences.push_back(&s);
    for (int r = 0; r < c.repeat; ++r)
      for (const Document& d : mine)
        if (!d.sentences.empty()) docs.push_back(d);
  }
  std::unique_ptr<Gazetteer> gazetteer;
  if (options.use_gazetteer) gazetteer = std::make_unique<Gazetteer>(lang);

  AveragedWeights weights;
  if (options.min_count > 1) {
    // Static features seen fewer than min_count times are noise the
    // perceptron would memorise; dynamic ones are few and all kept.
    std::unordered_map<uint32_t, int> counts;
    SentenceFeatures f;
    DocumentWords none;
    std::vector<std::string_view> w;
    for (const Document& doc : docs)
      for (const ConllSentence* s : doc.sentences) {
        w.assign(s->words.begin(), s->words.end());
        ExtractFeatures(w, gazetteer.get(), doc.lexicon, nullptr, &f, doc.domain);
        for (uint32_t h : f.hashes) ++counts[h];
      }
    for (const auto& [h, c] : counts)
      if (c < options.min_count) weights.rare.insert(h);
  }
  std::mt19937_64 rng(options.seed);
  int64_t step = 1;
  SentenceFeatures features;
  std::vector<uint32_t> dynamic;
  std::vector<int> labels, gold;
  std::vector<std::string_view> words;
  NameHistory history;
  std::unordered_set<uint32_t> plain;  // plain (unsalted) features updated
  BeamBuffers beam;
  std::vector<uint32_t> dynamic_path;
  DocumentWords document;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with our own draw: std::shuffle's use of the engine is
    // not specified, and the model must not change with the library.
    for (size_t i = docs.size(); i > 1; --i) std::swap(docs[i - 1], docs[rng() % i]);
    int64_t tokens = 0, right = 0;
    for (const Document& doc : docs) {
      history.Clear();
      document.Clear();
      for (const ConllSentence* s : doc.sentences) {
        words.assign(s->words.begin(), s->words.end());
        document.AddSentence(words);
      }
      // Beam training: adds `delta` to the weights of token i's features
      // (static and dynamic) for the label `path` gives it.
      auto update_token = [&](size_t i, const std::vector<int>& path, float delta) {
        dynamic_path.clear();
        const int hist = features.words[i].has_letter
                             ? history.Find(features.words[i].lower_hash)
                             : kNoHistory;
        AddDynamicFeatures(features, i, i > 0 ? path[i - 1] : kOutside,
                           i > 1 ? path[i - 2] : kOutside, hist,
                           OpenQuote(features, path, i), &dynamic_path);
        if (doc.domain != 0) {
          std::span<const uint32_t> f = features.Of(i);
          for (size_t k = 0; k < f.size() / 2; ++k) plain.insert(f[k]);
          for (size_t k = 0; k < dynamic_path.size() / 2; ++k) plain.insert(dynamic_path[k]);
        }
        for (uint32_t h : features.Of(i)) weights.Update(h, path[i], delta, step);
        for (uint32_t h : dynamic_path) weights.Update(h, path[i], delta, step);
      };
      for (const ConllSentence* s : doc.sentences) {
        words.assign(s->words.begin(), s->words.end());
        gold.clear();
        for (const std::string& t : s->tags) {
          int l = ParseLabel(t);
          gold.push_back(l < 0 ? kOutside : l);
        }
        ExtractFeatures(words, gazetteer.get(), doc.lexicon, &document, &features,
                        doc.domain);
        if (options.beam > 1) {
          size_t updated = 0;  // tokens in the sentence's updates
          // Gold I-X after anything but X (a corpus slip) opens the mention.
          for (size_t i = 0; i < gold.size(); ++i)
            if (!AllowedAfter(i ? gold[i - 1] : kOutside, gold[i]))
              gold[i] = BeginLabel(TypeOfLabel(gold[i]));
          DecodeBeam<float>(
              features, &history, options.beam, &dynamic, &labels,
              [&](uint32_t h, float* scores) { weights.Score(h, scores); },
              [](uint32_t) {}, static_cast<const std::vector<float>*>(nullptr), &beam,
              &gold,
              [&](size_t from, size_t to, const std::vector<int>& want,
                  const std::vector<int>& got) {
                updated += to - from;
                for (size_t i = from; i < to; ++i) {
                  update_token(i, want, +1.f);
                  update_token(i, got, -1.f);
                }
              });
          // "Accuracy" here: the share of tokens outside every update (the
          // labels themselves are gold after each update).
          tokens += gold.size();
          right += gold.size() - updated;
          step += gold.size();
          continue;
        }
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
                if (doc.domain != 0) {
                  // The first half of each token's features are the plain
                  // ones, the second their copies (features.h).
                  std::span<const uint32_t> f = features.Of(i);
                  for (size_t k = 0; k < f.size() / 2; ++k) plain.insert(f[k]);
                  for (size_t k = 0; k < dyn.size() / 2; ++k) plain.insert(dyn[k]);
                }
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
  if (options.beam > 1) header["beam"] = std::to_string(options.beam);
  if (multilingual) header["trained_on"] = "multilingual, folded for " + lang;
  if (lexicon_of(lang)) {
    std::string path = Lexicon::FileFor(lang);
    header["lexicon"] = path.substr(path.rfind('/') + 1);
  }
  return std::make_unique<NerModel>(
      lang, options.use_gazetteer,
      weights.Finish(step, options.quantize_max, options.min_weight,
                     multilingual ? DomainOf(lang) : 0, plain),
      header);
}

}  // namespace newsloom
