#include "text/concepts.h"

#include <unicode/locid.h>
#include <zlib.h>

#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

// Cache files: the format's name and version, bumped when the layout or
// the meaning of a table changes in a way the stem sample cannot see.
constexpr std::string_view kCacheMagic = "newsloom-concepts\t1\n";
// Words sampled per parsed dictionary to check a cache file's stems.
constexpr size_t kCacheSamples = 64;

// Size and modification time of `path`, or "" when it does not exist.
std::string FileStamp(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return "";
  return std::to_string(st.st_size) + "\t" + std::to_string(st.st_mtim.tv_sec) +
         "." + std::to_string(st.st_mtim.tv_nsec);
}

bool HasSeparator(std::string_view s) {
  return s.find_first_of("\t\n") != std::string_view::npos;
}

// The next tab-separated field of `line` (consumed).
std::string_view NextField(std::string_view* line) {
  const size_t tab = line->find('\t');
  std::string_view field = line->substr(0, tab);
  *line = tab == std::string_view::npos ? std::string_view() : line->substr(tab + 1);
  return field;
}

// The next line of `text` without its newline (consumed); false at the end
// or on a last line without one (a cut file).
bool NextLine(std::string_view* text, std::string_view* line) {
  const size_t nl = text->find('\n');
  if (nl == std::string_view::npos) return false;
  *line = text->substr(0, nl);
  text->remove_prefix(nl + 1);
  return true;
}

const std::vector<std::string>& NoConcepts() {
  static const std::vector<std::string> none;
  return none;
}

}  // namespace

ConceptDictionary::ConceptDictionary(std::string dir, std::string cache_dir)
    : dir_(dir.empty() ? DefaultDir() : std::move(dir)),
      cache_dir_(cache_dir.empty() ? DefaultCacheDir() : std::move(cache_dir)),
      analyzer_(std::make_unique<Analyzer>()) {}

ConceptDictionary::~ConceptDictionary() = default;

std::string ConceptDictionary::DefaultDir() {
  const char* env = std::getenv("NEWSLOOM_DICT_DIR");
  return env != nullptr && *env != '\0' ? env : "/usr/share/dictd";
}

std::string ConceptDictionary::DefaultCacheDir() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
  };
  if (std::string d = env("NEWSLOOM_CACHE_DIR"); !d.empty()) return d;
  if (std::string d = env("XDG_CACHE_HOME"); !d.empty()) return d + "/newsloom";
  if (std::string d = env("HOME"); !d.empty()) return d + "/.cache/newsloom";
  return "none";
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
  samples_.clear();
  const size_t stride =
      std::max<size_t>(1, std::count(index.begin(), index.end(), '\n') / kCacheSamples);
  size_t heads = 0, pieces = 0;
  auto sample = [&](size_t* n, std::string_view text, std::string_view lang,
                    const std::string& stem) {
    if ((*n)++ % stride == 0 && !HasSeparator(text)) {
      samples_.push_back({std::string(lang), std::string(text), stem});
    }
  };
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
    const std::string_view head_lang = inverted ? "en" : lang;
    const std::string head_stem = OneStem(head, head_lang);
    sample(&heads, head, head_lang, head_stem);
    if (head_stem.empty()) continue;
    for (const std::string& piece : Translations(body)) {
      // The same translations recur ("weapon", "to go"): stemmed once.
      auto [memo, fresh] = piece_stems.Insert(piece);
      if (fresh) {
        const std::string_view piece_lang = inverted ? lang : "en";
        *memo = OneStem(piece, piece_lang);
        sample(&pieces, piece, piece_lang, *memo);
      }
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
  last_source_ = Source::kNone;
  const std::string iso3 = icu::Locale(last_lang_.c_str()).getISO3Language();
  if (iso3.empty() || iso3.find_first_not_of("abcdefghijklmnopqrstuvwxyz") !=
                          std::string::npos) {
    return table;
  }
  for (bool inverted : {false, true}) {
    const std::string name =
        "freedict-" + (inverted ? "eng-" + iso3 : iso3 + "-eng");
    const std::string base = dir_ + "/" + name;
    const std::string index_stamp = FileStamp(base + ".index");
    if (index_stamp.empty()) continue;
    // What the table is made of: the files (as found now), the language
    // and direction, and the concepts kept per word.
    const std::string key = "source\t" + dir_ + "\t" + name + "\t" +
                            index_stamp + "\t" + FileStamp(base + ".dict.dz") +
                            "\t" + FileStamp(base + ".dict") + "\t" +
                            last_lang_ + "\t" + std::to_string(kMaxConceptsPerTerm);
    std::string cache;
    if (cache_dir_ != "none" && !HasSeparator(dir_) && !HasSeparator(last_lang_)) {
      // One file per dictionary folder and language (the name holds
      // neither: a hash of both).
      const std::string where = dir_ + "\t" + last_lang_;
      char hash[17];
      std::snprintf(hash, sizeof hash, "%016llx",
                    static_cast<unsigned long long>(XXH3_64bits(where.data(), where.size())));
      cache = cache_dir_ + "/concepts-" + name + "-" + hash + ".tsv";
      if (ReadCache(cache, key, &table)) {
        last_source_ = Source::kCached;
        if (table.size() > 0) break;
        continue;
      }
    }
    std::string index, dict;
    if (!ReadFile(base + ".index", &index)) continue;
    if (!ReadGzip(base + ".dict.dz", &dict) && !ReadFile(base + ".dict", &dict)) {
      continue;
    }
    Parse(index, dict, lang, inverted, &table);
    last_source_ = Source::kParsed;
    if (!cache.empty()) WriteCache(cache, key, table);
    samples_.clear();
    if (table.size() > 0) break;
  }
  // The analyzer's word cache now holds every headword and translation,
  // most of them never to be seen in an article: start afresh.
  if (last_source_ == Source::kParsed) analyzer_ = std::make_unique<Analyzer>();
  return table;
}

bool ConceptDictionary::ReadCache(const std::string& path,
                                  const std::string& key, Table* out) {
  std::string file;
  return ReadFile(path, &file) && ParseCache(file, key, out);
}

bool ConceptDictionary::ParseCache(std::string_view text, std::string_view key,
                                   Table* out) {
  std::string_view line;
  if (!text.starts_with(kCacheMagic) || !IsValidUtf8(text)) return false;
  text.remove_prefix(kCacheMagic.size());
  if (!NextLine(&text, &line) || line != key) return false;
  // The sample: the stems must be what this build's analyzer gives.
  while (NextLine(&text, &line) && line.starts_with("check\t")) {
    line.remove_prefix(6);
    const std::string_view lang = NextField(&line);
    const std::string_view word = NextField(&line);
    const std::string_view stem = NextField(&line);
    if (!line.empty() || OneStem(word, lang) != stem) return false;
  }
  // "entries\tN", then N lines "stem\tconcept...".
  if (!line.starts_with("entries\t")) return false;
  const std::string_view count = line.substr(8);
  size_t n = 0;
  const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
  if (ec != std::errc() || end != count.data() + count.size()) return false;
  Table table;
  for (size_t i = 0; i < n; ++i) {
    if (!NextLine(&text, &line)) return false;
    const std::string_view stem = NextField(&line);
    auto [concepts, fresh] = table.Insert(stem);
    if (!fresh || stem.empty() || line.empty()) return false;
    while (!line.empty()) {
      const std::string_view english = NextField(&line);
      if (english.empty()) return false;
      concepts->emplace_back(english);
    }
  }
  if (!text.empty()) return false;
  *out = std::move(table);
  return true;
}

void ConceptDictionary::WriteCache(const std::string& path,
                                   const std::string& key,
                                   const Table& table) const {
  std::string out(kCacheMagic);
  out += key + "\n";
  for (const StemSample& s : samples_) {
    out += "check\t" + s.lang + "\t" + s.text + "\t" + s.stem + "\n";
  }
  out += "entries\t" + std::to_string(table.size()) + "\n";
  bool clean = true;
  table.ForEach([&](std::string_view stem, const std::vector<std::string>& concepts) {
    clean = clean && !HasSeparator(stem) && !concepts.empty();
    out += stem;
    for (const std::string& c : concepts) {
      clean = clean && !HasSeparator(c) && !c.empty();
      out += '\t';
      out += c;
    }
    out += '\n';
  });
  if (!clean) return;  // a word the format cannot hold: parse each time
  std::error_code ec;
  std::filesystem::create_directories(cache_dir_, ec);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << out;
    if (!f.flush()) {
      f.close();
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) std::filesystem::remove(tmp, ec);
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
