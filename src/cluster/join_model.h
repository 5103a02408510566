// The join decision of online clustering: features of an (article, event)
// pair and the logistic model that weighs them.
//
// For each candidate event the clusterer computes PairFeatures: the cosines
// of the article's content words, lede, names, time mentions and numbers
// with the event's centroids, indicators for the channels one side lacks
// (an article in a language the event has not seen has no word cosine; ECB+
// articles have no dates), the share of the article's names and lede the
// event lacks, and the time gap. The model's
// score is a log-odds,
//
//   score = bias + sum_i weight_i * x_i,
//
// and the article joins the best-scoring candidate when its score is at
// least the model's threshold; otherwise it starts an event.
//
// The weights are not set by hand: `newsloom train FILE.jsonl...` replays
// labelled streams, collects one Example per (article, candidate) with the
// gold answer, and fits them with FitLogistic (L2-regularised logistic
// regression, Newton's method), then sets the threshold to the value that
// gives the best mean BCubed F1 over the training streams replayed online;
// models/event.model is the file it wrote for the shipped default, which
// the build compiles in (see DefaultEventModel).
//
// The text format, one "name value" pair per line, '#' comments, each name
// at most once; "version" (kModelFormatVersion; a newer one is refused)
// comes first in what ToText writes:
//   # newsloom event join model
//   version 1
//   bias -4.2
//   threshold 0.5
//   word_cos 3.1
//   ...
// Unknown names are an error; missing ones are 0.
#ifndef NEWSLOOM_CLUSTER_JOIN_MODEL_H_
#define NEWSLOOM_CLUSTER_JOIN_MODEL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsloom {

enum PairFeature : size_t {
  kWordCos,     // content words, same language only
  kLedeCos,     // headline and first sentences, same language only
  kNameCos,     // name keys, across languages
  kTimeCos,     // time mentions (weekdays, day-and-month dates)
  kNumberCos,   // numbers in the text
  kNoWords,     // 1 when the event has no words in the article's language
  kNoNames,     // 1 when either side has no names
  kNoTimes,     // 1 when either side has no time mentions
  kNoNumbers,   // 1 when either side has no numbers
  kLogGap,      // ln(1 + days from the article to the event's time span)
  kUndated,     // 1 when the article or the event has no date
  kNameNew,     // share of the article's name weight on names the event lacks
  kLedeNew,     // share of the article's lede weight on words the event lacks
  kConceptCos,  // English concepts, when the event has no words in the
                // article's language (text/concepts.h)
  kNumPairFeatures
};

inline constexpr int kModelFormatVersion = 1;

// The names used in model files, by PairFeature.
std::string_view PairFeatureName(size_t feature);

struct PairFeatures {
  std::array<double, kNumPairFeatures> x{};
};

struct JoinModel {
  double bias = 0;
  std::array<double, kNumPairFeatures> weights{};
  // Join when the best candidate's score reaches this (0: probability 1/2).
  double threshold = 0;

  // Log-odds that the pair belongs together.
  double Score(const PairFeatures& f) const;

  std::string ToText() const;
  static Result<JoinModel> FromText(std::string_view text);
};

// The model compiled in from models/event.model.
const JoinModel& DefaultEventModel();

// One training example: the features of a pair, whether it is the gold
// pairing, and how much it counts.
struct Example {
  PairFeatures features;
  bool positive = false;
  double weight = 1;
  uint32_t group = 0;  // the article it came from (for hard-negative mining)
};

struct FitOptions {
  double l2 = 1e-3;        // penalty on the weights (not the bias), per unit weight
  int max_iterations = 50;  // Newton steps
  double tolerance = 1e-9;  // stop when the log-loss improves less than this
};

// Weighted L2-regularised logistic regression by Newton's method. Returns
// InvalidArgument when there are no examples or only one class.
Result<JoinModel> FitLogistic(const std::vector<Example>& examples,
                              const FitOptions& options = {});

// The weighted mean log-loss of `model` on `examples` (without the penalty).
double LogLoss(const JoinModel& model, const std::vector<Example>& examples);

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_JOIN_MODEL_H_
