#include "html/metadata.h"

#include <libxml/HTMLparser.h>
#include <unicode/utf8.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>

#include "base/article.h"
#include "base/ascii.h"
#include "base/utf8.h"
#include "html/dates.h"

namespace newsloom {
namespace {

using nlohmann::json;

// Collapses white space runs to one space and trims.
std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsHtmlSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool LooksLikeUrl(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") ||
         s.starts_with("//") || s.starts_with("www.");
}

// ---- Meta tags -----------------------------------------------------------

// <meta> name/property (lowercased) -> first content, and the other
// markup the sources read.
struct Markup {
  std::map<std::string, std::string> meta;
  std::string canonical;
  std::string html_lang;
  std::string first_h1;
  std::string title_tag;
  std::vector<std::string> itemprop_authors;
  std::string itemprop_published, itemprop_modified;
  std::string time_published;  // the chosen <time datetime>
};

void ReadMeta(const HtmlDocument& doc, uint32_t i, Markup* m) {
  std::string_view key = doc.attr(i, HtmlAttr::kProperty);
  if (key.empty()) key = doc.attr(i, HtmlAttr::kName);
  if (key.empty()) key = doc.attr(i, HtmlAttr::kItemprop);
  if (key.empty() && !doc.attr(i, HtmlAttr::kHttpEquiv).empty()) {
    key = doc.attr(i, HtmlAttr::kHttpEquiv);
  }
  const std::string_view content = doc.attr(i, HtmlAttr::kContent);
  if (key.empty() || TrimAscii(content).empty()) return;
  m->meta.emplace(AsciiLowerCopy(TrimAscii(key)), Collapse(content));
}

bool InsideArticle(const HtmlDocument& doc, uint32_t i) {
  for (uint32_t p = doc.node(i).parent; p != HtmlNode::kNone;
       p = doc.node(p).parent) {
    if (doc.node(p).tag == HtmlTag::kArticle ||
        doc.attr(p, HtmlAttr::kItemprop) == "articleBody") {
      return true;
    }
  }
  return false;
}

Markup ReadMarkup(const HtmlDocument& doc) {
  Markup m;
  bool time_is_strong = false;
  for (uint32_t i = 0; i < doc.size(); ++i) {
    const HtmlNode& n = doc.node(i);
    if (n.is_text()) continue;
    switch (n.tag) {
      case HtmlTag::kHtml:
        m.html_lang = doc.attr(i, HtmlAttr::kLang);
        if (m.html_lang.empty()) m.html_lang = doc.attr(i, HtmlAttr::kXmlLang);
        break;
      case HtmlTag::kMeta:
        ReadMeta(doc, i, &m);
        break;
      case HtmlTag::kLink:
        if (m.canonical.empty() &&
            AsciiLowerCopy(doc.attr(i, HtmlAttr::kRel)) == "canonical") {
          m.canonical = TrimAscii(doc.attr(i, HtmlAttr::kHref));
        }
        break;
      case HtmlTag::kTitle:
        if (m.title_tag.empty()) m.title_tag = Collapse(doc.InnerText(i));
        break;
      case HtmlTag::kH1:
        if (m.first_h1.empty()) m.first_h1 = Collapse(doc.InnerText(i));
        break;
      case HtmlTag::kTime: {
        const std::string_view dt = doc.attr(i, HtmlAttr::kDatetime);
        const bool strong = InsideArticle(doc, i);
        if (!dt.empty() && (m.time_published.empty() ||
                            (strong && !time_is_strong))) {
          m.time_published = dt;
          time_is_strong = strong;
        }
        break;
      }
      default:
        break;
    }
    const std::string_view itemprop = doc.attr(i, HtmlAttr::kItemprop);
    if (itemprop.empty() || n.tag == HtmlTag::kMeta) {
      if (n.tag == HtmlTag::kMeta && !itemprop.empty()) {
        const std::string_view c = doc.attr(i, HtmlAttr::kContent);
        if (itemprop == "datePublished" && m.itemprop_published.empty()) {
          m.itemprop_published = c;
        } else if (itemprop == "dateModified" && m.itemprop_modified.empty()) {
          m.itemprop_modified = c;
        }
      }
      continue;
    }
    if (itemprop == "datePublished" || itemprop == "dateModified") {
      std::string v(doc.attr(i, HtmlAttr::kDatetime));
      if (v.empty()) v = doc.attr(i, HtmlAttr::kContent);
      if (v.empty()) v = Collapse(doc.InnerText(i));
      std::string& slot = itemprop == "datePublished" ? m.itemprop_published
                                                      : m.itemprop_modified;
      if (slot.empty()) slot = v;
    } else if (itemprop == "author" || itemprop == "creator") {
      // Either the name itself or an item with itemprop="name" inside.
      std::string name;
      for (uint32_t k = i + 1; k < n.end; ++k) {
        if (!doc.node(k).is_text() &&
            doc.attr(k, HtmlAttr::kItemprop) == "name") {
          name = doc.attr(k, HtmlAttr::kContent);
          if (name.empty()) name = Collapse(doc.InnerText(k));
          break;
        }
      }
      if (name.empty()) name = doc.attr(i, HtmlAttr::kContent);
      if (name.empty()) name = Collapse(doc.InnerText(i));
      if (!name.empty() && name.size() < 200) {
        m.itemprop_authors.push_back(name);
      }
    }
  }
  return m;
}

std::string Meta(const Markup& m, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) {
    auto it = m.meta.find(std::string(k));
    if (it != m.meta.end() && !it->second.empty()) return it->second;
  }
  return {};
}

// ---- JSON-LD -------------------------------------------------------------

bool IsArticleType(const json& type) {
  static constexpr auto kTypes = std::to_array<std::string_view>(
      {"Article", "NewsArticle", "BlogPosting", "ReportageNews",
       "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
       "ReviewNewsArticle", "LiveBlogPosting", "TechArticle",
       "ScholarlyArticle", "Report", "SocialMediaPosting", "WebPage"});
  auto one = [&](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return std::find(kTypes.begin(), kTypes.end(), s) != kTypes.end() &&
           s != "WebPage";
  };
  if (type.is_array()) return std::any_of(type.begin(), type.end(), one);
  return one(type);
}

void CollectObjects(const json& j, std::vector<const json*>* out, int depth) {
  if (depth > 6) return;
  if (j.is_array()) {
    for (const json& e : j) CollectObjects(e, out, depth + 1);
  } else if (j.is_object()) {
    out->push_back(&j);
    if (auto g = j.find("@graph"); g != j.end()) {
      CollectObjects(*g, out, depth + 1);
    }
  }
}

// `s` with the HTML character references a JSON-LD string may hold
// ("doesn&#8217;t", "AT&amp;T": sites write their HTML-escaped text into
// it) replaced by what they stand for; an unknown one stays as written.
std::string DecodeReferences(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    // A reference is at most 12 bytes ("&#x10FFFF;", "&thetasym;"): looked
    // for that far only, or a text of many '&' and no ';' is quadratic.
    const size_t length = s[i] == '&' ? s.substr(i, 13).find(';') : std::string_view::npos;
    if (length == std::string_view::npos || length == 1) {
      out += s[i++];
      continue;
    }
    const size_t semi = i + length;
    const std::string_view ref = s.substr(i + 1, semi - i - 1);
    UChar32 c = -1;
    if (ref[0] == '#') {
      const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      const std::string digits(ref.substr(hex ? 2 : 1));
      char* end = nullptr;
      const long v = digits.empty() ? -1 : std::strtol(digits.c_str(), &end, hex ? 16 : 10);
      if (end != nullptr && *end == '\0' && v > 0 && v <= 0x10FFFF &&
          !(v >= 0xD800 && v <= 0xDFFF)) {
        c = static_cast<UChar32>(v);
      }
    } else {
      const std::string name(ref);
      if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
        c = static_cast<UChar32>(e->value);
      }
    }
    if (c < 0) {
      out += s[i++];
      continue;
    }
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, c, error);
    if (error) {
      out += s[i++];
      continue;
    }
    out.append(buf, static_cast<size_t>(len));
    i = semi + 1;
  }
  return out;
}

std::string String(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return Collapse(DecodeReferences(it->get_ref<const std::string&>()));
  return {};
}

// A name from a string, an object with "name", or an array of either.
void Names(const json& j, std::vector<std::string>* out) {
  if (j.is_string()) {
    std::string s = Collapse(DecodeReferences(j.get_ref<const std::string&>()));
    if (!s.empty() && !LooksLikeUrl(s)) out->push_back(s);
  } else if (j.is_object()) {
    if (auto n = j.find("name"); n != j.end()) Names(*n, out);
  } else if (j.is_array()) {
    for (const json& e : j) Names(e, out);
  }
}

struct JsonLd {
  json root;  // owns everything the pointers below point into
  const json* article = nullptr;
  std::vector<const json*> objects;
};

void ReadJsonLd(const HtmlDocument& doc, std::vector<JsonLd>* out,
                const json** article) {
  for (const std::string& text : doc.json_ld()) {
    JsonLd ld;
    ld.root = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (ld.root.is_discarded()) continue;
    out->push_back(std::move(ld));
  }
  // Pointers are taken once the vector no longer moves.
  const json* with_headline = nullptr;
  for (JsonLd& ld : *out) {
    CollectObjects(ld.root, &ld.objects, 0);
    for (const json* o : ld.objects) {
      if (*article == nullptr) {
        if (auto t = o->find("@type"); t != o->end() && IsArticleType(*t)) {
          *article = o;
        }
      }
      if (with_headline == nullptr && o->contains("headline")) {
        with_headline = o;
      }
    }
  }
  if (*article == nullptr) *article = with_headline;
}

// ---- Helpers -------------------------------------------------------------

std::string HostOf(std::string_view url) {
  size_t b = url.find("://");
  if (b == std::string_view::npos) return {};
  b += 3;
  size_t e = url.find_first_of("/?#:", b);
  std::string host = AsciiLowerCopy(url.substr(b, e == std::string_view::npos
                                              ? std::string_view::npos
                                              : e - b));
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

// Cuts a trailing " | Site", " - Site", " — Site" from a title when Site is
// the site name or the title's tail is short and the head long.
std::string CleanTitle(std::string title, std::string_view site) {
  static constexpr auto kSeparators = std::to_array<std::string_view>(
      {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xBB "});
  const std::string lower_site = AsciiLowerCopy(site);
  for (std::string_view sep : kSeparators) {
    const size_t at = title.rfind(sep);
    if (at == std::string::npos || at == 0) continue;
    const std::string tail = AsciiLowerCopy(TrimAscii(title.substr(at + sep.size())));
    if ((!lower_site.empty() && (tail == lower_site ||
                                 lower_site.find(tail) != std::string::npos ||
                                 tail.find(lower_site) != std::string::npos))) {
      title.resize(at);
      return title;
    }
  }
  return title;
}

std::optional<ZonedTime> FirstDate(
    std::initializer_list<std::string_view> candidates) {
  for (std::string_view c : candidates) {
    if (auto t = ParsePageDate(c)) return t;
  }
  return std::nullopt;
}

}  // namespace

namespace {

// A part of a byline that names no one but where they work or what they
// are: a site ("Cleveland.com"), an agency or a role ("Associated Press",
// "AP National Political Writer", "CNN Editor-at-large"), credentials
// ("MS", "RD").
bool IsAffiliation(std::string_view part) {
  static constexpr auto kWords = std::to_array<std::string_view>(
      {"press", "writer", "writers", "editor", "editors", "media", "news", "staff",
       "correspondent", "reporter", "international", "agency", "bureau", "desk",
       "contributor", "columnist", "ap", "afp", "reuters", "dpa", "efe", "ansa"});
  // Degrees and licences written after a name ("Rachael Link, MS, RD"),
  // dots out.
  static constexpr auto kCredentials = std::to_array<std::string_view>(
      {"ms", "rd", "md", "phd", "rn", "mph", "mba", "jd", "dds", "cpa", "msc", "bsc", "ma",
       "ba", "mfa", "dphil", "llm", "np", "pa"});
  bool credentials = true;
  size_t words = 0;
  for (size_t i = 0; i < part.size();) {
    while (i < part.size() && IsAsciiSpace(part[i])) ++i;
    size_t j = i;
    while (j < part.size() && !IsAsciiSpace(part[j])) ++j;
    if (j == i) break;
    const std::string_view w = part.substr(i, j - i);
    ++words;
    // "Cleveland.com", "NJ.com": a dot between letters, no initial.
    const size_t dot = w.find('.');
    if (dot != std::string_view::npos && dot > 1 && dot + 1 < w.size()) return true;
    std::string lower = AsciiLowerCopy(w);
    for (size_t k = lower.find('-'); k != std::string::npos; k = lower.find('-')) {
      lower.erase(k);  // "editor-at-large"
    }
    if (std::find(kWords.begin(), kWords.end(), lower) != kWords.end()) return true;
    std::string bare;
    for (const char c : lower) {
      if (c != '.') bare += c;
    }
    credentials &= std::find(kCredentials.begin(), kCredentials.end(), bare) != kCredentials.end();
    i = j;
  }
  return words > 0 && credentials;
}

}  // namespace

std::vector<std::string> SplitAuthors(std::string_view text) {
  std::string s = Collapse(text);
  std::string lower = AsciiLowerCopy(s);
  for (std::string_view by : {"analysis by ", "opinion by ", "commentary by ", "by "}) {
    if (lower.starts_with(by)) {
      s.erase(0, by.size());
      lower.erase(0, by.size());
      break;
    }
  }
  static constexpr auto kSeparators = std::to_array<std::string_view>(
      {",", ";", " & ", " and ", " und ", " et ", " y ", " e ", "|"});
  std::vector<std::string> out;
  std::vector<std::string> affiliations;  // the byline's when it has no name
  // The names taken, in either list (a name always goes to the same one):
  // searching the lists instead made a byline of 60,000 names take minutes.
  std::unordered_set<std::string> seen;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    size_t sep_len = 0;
    // A full stop after a word ends a name ("Finian Cunningham. Sputnik
    // International"), not after an initial ("Troy L. Smith") or an
    // abbreviation ("Dr. Jane Doe", "John Smith Jr."). Only the stop is
    // taken, so a separator after it still reads (". and").
    if (i + 1 < s.size() && s[i] == '.' && s[i + 1] == ' ') {
      size_t w = i;
      while (w > 0 && ((s[w - 1] | 0x20) >= 'a' && (s[w - 1] | 0x20) <= 'z')) --w;
      static constexpr auto kAbbreviations = std::to_array<std::string_view>(
          {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "sen", "rep", "gov", "gen",
           "col", "capt", "lt", "sgt", "rev", "hon", "mt", "ft", "inc", "co", "corp", "ltd"});
      const std::string word = AsciiLowerCopy(std::string_view(s).substr(w, i - w));
      if (i - w >= 3 && s[i - 1] >= 'a' && s[i - 1] <= 'z' &&
          std::find(kAbbreviations.begin(), kAbbreviations.end(), word) == kAbbreviations.end()) {
        sep_len = 1;
      }
    }
    if (i < s.size() && sep_len == 0) {
      for (std::string_view sep : kSeparators) {
        if (std::string_view(lower).substr(i, sep.size()) == sep) {
          sep_len = sep.size();
          break;
        }
      }
    }
    if (i == s.size() || sep_len > 0) {
      std::string name(TrimAscii(std::string_view(s).substr(start, i - start)));
      if (!name.empty() && seen.insert(name).second) {
        (IsAffiliation(name) ? affiliations : out).push_back(std::move(name));
      }
      if (sep_len > 0) i += sep_len - 1;
      start = i + 1;
    }
  }
  // "Reuters", "BBC News", "Science X staff": the outlet signs it.
  return out.empty() ? affiliations : out;
}

namespace {

// Adds the names of each of `bylines` (SplitAuthors) to `authors`, those
// not there yet, in order.
void AddAuthors(const std::vector<std::string>& bylines,
                std::vector<std::string>* authors) {
  std::unordered_set<std::string> seen(authors->begin(), authors->end());
  for (const std::string& byline : bylines) {
    for (std::string& one : SplitAuthors(byline)) {
      if (seen.insert(one).second) authors->push_back(std::move(one));
    }
  }
}

bool IsSchemeByte(char c, bool first) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return letter;
  return letter || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// The five parts of RFC 3986 appendix B; a part's has_ flag tells an absent
// part from an empty one ("http://a/b?" has an empty query).
struct UrlParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false,
       has_fragment = false;
};

UrlParts SplitUrl(std::string_view s) {
  UrlParts u;
  // A scheme is a letter, then letters, digits, '+', '-' or '.', then ':'.
  size_t i = 0;
  if (!s.empty() && IsSchemeByte(s[0], true)) {
    while (i < s.size() && IsSchemeByte(s[i], false)) ++i;
    if (i < s.size() && s[i] == ':') {
      u.has_scheme = true;
      u.scheme = s.substr(0, i);
      s.remove_prefix(i + 1);
    }
  }
  if (s.starts_with("//")) {
    const size_t end = s.find_first_of("/?#", 2);
    u.has_authority = true;
    u.authority = s.substr(2, end == std::string_view::npos ? end : end - 2);
    s.remove_prefix(end == std::string_view::npos ? s.size() : end);
  }
  const size_t hash = s.find('#');
  if (hash != std::string_view::npos) {
    u.has_fragment = true;
    u.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  const size_t question = s.find('?');
  if (question != std::string_view::npos) {
    u.has_query = true;
    u.query = s.substr(question + 1);
    s = s.substr(0, question);
  }
  u.path = s;
  return u;
}

// RFC 3986 5.2.4, remove_dot_segments: "/a/b/../c/./d" -> "/a/c/d".
std::string RemoveDotSegments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      const size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const size_t next = in.find('/', 1);
      const size_t n = next == std::string_view::npos ? in.size() : next;
      out.append(in.substr(0, n));
      in.remove_prefix(n);
    }
  }
  return out;
}

std::string JoinUrl(const UrlParts& u, std::string_view path,
                    const UrlParts& query_from) {
  std::string out;
  if (u.has_scheme) out.append(u.scheme).append(":");
  if (u.has_authority) out.append("//").append(u.authority);
  out.append(path);
  if (query_from.has_query) out.append("?").append(query_from.query);
  return out;
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  const std::string_view r = TrimAscii(ref);
  if (r.empty()) return std::string(base);
  const UrlParts b = SplitUrl(base);
  UrlParts t = SplitUrl(r);
  std::string out;
  if (t.has_scheme) {  // absolute: only its dot segments go
    out = JoinUrl(t, RemoveDotSegments(t.path), t);
  } else if (!b.has_scheme || !b.has_authority) {
    return std::string(r);  // nothing to resolve against
  } else if (t.has_authority) {  // "//host/x"
    t.scheme = b.scheme;
    t.has_scheme = true;
    out = JoinUrl(t, RemoveDotSegments(t.path), t);
  } else if (t.path.empty()) {  // "?q", "#f"
    out = JoinUrl(b, b.path, t.has_query ? t : b);
  } else if (t.path.front() == '/') {
    out = JoinUrl(b, RemoveDotSegments(t.path), t);
  } else {  // RFC 3986 5.2.3: merge with the base's directory
    std::string merged =
        b.path.empty() ? "/"
                       : std::string(b.path.substr(0, b.path.rfind('/') + 1));
    merged.append(t.path);
    out = JoinUrl(b, RemoveDotSegments(merged), t);
  }
  if (t.has_fragment) out.append("#").append(t.fragment);
  return out;
}

PageMetadata ExtractMetadata(const HtmlDocument& doc,
                             std::string_view page_url) {
  PageMetadata md;
  const Markup m = ReadMarkup(doc);
  std::vector<JsonLd> lds;
  const json* art = nullptr;
  ReadJsonLd(doc, &lds, &art);
  const json kEmpty = json::object();
  const json& a = art != nullptr ? *art : kEmpty;

  // Address and site first: the title cleaning needs the site name.
  std::string url = m.canonical;
  if (url.empty()) url = Meta(m, {"og:url", "twitter:url"});
  if (url.empty()) url = String(a, "url");
  const std::string base = page_url.empty() ? url : std::string(page_url);
  md.url = url.empty() ? std::string(page_url) : ResolveUrl(base, url);

  md.site = Meta(m, {"og:site_name", "application-name",
                     "apple-mobile-web-app-title"});
  if (md.site.empty()) {
    if (auto p = a.find("publisher"); p != a.end()) {
      std::vector<std::string> names;
      Names(*p, &names);
      if (!names.empty()) md.site = names.front();
    }
  }
  if (md.site.empty()) md.site = HostOf(md.url);

  md.title = String(a, "headline");
  if (md.title.empty()) {
    md.title = Meta(m, {"og:title", "twitter:title", "title", "sailthru.title"});
  }
  // The first <h1> is the headline, unless it is short (under four
  // words) and the <title> is a headline (four words or more, less the
  // site's name) that does not hold it: such an <h1> is the site's name in
  // its own script or a section's (entermedia.co.kr: "엔터 미디어" over
  // "<title>엘제이-류화영 진흙탕 싸움, ... - Entermedia"). A <title> of
  // the site's name alone never wins.
  if (md.title.empty() && !m.first_h1.empty()) {
    // In one pass: replacing each curly quote in place moved the rest of
    // the title every time (a <title> of 80,000 of them took seconds).
    const auto folded = [](std::string_view t) {
      std::string out;
      out.reserve(t.size());
      for (size_t i = 0; i < t.size(); ++i) {
        const std::string_view three = t.substr(i, 3);
        if (three == "\u2019" || three == "\u2018" || three == "\u201C" || three == "\u201D") {
          out += '\'';
          i += 2;
        } else {
          out += AsciiLower(t[i]);
        }
      }
      return out;
    };
    const auto words = [](std::string_view t) {
      return static_cast<size_t>(std::count(t.begin(), t.end(), ' ') + (t.empty() ? 0 : 1));
    };
    const std::string cleaned = CleanTitle(m.title_tag, md.site);
    // A site's name is short in bytes too: a one-word <h1> of half a
    // megabyte is no name, and looking for it in the title took time
    // that grows with the square of the page.
    constexpr size_t kMaxSiteNameBytes = 256;
    const bool headline_title =
        words(m.first_h1) < 4 && m.first_h1.size() <= kMaxSiteNameBytes &&
        words(cleaned) >= 4 &&
        folded(m.title_tag).find(folded(m.first_h1)) == std::string::npos;
    md.title = headline_title ? m.title_tag : m.first_h1;
  }
  if (md.title.empty()) md.title = m.title_tag;
  md.title = CleanTitle(md.title, md.site);

  if (auto au = a.find("author"); au != a.end()) {
    // Bylines as the page writes them ("By MEG KINNARD and ERRIN HAINES,
    // Associated Press"), each read as SplitAuthors reads a meta tag's.
    std::vector<std::string> bylines;
    Names(*au, &bylines);
    AddAuthors(bylines, &md.authors);
  }
  if (md.authors.empty()) {
    std::string meta_author = Meta(m, {"author", "article:author",
                                       "sailthru.author", "parsely-author",
                                       "dc.creator", "byl"});
    if (!meta_author.empty() && !LooksLikeUrl(meta_author)) {
      md.authors = SplitAuthors(meta_author);
    }
  }
  if (md.authors.empty()) AddAuthors(m.itemprop_authors, &md.authors);

  const std::string ld_published = String(a, "datePublished");
  if (auto t = FirstDate({ld_published})) {
    md.published = t;
    md.published_source = "json-ld";
  } else if (auto t2 = FirstDate(
                 {Meta(m, {"article:published_time", "og:published_time",
                           "og:article:published_time",
                           "datepublished", "publishdate", "pubdate",
                           "publish-date", "publication_date",
                           "dc.date.issued", "dcterms.created", "dc.date",
                           "date", "sailthru.date", "parsely-pub-date",
                           "article.published", "published_time"}),
                  m.itemprop_published})) {
    md.published = t2;
    md.published_source = "meta";
  } else if (auto t3 = FirstDate({m.time_published})) {
    md.published = t3;
    md.published_source = "time";
  } else if (auto t4 = FindDateInUrl(md.url.empty() ? page_url : md.url)) {
    md.published = t4;
    md.published_source = "url";
  }
  md.modified = FirstDate({String(a, "dateModified"),
                           Meta(m, {"article:modified_time", "og:updated_time",
                                    "datemodified", "last-modified",
                                    "dcterms.modified"}),
                           m.itemprop_modified});

  md.lang = LanguageCodeFromTag(m.html_lang);
  if (md.lang.empty()) md.lang = LanguageCodeFromTag(Meta(m, {"content-language"}));
  if (md.lang.empty()) md.lang = LanguageCodeFromTag(Meta(m, {"og:locale"}));
  if (md.lang.empty()) md.lang = LanguageCodeFromTag(String(a, "inLanguage"));

  md.article_body = String(a, "articleBody");
  return md;
}

}  // namespace newsloom
