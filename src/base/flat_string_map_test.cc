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
  EXPECT_FALSE(m.Erase("absent"));
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
    if (v != nullptr) {
      ASSERT_EQ(*v, it->second) << key;
    }
  }
  EXPECT_EQ(fast.size(), slow.size());
  size_t i = 0;
  fast.ForEach([&](std::string_view k, int v) {
    ASSERT_EQ(slow.at(std::string(k)), v);
    ++i;
  });
  EXPECT_EQ(i, slow.size());
}

// Inserts, erases and lookups at random against std::unordered_map, with
// keys coming and going so tombstones and recycled entries are exercised.
// The batch interface (HashOf, PrefetchSlot, PrefetchEntry, Insert and
// Find with the hash) as TermStats uses it, with erases and clears in
// between that make some hints stale: the same answers as the oracle.
TEST(FlatStringMapTest, BatchedLookupsMatchUnorderedMap) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> word(0, 3000);
  FlatStringMap<int> fast;
  std::unordered_map<std::string, int> slow;
  std::vector<std::string> keys;
  std::vector<uint64_t> hashes;
  for (int batch = 0; batch < 400; ++batch) {
    keys.clear();
    for (int i = 0; i < 50; ++i) keys.push_back("w" + std::to_string(word(rng)));
    hashes.clear();
    for (const std::string& k : keys) hashes.push_back(FlatStringMap<int>::HashOf(k));
    constexpr size_t kAhead = 4;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i + 2 * kAhead < keys.size()) fast.PrefetchSlot(hashes[i + 2 * kAhead]);
      if (i + kAhead < keys.size()) fast.PrefetchEntry(hashes[i + kAhead]);
      if (i % 7 == 3) {
        fast.Erase(keys[i - 1]);
        slow.erase(keys[i - 1]);
      }
      if (i % 2 == 0) {
        auto [v, added] = fast.Insert(keys[i], hashes[i]);
        auto [it, slow_added] = slow.try_emplace(keys[i], 0);
        ASSERT_EQ(added, slow_added) << keys[i];
        ++*v;
        ++it->second;
      } else {
        int* v = fast.Find(keys[i], hashes[i]);
        auto it = slow.find(keys[i]);
        ASSERT_EQ(v != nullptr, it != slow.end()) << keys[i];
        if (v != nullptr) {
          EXPECT_EQ(*v, it->second) << keys[i];
        }
      }
    }
    if (batch % 97 == 96) {
      fast.clear();
      slow.clear();
    }
  }
  EXPECT_EQ(fast.size(), slow.size());
}

TEST(FlatStringMapTest, EraseMatchesUnorderedMap) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> word(0, 3000), op(0, 9);
  FlatStringMap<int> fast;
  std::unordered_map<std::string, int> slow;
  for (int step = 0; step < 200000; ++step) {
    const std::string key = "k" + std::to_string(word(rng));
    const int o = op(rng);
    if (o < 4) {
      auto [v, added] = fast.Insert(key);
      ASSERT_EQ(added, slow.emplace(key, step).second) << key;
      if (added) *v = step;
    } else if (o < 7) {
      ASSERT_EQ(fast.Erase(key), slow.erase(key) == 1) << key;
    }
    const int* v = fast.Find(key);
    auto it = slow.find(key);
    ASSERT_EQ(v != nullptr, it != slow.end()) << key;
    if (v != nullptr) {
      ASSERT_EQ(*v, it->second) << key;
    }
    ASSERT_EQ(fast.size(), slow.size());
  }
  size_t n = 0;
  fast.ForEach([&](std::string_view k, int v) {
    ASSERT_EQ(slow.at(std::string(k)), v);
    ++n;
  });
  EXPECT_EQ(n, slow.size());
}

TEST(FlatStringMapTest, ErasedKeysLeaveNoTrace) {
  FlatStringMap<int> m;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 1000; ++i) *m.Insert(std::to_string(round * 1000 + i)).first = i;
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(m.Erase(std::to_string(round * 1000 + i)));
  }
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.Find("49999"), nullptr);
  *m.Insert("x").first = 3;
  EXPECT_EQ(*m.Find("x"), 3);
}

}  // namespace
}  // namespace newsloom
