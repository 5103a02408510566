#include "html/hints.h"

#include <algorithm>
#include <array>
#include <string>

namespace newsloom {
namespace {

struct Word {
  std::string_view word;
  ChromeKind kind;
  bool prefix;  // matches every word starting with it
};

// Words of class and id values that name page furniture. Whole-word
// entries are short or ambiguous as prefixes ("ad" would match "adjust");
// the long stems are prefixes. Words that content management systems put
// on the article element itself to list its taxonomy are left out:
// WordPress writes "tag-<slug>" and "category-<slug>" on every post.
constexpr auto kChromeWords = std::to_array<Word>({
    // Navigation.
    {"nav", ChromeKind::kNavigation, false},
    {"navbar", ChromeKind::kNavigation, false},
    {"navigation", ChromeKind::kNavigation, false},
    {"menu", ChromeKind::kNavigation, false},
    {"menus", ChromeKind::kNavigation, false},
    {"breadcrumb", ChromeKind::kNavigation, true},
    {"pagination", ChromeKind::kNavigation, false},
    {"pager", ChromeKind::kNavigation, false},
    {"skip", ChromeKind::kNavigation, false},
    // Header, footer, sidebar.
    {"header", ChromeKind::kHeader, false},
    {"masthead", ChromeKind::kHeader, false},
    {"topbar", ChromeKind::kHeader, false},
    {"footer", ChromeKind::kFooter, false},
    {"copyright", ChromeKind::kFooter, false},
    {"colophon", ChromeKind::kFooter, false},
    {"sidebar", ChromeKind::kSidebar, false},
    {"widget", ChromeKind::kSidebar, true},
    {"rail", ChromeKind::kSidebar, false},
    // Share and social bars, article tools.
    {"share", ChromeKind::kShare, true},
    {"sharing", ChromeKind::kShare, false},
    {"social", ChromeKind::kShare, true},
    {"sociable", ChromeKind::kShare, false},
    {"follow", ChromeKind::kShare, false},
    {"toolbar", ChromeKind::kShare, false},
    {"tools", ChromeKind::kShare, false},
    // Comments.
    {"comment", ChromeKind::kComments, true},
    {"disqus", ChromeKind::kComments, false},
    {"respond", ChromeKind::kComments, false},
    {"replies", ChromeKind::kComments, false},
    // Related and recommended stories.
    {"related", ChromeKind::kRelated, true},
    {"recommend", ChromeKind::kRelated, true},
    {"trending", ChromeKind::kRelated, false},
    {"popular", ChromeKind::kRelated, false},
    {"outbrain", ChromeKind::kRelated, false},
    {"taboola", ChromeKind::kRelated, false},
    {"teaser", ChromeKind::kRelated, true},
    {"upnext", ChromeKind::kRelated, false},
    // Advertising.
    {"ad", ChromeKind::kAd, false},
    {"ads", ChromeKind::kAd, false},
    {"adv", ChromeKind::kAd, false},
    {"advert", ChromeKind::kAd, true},
    {"adsense", ChromeKind::kAd, false},
    {"adslot", ChromeKind::kAd, false},
    {"adunit", ChromeKind::kAd, false},
    {"dfp", ChromeKind::kAd, false},
    {"sponsor", ChromeKind::kAd, true},
    {"promo", ChromeKind::kAd, true},
    {"banner", ChromeKind::kAd, false},
    {"commercial", ChromeKind::kAd, false},
    // Banners: newsletter, subscription, cookies, pop-ups.
    {"newsletter", ChromeKind::kBanner, true},
    {"subscribe", ChromeKind::kBanner, false},
    {"subscription", ChromeKind::kBanner, true},
    {"signup", ChromeKind::kBanner, false},
    {"cookie", ChromeKind::kBanner, true},
    {"consent", ChromeKind::kBanner, false},
    {"gdpr", ChromeKind::kBanner, false},
    {"popup", ChromeKind::kBanner, false},
    {"modal", ChromeKind::kBanner, false},
    {"overlay", ChromeKind::kBanner, false},
    {"paywall", ChromeKind::kBanner, false},
    {"donate", ChromeKind::kBanner, false},
    {"cta", ChromeKind::kBanner, false},
    // Bylines and metadata lines.
    {"byline", ChromeKind::kByline, true},
    {"author", ChromeKind::kByline, true},
    {"dateline", ChromeKind::kByline, false},
    {"timestamp", ChromeKind::kByline, false},
    {"meta", ChromeKind::kByline, false},
    {"tags", ChromeKind::kByline, false},
    {"tagcloud", ChromeKind::kByline, false},
    {"keywords", ChromeKind::kByline, false},
    {"bio", ChromeKind::kByline, false},
    // Captions and credits.
    {"caption", ChromeKind::kCaption, true},
    {"credit", ChromeKind::kCaption, true},
    {"figcaption", ChromeKind::kCaption, false},
    // Forms.
    {"search", ChromeKind::kForm, false},
    {"login", ChromeKind::kForm, false},
    {"signin", ChromeKind::kForm, false},
});

// Words that name the article or its body.
constexpr auto kContentWords = std::to_array<std::string_view>({
    "article", "body", "content", "entry", "main", "post", "prose", "story",
    "text",
});

// Every element's class words pass here: the first letter is compared
// before the rest (most words match no entry's first letter).
ChromeKind ChromeWord(std::string_view w) {
  for (const Word& c : kChromeWords) {
    if (c.word[0] != w[0]) continue;
    if (c.prefix ? w.starts_with(c.word) : w == c.word) return c.kind;
  }
  return ChromeKind::kNone;
}

bool IsContentWord(std::string_view w) {
  for (std::string_view c : kContentWords) {
    if (c[0] == w[0] && c == w) return true;
  }
  return false;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerOrDigit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Calls f(word) for each lowercase word of a class or id value. Words are
// cut at kMaxWord bytes (no listed word is that long), in a buffer on the
// stack: this runs for every element of every page.
template <typename F>
void ForEachWord(std::string_view s, F f) {
  constexpr size_t kMaxWord = 32;
  char word[kMaxWord];
  size_t n = 0;
  auto flush = [&] {
    if (n > 0) f(std::string_view(word, n));
    n = 0;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!IsAsciiAlnum(c)) {
      flush();
      continue;
    }
    if (IsUpper(c) && i > 0 && IsLowerOrDigit(s[i - 1])) flush();
    if (n < kMaxWord) word[n++] = IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  flush();
}

// Words of embedded posts (a tweet, an Instagram post) that the article
// quotes: content even when the markup uses social words for them
// ("social-media-embed"). Captions of embedded images stay captions.
bool IsEmbedWord(std::string_view w) {
  return w.starts_with("embed") || w.starts_with("tweet");
}

void AddWords(std::string_view value, ElementHints* h) {
  ForEachWord(value, [&](std::string_view w) {
    if (IsEmbedWord(w)) h->embed = true;
    if (h->chrome == ChromeKind::kNone) h->chrome = ChromeWord(w);
    if (IsContentWord(w)) h->content = true;
  });
}

ChromeKind ChromeFromTag(HtmlTag tag) {
  switch (tag) {
    case HtmlTag::kNav:
      return ChromeKind::kNavigation;
    case HtmlTag::kHeader:
      return ChromeKind::kHeader;
    case HtmlTag::kFooter:
      return ChromeKind::kFooter;
    case HtmlTag::kAside:
      return ChromeKind::kSidebar;
    case HtmlTag::kFigcaption:
      return ChromeKind::kCaption;
    case HtmlTag::kDialog:
      return ChromeKind::kBanner;
    default:
      return ChromeKind::kNone;
  }
}

// WAI-ARIA landmark and widget roles.
ChromeKind ChromeFromRole(std::string_view role, bool* content) {
  if (role == "main" || role == "article") *content = true;
  if (role == "navigation" || role == "menu" || role == "menubar" ||
      role == "tablist" || role == "toolbar") {
    return ChromeKind::kNavigation;
  }
  if (role == "banner") return ChromeKind::kHeader;
  if (role == "contentinfo") return ChromeKind::kFooter;
  if (role == "complementary") return ChromeKind::kSidebar;
  if (role == "search") return ChromeKind::kForm;
  if (role == "dialog" || role == "alertdialog") return ChromeKind::kBanner;
  return ChromeKind::kNone;
}

bool StyleHides(std::string_view style) {
  std::string s;
  for (char c : style) {
    if (c != ' ' && c != '\t') s += (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
  }
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

}  // namespace

std::string_view ChromeKindName(ChromeKind kind) {
  switch (kind) {
    case ChromeKind::kNone:
      return "none";
    case ChromeKind::kHidden:
      return "hidden";
    case ChromeKind::kNavigation:
      return "navigation";
    case ChromeKind::kHeader:
      return "header";
    case ChromeKind::kFooter:
      return "footer";
    case ChromeKind::kSidebar:
      return "sidebar";
    case ChromeKind::kShare:
      return "share";
    case ChromeKind::kComments:
      return "comments";
    case ChromeKind::kRelated:
      return "related";
    case ChromeKind::kAd:
      return "ad";
    case ChromeKind::kBanner:
      return "banner";
    case ChromeKind::kByline:
      return "byline";
    case ChromeKind::kCaption:
      return "caption";
    case ChromeKind::kForm:
      return "form";
  }
  return "none";
}

ElementHints HintsForWords(std::string_view class_or_id) {
  ElementHints h;
  AddWords(class_or_id, &h);
  if (h.embed && h.chrome == ChromeKind::kShare) h.chrome = ChromeKind::kNone;
  return h;
}

ElementHints HintsFor(const HtmlDocument& doc, uint32_t i) {
  ElementHints h;
  const HtmlTag tag = doc.node(i).tag;
  if (doc.has_attr(i, HtmlAttr::kHidden) ||
      doc.attr(i, HtmlAttr::kAriaHidden) == "true" ||
      StyleHides(doc.attr(i, HtmlAttr::kStyle))) {
    h.chrome = ChromeKind::kHidden;
    return h;
  }
  const std::string_view itemprop = doc.attr(i, HtmlAttr::kItemprop);
  if (itemprop == "articleBody" || itemprop == "reviewBody") {
    h.content = h.article_body = true;
    return h;
  }
  h.content = tag == HtmlTag::kArticle || tag == HtmlTag::kMain;
  h.chrome = ChromeFromTag(tag);
  if (h.chrome == ChromeKind::kNone) {
    h.chrome = ChromeFromRole(doc.attr(i, HtmlAttr::kRole), &h.content);
  }
  if (h.chrome == ChromeKind::kNone && tag != HtmlTag::kBody &&
      tag != HtmlTag::kHtml) {
    AddWords(doc.attr(i, HtmlAttr::kClass), &h);
    AddWords(doc.attr(i, HtmlAttr::kId), &h);
    if (h.embed && h.chrome == ChromeKind::kShare) h.chrome = ChromeKind::kNone;
    h.chrome_from_words = h.chrome != ChromeKind::kNone;
  }
  return h;
}

}  // namespace newsloom
