#include "base/coding.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace newsloom {
namespace {

TEST(CodingTest, RoundTrip) {
  std::string buf;
  Encoder e(&buf);
  const uint64_t kU[] = {0, 1, 127, 128, 300, std::numeric_limits<uint64_t>::max()};
  const int64_t kS[] = {0, -1, 1, -64, 64, std::numeric_limits<int64_t>::min(),
                        std::numeric_limits<int64_t>::max()};
  for (uint64_t u : kU) e.PutVarint(u);
  for (int64_t s : kS) e.PutSigned(s);
  e.PutFloat(0.25f);
  e.PutString(std::string("a\0b", 3));
  Decoder d(buf);
  for (uint64_t u : kU) {
    uint64_t v;
    ASSERT_TRUE(d.GetVarint(&v));
    EXPECT_EQ(v, u);
  }
  for (int64_t s : kS) {
    int64_t v;
    ASSERT_TRUE(d.GetSigned(&v));
    EXPECT_EQ(v, s);
  }
  float f;
  ASSERT_TRUE(d.GetFloat(&f));
  EXPECT_EQ(f, 0.25f);
  std::string s;
  ASSERT_TRUE(d.GetString(&s));
  EXPECT_EQ(s, std::string("a\0b", 3));
  EXPECT_TRUE(d.done());
}

TEST(CodingTest, TruncatedInputFailsCleanly) {
  std::string buf;
  Encoder e(&buf);
  e.PutString("hello world");
  e.PutVarint(1u << 30);
  for (size_t cut = 0; cut < buf.size(); ++cut) {
    Decoder d(std::string_view(buf).substr(0, cut));
    std::string s;
    uint64_t v;
    const bool ok = d.GetString(&s) && d.GetVarint(&v);
    EXPECT_FALSE(ok) << cut;
  }
  Decoder huge("\xFF\xFF\xFF\xFF\x0F");
  uint64_t n;
  EXPECT_FALSE(huge.GetCount(&n));
}

// EncodeVarint and EncodeFloat are PutVarint and PutFloat for a caller's
// own buffer: the same bytes, checked against them (the oracle) at every
// varint length.
TEST(CodingTest, BufferEncodingEqualsEncoder) {
  std::vector<uint64_t> values = {0, 1, 127, 128, 255, 16383, 16384};
  for (int bits = 14; bits < 64; bits += 7) {
    values.push_back((uint64_t{1} << bits) - 1);
    values.push_back(uint64_t{1} << bits);
  }
  values.push_back(std::numeric_limits<uint64_t>::max());
  const float floats[] = {0.0f, -0.0f, 1.5f, -3.25e-7f,
                          std::numeric_limits<float>::max()};
  std::string expected;
  Encoder e(&expected);
  std::string actual;
  Encoder a(&actual);
  for (uint64_t v : values) {
    for (float f : floats) {
      e.PutVarint(v);
      e.PutFloat(f);
      char buf[kMaxVarintBytes + 4];
      char* end = EncodeFloat(EncodeVarint(buf, v), f);
      ASSERT_LE(end - buf, static_cast<ptrdiff_t>(sizeof buf));
      a.PutBytes(buf, static_cast<size_t>(end - buf));
    }
  }
  EXPECT_EQ(actual, expected);
  char buf[kMaxVarintBytes];
  EXPECT_EQ(EncodeVarint(buf, std::numeric_limits<uint64_t>::max()) - buf,
            static_cast<ptrdiff_t>(kMaxVarintBytes));
}

}  // namespace
}  // namespace newsloom
