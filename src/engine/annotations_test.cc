// Annotator on the seeds (issue 7's must-show list) and on small texts we
// wrote: byte offsets, keys across languages, dates through the story,
// quotes with speakers.
#include "engine/annotations.h"

#include "base/utf8.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/build.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;

std::vector<Article> ReadSeeds() {
  std::vector<Article> articles;
  const fs::path seeds = fs::path(NEWSLOOM_SHARED_DIR) / "seeds";
  if (!fs::exists(seeds)) return articles;
  ReadInputs({seeds.string()}, ReadOptions{},
             [&](Article&& a) { articles.push_back(std::move(a)); },
             [](const IngestError& e) { ADD_FAILURE() << e.ToString(); });
  std::sort(articles.begin(), articles.end(),
            [](const Article& a, const Article& b) { return a.input < b.input; });
  // The languages the engine detects (engine_test checks it does).
  for (Article& a : articles) {
    a.lang = a.input.find("/002_") != std::string::npos ? "da" : "en";
  }
  return articles;
}

std::vector<const Article*> Pointers(const std::vector<Article>& v) {
  std::vector<const Article*> out;
  for (const Article& a : v) out.push_back(&a);
  return out;
}

const DateAnnotation* FindDate(const ArticleAnnotations& a, std::string_view text) {
  for (const DateAnnotation& d : a.dates) {
    if (d.text == text) return &d;
  }
  return nullptr;
}

const QuoteAnnotation* FindQuote(const ArticleAnnotations& a,
                                 std::string_view starts_with) {
  for (const QuoteAnnotation& q : a.quotes) {
    if (q.text.starts_with(starts_with)) return &q;
  }
  return nullptr;
}

const EntityAnnotation* FindEntity(const ArticleAnnotations& a,
                                   std::string_view text) {
  for (const EntityAnnotation& e : a.entities) {
    if (e.text == text) return &e;
  }
  return nullptr;
}

// Every span is the bytes it claims to be.
void ExpectSpansMatch(const Article& article, const ArticleAnnotations& a) {
  const std::string_view text = article.text;
  for (const EntityAnnotation& e : a.entities) {
    ASSERT_LE(e.end, text.size());
    EXPECT_EQ(text.substr(e.start, e.end - e.start), e.text) << article.input;
  }
  for (const DateAnnotation& d : a.dates) {
    ASSERT_LE(d.end, text.size());
    EXPECT_EQ(text.substr(d.start, d.end - d.start), d.text) << article.input;
  }
  for (const QuoteAnnotation& q : a.quotes) {
    ASSERT_LE(q.end, text.size());
    EXPECT_EQ(text.substr(q.start, q.end - q.start), q.text) << article.input;
    EXPECT_LE(q.speaker_start, q.speaker_end);
    EXPECT_LE(q.speaker_end, text.size());
  }
}

// An English article "a" of `text`, annotated alone; its spans checked.
struct Alone {
  Article article;
  ArticleAnnotations notes;
};
Alone AnnotateAlone(std::string text, std::optional<UnixSeconds> published = std::nullopt,
                    std::optional<int> offset = std::nullopt) {
  Alone out;
  out.article.id = "a";
  out.article.lang = "en";
  out.article.published = published;
  out.article.published_offset = offset;
  out.article.text = std::move(text);
  Annotator annotator;
  const std::vector<Article> all = {out.article};
  std::vector<ArticleAnnotations> notes = annotator.Annotate(Pointers(all));
  EXPECT_EQ(notes.size(), 1u);
  if (!notes.empty()) out.notes = std::move(notes[0]);
  ExpectSpansMatch(out.article, out.notes);
  return out;
}

class SeedAnnotationsTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    seeds_ = new std::vector<Article>(ReadSeeds());
    if (seeds_->size() != 5) return;
    Annotator annotator;
    notes_ = new std::vector<ArticleAnnotations>(
        annotator.Annotate(Pointers(*seeds_)));
  }
  static void TearDownTestSuite() {
    delete seeds_;
    delete notes_;
    seeds_ = nullptr;
    notes_ = nullptr;
  }
  void SetUp() override {
    if (seeds_->size() != 5) {
      GTEST_SKIP() << "no seeds under " << NEWSLOOM_SHARED_DIR << " (shared/ absent)";
    }
  }
  const ArticleAnnotations& Of(int i) { return (*notes_)[i]; }

  static std::vector<Article>* seeds_;
  static std::vector<ArticleAnnotations>* notes_;
};
std::vector<Article>* SeedAnnotationsTest::seeds_ = nullptr;
std::vector<ArticleAnnotations>* SeedAnnotationsTest::notes_ = nullptr;

TEST_F(SeedAnnotationsTest, SpansPointAtTheirBytes) {
  for (size_t i = 0; i < seeds_->size(); ++i) ExpectSpansMatch((*seeds_)[i], Of(i));
}

TEST_F(SeedAnnotationsTest, DatesResolveThroughTheStory) {
  // 000 has no publication date: its "yesterday Monday" takes its anchor
  // from the days the story's other articles state (Monday 26 February).
  const DateAnnotation* monday = FindDate(Of(0), "yesterday Monday");
  ASSERT_NE(monday, nullptr);
  EXPECT_EQ(monday->value, "2024-02-26");
  EXPECT_EQ(monday->anchor, "2024-02-27");
  // 004 is dated 2024-03-05 (a Tuesday); the call is that week's Thursday.
  const DateAnnotation* thursday = FindDate(Of(4), "Thursday");
  ASSERT_NE(thursday, nullptr);
  EXPECT_EQ(thursday->value, "2024-03-07");
  for (auto [text, value] : {std::pair{"March 7", "2024-03-07"},
                             std::pair{"Feb. 26", "2024-02-26"},
                             std::pair{"Feb. 16", "2024-02-16"}}) {
    const DateAnnotation* d = FindDate(Of(3), text);
    ASSERT_NE(d, nullptr) << text;
    EXPECT_EQ(d->value, value) << text;
  }
}

TEST_F(SeedAnnotationsTest, QuotesHaveTheirSpeakers) {
  const QuoteAnnotation* macron = FindQuote(Of(0), "We will do everything");
  ASSERT_NE(macron, nullptr);
  EXPECT_EQ(macron->kind, "direct");
  EXPECT_EQ(macron->speaker, "Emmanuel Macron");
  const QuoteAnnotation* peskov = FindQuote(Of(1), "In that case");
  ASSERT_NE(peskov, nullptr);
  EXPECT_NE(peskov->speaker.find("Peskov"), std::string::npos) << peskov->speaker;
  const QuoteAnnotation* szijjarto =
      FindQuote(Of(1), "The war in Ukraine must be finished, not expanded.");
  ASSERT_NE(szijjarto, nullptr);
  EXPECT_NE(szijjarto->speaker.find("Szijjarto"), std::string::npos);
  // The Danish dash quote.
  const QuoteAnnotation* intet = FindQuote(Of(2), "Intet bør udelukkes");
  ASSERT_NE(intet, nullptr);
  EXPECT_EQ(intet->kind, "direct");
  EXPECT_EQ(intet->speaker, "Emmanuel Macron");
  EXPECT_EQ(intet->speaker_key, macron->speaker_key);
}

TEST_F(SeedAnnotationsTest, NamesShareKeysAcrossLanguages) {
  const EntityAnnotation* rusland = FindEntity(Of(2), "Rusland");
  const EntityAnnotation* russia = FindEntity(Of(0), "Russia");
  ASSERT_NE(rusland, nullptr);
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(rusland->key, "@ru");
  EXPECT_EQ(russia->key, "@ru");
  EXPECT_EQ(rusland->name, "Russia");
  EXPECT_EQ(rusland->type, "LOC");
  const EntityAnnotation* da = FindEntity(Of(2), "Emmanuel Macron");
  const EntityAnnotation* en = FindEntity(Of(0), "Emmanuel Macron");
  ASSERT_NE(da, nullptr);
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(da->key, en->key);
}

// Issue 7's list of who and where the seeds name, by canonical name (any
// article) and type.
TEST_F(SeedAnnotationsTest, TheSeedsNamedEntities) {
  std::map<std::string, std::string> found;  // name -> type
  for (size_t i = 0; i < seeds_->size(); ++i) {
    for (const EntityAnnotation& e : Of(i).entities) found[e.name] = e.type;
  }
  for (const char* person :
       {"Emmanuel Macron", "Volodymyr Zelensky", "Dmitry Peskov", "Jens Stoltenberg",
        "Olaf Scholz", "Rishi Sunak", "David Cameron", "Viktor Orban", "Peter Szijjarto",
        "Robert Fico", "Petr Fiala", "Dmytro Kuleba", "Josep Borrell", "Maia Sandu",
        "Mette Frederiksen", "Aleksej Navalnyj", "Vladimir Putin", "Shin Won-sik"}) {
    ASSERT_TRUE(found.count(person)) << person;
    EXPECT_EQ(found[person], "PER") << person;
  }
  for (const char* place : {"France", "Ukraine", "Russia", "Moldova", "Belarus",
                            "Czech Republic", "Hungary", "Slovakia", "North Korea",
                            "South Korea"}) {
    ASSERT_TRUE(found.count(place)) << place;
    EXPECT_EQ(found[place], "LOC") << place;
  }
  for (const char* org : {"NATO", "EU", "Reuters", "AFP", "BBC News"}) {
    ASSERT_TRUE(found.count(org)) << org;
    EXPECT_EQ(found[org], "ORG") << org;
  }
  // The Danish article's own names have the keys the English spellings get.
  Annotator annotator;
  Article en;
  en.lang = "en";
  en.text = "Mette Frederiksen spoke about Alexei Navalny.";
  const std::vector<Article> one = {en};
  const ArticleAnnotations elsewhere = annotator.Annotate(Pointers(one))[0];
  const EntityAnnotation* navalnyj = FindEntity(Of(2), "Aleksej Navalnyj");
  const EntityAnnotation* frederiksen = FindEntity(Of(2), "Mette Frederiksen");
  ASSERT_NE(navalnyj, nullptr);
  ASSERT_NE(frederiksen, nullptr);
  ASSERT_NE(FindEntity(elsewhere, "Alexei Navalny"), nullptr);
  ASSERT_NE(FindEntity(elsewhere, "Mette Frederiksen"), nullptr);
  EXPECT_EQ(navalnyj->key, FindEntity(elsewhere, "Alexei Navalny")->key);
  EXPECT_EQ(frederiksen->key, FindEntity(elsewhere, "Mette Frederiksen")->key);
  // Rishi Sunak's spokesperson spoke for him: the speaker is the
  // spokesperson, not Sunak.
  bool spokesperson = false;
  for (const QuoteAnnotation& q : Of(1).quotes) {
    if (q.speaker.find("spokesperson for UK Prime Minister Rishi Sunak") != std::string::npos) {
      spokesperson = true;
      EXPECT_EQ(q.speaker_key, "");
    }
  }
  EXPECT_TRUE(spokesperson);
  // "the French president" after "French President Emmanuel Macron".
  const EntityAnnotation* president = FindEntity(Of(0), "French president");
  ASSERT_NE(president, nullptr);
  EXPECT_EQ(president->name, "Emmanuel Macron");
  EXPECT_EQ(president->key, FindEntity(Of(0), "Emmanuel Macron")->key);
  // "Mr Peskov" is Dmitry Peskov, the quote's speaker.
  const QuoteAnnotation* peskov = FindQuote(Of(1), "In that case");
  ASSERT_NE(peskov, nullptr);
  EXPECT_EQ(peskov->speaker, "Dmitry Peskov");
}

// Names written in other scripts and spellings meet under one key.
TEST(AnnotatorTest, SpellingsAndScriptsShareKeys) {
  Article da, en, ru;
  da.id = "da";
  da.lang = "da";
  da.text = "Oppositionspolitikeren Aleksej Navalnyj døde i en straffekoloni.";
  en.id = "en";
  en.lang = "en";
  en.text = "Opposition politician Alexei Navalny died in a prison colony.";
  ru.id = "ru";
  ru.lang = "ru";
  ru.text = "Оппозиционер Алексей Навальный умер в колонии.";
  Annotator annotator;
  const std::vector<Article> all = {da, en, ru};
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(Pointers(all));
  const EntityAnnotation* a = FindEntity(notes[0], "Aleksej Navalnyj");
  const EntityAnnotation* b = FindEntity(notes[1], "Alexei Navalny");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->key, b->key);
  EXPECT_EQ(a->key, "aleksei navalni");
  for (size_t i = 0; i < all.size(); ++i) ExpectSpansMatch(all[i], notes[i]);
}

// German capitalises every noun, so a one-word name after an article ("die
// Nato", "der Kreml") reads as a noun; the name of an entity a model found
// elsewhere in the set is recognised there. Nouns stay nouns, and a
// compound is not the name.
TEST(AnnotatorTest, AGermanNameAfterAnArticleIsKnownFromTheSet) {
  Article en, de;
  en.id = "en";
  en.lang = "en";
  en.text = "NATO ministers met in Brussels on Thursday, and the Kremlin answered.";
  de.id = "de";
  de.lang = "de";
  de.text = "Die Minister der Nato trafen sich in Brüssel. Die Nato will die "
            "Regierung in Kiew stärker unterstützen, hieß es beim Nato-Gipfel.";
  Annotator annotator;
  const std::vector<Article> all = {en, de};
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(Pointers(all));
  const EntityAnnotation* nato = FindEntity(notes[0], "NATO");
  ASSERT_NE(nato, nullptr);
  int mentions = 0;
  for (const EntityAnnotation& e : notes[1].entities) {
    EXPECT_NE(e.text, "Regierung");
    EXPECT_NE(e.text, "Minister");
    if (e.text == "Nato") {
      ++mentions;
      EXPECT_EQ(e.key, nato->key);
      EXPECT_EQ(e.type, nato->type);
    }
  }
  EXPECT_EQ(mentions, 2) << "der Nato, die Nato; not Nato-Gipfel";
  for (size_t i = 0; i < all.size(); ++i) ExpectSpansMatch(all[i], notes[i]);
}

// A time is no speaker: "reported by early Monday" is no quotation (the
// demo's flood reports had one, its speaker "early Monday").
TEST(AnnotatorTest, ATimeIsNoSpeaker) {
  const Alone a = AnnotateAlone(
      "No deaths had been reported by early Monday, the regional government said. "
      "\"We lost everything,\" said Ana Ruiz.",
      1741564800);  // Monday 2025-03-10
  for (const QuoteAnnotation& q : a.notes.quotes) {
    EXPECT_EQ(q.speaker.find("Monday"), std::string::npos) << q.text << " / " << q.speaker;
  }
  bool ruiz = false;
  for (const QuoteAnnotation& q : a.notes.quotes) ruiz = ruiz || q.speaker == "Ana Ruiz";
  EXPECT_TRUE(ruiz);
}

// One story in three languages names one man in three transliterations: one
// entity, under one key (libya.jsonl had fifteen for Muammar Gaddafi).
TEST(AnnotatorTest, TransliterationsInOneStoryAreOneEntity) {
  std::vector<Article> articles(3);
  const char* texts[][2] = {
      {"es", "El coronel Muamar el Gadafi habló el martes en Trípoli ante sus seguidores. "
             "Gadafi prometió luchar."},
      {"fr", "Le colonel Mouammar Kadhafi a parlé mardi à Tripoli devant ses partisans. "
             "Kadhafi a promis de se battre."},
      {"it", "Il colonnello Muammar Gheddafi ha parlato martedì a Tripoli davanti ai suoi "
             "sostenitori. Gheddafi ha promesso di combattere."}};
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].id = "a" + std::to_string(i);
    articles[i].lang = texts[i][0];
    articles[i].text = texts[i][1];
  }
  Annotator annotator;
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(Pointers(articles));
  ASSERT_EQ(notes.size(), 3u);
  // The full names are one; a surname alone joins them where it is spelt
  // as the name of most articles is (Spanish here: Gadafi), since surnames
  // alone are compared as written ("Kennedy" is not "Ganadi").
  std::set<std::string> keys, gadafi;
  for (const ArticleAnnotations& n : notes) {
    for (const EntityAnnotation& e : n.entities) {
      if (e.text.find(' ') != std::string::npos && e.text.find("afi") != std::string::npos) {
        keys.insert(e.key);
      }
      if (e.text == "Gadafi") gadafi.insert(e.key);
    }
  }
  EXPECT_EQ(keys.size(), 1u) << testing::PrintToString(keys);
  EXPECT_EQ(gadafi, keys);
}

// An article's "today" and "yesterday" are its outlet's: a New York paper's
// evening report (21:45 -05:00 on 26 February, 02:45 UTC on the 27th) and
// one in Auckland's morning (09:00 +13:00 on the 27th, 20:00 UTC on the
// 26th). The day it is dated is that day too (PublicationDay).
TEST(AnnotatorTest, RelativeDatesAreTheOutletsDays) {
  const UnixSeconds new_york = 1709001941;  // 2024-02-27T02:45:41Z
  const UnixSeconds auckland = 1708977600;  // 2024-02-26T20:00:00Z
  const struct {
    UnixSeconds published;
    std::optional<int> offset;
    const char* today;
    const char* yesterday;
  } cases[] = {
      {new_york, -300, "2024-02-26", "2024-02-25"},
      {new_york, std::nullopt, "2024-02-27", "2024-02-26"},  // no zone: UTC
      {auckland, 13 * 60, "2024-02-27", "2024-02-26"},
      {auckland, 0, "2024-02-26", "2024-02-25"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.published) + " " + std::to_string(c.offset.value_or(-1)));
    const Alone a = AnnotateAlone(
        "The minister resigned today. Protesters had gathered yesterday outside "
        "the ministry.",
        c.published, c.offset);
    const DateAnnotation* today = FindDate(a.notes, "today");
    const DateAnnotation* yesterday = FindDate(a.notes, "yesterday");
    ASSERT_NE(today, nullptr);
    ASSERT_NE(yesterday, nullptr);
    EXPECT_EQ(today->value, c.today);
    EXPECT_EQ(yesterday->value, c.yesterday);
    const std::optional<CivilDay> day = PublicationDay(a.article);
    ASSERT_TRUE(day.has_value());
    EXPECT_EQ(FormatDay(*day), c.today);
  }
}

// A speaker described, not named: "the French president" is the PER the
// description stands for (Emmanuel Macron), not "French", the MISC inside it.
TEST(AnnotatorTest, ADescribedSpeakerIsThePersonNotTheAdjective) {
  const Alone a = AnnotateAlone(
      "French President Emmanuel Macron spoke in Paris on Monday. "
      "\"We must move towards a war economy,\" the French president said.");
  const QuoteAnnotation* q = FindQuote(a.notes, "We must move");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Emmanuel Macron");
  const EntityAnnotation* macron = FindEntity(a.notes, "Emmanuel Macron");
  ASSERT_NE(macron, nullptr);
  EXPECT_EQ(q->speaker_key, macron->key);
}

// What a store keeps (AnnotationsToJson) reads back as it was; JSON of
// another shape is refused or read with the odd fields empty, never a throw.
TEST(AnnotatorTest, AnnotationsReadBackFromTheirJson) {
  const ArticleAnnotations notes =
      AnnotateAlone("French President Emmanuel Macron spoke in Paris on Monday. "
                    "\"We must move,\" the French president said.",
                    1708905600)
          .notes;
  ASSERT_FALSE(notes.entities.empty());
  ASSERT_FALSE(notes.quotes.empty());
  const nlohmann::json j = AnnotationsToJson(notes);
  const std::optional<ArticleAnnotations> back = AnnotationsFromJson(j);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(AnnotationsToJson(*back), j);
  EXPECT_FALSE(AnnotationsFromJson(nlohmann::json::array()).has_value());
  EXPECT_FALSE(AnnotationsFromJson(nlohmann::json{{"entities", 3}}).has_value());
  const std::optional<ArticleAnnotations> odd = AnnotationsFromJson(nlohmann::json::parse(
      R"({"entities":[{"key":7,"text":"X","start":-1,"end":"9"},5],"quotes":[{"start":2}]})"));
  ASSERT_TRUE(odd.has_value());
  ASSERT_EQ(odd->entities.size(), 1u);
  EXPECT_EQ(odd->entities[0].key, "");
  EXPECT_EQ(odd->entities[0].text, "X");
  EXPECT_EQ(odd->entities[0].start, 0u);
  EXPECT_EQ(odd->entities[0].end, 0u);
  ASSERT_EQ(odd->quotes.size(), 1u);
  EXPECT_EQ(odd->quotes[0].start, 2u);
  EXPECT_TRUE(odd->dates.empty());
}

TEST(AnnotatorTest, BadInputHasDefinedResults) {
  Article empty, binary, huge;
  empty.lang = "en";
  binary.lang = "xx";
  binary.text = std::string("\xFF\xFE\x00\x01 \"unclosed", 14);
  huge.lang = "en";
  for (int i = 0; i < 20000 / SweepStride(); ++i) huge.text += "Mr Smith said \"Yes\" on Monday. ";
  Annotator annotator;
  const std::vector<Article> all = {empty, binary, huge};
  const std::vector<ArticleAnnotations> notes = annotator.Annotate(Pointers(all));
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_TRUE(notes[0].entities.empty());
  for (size_t i = 0; i < all.size(); ++i) ExpectSpansMatch(all[i], notes[i]);
}

// Of a text over max_text_bytes (kMaxAnalyzedTextBytes, 1 MiB, by
// default; a 15 MB text cost 12 s and 1 GB to annotate) only that much is
// read: the annotations are those of the cut text, and their offsets are
// the whole text's.
TEST(AnnotatorTest, ALongTextIsReadUpToTheCap) {
  AnnotatorOptions options;
  options.max_text_bytes = 20000;
  Article whole;
  whole.id = "long";
  whole.lang = "en";
  const std::string sentence = "Angela Merkel said \"We agree\" in Berlin on Monday. ";
  while (whole.text.size() <= options.max_text_bytes + 4 * sentence.size()) {
    whole.text += sentence;
  }
  Article cut = whole;
  cut.text.resize(TextPrefixLength(whole.text, options.max_text_bytes));
  ASSERT_LE(cut.text.size(), options.max_text_bytes);
  ASSERT_GT(cut.text.size(), options.max_text_bytes - sentence.size());
  Annotator annotator(options);
  const std::vector<ArticleAnnotations> a = annotator.Annotate(Pointers(std::vector{whole}));
  const std::vector<ArticleAnnotations> b = annotator.Annotate(Pointers(std::vector{cut}));
  ASSERT_FALSE(a[0].entities.empty());
  EXPECT_EQ(AnnotationsToJson(a[0]), AnnotationsToJson(b[0]));
  ExpectSpansMatch(whole, a[0]);
}

}  // namespace
}  // namespace newsloom
