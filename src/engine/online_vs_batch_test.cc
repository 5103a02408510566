// The online engine against the batch reference (eval/batch_reference.h) on
// small inputs: the seeds, the demo corpus and slices of the evaluation
// files. The batch clusterer sees every article at once and gets its
// threshold from the gold labels (the oracle threshold of the data's
// README); the engine sees each article once, in date order, with its one
// default configuration. Each test prints BCubed of both against gold and
// of the online clusters against the batch ones, and checks that the online
// result is not far below the batch reference on the same articles.
//
// The inputs are third-party (../shared) except the demo corpus; tests skip
// when they are absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "eval/batch_reference.h"
#include "eval/metrics.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;

const fs::path kShared = NEWSLOOM_SHARED_DIR;
const fs::path kSeeds = kShared / "seeds";
const fs::path kClustering = kShared / "data" / "clustering";
const fs::path kDemo = fs::path(NEWSLOOM_SOURCE_DIR) / "demo";

std::vector<Article> ReadAll(const std::vector<std::string>& inputs) {
  std::vector<Article> out;
  ReadInputs(
      inputs, ReadOptions{}, [&](Article&& a) { out.push_back(std::move(a)); },
      // Warnings keep their article (basil-dev gives one: two articles with
      // the id "empty"; IngestReader.EvaluationSetsReadCleanly pins it).
      [](const IngestError& e) {
        if (!e.warning) ADD_FAILURE() << e.ToString();
      });
  return out;
}

// Both clusterings of one input; element i of each vector is the i-th
// article in the engine's (date) order.
struct Comparison {
  std::vector<std::string> inputs;  // Article::input
  std::vector<int64_t> gold, online, batch;
  ClusteringScores online_vs_gold;
  ThresholdSweep batch_vs_gold;      // at the oracle threshold
  ClusteringScores online_vs_batch;  // the batch clusters taken as gold
};

std::string Describe(const std::string& name, const Comparison& c) {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      "%s: %zu docs, %zu gold events | online %zu clusters, BCubed F1 "
      "%.3f (P %.3f R %.3f) | batch %zu clusters at similarity %.3f, "
      "BCubed F1 %.3f (P %.3f R %.3f) | online vs batch BCubed F1 %.3f",
      name.c_str(), c.gold.size(), c.online_vs_gold.gold_clusters,
      c.online_vs_gold.clusters, c.online_vs_gold.bcubed.f1,
      c.online_vs_gold.bcubed.precision, c.online_vs_gold.bcubed.recall,
      c.batch_vs_gold.scores.clusters, c.batch_vs_gold.MidThreshold(),
      c.batch_vs_gold.scores.bcubed.f1, c.batch_vs_gold.scores.bcubed.precision,
      c.batch_vs_gold.scores.bcubed.recall, c.online_vs_batch.bcubed.f1);
  return buf;
}

// Runs both clusterers on `articles` (gold labels in gold_event) and scores
// them as `newsloom eval` does: date order, every article its own document,
// a fresh in-memory store, state not persisted.
Comparison Compare(const std::string& name, std::vector<Article> articles,
                   const BatchReferenceOptions& batch_options = {}) {
  Comparison c;
  SortForClustering(&articles);
  LabelIndex labels;
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].id = "eval:" + std::to_string(i);
    c.inputs.push_back(articles[i].input);
    c.gold.push_back(labels.Get(articles[i].gold_event));
  }

  const Dendrogram tree = BuildBatchReference(articles, batch_options);
  c.batch_vs_gold = SweepThresholds(tree, c.gold);
  c.batch = CutDendrogram(tree, c.batch_vs_gold.MidThreshold());

  Result<std::unique_ptr<Store>> store = Store::Open(":memory:");
  if (!store.ok()) {
    ADD_FAILURE() << store.status().ToString();
    return c;
  }
  EngineOptions options;
  options.persist_state = false;
  Result<std::unique_ptr<Engine>> engine =
      Engine::Open(std::move(*store), options);
  if (!engine.ok()) {
    ADD_FAILURE() << engine.status().ToString();
    return c;
  }
  for (Article& a : articles) {
    Result<AddResult> r = (*engine)->Add(std::move(a));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    c.online.push_back(r.ok() ? r->assignment.event_id : -1);
  }
  EXPECT_TRUE((*engine)->Flush().ok());

  c.online_vs_gold = ScoreClustering(c.online, c.gold);
  c.online_vs_batch = ScoreClustering(c.online, c.batch);
  const std::string line = Describe(name, c);
  std::printf("%s\n", line.c_str());
  ::testing::Test::RecordProperty(name, line);
  return c;
}

// Margins, chosen from what was measured. A slice of an evaluation file
// holds four to nine gold events of three to twenty articles, so one event
// merged or split wrongly moves BCubed F1 by 0.1 to 0.3, and the batch
// reference gets a threshold fitted to each slice on its gold labels, which
// no single configuration has; the engine also starts each slice with no
// document frequencies. Per slice the engine may therefore trail it by
// kSliceMargin, on the mean over a file's slices (and on the curated demo
// corpus) by kMeanMargin. Measured with the model of models/event.model:
// ECB+ slices 0.836 online against 0.894 batch on the mean, worst slice
// (topics 23+24, 47 articles) 0.574 against 0.793. On a whole file, where
// the batch reference gets one threshold, the engine must be within
// kFileMargin of it (EcbPlusWholeFile).
constexpr double kSliceMargin = 0.25;
constexpr double kMeanMargin = 0.08;
constexpr double kFileMargin = 0.02;

// "000" for seeds/000_035b612a2a5e30db.txt.
std::string SeedNumber(const std::string& input) {
  return fs::path(input).filename().string().substr(0, 3);
}

// ---- The seeds: two events, one story --------------------------------------

// The seeds: {000, 001, 002} the Paris conference, {003, 004} the video
// call; 002 is Danish. Word stems meet only within a language and the
// character n-grams of 002 are not enough either: at its best threshold the
// batch reference keeps 002 alone (BCubed F1 0.846 with either kind of
// terms), while the engine joins it through names and time mentions. So:
// the engine finds the gold grouping, the batch reference never mixes the
// two events, and both group the four English articles the same way.
TEST(OnlineVsBatchTest, SeedsAgreeOnTheTwoEvents) {
  if (!fs::exists(kSeeds)) {
    GTEST_SKIP() << "no seeds at " << kSeeds << " (shared/ absent)";
  }
  std::vector<Article> articles = ReadAll({kSeeds.string()});
  ASSERT_EQ(articles.size(), 5u);
  for (Article& a : articles) {
    a.gold_event =
        SeedNumber(a.input) <= "002" ? "paris-conference" : "video-call";
  }
  BatchReferenceOptions chars;
  chars.terms = BatchReferenceOptions::Terms::kCharNgrams;
  for (const auto& [name, options] :
       {std::pair{"seeds (batch: word stems)", BatchReferenceOptions{}},
        std::pair{"seeds (batch: char n-grams)", chars}}) {
    const Comparison c = Compare(name, articles, options);
    EXPECT_DOUBLE_EQ(c.online_vs_gold.bcubed.f1, 1.0) << name;
    EXPECT_DOUBLE_EQ(c.batch_vs_gold.scores.bcubed.precision, 1.0) << name;
    std::vector<int64_t> online_en, batch_en, gold_en;
    for (size_t i = 0; i < c.gold.size(); ++i) {
      if (SeedNumber(c.inputs[i]) == "002") continue;
      online_en.push_back(c.online[i]);
      batch_en.push_back(c.batch[i]);
      gold_en.push_back(c.gold[i]);
    }
    ASSERT_EQ(gold_en.size(), 4u);
    EXPECT_DOUBLE_EQ(ScoreClustering(batch_en, gold_en).bcubed.f1, 1.0) << name;
    EXPECT_DOUBLE_EQ(ScoreClustering(online_en, batch_en).bcubed.f1, 1.0)
        << name;
  }
}

// ---- The demo corpus (fictional, in the repository) -------------------------

// demo/articles with the labels of demo/gold.tsv; the plain-text files,
// which carry no date, get the date gold.tsv gives them.
std::vector<Article> DemoArticles() {
  std::map<std::string, std::vector<std::string>> rows;  // id or file -> row
  std::ifstream tsv(kDemo / "gold.tsv");
  std::string line;
  std::getline(tsv, line);  // header
  while (std::getline(tsv, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, '\t');) f.push_back(field);
    if (f.size() < 8) continue;
    rows[f[0]] = f;
    rows[f[1]] = f;
  }
  std::vector<Article> articles = ReadAll({(kDemo / "articles").string()});
  for (Article& a : articles) {
    // JSONL articles by their id, plain-text ones by their file.
    auto it = rows.find(a.external_id);
    if (it == rows.end()) it = rows.find(fs::relative(a.input, kDemo).string());
    if (it == rows.end()) {
      ADD_FAILURE() << "no gold row for " << a.input;
      continue;
    }
    a.gold_event = it->second[6];
    a.gold_story = it->second[7];
    if (!a.published) {
      Result<UnixSeconds> t = ParseIsoTime(it->second[3]);
      if (t.ok()) a.published = *t;
    }
  }
  return articles;
}

// 24 fictional articles in five languages, 8 events, most reported in
// several languages. Word stems meet only within a language and character
// n-grams mostly through names, so the batch reference is weak here; the
// engine, which maps names and dates across languages, must not be below
// the better of its two variants.
TEST(OnlineVsBatchTest, DemoCorpus) {
  std::vector<Article> articles = DemoArticles();
  ASSERT_EQ(articles.size(), 24u);
  const Comparison words = Compare("demo (batch: word stems)", articles);
  BatchReferenceOptions chars;
  chars.terms = BatchReferenceOptions::Terms::kCharNgrams;
  const Comparison ngrams =
      Compare("demo (batch: char n-grams)", articles, chars);
  const double batch = std::max(words.batch_vs_gold.scores.bcubed.f1,
                                ngrams.batch_vs_gold.scores.bcubed.f1);
  EXPECT_GE(words.online_vs_gold.bcubed.f1, batch - kMeanMargin);
}

// ---- Slices of the evaluation files ----------------------------------------

void ExpectOnlineNearBatch(
    const std::string& file_name,
    const std::vector<std::pair<std::string, std::vector<Article>>>& slices) {
  double online = 0, batch = 0, agreement = 0;
  for (const auto& [name, articles] : slices) {
    const Comparison c = Compare(file_name + " " + name, articles);
    EXPECT_GE(c.online_vs_gold.bcubed.f1,
              c.batch_vs_gold.scores.bcubed.f1 - kSliceMargin)
        << Describe(file_name + " " + name, c);
    online += c.online_vs_gold.bcubed.f1;
    batch += c.batch_vs_gold.scores.bcubed.f1;
    agreement += c.online_vs_batch.bcubed.f1;
  }
  const double n = static_cast<double>(slices.size());
  std::printf(
      "%s, mean over %zu slices: online BCubed F1 %.3f, batch %.3f, "
      "online vs batch %.3f\n",
      file_name.c_str(), slices.size(), online / n, batch / n, agreement / n);
  EXPECT_GE(online / n, batch / n - kMeanMargin) << file_name;
}

// ECB+ two topics at a time (three in the last slice), in topic order; each
// topic pairs two look-alike events. The topic is the prefix of the gold
// event label ("3_ecb", "3_ecbplus": topic 3; the file's `topic` field says
// the same, but ingest does not keep unknown fields).
std::vector<std::pair<std::string, std::vector<Article>>> EcbTopicPairs(
    const std::vector<Article>& all) {
  std::map<int, std::vector<Article>> by_topic;
  for (const Article& a : all) {
    by_topic[std::stoi(a.gold_event.substr(0, a.gold_event.find('_')))]
        .push_back(a);
  }
  std::vector<std::pair<std::string, std::vector<Article>>> slices;
  size_t in_slice = 0;
  for (auto& [topic, articles] : by_topic) {
    const bool last_alone = slices.size() * 2 + 1 == by_topic.size();
    if (in_slice == 2 && !last_alone) in_slice = 0;
    if (in_slice == 0) slices.emplace_back("topics", std::vector<Article>{});
    slices.back().first += " " + std::to_string(topic);
    for (Article& a : articles) slices.back().second.push_back(std::move(a));
    ++in_slice;
  }
  return slices;
}

// Consecutive groups of `events` events, in order of first appearance.
std::vector<std::pair<std::string, std::vector<Article>>> EventGroups(
    const std::vector<Article>& all, size_t events) {
  std::map<std::string, size_t> group;  // event -> slice
  std::vector<std::pair<std::string, std::vector<Article>>> slices;
  for (const Article& a : all) {
    auto [it, added] = group.emplace(a.gold_event, group.size() / events);
    if (it->second == slices.size()) slices.emplace_back();
    slices[it->second].second.push_back(a);
  }
  for (size_t i = 0; i < slices.size(); ++i) {
    slices[i].first = "events " + std::to_string(i * events + 1) + "-" +
                      std::to_string(std::min((i + 1) * events, group.size()));
  }
  return slices;
}

TEST(OnlineVsBatchTest, EcbPlusTopicPairs) {
  const fs::path file = kClustering / "ecbplus-dev.jsonl";
  if (!fs::exists(file)) GTEST_SKIP() << "no " << file << " (shared/ absent)";
  ExpectOnlineNearBatch("ecbplus-dev", EcbTopicPairs(ReadAll({file.string()})));
}

TEST(OnlineVsBatchTest, EcbPlusWholeFile) {
  const fs::path file = kClustering / "ecbplus-dev.jsonl";
  if (!fs::exists(file)) GTEST_SKIP() << "no " << file << " (shared/ absent)";
  const Comparison c = Compare("ecbplus-dev", ReadAll({file.string()}));
  EXPECT_GE(c.online_vs_gold.bcubed.f1,
            c.batch_vs_gold.scores.bcubed.f1 - kFileMargin)
      << Describe("ecbplus-dev", c);
}

TEST(OnlineVsBatchTest, BasilGroupsOfNineEvents) {
  const fs::path file = kClustering / "basil-dev.jsonl";
  if (!fs::exists(file)) GTEST_SKIP() << "no " << file << " (shared/ absent)";
  ExpectOnlineNearBatch("basil-dev", EventGroups(ReadAll({file.string()}), 9));
}
}  // namespace
}  // namespace newsloom
