// A parsed HTML page: a compact, read-only tree of elements and text.
//
// ParseHtml() runs libxml2's HTML parser (the tolerant HTML 4 parser of
// Debian's libxml2, the one lxml uses) in SAX mode and records what it
// reports into flat arrays: no libxml2 tree is built. libxml2 does the
// hard part of HTML, tag soup: implied and auto-closed elements (`<p>`
// closed by the next `<p>` or a `<div>`), unclosed and stray end tags, and
// character references, so the tree here is the tree a browser-like parser
// repairs the markup into.
//
// Nodes are stored in document order (pre-order), so the subtree of node i
// is exactly the index range [i, node(i).end). Text nodes keep their text
// as decoded (entities resolved, white space untouched); adjacent text the
// parser reports in pieces is one node. The content of kNoText elements
// (scripts, styles, media, form controls; see tags.h) is not kept, except
// `<script type="application/ld+json">`, whose text is collected in
// json_ld() for metadata. Only the attributes listed in tags.h are kept.
//
// Thread safety: a built HtmlDocument is immutable and may be shared.
#ifndef NEWSLOOM_HTML_DOM_H_
#define NEWSLOOM_HTML_DOM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "html/tags.h"

namespace newsloom {

struct HtmlNode {
  static constexpr uint32_t kNone = UINT32_MAX;

  HtmlTag tag = HtmlTag::kUnknown;  // HtmlTag::kText for text
  uint32_t parent = kNone;
  uint32_t end = 0;  // one past the last node of this node's subtree
  uint32_t depth = 0;
  // Text: the text's bytes in HtmlDocument::text_pool(). Element: its
  // attributes, entries [begin, begin + size) of HtmlDocument::attrs().
  uint32_t begin = 0;
  uint32_t size = 0;

  bool is_text() const { return tag == HtmlTag::kText; }
};

struct HtmlAttribute {
  HtmlAttr name;
  uint32_t begin = 0;  // the value's bytes in HtmlDocument::text_pool()
  uint32_t size = 0;
};

class HtmlDocument {
 public:
  // Every node, in document order. Node 0 is the root element (normally
  // <html>) when the page has any element.
  const std::vector<HtmlNode>& nodes() const { return nodes_; }
  const HtmlNode& node(uint32_t i) const { return nodes_[i]; }
  size_t size() const { return nodes_.size(); }

  // A text node's text. REQUIRES: node(i).is_text().
  std::string_view text(uint32_t i) const {
    return View(nodes_[i].begin, nodes_[i].size);
  }

  // The value of attribute `a` of element i, or `fallback` when absent.
  std::string_view attr(uint32_t i, HtmlAttr a,
                        std::string_view fallback = {}) const;
  bool has_attr(uint32_t i, HtmlAttr a) const;

  // The node's children in order: for (uint32_t c = first_child(i);
  // c != HtmlNode::kNone; c = next_sibling(c)).
  uint32_t first_child(uint32_t i) const {
    return i + 1 < nodes_[i].end ? i + 1 : HtmlNode::kNone;
  }
  uint32_t next_sibling(uint32_t i) const {
    const uint32_t p = nodes_[i].parent;
    const uint32_t n = nodes_[i].end;
    return p != HtmlNode::kNone && n < nodes_[p].end ? n : HtmlNode::kNone;
  }

  // The contents of each `<script type="application/ld+json">`, in order.
  const std::vector<std::string>& json_ld() const { return json_ld_; }

  // The text of the subtree of i, text nodes concatenated with nothing in
  // between (white space as in the page). For short things: titles, dates.
  std::string InnerText(uint32_t i) const;

  // Byte size of the HTML that was parsed.
  size_t source_bytes() const { return source_bytes_; }

 private:
  friend class HtmlTreeBuilder;
  std::string_view View(uint32_t begin, uint32_t size) const {
    return std::string_view(pool_).substr(begin, size);
  }

  std::vector<HtmlNode> nodes_;
  std::vector<HtmlAttribute> attrs_;
  std::string pool_;  // text and attribute values
  std::vector<std::string> json_ld_;
  size_t source_bytes_ = 0;
};

struct HtmlParseOptions {
  // Elements nested deeper than this are flattened into their ancestor at
  // this depth (their text is kept): bounds recursion in later stages on
  // pathological pages. libxml2 itself stops at 256 levels without
  // HTML_PARSE_HUGE.
  uint32_t max_depth = 200;
  // Attributes of one tag beyond this many are dropped before libxml2
  // reads the page (blanked to spaces, so byte offsets stay): its check
  // for repeated attribute names costs time quadratic in their number
  // (200,000 on one tag, a 2.4 MB page, took 46 s).
  uint32_t max_attributes = 10000;
};

// `html` with the attributes of each tag past the first `max_attributes`
// blanked to spaces (same length), or nullopt when no tag has more. Tags
// are read as HTML tokenises them: "<" and a letter, then attributes with
// quoted or unquoted values, up to the ">" outside quotes.
std::optional<std::string> CapTagAttributes(std::string_view html,
                                            size_t max_attributes);

// Parses `utf8` (HTML already converted to UTF-8, see encoding.h). Never
// fails on malformed markup: libxml2 repairs it. A tag's attributes past
// options.max_attributes are dropped (CapTagAttributes). Returns InvalidArgument
// only when the input is over 2 GB (libxml2 takes an int size). Invalid
// UTF-8 sequences are the caller's to avoid (ConvertToUtf8 replaces them);
// libxml2 may stop reading at one.
Result<HtmlDocument> ParseHtml(std::string_view utf8,
                               const HtmlParseOptions& options = {});

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_DOM_H_
