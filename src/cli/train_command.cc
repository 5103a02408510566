// `newsloom train`: fit the event join model on labelled files and write
// the model file (see engine/trainer.h for the procedure).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <map>

#include "cli/commands.h"
#include "cli/render.h"
#include "engine/trainer.h"
#include "eval/metrics.h"

namespace newsloom {
namespace {

struct LabelledStream {
  std::string name;
  std::vector<Article> articles;
  std::vector<int64_t> gold;  // event labels as ids
};

// Mean event-level BCubed F1 over `streams` clustered online with `model`.
double MeanF1(const std::vector<LabelledStream>& streams, const JoinModel& model,
              std::string* detail) {
  ClusterOptions options;
  options.event_model = model;
  double sum = 0;
  detail->clear();
  for (const LabelledStream& s : streams) {
    const double f1 =
        ScoreClustering(ClusterOnline(s.articles, options, false), s.gold).bcubed.f1;
    sum += f1;
    char buf[32];
    std::snprintf(buf, sizeof buf, " %.4f", f1);
    *detail += buf;
  }
  return streams.empty() ? 0 : sum / streams.size();
}

// The threshold with the best mean F1: a coarse grid, then a finer one
// around its best point. Ties keep the lower threshold.
double SweepThreshold(const std::vector<LabelledStream>& streams,
                      JoinModel model, std::string* log) {
  std::map<double, double> tried;  // threshold -> mean F1
  double best = 0, best_f1 = -1;
  auto run = [&](double t) {
    t = std::round(t * 1000) / 1000;
    if (tried.count(t)) return;
    model.threshold = t;
    std::string detail;
    const double f1 = MeanF1(streams, model, &detail);
    tried[t] = f1;
    char head[64];
    std::snprintf(head, sizeof head, "# threshold %+.3f: mean F1 %.4f (", t, f1);
    const std::string line = head + detail.substr(1) + " )\n";
    *log += line;
    std::cerr << line.substr(2);
    if (f1 > best_f1 || (f1 == best_f1 && t < best)) {
      best_f1 = f1;
      best = t;
    }
  };
  for (double t = -2; t <= 2.001; t += 0.5) run(t);
  const double center = best;
  for (double t = center - 0.4; t <= center + 0.401; t += 0.1) run(t);
  return best;
}

}  // namespace

int RunTrain(const TrainOptions& o) {
  if (!o.out.empty()) {
    if (Status s = CheckWritable(o.out); !s.ok()) {  // before minutes of work
      std::cerr << "newsloom: --out: " << s.message() << "\n";
      return kExitFatal;
    }
  }
  std::vector<StreamExamples> streams;
  std::vector<LabelledStream> labelled;
  size_t errors = 0;
  std::string header =
      "# newsloom event join model, written by `newsloom train`\n"
      "# l2 " + std::to_string(o.l2) + "\n";
  for (const std::string& input : o.inputs) {
    size_t e = 0;
    std::vector<Article> articles = ReadLabelledArticles({input}, o.read, &e);
    errors += e;
    if (articles.empty()) {
      std::cerr << "newsloom: " << input << ": no labelled articles\n";
      continue;
    }
    LabelledStream ls;
    ls.name = input;
    LabelIndex labels;
    for (const Article& a : articles) ls.gold.push_back(labels.Get(a.gold_event));
    ls.articles = articles;
    labelled.push_back(std::move(ls));
    StreamExamples s = CollectExamples(input, std::move(articles));
    size_t positives = 0;
    for (const Example& x : s.examples) positives += x.positive;
    char line[512];
    std::snprintf(line, sizeof line,
                  "# %s: %zu articles, %zu examples (%zu positive); gold event "
                  "among the candidates for %.3f of %zu joins\n",
                  input.c_str(), s.articles, s.examples.size(), positives,
                  s.joins ? double(s.joins_retrieved) / s.joins : 1.0, s.joins);
    header += line;
    std::cerr << line + 2;
    streams.push_back(std::move(s));
  }
  FitOptions fit;
  fit.l2 = o.l2;
  Result<JoinModel> model = TrainJoinModel(streams, fit);
  if (!model.ok()) {
    std::cerr << "newsloom: " << model.status().ToString() << "\n";
    return kExitFatal;
  }
  std::string sweep;
  model->threshold = SweepThreshold(labelled, *model, &sweep);
  header += "# threshold sweep, mean event BCubed F1 (per file in input order):\n" +
            sweep;
  const std::string text = header + model->ToText();
  if (o.out.empty()) {
    std::cout << text;
  } else {
    if (Status s = WriteFile(o.out, text); !s.ok()) {
      std::cerr << "newsloom: " << s.message() << "\n";
      return kExitFatal;
    }
    std::cerr << "model written to " << o.out << "\n";
  }
  return errors > 0 ? kExitPartial : kExitOk;
}

}  // namespace newsloom
