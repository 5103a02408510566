// What an element's markup says about it, before any text is looked at:
// its tag, role, hidden-ness and the words of its class and id.
//
// Class and id values are split into words at every character that is not
// an ASCII letter or digit and at lower-to-upper case changes
// ("articleBody" -> article body, "post-content__text" -> post content
// text), lowercased, and looked up in two small tables (hints.cc), the
// kind of word lists Readability (Arc90/Mozilla), Boilerpipe and
// Trafilatura use:
//   - chrome words name page furniture: navigation and menus, headers and
//     footers, sidebars and widgets, share and social bars, comments,
//     related and recommended stories, advertising and sponsored blocks,
//     newsletter, subscription, cookie and consent banners, pop-ups,
//     bylines, tags, breadcrumbs, captions and credits;
//   - content words name the article: article, story, content, entry,
//     post, body, text, main.
// Hidden-ness is read from markup only (the hidden attribute,
// aria-hidden="true", an inline display:none or visibility:hidden), not
// from class words: "field--label-hidden" hides a label, not the field.
// A few long stems match as prefixes (advert..., comment..., sponsor...,
// newsletter..., social..., related..., recommend..., promo...); short words
// match whole ("ad", "nav", "tags"), so "shadow", "header-ad" and "nav"
// are told apart ("header-ad" is chrome twice). Chrome wins over content
// in one element ("article-footer" is chrome); an embedded post wins over
// share and social words ("social-media-embed" is a quoted tweet).
//
// Thread safety: all functions are thread-safe.
#ifndef NEWSLOOM_HTML_HINTS_H_
#define NEWSLOOM_HTML_HINTS_H_

#include <cstdint>
#include <string_view>

#include "html/dom.h"

namespace newsloom {

// Why an element is taken for page furniture. kNone: no markup evidence.
enum class ChromeKind : uint8_t {
  kNone = 0,
  kHidden,      // hidden, aria-hidden="true", style display:none
  kNavigation,  // <nav>, role=navigation/menu, nav/menu/breadcrumb words
  kHeader,      // <header>, role=banner, header/masthead words
  kFooter,      // <footer>, role=contentinfo, footer words
  kSidebar,     // <aside>, role=complementary, sidebar/widget words
  kShare,       // share, social, print, email bars
  kComments,    // comment sections
  kRelated,     // related, recommended, more stories, trending
  kAd,          // advertising, sponsored, promotions
  kBanner,      // newsletter, subscription, cookie, consent, pop-ups
  kByline,      // byline, author, date, tags, metadata lines
  kCaption,     // <figcaption>, caption and credit words
  kForm,        // <form> parts: search boxes, login
};

// "hidden", "navigation", ...
std::string_view ChromeKindName(ChromeKind kind);

struct ElementHints {
  ChromeKind chrome = ChromeKind::kNone;
  // The chrome kind comes from class or id words only (weaker evidence
  // than a tag, a role or hidden-ness: the same words name wrappers of
  // whole pages, "main-with-sidebar").
  bool chrome_from_words = false;
  // The element names itself as the article or its body (content words,
  // <article>, <main>, role=main/article, itemprop=articleBody).
  bool content = false;
  // itemprop="articleBody" (or reviewBody): the publisher's own statement
  // of where the body is.
  bool article_body = false;
  // Class or id words of an embedded post the article quotes ("embed...",
  // "tweet..."): such an element is not share chrome.
  bool embed = false;
};

// The hints of element i of `doc`. REQUIRES: i is an element.
ElementHints HintsFor(const HtmlDocument& doc, uint32_t i);

// The chrome and content words of a class or id value, for tests.
ElementHints HintsForWords(std::string_view class_or_id);

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_HINTS_H_
