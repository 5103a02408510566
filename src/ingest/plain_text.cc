#include "ingest/plain_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "base/ascii.h"
#include "base/utf8.h"
#include "html/encoding.h"
#include "html/phrases.h"
#include "ingest/messages.h"

namespace newsloom {
namespace {

using ingest_internal::OneLine;
using ingest_internal::OverCapMessage;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Decodes the code point starting at s[i] of valid UTF-8; sets *len.
uint32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80 || i + 1 >= s.size()) {
    *len = 1;
    return c;
  }
  const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  *len = n;
  return cp;
}

// The code point that ends `s` (non-empty, valid UTF-8); sets *start.
uint32_t DecodeLast(std::string_view s, size_t* start) {
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  size_t len;
  *start = i;
  return DecodeAt(s, i, &len);
}

// ---- Date header -----------------------------------------------------

constexpr std::array<std::string_view, 8> kDateKeywords = {
    "date", "dated", "published", "pubdate", "dato", "datum", "fecha", "data"};

// Length of the keyword at the start of `s` (any case, whole word), or 0.
size_t MatchDateKeyword(std::string_view s) {
  for (std::string_view kw : kDateKeywords) {
    if (s.size() < kw.size()) continue;
    bool same = true;
    for (size_t i = 0; i < kw.size() && same; ++i) {
      same = AsciiLower(s[i]) == kw[i];
    }
    if (same && (s.size() == kw.size() || !IsAsciiAlpha(s[kw.size()]))) {
      return kw.size();
    }
  }
  return 0;
}

// True when s[pos..] starts with the pattern, where '9' stands for a digit.
bool MatchPattern(std::string_view s, size_t pos, std::string_view pattern) {
  if (pos + pattern.size() > s.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = s[pos + i];
    if (pattern[i] == '9' ? !IsDigit(c) : c != pattern[i]) return false;
  }
  return true;
}

// Length of the ISO 8601 date or date-time at the start of `s`, or 0. Only
// the shape is checked here; ParseIsoTime validates the values.
size_t MatchIsoDateTime(std::string_view s) {
  if (!MatchPattern(s, 0, "9999-99-99")) return 0;
  size_t n = 10;
  if (n < s.size() && (s[n] == 'T' || s[n] == 't' || s[n] == ' ') &&
      MatchPattern(s, n + 1, "99:99")) {
    n += 6;
    if (MatchPattern(s, n, ":99")) n += 3;
    if (n + 1 < s.size() && s[n] == '.' && IsDigit(s[n + 1])) {
      ++n;
      while (n < s.size() && IsDigit(s[n])) ++n;
    }
    if (n < s.size() && (s[n] == 'Z' || s[n] == 'z')) {
      ++n;
    } else if (MatchPattern(s, n, "+99:99") || MatchPattern(s, n, "-99:99")) {
      n += 6;
    } else if (MatchPattern(s, n, "+9999") || MatchPattern(s, n, "-9999")) {
      n += 5;
    }
  }
  return n;
}

// ---- Title -------------------------------------------------------------

// Scripts written without spaces between words: each character counts as
// a word (CJK ideographs, kana, Thai, Lao, Myanmar, Khmer).
bool IsUnspacedScript(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
         (cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1000 && cp <= 0x109F) ||
         (cp >= 0x1780 && cp <= 0x17FF);
}

// Punctuation and symbols that do not make a word on their own.
bool IsPunctuation(uint32_t cp) {
  if (cp < 0x80) {
    return !IsAsciiAlpha(static_cast<char>(cp)) &&
           !IsDigit(static_cast<char>(cp));
  }
  return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF00 && cp <= 0xFF0F);
}

int CountWords(std::string_view line) {
  int words = 0;
  bool token_counted = false;  // the current space-separated token
  for (size_t i = 0; i < line.size();) {
    size_t len;
    const uint32_t cp = DecodeAt(line, i, &len);
    i += len;
    if (cp < 0x80 && IsAsciiSpace(static_cast<char>(cp))) {
      token_counted = false;
    } else if (IsUnspacedScript(cp)) {
      ++words;
      token_counted = true;
    } else if (!token_counted && !IsPunctuation(cp)) {
      ++words;
      token_counted = true;
    }
  }
  return words;
}

bool IsClosingQuoteOrBracket(uint32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case 0x00BB:
    case 0x2019:
    case 0x201D:
    case 0x203A:
    case 0x300D:
    case 0x300F:
    case 0xFF09:
      return true;
    default:
      return false;
  }
}

bool IsSentenceEnd(uint32_t cp) {
  switch (cp) {
    case '.':
    case '!':
    case '?':
    case ';':
    case ':':
    case ',':
    case 0x2026:  // …
    case 0x3001:
    case 0x3002:  // 、 。
    case 0xFF01:
    case 0xFF0C:
    case 0xFF1A:
    case 0xFF1B:
    case 0xFF1F:
    case 0x061F:
    case 0x06D4:
    case 0x0964:  // ؟ ۔ ।
      return true;
    default:
      return false;
  }
}

// True when `line` (trimmed, non-empty) ends like a sentence.
bool EndsWithSentencePunctuation(std::string_view line) {
  while (!line.empty()) {
    size_t start;
    const uint32_t cp = DecodeLast(line, &start);
    if (!IsClosingQuoteOrBracket(cp)) return IsSentenceEnd(cp);
    line = TrimAscii(line.substr(0, start));
  }
  return false;
}

bool IsLowercaseLetter(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
         (cp >= 0x3AC && cp <= 0x3CE) || (cp >= 0x430 && cp <= 0x45F);
}

bool StartsLowercase(std::string_view line) {
  size_t len;
  return !line.empty() && IsLowercaseLetter(DecodeAt(line, 0, &len));
}

// A line with enough words that is not a headline: the body has started.
bool IsBodyLine(std::string_view line, std::string_view next_line) {
  return line.size() > kMaxTitleBytes || EndsWithSentencePunctuation(line) ||
         StartsLowercase(line) || StartsLowercase(TrimAscii(next_line));
}

// The line of `text` starting at `pos` (without '\n'); advances *next.
std::string_view LineAt(std::string_view text, size_t pos, size_t* next) {
  const size_t nl = text.find('\n', pos);
  const size_t end = nl == std::string_view::npos ? text.size() : nl;
  *next = nl == std::string_view::npos ? text.size() : nl + 1;
  return text.substr(pos, end - pos);
}

// ---- Page chrome -------------------------------------------------------

struct Line {
  size_t begin = 0, end = 0;  // bytes of the line with its '\n'
  std::string_view text;      // trimmed
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  for (size_t pos = 0; pos < text.size();) {
    size_t next;
    const std::string_view raw = LineAt(text, pos, &next);
    lines.push_back({pos, next, TrimAscii(raw)});
    pos = next;
  }
  return lines;
}

// Lowercased words of 4 or more letters (bytes over 0x7F count as letters:
// the rule is about overlap, not about spelling).
void AddWords(std::string_view s, std::vector<std::string>* out) {
  std::string word;
  size_t letters = 0;
  auto flush = [&] {
    if (letters >= 4) out->push_back(word);
    word.clear();
    letters = 0;
  };
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (IsAsciiAlpha(c) || u >= 0x80) {
      word += AsciiLower(c);
      if ((u & 0xC0) != 0x80) ++letters;
    } else {
      flush();
    }
  }
  flush();
}

// The body has begun at a line that reads as prose: a sentence of some
// words.
bool IsProseLine(std::string_view line) {
  return CountWords(line) >= kMinTitleWords && EndsWithSentencePunctuation(line);
}

}  // namespace

std::string_view TextChromeKindName(TextChromeKind kind) {
  switch (kind) {
    case TextChromeKind::kInterface:
      return "interface phrase";
    case TextChromeKind::kReadingTime:
      return "reading time";
    case TextChromeKind::kCaption:
      return "caption";
    case TextChromeKind::kRepeatedTitle:
      return "repeated title";
    case TextChromeKind::kTeaser:
      return "teaser";
    case TextChromeKind::kFeed:
      return "news feed";
  }
  return "interface phrase";
}

std::vector<TextChromeLine> FindPlainTextChrome(std::string_view text) {
  const std::vector<Line> lines = SplitLines(text);
  const size_t n = lines.size();
  std::vector<std::optional<TextChromeKind>> kind(n);
  const std::string_view title = FindPlainTextTitle(text);
  bool title_seen = false;
  for (size_t i = 0; i < n; ++i) {
    const std::string_view t = lines[i].text;
    if (t.empty()) continue;
    if (IsReadingTime(t)) {
      kind[i] = TextChromeKind::kReadingTime;
    } else if (IsUiPhrase(t)) {
      kind[i] = TextChromeKind::kInterface;
    } else if ((t.size() <= kMaxCaptionBytes && EndsWithPhotoCredit(t)) ||
               IsPhotoCredit(t)) {
      kind[i] = TextChromeKind::kCaption;
    } else if (!title.empty() && t == title) {
      if (title_seen) kind[i] = TextChromeKind::kRepeatedTitle;
      title_seen = true;
    }
  }
  // Paragraphs: runs of non-empty lines [first, last).
  std::vector<std::pair<size_t, size_t>> paragraphs;
  for (size_t i = 0; i < n;) {
    if (lines[i].text.empty()) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && !lines[j].text.empty()) ++j;
    paragraphs.emplace_back(i, j);
    i = j;
  }
  // Teaser cards.
  for (const auto& [first, last] : paragraphs) {
    for (size_t i = first + 1; i < last; ++i) {
      if (!IsImagePlaceholder(lines[i].text)) continue;
      if (i - first <= static_cast<size_t>(kMaxTeaserLines)) {
        for (size_t k = first; k <= i; ++k) {
          if (!kind[k]) kind[k] = TextChromeKind::kTeaser;
        }
      }
      break;
    }
  }
  // The news feed at the end.
  bool body = false;
  size_t marker = n;
  std::optional<TextChromeKind> marker_was;  // its kind before this rule
  std::vector<std::string> words;
  for (size_t i = 0; i < n && marker == n; ++i) {
    const std::string_view t = lines[i].text;
    if (body && SectionPhraseKind(t) == ChromeKind::kRelated) {
      marker = i;
      marker_was = kind[i];
      kind[i] = TextChromeKind::kFeed;
    } else if (!kind[i] && !t.empty()) {
      body = body || IsProseLine(t);
      AddWords(t, &words);
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  if (marker < n && words.size() < kMinBodyWordsForFeed) {
    kind[marker] = marker_was;  // too little article to judge the rest by
    marker = n;
  }
  if (marker < n) {
    for (const auto& [first, last] : paragraphs) {
      if (first <= marker) continue;
      std::vector<std::string> own;
      for (size_t k = first; k < last; ++k) {
        if (!kind[k]) AddWords(lines[k].text, &own);
      }
      std::sort(own.begin(), own.end());
      own.erase(std::unique(own.begin(), own.end()), own.end());
      if (own.empty()) continue;
      const size_t shared = std::count_if(
          own.begin(), own.end(), [&](const std::string& w) {
            return std::binary_search(words.begin(), words.end(), w);
          });
      if (double(shared) / own.size() >= kMinTailOverlap) continue;
      for (size_t k = first; k < last; ++k) {
        if (!kind[k]) kind[k] = TextChromeKind::kFeed;
      }
    }
  }
  std::vector<TextChromeLine> out;
  for (size_t i = 0; i < n; ++i) {
    if (kind[i]) out.push_back({lines[i].begin, lines[i].end, i + 1, *kind[i]});
  }
  return out;
}

namespace {

// The text without the chrome lines, and the note naming them.
std::string DropChrome(std::string_view text,
                       const std::vector<TextChromeLine>& chrome,
                       std::string* note) {
  std::string out;
  size_t pos = 0;
  constexpr size_t kListed = 8;
  *note = "dropped " + std::to_string(chrome.size()) +
             (chrome.size() == 1 ? " line" : " lines") + " of page chrome: ";
  for (size_t k = 0; k < chrome.size(); ++k) {
    const TextChromeLine& c = chrome[k];
    out.append(text.substr(pos, c.begin - pos));
    pos = c.end;
    if (k < kListed) {
      if (k > 0) *note += ", ";
      *note += "line " + std::to_string(c.line) + " \"" +
                  OneLine(TrimAscii(text.substr(c.begin, c.end - c.begin)), 40) +
                  "\" (" + std::string(TextChromeKindName(c.kind)) + ")";
    }
  }
  if (chrome.size() > kListed) {
    *note += " and " + std::to_string(chrome.size() - kListed) + " more";
  }
  *note += "; article kept";
  out.append(text.substr(pos));
  return out;
}

}  // namespace

std::optional<DateHeader> FindDateHeader(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size() && IsAsciiSpace(text[pos])) ++pos;
  const size_t kw = MatchDateKeyword(text.substr(pos));
  if (kw == 0) return std::nullopt;
  pos += kw;
  const bool colon = pos < text.size() && text[pos] == ':';
  if (colon) ++pos;
  const size_t spaces_start = pos;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  if (!colon && pos == spaces_start) return std::nullopt;
  const size_t len = MatchIsoDateTime(text.substr(pos));
  if (len == 0) return std::nullopt;
  const size_t end = pos + len;
  if (end < text.size() && !IsAsciiSpace(text[end])) return std::nullopt;
  Result<ZonedTime> t = ParseIsoTimeZoned(text.substr(pos, len));
  if (!t.ok()) return std::nullopt;
  return DateHeader{t->utc, t->offset_minutes, end};
}

std::string_view FindPlainTextTitle(std::string_view text) {
  size_t pos = 0;
  if (std::optional<DateHeader> header = FindDateHeader(text)) {
    pos = header->end;
  }
  int seen = 0;
  while (pos < text.size() && seen < kTitleScanLines) {
    size_t next;
    const std::string_view line = TrimAscii(LineAt(text, pos, &next));
    pos = next;
    if (line.empty()) continue;
    ++seen;
    if (CountWords(line) < kMinTitleWords) continue;  // chrome
    size_t after;
    const std::string_view next_line =
        pos < text.size() ? LineAt(text, pos, &after) : std::string_view();
    if (IsBodyLine(line, next_line)) return {};
    return line;
  }
  return {};
}

Result<Article> ParsePlainText(std::string_view bytes, std::string_view input,
                               const ReadOptions& options,
                               std::vector<std::string>* notes) {
  // A text file saved as UTF-16 (Windows editors' "Unicode") starts with its
  // byte-order mark; it is decoded, not refused as binary for its NULs.
  std::string decoded;
  if (const std::string_view utf16 = Utf16ByteOrder(bytes); !utf16.empty()) {
    if (bytes.size() / 2 > options.max_article_bytes) {
      return Status::InvalidArgument(
          OverCapMessage("UTF-16 text", bytes.size(), "one article",
                         options.max_article_bytes, "--max-article-bytes"));
    }
    Result<std::string> utf8 = ConvertToUtf8(bytes.substr(2), utf16);
    if (!utf8.ok()) return utf8.status();
    decoded = std::move(*utf8);
    bytes = decoded;
  }
  const std::string_view text = StripBom(bytes);
  const size_t bom = bytes.size() - text.size();
  if (text.empty()) return Status::InvalidArgument("empty text; skipped");
  if (text.size() > options.max_article_bytes) {
    return Status::InvalidArgument(
        OverCapMessage("text", text.size(), "one article",
                       options.max_article_bytes, "--max-article-bytes"));
  }
  if (LooksBinary(text) || std::memchr(text.data(), 0, text.size())) {
    return Status::InvalidArgument(
        "binary data (NUL or control bytes), not text; skipped");
  }
  if (const size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    return Status::InvalidArgument("invalid UTF-8 at byte " +
                                   std::to_string(bad + bom) + "; skipped");
  }
  if (TrimAscii(text).empty()) {
    return Status::InvalidArgument("text is only white space; skipped");
  }
  Article a;
  a.input = std::string(input);
  a.text = std::string(text);
  if (options.drop_text_chrome) {
    const std::vector<TextChromeLine> chrome = FindPlainTextChrome(text);
    std::string note;
    std::string clean = chrome.empty() ? std::string()
                                       : DropChrome(text, chrome, &note);
    // A file that is chrome and nothing else stays as it was.
    if (!chrome.empty() && !TrimAscii(clean).empty()) {
      a.text = std::move(clean);
      if (notes != nullptr) notes->push_back(std::move(note));
    }
  }
  a.title = std::string(FindPlainTextTitle(a.text));
  const std::optional<DateHeader> header = FindDateHeader(a.text);
  if (header) {
    a.published = header->published;
    a.published_offset = header->offset;
  }
  if (header && options.drop_text_chrome) {
    size_t body = header->end;
    while (body < a.text.size() && IsAsciiSpace(a.text[body])) ++body;
    // A file that is a header and nothing else keeps it.
    if (body < a.text.size()) {
      a.former_id = ArticleId(a);  // of the text with its header (until 2026-12-06)
      a.text.erase(0, body);
    }
  }
  a.id = ArticleId(a);
  return a;
}

}  // namespace newsloom
