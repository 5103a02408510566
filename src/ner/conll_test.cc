#include "ner/conll.h"

#include <gtest/gtest.h>

namespace newsloom {
namespace {

std::vector<std::string> Tags(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// "start-end:TYPE ..." of ChunksOf.
std::string ChunkString(std::string_view tags) {
  std::string out;
  for (const Chunk& c : ChunksOf(Tags(tags))) {
    if (!out.empty()) out += " ";
    out += std::to_string(c.start) + "-" + std::to_string(c.end) + ":" + c.type;
  }
  return out;
}

TEST(ConllTest, ChunksOfGoldenTable) {
  struct Row {
    const char* tags;
    const char* chunks;
  } rows[] = {
      {"O O O", ""},
      {"B-PER I-PER O", "0-2:PER"},
      {"I-PER I-PER O", "0-2:PER"},          // IOB1: I- starts a chunk
      {"I-PER B-PER", "0-1:PER 1-2:PER"},    // IOB1: B- splits same type
      {"I-PER I-LOC", "0-1:PER 1-2:LOC"},    // type change starts a chunk
      {"B-PER I-LOC I-LOC", "0-1:PER 1-3:LOC"},
      {"O I-ORG O I-ORG", "1-2:ORG 3-4:ORG"},
      {"B-MISC B-MISC I-MISC", "0-1:MISC 1-3:MISC"},
      {"B-LOC O I-LOC", "0-1:LOC 2-3:LOC"},
  };
  for (const Row& r : rows) EXPECT_EQ(ChunkString(r.tags), r.chunks) << r.tags;
}

TEST(ConllTest, ToIob2) {
  std::vector<std::string> t = Tags("I-PER I-PER O I-LOC B-LOC I-ORG I-MISC");
  ToIob2(&t);
  EXPECT_EQ(t, Tags("B-PER I-PER O B-LOC B-LOC B-ORG B-MISC"));
  std::vector<std::string> iob2 = Tags("B-PER I-PER O B-LOC");
  std::vector<std::string> same = iob2;
  ToIob2(&same);
  EXPECT_EQ(same, iob2);
}

TEST(ConllTest, ScoreByHand) {
  ChunkScore s;
  // gold: PER[0,2) LOC[3,4); predicted: PER[0,2) ORG[3,4) MISC[4,5).
  s.Add(Tags("B-PER I-PER O B-LOC O"), Tags("B-PER I-PER O B-ORG B-MISC"));
  EXPECT_EQ(s.all.gold, 2);
  EXPECT_EQ(s.all.predicted, 3);
  EXPECT_EQ(s.all.correct, 1);
  EXPECT_DOUBLE_EQ(s.precision(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.recall(), 0.5);
  EXPECT_DOUBLE_EQ(s.f1(), 2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5));
  EXPECT_EQ(s.by_type["PER"].correct, 1);
  EXPECT_EQ(s.by_type["LOC"].gold, 1);
  EXPECT_EQ(s.by_type["ORG"].predicted, 1);
  EXPECT_EQ(s.tokens, 5);

  // A span off by one token is wrong twice over (a miss and a false alarm).
  ChunkScore t;
  t.Add(Tags("B-ORG I-ORG I-ORG"), Tags("B-ORG I-ORG O"));
  EXPECT_EQ(t.all.correct, 0);
  EXPECT_DOUBLE_EQ(t.f1(), 0.0);

  // IOB1 gold against IOB2 prediction of the same chunks: all correct.
  ChunkScore u;
  u.Add(Tags("I-PER I-PER O I-LOC B-LOC"), Tags("B-PER I-PER O B-LOC B-LOC"));
  EXPECT_EQ(u.all.correct, 3);
  EXPECT_DOUBLE_EQ(u.f1(), 1.0);

  ChunkScore empty;
  EXPECT_DOUBLE_EQ(empty.f1(), 0.0);
}

TEST(ConllTest, ParsesBothLayouts) {
  // CoNLL-2003: four columns, IOB1, -DOCSTART-; DDT: tabs, white-space
  // lines between sentences, IOB2.
  Result<ConllCorpus> en = ParseConll(
      "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n"
      "German JJ I-NP I-MISC\n\n-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\n"
      "Blackburn NNP I-NP I-PER\n");
  ASSERT_TRUE(en.ok()) << en.status().ToString();
  ASSERT_EQ(en->sentences.size(), 2u);
  EXPECT_EQ(en->documents, 2u);
  EXPECT_EQ(en->tokens, 5u);
  EXPECT_EQ(en->sentences[0].tags, Tags("B-ORG O B-MISC"));
  EXPECT_EQ(en->sentences[1].tags, Tags("B-PER I-PER"));
  EXPECT_EQ(en->sentences[1].document, 1u);

  Result<ConllCorpus> da = ParseConll("På\tO\nfredag\tO\nSID\tB-ORG\n\t\nHej\tO\r\n");
  ASSERT_TRUE(da.ok());
  ASSERT_EQ(da->sentences.size(), 2u);
  EXPECT_EQ(da->documents, 1u);
  EXPECT_EQ(da->sentences[1].words[0], "Hej");
}

TEST(ConllTest, BadLinesAreCorruption) {
  Result<ConllCorpus> r = ParseConll("EU B-ORG\nrejects\n", "x.conll");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_NE(r.status().message().find("x.conll:2"), std::string::npos);
  EXPECT_FALSE(ParseConll("EU X-ORG\n").ok());
  EXPECT_EQ(ReadConllFile("/nonexistent/file.conll").status().code(),
            Status::Code::kNotFound);
  ASSERT_TRUE(ParseConll("").ok());
  EXPECT_EQ(ParseConll("")->sentences.size(), 0u);
}

}  // namespace
}  // namespace newsloom
