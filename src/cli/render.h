// Reading stories back from the store and printing them, as JSON (the
// stable, documented shapes other tools parse) or as text for people.
#ifndef NEWSLOOM_CLI_RENDER_H_
#define NEWSLOOM_CLI_RENDER_H_

#include <nlohmann/json.hpp>

#include <ostream>

#include "base/status.h"
#include "store/store.h"

namespace newsloom {

// {"id","title","events":[{"id","title","articles":[{"id","input","title",
//  "lang","date","duplicate_of","duplicate_kind","similarity"}]}]} plus
// first/last dates and counts. The duplicate fields are null for an article
// that copies nothing; an event's copies are listed with it, but its
// counts are of voices (engine.h).
Result<nlohmann::json> StoryJson(Store& store, const StoryRow& story);

// The story's entity table (engine/entities.h) read from its articles:
// {"entities":[{"key","articles","mentions","forms":{"en":["Russia"],
// "da":["Rusland"]}}]}, most articles first, at most `limit` (0: all).
Result<nlohmann::json> StoryEntitiesJson(Store& store, const StoryRow& story,
                                         size_t limit);

// {"stories":[StoryJson...]} for the `limit` most recently active stories
// (0 = all).
Result<nlohmann::json> StoriesJson(Store& store, size_t limit);

// {"stories":[{"id","title","first","last","events","articles"}]}.
Result<nlohmann::json> StoryListJson(Store& store, size_t limit);

// People's versions of the same.
// PrintStoryTree ends with the story's kEntitiesShown most named entities.
Status PrintStoryTree(Store& store, const StoryRow& story, std::ostream& out);
inline constexpr size_t kEntitiesShown = 12;
Status PrintStoryList(Store& store, size_t limit, std::ostream& out);

// JSON for one article: {"id","input","title","lang","date","duplicate_of",
// "duplicate_kind","similarity"}, and with its text also {"external_id",
// "source","url","lang_confidence","event","text"}. The duplicate fields
// come from `duplicate` (null when it copies nothing).
nlohmann::json ArticleJson(const StoredArticle& a, bool with_text,
                           const std::optional<DuplicateRow>& duplicate);

// ArticleJson with its text, plus what the store knows of its copies:
// "copies": [{"id","kind","similarity","outlet"}] (the articles whose
// canonical it is) and "outlets": its own outlet and its copies'
// (dedup/groups.h OutletOf), distinct, in ingest order.
Result<nlohmann::json> ArticleWithCopiesJson(Store& store,
                                             const StoredArticle& a);

// "2024-02-26" or JSON null / "undated".
nlohmann::json DateJson(const std::optional<UnixSeconds>& t);
std::string DateText(const std::optional<UnixSeconds>& t);

}  // namespace newsloom

#endif  // NEWSLOOM_CLI_RENDER_H_
