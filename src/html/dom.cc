#include "html/dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <mutex>

namespace newsloom {

std::string_view HtmlDocument::attr(uint32_t i, HtmlAttr a,
                                    std::string_view fallback) const {
  const HtmlNode& n = nodes_[i];
  if (n.is_text()) return fallback;
  for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
    if (attrs_[k].name == a) return View(attrs_[k].begin, attrs_[k].size);
  }
  return fallback;
}

bool HtmlDocument::has_attr(uint32_t i, HtmlAttr a) const {
  const HtmlNode& n = nodes_[i];
  if (n.is_text()) return false;
  for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
    if (attrs_[k].name == a) return true;
  }
  return false;
}

std::string HtmlDocument::InnerText(uint32_t i) const {
  std::string out;
  for (uint32_t k = i; k < nodes_[i].end; ++k) {
    if (nodes_[k].is_text()) out += text(k);
  }
  return out;
}

// Receives libxml2's SAX events and appends nodes. Elements deeper than
// max_depth and everything inside a kNoText element are counted (to match
// their end events) but not recorded.
class HtmlTreeBuilder {
 public:
  HtmlTreeBuilder(HtmlDocument* doc, size_t source_bytes,
                  const HtmlParseOptions& options)
      : doc_(*doc), options_(options) {
    doc_.source_bytes_ = source_bytes;
    // Measured on news pages: about one node per 64 bytes of HTML, and
    // text plus kept attribute values under half of it.
    doc_.nodes_.reserve(source_bytes / 64);
    doc_.pool_.reserve(source_bytes / 2);
  }

  void Start(const char* name, const char** atts) {
    last_text_ = HtmlNode::kNone;
    if (hidden_ > 0 || no_text_open_ || json_ld_open_ ||
        stack_.size() >= options_.max_depth) {
      ++hidden_;
      return;
    }
    const HtmlTag tag = TagFromName(Lower(name));
    if (stack_.empty() && !doc_.nodes_.empty()) {
      stack_.push_back(0);  // a second top-level element joins the root
    }
    HtmlNode n;
    n.tag = tag;
    n.parent = stack_.empty() ? HtmlNode::kNone : stack_.back();
    n.depth = static_cast<uint32_t>(stack_.size());
    n.begin = static_cast<uint32_t>(doc_.attrs_.size());
    bool json_ld = false;
    for (const char** a = atts; a != nullptr && a[0] != nullptr; a += 2) {
      const HtmlAttr attr = AttrFromName(Lower(a[0]));
      if (attr == HtmlAttr::kCount) continue;
      const std::string_view value = a[1] ? a[1] : "";
      doc_.attrs_.push_back({attr, Append(value),
                             static_cast<uint32_t>(value.size())});
      if (tag == HtmlTag::kScript && attr == HtmlAttr::kType &&
          Lower(value) == "application/ld+json") {
        json_ld = true;
      }
    }
    n.size = static_cast<uint32_t>(doc_.attrs_.size()) - n.begin;
    const uint32_t index = static_cast<uint32_t>(doc_.nodes_.size());
    n.end = index + 1;
    doc_.nodes_.push_back(n);
    stack_.push_back(index);
    if (json_ld) {
      doc_.json_ld_.emplace_back();
      json_ld_open_ = true;
    } else if (IsNoText(tag)) {
      // Its content is not recorded; its own node stays (a video is still
      // a video for the scoring).
      no_text_open_ = true;
    }
  }

  void End() {
    last_text_ = HtmlNode::kNone;
    if (hidden_ > 0) {
      --hidden_;
      return;
    }
    if (stack_.empty()) return;
    const uint32_t index = stack_.back();
    stack_.pop_back();
    doc_.nodes_[index].end = static_cast<uint32_t>(doc_.nodes_.size());
    json_ld_open_ = false;  // children of these are never recorded, so the
                            // element closing now is the one that set them
    no_text_open_ = false;
  }

  void Characters(const char* s, int len) {
    if (json_ld_open_) {
      doc_.json_ld_.back().append(s, len);
      return;
    }
    // Inside a kNoText element nothing is kept; below max_depth the text
    // goes to the deepest recorded element.
    if (no_text_open_ || stack_.empty()) return;
    if (last_text_ != HtmlNode::kNone) {
      doc_.pool_.append(s, len);
      doc_.nodes_[last_text_].size += len;
      return;
    }
    HtmlNode n;
    n.tag = HtmlTag::kText;
    n.parent = stack_.back();
    n.depth = static_cast<uint32_t>(stack_.size());
    n.begin = Append(std::string_view(s, len));
    n.size = len;
    last_text_ = static_cast<uint32_t>(doc_.nodes_.size());
    n.end = last_text_ + 1;
    doc_.nodes_.push_back(n);
  }

  // Closes what the parser left open (it normally closes everything).
  void Finish() {
    while (!stack_.empty()) End();
  }

 private:
  uint32_t Append(std::string_view s) {
    const uint32_t at = static_cast<uint32_t>(doc_.pool_.size());
    doc_.pool_.append(s);
    return at;
  }

  std::string_view Lower(std::string_view s) {
    lower_.assign(s);
    for (char& c : lower_) {
      if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    }
    return lower_;
  }

  HtmlDocument& doc_;
  const HtmlParseOptions& options_;
  std::vector<uint32_t> stack_;
  uint32_t hidden_ = 0;  // open elements not recorded (too deep, or inside
                         // a kNoText element or a JSON-LD script)
  uint32_t last_text_ = HtmlNode::kNone;
  bool json_ld_open_ = false;
  bool no_text_open_ = false;
  std::string lower_;
};

namespace {

HtmlTreeBuilder* Builder(void* ctx) {
  return static_cast<HtmlTreeBuilder*>(
      static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void OnStart(void* ctx, const xmlChar* name, const xmlChar** atts) {
  Builder(ctx)->Start(reinterpret_cast<const char*>(name),
                      reinterpret_cast<const char**>(atts));
}
void OnEnd(void* ctx, const xmlChar*) { Builder(ctx)->End(); }
void OnCharacters(void* ctx, const xmlChar* s, int len) {
  Builder(ctx)->Characters(reinterpret_cast<const char*>(s), len);
}
void OnError(void*, const xmlError*) {}  // malformed markup is the norm

htmlSAXHandler MakeHandler() {
  htmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.startElement = OnStart;
  sax.endElement = OnEnd;
  sax.characters = OnCharacters;
  sax.ignorableWhitespace = OnCharacters;
  sax.cdataBlock = OnCharacters;  // script and style content
  sax.serror = reinterpret_cast<xmlStructuredErrorFunc>(OnError);
  sax.initialized = XML_SAX2_MAGIC;  // so that serror is used
  return sax;
}

}  // namespace

std::optional<std::string> CapTagAttributes(std::string_view html,
                                            size_t max_attributes) {
  std::optional<std::string> out;
  const size_t n = html.size();
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  };
  size_t i = 0;
  while (i < n) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    i = lt + 1;
    const char first = html[i];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
      continue;
    }
    while (i < n && !is_space(html[i]) && html[i] != '>' && html[i] != '/') ++i;
    size_t attributes = 0;
    while (i < n && html[i] != '>') {
      if (is_space(html[i]) || html[i] == '/') {
        ++i;
        continue;
      }
      const size_t start = i;  // an attribute's name
      while (i < n && !is_space(html[i]) && html[i] != '>' && html[i] != '=' &&
             !(html[i] == '/' && i + 1 < n && html[i + 1] == '>')) {
        ++i;
      }
      while (i < n && is_space(html[i])) ++i;
      if (i < n && html[i] == '=') {
        ++i;
        while (i < n && is_space(html[i])) ++i;
        if (i < n && (html[i] == '"' || html[i] == '\'')) {
          const size_t close = html.find(html[i], i + 1);
          i = close == std::string_view::npos ? n : close + 1;
        } else {
          while (i < n && !is_space(html[i]) && html[i] != '>') ++i;
        }
      }
      if (++attributes > max_attributes) {
        if (!out) out.emplace(html);
        std::fill(out->begin() + start, out->begin() + i, ' ');
      }
    }
  }
  return out;
}

Result<HtmlDocument> ParseHtml(std::string_view utf8,
                               const HtmlParseOptions& options) {
  if (utf8.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidArgument("HTML over 2 GB");
  }
  // The scan costs 1.4 % of `eval-extraction`'s instructions (callgrind,
  // 92 pages); a cheaper test that skips it (counting '=') would miss
  // attributes without values, which cost libxml2 as much.
  std::optional<std::string> capped =
      CapTagAttributes(utf8, options.max_attributes);
  if (capped) utf8 = *capped;
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  static const htmlSAXHandler kHandler = MakeHandler();

  HtmlDocument doc;
  HtmlTreeBuilder builder(&doc, utf8.size(), options);
  if (utf8.empty()) return doc;
  htmlParserCtxtPtr ctxt =
      htmlCreateMemoryParserCtxt(utf8.data(), static_cast<int>(utf8.size()));
  if (ctxt == nullptr) return Status::IoError("libxml2: out of memory");
  std::memcpy(ctxt->sax, &kHandler, sizeof kHandler);
  ctxt->_private = &builder;
  ctxt->userData = ctxt;
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                           HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                           HTML_PARSE_IGNORE_ENC;
  htmlCtxtUseOptions(ctxt, kOptions);
  // The input is UTF-8 already: switching to UTF-8 makes libxml2 read it in
  // place (naming "UTF-8" as the document's encoding instead copies every
  // byte through a converter, a tenth of a page's time; naming nothing
  // makes it guess Latin-1), and IGNORE_ENC keeps a <meta charset> inside
  // from making it convert a second time.
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  htmlParseDocument(ctxt);
  htmlFreeParserCtxt(ctxt);
  builder.Finish();
  return doc;
}

}  // namespace newsloom
