#include "ner/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace newsloom {
namespace {

constexpr char kHunspellDir[] = "/usr/share/hunspell";

// The region whose dictionary stands for a language when the folder has
// several (Debian's hunspell-en-* packages each bring one).
constexpr std::pair<const char*, const char*> kUsualRegion[] = {
    {"da", "DK"}, {"de", "DE"}, {"en", "US"}, {"es", "ES"}, {"fr", "FR"},
    {"it", "IT"}, {"nb", "NO"}, {"nl", "NL"}, {"pl", "PL"}, {"pt", "PT"},
    {"ru", "RU"}, {"sv", "SE"}, {"uk", "UA"},
};

// Shortest stem Describe() tries, and how many code points it may drop.
constexpr size_t kMinStemCodePoints = 3;
constexpr int kMaxStrippedCodePoints = 4;

}  // namespace

std::string Lexicon::FileFor(std::string_view lang, const std::string& dir) {
  namespace fs = std::filesystem;
  const std::string folder = dir.empty() ? kHunspellDir : dir;
  std::string l(lang);
  if (l.empty() || l.find('/') != std::string::npos) return "";
  std::error_code ec;
  std::string exact = folder + "/" + l + ".dic";
  if (fs::is_regular_file(exact, ec)) return exact;
  for (const auto& [code, region] : kUsualRegion) {
    if (l != code) continue;
    std::string usual = folder + "/" + l + "_" + region + ".dic";
    if (fs::is_regular_file(usual, ec)) return usual;
  }
  std::vector<std::string> found;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > l.size() + 5 && name.compare(0, l.size() + 1, l + "_") == 0 &&
        name.ends_with(".dic"))
      found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  return found.empty() ? "" : found.front();
}

std::string Lexicon::PathOf(std::string_view file_name) {
  if (file_name.empty() || file_name.find('/') != std::string_view::npos) return "";
  return std::string(kHunspellDir) + "/" + std::string(file_name);
}

Lexicon::Lexicon(const std::string& path) {
  std::ifstream in(path);
  if (!in) return;
  capacity_ = 1 << 16;
  slots_.assign(capacity_, Slot());
  std::string line;
  WordInfo info;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // the entry count
      first = false;
      continue;
    }
    // "stem/flags" then, in some dictionaries, morphology after a tab.
    size_t end = line.find_first_of("\t \r");
    std::string_view entry(line.data(), end == std::string::npos ? line.size() : end);
    size_t slash = entry.find('/');
    std::string_view word = entry.substr(0, slash);
    std::string_view flags =
        slash == std::string_view::npos ? std::string_view() : entry.substr(slash + 1);
    if (word.empty()) continue;
    DescribeWord(word, &info);
    if (!info.has_letter) continue;
    Entry e;
    const bool name = info.capitalized || info.all_upper;
    e.classes = name ? kName : kCommon;
    if (name && !flags.empty()) {
      uint32_t h = LowerHash(std::string("/") + std::string(flags));
      e.flags = h ? h : 1;
    }
    Insert(info.lower_hash ? info.lower_hash : 1, e);
  }
}

void Lexicon::Insert(uint32_t key, const Entry& entry) {
  if ((size_ + 1) * 4 > size_t(capacity_) * 3) Grow();
  const uint32_t mask = capacity_ - 1;
  for (uint32_t i = key & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.key == key) {
      s.entry.classes |= entry.classes;
      if (entry.flags && (entry.classes & kName)) s.entry.flags = entry.flags;
      return;
    }
    if (s.key == 0) {
      s.key = key;
      s.entry = entry;
      ++size_;
      return;
    }
  }
}

void Lexicon::Grow() {
  std::vector<Slot> old = std::move(slots_);
  capacity_ *= 2;
  slots_.assign(capacity_, Slot());
  size_ = 0;
  for (const Slot& s : old)
    if (s.key != 0) Insert(s.key, s.entry);
}

Lexicon::Match Lexicon::Describe(const WordInfo& word) const {
  Match m;
  if (size_ == 0 || !word.has_letter) return m;
  m.entry = Lookup(word.lower_hash);
  if (m.entry.classes) return m;
  // Code point ends of the lower-case form, to drop 1..4 final ones.
  std::string_view s = word.lower;
  size_t cut = s.size(), code_points = 0;
  for (unsigned char c : s) code_points += (c & 0xC0) != 0x80;
  for (int k = 1; k <= kMaxStrippedCodePoints; ++k) {
    if (code_points < kMinStemCodePoints + k) break;
    --cut;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    Entry e = Lookup(LowerHash(s.substr(0, cut)));
    if (e.classes) {
      m.entry = e;
      m.stem = true;
      return m;
    }
  }
  return m;
}

}  // namespace newsloom
