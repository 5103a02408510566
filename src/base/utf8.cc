#include "base/utf8.h"

#include <cstdint>
#include <cstring>

namespace newsloom {

size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast track: eight bytes at a time while no high bit is set.
    if (i + 8 <= n) {
      uint64_t block;
      std::memcpy(&block, p + i, 8);
      if ((block & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;  // stray continuation byte, overlong lead C0/C1, or F5..FF
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool LooksBinary(std::string_view s, size_t probe) {
  const size_t n = s.size() < probe ? s.size() : probe;
  size_t controls = 0;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = s[i];
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      ++controls;
    }
  }
  return n > 0 && controls * 10 > n;
}

std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

std::string_view TrimAscii(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  const size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

std::string CollapseSpaces(std::string_view s, size_t stop_after) {
  std::string out;
  bool space = false;
  for (const char c : TrimAscii(s)) {
    if (out.size() > stop_after) break;
    const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (ws && space) continue;
    out.push_back(ws ? ' ' : c);
    space = ws;
  }
  return out;
}

std::string RepairUtf8(std::string_view s, size_t* replaced) {
  constexpr std::string_view kReplacement = "\xef\xbf\xbd";
  std::string out;
  size_t count = 0;
  for (size_t bad; (bad = FindInvalidUtf8(s)) != std::string_view::npos;) {
    if (count++ == 0) out.reserve(s.size() + 2 * kReplacement.size());
    out.append(s.substr(0, bad)).append(kReplacement);
    s.remove_prefix(bad + 1);
  }
  out.append(s);
  if (replaced != nullptr) *replaced = count;
  return out;
}

std::string PrintableText(std::string_view s, bool keep_line_feeds) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      const bool control = c < 0x20 || c == 0x7F;
      out.push_back(!control || c == '\t' || (c == '\n' && keep_line_feeds)
                        ? s[i]
                        : ' ');
      ++i;
      continue;
    }
    const size_t bad = FindInvalidUtf8(s.substr(i, 4));
    // The length of the valid sequence at i: up to the first invalid byte
    // of these four, cut to what the lead byte announces.
    const size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (bad == 0 || (bad != std::string_view::npos && bad < want)) {
      // Not UTF-8: a lone byte 0x80-0x9F is a C1 control to a terminal
      // reading 8-bit codes (0x9B, CSI); others are kept as they are.
      out.push_back(c <= 0x9F ? ' ' : s[i]);
      ++i;
    } else if (c == 0xC2 && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out.push_back(' ');  // U+0080-U+009F
      i += 2;
    } else {
      out.append(s.substr(i, want));
      i += want;
    }
  }
  return out;
}

size_t TextPrefixLength(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s.size();
  const size_t floor = max_bytes > (64u << 10) ? max_bytes - (64u << 10) : 0;
  // Ends just after the cut: a line feed, or the space after a sentence.
  const std::string_view window = s.substr(floor, max_bytes - floor);
  if (const size_t lf = window.rfind('\n'); lf != std::string_view::npos) {
    return floor + lf + 1;
  }
  for (size_t i = window.size(); i-- > 1;) {
    if (window[i] != ' ') continue;
    size_t j = i;
    while (j > 0 && (window[j - 1] == '"' || window[j - 1] == '\'' ||
                     window[j - 1] == ')' || window[j - 1] == ']')) {
      --j;
    }
    if (j > 0 && (window[j - 1] == '.' || window[j - 1] == '!' || window[j - 1] == '?')) {
      return floor + i + 1;
    }
  }
  if (const size_t sp = window.rfind(' '); sp != std::string_view::npos && floor + sp > 0) {
    return floor + sp + 1;
  }
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return end;
}

std::string Abbreviate(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string out(s.substr(0, cut));
  out += "\xE2\x80\xA6";  // …
  return out;
}

std::string Counted(long long n, std::string_view one, std::string_view many) {
  std::string out = std::to_string(n);
  out += ' ';
  out += n == 1 ? one : many;
  return out;
}

}  // namespace newsloom
