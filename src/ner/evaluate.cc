#include "ner/evaluate.h"

#include <chrono>

#include "ner/recognizer.h"

namespace newsloom {

NerEvaluation EvaluateNer(const NerModel& model, const ConllCorpus& corpus,
                          std::string_view lang) {
  NerEvaluation out;
  SequenceTagger tagger(model);
  std::vector<std::string_view> words;
  std::vector<int> labels;
  std::vector<std::string> predicted;
  uint32_t document = UINT32_MAX;
  double seconds = 0;
  for (const ConllSentence& s : corpus.sentences) {
    words.assign(s.words.begin(), s.words.end());
    auto t0 = std::chrono::steady_clock::now();
    if (s.document != document) {
      tagger.StartDocument();
      document = s.document;
      for (size_t k = &s - corpus.sentences.data();
           k < corpus.sentences.size() && corpus.sentences[k].document == document; ++k) {
        std::vector<std::string_view> note(corpus.sentences[k].words.begin(),
                                           corpus.sentences[k].words.end());
        tagger.NoteSentence(note);
      }
    }
    tagger.Tag(words, &labels);
    if (!lang.empty()) TrimSentenceFunctionWord(words, lang, &labels);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    predicted.clear();
    for (int l : labels) predicted.push_back(LabelName(l));
    out.score.Add(s.tags, predicted);
  }
  out.seconds = seconds;
  return out;
}

std::string LanguageFromCorpusName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view base =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = base.find('.');
  if (dot != std::string_view::npos) base = base.substr(0, dot);
  size_t dash = base.find_last_of('-');
  if (dash == std::string_view::npos) return "";
  std::string_view lang = base.substr(dash + 1);
  if (lang.size() != 2) return "";
  for (char c : lang)
    if (c < 'a' || c > 'z') return "";
  return std::string(lang);
}

}  // namespace newsloom
