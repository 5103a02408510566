// Reading stories back from the store and printing them, as JSON (the
// stable, documented shapes other tools parse) or as text for people.
#ifndef NEWSLOOM_CLI_RENDER_H_
#define NEWSLOOM_CLI_RENDER_H_

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <span>

#include "base/status.h"
#include "base/utf8.h"  // Counted, which this header gave before
#include "engine/annotations.h"
#include "ingest/reader.h"
#include "store/store.h"
#include "story/report.h"

namespace newsloom {

// {"id","title","events":[{"id","title","article_count","articles":[{"id",
//  "input","title","lang","date","duplicate_of","duplicate_kind",
//  "similarity"}]}]} plus
// first/last dates and counts. The duplicate fields are null for an article
// that copies nothing; an event's copies are listed with it, but its
// counts are of voices (engine.h). With an `annotator`, each article also
// has its "entities", "dates" and "quotes" (engine/annotations.h),
// annotated together with the story's other articles.
Result<nlohmann::json> StoryJson(Store& store, const StoryRow& story,
                                 Annotator* annotator = nullptr);
// The same, and with an `annotator`, the annotations it used with the ids
// of their articles, in the order of StoryArticles, and whether it made
// them now, all together (`whole_story`), or read what the store keeps:
// only the first may stand for the report's (ReportInput::annotations),
// since the store's may have been made article by article, each with a
// few recent ones (serve's writer), not with the whole story.
struct StoryAnnotationSet {
  std::vector<std::string> ids;
  std::vector<ArticleAnnotations> notes;  // notes[i] of article ids[i]
  bool whole_story = false;
};
// Each event lists at most `max_per_event` of its articles (the first, in
// ingest order) and has its "article_count" (all of them); the annotations
// are of every article.
Result<nlohmann::json> StoryJson(Store& store, const StoryRow& story,
                                 Annotator* annotator,
                                 StoryAnnotationSet* annotations,
                                 size_t max_per_event = SIZE_MAX);

// The story's entity table (engine/entities.h):
// {"entities":[{"key","name","type","articles","mentions","forms":{"en":["Russia"],
// "da":["Rusland"]}}]}, most articles first, at most `limit` (0: all). The
// Annotator's entities (AnnotatedEntities), from the annotations the store
// keeps for every article of the story, else made with `annotator`; with no
// annotator and annotations missing, the names clustering reads
// (StoryEntities; "type" null). `made`: the annotations StoryJson has just
// read or made for the story, used instead of reading or making them
// again; may be null.
Result<nlohmann::json> StoryEntitiesJson(Store& store, const StoryRow& story,
                                         size_t limit, Annotator* annotator,
                                         const StoryAnnotationSet* made = nullptr);

// {"stories":[StoryJson...]} for the `limit` most recently active stories
// (0 = all).
Result<nlohmann::json> StoriesJson(Store& store, size_t limit,
                                   Annotator* annotator = nullptr);

// {"stories":[{"id","title","first","last","events","articles"}]} of
// `rows` (ListStories or FindStories).
nlohmann::json StoryListJson(const std::vector<StoryRow>& rows);

// A failed lookup of story or event `id` as a command prints it after
// "newsloom: ": NotFound becomes "no story 12 in news.db (`newsloom
// stories --db news.db` lists them)" (an event: "... (`newsloom show
// STORY --db news.db` lists a story's events)"); anything else is
// s.ToString().
std::string LookupFailure(const Status& s, std::string_view what, int64_t id,
                          const Store& store);

// Store::GetStory(*id), or, when story *id is not there because a second
// look merged it into another (Store::MergedInto), that one: said on
// stderr ("newsloom: story 5 was merged into story 3 (a second look);
// taking story 3"), and *id set to it. NotFound when neither is there
// (*id names the one missing); the store's error when a lookup failed (a
// loop of merges, a lost connection). The same for events.
Result<StoryRow> GetStoryFollowingMerges(Store& store, int64_t* id);
Result<EventRow> GetEventFollowingMerges(Store& store, int64_t* id);

// People's versions of the same.
// PrintStoryTree ends with the story's kEntitiesShown most named entities,
// from annotations as StoryEntitiesJson has them (`annotator`: `show`), or
// with none and no stored annotations the names clustering reads (`cluster`).
Status PrintStoryTree(Store& store, const StoryRow& story, std::ostream& out,
                      Annotator* annotator);
inline constexpr size_t kEntitiesShown = 12;
// `filtered`: the rows are those of a filter (an empty list then says no
// story matched, not that the store is empty).
void PrintStoryList(const std::vector<StoryRow>& rows, bool filtered, std::ostream& out);

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

// The articles of story `story`, event by event.
Result<std::vector<StoredArticle>> StoryArticles(Store& store, int64_t story);

// What BuildReport (story/report.h) needs of `story`: its events and
// articles, and which articles copy another.
Result<ReportInput> ReportInputOf(Store& store, const StoryRow& story);

// Keeps notes[i] as the annotations of articles[i] in the store, with its
// entity rows, all in one transaction.
Status KeepAnnotations(Store& store, std::span<const Article* const> articles,
                       std::span<const ArticleAnnotations> notes);

// Annotates the articles of each story in `stories` together and keeps
// the annotations in the store (one transaction per story), with each
// article's entities (Store::PutArticleEntities, so stories can be found
// by entity); adds the number of articles annotated to *articles.
Status StoreStoryAnnotations(Store& store, const std::set<int64_t>& stories,
                             Annotator& annotator, size_t* articles);

// The annotations of `a`, made together with the other articles of its
// story (so an undated article gets its dates from the story, and names
// their canonical form across it).
Result<ArticleAnnotations> AnnotateInStory(Store& store, const StoredArticle& a,
                                           Annotator& annotator);

// Each of `annotator`'s warnings (a model it could not load, or none
// found) on stderr as "newsloom: warning: ...".
void PrintWarnings(const Annotator& annotator);

// For people: the entities (by key, with the forms used), dates and quotes
// of an article, a few lines each.
void PrintAnnotations(const Article& a, const ArticleAnnotations& notes,
                      std::ostream& out);

// Writes `bytes` to `path`. A regular file (or a new one) is written whole
// beside it and renamed over it, so a file that cannot be written (a full
// disk) leaves the previous one as it was, never a truncated one; a
// symlink's target is the file replaced, and its mode is kept. Anything
// else (/dev/stdout, a pipe) is written in place.
Status WriteFile(const std::string& path, const std::string& bytes);

// Whether `path` can be written, as far as can be told before the work
// that makes its bytes (a folder, a folder that does not exist, one
// without write permission): an error naming it, or OK.
Status CheckWritable(const std::string& path);

// `j` as indented JSON text. Bytes that are not UTF-8 (a span some
// annotator cut inside a character, a text read as something it was not)
// come out as U+FFFD instead of aborting the output.
std::string DumpJson(const nlohmann::json& j);

// "2024-02-26" or JSON null / "undated".
nlohmann::json DateJson(const std::optional<UnixSeconds>& t);
std::string DateText(const std::optional<UnixSeconds>& t);

// Prints the reader's problems (IngestError) on stderr, at most
// kShownPerInput per input file: a damaged file of millions of lines would
// otherwise print millions of messages. Past the cap one line says the
// rest are counted, and Finish() prints how many were not shown. The
// reader's own counts (ReadStats) are unaffected.
class ProblemPrinter {
 public:
  static constexpr size_t kShownPerInput = 100;
  void operator()(const IngestError& e);
  // "newsloom: FILE: N more problems not shown", for each such file.
  void Finish();

 private:
  std::map<std::string, size_t> counts_;  // problems per input file
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLI_RENDER_H_
