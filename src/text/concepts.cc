#include "text/concepts.h"

#include <unicode/locid.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/utf8.h"
#include "text/analyzer.h"

namespace newsloom {
namespace {

// dictd's index numbers: base64 digits, most significant first.
bool DecodeDictdNumber(std::string_view s, uint64_t* out) {
  uint64_t v = 0;
  if (s.empty() || s.size() > 10) return false;
  for (char c : s) {
    int d;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '+') d = 62;
    else if (c == '/') d = 63;
    else return false;
    v = v * 64 + d;
  }
  *out = v;
  return true;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

// A dictzip file is gzip: zlib reads it whole.
bool ReadGzip(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  int n;
  out->clear();
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, n);
  const bool ok = n == 0;
  gzclose(f);
  return ok;
}

// Removes "(...)", "[...]", "<...>" and "{...}" asides (one level).
std::string DropAsides(std::string_view s) {
  std::string out;
  char close = 0;
  for (char c : s) {
    if (close != 0) {
      if (c == close) close = 0;
      continue;
    }
    switch (c) {
      case '(': close = ')'; break;
      case '[': close = ']'; break;
      case '<': close = '>'; break;
      case '{': close = '}'; break;
      default: out += c;
    }
  }
  return out;
}

// The translations of an entry's body: its lines that start at the margin
// (indented lines are notes, "see:" and synonym references; "=" lines are
// definitions), without sense numbers ("2. "), split at commas and
// semicolons.
std::vector<std::string> Translations(std::string_view body) {
  std::vector<std::string> out;
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '=') {
      continue;
    }
    size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') {
      ++digits;
    }
    if (digits > 0 && digits < line.size() && line[digits] == '.') {
      line.remove_prefix(digits + 1);
    }
    const std::string clean = DropAsides(line);
    size_t start = 0;
    for (size_t i = 0; i <= clean.size(); ++i) {
      if (i == clean.size() || clean[i] == ',' || clean[i] == ';') {
        std::string_view piece = TrimAscii(std::string_view(clean).substr(start, i - start));
        if (!piece.empty()) out.emplace_back(piece);
        start = i + 1;
      }
    }
  }
  return out;
}

// The headword of an entry: its first line up to the pronunciation
// ("Amsterdam /amstɛʀdam/ <n>") or part of speech.
std::string_view Headword(std::string_view entry, std::string_view* body) {
  const size_t nl = entry.find('\n');
  std::string_view first = entry.substr(0, nl);
  *body = nl == std::string_view::npos ? std::string_view() : entry.substr(nl + 1);
  for (std::string_view mark : {" /", " <"}) {
    const size_t at = first.find(mark);
    if (at != std::string_view::npos) first = first.substr(0, at);
  }
  return TrimAscii(first);
}

void AddConcept(ConceptDictionary::Table* out, const std::string& key,
                const std::string& english) {
  std::vector<std::string>& v = *out->Insert(key).first;
  if (v.size() >= kMaxConceptsPerTerm) return;
  for (const std::string& c : v) {
    if (c == english) return;
  }
  v.push_back(english);
}

const std::vector<std::string>& NoConcepts() {
  static const std::vector<std::string> none;
  return none;
}

}  // namespace

ConceptDictionary::ConceptDictionary(std::string dir)
    : dir_(dir.empty() ? DefaultDir() : std::move(dir)),
      analyzer_(std::make_unique<Analyzer>()) {}

ConceptDictionary::~ConceptDictionary() = default;

std::string ConceptDictionary::DefaultDir() {
  const char* env = std::getenv("NEWSLOOM_DICT_DIR");
  return env != nullptr && *env != '\0' ? env : "/usr/share/dictd";
}

std::string ConceptDictionary::OneStem(std::string_view text,
                                       std::string_view lang) {
  AnalyzedText a;
  analyzer_->Analyze(text, lang, &a);
  std::string stem;
  for (const Token& t : a.tokens) {
    if (!IsContentWord(t)) continue;
    if (!stem.empty()) return "";  // more than one word
    stem = t.term;
  }
  return stem;
}

void ConceptDictionary::Parse(std::string_view index, std::string_view dict,
                              std::string_view lang, bool inverted,
                              Table* out) {
  FlatStringMap<std::string> piece_stems;
  while (!index.empty()) {
    const size_t nl = index.find('\n');
    std::string_view line = index.substr(0, nl);
    index = nl == std::string_view::npos ? std::string_view() : index.substr(nl + 1);
    // headword TAB offset TAB length
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) continue;
    if (line.starts_with("00database")) continue;  // the file's own metadata
    uint64_t offset, length;
    if (!DecodeDictdNumber(line.substr(t1 + 1, t2 - t1 - 1), &offset) ||
        !DecodeDictdNumber(TrimAscii(line.substr(t2 + 1)), &length) ||
        offset > dict.size() || length > dict.size() - offset) {
      continue;
    }
    std::string_view body;
    const std::string_view head = Headword(dict.substr(offset, length), &body);
    // A headword of several words never matches a token (and most of a
    // big dictionary's entries are phrases: skip them before analysing).
    if (head.find(' ') != std::string_view::npos) continue;
    if (!IsValidUtf8(head) || !IsValidUtf8(body)) continue;
    const std::string head_stem = OneStem(head, inverted ? "en" : lang);
    if (head_stem.empty()) continue;
    for (const std::string& piece : Translations(body)) {
      // The same translations recur ("weapon", "to go"): stemmed once.
      auto [memo, fresh] = piece_stems.Insert(piece);
      if (fresh) *memo = OneStem(piece, inverted ? lang : "en");
      const std::string& stem = *memo;
      if (stem.empty()) continue;
      if (inverted) {
        AddConcept(out, stem, head_stem);
      } else {
        AddConcept(out, head_stem, stem);
      }
    }
  }
}

ConceptDictionary::Table& ConceptDictionary::For(std::string_view lang) {
  if (last_table_ != nullptr && lang == last_lang_) return *last_table_;
  last_lang_.assign(lang);
  auto it = tables_.find(last_lang_);
  if (it != tables_.end()) return *(last_table_ = &it->second);
  Table& table = tables_[last_lang_];
  last_table_ = &table;
  if (lang.empty() || lang == "en" || lang == "und") return table;
  const std::string iso3 = icu::Locale(last_lang_.c_str()).getISO3Language();
  if (iso3.empty()) return table;
  for (bool inverted : {false, true}) {
    const std::string base = dir_ + "/freedict-" +
                             (inverted ? "eng-" + iso3 : iso3 + "-eng");
    std::string index, dict;
    if (!ReadFile(base + ".index", &index)) continue;
    if (!ReadGzip(base + ".dict.dz", &dict) && !ReadFile(base + ".dict", &dict)) {
      continue;
    }
    Parse(index, dict, lang, inverted, &table);
    if (table.size() > 0) break;
  }
  return table;
}

const std::vector<std::string>& ConceptDictionary::Concepts(
    std::string_view term, std::string_view lang) {
  const std::vector<std::string>* found = For(lang).Find(term);
  return found != nullptr ? *found : NoConcepts();
}

size_t ConceptDictionary::Size(std::string_view lang) {
  return For(lang).size();
}

}  // namespace newsloom
