#include "base/flat_string_map.h"

#include <random>
#include <unordered_map>

#include "gtest/gtest.h"

namespace newsloom {
namespace {

TEST(FlatStringMapTest, InsertAndFind) {
  FlatStringMap<int> m;
  EXPECT_EQ(m.Find("a"), nullptr);
  auto [v, added] = m.Insert("a");
  ASSERT_TRUE(added);
  *v = 7;
  EXPECT_EQ(*m.Find("a"), 7);
  auto [again, added_again] = m.Insert("a");
  EXPECT_FALSE(added_again);
  EXPECT_EQ(again, v);
  // Keys are bytes: the empty string and embedded NULs are keys too.
  *m.Insert("").first = 1;
  *m.Insert(std::string_view("a\0b", 3)).first = 2;
  EXPECT_EQ(*m.Find(""), 1);
  EXPECT_EQ(*m.Find(std::string_view("a\0b", 3)), 2);
  EXPECT_EQ(m.Find("ab"), nullptr);
  EXPECT_EQ(m.size(), 3u);
  m.clear();
  EXPECT_EQ(m.Find("a"), nullptr);
  EXPECT_TRUE(m.empty());
}

TEST(FlatStringMapTest, ReferencesSurviveGrowth) {
  FlatStringMap<std::string> m;
  std::string* first = m.Insert("first").first;
  *first = "value";
  for (int i = 0; i < 10000; ++i) m.Insert("k" + std::to_string(i));
  EXPECT_EQ(m.Find("first"), first);
  EXPECT_EQ(*first, "value");
}

// Random inserts and lookups against std::unordered_map.
TEST(FlatStringMapTest, MatchesUnorderedMap) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> word(0, 5000), len(0, 12);
  FlatStringMap<int> fast;
  std::unordered_map<std::string, int> slow;
  for (int step = 0; step < 50000; ++step) {
    std::string key = std::to_string(word(rng));
    key.append(len(rng) % 4, 'x');
    if (step % 3 == 0) {
      auto [v, added] = fast.Insert(key);
      const bool slow_added = slow.emplace(key, step).second;
      ASSERT_EQ(added, slow_added) << key;
      if (added) *v = step;
    }
    const int* v = fast.Find(key);
    auto it = slow.find(key);
    ASSERT_EQ(v != nullptr, it != slow.end()) << key;
    if (v != nullptr) ASSERT_EQ(*v, it->second) << key;
  }
  EXPECT_EQ(fast.size(), slow.size());
  size_t i = 0;
  for (const auto& [k, v] : fast.entries()) {
    ASSERT_EQ(slow.at(k), v);
    ++i;
  }
  EXPECT_EQ(i, slow.size());
}

}  // namespace
}  // namespace newsloom
