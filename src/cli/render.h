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
//  "lang","date"}]}]} plus first/last dates and counts.
Result<nlohmann::json> StoryJson(Store& store, const StoryRow& story);

// {"stories":[StoryJson...]} for the `limit` most recently active stories
// (0 = all).
Result<nlohmann::json> StoriesJson(Store& store, size_t limit);

// {"stories":[{"id","title","first","last","events","articles"}]}.
Result<nlohmann::json> StoryListJson(Store& store, size_t limit);

// People's versions of the same.
Status PrintStoryTree(Store& store, const StoryRow& story, std::ostream& out);
Status PrintStoryList(Store& store, size_t limit, std::ostream& out);

// JSON for one article with its text: {"id","input","source","url","title",
// "lang","lang_confidence","date","event","text"}.
nlohmann::json ArticleJson(const StoredArticle& a, bool with_text);

// "2024-02-26" or JSON null / "undated".
nlohmann::json DateJson(const std::optional<UnixSeconds>& t);
std::string DateText(const std::optional<UnixSeconds>& t);

}  // namespace newsloom

#endif  // NEWSLOOM_CLI_RENDER_H_
