#include "text/concepts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace newsloom {
namespace {

std::string DictdNumber(uint64_t v) {
  static const char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[v % 64]);
    v /= 64;
  } while (v != 0);
  return out;
}

// A dictd dictionary (index and dict texts) of these entries, written for
// this test in the shape dictfmt gives FreeDict's TEI files.
std::pair<std::string, std::string> Dictd(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string index, dict = "00-database-info\nA test dictionary\n";
  index = "00databaseinfo\tA\t" + DictdNumber(dict.size()) + "\n";
  for (const auto& [head, entry] : entries) {
    index += head + "\t" + DictdNumber(dict.size()) + "\t" +
             DictdNumber(entry.size()) + "\n";
    dict += entry;
  }
  return {index, dict};
}

TEST(ConceptDictionaryTest, ParsesSourceToEnglish) {
  const auto [index, dict] = Dictd({
      {"våben", "våben /ˈvɔːbən/ <n>\nweapon, arms\n"},
      {"jordskælv", "jordskælv <n>\n1. earthquake\n2. (figurative) upheaval\n"},
      {"minister", "minister <n>\nminister\n   see: {ministerium}\n"},
      {"sort marked", "sort marked <n>\nblack market\n"},  // two words: out
      {"at gå", "at gå <v>\nto go; to walk\n"},  // a phrase: out
      {"gå", "gå <v>\nto go; to walk\n"},  // stop words don't count
      {"fly", "fly <n>\n= (om maskine) flyvemaskine\nplane, aircraft, airplane, jet\n"},
      {"bad", "bad\tZZZZZZZZ\tB\n"},  // offset beyond the file: skipped
  });
  ConceptDictionary d("/nonexistent");
  ConceptDictionary::Table table;
  d.Parse(index, dict, "da", /*inverted=*/false, &table);
  auto concepts = [&](const char* stem) {
    const std::vector<std::string>* v = table.Find(stem);
    return v ? *v : std::vector<std::string>{};
  };
  EXPECT_EQ(concepts("våb"), (std::vector<std::string>{"weapon", "arm"}));
  EXPECT_EQ(concepts("jordskælv"), (std::vector<std::string>{"earthquak", "upheav"}));
  EXPECT_EQ(concepts("minist"), (std::vector<std::string>{"minist"}));
  // At most kMaxConceptsPerTerm, first senses first; "=" definitions out.
  EXPECT_EQ(concepts("fly"), (std::vector<std::string>{"plane", "aircraft", "airplan"}));
  EXPECT_TRUE(concepts("sort").empty());
  EXPECT_TRUE(concepts("marked").empty());
  EXPECT_EQ(concepts("gå"), (std::vector<std::string>{"go", "walk"}));
}

TEST(ConceptDictionaryTest, ReadsEnglishToSourceBackwards) {
  const auto [index, dict] = Dictd({
      {"earthquake", "earthquake /ˈɜːθkweɪk/\nземлетрясение\n"},
      {"weapon", "weapon /ˈwepən/\n1. оружие\n2. средство\n"},
      {"black market", "black market\nчёрный рынок\n"},  // two words: out
  });
  ConceptDictionary d("/nonexistent");
  ConceptDictionary::Table table;
  d.Parse(index, dict, "ru", /*inverted=*/true, &table);
  ASSERT_NE(table.Find("землетрясен"), nullptr);
  EXPECT_EQ(*table.Find("землетрясен"), std::vector<std::string>{"earthquak"});
  ASSERT_NE(table.Find("оруж"), nullptr);
  EXPECT_EQ(*table.Find("оруж"), std::vector<std::string>{"weapon"});
  EXPECT_EQ(table.size(), 3u);  // and средство -> weapon
}

TEST(ConceptDictionaryTest, NoDictionaryMeansNoConcepts) {
  ConceptDictionary d("/nonexistent");
  EXPECT_TRUE(d.Concepts("våb", "da").empty());
  EXPECT_EQ(d.Size("da"), 0u);
  EXPECT_EQ(d.Size("en"), 0u);  // English words are their own concepts
  EXPECT_EQ(d.Size(""), 0u);
}

// The installed FreeDict package, when the set-up script has put it there.
TEST(ConceptDictionaryTest, InstalledDanishDictionary) {
  const std::string dir = ConceptDictionary::DefaultDir();
  if (!std::filesystem::exists(dir + "/freedict-dan-eng.index")) {
    GTEST_SKIP() << "dict-freedict-dan-eng is not installed in " << dir
                 << " (scripts/setup.sh installs it)";
  }
  ConceptDictionary d;
  EXPECT_GT(d.Size("da"), 3000u);
  const std::vector<std::string>& c = d.Concepts("våb", "da");
  EXPECT_NE(std::find(c.begin(), c.end(), "weapon"), c.end());
}

}  // namespace
}  // namespace newsloom
