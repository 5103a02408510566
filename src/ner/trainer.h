// Training a NerModel: the averaged perceptron (Collins 2002) over the
// decoder of model.h (greedy) or beam.h (TrainOptions::beam > 1), on CoNLL
// corpora.
//
//   TrainOptions options;                       // epochs, seed, pruning
//   std::vector<TrainingCorpus> corpora = {{&en_train, 1}};
//   std::unique_ptr<NerModel> model = TrainNerModel(corpora, "en", options);
//
// Each epoch visits the documents in an order drawn from `seed` (sentences
// keep their order inside a document, so the document memory of
// features.h sees what it will see in an article), decodes each sentence
// greedily with the current weights and, at each token whose label is
// wrong, adds the features to the right label and subtracts them from the
// chosen one. The right label is the gold one, or B-X when the decoder's
// own previous label makes the gold I-X impossible (a dynamic oracle: the
// best label still reachable). With a beam, updates are over whole label
// sequences instead (beam.h: where the gold sequence leaves the beam, or
// loses at the end). The model keeps the average of the weights
// over all steps, quantised to int16; features whose largest weight
// rounds below `min_weight` are dropped.
//
// Deterministic: the same corpora, language and options give the same bytes.
// Thread safety: a free function.
#ifndef NEWSLOOM_NER_TRAINER_H_
#define NEWSLOOM_NER_TRAINER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ner/conll.h"
#include "ner/model.h"

namespace newsloom {

struct TrainOptions {
  int epochs = 20;            // passes over the data
  // Hypotheses the decoder keeps (beam.h); 1: greedy, per-token updates.
  // The model decodes with the width it was trained with (header "beam").
  int beam = 1;
  uint64_t seed = 20240226;   // document order
  bool use_gazetteer = true;  // CLDR name lists as features (gazetteer.h)
  // The installed hunspell dictionary of each training language as
  // features (lexicon.h); the model names its language's file.
  bool use_lexicon = true;
  // Quantisation: the largest absolute averaged weight maps to this.
  int quantize_max = 32000;
  // Features whose largest quantised weight (absolute) is below this are
  // dropped from the model: the model's size/accuracy trade-off.
  int min_weight = 1;
  // Static features seen fewer times than this in the training data get no
  // weight (1: every feature learns).
  int min_count = 1;
  // Called after each epoch with (epoch, training-token accuracy).
  std::function<void(int, double)> progress;
};

struct TrainingCorpus {
  const ConllCorpus* corpus = nullptr;
  int repeat = 1;  // times its documents are visited per epoch
  // Its language; when the corpora have more than one, features get
  // per-language copies (features.h DomainOf).
  std::string lang;
};

// Trains a model of language `lang` on `corpora`.
std::unique_ptr<NerModel> TrainNerModel(
    const std::vector<TrainingCorpus>& corpora, const std::string& lang,
    const TrainOptions& options);

}  // namespace newsloom

#endif  // NEWSLOOM_NER_TRAINER_H_
