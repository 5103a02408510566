// Recall of the LSH index and signature estimate against the exact oracle
// on real articles (gva-dev) plus synthetic copies made from them.
#include "dedup/recall.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "dedup/synthetic_copies.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

const std::filesystem::path kGva = std::filesystem::path(NEWSLOOM_SHARED_DIR) /
                                   "data/clustering/gva-dev.jsonl";

std::vector<Article> ReadAll(const std::filesystem::path& path) {
  std::vector<Article> out;
  ReadInputs(
      {path.string()}, ReadOptions(),
      [&](Article&& a) { out.push_back(std::move(a)); },
      [](const IngestError&) {});
  return out;
}

// Random families of texts (a base and variants with a share of words
// replaced, many near the 0.8 threshold): the verdicts against the oracle.
TEST(DedupRecallTest, RandomFamilies) {
  std::mt19937 rng(17);
  std::vector<Article> articles;
  for (int family = 0; family < 400; ++family) {
    std::vector<std::string> base;
    const size_t words = 30 + rng() % 600;
    for (size_t i = 0; i < words; ++i)
      base.push_back("w" + std::to_string(rng() % 30000));
    const int variants = 1 + rng() % 4;
    for (int v = 0; v < variants; ++v) {
      const double u = (rng() % 1000) / 1000.0;
      // 3 % of the words replaced gives Jaccard ~0.8 with 4-word shingles.
      const double replace = v == 0 ? 0 : 0.07 * u;
      Article a;
      a.title = "headline " + std::to_string(family) + " " + std::to_string(v);
      for (const std::string& w : base) {
        a.text +=
            (rng() % 1000) / 1000.0 < replace ? "x" + std::to_string(rng()) : w;
        a.text += ' ';
      }
      articles.push_back(std::move(a));
    }
  }
  const DedupOptions options;
  const RecallReport r = MeasureRecall(articles, options);
  std::printf(
      "random families: J >= 0.8 pairs %zu, accepted %zu (%.4f); "
      "accepted %zu, beyond the margin %zu; lowest accepted J %.3f\n",
      r.near_pairs, r.near_accepted, r.near_recall(), r.accepted,
      r.accepted_beyond_margin, r.lowest_accepted_jaccard);
  ASSERT_GT(r.near_pairs, 300u);
  EXPECT_GE(r.near_recall(), 0.99);
  EXPECT_LE(r.accepted_beyond_margin * 100, r.accepted);
}

TEST(DedupRecallTest, GvaDevWithSyntheticCopies) {
  if (!std::filesystem::exists(kGva)) {
    GTEST_SKIP() << kGva << " is absent: no real-data recall check";
  }
  std::vector<Article> articles = ReadAll(kGva);
  ASSERT_GT(articles.size(), 3000u);
  const size_t originals = articles.size();
  for (SyntheticCopy& c : MakeSyntheticCopies(articles, 1)) {
    articles.push_back(std::move(c.article));
  }
  const DedupOptions options;
  const RecallReport r = MeasureRecall(articles, options);
  std::printf(
      "gva-dev + %zu copies: %zu judged; J >= %.2f pairs %zu, accepted %zu "
      "(recall %.4f); containment pairs %zu, accepted %zu (%.4f); accepted "
      "%zu, beyond margin %zu\n",
      originals, r.judged, options.near_jaccard, r.near_pairs, r.near_accepted,
      r.near_recall(), r.containment_pairs, r.containment_accepted,
      r.containment_recall(), r.accepted, r.accepted_beyond_margin);
  EXPECT_GT(r.near_pairs, 2000u);  // the copies are there
  EXPECT_GE(r.near_recall(), 0.99);
  // False pairs beyond the documented margin: at most 1 % of what is
  // accepted.
  EXPECT_LE(r.accepted_beyond_margin * 100, r.accepted);
}

}  // namespace
}  // namespace newsloom
