#include "base/stream_clock.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace newsloom {
namespace {

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds k2024 = 1704067200;  // 2024-01-01
constexpr UnixSeconds k2099 = 4070908800;  // 2099-01-01

TEST(StreamClockTest, NoTimeBeforeTheFirstArticle) {
  StreamClock clock;
  EXPECT_FALSE(clock.Now().has_value());
  clock.See(k2024);
  EXPECT_EQ(clock.Now(), k2024);
}

// A date more than a year after the newest date seen is far ahead: a
// typo's 2099, not an article of the stream's own time or of the next few
// months, however far the rank clock lags.
TEST(StreamClockTest, FarAheadIsMoreThanAYearAfterTheNewest) {
  StreamClock clock;
  EXPECT_FALSE(clock.FarAhead(k2099)) << "nothing to judge by yet";
  clock.See(k2024);
  EXPECT_TRUE(clock.FarAhead(k2099));
  const UnixSeconds year = StreamClock::kFarAheadDays * kDay;
  EXPECT_FALSE(clock.FarAhead(k2024 + year));
  EXPECT_TRUE(clock.FarAhead(k2024 + year + 1));
  EXPECT_FALSE(clock.FarAhead(k2024 + 30 * kDay));
  EXPECT_FALSE(clock.FarAhead(k2024 - 20 * year)) << "an old article is no date error";
}

// Far-ahead times seen do not become the reference: a second typo, and a
// third, are far ahead too, until kRank of them are the stream.
TEST(StreamClockTest, TyposDoNotMoveTheNewest) {
  StreamClock clock;
  for (int i = 0; i < 40; ++i) clock.See(k2024 + i * kDay);
  for (size_t i = 0; i + 1 < StreamClock::kRank; ++i) {
    EXPECT_TRUE(clock.FarAhead(k2099)) << i;
    clock.See(k2099);
    EXPECT_EQ(clock.Newest(), k2024 + 39 * kDay) << i;
  }
  clock.See(k2099);  // the kRank-th: the stream is in 2099 now
  EXPECT_EQ(clock.Newest(), k2099);
  EXPECT_FALSE(clock.FarAhead(k2099));
}

TEST(StreamClockTest, InDateOrderItLagsByTheRank) {
  StreamClock clock;
  for (int i = 0; i < 100; ++i) {
    clock.See(k2024 + i * kDay);
    const int lag = std::min<int>(i, StreamClock::kRank - 1);
    EXPECT_EQ(clock.Now(), k2024 + (i - lag) * kDay) << i;
  }
}

// Fewer than kRank articles dated far ahead take the clock no further than
// the stream's own newest time, however many of the stream's follow.
TEST(StreamClockTest, FewerThanTheRankDatedFarAheadDoNotTakeIt) {
  StreamClock clock;
  for (int i = 0; i < 40; ++i) clock.See(k2024 + i * kDay);
  for (size_t i = 0; i + 1 < StreamClock::kRank; ++i) {
    clock.See(k2099);
    EXPECT_LE(*clock.Now(), k2024 + 39 * kDay);
  }
  for (int i = 40; i < 100; ++i) {
    clock.See(k2024 + i * kDay);
    EXPECT_EQ(clock.Now(), k2024 + i * kDay);
  }
}

TEST(StreamClockTest, ARealJumpMovesItAfterTheRank) {
  StreamClock clock;
  for (int i = 0; i < 40; ++i) clock.See(k2024 + i * kDay);
  const UnixSeconds later = k2024 + 800 * kDay;
  for (size_t i = 0; i < StreamClock::kRank; ++i) {
    EXPECT_LT(*clock.Now(), later) << i;
    clock.See(later + static_cast<UnixSeconds>(i));
  }
  EXPECT_EQ(clock.Now(), later);
}

TEST(StreamClockTest, OldArticlesDoNotMoveItBack) {
  StreamClock clock;
  for (int i = 0; i < 40; ++i) clock.See(k2024 + i * kDay);
  const auto before = clock.Now();
  clock.See(k2024 - 365 * kDay);
  EXPECT_EQ(clock.Now(), before);
}

// The oracle: the kRank-th largest of everything seen, by sorting it all.
TEST(StreamClockTest, MatchesSortingEverythingSeen) {
  std::mt19937_64 rng(7);
  StreamClock clock;
  std::vector<UnixSeconds> seen;
  for (int i = 0; i < 2000; ++i) {
    const UnixSeconds t =
        k2024 + static_cast<UnixSeconds>(rng() % (400 * kDay)) +
        (rng() % 50 == 0 ? 100 * 365 * kDay : 0);
    clock.See(t);
    seen.push_back(t);
    std::vector<UnixSeconds> sorted = seen;
    std::sort(sorted.rbegin(), sorted.rend());
    const size_t rank = std::min(sorted.size(), StreamClock::kRank);
    ASSERT_EQ(clock.Now(), sorted[rank - 1]) << i;
  }
}

TEST(StreamClockTest, RestoresWhatItSavedAndRefusesDamage) {
  StreamClock clock;
  for (int i = 0; i < 30; ++i) clock.See(k2024 + (i * 7919 % 30) * kDay);
  const std::vector<UnixSeconds> saved(clock.newest().begin(),
                                       clock.newest().end());
  StreamClock restored;
  ASSERT_TRUE(restored.Restore(saved));
  EXPECT_EQ(restored.Now(), clock.Now());
  clock.See(k2024 + 31 * kDay);
  restored.See(k2024 + 31 * kDay);
  EXPECT_EQ(restored.Now(), clock.Now());

  StreamClock other;
  other.See(k2024);
  const std::vector<UnixSeconds> unordered = {k2024 + kDay, k2024};
  EXPECT_FALSE(other.Restore(unordered));
  std::vector<UnixSeconds> too_many(StreamClock::kRank + 1, k2024);
  EXPECT_FALSE(other.Restore(too_many));
  const std::vector<UnixSeconds> beyond = {kMaxSavedTime + 1};
  EXPECT_FALSE(other.Restore(beyond));
  EXPECT_EQ(other.Now(), k2024);  // left as it was
  EXPECT_TRUE(other.Restore({}));
  EXPECT_FALSE(other.Now().has_value());
}

}  // namespace
}  // namespace newsloom
