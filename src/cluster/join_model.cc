#include "cluster/join_model.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "base/utf8.h"

namespace newsloom {
namespace {

constexpr std::string_view kNames[kNumPairFeatures] = {
    "word_cos",  "lede_cos",   "name_cos", "time_cos",
    "number_cos", "no_words",  "no_names", "no_times",
    "no_numbers", "log_gap",   "undated",  "name_new", "lede_new",
    "concept_cos"};

// The model file of the shipped default, compiled in (see CMakeLists.txt).
constexpr char kDefaultEventModel[] =
#include "cluster/default_event_model.inc"
    ;

double Sigmoid(double z) {
  return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

// Solves a * x = b for a symmetric positive definite `a` (n x n, row-major)
// by Cholesky decomposition; false when `a` is not positive definite.
bool SolveSpd(std::vector<double> a, std::vector<double> b, size_t n,
              std::vector<double>* x) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (d <= 0) return false;
    d = std::sqrt(d);
    a[j * n + j] = d;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (size_t i = 0; i < n; ++i) {  // L y = b
    for (size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {  // L^T x = y
    for (size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  *x = std::move(b);
  return true;
}

}  // namespace

std::string_view PairFeatureName(size_t feature) {
  return feature < kNumPairFeatures ? kNames[feature] : std::string_view();
}

double JoinModel::Score(const PairFeatures& f) const {
  double z = bias;
  for (size_t i = 0; i < kNumPairFeatures; ++i) z += weights[i] * f.x[i];
  return z;
}

std::string JoinModel::ToText() const {
  // std::to_chars: the shortest text that reads back as the same double.
  std::string out = "version " + std::to_string(kModelFormatVersion) + "\n";
  auto put = [&](std::string_view name, double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(name).append(" ").append(buf, r.ptr).append("\n");
  };
  put("bias", bias);
  put("threshold", threshold);
  for (size_t i = 0; i < kNumPairFeatures; ++i) put(kNames[i], weights[i]);
  return out;
}

Result<JoinModel> JoinModel::FromText(std::string_view text) {
  JoinModel m;
  std::set<std::string> seen;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = TrimAscii(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::istringstream in{std::string(line)};
    std::string name, rest;
    double value;
    if (!(in >> name >> value) || (in >> rest)) {
      return Status::InvalidArgument("model line " + std::to_string(line_no) +
                                     ": expected \"name value\"");
    }
    if (!seen.insert(name).second) {
      return Status::InvalidArgument("model line " + std::to_string(line_no) +
                                     ": \"" + name + "\" given twice");
    }
    if (name == "version") {
      if (value != kModelFormatVersion) {
        return Status::NotSupported("model format version " + std::string(line) +
                                    "; this newsloom reads version " +
                                    std::to_string(kModelFormatVersion));
      }
      continue;
    }
    if (!std::isfinite(value)) {
      return Status::InvalidArgument("model line " + std::to_string(line_no) +
                                     ": not a finite number");
    }
    if (name == "bias" || name == "threshold") {
      (name == "bias" ? m.bias : m.threshold) = value;
      continue;
    }
    size_t i = 0;
    while (i < kNumPairFeatures && kNames[i] != name) ++i;
    if (i == kNumPairFeatures) {
      return Status::InvalidArgument("model line " + std::to_string(line_no) +
                                     ": unknown feature \"" + name + "\"");
    }
    m.weights[i] = value;
  }
  // Empty, or comments only: every weight would be 0 and every pair score
  // the same, which is no model (an empty file given by mistake).
  if (seen.empty() || (seen.size() == 1 && seen.count("version"))) {
    return Status::InvalidArgument("no weights: not a model file (`newsloom train` writes one)");
  }
  return m;
}

const JoinModel& DefaultEventModel() {
  static const JoinModel* model = [] {
    Result<JoinModel> m = JoinModel::FromText(kDefaultEventModel);
    // The file is checked by the build's tests; a broken one is a bug.
    return new JoinModel(m.ok() ? *m : JoinModel{});
  }();
  return *model;
}

double LogLoss(const JoinModel& model, const std::vector<Example>& examples) {
  double loss = 0, total = 0;
  for (const Example& e : examples) {
    const double p = Sigmoid(model.Score(e.features));
    const double q = e.positive ? p : 1 - p;
    loss -= e.weight * std::log(std::max(q, 1e-15));
    total += e.weight;
  }
  return total > 0 ? loss / total : 0;
}

Result<JoinModel> FitLogistic(const std::vector<Example>& examples,
                              const FitOptions& options) {
  double pos = 0, neg = 0;
  size_t positives = 0, negatives = 0;
  for (const Example& e : examples) {
    (e.positive ? pos : neg) += e.weight;
    ++(e.positive ? positives : negatives);
  }
  if (pos <= 0 || neg <= 0) {
    return Status::InvalidArgument(
        "training needs examples of both kinds, an article and its gold event (positive) "
        "and an article and another event (negative); have " +
        std::to_string(positives) + " positive, " + std::to_string(negatives) +
        " negative: give labelled JSONL whose events have several articles");
  }
  // Parameters: [bias, weights...]; the loss is the weighted mean log-loss
  // plus l2/2 * |weights|^2.
  constexpr size_t n = kNumPairFeatures + 1;
  const double total = pos + neg;
  JoinModel m;
  m.bias = std::log(pos / neg);
  double previous = INFINITY;
  for (int it = 0; it < options.max_iterations; ++it) {
    std::vector<double> grad(n, 0), hess(n * n, 0);
    double loss = 0;
    for (const Example& e : examples) {
      double x[n];
      x[0] = 1;
      for (size_t i = 0; i < kNumPairFeatures; ++i) x[i + 1] = e.features.x[i];
      const double p = Sigmoid(m.Score(e.features));
      const double w = e.weight / total;
      const double q = e.positive ? p : 1 - p;
      loss -= w * std::log(std::max(q, 1e-15));
      const double r = w * (p - (e.positive ? 1 : 0));
      const double h = w * p * (1 - p);
      for (size_t i = 0; i < n; ++i) {
        grad[i] += r * x[i];
        for (size_t j = 0; j <= i; ++j) hess[i * n + j] += h * x[i] * x[j];
      }
    }
    for (size_t i = 1; i < n; ++i) {
      loss += options.l2 / 2 * m.weights[i - 1] * m.weights[i - 1];
      grad[i] += options.l2 * m.weights[i - 1];
      hess[i * n + i] += options.l2;
    }
    // A feature that never varies (always 0 in these examples) would make
    // the Hessian singular; a negligible ridge keeps its weight at 0.
    for (size_t i = 0; i < n; ++i) hess[i * n + i] += 1e-9;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) hess[i * n + j] = hess[j * n + i];
    }
    if (previous - loss < options.tolerance) break;
    previous = loss;
    std::vector<double> step;
    if (!SolveSpd(hess, grad, n, &step)) {
      return Status::InvalidArgument(
          "training: singular Hessian (a feature never varies?)");
    }
    // Newton's step, halved until the objective does not rise (the
    // log-loss is convex, so a small enough step always helps).
    auto objective = [&](const JoinModel& x) {
      double o = LogLoss(x, examples);
      for (double w : x.weights) o += options.l2 / 2 * w * w;
      return o;
    };
    JoinModel next = m;
    for (double t = 1; t > 1e-6; t /= 2) {
      next.bias = m.bias - t * step[0];
      for (size_t i = 1; i < n; ++i) next.weights[i - 1] = m.weights[i - 1] - t * step[i];
      if (objective(next) <= loss) break;
    }
    if (objective(next) > loss) break;  // no step helps: m is the optimum
    m = next;
  }
  return m;
}

}  // namespace newsloom
