#include "cluster/id_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

namespace newsloom {
namespace {

TEST(IdTableTest, FindEraseAndOrder) {
  IdTable<int> t;
  EXPECT_EQ(t.find(1), nullptr);
  for (int64_t id : {3, 4, 7}) t.emplace(id, std::make_unique<int>(id * 10));
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.at(4), 40);
  EXPECT_EQ(t.find(5), nullptr);
  EXPECT_EQ(t.find(0), nullptr);
  EXPECT_EQ(t.find(100), nullptr);
  t.erase(4);
  t.erase(4);  // absent: no effect
  EXPECT_FALSE(t.contains(4));
  std::vector<int64_t> ids;
  t.ForEach([&](int64_t id, int& v) {
    ids.push_back(id);
    EXPECT_EQ(v, id * 10);
  });
  EXPECT_EQ(ids, (std::vector<int64_t>{3, 7}));
  t.erase(3);
  t.erase(7);
  EXPECT_EQ(t.size(), 0u);
  t.emplace(9, std::make_unique<int>(90));
  EXPECT_EQ(t.at(9), 90);
}

// A sliding window of ids, erased out of order, against std::map.
TEST(IdTableTest, MatchesMapOnASlidingWindow) {
  std::mt19937 rng(3);
  IdTable<int64_t> fast;
  std::map<int64_t, int64_t> slow;
  int64_t next = 1;
  for (int step = 0; step < 100000; ++step) {
    if (rng() % 2 == 0 || slow.empty()) {
      fast.emplace(next, std::make_unique<int64_t>(next));
      slow[next] = next;
      ++next;
    } else {
      // Mostly the oldest, sometimes any live id.
      auto it = slow.begin();
      if (rng() % 4 == 0) std::advance(it, rng() % slow.size());
      fast.erase(it->first);
      slow.erase(it);
    }
    ASSERT_EQ(fast.size(), slow.size());
    const int64_t probe = 1 + static_cast<int64_t>(rng() % next);
    ASSERT_EQ(fast.contains(probe), slow.count(probe) == 1) << probe;
  }
  size_t n = 0;
  fast.ForEach([&](int64_t id, int64_t& v) {
    ASSERT_EQ(slow.at(id), v);
    ++n;
  });
  EXPECT_EQ(n, slow.size());
}

// Ids that stay for long, others that come and go, and jumps far ahead,
// against std::map; the vector stays near the live count (pinned ids aside),
// and pinned_index numbers the pinned ids in order.
TEST(IdTableTest, MatchesMapWithLongLivedIdsAndJumps) {
  std::mt19937_64 rng(11);
  IdTable<int64_t> fast;
  std::map<int64_t, int64_t> slow;
  std::vector<int64_t> window;  // ids that leave in order
  int64_t next = 1;
  for (int step = 0; step < 200000; ++step) {
    const uint64_t r = rng() % 1000;
    if (r < 520) {
      if (r == 0) next += static_cast<int64_t>(rng() % (int64_t{1} << 40));
      fast.emplace(next, std::make_unique<int64_t>(next));
      slow[next] = next;
      if (rng() % 100 != 0) window.push_back(next);  // 1 % stay for ever
      ++next;
    } else if (!window.empty()) {
      // The oldest of the window, now and then any of it.
      size_t k = rng() % 8 == 0 ? rng() % window.size() : 0;
      fast.erase(window[k]);
      slow.erase(window[k]);
      window.erase(window.begin() + static_cast<std::ptrdiff_t>(k));
    }
    ASSERT_EQ(fast.size(), slow.size());
    ASSERT_LE(fast.span(), 4 * (fast.size() - fast.pinned() + 1) + 2048);
    const int64_t probe = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(next));
    ASSERT_EQ(fast.contains(probe), slow.count(probe) == 1) << probe;
    if (!slow.empty()) {
      auto it = slow.begin();
      std::advance(it, rng() % slow.size());
      ASSERT_EQ(fast.at(it->first), it->second);
      if (it->first < fast.base()) {
        ASSERT_LT(fast.pinned_index(it->first), fast.pinned());
      }
    }
  }
  EXPECT_GT(fast.pinned(), 0u);
  std::vector<int64_t> ids;
  fast.ForEach([&](int64_t id, int64_t& v) {
    ASSERT_EQ(slow.at(id), v);
    ids.push_back(id);
  });
  ASSERT_EQ(ids.size(), slow.size());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  size_t k = 0;
  for (int64_t id : ids) {
    if (id < fast.base()) {
      EXPECT_EQ(fast.pinned_index(id), k++);
    }
  }
}

// An id far beyond the rest (a damaged saved state can name one) costs no
// more than any other.
TEST(IdTableTest, FarIdDoesNotAllocateItsSpan) {
  IdTable<int> t;
  for (int64_t id = 1; id <= 3; ++id) t.emplace(id, std::make_unique<int>(1));
  const int64_t far = int64_t{1} << 60;
  t.emplace(far, std::make_unique<int>(2));
  EXPECT_LE(t.span(), 1u);
  EXPECT_EQ(t.size(), 4u);
  EXPECT_EQ(t.at(2), 1);
  EXPECT_EQ(t.at(far), 2);
  t.erase(2);
  EXPECT_FALSE(t.contains(2));
  EXPECT_EQ(t.size(), 3u);
}

}  // namespace
}  // namespace newsloom
