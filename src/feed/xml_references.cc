#include "feed/xml_references.h"

#include <libxml/HTMLparser.h>

#include <string>

namespace newsloom {
namespace {

enum class RefKind {
  kCharacter,   // &#160; or &#xA0;: XML decodes it, even after an error
  kPredefined,  // &amp; &lt; &gt; &quot; &apos;
  kHtml,        // a name of libxml2's HTML 4 table: &nbsp;
  kUnknown,     // another name: &foo;
  kStray,       // a '&' that starts no reference: "AT&T", "&#xZ;"
};

struct Reference {
  RefKind kind;
  size_t length;            // bytes from the '&', the ';' included
  unsigned code_point = 0;  // for kPredefined and kHtml
};

// Longer than any HTML 4 name ("thetasym" is 8); a longer name is unknown.
constexpr size_t kMaxNameBytes = 32;

bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

// XML name characters; bytes of multi-byte UTF-8 count as letters.
bool IsNameStart(char c) {
  return IsAsciiLetter(c) || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsNameChar(char c) {
  return IsNameStart(c) || IsDigit(c) || c == '-' || c == '.';
}

unsigned PredefinedCodePoint(std::string_view name) {
  if (name == "amp") return '&';
  if (name == "lt") return '<';
  if (name == "gt") return '>';
  if (name == "quot") return '"';
  if (name == "apos") return '\'';
  return 0;
}

// The reference starting at xml[at] == '&'.
Reference ClassifyReference(std::string_view xml, size_t at) {
  size_t i = at + 1;
  if (i < xml.size() && xml[i] == '#') {
    ++i;
    const bool hex = i < xml.size() && xml[i] == 'x';
    if (hex) ++i;
    const size_t digits = i;
    while (i < xml.size() && (hex ? IsHexDigit(xml[i]) : IsDigit(xml[i]))) ++i;
    if (i > digits && i < xml.size() && xml[i] == ';') {
      return {RefKind::kCharacter, i + 1 - at};
    }
    return {RefKind::kStray, 1};
  }
  if (i >= xml.size() || !IsNameStart(xml[i])) return {RefKind::kStray, 1};
  while (i < xml.size() && IsNameChar(xml[i])) ++i;
  if (i >= xml.size() || xml[i] != ';') return {RefKind::kStray, 1};
  const std::string_view name = xml.substr(at + 1, i - at - 1);
  const Reference unknown{RefKind::kUnknown, i + 1 - at};
  if (name.size() > kMaxNameBytes) return unknown;
  if (unsigned c = PredefinedCodePoint(name); c != 0) {
    return {RefKind::kPredefined, unknown.length, c};
  }
  const std::string zero_terminated(name);
  const htmlEntityDesc* html = htmlEntityLookup(
      reinterpret_cast<const xmlChar*>(zero_terminated.c_str()));
  if (html == nullptr) return unknown;
  return {RefKind::kHtml, unknown.length, html->value};
}

// The position after the first `end` at or after `from`; the end of `xml`
// when the construct is never closed.
size_t After(std::string_view xml, size_t from, std::string_view end) {
  const size_t e = xml.find(end, from);
  return e == std::string_view::npos ? xml.size() : e + end.size();
}

// The position after a DOCTYPE starting at `at`: its internal subset in
// brackets, quoted literals and comments may all hold '>'.
size_t AfterDoctype(std::string_view xml, size_t at) {
  char quote = 0;
  int depth = 0;
  for (size_t i = at + 2; i < xml.size(); ++i) {
    const char c = xml[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (xml.substr(i).starts_with("<!--")) {
      i = After(xml, i + 4, "-->") - 1;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (depth > 0) --depth;
    } else if (c == '>' && depth == 0) {
      return i + 1;
    }
  }
  return xml.size();
}

// The position after the markup starting at xml[at] == '<' when it is a
// construct whose '&' are not references; else at + 1.
size_t SkipMarkup(std::string_view xml, size_t at) {
  const std::string_view rest = xml.substr(at);
  if (rest.starts_with("<!--")) return After(xml, at + 4, "-->");
  if (rest.starts_with("<![CDATA[")) return After(xml, at + 9, "]]>");
  if (rest.starts_with("<?")) return After(xml, at + 2, "?>");
  if (rest.starts_with("<!DOCTYPE")) return AfterDoctype(xml, at);
  return at + 1;
}

// Calls on_reference(position, reference) for every '&' of `xml` outside
// CDATA, comments, processing instructions and the DOCTYPE, until it
// returns false.
template <typename OnReference>
void ForEachReference(std::string_view xml, OnReference on_reference) {
  size_t at = 0;
  while ((at = xml.find_first_of("&<", at)) != std::string_view::npos) {
    if (xml[at] == '<') {
      at = SkipMarkup(xml, at);
      continue;
    }
    const Reference ref = ClassifyReference(xml, at);
    if (!on_reference(at, ref)) return;
    at += ref.length;
  }
}

}  // namespace

bool HasNonXmlReference(std::string_view xml) {
  if (xml.find('&') == std::string_view::npos) return false;
  bool found = false;
  ForEachReference(xml, [&](size_t, const Reference& ref) {
    found = ref.kind != RefKind::kCharacter && ref.kind != RefKind::kPredefined;
    return !found;
  });
  return found;
}

std::optional<std::string> WithNumericReferences(std::string_view xml) {
  std::string out;
  size_t copied = 0;  // xml[0, copied) is in `out`
  ForEachReference(xml, [&](size_t at, const Reference& ref) {
    if (ref.kind != RefKind::kPredefined && ref.kind != RefKind::kHtml &&
        ref.kind != RefKind::kStray) {
      return true;
    }
    if (out.empty()) out.reserve(xml.size() + xml.size() / 16);
    out.append(xml.substr(copied, at - copied));
    // A stray '&' ("AT&T") is the character itself.
    out += "&#" + std::to_string(ref.kind == RefKind::kStray ? '&' : ref.code_point) + ";";
    copied = at + ref.length;
    return true;
  });
  if (copied == 0) return std::nullopt;
  out.append(xml.substr(copied));
  return out;
}

}  // namespace newsloom
