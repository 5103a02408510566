#include "feed/feed_parser.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <xxhash.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "base/utf8.h"
#include "feed/xml_references.h"
#include "html/dates.h"
#include "html/encoding.h"
#include "html/metadata.h"
#include "ingest/jsonl.h"

namespace newsloom {
namespace {

constexpr std::string_view kNsContent =
    "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kNsDublinCore = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kNsRdf =
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kJsonFeedVersion = "https://jsonfeed.org/version/";
constexpr char kNsXml[] = "http://www.w3.org/XML/1998/namespace";

std::string FeedError(std::string_view feed_url, std::string_view what) {
  return "feed " + std::string(feed_url) + ": " + std::string(what);
}

// ---- Dates ----

// Unix times as digits alone ("1515164121"): from 9 digits (1973) up,
// milliseconds from this many (as seconds they would be past the year
// 5000), taken between 1990 and 2100 as page dates are (html/dates.h).
constexpr size_t kMinEpochDigits = 9;
constexpr size_t kMaxEpochDigits = 13;
constexpr int64_t kMillisecondEpoch = 100'000'000'000;
constexpr int64_t kEarliestEpoch = 631'152'000;    // 1990-01-01
constexpr int64_t kLatestEpoch = 4'102'444'800;    // 2100-01-01

std::optional<ZonedTime> EpochTime(std::string_view text) {
  if (text.size() < kMinEpochDigits || text.size() > kMaxEpochDigits ||
      !std::all_of(text.begin(), text.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  int64_t t = 0;
  for (char c : text) t = t * 10 + (c - '0');
  if (t >= kMillisecondEpoch) t /= 1000;
  if (t < kEarliestEpoch || t > kLatestEpoch) return std::nullopt;
  ZonedTime z;
  z.utc = static_cast<UnixSeconds>(t);
  z.offset_minutes = 0;  // an instant: UTC
  z.has_time = true;
  return z;
}

// RSS writes RFC 822, Atom and JSON Feed ISO 8601; feeds mix them up, so
// both are tried, then what JSONL's "date" reads (ParsePageDate: zone
// names such as CET or JST, "+01:00" in RFC 822, "GMT+0100", "Friday,
// January 5, 2018 - 15:55"), then Unix seconds or milliseconds as digits.
// Counts what did not parse for one warning per feed.
struct DateReader {
  size_t failed = 0;
  std::string first_failure;

  std::optional<ZonedTime> Read(std::string_view text) {
    text = TrimAscii(text);
    if (text.empty()) return std::nullopt;
    if (Result<ZonedTime> t = ParseRfc822TimeZoned(text); t.ok()) return *t;
    if (Result<ZonedTime> t = ParseIsoTimeZoned(text); t.ok()) return *t;
    if (std::optional<ZonedTime> t = ParsePageDate(text)) return t;
    if (std::optional<ZonedTime> t = EpochTime(text)) return t;
    if (failed++ == 0) first_failure = Abbreviate(text, 60);
    return std::nullopt;
  }

  void Report(Feed* feed) const {
    if (failed == 0) return;
    feed->warnings.push_back(std::to_string(failed) +
                             " item dates did not parse (first: \"" +
                             first_failure + "\"); those items are undated");
  }
};

// ---- XML helpers ----

std::string_view Str(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : "";
}

std::string_view NsOf(const xmlNode* n) {
  return n->ns ? Str(n->ns->href) : "";
}

bool IsElement(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }

// A core element of the format: its namespace is its parent's (none in RSS
// 2.0, the RSS 1.0 namespace in RDF, the Atom namespace in Atom), so that
// <atom:link> inside an RSS channel is not the channel's <link>.
bool IsCore(const xmlNode* n, const xmlNode* parent, std::string_view name) {
  return IsElement(n) && Str(n->name) == name && NsOf(n) == NsOf(parent);
}

bool IsIn(const xmlNode* n, std::string_view ns, std::string_view name) {
  return IsElement(n) && Str(n->name) == name && NsOf(n) == ns;
}

// The text of an element: its text and CDATA descendants in order. Entity
// references are never expanded (the billion-laughs guard of the header).
void AppendText(const xmlNode* n, std::string* out) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out->append(Str(c->content));
    } else if (c->type == XML_ELEMENT_NODE) {
      AppendText(c, out);
    }
  }
}

std::string TextOf(const xmlNode* n) {
  std::string out;
  AppendText(n, &out);
  return std::string(TrimAscii(out));
}

std::string_view AttrOf(const xmlNode* n, const char* name,
                        const char* ns = nullptr) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (Str(a->name) != name) continue;
    if (ns != nullptr && (a->ns == nullptr || Str(a->ns->href) != ns)) continue;
    if (a->children && a->children->type == XML_TEXT_NODE) {
      return Str(a->children->content);
    }
  }
  return "";
}

// The base URI in scope at `n` (XML Base, which Atom uses and any XML
// may): the xml:base attributes of `n` and its ancestors, each resolved
// against the one outside it and the outermost against `doc_base` (the
// feed's own address, when it is http). "" when no xml:base is in scope,
// or when those in scope are relative with nothing absolute under them.
std::string XmlBaseOf(const xmlNode* n, std::string_view doc_base) {
  std::vector<std::string_view> bases;  // innermost first
  for (const xmlNode* e = n; e != nullptr && IsElement(e); e = e->parent) {
    if (std::string_view b = TrimAscii(AttrOf(e, "base", kNsXml)); !b.empty())
      bases.push_back(b);
  }
  if (bases.empty()) return "";
  std::string base(doc_base);
  for (auto b = bases.rbegin(); b != bases.rend(); ++b) {
    base = ResolveUrl(base, *b);
  }
  // Still relative: no absolute address to read it against.
  return base.find("://") == std::string::npos ? "" : base;
}

// A link as URLs are read (WHATWG URL): tab, LF and CR are dropped
// wherever they are, so "http://h/a\nnewsloom: FAKE" is one address on one
// line; another control byte (ESC, DEL) is percent-encoded.
std::string CleanLink(std::string_view link) {
  std::string out;
  out.reserve(link.size());
  for (char c : TrimAscii(link)) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (b < 0x20 || b == 0x7F) {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

// A link as written in element `n`, resolved against the xml:base in scope;
// left relative when there is none (Reader::Finish resolves it against the
// feed's link or address).
std::string LinkIn(const xmlNode* n, std::string_view href,
                   std::string_view doc_base) {
  const std::string base = XmlBaseOf(n, doc_base);
  return base.empty() ? std::string(TrimAscii(href)) : ResolveUrl(base, href);
}

// Atom type="xhtml": the markup inside the wrapping <div>, serialised.
std::string InnerXml(xmlDoc* doc, const xmlNode* n) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buf(xmlBufferCreate(),
                                                           xmlBufferFree);
  if (!buf) return "";
  for (xmlNode* c = n->children; c != nullptr; c = c->next) {
    xmlNodeDump(buf.get(), doc, c, 0, 0);
  }
  return std::string(TrimAscii(Str(xmlBufferContent(buf.get()))));
}

// Collects libxml2's errors: the first one, with its line, for messages.
struct XmlErrors {
  size_t count = 0;
  std::string first;
};

void OnXmlError(void* ctx, const xmlError* e) {
  auto* errors =
      static_cast<XmlErrors*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
  if (errors->count++ > 0 || e == nullptr) return;
  // libxml2's messages may hold a line feed ("... indicate encoding !\nBytes:
  // 0xE7 ..."): one problem is one line.
  std::string msg(TrimAscii(e->message ? e->message : "malformed XML"));
  std::replace(msg.begin(), msg.end(), '\n', ' ');
  errors->first =
      "line " + std::to_string(e->line) + ": " + Abbreviate(msg, 200);
}

using XmlDocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

XmlDocPtr ParseXml(std::string_view bytes, XmlErrors* errors, const char* encoding) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  XmlDocPtr doc(nullptr, xmlFreeDoc);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return doc;
  ctxt->_private = errors;
  ctxt->sax->serror = reinterpret_cast<xmlStructuredErrorFunc>(OnXmlError);
  // Recover what can be; never touch the network; no NOENT (entities stay
  // references), no DTD loading, no XML_PARSE_HUGE (amplification limits
  // stay on).
  constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET |
                           XML_PARSE_NOWARNING | XML_PARSE_NOERROR;
  doc.reset(xmlCtxtReadMemory(ctxt, bytes.data(),
                              static_cast<int>(bytes.size()), nullptr, encoding,
                              kOptions));
  xmlFreeParserCtxt(ctxt);
  return doc;
}

// ---- The formats ----

struct Reader {
  std::string_view feed_url;
  const FeedParseOptions& options;
  Feed feed;
  DateReader dates;
  size_t dropped = 0;
  size_t last_position = 0;  // of the last item added
  size_t item_problems = 0;  // ItemProblem calls

  // A warning about one item or field, up to options.max_item_warnings.
  void ItemProblem(std::string message) {
    if (item_problems++ < options.max_item_warnings) {
      feed.warnings.push_back(std::move(message));
    }
  }

  // Whatever the document and libxml2 did, the text handed on is UTF-8:
  // a byte that is not (a feed that declares UTF-8 but is written in
  // windows-1252, say) becomes U+FFFD, with one warning.
  void RepairText() {
    size_t fields = 0;
    auto repair = [&fields](std::string* s) {
      if (IsValidUtf8(*s)) return;
      *s = RepairUtf8(*s);
      ++fields;
    };
    repair(&feed.title);
    repair(&feed.link);
    for (FeedItem& item : feed.items) {
      for (std::string* s : {&item.id, &item.title, &item.link, &item.summary,
                             &item.content}) {
        repair(s);
      }
      for (std::string& a : item.authors) repair(&a);
    }
    if (fields > 0) {
      feed.warnings.push_back(
          "invalid UTF-8 in " + Counted(fields, "field", "fields") +
          " replaced with U+FFFD (is the declared encoding right?)");
    }
  }

  // The document's own address, the last base of its relative links: the
  // feed URL when it is http(s), else "".
  std::string_view DocBase() const {
    return feed_url.starts_with("http") ? feed_url : std::string_view();
  }

  // Adds an item unless max_items is reached. An item without a position
  // gets the next one after the last item added.
  void Add(FeedItem item) {
    if (item.position == 0) item.position = last_position + 1;
    last_position = item.position;
    if (feed.items.size() >= options.max_items) {
      ++dropped;
      return;
    }
    feed.items.push_back(std::move(item));
  }

  Feed Finish() {
    RepairText();
    if (item_problems > options.max_item_warnings) {
      feed.warnings.push_back(
          std::to_string(item_problems - options.max_item_warnings) +
          " more problems with items not listed");
    }
    dates.Report(&feed);
    if (dropped > 0) {
      feed.warnings.push_back(std::to_string(dropped) +
                              " items after the first " +
                              std::to_string(options.max_items) + " dropped");
    }
    // Links still relative (no xml:base) resolve against the site, else
    // the feed's address; a local feed file's stay as written. Every
    // absolute link loses its dot segments ("http://h/a/../b").
    std::string base = CleanLink(feed.link);
    if (!base.starts_with("http")) base.clear();
    if (base.empty()) base = DocBase();
    feed.link = CleanLink(feed.link);
    for (FeedItem& item : feed.items) {
      if (!item.link.empty()) item.link = ResolveUrl(base, CleanLink(item.link));
    }
    return std::move(feed);
  }
};

// One RSS <item>, 2.0 or 1.0 (their element names agree).
FeedItem ReadRssItem(const xmlNode* item, DateReader* dates,
                     std::string_view doc_base) {
  FeedItem out;
  bool guid_is_link = false;
  for (const xmlNode* c = item->children; c != nullptr; c = c->next) {
    if (IsCore(c, item, "title")) {
      out.title = TextOf(c);
    } else if (IsCore(c, item, "link")) {
      out.link = LinkIn(c, TextOf(c), doc_base);
    } else if (IsCore(c, item, "guid")) {
      out.id = TextOf(c);
      guid_is_link = AttrOf(c, "isPermaLink") != "false";
    } else if (IsCore(c, item, "pubDate") ||
               (IsIn(c, kNsDublinCore, "date") && !out.published)) {
      out.published = dates->Read(TextOf(c));
    } else if (IsCore(c, item, "description")) {
      out.summary = TextOf(c);
    } else if (IsIn(c, kNsContent, "encoded")) {
      out.content = TextOf(c);
    } else if (IsCore(c, item, "author") || IsIn(c, kNsDublinCore, "creator")) {
      if (std::string a = TextOf(c); !a.empty()) out.authors.push_back(a);
    }
  }
  if (out.id.empty())
    out.id = std::string(AttrOf(item, "about", kNsRdf.data()));
  if (out.link.empty() && guid_is_link &&
      (out.id.starts_with("http://") || out.id.starts_with("https://"))) {
    out.link = ResolveUrl("", out.id);  // its dot segments removed
  }
  return out;
}

void ReadChannelHead(const xmlNode* channel, Feed* feed,
                     std::string_view doc_base) {
  for (const xmlNode* c = channel->children; c != nullptr; c = c->next) {
    if (IsCore(c, channel, "title") && feed->title.empty())
      feed->title = TextOf(c);
    if (IsCore(c, channel, "link") && feed->link.empty())
      feed->link = LinkIn(c, TextOf(c), doc_base);
  }
}

// RSS 0.9x/2.0: <rss><channel>...<item/>...</channel></rss>.
void ReadRss2(const xmlNode* root, Reader* r) {
  for (const xmlNode* ch = root->children; ch != nullptr; ch = ch->next) {
    if (!IsCore(ch, root, "channel")) continue;
    ReadChannelHead(ch, &r->feed, r->DocBase());
    for (const xmlNode* c = ch->children; c != nullptr; c = c->next) {
      if (IsCore(c, ch, "item")) r->Add(ReadRssItem(c, &r->dates, r->DocBase()));
    }
  }
}

// RSS 1.0: <rdf:RDF><channel/><item/>...</rdf:RDF>; items are siblings of
// the channel.
void ReadRss1(const xmlNode* root, Reader* r) {
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (!IsElement(c)) continue;
    if (Str(c->name) == "channel") ReadChannelHead(c, &r->feed, r->DocBase());
    if (Str(c->name) == "item") r->Add(ReadRssItem(c, &r->dates, r->DocBase()));
  }
}

// An Atom <link>: rel alternate (or none) wins over other rels. Its href
// is resolved against the xml:base in scope.
void ReadAtomLink(const xmlNode* link, std::string_view doc_base,
                  std::string* out, bool* alternate) {
  const std::string_view rel = AttrOf(link, "rel");
  const std::string_view href = AttrOf(link, "href");
  if (href.empty()) return;
  const bool is_alternate = rel.empty() || rel == "alternate";
  if (out->empty() || (is_alternate && !*alternate)) {
    *out = LinkIn(link, href, doc_base);
    *alternate = is_alternate;
  }
}

std::string AtomTextConstruct(xmlDoc* doc, const xmlNode* n) {
  if (AttrOf(n, "type") == "xhtml") return InnerXml(doc, n);
  return TextOf(n);
}

std::vector<std::string> AtomAuthors(const xmlNode* parent) {
  std::vector<std::string> out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsCore(c, parent, "author")) continue;
    for (const xmlNode* n = c->children; n != nullptr; n = n->next) {
      if (IsCore(n, c, "name")) {
        if (std::string a = TextOf(n); !a.empty()) out.push_back(a);
      }
    }
  }
  return out;
}

FeedItem ReadAtomEntry(xmlDoc* doc, const xmlNode* entry, DateReader* dates,
                       const std::vector<std::string>& feed_authors,
                       std::string_view doc_base) {
  FeedItem out;
  bool alternate = false;
  std::optional<ZonedTime> updated;
  for (const xmlNode* c = entry->children; c != nullptr; c = c->next) {
    if (IsCore(c, entry, "id")) {
      out.id = TextOf(c);
    } else if (IsCore(c, entry, "title")) {
      out.title = TextOf(c);
    } else if (IsCore(c, entry, "link")) {
      ReadAtomLink(c, doc_base, &out.link, &alternate);
    } else if (IsCore(c, entry, "published")) {
      out.published = dates->Read(TextOf(c));
    } else if (IsCore(c, entry, "updated")) {
      updated = dates->Read(TextOf(c));
    } else if (IsCore(c, entry, "summary")) {
      out.summary = AtomTextConstruct(doc, c);
    } else if (IsCore(c, entry, "content")) {
      out.content = AtomTextConstruct(doc, c);
    }
  }
  if (!out.published) out.published = updated;
  out.authors = AtomAuthors(entry);
  if (out.authors.empty()) out.authors = feed_authors;
  return out;
}

void ReadAtom(xmlDoc* doc, const xmlNode* root, Reader* r) {
  const std::vector<std::string> feed_authors = AtomAuthors(root);
  bool alternate = false;
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (IsCore(c, root, "title") && r->feed.title.empty()) {
      r->feed.title = TextOf(c);
    } else if (IsCore(c, root, "link")) {
      ReadAtomLink(c, r->DocBase(), &r->feed.link, &alternate);
    } else if (IsCore(c, root, "entry")) {
      r->Add(ReadAtomEntry(doc, c, &r->dates, feed_authors, r->DocBase()));
    }
  }
}

// The encoding="..." of the XML declaration, as written; "" when there is
// none (no declaration, or one without encoding).
std::string_view DeclaredEncoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return "";
  std::string_view decl = bytes.substr(0, bytes.find("?>"));
  const size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  decl.remove_prefix(at + 8);
  const size_t open = decl.find_first_of("\"'");
  if (open == std::string_view::npos) return "";
  const size_t close = decl.find(decl[open], open + 1);
  if (close == std::string_view::npos) return "";
  return TrimAscii(decl.substr(open + 1, close - open - 1));
}

bool IsUtf8Label(std::string_view label) {
  const std::string lower = AsciiLowerCopy(label);
  return lower == "utf-8" || lower == "utf8";
}

// Whether bytes that are not valid UTF-8 are UTF-8 with some damage rather
// than a legacy single-byte text: more well-formed multi-byte sequences
// than bytes that break the form. (windows-1252 text almost never holds a
// lead byte followed by the continuation bytes it needs: "Ã©" is rare.)
bool MostlyUtf8(std::string_view bytes) {
  size_t sequences = 0, broken = 0;
  while (!bytes.empty()) {
    const size_t bad = FindInvalidUtf8(bytes);
    const std::string_view good = bytes.substr(0, bad);
    sequences += std::count_if(good.begin(), good.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0xC0;
    });
    if (bad == std::string_view::npos) break;
    ++broken;
    bytes.remove_prefix(bad + 1);
  }
  return sequences > broken;
}

// The encoding libxml2 is told to read the document in: the server's
// charset when the document names none itself (no encoding="..." in its
// XML declaration; a BOM was stripped before), else nullptr (the
// declaration, else UTF-8, as XML says).
const char* HttpCharset(std::string_view bytes, const std::string& charset) {
  if (charset.empty() || !DeclaredEncoding(bytes).empty()) return nullptr;
  return charset.c_str();
}

// A document to be read as UTF-8 (it says so, or says nothing) whose bytes
// are not: most often a windows-1252 or ISO-8859-1 feed without a
// declaration, which libxml2 would pass on byte for byte (0xE8 for "è"),
// to be stored as text that is not UTF-8 and to throw every byte offset
// into it off. Such bytes are decoded as windows-1252 (the WHATWG reading
// of ISO-8859-1), unless they are mostly UTF-8, when the bad bytes become
// U+FFFD. Returns the UTF-8 document, or nullopt when `bytes` are fine as
// they are (valid UTF-8, or another encoding named).
std::optional<std::string> AsUtf8(std::string_view bytes,
                                  const std::string& http_charset,
                                  std::vector<std::string>* warnings) {
  std::string_view label = DeclaredEncoding(bytes);
  if (label.empty()) label = http_charset;
  if (!label.empty() && !IsUtf8Label(label)) return std::nullopt;
  const size_t bad = FindInvalidUtf8(bytes);
  if (bad == std::string_view::npos) return std::nullopt;
  const std::string said =
      label.empty() ? "declares no encoding" : "says it is UTF-8";
  if (MostlyUtf8(bytes)) {
    size_t replaced = 0;
    std::string out = RepairUtf8(bytes, &replaced);
    warnings->push_back("invalid UTF-8 at byte " + std::to_string(bad) + " (" +
                        Counted(replaced, "byte", "bytes") +
                        " in all) replaced with U+FFFD");
    return out;
  }
  Result<std::string> out = ConvertToUtf8(bytes, "windows-1252");
  if (!out.ok()) return RepairUtf8(bytes);  // ICU without windows-1252
  warnings->push_back("the feed " + said + " but is not UTF-8 (byte " +
                      std::to_string(bad) + "); read as windows-1252");
  return std::move(out).value();
}

Result<Feed> ParseXmlFeed(std::string_view bytes, Reader* r) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidArgument(FeedError(r->feed_url, "XML over 2 GB"));
  }
  // HTML entities become character references first, and a document that
  // still needs repairs is parsed again with every reference numeric:
  // after its first error libxml2 drops the entity references that follow
  // (xml_references.h). Well-formed feeds are parsed once, uncopied.
  const char* encoding = HttpCharset(bytes, r->options.charset);
  const std::optional<std::string> utf8 =
      AsUtf8(bytes, r->options.charset, &r->feed.warnings);
  if (utf8) {
    bytes = *utf8;
    encoding = "UTF-8";  // what the document now is, whatever it declares
  } else if (const std::string label = AsciiLowerCopy(DeclaredEncoding(bytes));
             (label.starts_with("utf-16") || label.starts_with("utf-32")) &&
             bytes.find('\0') == std::string_view::npos) {
    // Declared UTF-16, and no NUL byte: decoded already (ParseFeed, or a
    // UTF-16 file read as its UTF-8), so UTF-8 now.
    encoding = "UTF-8";
  }
  std::optional<std::string> numeric;
  if (HasNonXmlReference(bytes)) numeric = WithNumericReferences(bytes);
  XmlErrors errors;
  XmlDocPtr doc = ParseXml(numeric ? *numeric : bytes, &errors, encoding);
  if (errors.count > 0 && !numeric) {
    numeric = WithNumericReferences(bytes);
    if (numeric) {
      errors = {};
      doc = ParseXml(*numeric, &errors, encoding);
    }
  }
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    return Status::InvalidArgument(FeedError(
        r->feed_url,
        "broken XML, nothing could be recovered (" +
            (errors.first.empty() ? "no root element" : errors.first) + ")"));
  }
  const std::string_view name = Str(root->name);
  if (name == "rss") {
    r->feed.format = FeedFormat::kRss2;
    ReadRss2(root, r);
  } else if (name == "RDF" && NsOf(root) == kNsRdf) {
    r->feed.format = FeedFormat::kRss1;
    ReadRss1(root, r);
  } else if (name == "feed") {
    r->feed.format = FeedFormat::kAtom;
    ReadAtom(doc.get(), root, r);
  } else {
    return Status::InvalidArgument(
        FeedError(r->feed_url, "not a feed: the XML root element is <" +
                                   Abbreviate(name, 40) +
                                   ">, not <rss>, <rdf:RDF> or <feed>"));
  }
  if (errors.count > 0) {
    r->feed.warnings.push_back(
        "malformed XML repaired (" + std::to_string(errors.count) +
        " errors; first at " + errors.first + "); " +
        std::to_string(r->feed.items.size()) +
        (r->feed.items.size() == 1 ? " item recovered" : " items recovered"));
  }
  return r->Finish();
}

// ---- JSON Feed ----

// Reads the members of one JSON object (the feed, an item, an author)
// and reports each of the wrong type, JSONL's way ("field \"title\" is
// array, expected a string; ignored"), after `where` ("item #3: ", or ""
// for the feed); `path` names an object inside ("authors[0]."). null
// counts as absent, as in JSONL.
class JsonMembers {
 public:
  JsonMembers(const nlohmann::json& obj, std::string where, Reader* r,
              std::string path = "")
      : obj_(obj), where_(std::move(where)), path_(std::move(path)), r_(r) {}

  // A string, trimmed; "" when absent or of another type.
  std::string String(const char* key) { return Text(key, false); }

  // The spec's ids are strings, but feeds write numbers too (a database
  // key); like JSONL's id, a number is taken as its decimal text.
  std::string Id(const char* key) { return Text(key, true); }

  // A date as JSON Feed writes it (RFC 3339), else RFC 822; a string that
  // does not parse counts towards the dates warning of DateReader.
  std::optional<ZonedTime> Date(const char* key) {
    const nlohmann::json* v = Find(key);
    if (v == nullptr) return std::nullopt;
    if (v->is_string()) return r_->dates.Read(v->get_ref<const std::string&>());
    r_->ItemProblem(where_ + path_ + key + " is " + v->type_name() +
                    ", not a time; published left empty, item kept");
    return std::nullopt;
  }

  // authors[].name (1.1), else author.name (1.0).
  void Authors(std::vector<std::string>* out) {
    if (const nlohmann::json* list = Find("authors"); list != nullptr) {
      if (!list->is_array()) {
        WrongType("authors", *list, "an array");
      } else {
        for (size_t i = 0; i < list->size(); ++i) {
          AddAuthor((*list)[i], "authors[" + std::to_string(i) + "]", out);
        }
      }
    }
    if (const nlohmann::json* one = Find("author"); one && out->empty()) {
      AddAuthor(*one, "author", out);
    }
  }

 private:
  // The member `key`; nullptr when absent or null.
  const nlohmann::json* Find(const char* key) const {
    auto it = obj_.find(key);
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string Text(const char* key, bool numbers_too) {
    const nlohmann::json* v = Find(key);
    if (v == nullptr) return "";
    if (v->is_string())
      return std::string(TrimAscii(v->get_ref<const std::string&>()));
    if (numbers_too && v->is_number()) return v->dump();
    WrongType(key, *v, numbers_too ? "a string or a number" : "a string");
    return "";
  }

  void AddAuthor(const nlohmann::json& a, const std::string& name,
                 std::vector<std::string>* out) {
    if (!a.is_object()) {
      WrongType(name.c_str(), a, "an object");
      return;
    }
    JsonMembers author(a, where_, r_, path_ + name + ".");
    if (std::string n = author.String("name"); !n.empty()) out->push_back(n);
  }

  void WrongType(const char* key, const nlohmann::json& v,
                 const char* expected) {
    r_->ItemProblem(where_ + "field \"" + path_ + key + "\" is " +
                    v.type_name() + ", expected " + expected + "; ignored");
  }

  const nlohmann::json& obj_;
  std::string where_;
  std::string path_;
  Reader* r_;
};

// One entry of "items"; `position` counts from 1, as RSS items do.
void ReadJsonItem(const nlohmann::json& it, size_t position,
                  const std::vector<std::string>& feed_authors, Reader* r) {
  const std::string where = "item #" + std::to_string(position) + ": ";
  if (!it.is_object()) {
    r->ItemProblem(where + "not a JSON object (" + it.type_name() +
                   "); skipped");
    return;
  }
  JsonMembers m(it, where, r);
  FeedItem item;
  item.position = position;
  item.id = m.Id("id");
  item.link = m.String("url");
  if (item.link.empty()) item.link = m.String("external_url");
  item.title = m.String("title");
  item.published = m.Date("date_published");
  if (!item.published) item.published = m.Date("date_modified");
  item.summary = m.String("summary");
  item.content = m.String("content_html");
  if (item.content.empty()) item.content = m.String("content_text");
  m.Authors(&item.authors);
  if (item.authors.empty()) item.authors = feed_authors;
  r->Add(std::move(item));
}


Result<Feed> ParseJsonFeed(std::string_view bytes, Reader* r) {
  // JSON must be UTF-8 and nlohmann::json refuses a whole document for one
  // bad byte: the bad bytes become U+FFFD first, and the other items live.
  std::string repaired;
  if (const size_t bad = FindInvalidUtf8(bytes); bad != std::string_view::npos) {
    size_t replaced = 0;
    repaired = RepairUtf8(bytes, &replaced);
    bytes = repaired;
    r->feed.warnings.push_back("invalid UTF-8 at byte " + std::to_string(bad) +
                               " (" + Counted(replaced, "byte", "bytes") +
                               " in all) replaced with U+FFFD");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(FeedError(r->feed_url, MalformedJsonMessage(e.what(), e.byte)));
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double ("1e400") is out_of_range.
    return Status::InvalidArgument(FeedError(
        r->feed_url, "malformed JSON: " + Abbreviate(CollapseSpaces(e.what()), 200)));
  }
  auto version = j.is_object() ? j.find("version") : j.end();
  if (!j.is_object() || version == j.end() || !version->is_string() ||
      !version->get_ref<const std::string&>().starts_with(kJsonFeedVersion)) {
    return Status::InvalidArgument(
        FeedError(r->feed_url, "JSON but not a JSON Feed (no \"version\": \"" +
                                   std::string(kJsonFeedVersion) + "...\")"));
  }
  r->feed.format = FeedFormat::kJsonFeed;
  JsonMembers feed(j, "", r);
  r->feed.title = feed.String("title");
  r->feed.link = feed.String("home_page_url");
  std::vector<std::string> feed_authors;
  feed.Authors(&feed_authors);
  auto items = j.find("items");
  if (items == j.end() || items->is_null()) return r->Finish();
  if (!items->is_array()) {
    r->ItemProblem(std::string("field \"items\" is ") + items->type_name() +
                   ", expected an array; no items");
    return r->Finish();
  }
  for (size_t i = 0; i < items->size(); ++i) {
    ReadJsonItem((*items)[i], i + 1, feed_authors, r);
  }
  return r->Finish();
}

}  // namespace

std::string_view FeedFormatName(FeedFormat format) {
  switch (format) {
    case FeedFormat::kRss2:
      return "rss2";
    case FeedFormat::kRss1:
      return "rss1";
    case FeedFormat::kAtom:
      return "atom";
    case FeedFormat::kJsonFeed:
      return "jsonfeed";
  }
  return "?";
}

namespace {

// "h:" and 16 hex digits of a hash of title, summary and content.
std::string ContentKey(const FeedItem& item) {
  XXH64_state_t* st = XXH64_createState();
  XXH64_reset(st, 0);
  for (const std::string* s : {&item.title, &item.summary, &item.content}) {
    XXH64_update(st, s->data(), s->size());
    XXH64_update(st, "\0", 1);
  }
  const XXH64_hash_t h = XXH64_digest(st);
  XXH64_freeState(st);
  char buf[24];
  std::snprintf(buf, sizeof buf, "h:%016llx",
                static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string FeedItem::Key() const {
  if (!id.empty()) return id;
  if (!link.empty()) return link;
  return ContentKey(*this);
}

std::string FeedItem::DistinctKey() const {
  if (id.empty()) return Key();
  // A permalink guid is the link of an item that has no <link>: it tells
  // nothing apart.
  return id + "\n" + (link.empty() || link == id ? ContentKey(*this) : link);
}

std::vector<std::string> ItemKeys(const Feed& feed) {
  std::map<std::string, size_t> ids;  // id -> items that have it
  for (const FeedItem& item : feed.items) {
    if (!item.id.empty()) ++ids[item.id];
  }
  std::vector<std::string> keys;
  keys.reserve(feed.items.size());
  for (const FeedItem& item : feed.items) {
    const bool shared = !item.id.empty() && ids[item.id] > 1;
    keys.push_back(shared ? item.DistinctKey() : item.Key());
  }
  return keys;
}

Result<Feed> ParseFeed(std::string_view bytes, std::string_view feed_url,
                       const FeedParseOptions& options) {
  if (bytes.size() > options.max_feed_bytes) {
    return Status::InvalidArgument(FeedError(
        feed_url, "feed is " + std::to_string(bytes.size()) +
                      " bytes, over the cap of " +
                      std::to_string(options.max_feed_bytes) + " bytes"));
  }
  // A feed saved as UTF-16 (its byte-order mark first) is read as its
  // UTF-8; its NULs made it "binary data".
  std::string decoded;
  if (const std::string_view utf16 = Utf16ByteOrder(bytes); !utf16.empty()) {
    Result<std::string> utf8 = ConvertToUtf8(bytes.substr(2), utf16);
    if (!utf8.ok()) {
      return Status::InvalidArgument(FeedError(feed_url, utf8.status().message()));
    }
    decoded = std::move(*utf8);
    bytes = decoded;
  }
  const std::string_view body = TrimAscii(StripBom(bytes));
  if (body.empty())
    return Status::InvalidArgument(FeedError(feed_url, "empty feed"));
  if (LooksBinary(body)) {
    return Status::InvalidArgument(
        FeedError(feed_url, "binary data, not a feed"));
  }
  Reader r{feed_url, options, {}, {}};
  if (body.front() == '{') return ParseJsonFeed(body, &r);
  if (body.front() == '<') return ParseXmlFeed(body, &r);
  return Status::InvalidArgument(
      FeedError(feed_url, "not a feed: starts with \"" + Abbreviate(body, 30) +
                              "\", neither XML nor JSON"));
}

}  // namespace newsloom
