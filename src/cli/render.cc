#include "cli/render.h"

#include "base/utf8.h"
#include "dedup/groups.h"
#include "engine/entities.h"

namespace newsloom {

using nlohmann::json;

namespace {

// One line for a listing: white space runs (line breaks too) become one
// space, then the text is shortened.
std::string OneLine(std::string_view s, size_t max_bytes) {
  std::string out;
  bool space = false;
  // Stop once past the limit: Abbreviate() then cuts on a UTF-8 boundary.
  for (char c : TrimAscii(s)) {
    if (out.size() > max_bytes) break;
    const bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (ws && space) continue;
    out.push_back(ws ? ' ' : c);
    space = ws;
  }
  return Abbreviate(out, max_bytes);
}

}  // namespace

json DateJson(const std::optional<UnixSeconds>& t) {
  return t ? json(FormatIsoDate(*t)) : json(nullptr);
}

std::string DateText(const std::optional<UnixSeconds>& t) {
  return t ? FormatIsoDate(*t) : "undated";
}

json ArticleJson(const StoredArticle& s, bool with_text,
                 const std::optional<DuplicateRow>& duplicate) {
  const Article& a = s.article;
  json j = {{"id", a.id},     {"input", a.input}, {"title", a.title},
            {"lang", a.lang}, {"date", DateJson(a.published)}};
  j["duplicate_of"] = duplicate ? json(duplicate->canonical_id) : json(nullptr);
  j["duplicate_kind"] = duplicate ? json(duplicate->kind) : json(nullptr);
  j["similarity"] = duplicate ? json(duplicate->similarity) : json(nullptr);
  if (with_text) {
    j["external_id"] = a.external_id;
    j["source"] = a.source;
    j["url"] = a.url;
    j["lang_confidence"] = a.lang_confidence;
    j["event"] = s.event_id;
    j["text"] = a.text;
  }
  return j;
}

Result<json> StoryJson(Store& store, const StoryRow& story) {
  json events = json::array();
  ASSIGN_OR_RETURN(std::vector<EventRow> rows, store.EventsOfStory(story.id));
  for (const EventRow& e : rows) {
    json articles = json::array();
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members,
                     store.ArticlesOfEvent(e.id));
    for (const StoredArticle& a : members) {
      ASSIGN_OR_RETURN(std::optional<DuplicateRow> dup,
                       store.GetDuplicate(a.article.id));
      articles.push_back(ArticleJson(a, /*with_text=*/false, dup));
    }
    events.push_back({{"id", e.id},
                      {"title", e.title},
                      {"first", DateJson(e.first_published)},
                      {"last", DateJson(e.last_published)},
                      {"articles", std::move(articles)}});
  }
  return json{{"id", story.id},
              {"title", story.title},
              {"first", DateJson(story.first_published)},
              {"last", DateJson(story.last_published)},
              {"events", std::move(events)}};
}

namespace {

Result<std::vector<StoryEntity>> EntitiesOf(Store& store, const StoryRow& story,
                                            size_t limit) {
  std::vector<Article> articles;
  ASSIGN_OR_RETURN(std::vector<EventRow> rows, store.EventsOfStory(story.id));
  for (const EventRow& e : rows) {
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members,
                     store.ArticlesOfEvent(e.id));
    for (StoredArticle& a : members) articles.push_back(std::move(a.article));
  }
  return StoryEntities(articles, limit);
}

}  // namespace

Result<json> StoryEntitiesJson(Store& store, const StoryRow& story,
                               size_t limit) {
  ASSIGN_OR_RETURN(std::vector<StoryEntity> entities,
                   EntitiesOf(store, story, limit));
  json out = json::array();
  for (const StoryEntity& e : entities) {
    json forms = json::object();
    for (const EntityForms& f : e.forms) forms[f.lang] = f.surfaces;
    out.push_back({{"key", e.key},
                   {"articles", e.articles},
                   {"mentions", e.mentions},
                   {"forms", std::move(forms)}});
  }
  return json{{"entities", std::move(out)}};
}

Result<json> ArticleWithCopiesJson(Store& store, const StoredArticle& a) {
  ASSIGN_OR_RETURN(std::optional<DuplicateRow> dup,
                   store.GetDuplicate(a.article.id));
  json j = ArticleJson(a, /*with_text=*/true, dup);
  ASSIGN_OR_RETURN(std::vector<DuplicateRow> rows,
                   store.DuplicatesOf(a.article.id));
  json copies = json::array();
  std::vector<std::string> outlets;
  auto add_outlet = [&outlets](std::string outlet) {
    if (!outlet.empty() &&
        std::find(outlets.begin(), outlets.end(), outlet) == outlets.end()) {
      outlets.push_back(std::move(outlet));
    }
  };
  add_outlet(OutletOf(a.article));
  for (const DuplicateRow& row : rows) {
    ASSIGN_OR_RETURN(StoredArticle copy, store.GetArticle(row.article_id));
    const std::string outlet = OutletOf(copy.article);
    add_outlet(outlet);
    copies.push_back({{"id", row.article_id},
                      {"kind", row.kind},
                      {"similarity", row.similarity},
                      {"outlet", outlet}});
  }
  j["copies"] = std::move(copies);
  j["outlets"] = outlets;
  return j;
}

Result<json> StoriesJson(Store& store, size_t limit) {
  json stories = json::array();
  ASSIGN_OR_RETURN(std::vector<StoryRow> rows, store.ListStories(limit));
  for (const StoryRow& s : rows) {
    ASSIGN_OR_RETURN(json j, StoryJson(store, s));
    stories.push_back(std::move(j));
  }
  return json{{"stories", std::move(stories)}};
}

Result<json> StoryListJson(Store& store, size_t limit) {
  json stories = json::array();
  ASSIGN_OR_RETURN(std::vector<StoryRow> rows, store.ListStories(limit));
  for (const StoryRow& s : rows) {
    stories.push_back({{"id", s.id},
                       {"title", s.title},
                       {"first", DateJson(s.first_published)},
                       {"last", DateJson(s.last_published)},
                       {"events", s.event_count},
                       {"articles", s.article_count}});
  }
  return json{{"stories", std::move(stories)}};
}

Status PrintStoryTree(Store& store, const StoryRow& story, std::ostream& out) {
  out << "Story " << story.id << ": " << story.title << "\n  "
      << story.article_count << " articles in " << story.event_count
      << " events, " << DateText(story.first_published) << " .. "
      << DateText(story.last_published) << "\n";
  ASSIGN_OR_RETURN(std::vector<EventRow> rows, store.EventsOfStory(story.id));
  for (const EventRow& e : rows) {
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members,
                     store.ArticlesOfEvent(e.id));
    std::vector<std::optional<DuplicateRow>> dups;
    size_t copies = 0;
    for (const StoredArticle& s : members) {
      ASSIGN_OR_RETURN(dups.emplace_back(), store.GetDuplicate(s.article.id));
      copies += dups.back().has_value();
    }
    out << "  Event " << e.id << " (" << e.article_count;
    if (copies > 0) out << " + " << copies << (copies == 1 ? " copy" : " copies");
    out << "): " << e.title << "\n";
    for (size_t i = 0; i < members.size(); ++i) {
      const Article& a = members[i].article;
      out << "    - [" << a.lang << "] " << DateText(a.published) << "  "
          << OneLine(a.title.empty() ? a.text : a.title, 90) << "\n"
          << "      " << a.id << "  " << a.input;
      if (dups[i]) {
        out << "  (" << dups[i]->kind << " copy of " << dups[i]->canonical_id
            << ")";
      }
      out << "\n";
    }
  }
  ASSIGN_OR_RETURN(std::vector<StoryEntity> entities,
                   EntitiesOf(store, story, kEntitiesShown));
  if (!entities.empty()) out << "  Entities (articles: forms by language):\n";
  for (const StoryEntity& e : entities) {
    out << "    " << e.key << " (" << e.articles << "):";
    for (const EntityForms& f : e.forms) {
      out << " [" << f.lang << "]";
      for (size_t i = 0; i < f.surfaces.size(); ++i) {
        out << (i == 0 ? " " : ", ") << f.surfaces[i];
      }
    }
    out << "\n";
  }
  return Status::OK();
}

Status PrintStoryList(Store& store, size_t limit, std::ostream& out) {
  ASSIGN_OR_RETURN(std::vector<StoryRow> rows, store.ListStories(limit));
  if (rows.empty()) {
    out << "No stories yet: add articles with `newsloom ingest PATH`.\n";
    return Status::OK();
  }
  for (const StoryRow& s : rows) {
    out << "Story " << s.id << "  " << DateText(s.last_published) << "  "
        << s.article_count << " articles, " << s.event_count << " events  "
        << OneLine(s.title, 100) << "\n";
  }
  return Status::OK();
}

}  // namespace newsloom
