// Phrases of page furniture: the words web pages put around an article,
// and that stay around it when a page is copied into plain text ("Share
// this article", "2 min read", "News Feed", "(Photo: Getty Images)").
// Used by the HTML extractor (content.h) and by the plain-text reader
// (ingest/plain_text.h). The lists are short and English: markup and
// structure do most of the work; these catch what both miss.
//
// Phrases are compared squeezed (Squeeze): ASCII letters lowercased, ASCII
// spaces, punctuation and symbols removed, non-ASCII bytes kept, so
// "Share this article:" and "SHARE THIS ARTICLE" are one phrase.
//
// Thread safety: all functions are thread-safe.
#ifndef NEWSLOOM_HTML_PHRASES_H_
#define NEWSLOOM_HTML_PHRASES_H_

#include <string>
#include <string_view>

#include "html/hints.h"

namespace newsloom {

// ASCII letters (lowercased) and digits of `s`, and its non-ASCII bytes.
std::string Squeeze(std::string_view s);

// A whole line or block that is an interface phrase: "Advertisement",
// "Read more", "Share this story", "Show more", "News Feed", "Article
// image", ... (phrases.cc has the list).
bool IsUiPhrase(std::string_view text);

// An image placeholder line, what a page's thumbnail becomes in text:
// "Article image", "Image", "Photo".
bool IsImagePlaceholder(std::string_view text);

// A reading-time line: "2 min read", "5 minute read", "3 mins read",
// "Reading time: 4 minutes", "4 min" alone is not one.
bool IsReadingTime(std::string_view text);

// A heading that opens a section of other stories (kRelated: "Related
// articles", "You may also like", "More stories", "News Feed", "Trending",
// ...) or of comments (kComments: "Comments", "Leave a reply", ...), with
// an optional count after it ("Comments (12)"); kNone otherwise.
ChromeKind SectionPhraseKind(std::string_view text);

// Text that ends in a photo credit, the mark of a caption: a final
// parenthesised or bracketed part naming an agency or a credit ("(Chesnot/
// Getty Images)", "(Image: GETTY)", "[Photo: AP]", "(AFP)" after a
// sentence, "(Reuters/John Doe)"), or a final "Photo: ..." / "Image: ..." /
// "Credit: ..." / "Photograph: ..." part after the last sentence end.
bool EndsWithPhotoCredit(std::string_view text);

// A short line that is a credit alone: it names a picture agency ("Getty
// Images", "AP Photo", "Shutterstock", ...), or lists names with '/' or
// '|' and a credit word ("Photo / Jane Doe"); no sentence punctuation at
// its end.
bool IsPhotoCredit(std::string_view text);

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_PHRASES_H_
