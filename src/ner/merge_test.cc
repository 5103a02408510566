#include "ner/merge.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

// Mentions at the given substrings (first occurrence after the previous).
std::vector<EntityMention> At(std::string_view text,
                              std::vector<std::pair<std::string_view, EntityType>> spans) {
  std::vector<EntityMention> out;
  size_t from = 0;
  for (auto [s, type] : spans) {
    size_t p = text.find(s, from);
    EXPECT_NE(p, std::string_view::npos) << s;
    out.push_back({uint32_t(p), uint32_t(p + s.size()), type});
    from = p + s.size();
  }
  return out;
}

std::string Describe(const std::vector<ArticleEntity>& entities) {
  std::string out;
  for (const ArticleEntity& e : entities) {
    if (!out.empty()) out += "; ";
    out += e.name + "|" + std::string(EntityTypeName(e.type)) + ":";
    for (size_t m : e.mentions) out += " " + std::to_string(m);
  }
  return out;
}

TEST(MergeTest, PersonByFullNameSurnameAndTitle) {
  const std::string text =
      "Emmanuel Macron met Olaf Scholz. Mr Macron said Macron's plan and "
      "Scholz's differ. Macron visited Paris. Paris agreed.";
  auto mentions = At(text, {{"Emmanuel Macron", EntityType::kPer},
                            {"Olaf Scholz", EntityType::kPer},
                            {"Mr Macron", EntityType::kPer},
                            {"Macron's", EntityType::kPer},
                            {"Scholz's", EntityType::kPer},
                            {"Macron", EntityType::kLoc},  // a tagger slip
                            {"Paris", EntityType::kLoc},
                            {"Paris", EntityType::kLoc}});
  EXPECT_EQ(Describe(MergeMentions(text, mentions, "en")),
            "Emmanuel Macron|PER: 0 2 3 5; Olaf Scholz|PER: 1 4; Paris|LOC: 6 7");
}

TEST(MergeTest, DanishGenitiveAndTitles) {
  const std::string text =
      "Præsident Emmanuel Macron talte. Macrons ord. Frankrigs præsident "
      "Macron. Rusland og Ruslands hær.";
  auto mentions = At(text, {{"Præsident Emmanuel Macron", EntityType::kPer},
                            {"Macrons", EntityType::kPer},
                            {"Macron", EntityType::kPer},
                            {"Rusland", EntityType::kLoc},
                            {"Ruslands", EntityType::kLoc}});
  EXPECT_EQ(Describe(MergeMentions(text, mentions, "da")),
            "Emmanuel Macron|PER: 0 1 2; Rusland|LOC: 3 4");
}

// Titles are dropped from people's names only: "General Motors" was named
// "Motors", the "Foreign Office" "Office".
TEST(MergeTest, OrganisationsKeepTheirFirstWord) {
  const std::string text =
      "General Motors and the Foreign Office agreed, General Mark Milley said.";
  auto mentions = At(text, {{"General Motors", EntityType::kOrg},
                            {"Foreign Office", EntityType::kOrg},
                            {"General Mark Milley", EntityType::kPer}});
  EXPECT_EQ(Describe(MergeMentions(text, mentions, "en")),
            "General Motors|ORG: 0; Foreign Office|ORG: 1; Mark Milley|PER: 2");
}

TEST(MergeTest, AmbiguousSurnameAndEmpty) {
  const std::string text = "Tom Smith and Anna Smith met. Smith spoke.";
  auto mentions = At(text, {{"Tom Smith", EntityType::kPer},
                            {"Anna Smith", EntityType::kPer},
                            {"Smith", EntityType::kPer}});
  // Two people fit: the first named wins the tie (documented rule 2).
  EXPECT_EQ(Describe(MergeMentions(text, mentions, "en")),
            "Tom Smith|PER: 0 2; Anna Smith|PER: 1");
  EXPECT_TRUE(MergeMentions("", {}, "en").empty());
  // Out-of-range and title-only mentions are skipped, not a crash.
  std::vector<EntityMention> bad = {{5, 100, EntityType::kPer}, {0, 2, EntityType::kPer}};
  EXPECT_TRUE(MergeMentions("Mr is", bad, "en").empty());
}

}  // namespace
}  // namespace newsloom
