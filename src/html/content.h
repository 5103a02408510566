// Main-content extraction: the article's own text blocks, in reading order,
// without the page around them.
//
// The page is first cut into text blocks: the text between two block-level
// boundaries (an element with CSS display:block by default opening or
// closing, or two <br> in a row), white space collapsed as a browser does.
// Each block has a kind (paragraph, heading, list item, quote, preformatted,
// table cell), a length in characters (code points other than white space),
// the share of those inside links, and its sentence punctuation.
//
// 1. Classify blocks on their text alone (ContentOptions has every
//    threshold):
//      link   - more than max_link_density of it is link text: menus,
//               teaser lists, tag lists;
//      good   - at least good_min_chars long, or sentence_min_chars with
//               sentence punctuation inside, and little link text
//               (good_max_link_density; up to max_link_density for blocks
//               of long_block_chars or more): what article prose looks
//               like;
//      short  - the rest: headings, bylines, list items, captions, labels.
//    A page with fewer than min_good_chars good characters (a short note)
//    counts every non-link block of relaxed_min_chars or more as good.
//
// 2. Choose the container: the element maximising
//        S(e) = good(e) - link_weight * (links(e) + framing(e))
//               - inserted_weight * inserted(e)
//    where good(e) counts the characters of good blocks inside e that are
//    not inside page furniture *below* e (hints.h: nav, aside, footer,
//    class words such as "comments", "related", "share", "ad"), links(e)
//    those of link blocks outside furniture, framing(e) those inside
//    furniture that frames an article (navigation, headers, footers,
//    bylines, captions, hidden parts, forms: the article ends where they
//    begin) and inserted(e) those inside furniture put into or after it
//    (related stories, comments, ads, share bars, banners, sidebars: they
//    are dropped from the container anyway, so taking them in costs
//    little, and an article followed by a long list of other stories in
//    the same parent is still chosen whole).
//    The maximum is the tightest element that holds the article's prose
//    and as little else as possible; markup evidence of the page around it
//    (a <body class="has-comments">) does not count against it, and an
//    element that is furniture itself is never chosen. A furniture flag
//    from class words alone is overruled on an element that holds most of
//    the page's good text (furniture_overrule_share): it was the article
//    after all. An element the publisher marked itemprop="articleBody" is
//    taken when it holds at least article_body_share of the best S.
//
// 3. Keep, inside the container, in document order, every block except:
//      - blocks inside furniture below the container, and captions (in
//        <figure>, or ending in a photo credit, phrases.h);
//      - link blocks and interface phrases ("Advertisement", "Read more",
//        "Share this article": phrases.h);
//      - a short block (a heading, mostly) that repeats the title;
//      - before the first or after the last good block, short blocks that
//        look like the lines around an article: table cells, blocks with
//        more than good_max_link_density of links, datelines (dates.h
//        finds a date in them). Short blocks between good blocks always
//        stay (a sub-heading, a list, a one-line paragraph: the neighbour
//        rule of jusText).
//
// Two kinds of furniture are found by structure rather than markup words:
//    - story cards: the highest elements holding one headline (a link
//      block of headline_min_chars or more) and at most teaser_max_chars of
//      good text, when teaser_min_repeats or more share tag and class (a
//      list of other stories, with or without the word "related");
//    - sections opened by a heading that names other stories or comments,
//      by its text ("You may also like", "Comments": phrases.h) or by the
//      class words of its markup: the elements after the heading's wrapper
//      in its parent, up to the first paragraph, are that section. A
//      wrapper that holds more than the heading (a box whose list the
//      page's scripts fill) is a section of its own and ends there.
//
// Thread safety: ExtractMainContent is thread-safe.
#ifndef NEWSLOOM_HTML_CONTENT_H_
#define NEWSLOOM_HTML_CONTENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html/dom.h"
#include "html/hints.h"

namespace newsloom {

struct ContentOptions {
  // Block classification.
  // A block longer than this many characters with little link text is
  // prose, punctuation or not.
  size_t good_min_chars = 80;
  // A block of at least this many characters with sentence punctuation
  // inside (. ! ? and their CJK forms, followed by a space or the end).
  size_t sentence_min_chars = 40;
  // A good block has at most this share of its characters inside links,
  // unless it is a long one: prose that cites its sources is still prose.
  double good_max_link_density = 0.3;
  size_t long_block_chars = 200;
  // A block with more than this share inside links is a link block.
  double max_link_density = 0.5;

  // Container choice.
  // Weight of one character of a link block or of framing furniture, and
  // of one of inserted furniture, against one of good text in S(e).
  double link_weight = 1.0;
  double inserted_weight = 0.25;
  // A class-word furniture flag does not hold on an element with at least
  // this share of the page's good characters.
  double furniture_overrule_share = 0.6;
  // itemprop="articleBody" wins when its S is at least this share of the
  // best S.
  double article_body_share = 0.5;

  // Teasers: a story card is the highest element holding one headline (a
  // link block of at least headline_min_chars) and at most
  // teaser_max_chars of good text; when teaser_min_repeats or more cards
  // share their tag and class (digits ignored), they are a list of other
  // stories.
  size_t headline_min_chars = 25;
  double teaser_max_chars = 400;
  size_t teaser_min_repeats = 3;
  // A block of at most this many characters ending in a photo credit
  // ("... (Image: Getty)") is a caption.
  size_t caption_max_chars = 300;
  // A block of at most this many characters can be a section heading.
  size_t section_heading_max_chars = 80;

  // ExtractPage takes the JSON-LD articleBody instead of the extracted
  // text when the text is shorter than this share of it (a page whose body
  // its scripts build, an extraction that went wrong).
  double json_ld_body_share = 0.5;

  // When the page has fewer good characters than this, every block that
  // is not a link block and has at least relaxed_min_chars characters
  // counts as good (short notes, pages of short lines).
  size_t min_good_chars = 200;
  size_t relaxed_min_chars = 20;
};

struct ContentBlock {
  enum class Kind : uint8_t {
    kParagraph,
    kHeading,
    kListItem,
    kQuote,
    kPreformatted,
    kTableCell
  };
  Kind kind = Kind::kParagraph;
  std::string text;  // white space collapsed; '\n' for <br> and in <pre>
};

// Why a block was kept or dropped (ContentTrace).
enum class BlockVerdict : uint8_t {
  kKept,
  kOutsideContainer,
  kFurniture,  // inside an element hints.h calls page furniture
  kLinks,      // a link block
  kCaption,    // inside <figure> or <figcaption>
  kUiPhrase,   // a short interface phrase
  kTitle,      // a short block repeating the title
  kNoContext,  // a short block at the container's edge that looks like
               // the lines around an article (dateline, table cell, links)
};

std::string_view BlockVerdictName(BlockVerdict v);

// One line per block for debugging and tests (ExtractMainContent's trace).
struct BlockTrace {
  std::string text;
  BlockVerdict verdict = BlockVerdict::kKept;
  ChromeKind furniture = ChromeKind::kNone;  // for kFurniture
  bool good = false;
  double link_density = 0;
};

struct MainContent {
  std::vector<ContentBlock> blocks;
  // The chosen container element, or HtmlNode::kNone when the page has no
  // text.
  uint32_t container = HtmlNode::kNone;

  // The blocks as text: blocks separated by a blank line, list items of
  // one list by a line break.
  std::string Text() const;
};

// Extracts the main content of `doc`. `title` is the page's headline (see
// metadata.h), used to drop a heading that repeats it; may be empty. When
// `trace` is not null it receives one entry per block of the page.
MainContent ExtractMainContent(const HtmlDocument& doc, std::string_view title,
                               const ContentOptions& options = {},
                               std::vector<BlockTrace>* trace = nullptr);

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_CONTENT_H_
