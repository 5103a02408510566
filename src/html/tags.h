// HTML element and attribute names as small enums, with the few properties
// extraction needs (does an element break text into blocks, is its content
// never text, is it a heading, ...).
//
// Only the elements and attributes that extraction or metadata look at have
// their own value; every other element is HtmlTag::kUnknown (treated as an
// inline element, the HTML default for unknown and custom elements) and
// every other attribute is dropped while parsing.
#ifndef NEWSLOOM_HTML_TAGS_H_
#define NEWSLOOM_HTML_TAGS_H_

#include <cstdint>
#include <string_view>

namespace newsloom {

// X(enum name, tag name, properties). Properties are HtmlTagFlags bits.
#define NEWSLOOM_HTML_TAGS(X)                                   \
  X(kA, "a", kLink)                                             \
  X(kAddress, "address", kBlock)                                \
  X(kArticle, "article", kBlock)                                \
  X(kAside, "aside", kBlock)                                    \
  X(kAudio, "audio", kBlock | kNoText)                          \
  X(kB, "b", 0)                                                 \
  X(kBlockquote, "blockquote", kBlock)                          \
  X(kBody, "body", kBlock)                                      \
  X(kBr, "br", 0)                                               \
  X(kButton, "button", kNoText)                                 \
  X(kCanvas, "canvas", kBlock | kNoText)                        \
  X(kCaption, "caption", kBlock)                                \
  X(kCenter, "center", kBlock)                                  \
  X(kDd, "dd", kBlock | kListItem)                              \
  X(kDetails, "details", kBlock)                                \
  X(kDialog, "dialog", kBlock)                                  \
  X(kDiv, "div", kBlock)                                        \
  X(kDl, "dl", kBlock)                                          \
  X(kDt, "dt", kBlock | kListItem)                              \
  X(kEm, "em", 0)                                               \
  X(kEmbed, "embed", kNoText)                                   \
  X(kFieldset, "fieldset", kBlock)                              \
  X(kFigcaption, "figcaption", kBlock)                          \
  X(kFigure, "figure", kBlock)                                  \
  X(kFooter, "footer", kBlock)                                  \
  X(kForm, "form", kBlock)                                      \
  X(kH1, "h1", kBlock | kHeading)                               \
  X(kH2, "h2", kBlock | kHeading)                               \
  X(kH3, "h3", kBlock | kHeading)                               \
  X(kH4, "h4", kBlock | kHeading)                               \
  X(kH5, "h5", kBlock | kHeading)                               \
  X(kH6, "h6", kBlock | kHeading)                               \
  X(kHead, "head", kBlock)                                      \
  X(kHeader, "header", kBlock)                                  \
  X(kHgroup, "hgroup", kBlock)                                  \
  X(kHr, "hr", kBlock)                                          \
  X(kHtml, "html", kBlock)                                      \
  X(kI, "i", 0)                                                 \
  X(kIframe, "iframe", kBlock | kNoText)                        \
  X(kImg, "img", 0)                                             \
  X(kInput, "input", kNoText)                                   \
  X(kLabel, "label", 0)                                         \
  X(kLegend, "legend", kBlock)                                  \
  X(kLi, "li", kBlock | kListItem)                              \
  X(kLink, "link", kNoText)                                     \
  X(kMain, "main", kBlock)                                      \
  X(kMath, "math", kNoText)                                     \
  X(kMenu, "menu", kBlock)                                      \
  X(kMeta, "meta", kNoText)                                     \
  X(kNav, "nav", kBlock)                                        \
  X(kNoscript, "noscript", kBlock | kNoText)                    \
  X(kObject, "object", kBlock | kNoText)                        \
  X(kOl, "ol", kBlock)                                          \
  X(kOption, "option", kBlock | kNoText)                        \
  X(kP, "p", kBlock)                                            \
  X(kPicture, "picture", kNoText)                               \
  X(kPre, "pre", kBlock)                                        \
  X(kQ, "q", 0)                                                 \
  X(kScript, "script", kNoText)                                 \
  X(kSection, "section", kBlock)                                \
  X(kSelect, "select", kBlock | kNoText)                        \
  X(kSmall, "small", 0)                                         \
  X(kSpan, "span", 0)                                           \
  X(kStrong, "strong", 0)                                       \
  X(kStyle, "style", kNoText)                                   \
  X(kSummary, "summary", kBlock)                                \
  X(kSup, "sup", 0)                                             \
  X(kSvg, "svg", kNoText)                                       \
  X(kTable, "table", kBlock)                                    \
  X(kTbody, "tbody", kBlock)                                    \
  X(kTd, "td", kBlock | kCell)                                  \
  X(kTemplate, "template", kNoText)                             \
  X(kTextarea, "textarea", kBlock | kNoText)                    \
  X(kTh, "th", kBlock | kCell)                                  \
  X(kThead, "thead", kBlock)                                    \
  X(kTfoot, "tfoot", kBlock)                                    \
  X(kTime, "time", 0)                                           \
  X(kTitle, "title", kBlock)                                    \
  X(kTr, "tr", kBlock)                                          \
  X(kUl, "ul", kBlock)                                          \
  X(kVideo, "video", kBlock | kNoText)

enum HtmlTagFlags : uint8_t {
  kBlock = 1,         // starts and ends a text block (CSS display: block)
  kNoText = 2,        // its content is never article text (scripts, media,
                      // form controls); kept out of the tree's text
  kHeading = 4,       // h1-h6
  kListItem = 8,      // li, dt, dd
  kCell = 16,         // td, th
  kLink = 32,         // a
};

enum class HtmlTag : uint8_t {
  kUnknown = 0,
  kText,  // a text node, not an element
#define NEWSLOOM_HTML_TAG_ENUM(e, name, flags) e,
  NEWSLOOM_HTML_TAGS(NEWSLOOM_HTML_TAG_ENUM)
#undef NEWSLOOM_HTML_TAG_ENUM
      kCount
};

// The tag for a lowercase element name; kUnknown for any other name.
HtmlTag TagFromName(std::string_view lowercase_name);

// The lowercase name of a tag ("" for kUnknown and kText).
std::string_view TagName(HtmlTag tag);

// HtmlTagFlags of `tag` (0 for kUnknown and kText).
uint8_t TagFlags(HtmlTag tag);

inline bool IsBlock(HtmlTag t) { return TagFlags(t) & kBlock; }
inline bool IsNoText(HtmlTag t) { return TagFlags(t) & kNoText; }
inline bool IsHeading(HtmlTag t) { return TagFlags(t) & kHeading; }

// The attributes kept while parsing; every other attribute is dropped.
#define NEWSLOOM_HTML_ATTRS(X)        \
  X(kId, "id")                        \
  X(kClass, "class")                  \
  X(kRole, "role")                    \
  X(kItemprop, "itemprop")            \
  X(kItemtype, "itemtype")            \
  X(kProperty, "property")            \
  X(kName, "name")                    \
  X(kContent, "content")              \
  X(kHref, "href")                    \
  X(kRel, "rel")                      \
  X(kDatetime, "datetime")            \
  X(kLang, "lang")                    \
  X(kXmlLang, "xml:lang")             \
  X(kHidden, "hidden")                \
  X(kStyle, "style")                  \
  X(kAriaHidden, "aria-hidden")       \
  X(kType, "type")                    \
  X(kCharset, "charset")              \
  X(kHttpEquiv, "http-equiv")

enum class HtmlAttr : uint8_t {
#define NEWSLOOM_HTML_ATTR_ENUM(e, name) e,
  NEWSLOOM_HTML_ATTRS(NEWSLOOM_HTML_ATTR_ENUM)
#undef NEWSLOOM_HTML_ATTR_ENUM
      kCount
};

// The attribute for a lowercase attribute name, or HtmlAttr::kCount when
// it is not kept.
HtmlAttr AttrFromName(std::string_view lowercase_name);

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_TAGS_H_
