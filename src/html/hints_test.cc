#include "html/hints.h"

#include <gtest/gtest.h>

#include "html/phrases.h"

namespace newsloom {
namespace {

std::string Kind(std::string_view class_or_id) {
  const ElementHints h = HintsForWords(class_or_id);
  std::string out(ChromeKindName(h.chrome));
  if (h.content) out += "+content";
  return out;
}

TEST(HintsTest, ClassWordsGoldenTable) {
  struct Case {
    const char* words;
    const char* kind;
  };
  const Case kCases[] = {
      {"main-nav", "navigation+content"},
      {"articleBody", "none+content"},
      {"post-content entry", "none+content"},
      {"shadow", "none"},  // "ad" matches whole words only
      {"header-ad", "header"},
      {"ad-slot", "ad"},
      {"advertisement-wrapper", "ad"},
      {"comments-area", "comments"},
      {"commentList", "comments"},
      {"article-footer", "footer+content"},
      {"relatedStories", "related"},
      {"sharebar", "share"},
      {"social-media-embed", "none"},  // an embedded post is content
      {"twitter-tweet", "none"},
      {"InlineImage-imageEmbedCaption", "caption"},
      {"wp-caption-text", "caption+content"},
      {"cookie-law-info-bar", "banner"},
      {"newsletter-signup", "banner"},
      {"byline", "byline"},
      {"tag-clymer category-books", "none"},  // WordPress taxonomy classes
      {"post-tags", "byline+content"},
      {"field--label-hidden", "none"},  // hidden-ness comes from markup
      {"", "none"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Kind(c.words), c.kind) << c.words;
  }
}

TEST(HintsTest, MarkupHints) {
  Result<HtmlDocument> doc = ParseHtml(
      "<nav>a</nav><aside>b</aside><div hidden>c</div>"
      "<div aria-hidden=\"true\">d</div><div style=\"display: none\">e</div>"
      "<div role=\"complementary\">f</div><div itemprop=\"articleBody\">g</div>"
      "<article class=\"comments\">h</article>");
  ASSERT_TRUE(doc.ok());
  std::string kinds;
  for (uint32_t i = 0; i < doc->size(); ++i) {
    const HtmlTag t = doc->node(i).tag;
    if (t == HtmlTag::kText || t == HtmlTag::kHtml || t == HtmlTag::kBody) {
      continue;
    }
    const ElementHints h = HintsFor(*doc, i);
    kinds += std::string(ChromeKindName(h.chrome)) +
             (h.chrome_from_words ? "/words" : "") +
             (h.article_body ? "/body" : "") + " ";
  }
  EXPECT_EQ(kinds,
            "navigation sidebar hidden hidden hidden sidebar none/body "
            "comments/words ");
}

TEST(PhrasesTest, InterfacePhrases) {
  EXPECT_TRUE(IsUiPhrase("Advertisement"));
  EXPECT_TRUE(IsUiPhrase("SHARE THIS ARTICLE:"));
  EXPECT_TRUE(IsUiPhrase("News Feed"));
  EXPECT_TRUE(IsUiPhrase("Show More"));
  EXPECT_FALSE(IsUiPhrase("Share prices fell"));
  EXPECT_FALSE(IsUiPhrase(""));
  EXPECT_TRUE(IsImagePlaceholder("Article image"));
  EXPECT_FALSE(IsImagePlaceholder("Image rights"));
}

TEST(PhrasesTest, ReadingTimes) {
  for (const char* yes : {"2 min read", "5 minute read", "12 mins read",
                          "3-minute read", "Reading time: 4 minutes"}) {
    EXPECT_TRUE(IsReadingTime(yes)) << yes;
  }
  for (const char* no : {"min read", "2 min", "read 2 min", "2 min read more"}) {
    EXPECT_FALSE(IsReadingTime(no)) << no;
  }
}

TEST(PhrasesTest, SectionHeadings) {
  EXPECT_EQ(SectionPhraseKind("Related articles"), ChromeKind::kRelated);
  EXPECT_EQ(SectionPhraseKind("You may also like"), ChromeKind::kRelated);
  EXPECT_EQ(SectionPhraseKind("News Feed"), ChromeKind::kRelated);
  EXPECT_EQ(SectionPhraseKind("Comments (12)"), ChromeKind::kComments);
  EXPECT_EQ(SectionPhraseKind("Related parties met on Monday"),
            ChromeKind::kNone);
}

TEST(PhrasesTest, PhotoCredits) {
  for (const char* yes :
       {"Macron welcomes Zelensky in Paris. (Chesnot/Getty Images)",
        "The plague doctor (Image: GETTY)", "Crowds at the gate [Photo: AP]",
        "Flooded streets on Monday. Photo: Jane Doe/Reuters"}) {
    EXPECT_TRUE(EndsWithPhotoCredit(yes)) << yes;
  }
  for (const char* no : {"The bakery (founded in 1921) won.",
                         "He said (Reuters) that it was over.",
                         "Prices rose (see chart)", ""}) {
    EXPECT_FALSE(EndsWithPhotoCredit(no)) << no;
  }
  EXPECT_TRUE(IsPhotoCredit("Natalie Naccache | Bloomberg | Getty Images"));
  EXPECT_TRUE(IsPhotoCredit("AP Photo"));
  EXPECT_TRUE(IsPhotoCredit("Photo / Jane Doe"));
  EXPECT_FALSE(IsPhotoCredit("Photos of the week"));
  EXPECT_FALSE(IsPhotoCredit("Getty Images bought the archive in 2019."));
}

}  // namespace
}  // namespace newsloom
