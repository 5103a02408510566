// Plain-text articles: one UTF-8 file (.txt, .txt.gz, or sniffed) = one
// article.
//
// The article's `text` is the whole content, byte for byte, minus a leading
// UTF-8 byte-order mark, the lines of page chrome and a leading date header
// found below: nothing is normalised (not line endings, not white space),
// and what is dropped is whole lines or the text's first bytes, so
// FindPlainTextChrome's byte ranges and the header's end map every offset
// of the text back into the original file (shifted by 3 when the file had
// a BOM). Plain text carries no source, url or language; the
// language stays "und" for the text pipeline to detect.
//
// Page chrome (FindPlainTextChrome). Articles copied from web pages keep
// bits of the page around them. Lines are split on '\n' and trimmed of
// ASCII white space; a paragraph is a run of non-empty lines. Dropped, as
// whole lines (html/phrases.h has the phrase lists):
//   - interface phrases alone on a line: "News Feed", "Show More",
//     "Advertisement", "Share this article", "Read more", ...;
//   - reading times: "2 min read", "5 minute read";
//   - captions and credits: a line of at most kMaxCaptionBytes ending in a
//     photo credit ("... in Paris. (Chesnot/Getty Images)"), or a credit
//     line alone ("Jane Doe | Reuters | Getty Images");
//   - a repeat of the title line further down (pages print the headline
//     twice, above and below the byline);
//   - teaser cards: an image placeholder line ("Article image") and the
//     lines of its paragraph before it, when they are at most
//     kMaxTeaserLines lines (a headline and its summary);
//   - the news feed at the end: after a line naming a section of other
//     stories ("News Feed", "Related", "More stories", "Trending", ...)
//     that comes after the body has begun, every paragraph whose words
//     mostly do not occur in the article above (fewer than
//     kMinTailOverlap of its distinct words of 4+ letters) is another
//     story's teaser. Paragraphs that share the article's vocabulary stay,
//     and so does everything when the article above holds fewer than
//     kMinBodyWordsForFeed distinct words (a "Related" line after the
//     first paragraph is a link box inside the article, not its end).
// Nothing else is dropped: a short line that matches no rule (a byline,
// a sub-heading such as "Details") stays. Seed 003 of ../shared/seeds is
// the model: its chrome goes, the article stays intact.
//
// Two things are read from the top of the text and nothing else:
//
// Title (FindPlainTextTitle). A headline is a short line above the body.
// Lines are split on '\n' and trimmed of ASCII white space (so CRLF is fine);
// empty lines are ignored. Looking at the first kTitleScanLines non-empty
// lines (after a date header, see below), in order:
//   - a line with fewer than kMinTitleWords words is page chrome ("News
//     Feed", "By Jane Doe", "2 min read") and is passed over;
//   - a line that is a sentence ends the search with no title: it ends with
//     sentence punctuation (. ! ? ; : , … and their CJK forms, looking
//     through closing quotes and brackets), or is over kMaxTitleBytes, or
//     starts with a lowercase letter, or continues on the next line with a
//     lowercase letter (a hard-wrapped paragraph, not a headline);
//   - any other line is the title.
// A word is a run of non-space bytes holding a letter or digit; each CJK,
// kana or hangul character counts as one word, since those scripts do not
// put spaces between words. So "Macron says Russian defeat in Ukraine vital
// for security in Europe" is a title; a file whose first line is a sentence
// has none (the body starts at once, and a later stage may derive one).
//
// Publication time (FindDateHeader). Some exports start with a metadata
// keyword and an ISO 8601 date, e.g. " date 2024-03-05 France has invited
// ...". At the very start of the text (after white space), one of the
// keywords date, dated, published, pubdate, dato (da/no), datum (de/nl/sv),
// fecha (es), data (it/pt/pl) — any case, optionally followed by ':' — then
// white space, then a date "YYYY-MM-DD" optionally followed by a time
// ("T" or one space, "HH:MM[:SS[.fff]]", optional "Z" or "+HH:MM") sets
// `published`. The header, with the white space after it, is then dropped
// from the text like a line of page chrome ("date 2024-03-05" opened the
// first sentence of summaries and fallback titles), unless
// ReadOptions::drop_text_chrome is off (`--keep-text-chrome`). The id is
// of the text as kept (base/article.h ArticleId), as for chrome, so
// `extract --jsonl` of the file ingests as the same article; the id of
// the text with its header, which a store made before 2026-12-06 holds it
// under, is the article's former_id (Engine::Add looks it up).
// Nothing else infers dates from the text; a later component does that.
#ifndef NEWSLOOM_INGEST_PLAIN_TEXT_H_
#define NEWSLOOM_INGEST_PLAIN_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "base/status.h"
#include "base/time.h"
#include "ingest/read_options.h"

namespace newsloom {

// Title rule parameters (see the file comment).
inline constexpr int kTitleScanLines = 3;
inline constexpr int kMinTitleWords = 4;
inline constexpr size_t kMaxTitleBytes = 200;

// Chrome rule parameters (see the file comment).
inline constexpr size_t kMaxCaptionBytes = 400;
inline constexpr int kMaxTeaserLines = 3;
inline constexpr double kMinTailOverlap = 0.5;
// The news-feed rule judges paragraphs by the article's vocabulary above
// the section line; with fewer distinct words (4+ letters) than this there
// it cannot tell a teaser from the article going on, and drops nothing.
inline constexpr size_t kMinBodyWordsForFeed = 60;

// Why a line is page chrome.
enum class TextChromeKind {
  kInterface,     // an interface phrase
  kReadingTime,   // "2 min read"
  kCaption,       // a photo caption or credit
  kRepeatedTitle, // the title line again
  kTeaser,        // a teaser card (headline, summary, image placeholder)
  kFeed,          // the news feed at the end, or its marker
};

// "interface phrase", "reading time", "caption", "repeated title",
// "teaser", "news feed".
std::string_view TextChromeKindName(TextChromeKind kind);

// One dropped line: bytes [begin, end) of the text, its line break
// included; `line` is its 1-based line number.
struct TextChromeLine {
  size_t begin = 0;
  size_t end = 0;
  size_t line = 0;
  TextChromeKind kind = TextChromeKind::kInterface;
};

// The lines of page chrome of `text` (valid UTF-8), in order, by the rules
// of the file comment.
std::vector<TextChromeLine> FindPlainTextChrome(std::string_view text);

// Builds an article from the bytes of a plain-text file, already
// decompressed. A leading BOM is stripped here; a UTF-16 one (either byte
// order) means the file is UTF-16 and is decoded to UTF-8 first (unpaired
// surrogates become U+FFFD). REQUIRES nothing of
// `bytes`. Sets input = `input`, text (without page chrome when
// options.drop_text_chrome), title, published, lang "und"/0 and id =
// ArticleId(article). When chrome was dropped and `notes` is not null,
// one note names the dropped lines (number, start, why).
// Returns InvalidArgument, with a one-line message ending in "; skipped",
// for: empty text; text over options.max_article_bytes; binary data
// (LooksBinary: NUL or many control bytes); invalid UTF-8 (the message gives
// the byte offset of the first bad byte in `bytes`); white space only.
Result<Article> ParsePlainText(std::string_view bytes, std::string_view input,
                               const ReadOptions& options,
                               std::vector<std::string>* notes = nullptr);

// The headline of `text` by the rule above, as a view into `text` (trimmed),
// or an empty view when there is none. REQUIRES: `text` is valid UTF-8.
std::string_view FindPlainTextTitle(std::string_view text);

// A leading date header as described above.
struct DateHeader {
  UnixSeconds published = 0;
  std::optional<int> offset;  // minutes east of UTC when the time names a zone
  size_t end = 0;  // byte offset just past the date (and time) in `text`
};

// Finds a date header at the start of `text`, or nullopt when there is none
// (including when the date is impossible, e.g. 2024-02-30).
std::optional<DateHeader> FindDateHeader(std::string_view text);

}  // namespace newsloom

#endif  // NEWSLOOM_INGEST_PLAIN_TEXT_H_
