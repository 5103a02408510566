// SentenceBreaks against its slow oracle, ICU's filtered sentence iterator
// (STYLE.md §5): golden strings, random strings over the characters the
// rules care about, every language of the registry, and the dev corpora.
#include "text/sentence_breaks.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <map>
#include <string>
#include <vector>

#include "base/build.h"
#include "base/utf8.h"

namespace newsloom {
namespace {

// The oracle: what the Analyzer used before, ICU's iterator for the locale
// with its suppressions.
class IcuBreaks {
 public:
  explicit IcuBreaks(const std::string& locale) {
    UErrorCode status = U_ZERO_ERROR;
    it_.reset(icu::BreakIterator::createSentenceInstance(
        icu::Locale(locale.c_str(), nullptr, nullptr, "ss=standard"), status));
    EXPECT_TRUE(U_SUCCESS(status)) << locale;
  }
  ~IcuBreaks() { utext_close(utext_); }

  std::vector<uint32_t> operator()(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    utext_ = utext_openUTF8(utext_, text.data(),
                            static_cast<int64_t>(text.size()), &status);
    it_->setText(utext_, status);
    std::vector<uint32_t> out;
    it_->first();
    for (int32_t pos = it_->next(); pos != icu::BreakIterator::DONE;
         pos = it_->next()) {
      out.push_back(static_cast<uint32_t>(pos));
    }
    return out;
  }

 private:
  std::unique_ptr<icu::BreakIterator> it_;
  UText* utext_ = nullptr;
};

// "piece|piece|..." for readable failures.
std::string Pieces(std::string_view text, const std::vector<uint32_t>& breaks) {
  std::string s;
  uint32_t prev = 0;
  for (uint32_t b : breaks) {
    if (!s.empty()) s += '|';
    s += text.substr(prev, b - prev);
    prev = b;
  }
  return s;
}

class Checker {
 public:
  explicit Checker(std::string locale)
      : locale_(std::move(locale)),
        fast_(SentenceBreaks::ForLocale(locale_)),
        icu_(locale_) {}
  bool has_fast_path() const { return fast_ != nullptr; }

  // Expects the same breaks from both; returns false on a difference.
  bool Check(std::string_view text) {
    if (fast_ == nullptr) return true;
    std::vector<uint32_t> fast;
    fast_->Find(text, &fast);
    const std::vector<uint32_t> icu = icu_(text);
    EXPECT_EQ(Pieces(text, fast), Pieces(text, icu)) << "locale " << locale_;
    return fast == icu;
  }

 private:
  std::string locale_;
  std::unique_ptr<SentenceBreaks> fast_;
  IcuBreaks icu_;
};

TEST(SentenceBreaksTest, GoldenEnglish) {
  auto en = SentenceBreaks::ForLocale("en");
  ASSERT_NE(en, nullptr);
  EXPECT_GT(en->suppression_count(), 50u);
  struct Case {
    const char* text;
    const char* pieces;
  } cases[] = {
      {"", ""},
      {"One. Two.", "One. |Two."},
      {"Mr. Macron spoke. Then he left.", "Mr. Macron spoke. |Then he left."},
      {"It cost 3.5 billion. Yes!", "It cost 3.5 billion. |Yes!"},
      {"etc. and so on", "etc. and so on"},
      {"He said \"No.\" Then left.", "He said \"No.\" |Then left."},
      {"Headline\nBody text.", "Headline\n|Body text."},
      {"Why? Because.", "Why? |Because."},
      {"a.\r\nb", "a.\r\n|b"},
      {"Hello, world; done: yes. - dash", "Hello, world; done: yes. - dash"},
  };
  for (const Case& c : cases) {
    std::vector<uint32_t> breaks;
    en->Find(c.text, &breaks);
    EXPECT_EQ(Pieces(c.text, breaks), c.pieces) << c.text;
    Checker("en").Check(c.text);
  }
}

TEST(SentenceBreaksTest, TailoredRulesAreLeftToIcu) {
  // Greek has its own sentence rules (";" ends a question).
  EXPECT_EQ(SentenceBreaks::ForLocale("el"), nullptr);
  EXPECT_NE(SentenceBreaks::ForLocale("da"), nullptr);
  EXPECT_NE(SentenceBreaks::ForLocale("root"), nullptr);
}

// Random strings over pieces that exercise every rule and suppression path.
TEST(SentenceBreaksTest, RandomStringsMatchIcu) {
  const std::vector<std::string> pieces = {
      "a", "b", "B", "Z", ".", ".", "!", "?", " ", " ", "  ", "\n", "\r", "\r\n",
      "\"", "(", ")", "'", ",", ";", ":", "-", "3", "12", "\xC3\xA9",
      "\xC3\x89", "\xCC\x81" /* combining acute: Extend */,
      "\xC2\xA0" /* NBSP: Sp */, "\xE2\x80\x99", "\xE2\x80\x9D", "\xE2\x80\x94",
      "\xE2\x80\xA8" /* LS: Sep */, "\xC2\x85" /* NEL */, "\xE3\x80\x82" /* 。 */,
      "\xD7\x90" /* alef: OLetter */, "\xE2\x80\x8B", "\xC2\xAD" /* Format */,
      "Mr", "Mrs", "Dr", "U", "S", "Ph", "D", "No", "Jan", "U.S.", "Ph.D.",
      "e.g.", "i.e.", "St", "Inc", "Corp", "vs", "Gen", "Sen", "Rep",
      "\xF0\x9F\x98\x80" /* emoji */, "\t"};
  for (const std::string locale : {"en", "de", "fr", "es", "it", "pt", "ru", "da"}) {
    Checker check(locale);
    if (!check.has_fast_path()) continue;
    std::mt19937 rng(42);
    for (int n = 0; n < 3000; ++n) {
      std::string text;
      const int length = 1 + static_cast<int>(rng() % 24);
      for (int k = 0; k < length; ++k) text += pieces[rng() % pieces.size()];
      if (!check.Check(text)) return;
    }
  }
}

TEST(SentenceBreaksTest, EveryRegistryLanguageMatchesIcu) {
  const std::string sample =
      "Dr. Smith met Mr. Jones on Jan. 5. They talked (briefly). \"Why?\" he "
      "asked. U.S. forces left; the Ph.D. student stayed. Prof. Dr. Weber "
      "sagte: \"Nein.\" z.B. ca. 3.5 Mio. Euro. M. Dupont et Mme. Durand. "
      "Sr. García dijo. Г-н Иванов сказал. Он ушёл.\nNew line. — Intet bør "
      "udelukkes, siger hr. Macron. 「東京」。次の文。 Ende.";
  // Every language ICU has locale data for.
  std::set<std::string> languages;
  int32_t count = 0;
  const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
  for (int32_t i = 0; i < count; ++i) languages.insert(locales[i].getLanguage());
  int with_fast_path = 0;
  for (const std::string& language : languages) {
    Checker check(language);
    if (!check.has_fast_path()) continue;
    ++with_fast_path;
    check.Check(sample);
  }
  EXPECT_GT(with_fast_path, 100);
  std::cout << with_fast_path << " of " << languages.size()
            << " languages have the fast path\n";
}

TEST(SentenceBreaksTest, DevCorporaMatchIcu) {
  const std::filesystem::path dir =
      std::filesystem::path(NEWSLOOM_SHARED_DIR) / "data" / "clustering";
  int checked = 0;
  for (const char* name : {"gva-dev.jsonl", "itn-dev.jsonl", "ecbplus-dev.jsonl"}) {
    std::ifstream in(dir / name);
    if (!in) continue;
    std::map<std::string, std::unique_ptr<Checker>> checkers;
    std::string line;
    for (int n = 0; std::getline(in, line); ++n) {
      if (n % SweepStride() != 0) continue;
      const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      std::string lang = j.value("lang", "");
      if (lang.size() < 2 || lang.size() > 3) lang = "en";
      auto& checker = checkers[lang];
      if (checker == nullptr) checker = std::make_unique<Checker>(lang);
      for (const char* key : {"title", "text"}) {
        if (!j.contains(key) || !j[key].is_string()) continue;
        const std::string text = j[key].get<std::string>();
        if (!IsValidUtf8(text)) continue;
        if (!checker->Check(text)) return;
        ++checked;
      }
    }
  }
  if (checked == 0) GTEST_SKIP() << "no dev corpora under " << dir;
  std::cout << "compared " << checked << " titles and texts\n";
}

}  // namespace
}  // namespace newsloom
