#include "ner/lexicon.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iterator>

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

namespace {

// What the lexicon needs of a dictionary word: DescribeWord's lower-case
// hash and whether it is written as a name, without the shapes and hashes
// DescribeWord also makes (loading the Danish list took twice as long).
// LexiconTest checks the two agree.
struct Spelling {
  uint32_t lower_hash = 0;
  bool name = false;
  bool has_letter = false;
};

Spelling Spell(std::string_view word, std::string* lower) {
  Spelling out;
  lower->clear();
  bool any_lower = false;
  const int32_t n = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < n;) {
    const bool first = i == 0;
    const unsigned char b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {  // the common case
      char c = static_cast<char>(b);
      if (c >= 'A' && c <= 'Z') {
        out.has_letter = true;
        out.name |= first;
        c = static_cast<char>(c - 'A' + 'a');
      } else if (c >= 'a' && c <= 'z') {
        out.has_letter = any_lower = true;
      } else if (c >= '0' && c <= '9') {
        c = '0';
      }
      lower->push_back(c);
      ++i;
      continue;
    }
    // As DescribeWord (features.cc) reads a code point.
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, n, c);
    if (c < 0) c = 0xFFFD;
    if (u_isdigit(c)) {
      c = '0';
    } else if (u_isupper(c) || u_istitle(c)) {
      out.has_letter = true;
      out.name |= first;
      c = u_tolower(c);
    } else if (u_isalpha(c)) {
      out.has_letter = any_lower = true;
    }
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
    (void)error;  // 4 bytes always hold one code point
    lower->append(buf, len);
  }
  out.name |= out.has_letter && !any_lower;  // all capitals
  out.lower_hash = LowerHash(*lower);
  return out;
}

}  // namespace

Lexicon::Lexicon(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string_view rest(text);
  // The first line is the entry count: room for it at the load factor.
  size_t count = std::strtoul(std::string(rest.substr(0, rest.find('\n'))).c_str(), nullptr, 10);
  capacity_ = 1 << 12;
  while (capacity_ * 3 < 4 * std::min<size_t>(count, 1 << 22)) capacity_ *= 2;
  slots_.assign(capacity_, Slot());
  std::string lower;
  bool first = true;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (first) {  // the entry count
      first = false;
      continue;
    }
    // "stem/flags" then, in some dictionaries, morphology after a tab.
    std::string_view entry = line.substr(0, line.find_first_of("\t \r"));
    size_t slash = entry.find('/');
    std::string_view word = entry.substr(0, slash);
    std::string_view flags =
        slash == std::string_view::npos ? std::string_view() : entry.substr(slash + 1);
    if (word.empty()) continue;
    Spelling spelling = Spell(word, &lower);
    if (!spelling.has_letter) continue;
    Entry e;
    e.classes = spelling.name ? kName : kCommon;
    if (spelling.name && !flags.empty()) {
      uint32_t h = LowerHash(std::string("/") + std::string(flags));
      e.flags = h ? h : 1;
    }
    Insert(spelling.lower_hash ? spelling.lower_hash : 1, e);
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
  // The word less 1..4 final code points, longest first; their slots are
  // fetched together before any is read.
  std::string_view s = word.lower;
  size_t code_points = 0;
  for (unsigned char c : s) code_points += (c & 0xC0) != 0x80;
  uint32_t stems[kMaxStrippedCodePoints];
  int count = 0;
  size_t cut = s.size();
  for (int k = 1; k <= kMaxStrippedCodePoints; ++k) {
    if (code_points < kMinStemCodePoints + k) break;
    --cut;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    stems[count] = LowerHash(s.substr(0, cut));
    Prefetch(stems[count++]);
  }
  for (int k = 0; k < count; ++k) {
    Entry e = Lookup(stems[k]);
    if (e.classes) {
      m.entry = e;
      m.stem = true;
      return m;
    }
  }
  return m;
}

}  // namespace newsloom
