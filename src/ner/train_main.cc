// newsloom_ner_train: writes a NerModel (model.h) trained on CoNLL files.
//
//   newsloom_ner_train --lang da --out models/ner/da.nermodel
//       ddt-da.train.conll:4 conll2002-nl.train.conll
//
// Each training file may carry ":N", visiting its documents N times per
// epoch. A file's language is LanguageFromCorpusName's (evaluate.h); files
// of other languages than --lang make a multilingual model (trainer.h). Options: --epochs N, --seed N, --min-weight W, --min-count C,
// --no-gazetteer, --no-lexicon, --beam K.
// scripts/train_ner.sh runs it for every shipped language.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "ner/conll.h"
#include "ner/evaluate.h"
#include "ner/trainer.h"

using namespace newsloom;

// --eval CORPUS (repeatable): after training, or of --model FILE, prints
// conlleval precision, recall and F1 (development only; never train on it).
// --model FILE --show-errors CORPUS: prints each sentence the model gets
// wrong, gold/predicted tag after each word that differs (error analysis).
static int ShowErrors(const std::string& model_path, const std::string& corpus_path) {
  Result<std::unique_ptr<NerModel>> model = NerModel::Load(model_path);
  Result<ConllCorpus> corpus = ReadConllFile(corpus_path);
  if (!model.ok() || !corpus.ok()) {
    std::fprintf(stderr, "newsloom_ner_train: cannot read model or corpus\n");
    return 1;
  }
  SequenceTagger tagger(**model);
  uint32_t document = UINT32_MAX;
  std::vector<std::string_view> words;
  std::vector<int> labels;
  for (const ConllSentence& s : corpus->sentences) {
    if (s.document != document) tagger.StartDocument();
    document = s.document;
    words.assign(s.words.begin(), s.words.end());
    tagger.Tag(words, &labels);
    std::string line;
    bool wrong = false;
    for (size_t i = 0; i < words.size(); ++i) {
      line += s.words[i];
      std::string p = LabelName(labels[i]);
      if (p != s.tags[i]) {
        line += "[" + s.tags[i] + "/" + p + "]";
        wrong = true;
      } else if (p != "O") {
        line += "[" + p + "]";
      }
      line += " ";
    }
    if (wrong) std::printf("%s\n", line.c_str());
  }
  return 0;
}

// Prints the conlleval scores of `model` on each of `paths`.
static int PrintEvaluations(const NerModel& model, const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    Result<ConllCorpus> corpus = ReadConllFile(path);
    if (!corpus.ok()) {
      std::fprintf(stderr, "newsloom_ner_train: %s\n", corpus.status().ToString().c_str());
      return 1;
    }
    NerEvaluation e = EvaluateNer(model, *corpus);
    std::printf("%s: P %.4f R %.4f F1 %.4f", path.c_str(), e.score.precision(),
                e.score.recall(), e.score.f1());
    for (const auto& [type, c] : e.score.by_type)
      std::printf("  %s %.3f", type.c_str(), c.f1());
    std::printf("  %.0f tokens/s\n", e.tokens_per_second());
  }
  return 0;
}

int main(int argc, char** argv) {
  std::string lang, out, show_errors, model_path;
  std::vector<std::string> evals;
  TrainOptions options;
  std::vector<std::pair<std::string, int>> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "newsloom_ner_train: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--lang") lang = next();
    else if (a == "--out") out = next();
    else if (a == "--epochs") options.epochs = std::atoi(next().c_str());
    else if (a == "--beam") options.beam = std::max(1, std::atoi(next().c_str()));
    else if (a == "--seed") options.seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--min-weight") options.min_weight = std::atoi(next().c_str());
    else if (a == "--no-gazetteer") options.use_gazetteer = false;
    else if (a == "--no-lexicon") options.use_lexicon = false;
    else if (a == "--min-count") options.min_count = std::atoi(next().c_str());
    else if (a == "--show-errors") show_errors = next();
    else if (a == "--model") model_path = next();
    else if (a == "--eval") evals.push_back(next());
    else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "newsloom_ner_train: unknown option %s\n", a.c_str());
      return 2;
    } else {
      size_t colon = a.rfind(':');
      int repeat = 1;
      if (colon != std::string::npos) {
        repeat = std::atoi(a.c_str() + colon + 1);
        a.resize(colon);
      }
      files.emplace_back(a, repeat < 1 ? 1 : repeat);
    }
  }
  if (!show_errors.empty() && !model_path.empty()) return ShowErrors(model_path, show_errors);
  if (!evals.empty() && !model_path.empty()) {
    Result<std::unique_ptr<NerModel>> model = NerModel::Load(model_path);
    if (!model.ok()) {
      std::fprintf(stderr, "newsloom_ner_train: %s\n", model.status().ToString().c_str());
      return 1;
    }
    return PrintEvaluations(**model, evals);
  }
  if (lang.empty() || out.empty() || files.empty()) {
    std::fprintf(stderr,
                 "usage: newsloom_ner_train --lang L --out FILE [--epochs N] "
                 "[--seed N] [--min-weight W] [--min-count C] [--no-gazetteer] "
                 "[--no-lexicon] [--beam K] "
                 "TRAIN.conll[:REPEAT]...\n");
    return 2;
  }
  std::vector<ConllCorpus> corpora;
  corpora.reserve(files.size());
  std::vector<TrainingCorpus> training;
  for (const auto& [path, repeat] : files) {
    Result<ConllCorpus> c = ReadConllFile(path);
    if (!c.ok()) {
      std::fprintf(stderr, "newsloom_ner_train: %s\n", c.status().ToString().c_str());
      return 1;
    }
    corpora.push_back(std::move(c).value());
    std::fprintf(stderr, "%s: %zu sentences, %zu tokens, x%d\n", path.c_str(),
                 corpora.back().sentences.size(), corpora.back().tokens, repeat);
  }
  for (size_t i = 0; i < corpora.size(); ++i)
    training.push_back(
        {&corpora[i], files[i].second, LanguageFromCorpusName(files[i].first)});
  options.progress = [](int epoch, double accuracy) {
    std::fprintf(stderr, "epoch %d: training accuracy %.4f\n", epoch, accuracy);
  };
  std::unique_ptr<NerModel> model = TrainNerModel(training, lang, options);
  std::string bytes = model->Serialize();
  std::ofstream f(out, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    std::fprintf(stderr, "newsloom_ner_train: cannot write %s\n", out.c_str());
    return 1;
  }
  std::fprintf(stderr, "%s: %zu features, %zu bytes\n", out.c_str(),
               model->features(), bytes.size());
  if (!evals.empty()) {
    // Scored as loaded from the file, as the engine would use it.
    Result<std::unique_ptr<NerModel>> loaded = NerModel::Load(out);
    if (!loaded.ok()) return 1;
    return PrintEvaluations(**loaded, evals);
  }
  return 0;
}
