#include "html/content.h"

#include <gtest/gtest.h>

#include <string>

namespace newsloom {
namespace {

// Pages written for these tests. Paragraphs P1..P4 are long enough to read
// as prose; the furniture around them is what news pages carry.
constexpr char kP1[] =
    "The bakery on Mill Street won the national bread prize on Monday, "
    "beating forty other entries from across the country.";
constexpr char kP2[] =
    "Its owner, Ann Smith, said the winning sourdough had been baked the "
    "same way for three generations, with flour from a local mill.";
constexpr char kP3[] =
    "The judges praised the crust and the open crumb, and said the loaf "
    "was the best they had tasted in the history of the competition.";
constexpr char kP4[] =
    "The prize comes with a year of free advertising and an invitation to "
    "bake for the city's annual harvest festival in October.";

std::string P(const char* text) { return std::string("<p>") + text + "</p>"; }

constexpr char kNav[] =
    "<nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li>"
    "<li><a href=/sport>Sport</a></li><li><a href=/food>Food and drink</a>"
    "</li></ul></nav>";
constexpr char kFooter[] =
    "<footer><p>Copyright 2019 The Mill Gazette. All rights reserved. "
    "Terms of use and privacy policy apply to this website.</p></footer>";

std::string Page(const std::string& body) {
  return "<html><head><title>Bakery wins | Gazette</title></head><body>" +
         std::string(kNav) + body + kFooter + "</body></html>";
}

std::string Extract(const std::string& html, std::string_view title = {}) {
  Result<HtmlDocument> doc = ParseHtml(html);
  EXPECT_TRUE(doc.ok());
  return ExtractMainContent(*doc, title).Text();
}

std::string Paras(std::initializer_list<const char*> ps) {
  std::string out;
  for (const char* p : ps) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

TEST(ContentTest, ArticleWithoutNavigationAndFooter) {
  const std::string html =
      Page("<article><h1>Town bakery wins the bread prize</h1>" + P(kP1) +
           P(kP2) + P(kP3) + "</article>");
  EXPECT_EQ(Extract(html, "Town bakery wins the bread prize"),
            Paras({kP1, kP2, kP3}));
}

TEST(ContentTest, KeepsHeadingsListsAndQuotesInReadingOrder) {
  const std::string html = Page(
      "<div class=\"story-body\">" + P(kP1) + "<h2>How it was judged</h2>" +
      P(kP2) + "<ul><li>Crust</li><li>Crumb</li><li>Taste</li></ul>" +
      "<blockquote><p>We never change the recipe, and we never will.</p>"
      "</blockquote>" +
      P(kP3) + "</div>");
  EXPECT_EQ(Extract(html),
            std::string(kP1) + "\n\nHow it was judged\n\n" + kP2 +
                "\n\nCrust\nCrumb\nTaste\n\n"
                "We never change the recipe, and we never will.\n\n" +
                kP3);
}

TEST(ContentTest, DropsShareBarsAdsCaptionsAndCookieBanners) {
  const std::string html = Page(
      "<div id=\"cookie-banner\" role=\"dialog\"><p>We use cookies to give "
      "you the best experience on our website. By continuing you agree to "
      "our use of cookies and our privacy policy.</p></div>"
      "<div class=\"article\"><div class=\"share-bar\"><a>Facebook</a>"
      "<a>Twitter</a><a>Email</a></div>" +
      P(kP1) +
      "<figure><img src=a.jpg><figcaption>Ann Smith with the winning loaf "
      "at her bakery on Mill Street.</figcaption></figure>" +
      P(kP2) + "<div class=\"ad-slot\"><p>Advertisement</p></div>" + P(kP3) +
      "<p>Ann Smith with the trophy in her shop (Photo: Jo Bloggs/Getty "
      "Images)</p>" +
      P(kP4) + "</div>");
  EXPECT_EQ(Extract(html), Paras({kP1, kP2, kP3, kP4}));
}

TEST(ContentTest, DropsCommentsAndRelatedStories) {
  std::string related = "<div class=\"more\"><h3>More from Food</h3>";
  for (int i = 0; i < 4; ++i) {
    related +=
        "<div class=\"card\"><h4><a href=/s" + std::to_string(i) +
        ">A headline of another story about food number " +
        std::to_string(i) +
        "</a></h4><p>A short summary of that other story, which a reader "
        "may want to open next.</p></div>";
  }
  related += "</div>";
  const std::string html = Page(
      "<main><article>" + P(kP1) + P(kP2) + P(kP3) + "</article>" + related +
      "<section id=\"comments\"><h3>3 comments</h3><p>What a lovely story "
      "about a lovely bakery, I have been going there for years and the "
      "bread is always great.</p><p>Congratulations to Ann and her team, "
      "well deserved after all these years of hard work.</p></section>"
      "</main>");
  EXPECT_EQ(Extract(html), Paras({kP1, kP2, kP3}));
}

TEST(ContentTest, ARelatedHeadingEndsTheArticle) {
  const std::string html = Page(
      "<div class=\"entry\">" + P(kP1) + P(kP2) +
      "<h3>You may also like</h3>"
      "<div class=\"item\"><p>Another bakery opened on the other side of "
      "town last spring and already has a queue every morning.</p></div>"
      "<div class=\"item\"><p>A cafe in the harbour sells the best cinnamon "
      "buns in the county, according to its many regulars.</p></div>"
      "<div class=\"item\"><p>The town market will move to the square "
      "during the summer months while the hall is repaired.</p></div>"
      "</div>");
  EXPECT_EQ(Extract(html), Paras({kP1, kP2}));
}

TEST(ContentTest, ArticleSplitAroundAnAdIsOneArticle) {
  const std::string html = Page(
      "<div class=\"body\"><div class=\"part\">" + P(kP1) + P(kP2) +
      "</div><div class=\"advert\"><a href=/ad>Buy a new kitchen today at "
      "half price</a></div><div class=\"part\">" +
      P(kP3) + P(kP4) + "</div></div>");
  EXPECT_EQ(Extract(html), Paras({kP1, kP2, kP3, kP4}));
}

TEST(ContentTest, ThePublishersArticleBodyMarkWins) {
  // Two candidates of about the same size; itemprop="articleBody" decides.
  const std::string html =
      Page("<div>" + P(kP1) + P(kP2) + "</div><div itemprop=\"articleBody\">" +
           P(kP3) + P(kP4) + "</div>");
  EXPECT_EQ(Extract(html), Paras({kP3, kP4}));
}

TEST(ContentTest, ShortPagesUseRelaxedThresholds) {
  const std::string html = Page(
      "<div><p>The shop is closed today.</p><p>We open again on Monday "
      "morning.</p></div>");
  EXPECT_EQ(Extract(html),
            "The shop is closed today.\n\nWe open again on Monday morning.");
}

TEST(ContentTest, EmptyAndTextlessPages) {
  EXPECT_EQ(Extract(""), "");
  EXPECT_EQ(Extract("<html><body><img src=x></body></html>"), "");
  Result<HtmlDocument> doc = ParseHtml("");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(ExtractMainContent(*doc, "").container, HtmlNode::kNone);
}

TEST(ContentTest, TraceNamesEveryVerdict) {
  Result<HtmlDocument> doc = ParseHtml(Page("<article>" + P(kP1) + "</article>"));
  ASSERT_TRUE(doc.ok());
  std::vector<BlockTrace> trace;
  ExtractMainContent(*doc, "", ContentOptions(), &trace);
  std::string verdicts;
  for (const BlockTrace& t : trace) {
    verdicts += std::string(BlockVerdictName(t.verdict)) + " ";
  }
  // The <title>, four menu links, the paragraph, the footer.
  EXPECT_EQ(verdicts,
            "outside outside outside outside outside kept outside ");
}

}  // namespace
}  // namespace newsloom
