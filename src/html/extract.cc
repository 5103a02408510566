#include "html/extract.h"

#include <algorithm>
#include <cstring>

#include "base/utf8.h"
#include "html/dates.h"

namespace newsloom {

ExtractedPage ExtractFromUtf8(std::string_view utf8, const PageSource& source,
                              const ExtractOptions& options) {
  ExtractedPage page;
  Result<HtmlDocument> doc = ParseHtml(utf8, options.parse);
  if (!doc.ok()) return page;
  // Metadata first: the title tells the content which heading repeats it.
  page.metadata = ExtractMetadata(*doc, source.url);
  MainContent content =
      ExtractMainContent(*doc, page.metadata.title, options.content);
  page.text = content.Text();
  page.blocks = std::move(content.blocks);
  // Pages that build their body with scripts carry it only in JSON-LD: when
  // the publisher's articleBody is much longer than what the markup gave,
  // it is the better text.
  const std::string& stated = page.metadata.article_body;
  const bool markup = stated.find("</") != std::string::npos ||
                      stated.find("<br") != std::string::npos;
  if (!markup && double(page.text.size()) <
                     options.content.json_ld_body_share * double(stated.size())) {
    page.text = stated;
    page.blocks = {ContentBlock{ContentBlock::Kind::kParagraph, stated}};
  }
  if (!page.metadata.published) {
    // The last resort for the date: the article's own text.
    if (std::optional<ZonedTime> t = FindDateInText(page.text)) {
      page.metadata.published = t;
      page.metadata.published_source = "text";
    }
  }
  return page;
}

Result<ExtractedPage> ExtractPage(std::string_view bytes,
                                  const PageSource& source,
                                  const ExtractOptions& options) {
  if (TrimAscii(bytes).empty()) return Status::InvalidArgument("empty page");
  if (bytes.size() > options.max_page_bytes) {
    return Status::InvalidArgument(
        "page is " + std::to_string(bytes.size()) +
        " bytes; the cap for one page is " +
        std::to_string(options.max_page_bytes) + " bytes");
  }
  PageEncoding encoding = SniffEncoding(bytes, source.content_type,
                                        options.encoding);
  const bool utf16 = encoding.charset.starts_with("UTF-16");
  if (!utf16 && LooksBinary(bytes)) {
    return Status::InvalidArgument("binary data (NUL or control bytes), not "
                                   "HTML");
  }
  // A stray NUL further in (a broken script, a pasted blob) is replaced, as
  // browsers do, rather than cutting the parse short.
  std::string without_nul;
  if (!utf16 && std::memchr(bytes.data(), 0, bytes.size()) != nullptr) {
    without_nul.assign(bytes);
    std::replace(without_nul.begin(), without_nul.end(), '\0', ' ');
    bytes = without_nul;
  }
  bytes.remove_prefix(encoding.bom_bytes);
  ExtractedPage page;
  if (encoding.charset == "UTF-8" && IsValidUtf8(bytes)) {
    page = ExtractFromUtf8(bytes, source, options);  // most pages: no copy
  } else {
    ASSIGN_OR_RETURN(std::string utf8, ConvertToUtf8(bytes, encoding.charset));
    page = ExtractFromUtf8(utf8, source, options);
  }
  page.encoding = std::move(encoding);
  return page;
}

}  // namespace newsloom
