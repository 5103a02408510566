// Scoring a model on a CoNLL corpus the way conlleval does (conll.h).
//
// Each document of the corpus is tagged like an article (SequenceTagger:
// StartDocument, then its sentences in order) on the gold tokens, and the
// IOB2 output is scored against the gold tags. Files without -DOCSTART-
// (CoNLL-2002 Spanish, DDT) are one document; the document memory then
// spans the whole file, as it would a very long article.
//
// Thread safety: a free function.
#ifndef NEWSLOOM_NER_EVALUATE_H_
#define NEWSLOOM_NER_EVALUATE_H_

#include <string>
#include <string_view>

#include "ner/conll.h"
#include "ner/model.h"

namespace newsloom {

struct NerEvaluation {
  ChunkScore score;
  double seconds = 0;  // tagging time (features + decoding), wall clock
  double tokens_per_second() const {
    return seconds > 0 ? score.tokens / seconds : 0;
  }
};

// With `lang`, the tagger's labels get EntityRecognizer::Find's repair
// (TrimSentenceFunctionWord in recognizer.h), as the product sees them.
NerEvaluation EvaluateNer(const NerModel& model, const ConllCorpus& corpus,
                          std::string_view lang = "");

// The language of a corpus file from its name: "conll2003-en" -> "en",
// "conll2002-es" -> "es", "conll2002-nl" -> "nl", "ddt-da" -> "da";
// otherwise the two letters after the last '-' of the file's base name,
// and "" when there are none.
std::string LanguageFromCorpusName(std::string_view path);

}  // namespace newsloom

#endif  // NEWSLOOM_NER_EVALUATE_H_
