#include "ner/model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "ner/trainer.h"

namespace newsloom {
namespace {

// A tiny corpus the perceptron can learn in a few epochs.
const char kTiny[] =
    "-DOCSTART- O\n\n"
    "Peter B-PER\nBlackburn I-PER\nvisited O\nLondon B-LOC\n. O\n\n"
    "The O\nBBC B-ORG\nsaid O\nMary B-PER\nSmith I-PER\nleft O\nParis B-LOC\n. O\n\n"
    "-DOCSTART- O\n\n"
    "John B-PER\nJones I-PER\njoined O\nReuters B-ORG\nin O\nBerlin B-LOC\n. O\n\n"
    "He O\nsaid O\nGerman B-MISC\nfirms O\nlike O\nSiemens B-ORG\ngrew O\n. O\n";

std::unique_ptr<NerModel> TinyModel() {
  static const ConllCorpus corpus = *ParseConll(kTiny);
  TrainOptions options;
  options.epochs = 8;
  options.use_gazetteer = false;
  return TrainNerModel({{&corpus, 1, "en"}}, "en", options);
}

std::vector<std::string> TagWords(const NerModel& model, std::vector<std::string_view> words) {
  SequenceTagger tagger(model);
  std::vector<int> labels;
  tagger.Tag(words, &labels);
  std::vector<std::string> out;
  for (int l : labels) out.push_back(LabelName(l));
  return out;
}

TEST(ModelTest, TinyModelLearnsItsTrainingSentences) {
  std::unique_ptr<NerModel> model = TinyModel();
  EXPECT_EQ(TagWords(*model, {"John", "Jones", "joined", "Reuters", "in", "Berlin", "."}),
            (std::vector<std::string>{"B-PER", "I-PER", "O", "B-ORG", "O", "B-LOC", "O"}));
}

TEST(ModelTest, TrainingIsDeterministic) {
  EXPECT_EQ(TinyModel()->Serialize(), TinyModel()->Serialize());
}

TEST(ModelTest, SerializeRoundTrip) {
  std::unique_ptr<NerModel> model = TinyModel();
  std::string bytes = model->Serialize();
  Result<std::unique_ptr<NerModel>> back = NerModel::Parse(bytes, "tiny");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->Weights(), model->Weights());
  EXPECT_EQ((*back)->lang(), "en");
  EXPECT_EQ((*back)->Serialize(), bytes);
}

// The open-addressing table against the plain map it was built from (the
// slow oracle): every stored feature scores its row, unknown ones nothing.
TEST(ModelTest, AccumulateMatchesWeightMap) {
  std::unique_ptr<NerModel> model = TinyModel();
  std::map<uint32_t, std::array<int16_t, kLabels>> weights = model->Weights();
  ASSERT_FALSE(weights.empty());
  for (const auto& [hash, row] : weights) {
    int32_t scores[kLabels] = {};
    model->Accumulate(hash, scores);
    for (int l = 0; l < kLabels; ++l) ASSERT_EQ(scores[l], row[l]);
  }
  std::mt19937 rng(7);
  for (int i = 0; i < 10000; ++i) {
    uint32_t h = rng() | 1;
    if (weights.count(h)) continue;
    int32_t scores[kLabels] = {};
    model->Accumulate(h, scores);
    for (int l = 0; l < kLabels; ++l) ASSERT_EQ(scores[l], 0);
  }
}

// Every truncation and many single-byte corruptions of a model file give a
// Status (or, rarely, a model that still parses), never a crash.
TEST(ModelTest, CorruptFilesGiveStatus) {
  std::string bytes = TinyModel()->Serialize();
  for (size_t n = 0; n < bytes.size(); n += (n < 64 ? 1 : 97)) {
    Result<std::unique_ptr<NerModel>> r = NerModel::Parse(bytes.substr(0, n), "cut");
    EXPECT_FALSE(r.ok()) << n;
  }
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) {
    std::string bad = bytes;
    bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    Result<std::unique_ptr<NerModel>> r = NerModel::Parse(bad, "flipped");
    if (!r.ok()) {
      EXPECT_NE(r.status().message(), "");
    }
  }
  Result<std::unique_ptr<NerModel>> garbage = NerModel::Parse("hello world", "g");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), Status::Code::kCorruption);
  std::string newer = bytes;
  newer[6] = 99;
  EXPECT_EQ(NerModel::Parse(newer, "newer").status().code(), Status::Code::kNotSupported);
  EXPECT_EQ(NerModel::Load("/nonexistent/x.nermodel").status().code(),
            Status::Code::kNotFound);
  EXPECT_EQ(LoadNerModel("../etc", "/tmp").status().code(), Status::Code::kNotFound);
}

// The shipped models (scripts/train_ner.sh) are in the tree and load.
TEST(ModelTest, ShippedModelsLoad) {
  std::string dir = std::string(NEWSLOOM_SOURCE_DIR) + "/models/ner";
  for (const char* lang : {"en", "da", "es", "nl"}) {
    Result<std::unique_ptr<NerModel>> m = LoadNerModel(lang, dir);
    ASSERT_TRUE(m.ok()) << "models/ner/" << lang << ".nermodel is missing or "
                        << "corrupt (" << m.status().ToString()
                        << "); regenerate it with scripts/train_ner.sh";
    EXPECT_EQ((*m)->lang(), lang);
    EXPECT_GT((*m)->features(), 10000u) << lang;
  }
}

// DescribeWord's ASCII fast path against ICU's full lower-casing (the
// slow oracle), on random ASCII and on a few non-ASCII words.
TEST(FeaturesTest, DescribeWordMatchesIcuLowerCase) {
  auto oracle = [](std::string_view w) {
    std::string lower;
    icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), int32_t(w.size())))
        .toLower(icu::Locale::getRoot())
        .toUTF8String(lower);
    for (char& c : lower)
      if (c >= '0' && c <= '9') c = '0';
    return lower;
  };
  std::mt19937 rng(3);
  WordInfo info;
  for (int i = 0; i < 2000; ++i) {
    std::string w;
    for (size_t k = 1 + rng() % 12; k > 0; --k) w.push_back(static_cast<char>(33 + rng() % 94));
    DescribeWord(w, &info);
    ASSERT_EQ(info.lower, oracle(w)) << w;
  }
  for (std::string_view w : {"Ærø", "Навальный", "ÉTAT", "Zelenskyj", "Øst-Jylland"}) {
    DescribeWord(w, &info);
    EXPECT_EQ(info.lower, oracle(w)) << w;
    EXPECT_TRUE(info.capitalized) << w;
  }
  DescribeWord("McDonald's", &info);
  EXPECT_EQ(info.shape, "XxXxxxxx'x");
  DescribeWord("\xff\xfe", &info);  // ill-formed: no crash, no letters
  EXPECT_FALSE(info.has_letter);
}

}  // namespace
}  // namespace newsloom
