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

}  // namespace
}  // namespace newsloom
