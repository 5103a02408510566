#include "ner/recognizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace newsloom {
namespace {

const NerModels& Models() {
  static const NerModels* models = [] {
    Result<std::unique_ptr<NerModels>> m =
        NerModels::LoadDir(std::string(NEWSLOOM_SOURCE_DIR) + "/models/ner");
    if (!m.ok()) {
      ADD_FAILURE() << m.status().ToString();
      return new NerModels();
    }
    return m->release();
  }();
  return *models;
}

// "Text|PER Text|LOC ..." for the mentions of `text`.
std::string Mentions(std::string_view text, std::string_view lang) {
  EntityRecognizer recognizer(Models());
  std::vector<EntityMention> found;
  recognizer.Find(text, lang, &found);
  std::string out;
  for (const EntityMention& m : found) {
    if (!out.empty()) out += " ";
    out += std::string(text.substr(m.start, m.end - m.start)) + "|" +
           std::string(EntityTypeName(m.type));
  }
  return out;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RecognizerTest, DumpSeeds) {
  std::filesystem::path seeds = std::filesystem::path(NEWSLOOM_SHARED_DIR) / "seeds";
  if (!std::filesystem::is_directory(seeds)) GTEST_SKIP() << "no ../shared/seeds";
  for (const auto& e : std::filesystem::directory_iterator(seeds)) {
    std::string name = e.path().filename().string();
    std::string lang = name.starts_with("002") ? "da" : "en";
    std::printf("== %s\n%s\n", name.c_str(), Mentions(ReadFile(e.path()), lang).c_str());
  }
}

}  // namespace
}  // namespace newsloom
