#include "html/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <memory>

#include "base/ascii.h"
#include "base/utf8.h"

namespace newsloom {
namespace {

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

// One attribute of a tag being scanned: the WHATWG "get an attribute"
// steps, without the corner cases of '/' and '=' in names.
struct ScannedAttribute {
  std::string name;  // lowercase
  std::string value;
};

// Reads the attribute at *pos (inside a tag); false at '>' or the end.
bool NextAttribute(std::string_view s, size_t* pos, ScannedAttribute* out) {
  size_t i = *pos;
  while (i < s.size() && (IsHtmlSpace(s[i]) || s[i] == '/')) ++i;
  if (i >= s.size() || s[i] == '>') {
    *pos = i;
    return false;
  }
  out->name.clear();
  out->value.clear();
  while (i < s.size() && !IsHtmlSpace(s[i]) && s[i] != '=' && s[i] != '>' &&
         s[i] != '/') {
    out->name += AsciiLower(s[i++]);
  }
  while (i < s.size() && IsHtmlSpace(s[i])) ++i;
  if (i < s.size() && s[i] == '=') {
    ++i;
    while (i < s.size() && IsHtmlSpace(s[i])) ++i;
    if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
      const char quote = s[i++];
      while (i < s.size() && s[i] != quote) out->value += s[i++];
      if (i < s.size()) ++i;
    } else {
      while (i < s.size() && !IsHtmlSpace(s[i]) && s[i] != '>') {
        out->value += s[i++];
      }
    }
  }
  *pos = i;
  return true;
}

// The charset parameter of a Content-Type-like value.
std::string CharsetParameter(std::string_view value) {
  const std::string lower = AsciiLowerCopy(value);
  size_t at = lower.find("charset");
  while (at != std::string::npos) {
    size_t i = at + 7;
    while (i < value.size() && IsHtmlSpace(value[i])) ++i;
    if (i < value.size() && value[i] == '=') {
      ++i;
      while (i < value.size() && IsHtmlSpace(value[i])) ++i;
      char quote = 0;
      if (i < value.size() && (value[i] == '"' || value[i] == '\'')) {
        quote = value[i++];
      }
      size_t e = i;
      while (e < value.size() && value[e] != quote && value[e] != ';' &&
             !(quote == 0 && IsHtmlSpace(value[e]))) {
        ++e;
      }
      return std::string(value.substr(i, e - i));
    }
    at = lower.find("charset", at + 7);
  }
  return {};
}

bool IsAsciiOnly(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

struct IcuCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// ICU's best guess for undeclared, non-UTF-8 bytes, or empty.
std::string DetectCharset(std::string_view bytes,
                          const EncodingOptions& options) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, IcuCloser> det(ucsdet_open(&err));
  if (U_FAILURE(err)) return {};
  ucsdet_enableInputFilter(det.get(), true);  // look past the markup
  const size_t n = std::min(bytes.size(), options.detect_bytes);
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(n), &err);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &err);
  if (U_FAILURE(err) || match == nullptr) return {};
  const int confidence = ucsdet_getConfidence(match, &err);
  const char* name = ucsdet_getName(match, &err);
  if (U_FAILURE(err) || name == nullptr ||
      confidence < options.min_detect_confidence) {
    return {};
  }
  return CanonicalCharset(name);
}

}  // namespace

std::string_view EncodingSourceName(PageEncoding::Source source) {
  switch (source) {
    case PageEncoding::Source::kBom:
      return "bom";
    case PageEncoding::Source::kHttpHeader:
      return "http-header";
    case PageEncoding::Source::kMeta:
      return "meta";
    case PageEncoding::Source::kValidUtf8:
      return "valid-utf8";
    case PageEncoding::Source::kDetected:
      return "detected";
    case PageEncoding::Source::kDefault:
      return "default";
  }
  return "default";
}

std::string CharsetFromContentType(std::string_view content_type) {
  return CharsetParameter(content_type);
}

std::string FindMetaCharset(std::string_view bytes, size_t max_bytes) {
  const std::string_view s = bytes.substr(0, std::min(bytes.size(), max_bytes));
  ScannedAttribute a;
  for (size_t i = 0; i + 5 < s.size(); ++i) {
    if (s[i] != '<') continue;
    if (StartsWithNoCase(s, i, "<!--")) {
      const size_t close = s.find("-->", i + 4);
      if (close == std::string_view::npos) break;
      i = close + 2;
      continue;
    }
    if (!StartsWithNoCase(s, i, "<meta") ||
        !(IsHtmlSpace(s[i + 5]) || s[i + 5] == '/')) {
      continue;
    }
    size_t pos = i + 5;
    std::string charset, content;
    bool content_type = false;
    while (NextAttribute(s, &pos, &a)) {
      if (a.name == "charset" && charset.empty()) {
        charset = std::string(TrimAscii(a.value));
      } else if (a.name == "http-equiv") {
        content_type = AsciiLowerCopy(TrimAscii(a.value)) == "content-type";
      } else if (a.name == "content") {
        content = a.value;
      }
    }
    if (!charset.empty()) return charset;
    if (content_type) {
      std::string c = CharsetParameter(content);
      if (!c.empty()) return c;
    }
    i = pos;
  }
  return {};
}

std::string CanonicalCharset(std::string_view label) {
  const std::string l = AsciiLowerCopy(TrimAscii(label));
  if (l.empty()) return {};
  // The WHATWG Encoding Standard's readings of labels ICU reads otherwise.
  struct Mapping {
    std::string_view label, charset;
  };
  static constexpr std::array<Mapping, 15> kMappings = {{
      {"utf8", "UTF-8"},
      {"utf-8", "UTF-8"},
      {"unicode-1-1-utf-8", "UTF-8"},
      {"iso-8859-1", "windows-1252"},
      {"iso8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"l1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"x-user-defined", "windows-1252"},
      {"gb2312", "GBK"},
      {"gb_2312-80", "GBK"},
      {"euc-kr", "windows-949"},
      {"ks_c_5601-1987", "windows-949"},
      {"x-sjis", "Shift_JIS"},
  }};
  for (const Mapping& m : kMappings) {
    if (l == m.label) return std::string(m.charset);
  }
  return std::string(TrimAscii(label));
}

std::string_view Utf16ByteOrder(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (bytes.starts_with("\xFE\xFF")) return "UTF-16BE";
  return {};
}

PageEncoding SniffEncoding(std::string_view bytes,
                           std::string_view content_type,
                           const EncodingOptions& options) {
  PageEncoding e;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    return {"UTF-8", PageEncoding::Source::kBom, 3};
  }
  if (const std::string_view utf16 = Utf16ByteOrder(bytes); !utf16.empty()) {
    return {std::string(utf16), PageEncoding::Source::kBom, 2};
  }
  if (std::string c = CanonicalCharset(CharsetFromContentType(content_type));
      !c.empty()) {
    return {c, PageEncoding::Source::kHttpHeader, 0};
  }
  if (std::string c =
          CanonicalCharset(FindMetaCharset(bytes, options.meta_scan_bytes));
      !c.empty()) {
    // A page that reached us as bytes cannot be UTF-16 without a BOM.
    if (AsciiLowerCopy(c).starts_with("utf-16")) c = "UTF-8";
    // Pages re-saved as UTF-8 keep their old meta; legacy text with bytes
    // over 0x7F is almost never valid UTF-8 by chance.
    if (c != "UTF-8" && !IsAsciiOnly(bytes) && IsValidUtf8(bytes)) {
      return {"UTF-8", PageEncoding::Source::kValidUtf8, 0};
    }
    return {c, PageEncoding::Source::kMeta, 0};
  }
  if (IsValidUtf8(bytes)) return {"UTF-8", PageEncoding::Source::kValidUtf8, 0};
  if (std::string c = DetectCharset(bytes, options); !c.empty()) {
    return {c, PageEncoding::Source::kDetected, 0};
  }
  return {"windows-1252", PageEncoding::Source::kDefault, 0};
}

Result<std::string> ConvertToUtf8(std::string_view bytes,
                                  std::string_view charset) {
  const std::string name(charset);
  const std::string lower = AsciiLowerCopy(name);
  if ((lower == "utf-8" || lower == "utf8") && IsValidUtf8(bytes)) {
    return std::string(bytes);
  }
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, IcuCloser> from(ucnv_open(name.c_str(), &err));
  if (U_FAILURE(err) || from == nullptr) {
    return Status::NotSupported("unknown character encoding '" + name + "'");
  }
  std::unique_ptr<UConverter, IcuCloser> to(ucnv_open("UTF-8", &err));
  if (U_FAILURE(err)) return Status::IoError("ICU: no UTF-8 converter");
  // Each source byte becomes at most one UTF-16 unit, i.e. at most 3 UTF-8
  // bytes (supplementary characters take 2 source bytes or more).
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(),
                 &source, bytes.data() + bytes.size(), nullptr, nullptr,
                 nullptr, nullptr, /*reset=*/true, /*flush=*/true, &err);
  if (U_FAILURE(err)) {
    return Status::InvalidArgument(std::string("cannot convert from ") + name +
                                   ": " + u_errorName(err));
  }
  out.resize(target - out.data());
  return out;
}

}  // namespace newsloom
