#include "base/flat_u64_map.h"

#include <random>
#include <unordered_map>

#include "gtest/gtest.h"

namespace newsloom {
namespace {

TEST(FlatU64MapTest, InsertFindErase) {
  FlatU64Map<int> m;
  EXPECT_EQ(m.Find(5), nullptr);
  auto [v, added] = m.Insert(5);
  ASSERT_TRUE(added);
  EXPECT_EQ(*v, 0);  // value-initialised
  *v = 7;
  EXPECT_EQ(*m.Find(5), 7);
  auto [again, added_again] = m.Insert(5);
  EXPECT_FALSE(added_again);
  EXPECT_EQ(*again, 7);
  *m.Insert(~uint64_t{0}).first = 9;  // every key but 0 is a key
  EXPECT_EQ(*m.Find(~uint64_t{0}), 9);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_TRUE(m.Erase(5));
  EXPECT_FALSE(m.Erase(5));
  EXPECT_FALSE(m.Contains(5));
  EXPECT_TRUE(m.Contains(~uint64_t{0}));
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_FALSE(m.Contains(~uint64_t{0}));
}

// Keys that share their home slot form one probe run; erasing from its
// middle must leave every later key findable (backward shift), also when
// the run wraps around the end of the array.
TEST(FlatU64MapTest, EraseInsideWrappingRuns) {
  FlatU64Map<uint64_t> m;
  std::vector<uint64_t> keys;
  // Small keys times the multiplier land anywhere; take many and erase
  // every third, checking the rest each time.
  for (uint64_t k = 1; k <= 7; ++k) {
    keys.push_back(k);
    *m.Insert(k).first = k * 10;
  }
  for (size_t i = 0; i < keys.size(); i += 3) {
    ASSERT_TRUE(m.Erase(keys[i]));
    for (size_t j = 0; j < keys.size(); ++j) {
      const bool gone = j % 3 == 0 && j <= i;
      const uint64_t* v = m.Find(keys[j]);
      ASSERT_EQ(v == nullptr, gone) << keys[j];
      if (v != nullptr) {
        EXPECT_EQ(*v, keys[j] * 10);
      }
    }
  }
}

// Inserts, erases, EraseIf and lookups at random against
// std::unordered_map, over a key range small enough that keys collide,
// come and go, and the array grows and shrinks.
TEST(FlatU64MapTest, MatchesUnorderedMap) {
  for (uint64_t range : {50u, 3000u}) {
    std::mt19937_64 rng(42 + range);
    std::uniform_int_distribution<uint64_t> pick(1, range);
    FlatU64Map<uint64_t> fast;
    std::unordered_map<uint64_t, uint64_t> slow;
    for (int step = 0; step < 60000; ++step) {
      // Spread some keys over all 64 bits, keep others small.
      const uint64_t k = step % 2 ? pick(rng) : pick(rng) * 0xD6E8FEB86659FD93ull;
      if (k == 0) continue;
      switch (step % 5) {
        case 0:
        case 1: {
          auto [v, added] = fast.Insert(k);
          auto [it, slow_added] = slow.try_emplace(k, 0);
          ASSERT_EQ(added, slow_added) << k;
          *v += step;
          it->second += step;
          break;
        }
        case 2:
          ASSERT_EQ(fast.Erase(k), slow.erase(k) == 1) << k;
          break;
        default: {
          const uint64_t* v = fast.Find(k);
          auto it = slow.find(k);
          ASSERT_EQ(v != nullptr, it != slow.end()) << k;
          if (v != nullptr) {
            ASSERT_EQ(*v, it->second) << k;
          }
        }
      }
      if (step % 4999 == 4998) {
        const uint64_t cut = step;
        auto drop = [cut](uint64_t key, uint64_t v) { return (key ^ v ^ cut) % 3 == 0; };
        fast.EraseIf(drop);
        std::erase_if(slow, [&](const auto& kv) { return drop(kv.first, kv.second); });
      }
      ASSERT_EQ(fast.size(), slow.size());
    }
    size_t n = 0;
    fast.ForEach([&](uint64_t k, uint64_t v) {
      ASSERT_EQ(slow.at(k), v);
      ++n;
    });
    EXPECT_EQ(n, slow.size());
  }
}

// Keys that differ only in their top bits (a home slot taken from the
// product's middle bits put them all in one probe run: still found, but
// slowly; now they spread).
TEST(FlatU64MapTest, TopBitKeysSpread) {
  FlatU64Map<int> m;
  for (uint64_t k = 1; k <= 200; ++k) *m.Insert(k << 56).first = static_cast<int>(k);
  for (uint64_t k = 1; k <= 200; ++k) ASSERT_EQ(*m.Find(k << 56), static_cast<int>(k));
  EXPECT_EQ(m.size(), 200u);
}

// EraseIf of nearly everything gives the memory back.
// The non-const ForEach changes values in place; each entry once.
TEST(FlatU64MapTest, ForEachChangesValues) {
  FlatU64Map<int> m;
  for (uint64_t k = 1; k <= 100; ++k) *m.Insert(k).first = static_cast<int>(k);
  int seen = 0;
  m.ForEach([&](uint64_t k, int& v) {
    v = static_cast<int>(k) * 2;
    ++seen;
  });
  EXPECT_EQ(seen, 100);
  for (uint64_t k = 1; k <= 100; ++k) EXPECT_EQ(*m.Find(k), static_cast<int>(k) * 2) << k;
}

TEST(FlatU64MapTest, EraseIfShrinks) {
  FlatU64Map<int> m;
  for (uint64_t k = 1; k <= 100000; ++k) m.Insert(k);
  const size_t full = m.bytes();
  m.EraseIf([](uint64_t k, int) { return k > 10; });
  EXPECT_EQ(m.size(), 10u);
  EXPECT_LT(m.bytes() * 100, full);
  for (uint64_t k = 1; k <= 10; ++k) EXPECT_TRUE(m.Contains(k));
}

}  // namespace
}  // namespace newsloom
