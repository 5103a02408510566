#include "text/language.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace newsloom {
namespace {

struct Row {
  const char* expected;
  const char* text;
};

TEST(LanguageDetectorTest, ShortTexts) {
  const Row rows[] = {
      {"en", "The president said on Monday that the government would send "
             "more weapons to Ukraine."},
      {"da", "Præsidenten sagde mandag, at regeringen vil sende flere våben "
             "til Ukraine."},
      {"de", "Der Präsident sagte am Montag, die Regierung werde mehr Waffen "
             "in die Ukraine schicken."},
      {"fr", "Le président a déclaré lundi que le gouvernement enverrait "
             "davantage d'armes à l'Ukraine."},
      {"es", "El presidente dijo el lunes que el gobierno enviará más armas "
             "a Ucrania."},
      {"ru", "Президент заявил в понедельник, что правительство отправит "
             "больше оружия на Украину."},
      {"el", "Ο πρόεδρος δήλωσε τη Δευτέρα ότι η κυβέρνηση θα στείλει "
             "περισσότερα όπλα στην Ουκρανία."},
      {"ar", "قال الرئيس يوم الاثنين إن الحكومة سترسل المزيد من الأسلحة إلى "
             "أوكرانيا."},
      {"zh", "总统周一表示，政府将向乌克兰运送更多武器。"},
      {"ja", "大統領は月曜日、政府がウクライナにさらに多くの武器を送ると述べた。"},
      {"no", "Presidenten sa mandag at regjeringen vil sende flere våpen til "
             "Ukraina, og at det haster."},
  };
  LanguageDetector detector;
  for (const Row& row : rows) {
    const LanguageGuess g = detector.Detect("", row.text);
    EXPECT_EQ(g.code, row.expected) << row.text;
    EXPECT_GT(g.confidence, 0.5) << row.text;
    EXPECT_LE(g.confidence, 1.0) << row.text;
  }
}

TEST(LanguageDetectorTest, Undetectable) {
  LanguageDetector detector;
  for (const char* text : {"", "   ", "!!! ??? ...", "12345 678", "\xFF\xFE"}) {
    const LanguageGuess g = detector.Detect("", text);
    EXPECT_EQ(g.code, "und") << text;
    EXPECT_EQ(g.confidence, 0.0) << text;
    EXPECT_FALSE(g.reliable) << text;
  }
  EXPECT_EQ(detector.Detect("", "").code, "und");
}

TEST(LanguageDetectorTest, TitleCountsAndProbeIsBounded) {
  LanguageDetector tiny(LanguageDetectorOptions{.max_probe_bytes = 120});
  const std::string danish =
      "Regeringen vil sende flere våben til Ukraine, siger statsministeren "
      "på et pressemøde i København mandag aften.";
  std::string english;
  while (english.size() < 100'000) {
    english += "The government will send more weapons to Ukraine. ";
  }
  // Only the title fits in the probe.
  EXPECT_EQ(tiny.Detect(danish, english).code, "da");
  EXPECT_EQ(LanguageDetector().Detect("", english).code, "en");
  // Cut inside a multi-byte character: still fine.
  LanguageDetector odd(LanguageDetectorOptions{.max_probe_bytes = 31});
  EXPECT_NO_FATAL_FAILURE(odd.Detect("", "ææææææææææææææææææææææææææææææææ"));
}

TEST(LanguageDetectorTest, HugeAndInvalidInput) {
  std::string huge(10'000'000, 'a');
  LanguageDetector whole(LanguageDetectorOptions{.max_probe_bytes = 0});
  EXPECT_NO_FATAL_FAILURE(whole.Detect("", huge));
  const std::string text =
      "The government will send more weapons to Ukraine, the minister said "
      "on Monday. \xFF\xFE garbage";
  EXPECT_EQ(LanguageDetector().Detect("", text).code, "en");
}

TEST(LanguageDetectorTest, NormalizeCld2Code) {
  const std::map<std::string, std::string> cases = {
      {"en", "en"}, {"zh-Hant", "zh"}, {"zh", "zh"}, {"nb", "no"},
      {"no", "no"}, {"iw", "he"},      {"un", "und"}, {"xx-Qaai", "und"},
      {"", "und"},  {"haw", "haw"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(NormalizeCld2Code(in), out) << in;
}

TEST(LanguageDetectorTest, SeedArticles) {
  const std::filesystem::path dir =
      std::filesystem::path(NEWSLOOM_SHARED_DIR) / "seeds";
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "no seed articles at " << dir;
  }
  const std::map<std::string, std::string> expected = {
      {"000_035b612a2a5e30db.txt", "en"}, {"001_c732af879bfc5e59.txt", "en"},
      {"002_fc91e1942ad873b2.txt", "da"}, {"003_a80116c7a5882e51.txt", "en"},
      {"004_da2a8c51675950d8.txt", "en"},
  };
  LanguageDetector detector;
  for (const auto& [file, lang] : expected) {
    std::ifstream in(dir / file, std::ios::binary);
    ASSERT_TRUE(in) << file;
    std::stringstream text;
    text << in.rdbuf();
    const LanguageGuess g = detector.Detect("", text.str());
    EXPECT_EQ(g.code, lang) << file;
    EXPECT_TRUE(g.reliable) << file;
  }
}

}  // namespace
}  // namespace newsloom
