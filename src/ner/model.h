// NerModel: the weights of an averaged-perceptron sequence tagger, and the
// tagger that runs them (SequenceTagger).
//
//   ASSIGN_OR_RETURN(std::unique_ptr<NerModel> model, NerModel::Load(path));
//   SequenceTagger tagger(*model);        // one per thread
//   tagger.StartDocument();               // forgets the last article
//   for (each sentence) tagger.Tag(words, &labels);   // labels.h, IOB2
//
// Decoding runs left to right: each token's labels IOB2 allows after the
// previous one (labels.h AllowedAfter) are scored from its static features
// and the labels already given (features.h). Greedy decoding (below) keeps
// the best label of each token; a model whose header says "beam=K" keeps
// the K best label sequences instead (beam.h; the shipped models use 4).
// Training (trainer.h) decodes the same way, so the model learns to recover
// from its own earlier mistakes. Greedy with label history is the cheapest
// decoder that sees the previous labels and the document memory; the beam
// costs about a third of the tagger's speed and gains 0.4-2 F1 points
// (README.md, "Entities").
//
// File format (version kNerModelVersion; Parse refuses other versions):
//   bytes 0..5   magic "NLNERM", then u16 version (little-endian)
//   u32          header length, then the header: "key=value\n" lines
//                (lang, gazetteer 0/1, lexicon FILE.dic, labels, features,
//                epochs, seed, ...)
//   u32 u32      compressed and uncompressed payload sizes
//   payload      zlib: for each feature, by increasing hash: varint hash
//                delta, varint label mask, then one zig-zag varint int16
//                weight per label in the mask.
// Every read is bounds-checked: a truncated or corrupt file gives
// Status::Corruption, never a crash.
//
// Thread safety: a NerModel is immutable after loading and may be shared;
// a SequenceTagger holds per-document state and buffers: one per thread.
#ifndef NEWSLOOM_NER_MODEL_H_
#define NEWSLOOM_NER_MODEL_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "ner/features.h"
#include "ner/gazetteer.h"
#include "ner/labels.h"
#include "ner/lexicon.h"

namespace newsloom {

inline constexpr uint16_t kNerModelVersion = 1;
// The widest beam a model file may ask for (header "beam").
inline constexpr int kMaxBeam = 64;

class NerModel {
 public:
  // Reads and parses a model file.
  static Result<std::unique_ptr<NerModel>> Load(const std::string& path);
  // Parses the bytes of a model file; `name` labels errors.
  static Result<std::unique_ptr<NerModel>> Parse(std::string_view bytes,
                                                 std::string_view name);

  // Builds a model from weights (the trainer's output). `header` holds
  // free-form facts kept in the file ("trained_on", ...); "lang" and
  // "gazetteer" are set from the arguments.
  NerModel(std::string lang, bool use_gazetteer,
           const std::map<uint32_t, std::array<int16_t, kLabels>>& weights,
           std::map<std::string, std::string> header);

  // The file's bytes.
  std::string Serialize() const;

  const std::string& lang() const { return lang_; }
  size_t features() const { return size_; }
  const std::map<std::string, std::string>& header() const { return header_; }
  // The gazetteer the features use, or null.
  const Gazetteer* gazetteer() const { return gazetteer_.get(); }
  // The spelling dictionary the features use (header "lexicon", the file
  // name of lexicon.h's dictionary), or null: none, or not installed.
  const Lexicon* lexicon() const { return lexicon_.get(); }
  // Hypotheses its decoder keeps (header "beam"): 1 greedy, else beam.h.
  int beam() const { return beam_; }
  // The domain salt its features carry (features.h), 0 for none.
  uint32_t domain() const { return domain_; }

  // Adds the weights of feature `hash` to scores[0..kLabels).
  void Accumulate(uint32_t hash, int32_t* scores) const {
    const uint32_t mask = capacity_ - 1;
    for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.key == hash) {
        for (int l = 0; l < kLabels; ++l) scores[l] += slot.w[l];
        return;
      }
      if (slot.key == 0) return;
    }
  }

  // Hints the CPU to fetch the slot of `hash` (the tagger prefetches a few
  // features ahead: the table is larger than the caches).
  void Prefetch(uint32_t hash) const {
    __builtin_prefetch(&slots_[hash & (capacity_ - 1)]);
  }

  // Every weight by feature hash (for tests and the serialiser).
  std::map<uint32_t, std::array<int16_t, kLabels>> Weights() const;

 private:
  NerModel() = default;
  void LoadLexicon();
  void ReadBeam();
  using Row = std::pair<uint32_t, std::array<int16_t, kLabels>>;
  // REQUIRES: `rows` sorted by hash, hashes distinct and non-zero.
  void Build(const std::vector<Row>& rows);

  std::string lang_;
  bool use_gazetteer_ = false;
  std::map<std::string, std::string> header_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<Lexicon> lexicon_;
  uint32_t domain_ = 0;
  int beam_ = 1;
  // Open addressing, linear probing, weights in the slot (one cache line
  // at most per feature); key 0 marks an empty slot (features.h never
  // yields hash 0). Load factor at most 3/4.
  struct Slot {
    uint32_t key = 0;
    int16_t w[kLabels] = {};
  };
  uint32_t capacity_ = 1;
  size_t size_ = 0;
  std::vector<Slot> slots_ = std::vector<Slot>(1);
};

// The folder of the shipped models: $NEWSLOOM_NER_MODELS when set, else
// the source tree's models/ner (compiled in).
std::string DefaultNerModelDir();

// The file of language `lang`'s model in `dir` ("" = DefaultNerModelDir()):
// DIR/LANG.nermodel.
std::string NerModelPath(std::string_view lang, const std::string& dir = "");

// Loads language `lang`'s model from `dir` ("" = DefaultNerModelDir()).
// kNotFound when there is none; kCorruption / kNotSupported for a bad file.
Result<std::unique_ptr<NerModel>> LoadNerModel(std::string_view lang,
                                               const std::string& dir = "");

// The document memory of features.h: the type a document last gave each
// word, forgotten kHistorySentences sentences later, so a corpus without
// document boundaries (CoNLL-2002 Spanish, DDT) does not carry a name's
// type from one article into an unrelated one; a news article is shorter.
inline constexpr uint32_t kHistorySentences = 40;

struct NameHistory {
  // lower_hash -> (type, sentence it was given in)
  std::unordered_map<uint32_t, std::pair<int, uint32_t>> last;
  uint32_t sentence = 0;  // sentences seen

  void Clear() {
    last.clear();
    sentence = 0;
  }
  // The type last given to the word, or kNoHistory.
  int Find(uint32_t lower_hash) const {
    auto it = last.find(lower_hash);
    if (it == last.end() || sentence - it->second.second > kHistorySentences)
      return kNoHistory;
    return it->second.first;
  }
  // Remembers the type `labels` gives each capitalised word of a name in
  // `s`, then counts the sentence.
  void EndSentence(const SentenceFeatures& s, const std::vector<int>& labels) {
    for (size_t i = 0; i < s.words.size() && i < labels.size(); ++i) {
      const int l = labels[i];
      if (l != kOutside && s.words[i].capitalized) {
        last[s.words[i].lower_hash] = {int(TypeOfLabel(l)), sentence};
      }
    }
    ++sentence;
  }
};

// Decoding of one language's model, greedy (below) or with a beam (beam.h)
// as the model was trained, with the document memory of features.h.
// Not thread-safe: one per thread.
struct BeamBuffers;  // beam.h

class SequenceTagger {
 public:
  explicit SequenceTagger(const NerModel& model);
  ~SequenceTagger();

  // Forgets the names of the previous document.
  void StartDocument() {
    history_.Clear();
    document_.Clear();
  }
  // Notes a sentence of the document before tagging starts (features.h
  // DocumentWords); optional, and best done for every sentence.
  void NoteSentence(std::span<const std::string_view> words) {
    document_.AddSentence(words);
  }

  // Labels (labels.h) for each of `words`, one sentence, in IOB2; then
  // remembers the sentence's names for the rest of the document.
  void Tag(std::span<const std::string_view> words, std::vector<int>* labels);

 private:
  const NerModel& model_;
  SentenceFeatures features_;
  std::vector<uint32_t> dynamic_;
  NameHistory history_;
  DocumentWords document_;
  std::vector<int32_t> static_scores_;  // kLabels per token
  std::unique_ptr<BeamBuffers> beam_;   // for models with beam() > 1
};

// The greedy decoder both the tagger and the trainer run: for each token,
// scores = sum of `score(hash, scores)` over its static and dynamic
// features, then the best label IOB2 allows. `history` maps a word's
// lower_hash to the type last given to it in the document; updated after
// the sentence. `on_token(i, best, allowed_prev)` is called after each
// choice (the trainer updates there; it may change labels[i]).
// `static_scores`, when given, holds the sum of each token's static feature
// weights (kLabels per token), precomputed by the caller.
template <typename ScoreT, typename ScoreFn, typename OnToken>
void DecodeGreedy(const SentenceFeatures& s,
                  NameHistory* history,
                  std::vector<uint32_t>* dynamic, std::vector<int>* labels,
                  ScoreFn&& score, OnToken&& on_token,
                  const std::vector<ScoreT>* static_scores = nullptr) {
  const size_t n = s.words.size();
  labels->assign(n, kOutside);
  for (size_t i = 0; i < n; ++i) {
    int prev = i > 0 ? (*labels)[i - 1] : kOutside;
    int prev2 = i > 1 ? (*labels)[i - 2] : kOutside;
    int hist = kNoHistory;
    if (s.words[i].has_letter) {
      hist = history->Find(s.words[i].lower_hash);
    }
    // Whether the mention token i would continue begins with a quotation
    // mark (1) or follows one (2).
    int open_quote = 0;
    if (prev != kOutside) {
      size_t b = i - 1;
      while (b > 0 && IsInside((*labels)[b])) --b;
      open_quote = s.is_quote[b] ? 1 : (b > 0 && s.is_quote[b - 1] ? 2 : 0);
    }
    dynamic->clear();
    AddDynamicFeatures(s, i, prev, prev2, hist, open_quote, dynamic);
    ScoreT scores[kLabels] = {};
    if (static_scores) {
      std::copy_n(&(*static_scores)[i * kLabels], kLabels, scores);
    } else {
      for (uint32_t h : s.Of(i)) score(h, scores);
    }
    for (uint32_t h : *dynamic) score(h, scores);
    int best = kOutside;
    for (int l = 1; l < kLabels; ++l)
      if (AllowedAfter(prev, l) && scores[l] > scores[best]) best = l;
    (*labels)[i] = best;
    on_token(i, prev, *dynamic);
  }
  history->EndSentence(s, *labels);
}

}  // namespace newsloom

#endif  // NEWSLOOM_NER_MODEL_H_
