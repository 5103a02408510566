#include "engine/engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "ingest/reader.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;

const fs::path kSeeds = fs::path(NEWSLOOM_SHARED_DIR) / "seeds";

std::vector<Article> ReadAll(const std::vector<std::string>& inputs) {
  std::vector<Article> out;
  ReadInputs(inputs, ReadOptions{}, [&](Article&& a) { out.push_back(std::move(a)); },
             [](const IngestError& e) { ADD_FAILURE() << e.ToString(); });
  return out;
}

std::unique_ptr<Engine> OpenEngine(const std::string& path) {
  auto store = Store::Open(path);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  auto engine = Engine::Open(std::move(*store));
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return std::move(*engine);
}

Article Dated(const std::string& title, std::optional<UnixSeconds> t) {
  Article a;
  a.title = title;
  a.published = t;
  return a;
}

TEST(SortForClusteringTest, UndatedArticlesStayAfterTheirPredecessor) {
  std::vector<Article> v = {Dated("u0", std::nullopt), Dated("d300", 300),
                            Dated("u1", std::nullopt), Dated("d100", 100),
                            Dated("d200", 200),       Dated("u2", std::nullopt)};
  SortForClustering(&v);
  std::vector<std::string> titles;
  for (const Article& a : v) titles.push_back(a.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"u0", "d100", "d200", "u2",
                                              "d300", "u1"}));
}

// The brief's smallest picture: five seed articles, one story, two events.
TEST(EngineSeedsTest, OneStoryTwoEvents) {
  if (!fs::exists(kSeeds)) GTEST_SKIP() << "no seeds at " << kSeeds << " (shared/ absent)";
  std::vector<Article> articles = ReadAll({kSeeds.string()});
  ASSERT_EQ(articles.size(), 5u);
  SortForClustering(&articles);
  auto engine = OpenEngine(":memory:");
  std::map<std::string, Assignment> by_file;
  for (Article& a : articles) {
    const std::string file = fs::path(a.input).filename().string().substr(0, 3);
    Result<AddResult> r = engine->Add(std::move(a));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    by_file[file] = r->assignment;
  }
  ASSERT_TRUE(engine->Flush().ok());
  std::set<int64_t> stories;
  for (const auto& [f, a] : by_file) stories.insert(a.story_id);
  EXPECT_EQ(stories.size(), 1u);
  EXPECT_EQ(by_file["000"].event_id, by_file["001"].event_id);
  EXPECT_EQ(by_file["000"].event_id, by_file["002"].event_id);
  EXPECT_EQ(by_file["003"].event_id, by_file["004"].event_id);
  EXPECT_NE(by_file["000"].event_id, by_file["003"].event_id);

  // Languages as detected and stored.
  const char* const kLangs[] = {"en", "en", "da", "en", "en"};
  auto rows = engine->store()->ListStories();
  ASSERT_TRUE(rows.ok());
  auto events = engine->store()->EventsOfStory((*rows)[0].id);
  ASSERT_TRUE(events.ok());
  std::map<std::string, std::string> lang;
  for (const EventRow& e : *events) {
    auto members = engine->store()->ArticlesOfEvent(e.id);
    ASSERT_TRUE(members.ok());
    for (const StoredArticle& s : *members) {
      lang[fs::path(s.article.input).filename().string().substr(0, 3)] =
          s.article.lang;
    }
  }
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(lang["00" + std::to_string(i)], kLangs[i]) << i;
  }
}

TEST(EngineTest, ReingestIsIdempotentAndStateContinues) {
  const fs::path dir = fs::temp_directory_path() / "newsloom_engine_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "t.db").string();
  auto make = [](const std::string& title, const std::string& text, UnixSeconds t) {
    Article a;
    a.title = title;
    a.text = text;
    a.published = t;
    a.lang = "en";
    return a;
  };
  const UnixSeconds t0 = 1708905600;
  {
    auto engine = OpenEngine(db);
    ASSERT_TRUE(engine->Add(make("Quake in Peru", "A strong earthquake hit Lima in Peru.", t0)).ok());
    ASSERT_TRUE(engine->Flush().ok());
  }
  {
    auto engine = OpenEngine(db);
    Result<AddResult> again =
        engine->Add(make("Quake in Peru", "A strong earthquake hit Lima in Peru.", t0));
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->already_present);
    Result<AddResult> next = engine->Add(
        make("Peru quake toll rises", "Rescuers in Lima, Peru, search after the earthquake.", t0 + 3600));
    ASSERT_TRUE(next.ok());
    EXPECT_FALSE(next->assignment.new_event) << "the restored state should know event 1";
    EXPECT_EQ(next->assignment.event_id, 1);
    ASSERT_TRUE(engine->Flush().ok());
    EXPECT_EQ(*engine->store()->CountArticles(), 2);
    auto event = engine->store()->GetEvent(1);
    ASSERT_TRUE(event.ok());
    EXPECT_EQ(event->article_count, 2);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsloom
