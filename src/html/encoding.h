// The character encoding of an HTML page, and its conversion to UTF-8.
//
// Where the encoding comes from, first found wins (the order browsers use,
// WHATWG "determining the character encoding", simplified):
//   1. a byte-order mark (UTF-8, UTF-16LE/BE);
//   2. the charset parameter of the HTTP Content-Type header, when the
//      caller has one ("text/html; charset=windows-1251");
//   3. a <meta charset="..."> or <meta http-equiv="Content-Type"
//      content="...; charset=..."> in the first EncodingOptions::
//      meta_scan_bytes bytes (a byte scan for the two meta forms, as the
//      WHATWG prescan does; the page is not parsed for this). One
//      exception: when the meta names a legacy charset but the bytes are
//      valid UTF-8 with some non-ASCII, UTF-8 wins (pages re-saved as UTF-8
//      keep their old meta; legacy text is almost never valid UTF-8);
//   4. the bytes themselves: valid UTF-8 is UTF-8 (ASCII is too); anything
//      else goes to ICU's charset detector (ucsdet, markup filtered out);
//   5. windows-1252 when nothing else is known.
// Labels are mapped the WHATWG way where ICU's own reading differs:
// iso-8859-1, latin1 and us-ascii mean windows-1252; a meta tag claiming
// UTF-16 on a page that is not UTF-16 means UTF-8; gb2312 means GBK.
//
// Thread safety: the functions are thread-safe.
#ifndef NEWSLOOM_HTML_ENCODING_H_
#define NEWSLOOM_HTML_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsloom {

struct EncodingOptions {
  // How far into the page a <meta> charset declaration is looked for. The
  // WHATWG prescan stops at 1024 bytes; real pages put long scripts and
  // styles before it, so further.
  size_t meta_scan_bytes = 16 << 10;

  // How many bytes ICU's detector looks at when nothing is declared.
  size_t detect_bytes = 64 << 10;

  // Below this ICU confidence (0-100) a detection is not trusted and the
  // fallback windows-1252 is used.
  int min_detect_confidence = 10;
};

struct PageEncoding {
  enum class Source { kBom, kHttpHeader, kMeta, kValidUtf8, kDetected, kDefault };

  std::string charset;  // a name ICU knows: "UTF-8", "windows-1251", ...
  Source source = Source::kDefault;
  size_t bom_bytes = 0;  // length of the byte-order mark to skip
};

// "bom", "http-header", "meta", "valid-utf8", "detected", "default".
std::string_view EncodingSourceName(PageEncoding::Source source);

// Determines the encoding of `bytes` as above. `content_type` is the HTTP
// Content-Type header value, or empty.
PageEncoding SniffEncoding(std::string_view bytes,
                           std::string_view content_type = {},
                           const EncodingOptions& options = {});

// The charset parameter of a Content-Type value ("text/html; charset=
// "UTF-8"" -> "UTF-8"), or empty.
std::string CharsetFromContentType(std::string_view content_type);

// The charset a <meta> tag in the first `max_bytes` bytes declares, as
// written, or empty.
std::string FindMetaCharset(std::string_view bytes, size_t max_bytes);

// A label as a page or header writes it -> the name to give ICU, with the
// WHATWG mappings above. Empty for an empty label.
std::string CanonicalCharset(std::string_view label);

// The charset a UTF-16 byte-order mark at the start of `bytes` names:
// "UTF-16LE" (FF FE), "UTF-16BE" (FE FF), or "" when there is none. What
// follows the mark's two bytes is in it (ConvertToUtf8).
std::string_view Utf16ByteOrder(std::string_view bytes);

// Converts `bytes` in `charset` to UTF-8 with ICU converters. Byte
// sequences invalid in the charset become U+FFFD, so the result is always
// valid UTF-8. Valid UTF-8 input is copied without conversion.
// Returns NotSupported "unknown character encoding '<charset>'" when ICU
// has no converter for the name.
Result<std::string> ConvertToUtf8(std::string_view bytes,
                                  std::string_view charset);

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_ENCODING_H_
