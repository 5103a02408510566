#include "html/content.h"

#include "base/ascii.h"
#include "html/dates.h"
#include "html/phrases.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

namespace newsloom {
namespace {

enum class BlockClass : uint8_t { kShort, kGood, kLink };

struct Block {
  uint32_t owner = 0;  // innermost block-level element around the text
  ContentBlock::Kind kind = ContentBlock::Kind::kParagraph;
  bool in_figure = false;
  uint32_t chars = 0;       // code points other than white space
  uint32_t link_chars = 0;  // of which inside <a>
  uint32_t sentence_marks = 0;
  BlockClass cls = BlockClass::kShort;
  // The text, white space collapsed: bytes [text_begin, text_begin +
  // text_size) of the page's block text (one buffer for all blocks: pages
  // of millions of menu links make millions of blocks).
  uint32_t text_begin = 0;
  uint32_t text_size = 0;
};

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Sentence punctuation: . ! ? followed by white space, a closing quote or
// the end, and the CJK full stops anywhere.
uint32_t CountSentenceMarks(std::string_view t) {
  uint32_t n = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '.' || c == '!' || c == '?') {
      if (i + 1 == t.size() || IsHtmlSpace(t[i + 1]) || t[i + 1] == '"' ||
          t[i + 1] == ')' || t.substr(i + 1, 3) == "\xE2\x80\x9D") {
        ++n;
      }
    } else if (t.substr(i, 3) == "\xE3\x80\x82" ||  // 。
               t.substr(i, 3) == "\xEF\xBC\x81" ||  // ！
               t.substr(i, 3) == "\xEF\xBC\x9F") {  // ？
      ++n;
    }
  }
  return n;
}

// Cuts the page into blocks (see content.h).
class BlockBuilder {
 public:
  BlockBuilder(const HtmlDocument& doc, std::string* texts)
      : doc_(doc), texts_(*texts) {}

  std::vector<Block> Build() {
    const uint32_t n = static_cast<uint32_t>(doc_.size());
    for (uint32_t i = 0; i < n; ++i) {
      while (!stack_.empty() && doc_.node(stack_.back()).end <= i) Close();
      const HtmlNode& node = doc_.node(i);
      if (node.is_text()) {
        AddText(doc_.text(i));
        continue;
      }
      Open(i);
    }
    while (!stack_.empty()) Close();
    Flush();
    return std::move(blocks_);
  }

 private:
  void Open(uint32_t i) {
    const HtmlTag tag = doc_.node(i).tag;
    if (tag == HtmlTag::kBr) {
      LineBreak();
    } else if (IsBlock(tag) || tag == HtmlTag::kImg) {
      // An image between two runs of text separates them as a block
      // would (a caption after a photo, a teaser after its thumbnail).
      Flush();
    }
    if (tag != HtmlTag::kBr && tag != HtmlTag::kImg) last_was_break_ = false;
    stack_.push_back(i);
    if (tag == HtmlTag::kA) ++links_;
    if (tag == HtmlTag::kPre) ++pre_;
    if (tag == HtmlTag::kFigure || tag == HtmlTag::kFigcaption) ++figures_;
  }

  void Close() {
    const uint32_t i = stack_.back();
    const HtmlTag tag = doc_.node(i).tag;
    if (IsBlock(tag)) Flush();
    stack_.pop_back();
    if (tag == HtmlTag::kA) --links_;
    if (tag == HtmlTag::kPre) --pre_;
    if (tag == HtmlTag::kFigure || tag == HtmlTag::kFigcaption) --figures_;
  }

  void LineBreak() {
    if (last_was_break_) {  // <br><br>: a paragraph break
      Flush();
      last_was_break_ = false;
      return;
    }
    last_was_break_ = true;
    if (!text_.empty() && text_.back() != '\n') text_ += '\n';
    pending_space_ = false;
  }

  void AddText(std::string_view t) {
    for (char c : t) {
      if (IsHtmlSpace(c)) {
        if (pre_ > 0 && c == '\n') {
          if (!text_.empty()) text_ += '\n';
          pending_space_ = false;
        } else {
          pending_space_ = true;
        }
        continue;
      }
      if (text_.empty()) Start();
      last_was_break_ = false;
      if (pending_space_ && !text_.empty() && text_.back() != '\n') {
        text_ += ' ';
      }
      pending_space_ = false;
      text_ += c;
      if (!IsContinuation(c)) {
        ++cur_.chars;
        if (links_ > 0) ++cur_.link_chars;
      }
    }
  }

  // The first character of a block: record where it lives.
  void Start() {
    cur_.owner = 0;
    cur_.kind = ContentBlock::Kind::kParagraph;
    cur_.in_figure = figures_ > 0;
    bool owner_found = false;
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const HtmlTag tag = doc_.node(*it).tag;
      if (!owner_found && IsBlock(tag)) {
        cur_.owner = *it;
        owner_found = true;
      }
      if (IsHeading(tag)) {
        cur_.kind = ContentBlock::Kind::kHeading;
      } else if ((TagFlags(tag) & kListItem) &&
                 cur_.kind == ContentBlock::Kind::kParagraph) {
        cur_.kind = ContentBlock::Kind::kListItem;
      } else if (tag == HtmlTag::kPre) {
        cur_.kind = ContentBlock::Kind::kPreformatted;
      } else if ((TagFlags(tag) & kCell) &&
                 cur_.kind == ContentBlock::Kind::kParagraph) {
        cur_.kind = ContentBlock::Kind::kTableCell;
      } else if (tag == HtmlTag::kBlockquote &&
                 cur_.kind != ContentBlock::Kind::kHeading) {
        cur_.kind = ContentBlock::Kind::kQuote;
      }
    }
  }

  void Flush() {
    pending_space_ = false;
    while (!text_.empty() && IsHtmlSpace(text_.back())) text_.pop_back();
    if (cur_.chars > 0) {
      cur_.sentence_marks = CountSentenceMarks(text_);
      cur_.text_begin = static_cast<uint32_t>(texts_.size());
      cur_.text_size = static_cast<uint32_t>(text_.size());
      texts_ += text_;
      blocks_.push_back(cur_);
    }
    cur_ = Block();
    text_.clear();
  }

  const HtmlDocument& doc_;
  std::string& texts_;
  std::vector<uint32_t> stack_;
  std::vector<Block> blocks_;
  Block cur_;
  std::string text_;  // the current block's text
  int links_ = 0, pre_ = 0, figures_ = 0;
  bool pending_space_ = false;
  bool last_was_break_ = false;
};

double LinkDensity(const Block& b) {
  return b.chars == 0 ? 0.0 : double(b.link_chars) / b.chars;
}

BlockClass Classify(const Block& b, const ContentOptions& o, bool relaxed) {
  const double links = LinkDensity(b);
  if (links > o.max_link_density) return BlockClass::kLink;
  if (links > o.good_max_link_density && b.chars < o.long_block_chars) {
    return BlockClass::kShort;
  }
  if (b.chars >= o.good_min_chars) return BlockClass::kGood;
  if (b.chars >= o.sentence_min_chars && b.sentence_marks > 0) {
    return BlockClass::kGood;
  }
  if (relaxed && b.chars >= o.relaxed_min_chars) return BlockClass::kGood;
  return BlockClass::kShort;
}

// Per-element sums for the container score (content.h, step 2).
struct ElementSums {
  // Character counts (a page is under 4 G characters): 24 bytes an
  // element, which matters on pages of millions of elements.
  uint32_t raw_good = 0;       // good characters, furniture ignored
  uint32_t clean_good = 0;     // good characters not inside furniture
  uint32_t clean_nonlink = 0;  // non-link characters not inside furniture
  uint32_t clean_all = 0;      // characters not inside furniture
  uint32_t inserted = 0;       // characters inside inserted furniture
  uint32_t all = 0;            // every character
};

class Extractor {
 public:
  Extractor(const HtmlDocument& doc, std::string_view title,
            const ContentOptions& o, std::vector<BlockTrace>* trace)
      : doc_(doc), title_(Squeeze(title)), o_(o), trace_(trace) {}

  MainContent Run() {
    MainContent out;
    blocks_ = BlockBuilder(doc_, &texts_).Build();
    if (blocks_.empty()) return out;
    ClassifyBlocks();
    ComputeHints();
    ComputeBlockCounts();
    MarkTeasers();
    MarkSectionHeadings();
    ComputeSums();
    const uint32_t c = ChooseContainer();
    out.container = c;
    Select(c, &out);
    return out;
  }

 private:
  void ClassifyBlocks() {
    size_t good = 0;
    for (Block& b : blocks_) {
      b.cls = Classify(b, o_, false);
      if (b.cls == BlockClass::kGood) good += b.chars;
    }
    if (good < o_.min_good_chars) {
      for (Block& b : blocks_) b.cls = Classify(b, o_, true);
    }
  }

  void ComputeHints() {
    hints_.resize(doc_.size());
    for (uint32_t i = 0; i < doc_.size(); ++i) {
      if (!doc_.node(i).is_text()) hints_[i] = HintsFor(doc_, i);
    }
  }

  void ComputeSums() {
    sums_.assign(doc_.size(), ElementSums());
    ComputeTotalGood();
    for (const Block& b : blocks_) {
      ElementSums& s = sums_[b.owner];
      s.all += b.chars;
      s.clean_all += b.chars;
      if (b.cls == BlockClass::kGood) {
        s.raw_good += b.chars;
        s.clean_good += b.chars;
      }
      if (b.cls != BlockClass::kLink) s.clean_nonlink += b.chars;
    }
    // Children come after their parent: a reverse pass sees every child
    // complete before adding it to its parent.
    for (uint32_t i = static_cast<uint32_t>(doc_.size()); i-- > 0;) {
      if (doc_.node(i).is_text()) continue;
      const uint32_t p = doc_.node(i).parent;
      if (p == HtmlNode::kNone) continue;
      sums_[p].raw_good += sums_[i].raw_good;
      sums_[p].all += sums_[i].all;
      // Furniture of i is decided with i's raw sum complete.
      sums_[p].inserted += sums_[i].inserted;
      if (!IsFurniture(i)) {
        sums_[p].clean_good += sums_[i].clean_good;
        sums_[p].clean_nonlink += sums_[i].clean_nonlink;
        sums_[p].clean_all += sums_[i].clean_all;
      } else if (IsInserted(hints_[i].chrome)) {
        sums_[p].inserted += sums_[i].clean_all;
      }
    }
    // The root's own furniture flag is never applied (nothing above it).
  }

  void ComputeBlockCounts() {
    blocks_in_.assign(doc_.size(), 0);
    for (const Block& b : blocks_) ++blocks_in_[b.owner];
    for (uint32_t i = static_cast<uint32_t>(doc_.size()); i-- > 0;) {
      const uint32_t p = doc_.node(i).parent;
      if (p != HtmlNode::kNone && !doc_.node(i).is_text()) {
        blocks_in_[p] += blocks_in_[i];
      }
    }
  }

  // A headline: a link block long enough to be a story's title.
  bool IsHeadline(const Block& b) const {
    return b.cls == BlockClass::kLink && b.chars >= o_.headline_min_chars;
  }

  // Teasers (content.h): the highest elements holding one headline and at
  // most teaser_max_chars of good text, when teaser_min_repeats or more
  // of them share tag and class.
  void MarkTeasers() {
    const uint32_t n = static_cast<uint32_t>(doc_.size());
    std::vector<uint32_t> headlines(n, 0);
    std::vector<uint32_t> good(n, 0);
    for (const Block& b : blocks_) {
      headlines[b.owner] += IsHeadline(b);
      if (b.cls == BlockClass::kGood) good[b.owner] += b.chars;
    }
    for (uint32_t i = n; i-- > 0;) {
      const uint32_t p = doc_.node(i).parent;
      if (p == HtmlNode::kNone || doc_.node(i).is_text()) continue;
      headlines[p] += headlines[i];
      good[p] += good[i];
    }
    auto teaser_like = [&](uint32_t i) {
      return headlines[i] == 1 && good[i] > 0 &&
             good[i] <= o_.teaser_max_chars;
    };
    std::map<std::string, std::vector<uint32_t>> by_signature;
    for (uint32_t i = 0; i < n; ++i) {
      if (doc_.node(i).is_text() || !teaser_like(i)) continue;
      const uint32_t p = doc_.node(i).parent;
      if (p != HtmlNode::kNone && teaser_like(p)) continue;  // not highest
      std::string signature(TagName(doc_.node(i).tag));
      signature += '.';
      for (char c : doc_.attr(i, HtmlAttr::kClass)) {
        if (c < '0' || c > '9') signature += c;
      }
      by_signature[signature].push_back(i);
    }
    for (const auto& [signature, elements] : by_signature) {
      if (elements.size() < o_.teaser_min_repeats) continue;
      for (uint32_t i : elements) {
        if (hints_[i].chrome == ChromeKind::kNone || hints_[i].chrome_from_words) {
          hints_[i].chrome = ChromeKind::kRelated;
          hints_[i].chrome_from_words = false;
        }
      }
    }
  }

  // Whether `wrapper` holds more than the heading block in `owner`: an
  // element beside the way down to it (a list left empty by the page's
  // scripts, say). Then the wrapper is a box of its own, and the section
  // is the box, not what follows it.
  bool IsBox(uint32_t wrapper, uint32_t owner) const {
    const uint32_t owner_end = doc_.node(owner).end;
    for (uint32_t k = wrapper; k < doc_.node(wrapper).end; ++k) {
      const HtmlNode& n = doc_.node(k);
      if (n.is_text() || n.tag == HtmlTag::kImg || n.tag == HtmlTag::kBr) {
        continue;
      }
      const bool on_path = k <= owner && owner < n.end;
      const bool inside = k >= owner && k < owner_end;
      if (!on_path && !inside) return true;
    }
    return false;
  }

  // Section headings (content.h): a short block that names a related or
  // comments section, by its markup's class words or its text, turns the
  // siblings after it into that section.
  void MarkSectionHeadings() {
    for (const Block& b : blocks_) {
      if (b.cls == BlockClass::kLink || b.chars > o_.section_heading_max_chars) {
        continue;
      }
      // The heading's wrapper: the highest element holding this block only.
      uint32_t h = b.owner;
      while (doc_.node(h).parent != HtmlNode::kNone &&
             blocks_in_[doc_.node(h).parent] == 1) {
        h = doc_.node(h).parent;
      }
      // Named by its text, or by the class words of its markup; either way
      // it must be a heading (h1-h6), unless text and markup agree.
      const ChromeKind by_text = SectionPhraseKind(Text(b));
      ChromeKind by_markup = ChromeKind::kNone;
      for (uint32_t e = b.owner;; e = doc_.node(e).parent) {
        const ChromeKind k = hints_[e].chrome;
        if (k == ChromeKind::kRelated || k == ChromeKind::kComments) {
          by_markup = k;
          break;
        }
        if (e == h) break;
      }
      const bool heading = b.kind == ContentBlock::Kind::kHeading;
      const ChromeKind kind =
          by_text != ChromeKind::kNone && (heading || by_markup != ChromeKind::kNone)
              ? by_text
              : (heading ? by_markup : ChromeKind::kNone);
      if (kind == ChromeKind::kNone || IsBox(h, b.owner)) continue;
      for (uint32_t s = doc_.next_sibling(h); s != HtmlNode::kNone;
           s = doc_.next_sibling(s)) {
        if (doc_.node(s).is_text()) continue;
        // Sections are lists of items; a paragraph after the heading means
        // the article goes on (the section's items were not in the page).
        if (doc_.node(s).tag == HtmlTag::kP) break;
        hints_[s].chrome = kind;
        hints_[s].chrome_from_words = false;
      }
    }
  }

  // The page's good characters outside furniture shown by markup (hidden
  // elements, dialogs, nav, aside, ...): what the overrule compares with.
  void ComputeTotalGood() {
    std::vector<uint32_t> good(doc_.size(), 0);
    for (const Block& b : blocks_) {
      if (b.cls == BlockClass::kGood) good[b.owner] += b.chars;
    }
    for (uint32_t i = static_cast<uint32_t>(doc_.size()); i-- > 0;) {
      const uint32_t p = doc_.node(i).parent;
      if (doc_.node(i).is_text()) continue;
      const bool strong = hints_[i].chrome != ChromeKind::kNone &&
                          !hints_[i].chrome_from_words;
      if (strong) continue;
      if (p == HtmlNode::kNone) {
        total_good_ = good[i];
      } else {
        good[p] += good[i];
      }
    }
  }

  // Furniture put into or after an article (content.h) rather than framing
  // it.
  static bool IsInserted(ChromeKind k) {
    return k == ChromeKind::kRelated || k == ChromeKind::kComments ||
           k == ChromeKind::kAd || k == ChromeKind::kShare ||
           k == ChromeKind::kBanner || k == ChromeKind::kSidebar;
  }

  // Whether element i is page furniture, after the overrule (content.h).
  bool IsFurniture(uint32_t i) const {
    const ChromeKind k = hints_[i].chrome;
    if (k == ChromeKind::kNone) return false;
    if (!hints_[i].chrome_from_words) return true;
    const double total = TotalGood();
    return !(total > 0 &&
             sums_[i].raw_good >= o_.furniture_overrule_share * total);
  }

  double TotalGood() const { return total_good_; }

  double Score(uint32_t i) const {
    const ElementSums& s = sums_[i];
    const double framing = double(s.all) - s.clean_all - s.inserted;
    return s.clean_good -
           o_.link_weight * (double(s.clean_all) - s.clean_nonlink + framing) -
           o_.inserted_weight * s.inserted;
  }

  bool IsAncestor(uint32_t a, uint32_t d) const {
    return a <= d && d < doc_.node(a).end;
  }

  uint32_t ChooseContainer() {
    // Elements inside furniture (a cookie dialog, a comment section) are
    // no candidates either.
    std::vector<bool> in_furniture(doc_.size(), false);
    for (uint32_t i = 0; i < doc_.size(); ++i) {
      if (doc_.node(i).is_text()) continue;
      const uint32_t p = doc_.node(i).parent;
      in_furniture[i] =
          (p != HtmlNode::kNone && in_furniture[p]) || IsFurniture(i);
    }
    uint32_t best = HtmlNode::kNone;
    double best_score = 0;
    for (uint32_t i = 0; i < doc_.size(); ++i) {
      if (doc_.node(i).is_text() || sums_[i].all == 0 || in_furniture[i]) {
        continue;
      }
      const double s = Score(i);
      if (best == HtmlNode::kNone || s > best_score ||
          (s == best_score && IsAncestor(best, i))) {
        best = i;
        best_score = s;
      }
    }
    // The publisher's own mark of the body, when it holds enough.
    uint32_t marked = HtmlNode::kNone;
    for (uint32_t i = 0; i < doc_.size(); ++i) {
      if (doc_.node(i).is_text() || !hints_[i].article_body ||
          in_furniture[i]) {
        continue;
      }
      if (Score(i) >= o_.article_body_share * best_score &&
          (marked == HtmlNode::kNone || Score(i) > Score(marked))) {
        marked = i;
      }
    }
    return marked != HtmlNode::kNone ? marked : best;
  }

  // The furniture kind of the first furniture element on the way from
  // `owner` up to `container` (exclusive), or kNone.
  ChromeKind FurnitureBetween(uint32_t owner, uint32_t container) const {
    for (uint32_t e = owner; e != container && e != HtmlNode::kNone;
         e = doc_.node(e).parent) {
      if (IsFurniture(e)) return hints_[e].chrome;
    }
    return ChromeKind::kNone;
  }

  // A caption or credit outside <figure>: a short block ending in a photo
  // credit, or a credit line alone (phrases.h).
  bool IsCaption(const Block& b) const {
    return b.chars <= o_.caption_max_chars &&
           (EndsWithPhotoCredit(Text(b)) || IsPhotoCredit(Text(b)));
  }

  // A short block before the first or after the last good block of the
  // container is still the article's (the container is tight already:
  // lists, sub-headings, one-line paragraphs, code) unless it looks like
  // the lines around an article: a table cell (a data table, a layout
  // table's chrome), some link text, a dateline.
  bool KeptAtTheEdge(const Block& b) const {
    if (b.kind == ContentBlock::Kind::kTableCell) return false;
    if (LinkDensity(b) > o_.good_max_link_density) return false;
    return !FindDateInText(Text(b));
  }

  bool RepeatsTitle(const Block& b) const {
    return !title_.empty() && Squeeze(Text(b)) == title_;
  }

  void Select(uint32_t c, MainContent* out) {
    const uint32_t end = c == HtmlNode::kNone ? 0 : doc_.node(c).end;
    std::vector<BlockVerdict> verdict(blocks_.size(),
                                      BlockVerdict::kOutsideContainer);
    std::vector<ChromeKind> furniture(blocks_.size(), ChromeKind::kNone);
    std::vector<size_t> inside;  // candidate blocks, in order
    for (size_t k = 0; k < blocks_.size(); ++k) {
      const Block& b = blocks_[k];
      if (c == HtmlNode::kNone || b.owner < c || b.owner >= end) continue;
      furniture[k] = FurnitureBetween(b.owner, c);
      if (furniture[k] != ChromeKind::kNone) {
        verdict[k] = BlockVerdict::kFurniture;
      } else if (b.in_figure || IsCaption(b)) {
        verdict[k] = BlockVerdict::kCaption;
      } else if (b.cls == BlockClass::kLink) {
        verdict[k] = BlockVerdict::kLinks;
      } else if (IsUiPhrase(Text(b))) {
        verdict[k] = BlockVerdict::kUiPhrase;
      } else if ((b.kind == ContentBlock::Kind::kHeading ||
                  b.cls != BlockClass::kGood) &&
                 RepeatsTitle(b)) {
        verdict[k] = BlockVerdict::kTitle;
      } else {
        verdict[k] = BlockVerdict::kKept;
        inside.push_back(k);
      }
    }
    // Short blocks: between good blocks they are the article's (the
    // neighbour rule of jusText); before the first or after the last good
    // block, unless they look like the lines around an article.
    size_t first_good = inside.size(), last_good = 0;
    for (size_t j = 0; j < inside.size(); ++j) {
      if (blocks_[inside[j]].cls != BlockClass::kGood) continue;
      first_good = std::min(first_good, j);
      last_good = j;
    }
    for (size_t j = 0; j < inside.size(); ++j) {
      const Block& b = blocks_[inside[j]];
      if (b.cls == BlockClass::kGood) continue;
      const bool between = first_good < j && j < last_good;
      if (!between && !KeptAtTheEdge(b)) {
        verdict[inside[j]] = BlockVerdict::kNoContext;
      }
    }
    for (size_t k = 0; k < blocks_.size(); ++k) {
      Block& b = blocks_[k];
      if (verdict[k] == BlockVerdict::kKept) {
        out->blocks.push_back({b.kind, std::string(Text(b))});
      }
      if (trace_ != nullptr) {
        trace_->push_back({std::string(Text(b)), verdict[k], furniture[k],
                           b.cls == BlockClass::kGood, LinkDensity(b)});
      }
    }
  }

  const HtmlDocument& doc_;
  std::string_view Text(const Block& b) const {
    return std::string_view(texts_).substr(b.text_begin, b.text_size);
  }

  const std::string title_;
  const ContentOptions& o_;
  std::vector<BlockTrace>* trace_;
  std::vector<Block> blocks_;
  std::string texts_;  // the blocks' text
  std::vector<ElementHints> hints_;
  std::vector<ElementSums> sums_;
  std::vector<uint32_t> blocks_in_;  // blocks inside each element
  double total_good_ = 0;
};

}  // namespace

std::string_view BlockVerdictName(BlockVerdict v) {
  switch (v) {
    case BlockVerdict::kKept:
      return "kept";
    case BlockVerdict::kOutsideContainer:
      return "outside";
    case BlockVerdict::kFurniture:
      return "furniture";
    case BlockVerdict::kLinks:
      return "links";
    case BlockVerdict::kCaption:
      return "caption";
    case BlockVerdict::kUiPhrase:
      return "ui-phrase";
    case BlockVerdict::kTitle:
      return "title";
    case BlockVerdict::kNoContext:
      return "no-context";
  }
  return "kept";
}

std::string MainContent::Text() const {
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) {
      const bool list = blocks[i].kind == ContentBlock::Kind::kListItem &&
                        blocks[i - 1].kind == ContentBlock::Kind::kListItem;
      out += list ? "\n" : "\n\n";
    }
    out += blocks[i].text;
  }
  return out;
}

MainContent ExtractMainContent(const HtmlDocument& doc, std::string_view title,
                               const ContentOptions& options,
                               std::vector<BlockTrace>* trace) {
  return Extractor(doc, title, options, trace).Run();
}

}  // namespace newsloom
