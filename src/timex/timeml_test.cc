#include "timex/timeml.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace newsloom {
namespace {

// A TimeML document written for this test.
constexpr char kTml[] = R"(<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, A&amp;B said<TIMEX3 tid="t9" type="DATE" value="PAST_REF" /> for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.
</TEXT>
</TimeML>)";

TEST(TimeMl, ReadsTextGoldAndDct) {
  Result<TimexDocument> doc = ParseTimeMl(kTml, "t1.tml");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->dct, "1998-08-07");
  EXPECT_EQ(doc->text, "\nBombs exploded Friday, A&B said for two days.\n");
  ASSERT_EQ(doc->gold.size(), 2u);  // the empty TIMEX3 is skipped
  const GoldTimex& g = doc->gold[1];
  EXPECT_EQ(doc->text.substr(g.start, g.end - g.start), "two days");
  EXPECT_EQ(g.type, "DURATION");
  EXPECT_EQ(g.value, "P2D");
}

TEST(TimeMl, RejectsBrokenDocuments) {
  EXPECT_FALSE(ParseTimeMl("<TimeML></TimeML>", "x").ok());
  EXPECT_FALSE(
      ParseTimeMl("<TEXT><TIMEX3 value=\"1\">open</TEXT>", "x").ok());
}

TEST(BioTsv, RebuildsTextAndSpans) {
  const std::string tsv =
      "*!-DCTVALUE=\"2005-10-04\"-!*\tO\t-\n\n"
      "Apple\tO\t-\nplanea\tO\t-\n4\tB-DATE\t2005-10-04\nde\tI-DATE\t2005-10-04\n"
      "octubre\tI-DATE\t2005-10-04\n\nhoy\tB-DATE\t2005-10-04\nmismo\tO\t-\n"
      "*!-DCTVALUE=\"2006-01-01\"-!*\tO\t-\nun\tB-DURATION\tP1M\nmes\tI-DURATION\tP1M\n";
  Result<std::vector<TimexDocument>> docs = ParseBioTsv(tsv, "x-es.tsv");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 2u);
  const TimexDocument& d = (*docs)[0];
  EXPECT_EQ(d.dct, "2005-10-04");
  EXPECT_EQ(d.text, "Apple planea 4 de octubre\nhoy mismo");
  ASSERT_EQ(d.gold.size(), 2u);
  EXPECT_EQ(d.text.substr(d.gold[0].start, d.gold[0].end - d.gold[0].start),
            "4 de octubre");
  EXPECT_EQ(d.text.substr(d.gold[1].start, d.gold[1].end - d.gold[1].start),
            "hoy");
  EXPECT_EQ((*docs)[1].text, "un mes");
  EXPECT_EQ((*docs)[1].gold[0].value, "P1M");
  EXPECT_FALSE(ParseBioTsv("*!-DCTVALUE=\"2005-10-04\"-!*\nno tabs here\n", "x")
                   .ok());
}

TEST(TimexCorpus, LanguageFromTheFileName) {
  EXPECT_EQ(TimexCorpusLanguage("../shared/data/timex/meantime-es.tsv"), "es");
  EXPECT_EQ(TimexCorpusLanguage("timebank-es.train.tsv"), "es");
  EXPECT_EQ(TimexCorpusLanguage("meantime-en.tsv"), "en");
  EXPECT_EQ(TimexCorpusLanguage("../shared/data/timex/timebank"), "en");
}

TEST(TimexScores, TempEval3Definitions) {
  // Gold: "Friday" and "two days"; the tagger finds both with equal values
  // and exact spans.
  Result<TimexDocument> doc = ParseTimeMl(kTml, "t1.tml");
  ASSERT_TRUE(doc.ok());
  TimexTagger tagger;
  TimexScores s = ScoreTimex({*doc}, tagger, "en");
  EXPECT_EQ(s.gold, 2u);
  EXPECT_EQ(s.system, 2u);
  EXPECT_EQ(s.relaxed, 2u);
  EXPECT_EQ(s.strict, 2u);
  EXPECT_EQ(s.value, 2u);
  EXPECT_DOUBLE_EQ(s.RelaxedF1(), 1.0);
  // A wider gold span: relaxed but not strict; a wrong value.
  TimexDocument d = *doc;
  d.gold[1].start -= 1;
  d.gold[1].value = "P3D";
  s = ScoreTimex({d}, tagger, "en");
  EXPECT_EQ(s.relaxed, 2u);
  EXPECT_EQ(s.strict, 1u);
  EXPECT_EQ(s.value, 1u);
  EXPECT_DOUBLE_EQ(s.ValueF1(), 0.5);
  EXPECT_DOUBLE_EQ(TimexScores::F1(1, 2, 4), 2 * 0.5 * 0.25 / 0.75);
  EXPECT_DOUBLE_EQ(TimexScores::F1(0, 2, 4), 0.0);
}

// The development figures (README.md) must not regress.
TEST(TimexScores, DevelopmentCorpora) {
  const std::filesystem::path dir =
      std::filesystem::path(NEWSLOOM_SHARED_DIR) / "data" / "timex";
  if (!std::filesystem::exists(dir / "timebank"))
    GTEST_SKIP() << dir << " not found";
  TimexTagger tagger;
  TimexScores en;
  for (const char* name : {"timebank", "aquaint"}) {
    auto docs = LoadTimexCorpus((dir / name).string());
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    en.Add(ScoreTimex(*docs, tagger, "en"));
  }
  EXPECT_GE(en.RelaxedF1(), 0.88);
  EXPECT_GE(en.ValueF1(), 0.72);
  auto es = LoadTimexCorpus((dir / "meantime-es.tsv").string());
  ASSERT_TRUE(es.ok()) << es.status().ToString();
  const TimexScores s = ScoreTimex(*es, tagger, "es");
  EXPECT_GE(s.RelaxedF1(), 0.80);
  EXPECT_GE(s.ValueF1(), 0.65);
}

}  // namespace
}  // namespace newsloom
