// The document model: one news article as every stage sees it.
//
// An Article is created by ingest (src/ingest), annotated by the text
// pipeline (language), assigned to an event and a story by clustering and
// persisted by the store. Its `text` holds the exact, valid UTF-8 bytes the
// store keeps; every offset any stage reports (sentences, tokens, entities,
// quotes, citations) is a byte offset into `text` (or into `title`, where a
// stage says so). Nothing downstream rewrites `text`.
#ifndef NEWSLOOM_BASE_ARTICLE_H_
#define NEWSLOOM_BASE_ARTICLE_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace newsloom {

struct Article {
  // Stable id: 16 lowercase hex digits, see ArticleId(). The same article
  // ingested twice gets the same id, which makes re-ingest idempotent.
  std::string id;
  // The id an older newsloom gave this article, when it differs (a reader
  // sets it: a .txt file whose date header is now dropped from the text);
  // Engine::Add finds the article under it in a store made then.
  std::string former_id;

  // Where it came from, for people: a file path, "path:LINE" for a JSONL
  // line (1-based), or "-" / "-:LINE" for standard input.
  std::string input;

  // The input's own identifier (JSONL `id`), or empty.
  std::string external_id;

  std::string source;  // outlet name, or empty when unknown
  std::string url;     // page address, or empty
  std::string title;   // headline, or empty
  std::string text;    // body: valid UTF-8, offsets point into it

  // Publication time, when known.
  std::optional<UnixSeconds> published;
  // The same time as the input wrote it, in ISO 8601 with its zone when it
  // had one ("2019-11-18T14:05:00-05:00", "2019-11-18"), for display; or
  // empty. Set by the HTML reader (web pages state their zone).
  std::string published_text;
  // Minutes east of UTC the input wrote the time with ("-05:00" -> -300,
  // "Z" -> 0), or nullopt when it named no zone (then read as UTC). The
  // store keeps it: the day an article is dated, and the "today" of its
  // text, is the outlet's day (PublishedLocal).
  std::optional<int> published_offset;

  // Authors as the input names them (bylines of web pages), or empty.
  std::vector<std::string> authors;

  // ISO 639-1 code ("en", "da", ...) or "und" when undetermined, and the
  // detector's confidence in [0, 1] (1.0 when given by the input and
  // confirmed, see ingest).
  std::string lang = "und";
  double lang_confidence = 0.0;

  // Gold labels from labelled JSONL (`event`, `story`), used only by eval.
  std::string gold_event;
  std::string gold_story;
};

// The largest UTC offset taken, either way (real zones reach 14 hours); a
// larger one is a mistake and is left out (PublishedLocal, the store).
inline constexpr int kMaxUtcOffsetMinutes = 24 * 60;
inline constexpr bool IsTakenUtcOffset(int64_t minutes) {
  return minutes >= -kMaxUtcOffsetMinutes && minutes <= kMaxUtcOffsetMinutes;
}

// The publication time as the outlet's clock read it: `published` moved by
// `published_offset` (as it is without one); nullopt when undated. Its UTC
// calendar day (FormatIsoDate, UtcDay) is the day the outlet dated the
// article: 21:45 in New York on 26 February is 02:45 UTC on the 27th, and
// the 26th here. An offset beyond a day either way is ignored.
std::optional<UnixSeconds> PublishedLocal(const Article& a);

// The same for any time and offset: `t` moved by `offset` minutes, as it is
// without one or with one beyond a day either way; nullopt when `t` is.
// An event's or story's local span is made of these (ExtendLocalSpan,
// base/time.h).
std::optional<UnixSeconds> LocalTime(const std::optional<UnixSeconds>& t,
                                     const std::optional<int>& offset);

// Whether [first_local, last_local] can be the local span of a dated span
// of instants [first, last]: each end within a day of its instant (no
// taken offset is beyond a day), in order. What a saved state or the
// Engine is held to when it gives an event or story its local span.
bool IsLocalSpanOf(const std::optional<UnixSeconds>& first,
                   const std::optional<UnixSeconds>& last, UnixSeconds first_local,
                   UnixSeconds last_local);

// The ISO 639 code of a language tag: "pt-BR" -> "pt", "en_US" -> "en",
// "DA" -> "da"; "" when the tag does not start with 2 or 3 ASCII letters
// followed by its end, '-' or '_'.
std::string LanguageCodeFromTag(std::string_view tag);

// What the stages that analyse an article's words (clustering features,
// annotations, reports) read of a long one: its first
// kMaxAnalyzedTextBytes, cut by TextPrefixLength (base/utf8.h). Their cost
// grows with the text (per MB, about 1 s and 65 MB for annotations, 0.25 s
// and 30 MB for features), and a news article is rarely over 100 KB where
// the input cap (ReadOptions::max_article_bytes) allows 16 MiB. Offsets
// into the cut text are offsets into the whole. Duplicate signatures and
// the store take the whole text.
inline constexpr size_t kMaxAnalyzedTextBytes = 1 << 20;

// `articles`, with each one whose text is over `max_bytes` replaced by a
// copy cut as above; the copies are kept in `*cut`, which must outlive the
// result and not change while it is used.
std::vector<const Article*> CutLongTexts(std::span<const Article* const> articles,
                                         size_t max_bytes, std::deque<Article>* cut);

// The stable id of an article: xxHash64 of its IdentityUrl() when it has a
// URL, else of source, title and text; printed as 16 lowercase hex digits.
std::string ArticleId(const Article& a);

// The URL as an article's identity: `url` without the query parameters
// that only tag a click (utm_*, fbclid, gclid), which feeds and newsletters
// add to one page's link in many ways (45 of gva-dev's 3,161 URLs carry
// utm_ tags). Nothing else is touched: a #fragment can name content of
// its own (a script-driven site's "#/news/12", a live blog's "#post-7"),
// and scheme, host case, trailing slashes and percent-encoding can name
// other pages. A URL of tags alone is kept whole.
//   IdentityUrl("https://x.org/a?id=3&utm_source=rss#top") == "https://x.org/a?id=3#top"
std::string IdentityUrl(std::string_view url);

// The id ArticleId() gave an article at `url` before IdentityUrl() (until
// 2026-12-06): xxHash64 of the URL as given (the same for a URL without
// tags). Engine::Add looks it up too,
// so a store made then is not given its tagged articles twice.
std::string UrlAsGivenId(std::string_view url);

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_ARTICLE_H_
