#include "synth_stream.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ingest/jsonl.h"

namespace newsloom {
namespace {

std::vector<Article> Take(const SynthOptions& options, size_t n) {
  auto stream = SynthStream::Create(options);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  std::vector<Article> out;
  for (size_t i = 0; i < n; ++i) out.push_back((*stream)->Next());
  return out;
}

std::vector<std::string> Lines(const std::vector<Article>& articles) {
  std::vector<std::string> lines;
  for (const Article& a : articles) lines.push_back(ToJsonLine(a));
  return lines;
}

// Whitespace-separated words of title and text, punctuation stripped.
std::vector<std::string> Words(const Article& a) {
  std::vector<std::string> words;
  std::string w;
  for (char c : a.title + " " + a.text) {
    if (c == ' ' || c == '\n' || c == '.' || c == ',') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w.push_back(c);
    }
  }
  if (!w.empty()) words.push_back(w);
  return words;
}

TEST(SynthStreamTest, SameSeedSameStreamOtherSeedOtherStream) {
  SynthOptions o;
  o.seed = 7;
  const std::vector<std::string> a = Lines(Take(o, 2000));
  EXPECT_EQ(a, Lines(Take(o, 2000)));
  o.seed = 8;
  const std::vector<std::string> b = Lines(Take(o, 2000));
  ASSERT_EQ(a.size(), b.size());
  EXPECT_NE(a[0], b[0]);
}

TEST(SynthStreamTest, LinesAreNewsloomInput) {
  const std::vector<Article> articles = Take(SynthOptions{}, 500);
  std::set<std::string> ids;
  for (const Article& a : articles) {
    const std::string line = ToJsonLine(a);
    Result<Article> parsed = ParseJsonLine(line, "synth", ReadOptions{});
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << line;
    EXPECT_EQ(parsed->external_id, a.external_id);
    EXPECT_EQ(parsed->gold_event, a.gold_event);
    EXPECT_EQ(parsed->gold_story, a.gold_story);
    EXPECT_EQ(parsed->lang, a.lang);
    EXPECT_EQ(parsed->published, a.published);
    EXPECT_EQ(parsed->source, a.source);
    EXPECT_EQ(parsed->url, a.url);
    EXPECT_EQ(parsed->title, a.title);
    EXPECT_EQ(parsed->text, a.text);
    EXPECT_EQ(parsed->id, a.id);
    EXPECT_TRUE(ids.insert(a.id).second) << "duplicate id " << a.id;
  }
}

TEST(SynthStreamTest, DatesAdvanceSteadily) {
  SynthOptions o;
  o.articles_per_day = 100;
  const std::vector<Article> articles = Take(o, 10000);
  for (size_t i = 1; i < articles.size(); ++i) {
    ASSERT_LE(*articles[i - 1].published, *articles[i].published) << i;
  }
  const double days =
      (*articles.back().published - *articles.front().published) / 86400.0;
  EXPECT_GT(days, 90);  // 10,000 at 100 a day: about 100 days
  EXPECT_LT(days, 110);
}

// The structure the clusterer is meant to find: events of all sizes, many
// singletons, stories of several events, several languages, cross-language
// events, and wire copies, verbatim and edited.
TEST(SynthStreamTest, RealisticStructure) {
  auto stream = SynthStream::Create(SynthOptions{});
  ASSERT_TRUE(stream.ok());
  std::vector<Article> articles;
  for (int i = 0; i < 20000; ++i) articles.push_back((*stream)->Next());

  std::map<std::string, size_t> event_size;
  std::map<std::string, std::set<std::string>> event_langs, story_events;
  std::map<std::string, size_t> lang_count, text_count;
  std::map<std::string, std::set<std::string>> lede_texts;
  for (const Article& a : articles) {
    ++event_size[a.gold_event];
    event_langs[a.gold_event].insert(a.lang);
    story_events[a.gold_story].insert(a.gold_event);
    ++lang_count[a.lang];
    ++text_count[a.text];
    lede_texts[a.text.substr(0, a.text.find("\n\n"))].insert(a.text);
  }
  size_t singletons = 0, big = 0, multilingual = 0;
  for (const auto& [e, n] : event_size) {
    singletons += n == 1;
    big += n >= 20;
    multilingual += event_langs[e].size() > 1;
  }
  size_t chained = 0;
  for (const auto& [s, events] : story_events) chained += events.size() >= 3;
  size_t verbatim = 0, edited = 0;
  for (const auto& [t, n] : text_count) verbatim += n > 1;
  for (const auto& [lede, texts] : lede_texts) edited += texts.size() > 1;

  EXPECT_EQ(lang_count.size(), 6u);
  EXPECT_GT(lang_count["en"], lang_count["da"]);
  EXPECT_GT(singletons, event_size.size() * 3 / 10);  // many singletons
  EXPECT_GT(big, 10u);                                // and some big events
  EXPECT_GT(multilingual, 20u);
  EXPECT_GT(chained, 50u);  // stories of three events or more
  EXPECT_GT(verbatim, 100u);
  EXPECT_GT(edited, 100u);  // same lede, other text: trimmed or extended
  EXPECT_EQ((*stream)->counts().articles, 20000u);
  EXPECT_GT((*stream)->counts().copies, 1000u);
}

// Zipfian words and a vocabulary that keeps growing (Heaps' law):
// sublinear, but not flattening out.
TEST(SynthStreamTest, VocabularyGrowsLikeNews) {
  SynthOptions o;
  o.languages = {"en"};
  auto stream = SynthStream::Create(o);
  ASSERT_TRUE(stream.ok());
  std::map<std::string, size_t> freq;
  size_t tokens = 0, types_at_2000 = 0;
  for (int i = 1; i <= 8000; ++i) {
    for (const std::string& w : Words((*stream)->Next())) {
      ++freq[w];
      ++tokens;
    }
    if (i == 2000) types_at_2000 = freq.size();
  }
  const size_t types = freq.size();
  EXPECT_GT(types, types_at_2000 * 2);  // still growing fast
  EXPECT_LT(types, types_at_2000 * 4);  // but slower than the text
  EXPECT_GT(freq["the"], tokens / 50);  // the head: function words
  size_t once = 0;
  for (const auto& [w, n] : freq) once += n == 1;
  EXPECT_GT(once, types / 3);  // the tail: hapaxes
}

TEST(SynthStreamTest, RejectsBadOptions) {
  SynthOptions o;
  o.languages = {"en", "xx"};
  EXPECT_EQ(SynthStream::Create(o).status().code(),
            Status::Code::kInvalidArgument);
  o.languages = {"en", "en"};
  EXPECT_FALSE(SynthStream::Create(o).ok());
  o = SynthOptions{};
  o.wire_share = 1.5;
  EXPECT_FALSE(SynthStream::Create(o).ok());
  o = SynthOptions{};
  o.min_paragraphs = 9;
  EXPECT_FALSE(SynthStream::Create(o).ok());
}

TEST(SynthStreamTest, LanguageSubset) {
  SynthOptions o;
  o.languages = {"de", "fr"};
  for (const Article& a : Take(o, 300)) {
    EXPECT_TRUE(a.lang == "de" || a.lang == "fr") << a.lang;
  }
}

}  // namespace
}  // namespace newsloom
