#include "html/dom.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace newsloom {
namespace {

// The tree as "tag(child child)", text as 'text', unknown tags as "?".
std::string Render(const HtmlDocument& doc, uint32_t i) {
  const HtmlNode& n = doc.node(i);
  if (n.is_text()) return "'" + std::string(doc.text(i)) + "'";
  std::string name(TagName(n.tag));
  if (name.empty()) name = "?";
  std::string out = name;
  const uint32_t first = doc.first_child(i);
  if (first == HtmlNode::kNone) return out;
  out += "(";
  for (uint32_t c = first; c != HtmlNode::kNone; c = doc.next_sibling(c)) {
    if (c != first) out += " ";
    out += Render(doc, c);
  }
  return out + ")";
}

std::string Tree(std::string_view html, HtmlParseOptions options = {}) {
  Result<HtmlDocument> doc = ParseHtml(html, options);
  if (!doc.ok()) return doc.status().ToString();
  if (doc->size() == 0) return "";
  return Render(*doc, 0);
}

TEST(HtmlParseTest, GoldenTable) {
  struct Case {
    const char* html;
    const char* tree;
  };
  const Case kCases[] = {
      {"<p>Hello</p>", "html(body(p('Hello')))"},
      {"<title>T</title><p>a", "html(head(title('T')) body(p('a')))"},
      // Tag soup repaired as a browser-like parser does: <p> closed by the
      // next <p> and by <div>, stray end tags ignored.
      {"<p>one<p>two<div>three</span></div>",
       "html(body(p('one') p('two') div('three')))"},
      {"<ul><li>a<li>b</ul>", "html(body(ul(li('a') li('b'))))"},
      // Scripts and styles keep no text; JSON-LD is collected apart.
      {"<p>a<script>var x = '<p>';</script>b</p><style>p{}</style>",
       "html(body(p('a' script 'b') style))"},
      // Entities and character references are decoded.
      {"<p>Fish &amp; chips &#8212; &eacute;t&eacute;</p>",
       "html(body(p('Fish & chips — été')))"},
      // Unknown and custom elements are kept, as "?".
      {"<my-card><p>x</p></my-card>", "html(body(?(p('x'))))"},
      // Unclosed everything.
      {"<div><div><p><b>deep", "html(body(div(div(p(b('deep'))))))"},
      // Not HTML at all.
      {"just text", "html(body(p('just text')))"},
      {"", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Tree(c.html), c.tree) << c.html;
  }
}

TEST(HtmlParseTest, KeepsListedAttributesOnly) {
  Result<HtmlDocument> doc = ParseHtml(
      "<div ID=main Class=\"a b\" onclick=\"x()\" data-x=1 role=main>t</div>");
  ASSERT_TRUE(doc.ok());
  uint32_t div = 0;
  for (uint32_t i = 0; i < doc->size(); ++i) {
    if (doc->node(i).tag == HtmlTag::kDiv) div = i;
  }
  ASSERT_NE(div, 0u);
  EXPECT_EQ(doc->attr(div, HtmlAttr::kId), "main");
  EXPECT_EQ(doc->attr(div, HtmlAttr::kClass), "a b");
  EXPECT_EQ(doc->attr(div, HtmlAttr::kRole), "main");
  EXPECT_FALSE(doc->has_attr(div, HtmlAttr::kStyle));
  EXPECT_EQ(doc->attr(div, HtmlAttr::kStyle, "none"), "none");
  EXPECT_EQ(doc->node(div).size, 3u);  // onclick and data-x dropped
}

TEST(HtmlParseTest, CollectsJsonLd) {
  Result<HtmlDocument> doc = ParseHtml(
      "<head><script type=\"application/ld+json\">{\"a\": \"</p>\"}</script>"
      "<script type=\"text/javascript\">var y;</script></head>");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->json_ld().size(), 1u);
  EXPECT_EQ(doc->json_ld()[0], "{\"a\": \"</p>\"}");
}

TEST(HtmlParseTest, SubtreesAreIndexRanges) {
  Result<HtmlDocument> doc = ParseHtml("<div><p>a</p><p>b</p></div><p>c</p>");
  ASSERT_TRUE(doc.ok());
  for (uint32_t i = 0; i < doc->size(); ++i) {
    const HtmlNode& n = doc->node(i);
    EXPECT_GT(n.end, i);
    if (n.parent != HtmlNode::kNone) {
      EXPECT_LT(n.parent, i);
      EXPECT_LE(n.end, doc->node(n.parent).end);
      EXPECT_EQ(n.depth, doc->node(n.parent).depth + 1);
    }
  }
}

// Pathological nesting is flattened below max_depth, text kept, and
// nothing recurses.
// Golden table: the attributes of each tag past the cap (2 here) are
// blanked, whatever their form; text, comments and other tags are not.
TEST(HtmlParseTest, CapTagAttributes) {
  struct Case {
    const char* html;
    const char* capped;  // nullptr: nothing over the cap
  } cases[] = {
      {"<p a=1 b=2>x y=1 z=2 w=3</p>", nullptr},
      {"<p a=1 b=2 c=3>", "<p a=1 b=2    >"},
      {"<p a b c d>", "<p a b    >"},
      {"<p a='1 >' b=\"2\" c=\"3 > 4\" d>t", "<p a='1 >' b=\"2\"            >t"},
      {"<p a=1 b=2 c/>", "<p a=1 b=2  />"},
      {"<p a=1 b=2 c=3/>", "<p a=1 b=2     >"},  // an unquoted value takes '/'
      {"<p\na=1\tb=2\rc=3>", "<p\na=1\tb=2\r   >"},
      {"a < b c d e f<i>", nullptr},  // "< " opens no tag
      {"<p a=1 b=2 c='unclosed", "<p a=1 b=2            "},
      {"<div a b><i c d e>", "<div a b><i c d  >"},
  };
  for (const Case& c : cases) {
    std::optional<std::string> out = CapTagAttributes(c.html, 2);
    if (c.capped == nullptr) {
      EXPECT_FALSE(out.has_value()) << c.html << " -> " << *out;
    } else {
      ASSERT_TRUE(out.has_value()) << c.html;
      EXPECT_EQ(*out, c.capped) << c.html;
      EXPECT_EQ(out->size(), std::string_view(c.html).size());
    }
  }
}

// 200,000 attributes on one tag took libxml2 46 s (a check for repeated
// names, quadratic); capped, the page parses at once and keeps its text.
TEST(HtmlParseTest, ManyAttributesAreCapped) {
  for (const char* value : {"=\"x\"", ""}) {
    std::string html = "<article";
    for (int i = 0; i < 200000; ++i) html += " a" + std::to_string(i) + value;
    html += "><p>Quake</p></article>";
    EXPECT_EQ(Tree(html), "html(body(article(p('Quake'))))");
  }
}

TEST(HtmlParseTest, DeepNestingIsBounded) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "bottom";
  HtmlParseOptions options;
  options.max_depth = 50;
  Result<HtmlDocument> doc = ParseHtml(html, options);
  ASSERT_TRUE(doc.ok());
  uint32_t max_depth = 0;
  bool text = false;
  for (uint32_t i = 0; i < doc->size(); ++i) {
    max_depth = std::max(max_depth, doc->node(i).depth);
    text = text || (doc->node(i).is_text() && doc->text(i) == "bottom");
  }
  EXPECT_LE(max_depth, 51u);
  EXPECT_TRUE(text);
}

}  // namespace
}  // namespace newsloom
