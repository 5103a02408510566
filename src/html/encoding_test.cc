#include "html/encoding.h"

#include <gtest/gtest.h>

#include <string>

#include "html/test_pages.h"

namespace newsloom {
namespace {

using test_pages::kRussianCp1251;
using test_pages::kRussianUtf8;
using test_pages::kJapaneseShiftJis;
using test_pages::kJapaneseUtf8;

TEST(EncodingTest, CharsetFromContentType) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=windows-1251"),
            "windows-1251");
  EXPECT_EQ(CharsetFromContentType("text/html;Charset=\"Shift_JIS\""),
            "Shift_JIS");
  EXPECT_EQ(CharsetFromContentType("text/html; charset = utf-8 ; x=y"),
            "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromContentType(""), "");
}

TEST(EncodingTest, MetaCharsetGoldenTable) {
  struct Case {
    const char* html;
    const char* charset;
  };
  const Case kCases[] = {
      {"<html><head><meta charset=\"windows-1251\">", "windows-1251"},
      {"<META CHARSET=utf-8>", "utf-8"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=Shift_JIS\">",
       "Shift_JIS"},
      {"<meta content='text/html; charset=koi8-r' http-equiv='content-type'>",
       "koi8-r"},
      // Not a declaration: the content without http-equiv, a comment.
      {"<meta name=\"description\" content=\"charset=latin1\">", ""},
      {"<!-- <meta charset=\"koi8-r\"> --><meta charset=\"utf-8\">", "utf-8"},
      {"<metadata charset=\"x\">", ""},
      {"", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(FindMetaCharset(c.html, 4096), c.charset) << c.html;
  }
  // Only the first bytes are looked at.
  const std::string late = std::string(5000, ' ') + "<meta charset=\"koi8-r\">";
  EXPECT_EQ(FindMetaCharset(late, 4096), "");
  EXPECT_EQ(FindMetaCharset(late, 8192), "koi8-r");
}

TEST(EncodingTest, CanonicalCharsetFollowsWhatwg) {
  EXPECT_EQ(CanonicalCharset("ISO-8859-1"), "windows-1252");
  EXPECT_EQ(CanonicalCharset(" latin1 "), "windows-1252");
  EXPECT_EQ(CanonicalCharset("US-ASCII"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("gb2312"), "GBK");
  EXPECT_EQ(CanonicalCharset("UTF8"), "UTF-8");
  EXPECT_EQ(CanonicalCharset("windows-1251"), "windows-1251");
  EXPECT_EQ(CanonicalCharset(""), "");
}

TEST(EncodingTest, SniffOrder) {
  using Source = PageEncoding::Source;
  const std::string meta_1251 =
      "<meta charset=\"windows-1251\"><p>" + std::string(kRussianCp1251);
  // BOM first, then the HTTP header, then the meta tag.
  EXPECT_EQ(SniffEncoding("\xEF\xBB\xBF<p>x", "text/html; charset=koi8-r")
                .source,
            Source::kBom);
  const PageEncoding header = SniffEncoding(meta_1251, "text/html; charset=koi8-r");
  EXPECT_EQ(header.charset, "koi8-r");
  EXPECT_EQ(header.source, Source::kHttpHeader);
  const PageEncoding meta = SniffEncoding(meta_1251);
  EXPECT_EQ(meta.charset, "windows-1251");
  EXPECT_EQ(meta.source, Source::kMeta);
  // Undeclared: valid UTF-8 is UTF-8.
  EXPECT_EQ(SniffEncoding("<p>plain ascii").source, Source::kValidUtf8);
  EXPECT_EQ(SniffEncoding(std::string("<p>") + kRussianUtf8).charset, "UTF-8");
  // A legacy meta on bytes that are valid UTF-8 with non-ASCII: UTF-8.
  const PageEncoding resaved = SniffEncoding(
      std::string("<meta charset=\"iso-8859-1\"><p>") + kRussianUtf8);
  EXPECT_EQ(resaved.charset, "UTF-8");
  EXPECT_EQ(resaved.source, Source::kValidUtf8);
}

// Undeclared legacy pages are recognised by ICU's detector.
TEST(EncodingTest, DetectsUndeclaredCp1251AndShiftJis) {
  std::string ru = "<html><body>";
  std::string ja = "<html><body>";
  for (int i = 0; i < 4; ++i) {
    ru += std::string("<p>") + kRussianCp1251 + "</p>";
    ja += std::string("<p>") + kJapaneseShiftJis + "</p>";
  }
  const PageEncoding r = SniffEncoding(ru);
  EXPECT_EQ(r.source, PageEncoding::Source::kDetected);
  EXPECT_EQ(r.charset, "windows-1251");
  const PageEncoding j = SniffEncoding(ja);
  EXPECT_EQ(j.source, PageEncoding::Source::kDetected);
  EXPECT_EQ(j.charset, "Shift_JIS");
}

TEST(EncodingTest, ConvertsToUtf8) {
  Result<std::string> ru = ConvertToUtf8(kRussianCp1251, "windows-1251");
  ASSERT_TRUE(ru.ok()) << ru.status().ToString();
  EXPECT_EQ(*ru, kRussianUtf8);
  Result<std::string> ja = ConvertToUtf8(kJapaneseShiftJis, "Shift_JIS");
  ASSERT_TRUE(ja.ok()) << ja.status().ToString();
  EXPECT_EQ(*ja, kJapaneseUtf8);
  // Invalid sequences become U+FFFD; the result is valid UTF-8.
  Result<std::string> bad = ConvertToUtf8("a\xFF" "b", "UTF-8");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(*bad, "a\xEF\xBF\xBD" "b");
  Result<std::string> none = ConvertToUtf8("abc", "no-such-charset");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Status::Code::kNotSupported);
  EXPECT_EQ(none.status().message(),
            "unknown character encoding 'no-such-charset'");
}

}  // namespace
}  // namespace newsloom
