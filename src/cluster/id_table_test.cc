#include "cluster/id_table.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace newsloom
