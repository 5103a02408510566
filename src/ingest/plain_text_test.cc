#include "ingest/plain_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/time.h"
#include "ingest/test_files.h"

namespace newsloom {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

// ---- Title: golden table ----------------------------------------------

struct TitleCase {
  const char* text;
  const char* title;  // "" = no title
};

const TitleCase kTitleCases[] = {
    // A headline line, then the body.
    {"Macron says Russian defeat vital\nBody text here.",
     "Macron says Russian defeat vital"},
    // Short chrome lines are passed over.
    {"News Feed\n\nFrance invites allies to video call\n\nBody.",
     "France invites allies to video call"},
    {"By Jane Doe\n2 min read\nFrance invites allies to video call\nBody.",
     "France invites allies to video call"},
    {"- - - -\nReal headline comes here now\n", "Real headline comes here now"},
    // Only the first three non-empty lines are looked at.
    {"One\nTwo words\nThree short ones\nFourth line has enough words\n", ""},
    // The body starts at once: a sentence ends the search.
    {"The minister said on Monday that it was vital.\nHeadline after body\n",
     ""},
    {"Headline with a trailing colon:\nBody", ""},
    {"Is Europe ready for a war?\nBody", ""},
    {"“Russia must not win this war,” Macron says.\nBody", ""},
    {"It was the end of it all…\nBody", ""},
    // Closing quotes are looked through, inner punctuation is fine.
    {"Macron: \"We will not let Russia win\"\nBody.",
     "Macron: \"We will not let Russia win\""},
    {"Reuters: France invites allies, NATO head to call\n",
     "Reuters: France invites allies, NATO head to call"},
    // A hard-wrapped paragraph is not a headline.
    {"The upgrade of Western military aid\nto Ukraine was announced.\n", ""},
    {"ærlig talt er det en skandale i dag\n", ""},
    {"Æbler og pærer stiger i pris\nBrødtekst.",
     "Æbler og pærer stiger i pris"},
    // Length cap.
    {"Word word word word word word word word word word word word word word "
     "word word word word word word word word word word word word word word "
     "word word word word word word word word word word word word word word",
     ""},
    // CRLF and surrounding white space.
    {"  \r\n\r\nCRLF headline is found here  \r\n\r\nBody.\r\n",
     "CRLF headline is found here"},
    // Scripts without spaces: each ideograph is a word.
    {"中国外交部发言人表示\n正文。", "中国外交部发言人表示"},
    {"新闻\n", ""},
    {"一二三。\n", ""},
    // A date header is not a title; the line after it may be.
    {"date 2024-03-05\nFrance invites allies to video call\n\nBody.",
     "France invites allies to video call"},
    {"date 2024-03-05 France invites allies to video call\n\nBody.",
     "France invites allies to video call"},
    {" date 2024-03-05 France has invited the ministers. More.\n", ""},
    {"", ""},
};

TEST(IngestPlainTextTitle, GoldenTable) {
  for (const TitleCase& c : kTitleCases) {
    EXPECT_EQ(FindPlainTextTitle(c.text), c.title) << "text: " << c.text;
  }
}

TEST(IngestPlainTextTitle, TitleOfExactly200BytesIsKept) {
  std::string line = "Four words at least";
  line += std::string(kMaxTitleBytes - line.size(), 'x');
  ASSERT_EQ(line.size(), kMaxTitleBytes);
  EXPECT_EQ(FindPlainTextTitle(line + "\nBody."), line);
  EXPECT_EQ(FindPlainTextTitle(line + "y\nBody."), "");
}

// ---- Date header: golden table ----------------------------------------

struct DateCase {
  const char* text;
  const char* published;  // FormatIsoTime, or "" = no header
};

const DateCase kDateCases[] = {
    {" date 2024-03-05 France has invited", "2024-03-05T00:00:00Z"},
    {"Date: 2024-03-05T10:30:00+01:00\nText", "2024-03-05T09:30:00Z"},
    {"published 2024-03-05 10:30 Text", "2024-03-05T10:30:00Z"},
    {"Published: 2024-03-05T10:30:15.250Z\n", "2024-03-05T10:30:15Z"},
    {"\n\nDato: 2024-02-26\nTekst", "2024-02-26T00:00:00Z"},
    {"DATUM:2024-02-26 Text", "2024-02-26T00:00:00Z"},
    {"fecha 2024-02-26", "2024-02-26T00:00:00Z"},
    {"date 2024-03-05 12 people died", "2024-03-05T00:00:00Z"},
    {"date 2024-03-05T08:00-0500 x", "2024-03-05T13:00:00Z"},
    {"date 2024-02-30 impossible", ""},
    {"dates 2024-03-05 not the keyword", ""},
    {"Text date 2024-03-05 not at the start", ""},
    {"date 2024-03-05x glued", ""},
    {"date2024-03-05 no separator", ""},
    {"date: 5 March 2024", ""},
    {"Date is 2024-03-05", ""},
    {"", ""},
};

TEST(IngestPlainTextDate, GoldenTable) {
  for (const DateCase& c : kDateCases) {
    const std::optional<DateHeader> h = FindDateHeader(c.text);
    EXPECT_EQ(h ? FormatIsoTime(h->published) : "", c.published)
        << "text: " << c.text;
  }
}

TEST(IngestPlainTextDate, EndPointsPastTheDate) {
  const std::string_view text = " date 2024-03-05 France";
  const std::optional<DateHeader> h = FindDateHeader(text);
  ASSERT_TRUE(h);
  EXPECT_EQ(text.substr(h->end), " France");
}

// ---- ParsePlainText ----------------------------------------------------

TEST(IngestPlainText, KeepsTextByteExactAndSetsFields) {
  const std::string text =
      "Headline with four words\r\n\r\n  Body,  with   spaces.\r\n";
  Result<Article> a = ParsePlainText(text, "dir/a.txt", ReadOptions());
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, text);
  EXPECT_EQ(a->title, "Headline with four words");
  EXPECT_EQ(a->input, "dir/a.txt");
  EXPECT_EQ(a->lang, "und");
  EXPECT_EQ(a->lang_confidence, 0.0);
  EXPECT_TRUE(a->source.empty());
  EXPECT_TRUE(a->url.empty());
  EXPECT_FALSE(a->published.has_value());
  EXPECT_EQ(a->id, ArticleId(*a));
  EXPECT_EQ(a->id.size(), 16u);
}

TEST(IngestPlainText, StripsBomOnly) {
  Result<Article> a =
      ParsePlainText(std::string(kBom) + " Body.\n", "a.txt", ReadOptions());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->text, " Body.\n");
}

TEST(IngestPlainText, DateHeaderSetsPublishedAndKeepsText) {
  const std::string text = " date 2024-03-05 France has invited them.";
  Result<Article> a = ParsePlainText(text, "a.txt", ReadOptions());
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->published.has_value());
  EXPECT_EQ(FormatIsoDate(*a->published), "2024-03-05");
  EXPECT_EQ(a->text, text);
}

struct BadTextCase {
  std::string bytes;
  const char* message;  // exact Status message
};

TEST(IngestPlainText, RejectsBadInputWithOneLineMessages) {
  const BadTextCase cases[] = {
      {"", "empty text; skipped"},
      {kBom, "empty text; skipped"},
      {" \n\t\r\n ", "text is only white space; skipped"},
      {std::string("abc\0def", 7),
       "binary data (NUL or control bytes), not text; skipped"},
      {std::string(9000, 'a') + std::string(1, '\0'),
       "binary data (NUL or control bytes), not text; skipped"},
      {"\x01\x02\x03\x04 abc",
       "binary data (NUL or control bytes), not text; skipped"},
      {"ab\xFF"
       "cd",
       "invalid UTF-8 at byte 2; skipped"},
      {std::string(kBom) + "ab\xC3", "invalid UTF-8 at byte 5; skipped"},
      {"caf\xC3\xA9 \xED\xA0\x80", "invalid UTF-8 at byte 6; skipped"},
  };
  for (const BadTextCase& c : cases) {
    Result<Article> a = ParsePlainText(c.bytes, "x.txt", ReadOptions());
    ASSERT_FALSE(a.ok()) << c.bytes;
    EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(a.status().message(), c.message);
  }
}

TEST(IngestPlainText, RejectsTextOverTheCap) {
  ReadOptions options;
  options.max_article_bytes = 10;
  EXPECT_TRUE(ParsePlainText("0123456789", "x", options).ok());
  Result<Article> a = ParsePlainText("0123456789A", "x", options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "text is 11 bytes; the cap for one article is 10 bytes "
            "(--max-article-bytes); skipped");
}

// ---- The five seeds ----------------------------------------------------

TEST(IngestPlainText, Seeds) {
  const std::string dir = std::string(NEWSLOOM_SHARED_DIR) + "/seeds";
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "no seeds at " << dir << " (NEWSLOOM_SHARED_DIR)";
  }
  testing::Collected c = testing::ReadAll({dir});
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  ASSERT_EQ(c.articles.size(), 5u);
  const char* kTitles[] = {
      "",
      "Macron says Russian defeat in Ukraine vital for security in Europe",
      "",
      "Reuters: France invites Ukraine's allies, NATO head for video call on "
      "March 7",
      "",
  };
  for (size_t i = 0; i < 5; ++i) {
    const Article& a = c.articles[i];
    EXPECT_EQ(a.title, kTitles[i]) << a.input;
    EXPECT_EQ(std::filesystem::path(a.input).filename().string().substr(0, 3),
              "00" + std::to_string(i));
    EXPECT_EQ(a.text, testing::ReadFileOrEmpty(a.input));
    EXPECT_EQ(a.published.has_value(), i == 4) << a.input;
  }
  ASSERT_TRUE(c.articles[4].published.has_value());
  EXPECT_EQ(FormatIsoTime(*c.articles[4].published), "2024-03-05T00:00:00Z");
}

}  // namespace
}  // namespace newsloom
