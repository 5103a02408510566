#include "base/utf8.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

constexpr size_t kValid = std::string_view::npos;

struct Utf8Case {
  std::string_view name;
  std::string bytes;
  size_t first_invalid;
};

TEST(Utf8Test, FindInvalidGoldenTable) {
  const Utf8Case kCases[] = {
      {"empty", "", kValid},
      {"ascii", "Paris conference on Ukraine", kValid},
      {"danish", "Ukraine er presset i krigen, sagde Frederiksen. æøå", kValid},
      {"cyrillic", "Навальный", kValid},
      {"cjk", "俄罗斯", kValid},
      {"emoji", "\xF0\x9F\x93\xB0 news", kValid},
      {"latin1 e-acute", "caf\xE9 au lait", 3},
      {"stray continuation", "ab\x80", 2},
      {"overlong slash", "\xC0\xAF", 0},
      {"overlong 3-byte", "x\xE0\x80\xAF", 1},
      {"surrogate", "\xED\xA0\x80", 0},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"truncated at end", "abcdefghij\xE2\x82", 10},
      {"bad after ascii block", "0123456789abcdef\xFF", 16},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(FindInvalidUtf8(c.bytes), c.first_invalid) << c.name;
  }
}

TEST(Utf8Test, RepairUtf8GoldenTable) {
  constexpr std::string_view kFffd = "\xef\xbf\xbd";
  struct Case {
    std::string_view in;
    std::string want;
    size_t replaced;
  };
  const std::string f(kFffd);
  const Case kCases[] = {
      {"", "", 0},
      {"plain", "plain", 0},
      {"K\xc3\xb8" "benhavn", "K\xc3\xb8" "benhavn", 0},
      {"caf\xe9!", "caf" + f + "!", 1},            // windows-1252 é
      {"\xe9t\xe9", f + "t" + f, 2},
      {"a\xe2\x82", "a" + f + f, 2},                // cut-off euro sign
      {"\xc0\xaf", f + f, 2},                       // overlong '/'
      {"\xed\xa0\x80x", f + f + f + "x", 3},         // a surrogate
      {"\xff\xfe", f + f, 2},
  };
  for (const Case& c : kCases) {
    size_t replaced = 99;
    const std::string out = RepairUtf8(c.in, &replaced);
    EXPECT_EQ(out, c.want) << c.in;
    EXPECT_EQ(replaced, c.replaced) << c.in;
    EXPECT_TRUE(IsValidUtf8(out)) << c.in;
  }
}

TEST(Utf8Test, LooksBinary) {
  EXPECT_FALSE(LooksBinary("plain text\nwith lines\r\n\tand tabs"));
  EXPECT_TRUE(LooksBinary(std::string("PK\x03\x04\0\0", 6)));
  EXPECT_TRUE(LooksBinary("\x01\x02\x03\x04\x05 abc"));
  EXPECT_FALSE(LooksBinary(""));
}

TEST(Utf8Test, PrintableText) {
  struct Case {
    std::string_view in;
    bool keep_line_feeds;
    std::string_view out;
  } cases[] = {
      {"plain text", false, "plain text"},
      {"Evil \x1b]0;pwned\x07\x1b[2J\rX", false, "Evil  ]0;pwned  [2J X"},
      {"a\nb\tc", false, "a b\tc"},
      {"a\nb\tc", true, "a\nb\tc"},
      {"del\x7f", false, "del "},
      {"c1 \xc2\x9b" "1m", false, "c1  1m"},      // U+009B, CSI
      {"nbsp\xc2\xa0" "caf\xc3\xa9", false, "nbsp\xc2\xa0" "caf\xc3\xa9"},
      {"bad \xff\xc2", false, "bad \xff\xc2"},  // invalid UTF-8 kept
      {"lone \x9b" "31m", false, "lone  31m"},      // but not a lone C1 byte
      {"\xc4\x80 \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x9a\x80", false,
       "\xc4\x80 \xe2\x80\x9cq\xe2\x80\x9d \xf0\x9f\x9a\x80"},  // Ā “q” 🚀
      {"cut \xe2\x80", false, "cut \xe2 "},
      {std::string_view("nul\0x", 5), false, "nul x"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PrintableText(c.in, c.keep_line_feeds), c.out) << c.in;
  }
}

TEST(Utf8Test, TrimBomAbbreviate) {
  EXPECT_EQ(StripBom("\xEF\xBB\xBFtitle"), "title");
  EXPECT_EQ(TrimAscii("  \t x y \n"), "x y");
  EXPECT_EQ(TrimAscii(" \n "), "");
  EXPECT_EQ(Abbreviate("short", 10), "short");
  // Never cuts inside "ø" (2 bytes).
  EXPECT_EQ(Abbreviate("abøcd", 3), "ab\xE2\x80\xA6");
}

// Where a long text is cut for reading: the last line feed, else the last
// sentence end, else the last space, else a code point boundary.
TEST(Utf8Test, CollapseSpaces) {
  EXPECT_EQ(CollapseSpaces(""), "");
  EXPECT_EQ(CollapseSpaces(" \n\t "), "");
  EXPECT_EQ(CollapseSpaces("  a \n\t b\r\n\fc\v "), "a b c");
  EXPECT_EQ(CollapseSpaces("na\xC3\xAFve  caf\xC3\xA9"), "na\xC3\xAFve caf\xC3\xA9");
  EXPECT_EQ(CollapseSpaces("\xFF \xFE"), "\xFF \xFE");  // bytes kept as they are
  // It stops once past `stop_after` bytes; Abbreviate then cuts.
  EXPECT_EQ(CollapseSpaces("abcdef ghi", 3), "abcd");
  EXPECT_EQ(Abbreviate(CollapseSpaces("ab   cd ef", 4), 4), "ab c\xE2\x80\xA6");
}

TEST(Utf8Test, TextPrefixLength) {
  struct Case {
    std::string_view text;
    size_t max_bytes;
    std::string_view kept;
  };
  const Case cases[] = {
      {"fits", 4, "fits"},
      {"", 0, ""},
      {"One.\nTwo. Three four", 16, "One.\n"},
      {"One. Two three four", 14, "One. "},
      {"He said \"No.\" Then left", 20, "He said \"No.\" "},
      {"Is it? (Yes.) Then more", 21, "Is it? (Yes.) "},
      {"no sentence ends here at all", 20, "no sentence ends "},
      {"abcdefgh", 5, "abcde"},
      {"abø", 3, "ab"},      // never inside "ø"
      {"a€€", 5, "a€"},     // nor inside "€" (3 bytes)
      {"x.y z", 4, "x.y "},  // "." without a space is no sentence end
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.text.substr(0, TextPrefixLength(c.text, c.max_bytes)), c.kept)
        << c.text << " / " << c.max_bytes;
  }
  // Only the last 64 KiB before the cap are searched for a break.
  const std::string far = "Done.\n" + std::string(100000, 'x');
  EXPECT_EQ(TextPrefixLength(far, 90000), 90000u);
}

}  // namespace
}  // namespace newsloom
