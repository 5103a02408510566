#include "engine/check.h"

#include <map>
#include <optional>
#include <set>
#include <utility>

#include "base/article.h"
#include "base/time.h"
#include "base/utf8.h"

namespace newsloom {

Result<std::vector<std::string>> RowInconsistencies(Store& store, int64_t* event_total,
                                                    int64_t* story_total) {
  ASSIGN_OR_RETURN(int64_t n, store.CountArticles());
  std::vector<std::string> out;
  // The span of instants, and the local span (ExtendLocalSpan) with
  // whether a part lacks one (a story's event written before them).
  struct Span {
    std::optional<UnixSeconds> first, last, first_local, last_local;
    bool local_unknown = false;
  };
  auto widen = [](Span* span, const std::optional<UnixSeconds>& t,
                  const std::optional<UnixSeconds>& local) {
    ExtendSpan(&span->first, &span->last, t);
    ExtendSpan(&span->first_local, &span->last_local, local);
  };
  // A row's span: its times those of `want`, and its local span that of
  // `want`. Rows of a store of schema 11 or older may keep none (written
  // before local spans, or from a clustering state from before them);
  // since schema 12 gave them theirs and the engine restores such a
  // state's (Engine::RestoreLocalSpans), a dated row without one whose
  // articles give one is a disagreement.
  const bool spans_kept = store.schema_version() >= 12;
  auto differs = [spans_kept](const std::optional<UnixSeconds>& first,
                              const std::optional<UnixSeconds>& last,
                              const std::optional<UnixSeconds>& first_local,
                              const std::optional<UnixSeconds>& last_local, const Span& want) {
    if (first != want.first || last != want.last) return true;
    if (!first_local && !last_local) {
      return spans_kept && want.first_local.has_value() && !want.local_unknown;
    }
    return want.local_unknown || first_local != want.first_local ||
           last_local != want.last_local;
  };
  std::map<int64_t, int64_t> voices;  // event -> its articles that are not copies
  std::map<int64_t, Span> spans;      // event -> their publication times
  std::set<int64_t> referenced;
  for (int64_t seq = 1; seq <= n; ++seq) {
    Result<StoredArticle> a = store.GetArticleBySeq(seq);
    if (!a.ok() && a.status().code() == Status::Code::kNotFound) {
      out.push_back("article " + std::to_string(seq) + " of " + std::to_string(n) +
                    " is missing (articles are numbered 1.." + std::to_string(n) + ")");
      continue;
    }
    if (!a.ok()) return a.status();
    // Every offset into stored text counts UTF-8 bytes; readers refuse or
    // repair other bytes, so any here came in by another way (a feed
    // before the repair of 2026-12, a foreign writer).
    const Article& art = a->article;
    const std::pair<const char*, const std::string*> fields[] = {
        {"title", &art.title}, {"text", &art.text}, {"source", &art.source},
        {"url", &art.url}};
    for (const auto& [name, value] : fields) {
      if (const size_t bad = FindInvalidUtf8(*value); bad != std::string_view::npos) {
        out.push_back("article " + std::to_string(seq) + ": its " + name +
                      " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
      }
    }
    for (const std::string& author : art.authors) {
      if (!IsValidUtf8(author)) {
        out.push_back("article " + std::to_string(seq) + ": an author is not valid UTF-8");
      }
    }
    referenced.insert(a->event_id);
    ASSIGN_OR_RETURN(std::optional<DuplicateRow> d, store.GetDuplicate(a->article.id));
    if (!d) {
      ++voices[a->event_id];
      widen(&spans[a->event_id], a->article.published, PublishedLocal(a->article));
    }
  }
  ASSIGN_OR_RETURN(std::vector<StoryRow> stories, store.ListStories());
  std::set<int64_t> listed;
  // An id recorded as merged away (Store::MergedInto) and live: a replay
  // that makes one again drops its record (Store::ForgetMerged), so one of
  // the two is wrong.
  auto merged_yet_live = [&](Store::Merged kind, int64_t id, const std::string& name) {
    Result<int64_t> into = store.MergedInto(kind, id);
    if (into.ok()) {
      out.push_back(name + " is recorded as merged into " +
                    std::to_string(*into) + " but is there");
    } else if (into.status().code() != Status::Code::kNotFound) {
      out.push_back(name + ": " + into.status().ToString());
    }
  };
  for (const StoryRow& s : stories) {
    ASSIGN_OR_RETURN(std::vector<EventRow> events, store.EventsOfStory(s.id));
    const std::string story = "story " + std::to_string(s.id);
    merged_yet_live(Store::Merged::kStory, s.id, story);
    int64_t articles = 0;
    bool titled = false;
    Span story_span;
    for (const EventRow& e : events) {
      const std::string event = "event " + std::to_string(e.id);
      if (!listed.insert(e.id).second) out.push_back(event + " is listed twice");
      merged_yet_live(Store::Merged::kEvent, e.id, event);
      articles += e.article_count;
      titled = titled || e.title == s.title;
      widen(&story_span, e.first_published, e.first_local);
      widen(&story_span, e.last_published, e.last_local);
      story_span.local_unknown =
          story_span.local_unknown || (e.first_published && !e.first_local);
      if (differs(e.first_published, e.last_published, e.first_local, e.last_local,
                  spans[e.id])) {
        out.push_back(event + " spans other times than its articles");
      }
      if (e.article_count != voices[e.id] || e.article_count == 0) {
        out.push_back(event + " counts " + std::to_string(e.article_count) +
                      " articles, holds " + std::to_string(voices[e.id]));
      }
    }
    if (s.event_count != static_cast<int64_t>(events.size()) || s.article_count != articles) {
      out.push_back(story + " counts " + std::to_string(s.event_count) + " events and " +
                    std::to_string(s.article_count) + " articles, holds " +
                    std::to_string(events.size()) + " and " + std::to_string(articles));
    }
    if (differs(s.first_published, s.last_published, s.first_local, s.last_local,
                story_span)) {
      out.push_back(story + " spans other times than its events");
    }
    if (!titled) {
      out.push_back(story + " is titled \"" + s.title + "\" after none of its events");
    }
  }
  for (int64_t id : referenced) {
    if (!listed.count(id)) {
      out.push_back("event " + std::to_string(id) + " of an article is not listed");
    }
  }
  if (event_total != nullptr) *event_total = static_cast<int64_t>(listed.size());
  if (story_total != nullptr) *story_total = static_cast<int64_t>(stories.size());
  return out;
}

Result<StoreCheck> CheckStore(Store& store, bool quick, const EngineOptions& options) {
  StoreCheck c;
  ASSIGN_OR_RETURN(c.pages, store.CheckPages(quick));
  // The rows and state as of one moment: a writer may commit meanwhile.
  RETURN_IF_ERROR(store.BeginSnapshot());
  // Damaged pages may keep the rows from being read: that is one more line.
  Result<int64_t> articles = store.CountArticles();
  Result<std::vector<std::string>> rows =
      articles.ok() ? RowInconsistencies(store, &c.events, &c.stories)
                    : Result<std::vector<std::string>>(articles.status());
  if (rows.ok()) {
    c.articles = *articles;
    c.rows = std::move(*rows);
  } else {
    c.rows.push_back("the rows cannot be read: " + rows.status().ToString());
  }
  // Damage it finds is lines of `search`; an error (the file cannot be
  // read, memory) fails the check as a whole, unless damaged pages, found
  // above, explain it: then it is one more line, and the damage is what
  // the check reports (it had failed with "database disk image is
  // malformed" and printed none of it).
  const bool damaged = c.pages && !c.pages->empty();
  Result<std::optional<std::vector<std::string>>> search = store.CheckTextIndex(quick);
  if (search.ok()) {
    c.search = std::move(*search);
  } else if (damaged) {
    c.search = std::vector<std::string>{"the search index cannot be read: " +
                                        search.status().ToString()};
  } else {
    (void)store.EndSnapshot();
    return search.status();
  }
  c.state = Engine::CheckSavedState(store, options);
  const Status ended = store.EndSnapshot();
  if (!ended.ok() && !damaged) return ended;
  return c;
}

}  // namespace newsloom
