#include "quotes/polnear.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace newsloom {
namespace {

// A text and stand-off written for this test; "é" makes code points and
// bytes differ.
const char kText[] =
    "Café owners said \"prices will rise.\" The mayor disagreed.\n"
    "\"We will help,\" she added.";
// Code points: "Café owners" 0-11, "said" 12-16, content (without the
// marks) 18-35, "The mayor" 37-46, second content 59-72, "she" 74-77.
const char kAnn[] =
    "T1\tSource 0 11\tCafé owners\n"
    "T2\tCue 12 16\tsaid\n"
    "T3\tContent 18 35\tprices will rise.\n"
    "T4\tAttribution 12 16\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 59 72\tWe will help,\n"
    "T6\tSource 74 77\tshe\n"
    "T7\tCue 78 83\tadded\n"
    "T8\tAttribution 78 83\tadded\n"
    "E2\tAttribution:T8 Cue:T7 Content:T5 Source:T6\n"
    "T9\tContent 37 46;47 57\tThe mayor disagreed.\n"
    "T10\tCue 40 46\tmayor\n"
    "T11\tAttribution-no-source 40 46\tmayor\n"
    "E3\tAttribution-no-source:T11 Content:T9 Cue:T10\n"
    "T12\tContent 5 999\tout of range\n"
    "not a line\n";

TEST(PolnearTest, ParsesSpansAsCodePointsIntoBytes) {
  std::string text = kText;
  size_t skipped = 0;
  std::vector<GoldAttribution> gold = ParseBratAttributions(text, kAnn, &skipped);
  ASSERT_EQ(gold.size(), 3u);
  EXPECT_EQ(skipped, 1u);  // T12
  auto slice = [&](ByteSpan s) { return text.substr(s.start, s.end - s.start); };
  EXPECT_EQ(slice(gold[0].source[0]), "Café owners");
  EXPECT_EQ(slice(gold[0].content[0]), "prices will rise.");
  EXPECT_TRUE(gold[0].direct);
  EXPECT_EQ(slice(gold[1].source[0]), "she");
  EXPECT_TRUE(gold[1].direct);
  EXPECT_FALSE(gold[2].direct);
  EXPECT_TRUE(gold[2].source.empty());
  ASSERT_EQ(gold[2].content.size(), 2u);
}

TEST(PolnearTest, DirectRule) {
  struct Case {
    const char* text;
    uint32_t start, end;
    bool direct;
  } cases[] = {
      {"He said \"we will win\" today.", 9, 20, true},       // marks outside
      {"He said \"we will win\" today.", 8, 21, true},       // marks inside
      {"He said \"we will win,\" today.", 9, 20, true},      // comma inside
      {"He said “we will win”.", 11, 22, true},              // curly (bytes)
      {"He said we will win today.", 8, 19, false},
      {"He said \"we\" will win today.", 9, 20, false},      // only a word
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsDirectContent(c.text, {{c.start, c.end}}), c.direct) << c.text;
  }
}

TEST(PolnearTest, Scores) {
  PolnearDocument doc;
  doc.text = kText;
  doc.attributions = ParseBratAttributions(doc.text, kAnn);
  std::vector<Quotation> produced = FindQuotations(doc.text, "en");
  QuoteScores s;
  ScoreDocument(doc, produced, &s);
  EXPECT_EQ(s.direct.gold, 2u);
  EXPECT_EQ(s.direct.found, 2u);
  EXPECT_EQ(s.direct.with_source, 2u);
  EXPECT_EQ(s.direct.source_ok, 2u);
  EXPECT_EQ(s.all.gold, 3u);
  EXPECT_EQ(s.produced, produced.size());
}

// A folder with nothing to score is an error that says what is missing
// (an eval of zero documents had passed silently).
TEST(PolnearTest, AFolderWithoutAnnotationFilesIsAnError) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() /
                       ("polnear_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "text");
  fs::create_directories(dir / "attributions");
  std::ofstream(dir / "text" / "x.txt") << "He said \"yes\".";
  std::ofstream(dir / "attributions" / "x.ann") << "T1\tContent 9 12\tyes\n";
  Result<std::vector<PolnearDocument>> docs = ReadPolnear(dir.string());
  ASSERT_FALSE(docs.ok());
  EXPECT_NE(docs.status().message().find("no NAME_ANNOTATOR.ann"), std::string::npos)
      << docs.status().ToString();
  EXPECT_NE(docs.status().message().find("1 .ann files name no annotator"), std::string::npos)
      << docs.status().ToString();
  fs::rename(dir / "attributions" / "x.ann", dir / "attributions" / "x_ann1.ann");
  docs = ReadPolnear(dir.string());
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EXPECT_EQ(docs->size(), 1u);
  fs::remove_all(dir);
}

// The development figures of README.md, with a floor under the targets.
TEST(PolnearTest, DevSetMeetsTargets) {
  auto docs = ReadPolnear(std::string(NEWSLOOM_SHARED_DIR) +
                          "/data/quotes/polnear-dev");
  if (!docs.ok()) GTEST_SKIP() << "no ../shared/data/quotes/polnear-dev";
  QuoteFinder finder;
  std::vector<Quotation> qs;
  QuoteScores s;
  for (const PolnearDocument& d : docs.value()) {
    finder.Find(d.text, "en", {}, &qs);
    ScoreDocument(d, qs, &s);
  }
  EXPECT_EQ(s.documents, 84u);
  EXPECT_GE(s.direct.ContentRecall(), 0.90);
  EXPECT_GE(s.direct.SourceAccuracy(), 0.80);
  EXPECT_GE(s.Precision(), 0.90);
}

}  // namespace
}  // namespace newsloom
