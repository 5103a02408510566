#include "base/ascii.h"

#include <cctype>

#include <gtest/gtest.h>

namespace newsloom {
namespace {

// The C library in the "C" locale is the oracle, byte by byte.
TEST(AsciiTest, ClassesMatchTheCLocaleForEveryByte) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool c_space = b < 0x80 && std::isspace(b);
    EXPECT_EQ(IsAsciiSpace(c), c_space) << b;
    EXPECT_EQ(IsHtmlSpace(c), c_space && c != '\v') << b;
    const char lower = b < 0x80 ? static_cast<char>(std::tolower(b)) : c;
    EXPECT_EQ(AsciiLower(c), lower) << b;
  }
}

TEST(AsciiTest, LowerCopyLeavesOtherBytesAlone) {
  EXPECT_EQ(AsciiLowerCopy("Content-Type: TEXT/Html"), "content-type: text/html");
  EXPECT_EQ(AsciiLowerCopy("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");  // ÉTÉ
  EXPECT_EQ(AsciiLowerCopy(""), "");
}

// The oracle is a byte-by-byte scan, at every start of every length up to
// three blocks, with the high byte at every position.
TEST(AsciiTest, FindNonAsciiMatchesAByteScan) {
  auto slow = [](std::string_view s, size_t from) {
    for (size_t i = from; i < s.size(); ++i) {
      if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
    }
    return s.size();
  };
  for (size_t n = 0; n <= 24; ++n) {
    for (size_t high = 0; high <= n; ++high) {  // high == n: none
      std::string s(n, 'a');
      if (high < n) s[high] = '\xC3';
      for (size_t from = 0; from <= n + 1; ++from) {
        EXPECT_EQ(FindNonAscii(s, from), slow(s, from))
            << "n=" << n << " high=" << high << " from=" << from;
      }
    }
  }
  EXPECT_EQ(FindNonAscii("Caf\xC3\xA9 au lait", 0), 3u);
  EXPECT_EQ(FindNonAscii("plain", 0), 5u);
}

}  // namespace
}  // namespace newsloom
