#include "cluster/join_model.h"

#include <random>

#include "gtest/gtest.h"

namespace newsloom {
namespace {

TEST(JoinModelTest, TextRoundTrip) {
  JoinModel m;
  m.bias = -2.5;
  m.weights[kWordCos] = 3.25;
  m.weights[kLogGap] = -0.5;
  Result<JoinModel> back = JoinModel::FromText("# comment\n\n" + m.ToText());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_DOUBLE_EQ(back->bias, -2.5);
  EXPECT_DOUBLE_EQ(back->weights[kWordCos], 3.25);
  EXPECT_DOUBLE_EQ(back->weights[kLogGap], -0.5);
  EXPECT_DOUBLE_EQ(back->weights[kNameCos], 0);
  // Every double survives the text form exactly.
  m.bias = 0.1 + 0.2;
  m.weights[kTimeCos] = 1e-300;
  Result<JoinModel> exact = JoinModel::FromText(m.ToText());
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->bias, m.bias);
  EXPECT_EQ(exact->weights[kTimeCos], m.weights[kTimeCos]);
}

TEST(JoinModelTest, BadTextIsAnError) {
  EXPECT_FALSE(JoinModel::FromText("bias\n").ok());
  EXPECT_FALSE(JoinModel::FromText("bias 1\nbias 2\n").ok());
  EXPECT_FALSE(JoinModel::FromText("bias nan\n").ok());
  Result<JoinModel> newer = JoinModel::FromText("version 2\nbias 1\n");
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), Status::Code::kNotSupported);
  EXPECT_FALSE(JoinModel::FromText("bias 1 2\n").ok());
  Result<JoinModel> unknown = JoinModel::FromText("shoe_size 3\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("shoe_size"), std::string::npos);
}

TEST(JoinModelTest, ShippedModelParses) {
  // DefaultEventModel() falls back to all zeros on a broken file; a real
  // model always has a word weight.
  EXPECT_NE(DefaultEventModel().weights[kWordCos], 0);
}

// Labels drawn from a known logistic model are fitted back closely.
TEST(JoinModelTest, FitRecoversAKnownModel) {
  JoinModel truth;
  truth.bias = -1;
  truth.weights[kWordCos] = 4;
  truth.weights[kNameCos] = -2;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Example> examples;
  for (int i = 0; i < 20000; ++i) {
    Example e;
    e.features.x[kWordCos] = u(rng);
    e.features.x[kNameCos] = u(rng);
    e.features.x[kTimeCos] = u(rng);  // irrelevant
    const double p = 1 / (1 + std::exp(-truth.Score(e.features)));
    e.positive = u(rng) < p;
    examples.push_back(e);
  }
  FitOptions o;
  o.l2 = 0;
  Result<JoinModel> fit = FitLogistic(examples, o);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_NEAR(fit->bias, -1, 0.2);
  EXPECT_NEAR(fit->weights[kWordCos], 4, 0.3);
  EXPECT_NEAR(fit->weights[kNameCos], -2, 0.3);
  EXPECT_NEAR(fit->weights[kTimeCos], 0, 0.3);
  EXPECT_LE(LogLoss(*fit, examples), LogLoss(truth, examples) + 1e-3);
}

TEST(JoinModelTest, FitNeedsBothClasses) {
  std::vector<Example> examples(3);
  EXPECT_FALSE(FitLogistic(examples).ok());
  EXPECT_FALSE(FitLogistic({}).ok());
}

}  // namespace
}  // namespace newsloom
