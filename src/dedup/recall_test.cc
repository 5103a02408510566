// Recall of the LSH index and signature estimate against the exact oracle
// on real articles (gva-dev) plus synthetic copies made from them.
#include "dedup/recall.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "dedup/synthetic_copies.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

const std::filesystem::path kGva =
    std::filesystem::path(NEWSLOOM_SHARED_DIR) / "data/clustering/gva-dev.jsonl";

std::vector<Article> ReadAll(const std::filesystem::path& path) {
  std::vector<Article> out;
  ReadInputs({path.string()}, ReadOptions(),
             [&](Article&& a) { out.push_back(std::move(a)); },
             [](const IngestError&) {});
  return out;
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
