// EntityRecognizer: the names in a text, with byte spans and types.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<NerModels> models, NerModels::LoadDir(""));
//   EntityRecognizer recognizer(*models);          // one per thread
//   std::vector<EntityMention> found;
//   recognizer.Find(article.text, article.lang, &found);
//   for (const EntityMention& m : found)
//     Print(article.text.substr(m.start, m.end - m.start), EntityTypeName(m.type));
//
// The text is split into sentences and words by text/analyzer.h (ICU, byte
// offsets), with the punctuation between words as tokens of its own, a
// hyphenated word kept whole ("Won-sik", "SID-huset") and, in English, a
// possessive "'s" and the contractions split off ("Putin's" -> "Putin"
// "'s", "I've" -> "I" "'ve", "don't" -> "do" "n't"; straight or curly
// apostrophe), the way the CoNLL corpora the models learnt from are
// tokenised (whole, "I'm" was read as a name: 90 such false entities in
// 400 gva articles and ECB+). Then:
//
//  * Languages with a model (models/ner: en, da, es, nl): the model tags
//    each sentence (model.h), the whole text being one document; types PER,
//    LOC, ORG, MISC.
//  * Other languages: a heuristic (HeuristicNames below): runs of
//    capitalised words, except stop words (text/stop_words.h), month and
//    weekday names, words the text also writes in lower case, and a
//    capitalised sentence-initial word unless the text also capitalises it
//    elsewhere, it is a CLDR place name, or another capitalised word
//    follows ("Vladimir Putin"). German capitalises every noun: there the
//    first capitalised word after an article or determiner ("die
//    Regierung", "den französischen Präsidenten"; text/stop_words.h
//    MarksNoun) is no name unless it is an acronym ("die CDU", "die AfD"),
//    a place or the first of several capitalised words ("die Deutsche
//    Bank"). The price: one-word names after an article ("die Nato", "der
//    Kreml", "die Lufthansa") are missed here (the Annotator recovers
//    those that a model found elsewhere in the story, engine/annotations.cc
//    AddNamesTheSetKnows), and nouns without one ("von Waffen") are still
//    taken for names: German needs a model. Runs that
//    are CLDR country or city names in the language or in English are LOC;
//    the rest kUnknown ("NAME"). This finds names in any cased script
//    (Latin, Cyrillic, Greek, Armenian...: Polish, Russian, Ukrainian...).
//    Scripts without case (Chinese, Japanese, Thai, Arabic, Hebrew, Hindi,
//    Korean...) have no capitals to go by: there only CLDR country and city
//    names, as spelt in the language, are found (as LOC); other names are
//    missed.
//
// Mentions are in text order, do not overlap, and begin and end on token
// boundaries; bytes [start, end) of the text given. Bad input never crashes:
// invalid UTF-8 reads as U+FFFD (no name), empty text gives nothing, and
// only the first kMaxTextBytes are looked at.
//
// Speed (2-core bookworm VM shared with other builds, one thread): the
// tagger alone 0.55-0.85 M tokens/s; Find() on the seed articles (3 KB
// each, ICU segmentation included) about 1,200 articles/s, 4 MB/s.
// Loading all four models, with their hunspell dictionaries: about 0.2 s.
//
// Thread safety: NerModels is immutable once loaded and may be shared;
// EntityRecognizer keeps buffers and an Analyzer: one per thread.
#ifndef NEWSLOOM_NER_RECOGNIZER_H_
#define NEWSLOOM_NER_RECOGNIZER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ner/labels.h"
#include "ner/model.h"
#include "text/analyzer.h"

namespace newsloom {

struct EntityMention {
  uint32_t start = 0, end = 0;  // bytes [start, end) of the text
  EntityType type = EntityType::kUnknown;
  bool operator==(const EntityMention&) const = default;
};

// Texts longer than this are cut (at a byte; offsets stay valid).
inline constexpr size_t kMaxTextBytes = 16u << 20;

// The models of every language there is one for.
class NerModels {
 public:
  // Loads every DIR/<lang>.nermodel ("" = DefaultNerModelDir(), model.h).
  // A missing folder gives an empty set; a corrupt model fails (kCorruption
  // naming the file), so a bad deployment is noticed at start-up.
  static Result<std::unique_ptr<NerModels>> LoadDir(const std::string& dir = "");

  // Just these languages' models; kNotFound when one is missing.
  static Result<std::unique_ptr<NerModels>> Load(
      const std::vector<std::string>& langs, const std::string& dir = "");

  // The model of `lang`, or null.
  const NerModel* ForLanguage(std::string_view lang) const;
  std::vector<std::string> Languages() const;

 private:
  std::map<std::string, std::unique_ptr<NerModel>, std::less<>> models_;
};

// One word or punctuation token of a raw text (bytes [begin, end)).
struct TextToken {
  uint32_t begin = 0, end = 0;
  uint32_t sentence = 0;
};

// The tokens of `text`, the CoNLL way described above. Clears `*out`.
void TokenizeForNer(const AnalyzedText& analyzed, std::string_view text,
                    std::string_view lang, std::vector<TextToken>* out);

// A name the tagger starts on a sentence's first word when that word is
// a preposition, adverb or conjunction that opens sentences (a short list
// for the languages with models and their neighbours): its capital is the
// sentence's, so the name starts after it ("Tras Túnez" -> "Túnez",
// "Luego Hosni Mubarak", "Primero Ajdabiya", "Desde Cuba"). Articles and
// name particles stay ("El País", "La Russa", "De Gaulle", "The Hague").
// `labels` are IOB2 labels of `words`, one sentence; `lang` is unused
// (the words of one language rarely start a name in another).
void TrimSentenceFunctionWord(std::span<const std::string_view> words, std::string_view lang,
                              std::vector<int>* labels);

struct RecognizerOptions {
  // Run the heuristic for languages without a model (false: find nothing).
  bool heuristic_fallback = true;
};

class EntityRecognizer {
 public:
  // REQUIRES: `models` outlives the recognizer.
  explicit EntityRecognizer(const NerModels& models,
                            RecognizerOptions options = {});
  ~EntityRecognizer();
  EntityRecognizer(const EntityRecognizer&) = delete;
  EntityRecognizer& operator=(const EntityRecognizer&) = delete;

  // The names in `text` (language `lang`, ISO 639-1; "" or "und": the
  // heuristic with no stop words). Clears `*out`.
  void Find(std::string_view text, std::string_view lang,
            std::vector<EntityMention>* out);

  // Whether `lang` is tagged by a model (else by the heuristic).
  bool HasModel(std::string_view lang) const;

 private:
  void Heuristic(std::string_view text, std::string_view lang,
                 std::vector<EntityMention>* out);
  const Gazetteer& GazetteerFor(std::string_view lang);

  const NerModels& models_;
  RecognizerOptions options_;
  Analyzer analyzer_;
  AnalyzedText analyzed_;
  std::vector<TextToken> tokens_;
  std::map<std::string, std::unique_ptr<SequenceTagger>, std::less<>> taggers_;
  std::map<std::string, std::unique_ptr<Gazetteer>, std::less<>> gazetteers_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_NER_RECOGNIZER_H_
