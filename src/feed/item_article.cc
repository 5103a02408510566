#include "feed/item_article.h"

#include <vector>

#include "base/ascii.h"
#include "base/utf8.h"
#include "html/dom.h"
#include "ingest/html_page.h"

namespace newsloom {
namespace {

// Appends `text` to the block being built, white space runs as one space.
void AppendCollapsed(std::string_view text, std::string* block) {
  for (char c : text) {
    if (IsAsciiSpace(c)) {
      if (!block->empty() && block->back() != ' ') block->push_back(' ');
    } else {
      block->push_back(c);
    }
  }
}

// Ends the block being built: trimmed, and separated from the text before.
void EndBlock(std::string* block, std::string* out) {
  const std::string_view b = TrimAscii(*block);
  if (!b.empty()) {
    if (!out->empty()) out->append("\n\n");
    out->append(b);
  }
  block->clear();
}

std::string InputOf(const FeedItem& item, std::string_view feed_url) {
  if (!item.link.empty()) return item.link;
  return std::string(feed_url) + "#" + item.Key();
}

// Fills what the page left empty from the item and its feed.
void FillFromItem(const FeedItem& item, const Feed& feed, Article* a) {
  if (a->title.empty()) a->title = HtmlFragmentText(item.title);
  if (!a->published && item.published) {
    a->published = item.published->utc;
    a->published_text = FormatZonedTime(*item.published);
    a->published_offset = item.published->offset_minutes;
  }
  if (a->authors.empty()) a->authors = item.authors;
  if (a->source.empty()) a->source = feed.title;
  if (a->url.empty()) a->url = item.link;
  a->id = ArticleId(*a);
}

}  // namespace

std::string HtmlFragmentText(std::string_view html) {
  std::string out, block;
  if (html.find_first_of("<&") == std::string_view::npos) {
    AppendCollapsed(html, &block);
    EndBlock(&block, &out);
    return out;
  }
  Result<HtmlDocument> doc = ParseHtml(html);
  if (!doc.ok()) return out;
  std::vector<uint32_t> open_blocks;  // ends of the block elements we are in
  for (uint32_t i = 0; i < doc->size(); ++i) {
    while (!open_blocks.empty() && i >= open_blocks.back()) {
      open_blocks.pop_back();
      EndBlock(&block, &out);
    }
    const HtmlNode& n = doc->node(i);
    if (n.is_text()) {
      AppendCollapsed(doc->text(i), &block);
    } else if (IsBlock(n.tag) || n.tag == HtmlTag::kBr) {
      EndBlock(&block, &out);
      if (IsBlock(n.tag)) open_blocks.push_back(n.end);
    }
  }
  EndBlock(&block, &out);
  return out;
}

Result<Article> ArticleFromPage(const FeedItem& item, const Feed& feed,
                                std::string_view feed_url,
                                const FetchResult& page,
                                const ReadOptions& options) {
  // A link to an image, a PDF or a video is not a web page: its bytes would
  // be read as text. Without a Content-Type the bytes decide.
  std::string type(TrimAscii(page.content_type.substr(0, page.content_type.find(';'))));
  for (char& c : type) c = AsciiLower(c);
  if (!type.empty() && type != "text/html" && type != "application/xhtml+xml") {
    return Status::InvalidArgument("the page is " + PrintableText(Abbreviate(type, 80)) +
                                   ", not a web page");
  }
  ASSIGN_OR_RETURN(
      Article a,
      ParseHtmlPage(page.body, InputOf(item, feed_url), options,
                    HtmlPageOrigin{page.final_url, page.content_type}));
  FillFromItem(item, feed, &a);
  return a;
}

Result<Article> ArticleFromItem(const FeedItem& item, const Feed& feed,
                                std::string_view feed_url,
                                const ReadOptions& options) {
  Article a;
  a.input = InputOf(item, feed_url);
  a.text = HtmlFragmentText(item.content);
  if (a.text.empty()) a.text = HtmlFragmentText(item.summary);
  if (a.text.empty()) {
    return Status::InvalidArgument("no text in the feed item; skipped");
  }
  if (a.text.size() > options.max_article_bytes) {
    return Status::InvalidArgument(
        "the feed item's text is " + std::to_string(a.text.size()) +
        " bytes, over the cap of " + std::to_string(options.max_article_bytes) +
        " (--max-article-bytes); skipped");
  }
  FillFromItem(item, feed, &a);
  return a;
}

}  // namespace newsloom
