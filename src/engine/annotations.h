// Who, where, when, said what: the annotations of articles, joined across
// the articles of a story (issue 7).
//
//   Annotator annotator;                      // loads models lazily
//   std::vector<ArticleAnnotations> a = annotator.Annotate(story_articles);
//   nlohmann::json j = AnnotationsToJson(a[0]);
//
// Per article, with byte offsets into Article::text:
//  * entities: names from the recogniser of ner/ (a trained model for en,
//    es, nl, da; the script-aware fallback elsewhere), each with its type
//    (PER, ORG, LOC, MISC), its key and its canonical display name. Keys
//    are language-independent (engine/name_keys.h): a country or region
//    is its CLDR territory ("Rusland", "Russia", "Россия" -> "@ru", shown
//    as its English CLDR name "Russia"); other names are the spelling-
//    variant keys of their words ("Aleksej Navalnyj", "Alexei Navalny" ->
//    "aleksei navalni"). Across the articles given together: a name with
//    words before a name the set also uses is that name ("French President
//    Emmanuel Macron" -> "Emmanuel Macron"), and a one-word name joins the
//    longer name it ends when that is the only one, or is in twice as many
//    articles as any other ("Macron" -> "emanuel makron"). The display name
//    of a person or organisation is its most frequent full form. In
//    English, a person first named with a title ("French President
//    Emmanuel Macron") is also mentioned by "the TITLE" alone ("the French
//    president said"), when no other person of the article has that title.
//    In German, where every noun is capitalised, a one-word name after an
//    article ("die Nato"), which the recogniser reads as a noun, is the
//    typed entity of that key the set names elsewhere ("NATO").
//  * dates: time expressions of timex/ with TIMEX3 values. The anchor is
//    the article's publication day; an undated article takes the day that
//    best fits its relative expressions against the days the other
//    articles pin down (their publication days and their absolute dates):
//    "held yesterday Monday" in an undated article of a story that
//    mentions Monday 26 February 2024 resolves to 2024-02-26. `anchor` is
//    the day used, empty when none was found (values keep X's then).
//  * quotes: quotations of quotes/ (direct and indirect) with the speaker
//    as an entity where the text names one: `speaker` is the entity's
//    display name (else the words the text uses), `speaker_key` its key.
//
// Thread safety: thread-compatible (one Annotator per thread).
#ifndef NEWSLOOM_ENGINE_ANNOTATIONS_H_
#define NEWSLOOM_ENGINE_ANNOTATIONS_H_

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "timex/calendar.h"

namespace newsloom {

struct EntityAnnotation {
  uint32_t start = 0, end = 0;  // bytes of Article::text
  std::string text;             // the bytes as written
  std::string type;             // PER, ORG, LOC or MISC
  std::string key;              // the canonical entity
  std::string name;             // its display name
};

struct DateAnnotation {
  uint32_t start = 0, end = 0;
  std::string text;
  std::string type;    // DATE, TIME, DURATION, SET
  std::string value;   // TIMEX3 value: 2024-02-26, 2024-W09, 2024-02, P3D...
  std::string anchor;  // the day relative values were resolved against
};

// The day a TIMEX3 value names: a day ("2024-02-26") or a time of one
// ("2024-02-26TEV", "2024-02-26T14:30"); nullopt for weeks, months,
// durations and values with X's.
std::optional<CivilDay> DayOfValue(std::string_view timex_value);
// The day an article was published on, as its outlet dated it (the local
// day of the time's own offset, PublishedLocal; the UTC day when the input
// named no zone); nullopt when undated. The anchor of its relative dates:
// "today" in a New York paper at 21:45 is that day, not UTC's next one.
std::optional<CivilDay> PublicationDay(const Article& a);

struct QuoteAnnotation {
  uint32_t start = 0, end = 0;  // the quoted or reported words
  std::string text;
  std::string kind;             // direct or indirect
  std::string speaker;          // display name, or the text's words; "" unknown
  std::string speaker_key;      // entity key of the speaker; "" when none
  uint32_t speaker_start = 0, speaker_end = 0;  // the words naming the speaker
  std::string source;           // "according to X": X; "" when none
};

struct ArticleAnnotations {
  std::vector<EntityAnnotation> entities;
  std::vector<DateAnnotation> dates;
  std::vector<QuoteAnnotation> quotes;
};

// {"entities":[{"text","key","name","type","start","end"}],
//  "dates":[{"text","value","type","anchor","start","end"}],
//  "quotes":[{"text","speaker","speaker_key","kind","source","start","end",
//             "speaker_start","speaker_end"}]}
nlohmann::json AnnotationsToJson(const ArticleAnnotations& a);

// The annotations AnnotationsToJson wrote (a store keeps them so), or
// nullopt when `j` is not such an object (not an object, or one of its
// three lists not a list). An item with a field of the wrong type is read
// with that field empty or 0; nothing throws.
std::optional<ArticleAnnotations> AnnotationsFromJson(const nlohmann::json& j);

struct AnnotatorOptions {
  // Folder of the entity models (models/ner); "" = the one the build
  // ships (NEWSLOOM_MODEL_DIR) or $NEWSLOOM_NER_DIR.
  std::string ner_model_dir;
  // Of a longer text, only this much is read (CutLongTexts, base/article.h).
  size_t max_text_bytes = kMaxAnalyzedTextBytes;
};

class Annotator {
 public:
  // Bumped whenever the output for the same input changes, so stored
  // annotations of an older version are recomputed.
  // Not bumped for every improvement: the pages that read stored
  // annotations compute missing ones without storing them, so a bump
  // makes each story of an older store slower to show, for good (until
  // `ingest --annotate` or `annotate --db` annotates it again), and leaves
  // its article_entities rows as they were. `newsloom annotate --db`
  // brings a store's annotations to the current kVersion.
  static constexpr int kVersion = 1;

  explicit Annotator(AnnotatorOptions options = {});
  ~Annotator();
  Annotator(const Annotator&) = delete;
  Annotator& operator=(const Annotator&) = delete;

  // The annotations of `articles` (one story, or any set that belongs
  // together), in the same order. Never fails: a language without a model
  // gets the fallback recogniser; a missing or broken model file is
  // reported once on `warnings()` and the fallback used. The models are
  // read by the first call (about 0.2 s), not by the constructor. Of a text
  // over options.max_text_bytes, only that much is read.
  std::vector<ArticleAnnotations> Annotate(
      std::span<const Article* const> articles);

  // Reads the entity models now rather than at the first Annotate, so
  // that warnings() says whether they are usable (serve calls it at
  // start-up). Does nothing once they are read.
  void LoadModels();

  const AnnotatorOptions& options() const;

  // Problems met so far (e.g. a model file that could not be read, known
  // once something has been annotated).
  const std::vector<std::string>& warnings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_ANNOTATIONS_H_
