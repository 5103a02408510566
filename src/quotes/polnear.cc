// PolNeAR reading and scoring (polnear.h).
#include "quotes/polnear.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace newsloom {
namespace {

namespace fs = std::filesystem;

// Byte offset of every code point index of `text` (one past the end too).
std::vector<uint32_t> CodePointOffsets(std::string_view text) {
  std::vector<uint32_t> offsets;
  offsets.reserve(text.size() + 1);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    offsets.push_back(static_cast<uint32_t>(i));
    UChar32 c;
    U8_NEXT(s, i, n, c);
  }
  offsets.push_back(static_cast<uint32_t>(n));
  return offsets;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    out.push_back(s.substr(i, j == std::string_view::npos ? j : j - i));
    if (j == std::string_view::npos) return out;
    i = j + 1;
  }
}

bool ParseU32(std::string_view s, uint32_t* v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool Overlaps(ByteSpan a, ByteSpan b) {
  return !a.empty() && !b.empty() && a.start < b.end && b.start < a.end;
}

bool AnyOverlap(ByteSpan a, const std::vector<ByteSpan>& bs) {
  for (ByteSpan b : bs)
    if (Overlaps(a, b)) return true;
  return false;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Code points of the quotation marks of the direct rule.
bool IsOpenMark(UChar32 c) {
  switch (c) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB: case 0x2018: case 0x201A: case 0x2039:
    case 0x203A: case 0x300C: case 0x300E:
      return true;
    default:
      return false;
  }
}
bool IsCloseMark(UChar32 c) {
  switch (c) {
    case '"': case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
    case 0x2018: case 0x2019: case 0x2039: case 0x203A: case 0x300D:
    case 0x300F:
      return true;
    default:
      return false;
  }
}
bool IsFinalPunct(UChar32 c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
         c == '?' || c == 0x2026;
}
bool IsSpace(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

// Whether the character after the one starting at byte `at` is white
// space (or the text ends): then a mark there does not open a quote.
bool SpaceAfter(std::string_view text, int32_t at) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size());
  UChar32 c;
  U8_NEXT(s, at, n, c);
  if (at >= n) return true;
  U8_NEXT(s, at, n, c);
  return IsSpace(c);
}

// Whether the character before byte `at` is white space (or the text
// starts there): then a mark at `at` does not close a quote.
bool SpaceBefore(std::string_view text, int32_t at) {
  if (at <= 0) return true;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  UChar32 c;
  U8_PREV(s, 0, at, c);
  return IsSpace(c);
}

}  // namespace

static bool IsDirectContentNoPairs(std::string_view text,
                            const std::vector<ByteSpan>& content);

bool IsDirectContent(std::string_view text, const std::vector<ByteSpan>& content) {
  if (content.empty()) return false;
  // Two apostrophes ('') are a double mark: read them as one '"'.
  if (text.find("''") != std::string_view::npos) {
    std::string copy(text);
    for (size_t i = 0; i + 1 < copy.size(); ++i) {
      if (copy[i] == '\'' && copy[i + 1] == '\'') {
        // Keep offsets: the pair becomes a space and a '"' on the side
        // that touches the words.
        bool opening = i + 2 < copy.size() && copy[i + 2] != ' ';
        copy[i] = opening ? ' ' : '"';
        copy[i + 1] = opening ? '"' : ' ';
        ++i;
      }
    }
    return IsDirectContentNoPairs(copy, content);
  }
  return IsDirectContentNoPairs(text, content);
}

static bool IsDirectContentNoPairs(std::string_view text,
                            const std::vector<ByteSpan>& content) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  ByteSpan first = content.front(), last = content.back();
  for (ByteSpan c : content) {
    if (c.start < first.start) first = c;
    if (c.end > last.end) last = c;
  }
  // Opening side: inside the span, then up to 2 characters before it.
  bool open = false;
  {
    int32_t i = first.start;
    UChar32 c = 0;
    while (i < static_cast<int32_t>(first.end)) {
      int32_t j = i;
      U8_NEXT(s, j, n, c);
      if (!IsSpace(c)) break;
      i = j;
    }
    if (i < static_cast<int32_t>(first.end) && IsOpenMark(c) &&
        !SpaceAfter(text, i))
      open = true;
    int32_t k = first.start;
    for (int steps = 0; !open && steps < 2 && k > 0; ++steps) {
      U8_PREV(s, 0, k, c);
      if (IsOpenMark(c)) {
        open = !SpaceAfter(text, k);
        break;
      }
      if (!IsSpace(c)) break;
    }
  }
  if (!open) return false;
  // Closing side: inside the span, then up to 3 characters after it.
  int32_t k = last.end;
  UChar32 c = 0;
  while (k > static_cast<int32_t>(last.start)) {
    int32_t j = k;
    U8_PREV(s, 0, j, c);
    if (IsCloseMark(c)) return !SpaceBefore(text, j);
    if (!IsSpace(c) && !IsFinalPunct(c)) break;
    k = j;
  }
  int32_t i = last.end;
  for (int steps = 0; steps < 3 && i < n; ++steps) {
    int32_t at = i;
    U8_NEXT(s, i, n, c);
    if (IsCloseMark(c)) return !SpaceBefore(text, at);
    if (!IsSpace(c) && !IsFinalPunct(c)) break;
  }
  return false;
}

std::vector<GoldAttribution> ParseBratAttributions(std::string_view text,
                                                   std::string_view ann,
                                                   size_t* skipped) {
  std::vector<uint32_t> cp = CodePointOffsets(text);
  std::map<std::string, std::vector<ByteSpan>, std::less<>> spans;
  size_t bad = 0;
  std::vector<std::string_view> events;
  for (std::string_view line : Split(ann, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string_view> cols = Split(line, '\t');
    if (line[0] == 'E' && cols.size() >= 2) {
      events.push_back(cols[1]);
      continue;
    }
    if (line[0] != 'T' || cols.size() < 2) {
      if (line[0] == 'T' || line[0] == 'E') ++bad;
      continue;  // continuation lines of multi-line span texts, notes
    }
    size_t sp = cols[1].find(' ');
    if (sp == std::string_view::npos) {
      ++bad;
      continue;
    }
    std::vector<ByteSpan> frags;
    bool ok = true;
    for (std::string_view frag : Split(cols[1].substr(sp + 1), ';')) {
      std::vector<std::string_view> ab = Split(frag, ' ');
      uint32_t a, b;
      if (ab.size() != 2 || !ParseU32(ab[0], &a) || !ParseU32(ab[1], &b) ||
          a > b || b >= cp.size()) {
        ok = false;
        break;
      }
      frags.push_back({cp[a], cp[b]});
    }
    if (!ok) {
      ++bad;
      continue;
    }
    std::sort(frags.begin(), frags.end(),
              [](ByteSpan x, ByteSpan y) { return x.start < y.start; });
    spans[std::string(cols[0])] = std::move(frags);
  }
  std::vector<GoldAttribution> out;
  for (std::string_view e : events) {
    GoldAttribution g;
    for (std::string_view arg : Split(e, ' ')) {
      size_t colon = arg.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view role = arg.substr(0, colon);
      auto it = spans.find(arg.substr(colon + 1));
      if (it == spans.end()) continue;
      std::vector<ByteSpan>* into = nullptr;
      if (role.substr(0, 7) == "Content") into = &g.content;
      else if (role.substr(0, 6) == "Source") into = &g.source;
      else if (role.substr(0, 3) == "Cue") into = &g.cue;
      if (into) into->insert(into->end(), it->second.begin(), it->second.end());
    }
    if (g.content.empty()) {
      ++bad;
      continue;
    }
    std::sort(g.content.begin(), g.content.end(),
              [](ByteSpan x, ByteSpan y) { return x.start < y.start; });
    g.direct = IsDirectContent(text, g.content);
    out.push_back(std::move(g));
  }
  if (skipped) *skipped = bad;
  return out;
}

Result<std::vector<PolnearDocument>> ReadPolnear(const std::string& dir) {
  fs::path text_dir = fs::path(dir) / "text";
  fs::path ann_dir = fs::path(dir) / "attributions";
  std::error_code ec;
  if (!fs::is_directory(text_dir, ec) || !fs::is_directory(ann_dir, ec))
    return Status::NotFound(dir + ": no text/ and attributions/ folders");
  // NAME -> first annotation file by name.
  std::map<std::string, fs::path> first_ann;
  size_t unnamed = 0;  // .ann files without "_ANNOTATOR"
  for (const auto& entry : fs::directory_iterator(ann_dir, ec)) {
    std::string file = entry.path().filename().string();
    if (file.size() < 5 || file.substr(file.size() - 4) != ".ann") continue;
    size_t us = file.rfind('_');
    if (us == std::string::npos) {
      ++unnamed;
      continue;
    }
    std::string name = file.substr(0, us);
    auto it = first_ann.find(name);
    if (it == first_ann.end() || file < it->second.filename().string())
      first_ann[name] = entry.path();
  }
  if (ec) return Status::IoError(ann_dir.string() + ": " + ec.message());
  if (first_ann.empty()) {
    return Status::NotFound(
        ann_dir.string() + ": no NAME_ANNOTATOR.ann file (brat attributions of text/NAME.txt)" +
        (unnamed > 0 ? "; " + std::to_string(unnamed) + " .ann files name no annotator" : ""));
  }
  std::vector<PolnearDocument> docs;
  for (const auto& [name, ann_path] : first_ann) {
    PolnearDocument doc;
    doc.name = name;
    std::string file = ann_path.filename().string();
    doc.annotator = file.substr(name.size() + 1, file.size() - name.size() - 5);
    std::string ann;
    if (!ReadFile(text_dir / (name + ".txt"), &doc.text))
      return Status::NotFound((text_dir / (name + ".txt")).string());
    if (!ReadFile(ann_path, &ann)) return Status::IoError(ann_path.string());
    doc.attributions = ParseBratAttributions(doc.text, ann);
    docs.push_back(std::move(doc));
  }
  return docs;
}

void ScoreDocument(const PolnearDocument& doc,
                   const std::vector<Quotation>& produced, QuoteScores* scores) {
  ++scores->documents;
  for (const GoldAttribution& g : doc.attributions) {
    bool found = false, source_ok = false;
    for (const Quotation& q : produced) {
      if (!AnyOverlap(q.content, g.content)) continue;
      found = true;
      source_ok |= AnyOverlap(q.speaker, g.source) ||
                   AnyOverlap(q.source, g.source);
    }
    for (AttributionCounts* c : {&scores->all, &scores->direct}) {
      if (c == &scores->direct && !g.direct) continue;
      ++c->gold;
      c->found += found;
      if (found && !g.source.empty()) {
        ++c->with_source;
        c->source_ok += source_ok;
      }
    }
  }
  for (const Quotation& q : produced) {
    ++scores->produced;
    for (const GoldAttribution& g : doc.attributions) {
      if (AnyOverlap(q.content, g.content)) {
        ++scores->matching;
        break;
      }
    }
  }
}

}  // namespace newsloom
