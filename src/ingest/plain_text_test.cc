#include "ingest/plain_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
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
  std::optional<int> offset = std::nullopt;  // minutes east of UTC, as written
};

const DateCase kDateCases[] = {
    {" date 2024-03-05 France has invited", "2024-03-05T00:00:00Z"},
    {"Date: 2024-03-05T10:30:00+01:00\nText", "2024-03-05T09:30:00Z", 60},
    {"published 2024-03-05 10:30 Text", "2024-03-05T10:30:00Z"},
    {"Published: 2024-03-05T10:30:15.250Z\n", "2024-03-05T10:30:15Z", 0},
    {"\n\nDato: 2024-02-26\nTekst", "2024-02-26T00:00:00Z"},
    {"DATUM:2024-02-26 Text", "2024-02-26T00:00:00Z"},
    {"fecha 2024-02-26", "2024-02-26T00:00:00Z"},
    {"date 2024-03-05 12 people died", "2024-03-05T00:00:00Z"},
    {"date 2024-03-05T08:00-0500 x", "2024-03-05T13:00:00Z", -300},
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
    EXPECT_EQ(h ? h->offset : std::nullopt, c.offset) << "text: " << c.text;
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

// The header sets the publication day and leaves the text (it opened the
// first sentence: "date 2024-03-05 France has invited ..."), unless page
// chrome is kept.
TEST(IngestPlainText, DateHeaderSetsPublishedAndLeavesTheText) {
  const std::string text = " date 2024-03-05 France has invited them.";
  Result<Article> a = ParsePlainText(text, "a.txt", ReadOptions());
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->published.has_value());
  EXPECT_EQ(FormatIsoDate(*a->published), "2024-03-05");
  EXPECT_EQ(a->text, "France has invited them.");
  ReadOptions keep;
  keep.drop_text_chrome = false;
  Result<Article> kept = ParsePlainText(text, "a.txt", keep);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->text, text);
  EXPECT_EQ(FormatIsoDate(*kept->published), "2024-03-05");
  EXPECT_EQ(a->id, ArticleId(*a)) << "the id is of the text as kept";
  EXPECT_NE(a->id, kept->id);
  EXPECT_EQ(a->former_id, kept->id) << "the id a store made before holds it under";
  EXPECT_TRUE(kept->former_id.empty());
  Result<Article> lines =
      ParsePlainText("Dato: 2024-03-05\n\nFerry cancelled in Aero\n\nThe ferry was "
                     "cancelled.\n", "b.txt", ReadOptions());
  ASSERT_TRUE(lines.ok());
  EXPECT_EQ(lines->text, "Ferry cancelled in Aero\n\nThe ferry was cancelled.\n");
  EXPECT_EQ(lines->title, "Ferry cancelled in Aero");
  Result<Article> alone = ParsePlainText("date 2024-03-05\n", "c.txt", ReadOptions());
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ(alone->text, "date 2024-03-05\n") << "nothing else to keep";
}

// A text saved as UTF-16 (either byte order, with its BOM) reads as the
// same article as its UTF-8; without the BOM its NULs make it binary.
TEST(IngestPlainText, DecodesUtf16WithItsByteOrderMark) {
  const std::string utf8 = "Café in Zürich\n\nThe ferry strike ended on Monday.\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (unsigned char c : std::string("Caf")) {
    le += std::string{static_cast<char>(c), '\0'};
    be += std::string{'\0', static_cast<char>(c)};
  }
  le += std::string("\xE9\0", 2);  // é, U+00E9
  be += std::string("\0\xE9", 2);
  const std::string rest = " in Z";
  for (char c : rest) {
    le += std::string{c, '\0'};
    be += std::string{'\0', c};
  }
  le += std::string("\xFC\0", 2);  // ü
  be += std::string("\0\xFC", 2);
  for (char c : std::string("rich\n\nThe ferry strike ended on Monday.\n")) {
    le += std::string{c, '\0'};
    be += std::string{'\0', c};
  }
  Result<Article> want = ParsePlainText(utf8, "x.txt", ReadOptions());
  ASSERT_TRUE(want.ok()) << want.status().ToString();
  for (const std::string& bytes : {le, be}) {
    Result<Article> a = ParsePlainText(bytes, "x.txt", ReadOptions());
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    EXPECT_EQ(a->title, want->title);
    EXPECT_EQ(a->text, want->text);
    EXPECT_EQ(a->id, want->id);
  }
  EXPECT_FALSE(ParsePlainText(le.substr(2), "x.txt", ReadOptions()).ok());
  ReadOptions small;
  small.max_article_bytes = 10;
  Result<Article> big = ParsePlainText(le, "x.txt", small);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("--max-article-bytes"), std::string::npos);
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

// ---- Page chrome: golden table ----------------------------------------

// Dropped lines as "LINE:kind" ("1:interface 5:reading time" -> compact).
std::string DroppedLines(std::string_view text) {
  std::string out;
  for (const TextChromeLine& c : FindPlainTextChrome(text)) {
    if (!out.empty()) out += ' ';
    std::string kind(TextChromeKindName(c.kind));
    for (char& ch : kind) {
      if (ch == ' ') ch = '-';
    }
    out += std::to_string(c.line) + ":" + kind;
  }
  return out;
}

struct ChromeCase {
  const char* text;
  const char* dropped;
};

// Text written for these tests: a story about a bakery, with the furniture
// a news page leaves in a copy.
const ChromeCase kChromeCases[] = {
    // Clean prose: nothing is dropped, not even short lines or a byline.
    {"Town bakery wins the national bread prize\nBy Ann Smith\nDetails\n"
     "The bakery on Mill Street won the prize on Monday.\n",
     ""},
    // Interface phrases and reading times, any case, alone on a line.
    {"Latest\nNews Feed\n\nTown bakery wins the national bread prize\n\n"
     "3 min read\nThe bakery on Mill Street won the prize on Monday.\n"
     "SHOW MORE\n",
     "2:interface-phrase 6:reading-time 8:interface-phrase"},
    {"Share this article:\nThe bakery won.\nAdvertisement\nIt sold out.\n",
     "1:interface-phrase 3:interface-phrase"},
    // A reading time needs its number; a phrase inside a sentence stays.
    {"min read\nRead more about bread in our weekly column, she said.\n", ""},
    // Captions: a line ending in a photo credit, or a credit line alone.
    {"Town bakery wins the national bread prize\n"
     "Ann Smith holds the winning loaf in Leeds. (Jo Bloggs/Getty Images)\n"
     "The bakery won the prize.\nJo Bloggs | Reuters | Getty Images\n"
     "Loaves cooling on racks (Photo: Ann Smith)\n",
     "2:caption 4:caption 5:caption"},
    // Brackets without a credit word are prose.
    {"The bakery (founded in 1921) won the prize (its third).\n", ""},
    // The title printed again below the byline.
    {"Town bakery wins the national bread prize\n2 min read\n"
     "Town bakery wins the national bread prize\nThe bakery won.\n",
     "2:reading-time 3:repeated-title"},
    // A teaser card: headline and summary above an image placeholder.
    {"The bakery won the prize on Monday.\n\n"
     "Mill Street gets a new cafe\nThe owners of the corner shop plan a ca"
     "fe that opens in spring…\nArticle image\n\nIt sold out by noon.\n",
     "3:teaser 4:teaser 5:interface-phrase"},
    // Four lines above the placeholder are not a card.
    {"A.\nB.\nC.\nD.\nImage\n", "5:interface-phrase"},
    // The news feed at the end: unrelated paragraphs after a section name
    // go, a paragraph that shares the article's words stays.
    {"Town bakery wins the national bread prize\n\n"
     "The bakery on Mill Street won the national bread prize on Monday "
     "with a sourdough loaf baked by its owner. Fifteen bakeries from "
     "across the country entered the competition, which was held in a "
     "converted warehouse near the railway station. The winning loaf was "
     "proved for thirty hours before baking, according to the owner, who "
     "learned the craft from her grandmother.\n\n"
     "Judges praised the crust of the sourdough loaf. Visitors queued "
     "outside the shop on Tuesday morning, and the first batch sold out "
     "within an hour. Next year the contest moves to a larger hall in the "
     "northern city, organisers announced during Saturday evening's "
     "ceremony.\n\nRelated\n\n"
     "Council approves new parking rules for the harbour district after "
     "months of debate among residents.\n\n"
     "The bakery owner said the sourdough loaf prize belongs to the "
     "whole street.\n\nShow More\n",
     "7:news-feed 9:news-feed 13:interface-phrase"},
    // With too little article above the section name to judge by (fewer
    // than kMinBodyWordsForFeed words), a "Related" box after the first
    // paragraph drops no paragraph: the article goes on below it (the
    // "Related" line itself goes, as an interface phrase anywhere does).
    {"Parliament approves new budget after long night of talks\n\n"
     "Parliament approved the 2025 budget early on Wednesday after a night "
     "of negotiations, the speaker announced.\n\nRelated\n\n"
     "Finance minister Karin Olsen told reporters that schools and "
     "hospitals would receive an extra 4 billion kroner next year.\n\n"
     "Opposition leader Mads Berg criticised the deal, saying pensioners "
     "had been forgotten.\n",
     "5:interface-phrase"},
    // A section name before the body has begun is only an interface
    // phrase; nothing after it is judged.
    {"News Feed\n\nCouncil approves new parking rules for the harbour.\n\n"
     "Residents debated the parking rules for months.\n",
     "1:interface-phrase"},
    {"", ""},
};

TEST(IngestPlainTextChrome, GoldenTable) {
  for (const ChromeCase& c : kChromeCases) {
    EXPECT_EQ(DroppedLines(c.text), c.dropped) << "text: " << c.text;
  }
}

TEST(IngestPlainTextChrome, RangesAreWholeLinesOfTheOriginal) {
  const std::string text = "A headline of four words\r\n2 min read\r\nBody.";
  const std::vector<TextChromeLine> chrome = FindPlainTextChrome(text);
  ASSERT_EQ(chrome.size(), 1u);
  EXPECT_EQ(text.substr(chrome[0].begin, chrome[0].end - chrome[0].begin),
            "2 min read\r\n");
  EXPECT_EQ(chrome[0].line, 2u);
}

TEST(IngestPlainTextChrome, ParseDropsChromeAndNotesIt) {
  const std::string text =
      "News Feed\nTown bakery wins the national bread prize\n3 min read\n"
      "The bakery on Mill Street won the prize on Monday.\n";
  std::vector<std::string> notes;
  Result<Article> a = ParsePlainText(text, "a.txt", ReadOptions(), &notes);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->text,
            "Town bakery wins the national bread prize\n"
            "The bakery on Mill Street won the prize on Monday.\n");
  EXPECT_EQ(a->title, "Town bakery wins the national bread prize");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0],
            "dropped 2 lines of page chrome: line 1 \"News Feed\" (interface "
            "phrase), line 3 \"3 min read\" (reading time); article kept");

  ReadOptions keep;
  keep.drop_text_chrome = false;
  notes.clear();
  Result<Article> raw = ParsePlainText(text, "a.txt", keep, &notes);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->text, text);
  EXPECT_TRUE(notes.empty());
}

TEST(IngestPlainTextChrome, ChromeOnlyTextIsKeptAsItIs) {
  std::vector<std::string> notes;
  Result<Article> a =
      ParsePlainText("Advertisement\nShow more\n", "a.txt", ReadOptions(),
                     &notes);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->text, "Advertisement\nShow more\n");
  EXPECT_TRUE(notes.empty());
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
    // Only 003 carries page chrome, and only 004 a date header (" date
    // 2024-03-05 France has invited ..."); the others are read byte for byte.
    const std::string file = testing::ReadFileOrEmpty(a.input);
    if (i == 4) {
      EXPECT_EQ(a.text, file.substr(file.find("France has invited")));
    } else if (i != 3) {
      EXPECT_EQ(a.text, file);
    }
    EXPECT_EQ(a.published.has_value(), i == 4) << a.input;
  }
  ASSERT_TRUE(c.articles[4].published.has_value());
  EXPECT_EQ(FormatIsoTime(*c.articles[4].published), "2024-03-05T00:00:00Z");
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_EQ(c.notes[0].where, c.articles[3].input);
}

// Seed 003: "News Feed", "2 min read", the headline printed twice, a photo
// caption, two teaser cards, the feed of three unrelated stories and "Show\n// More" go; the headline and the nine paragraphs of the article stay, in
// order and byte for byte.
TEST(IngestPlainText, Seed003LosesItsChromeOnly) {
  const std::string path =
      std::string(NEWSLOOM_SHARED_DIR) + "/seeds/003_a80116c7a5882e51.txt";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "no seed 003 at " << path << " (NEWSLOOM_SHARED_DIR)";
  }
  const std::string original = testing::ReadFileOrEmpty(path);
  EXPECT_EQ(DroppedLines(original),
            "1:interface-phrase 5:reading-time 6:repeated-title 7:caption "
            "17:teaser 18:teaser 19:interface-phrase 31:teaser 32:teaser "
            "33:interface-phrase 34:news-feed 36:news-feed 38:news-feed "
            "40:news-feed 42:interface-phrase");
  Result<Article> a = ParsePlainText(original, path, ReadOptions());
  ASSERT_TRUE(a.ok());
  // What stays: every other line, unchanged and in order.
  std::vector<std::string> kept, expected;
  std::istringstream in(a->text), all(original);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) kept.push_back(line);
  }
  int number = 0;
  const std::set<int> dropped = {1,  5,  6,  7,  17, 18, 19, 31,
                                 32, 33, 34, 36, 38, 40, 42};
  for (std::string line; std::getline(all, line);) {
    if (++number, !line.empty() && !dropped.count(number)) {
      expected.push_back(line);
    }
  }
  EXPECT_EQ(kept, expected);
  EXPECT_EQ(kept.size(), 10u);  // the headline and nine paragraphs
}

}  // namespace
}  // namespace newsloom
