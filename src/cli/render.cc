#include "cli/render.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "base/utf8.h"
#include "dedup/groups.h"
#include "engine/entities.h"

namespace newsloom {

using nlohmann::json;

namespace {

// One line for a listing: white space runs (line breaks too) become one
// space, then the text is shortened and its controls made spaces
// (PrintableText).
std::string OneLine(std::string_view s, size_t max_bytes) {
  // Past the limit Abbreviate() cuts on a UTF-8 boundary.
  return PrintableText(Abbreviate(CollapseSpaces(s, max_bytes), max_bytes));
}

}  // namespace

std::string LookupFailure(const Status& s, std::string_view what, int64_t id,
                          const Store& store) {
  if (s.code() != Status::Code::kNotFound) return s.ToString();
  const std::string db = PrintableText(store.path());
  return "no " + std::string(what) + " " + std::to_string(id) + " in " + db +
         (what == "event" ? " (`newsloom show STORY --db " + db + "` lists a story's events)"
                          : " (`newsloom stories --db " + db + "` lists them)");
}

namespace {

template <typename Row, typename Get>
Result<Row> GetFollowingMerges(Store& store, Store::Merged kind, int64_t* id, Get get) {
  Result<Row> row = get(*id);
  if (row.status().code() != Status::Code::kNotFound) return row;
  Result<int64_t> into = store.MergedInto(kind, *id);
  if (into.status().code() == Status::Code::kNotFound) return row;
  if (!into.ok()) return into.status();
  const char* what = kind == Store::Merged::kEvent ? "event" : "story";
  std::cerr << "newsloom: " << what << " " << *id << " was merged into " << what << " "
            << *into << " (a second look); taking " << what << " " << *into << "\n";
  *id = *into;
  return get(*id);
}

}  // namespace

Result<StoryRow> GetStoryFollowingMerges(Store& store, int64_t* id) {
  return GetFollowingMerges<StoryRow>(store, Store::Merged::kStory, id,
                                      [&store](int64_t s) { return store.GetStory(s); });
}

Result<EventRow> GetEventFollowingMerges(Store& store, int64_t* id) {
  return GetFollowingMerges<EventRow>(store, Store::Merged::kEvent, id,
                                      [&store](int64_t e) { return store.GetEvent(e); });
}

json DateJson(const std::optional<UnixSeconds>& t) {
  return t ? json(FormatIsoDate(*t)) : json(nullptr);
}

std::string DateText(const std::optional<UnixSeconds>& t) {
  return t ? FormatIsoDate(*t) : "undated";
}

namespace {

// The input file of an IngestError::where: "path:LINE" (a JSONL line) or
// "path#N" (a feed's item, a JSON array's element) without the suffix.
std::string_view InputOf(std::string_view where) {
  const size_t mark = where.find_last_of(":#");
  if (mark == std::string_view::npos || mark + 1 == where.size()) return where;
  for (char c : where.substr(mark + 1)) {
    if (c < '0' || c > '9') return where;
  }
  return where.substr(0, mark);
}

}  // namespace

void ProblemPrinter::operator()(const IngestError& e) {
  const size_t n = ++counts_[std::string(InputOf(e.where))];
  if (n <= kShownPerInput) {
    std::cerr << "newsloom: " << e.ToString() << "\n";
  } else if (n == kShownPerInput + 1) {
    std::cerr << "newsloom: " << PrintableText(InputOf(e.where))
              << ": more than " << kShownPerInput
              << " problems; the rest are counted, not shown\n";
  }
}

void ProblemPrinter::Finish() {
  for (const auto& [input, n] : counts_) {
    if (n <= kShownPerInput) continue;
    std::cerr << "newsloom: " << PrintableText(input) << ": "
              << n - kShownPerInput << " more problems not shown\n";
  }
  counts_.clear();
}

json ArticleJson(const StoredArticle& s, bool with_text,
                 const std::optional<DuplicateRow>& duplicate) {
  const Article& a = s.article;
  json j = {{"id", a.id},     {"input", a.input}, {"title", a.title},
            {"lang", a.lang}, {"date", DateJson(PublishedLocal(a))}};
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

Result<json> StoryJson(Store& store, const StoryRow& story,
                       Annotator* annotator) {
  return StoryJson(store, story, annotator, nullptr);
}

Result<json> StoryJson(Store& store, const StoryRow& story, Annotator* annotator,
                       StoryAnnotationSet* annotations, size_t max_per_event) {
  ASSIGN_OR_RETURN(std::vector<EventRow> rows, store.EventsOfStory(story.id));
  std::vector<std::vector<StoredArticle>> members(rows.size());
  std::vector<const Article*> all;
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSIGN_OR_RETURN(members[i], store.ArticlesOfEvent(rows[i].id));
  }
  for (const auto& event : members) {
    for (const StoredArticle& a : event) all.push_back(&a.article);
  }
  // Annotations the store keeps (ingest --annotate, serve) when it has them
  // for every article of the story, else made now, all together.
  std::vector<json> shown;
  std::vector<ArticleAnnotations> made;
  bool computed = false;
  if (annotator != nullptr) {
    for (const Article* a : all) {
      ASSIGN_OR_RETURN(std::optional<std::string> row,
                       store.GetAnnotations(a->id, Annotator::kVersion));
      if (!row) break;
      json j = json::parse(*row, nullptr, false);
      std::optional<ArticleAnnotations> read = AnnotationsFromJson(j);
      if (!read) break;  // as EntitiesOf reads them
      made.push_back(std::move(*read));
      shown.push_back(std::move(j));
    }
    if (shown.size() != all.size()) {
      shown.clear();
      made = annotator->Annotate(all);
      computed = true;
      for (const ArticleAnnotations& a : made) shown.push_back(AnnotationsToJson(a));
    }
  }
  size_t n = 0;
  json events = json::array();
  for (size_t i = 0; i < rows.size(); ++i) {
    const EventRow& e = rows[i];
    json articles = json::array();
    for (size_t k = 0; k < members[i].size(); ++k, ++n) {
      if (k >= max_per_event) continue;  // counted, not listed
      const StoredArticle& a = members[i][k];
      ASSIGN_OR_RETURN(std::optional<DuplicateRow> dup,
                       store.GetDuplicate(a.article.id));
      json j = ArticleJson(a, /*with_text=*/false, dup);
      if (annotator != nullptr) j.update(shown[n]);
      articles.push_back(std::move(j));
    }
    events.push_back({{"id", e.id},
                      {"title", e.title},
                      {"first", DateJson(e.FirstDay())},
                      {"last", DateJson(e.LastDay())},
                      {"article_count", members[i].size()},
                      {"articles", std::move(articles)}});
  }
  if (annotations != nullptr && annotator != nullptr) {
    annotations->ids.clear();
    for (const Article* a : all) annotations->ids.push_back(a->id);
    annotations->whole_story = computed;
    annotations->notes = std::move(made);
  }
  return json{{"id", story.id},
              {"title", story.title},
              {"first", DateJson(story.FirstDay())},
              {"last", DateJson(story.LastDay())},
              {"events", std::move(events)}};
}

namespace {

// The story's entity table: from the Annotator's annotations, the store's
// when it has them for every article, else made now with `annotator`; with
// no annotator, from the names clustering reads (engine/entities.h).
Result<std::vector<StoryEntity>> EntitiesOf(Store& store, const StoryRow& story,
                                            size_t limit, Annotator* annotator,
                                            const StoryAnnotationSet* made) {
  ASSIGN_OR_RETURN(std::vector<StoredArticle> stored, StoryArticles(store, story.id));
  std::vector<Article> articles;
  articles.reserve(stored.size());
  for (StoredArticle& a : stored) articles.push_back(std::move(a.article));
  std::vector<const Article*> all;
  for (const Article& a : articles) all.push_back(&a);
  // Annotations StoryJson has just read or made for these articles.
  if (made != nullptr && made->ids.size() == all.size() && made->notes.size() == all.size() &&
      std::equal(all.begin(), all.end(), made->ids.begin(),
                 [](const Article* a, const std::string& id) { return a->id == id; })) {
    return AnnotatedEntities(all, made->notes, limit);
  }
  std::vector<ArticleAnnotations> notes;
  for (const Article* a : all) {
    ASSIGN_OR_RETURN(std::optional<std::string> row,
                     store.GetAnnotations(a->id, Annotator::kVersion));
    if (!row) break;
    std::optional<ArticleAnnotations> n =
        AnnotationsFromJson(json::parse(*row, nullptr, false));
    if (!n) break;
    notes.push_back(std::move(*n));
  }
  if (notes.size() == all.size()) return AnnotatedEntities(all, notes, limit);
  if (annotator != nullptr) return AnnotatedEntities(all, annotator->Annotate(all), limit);
  return StoryEntities(articles, limit);
}

}  // namespace

Result<json> StoryEntitiesJson(Store& store, const StoryRow& story, size_t limit,
                               Annotator* annotator, const StoryAnnotationSet* made) {
  ASSIGN_OR_RETURN(std::vector<StoryEntity> entities,
                   EntitiesOf(store, story, limit, annotator, made));
  json out = json::array();
  for (const StoryEntity& e : entities) {
    json forms = json::object();
    for (const EntityForms& f : e.forms) forms[f.lang] = f.surfaces;
    out.push_back({{"key", e.key},
                   {"name", e.name},
                   {"type", e.type.empty() ? json(nullptr) : json(e.type)},
                   {"articles", e.articles},
                   {"mentions", e.mentions},
                   {"forms", std::move(forms)}});
  }
  return json{{"entities", std::move(out)}};
}

Result<std::vector<StoredArticle>> StoryArticles(Store& store, int64_t story) {
  std::vector<StoredArticle> out;
  ASSIGN_OR_RETURN(std::vector<EventRow> rows, store.EventsOfStory(story));
  for (const EventRow& e : rows) {
    ASSIGN_OR_RETURN(std::vector<StoredArticle> m, store.ArticlesOfEvent(e.id));
    for (StoredArticle& x : m) out.push_back(std::move(x));
  }
  return out;
}

Result<ReportInput> ReportInputOf(Store& store, const StoryRow& story) {
  ReportInput in;
  in.story_id = story.id;
  in.headline = story.title;
  ASSIGN_OR_RETURN(std::vector<EventRow> events, store.EventsOfStory(story.id));
  for (const EventRow& e : events) {
    ReportInput::Event ev{e.id, e.title, {}};
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members, store.ArticlesOfEvent(e.id));
    for (StoredArticle& a : members) {
      ASSIGN_OR_RETURN(std::optional<DuplicateRow> dup, store.GetDuplicate(a.article.id));
      if (dup) in.duplicates.insert(a.article.id);
      ev.articles.push_back(in.articles.size());
      in.articles.push_back(std::move(a.article));
    }
    in.events.push_back(std::move(ev));
  }
  return in;
}

namespace {

// The entity rows of one article (store.h, schema 5): one per form of each
// entity, with how often the article wrote it.
std::vector<EntityMentionRow> EntityRowsOf(const Article& a,
                                           const ArticleAnnotations& notes) {
  std::map<std::pair<std::string, std::string>, EntityMentionRow> rows;
  for (const EntityAnnotation& e : notes.entities) {
    if (e.key.empty()) continue;
    EntityMentionRow& row = rows[{e.key, e.text}];
    if (row.mentions == 0) {
      row = {e.key, a.id, e.text, a.lang, e.name, e.type, 0};
    }
    ++row.mentions;
  }
  std::vector<EntityMentionRow> out;
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

}  // namespace

Status KeepAnnotations(Store& store, std::span<const Article* const> articles,
                       std::span<const ArticleAnnotations> notes) {
  ASSIGN_OR_RETURN(StoreTransaction tx, StoreTransaction::Begin(store));
  for (size_t i = 0; i < articles.size() && i < notes.size(); ++i) {
    RETURN_IF_ERROR(store.PutAnnotations(
        articles[i]->id, Annotator::kVersion,
        AnnotationsToJson(notes[i]).dump(-1, ' ', false,
                                         json::error_handler_t::replace)));
    RETURN_IF_ERROR(store.PutArticleEntities(
        articles[i]->id, EntityRowsOf(*articles[i], notes[i])));
  }
  return tx.Commit();
}

Status StoreStoryAnnotations(Store& store, const std::set<int64_t>& stories,
                             Annotator& annotator, size_t* articles) {
  for (int64_t story : stories) {
    ASSIGN_OR_RETURN(std::vector<StoredArticle> members, StoryArticles(store, story));
    std::vector<const Article*> all;
    for (const StoredArticle& x : members) all.push_back(&x.article);
    const std::vector<ArticleAnnotations> notes = annotator.Annotate(all);
    RETURN_IF_ERROR(KeepAnnotations(store, all, notes));
    *articles += all.size();
  }
  return Status::OK();
}

Result<ArticleAnnotations> AnnotateInStory(Store& store, const StoredArticle& a,
                                           Annotator& annotator) {
  std::vector<StoredArticle> members;
  Result<EventRow> event = store.GetEvent(a.event_id);
  if (event.ok()) {
    ASSIGN_OR_RETURN(members, StoryArticles(store, event->story_id));
  }
  std::vector<const Article*> all = {&a.article};
  for (const StoredArticle& x : members) {
    if (x.article.id != a.article.id) all.push_back(&x.article);
  }
  return std::move(annotator.Annotate(all)[0]);
}

void PrintAnnotations(const Article& a, const ArticleAnnotations& notes,
                      std::ostream& out) {
  if (!notes.entities.empty()) {
    // Each entity once, with the forms this article uses.
    std::vector<std::pair<std::string, std::vector<std::string>>> seen;
    std::map<std::string, std::string> type;
    for (const EntityAnnotation& e : notes.entities) {
      auto it = std::find_if(seen.begin(), seen.end(),
                             [&](const auto& p) { return p.first == e.name; });
      if (it == seen.end()) {
        seen.push_back({e.name, {}});
        it = seen.end() - 1;
      }
      type[e.name] = e.type;
      if (e.text != e.name &&
          std::find(it->second.begin(), it->second.end(), e.text) == it->second.end()) {
        it->second.push_back(e.text);
      }
    }
    out << "entities:";
    for (const auto& [name, forms] : seen) {
      out << " " << name << " (" << type[name];
      for (const std::string& f : forms) out << ", " << f;
      out << ");";
    }
    out << "\n";
  }
  if (!notes.dates.empty()) {
    out << "dates:";
    for (const DateAnnotation& d : notes.dates) {
      out << " \"" << d.text << "\" " << d.value << ";";
    }
    out << "\n";
  }
  for (const QuoteAnnotation& q : notes.quotes) {
    out << q.kind << " quote"
        << (q.speaker.empty() ? std::string() : " by " + q.speaker) << ": "
        << Abbreviate(q.text, 160) << "\n";
  }
}

void PrintWarnings(const Annotator& annotator) {
  for (const std::string& w : annotator.warnings()) {
    std::cerr << "newsloom: warning: " << PrintableText(w) << "\n";
  }
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
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

Result<json> StoriesJson(Store& store, size_t limit, Annotator* annotator) {
  json stories = json::array();
  ASSIGN_OR_RETURN(std::vector<StoryRow> rows, store.ListStories(limit));
  for (const StoryRow& s : rows) {
    ASSIGN_OR_RETURN(json j, StoryJson(store, s, annotator));
    stories.push_back(std::move(j));
  }
  return json{{"stories", std::move(stories)}};
}

json StoryListJson(const std::vector<StoryRow>& rows) {
  json stories = json::array();
  for (const StoryRow& s : rows) {
    stories.push_back({{"id", s.id},
                       {"title", s.title},
                       {"first", DateJson(s.FirstDay())},
                       {"last", DateJson(s.LastDay())},
                       {"events", s.event_count},
                       {"articles", s.article_count}});
  }
  return json{{"stories", std::move(stories)}};
}

Status PrintStoryTree(Store& store, const StoryRow& story, std::ostream& story_out,
                      Annotator* annotator) {
  // The events first: the header says how many of their articles are undated.
  std::ostringstream out;
  size_t listed = 0, undated = 0;
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
    if (copies > 0) out << " + " << Counted(copies, "copy", "copies");
    out << "): " << PrintableText(e.title) << "\n";
    for (size_t i = 0; i < members.size(); ++i) {
      const Article& a = members[i].article;
      if (!dups[i]) {  // the header counts voices, as the story's count does
        ++listed;
        undated += !a.published;
      }
      out << "    - [" << a.lang << "] " << DateText(PublishedLocal(a)) << "  "
          << OneLine(a.title.empty() ? a.text : a.title, 90) << "\n"
          << "      " << a.id << "  " << PrintableText(a.input);
      if (dups[i]) {
        out << "  (" << dups[i]->kind << " copy of " << dups[i]->canonical_id
            << ")";
      }
      out << "\n";
    }
  }
  ASSIGN_OR_RETURN(std::vector<StoryEntity> entities,
                   EntitiesOf(store, story, kEntitiesShown, annotator, nullptr));
  if (!entities.empty()) {
    out << "  Entities (name, " << (entities.front().type.empty() ? "" : "type, ")
        << "key, articles: forms by language):\n";
  }
  for (const StoryEntity& e : entities) {
    out << "    " << PrintableText(e.name) << " ("
        << (e.type.empty() ? std::string() : PrintableText(e.type) + ", ")
        << PrintableText(e.key) << ", " << e.articles << "):";
    for (const EntityForms& f : e.forms) {
      out << " [" << f.lang << "]";
      for (size_t i = 0; i < f.surfaces.size(); ++i) {
        out << (i == 0 ? " " : ", ") << PrintableText(f.surfaces[i]);
      }
    }
    out << "\n";
  }
  story_out << "Story " << story.id << ": " << PrintableText(story.title) << "\n  "
            << Counted(story.article_count, "article", "articles") << " in "
            << Counted(story.event_count, "event", "events") << ", ";
  if (!story.first_published) {
    story_out << "undated";
  } else {
    // The days its outlets dated its first and last articles.
    const std::string first = DateText(story.FirstDay());
    const std::string last = DateText(story.LastDay());
    story_out << first;
    if (last != first) story_out << " .. " << last;
    if (undated > 0) story_out << " (" << undated << " of " << listed << " undated)";
  }
  story_out << "\n" << out.str();
  return Status::OK();
}

void PrintStoryList(const std::vector<StoryRow>& rows, bool filtered, std::ostream& out) {
  if (rows.empty()) {
    out << (filtered ? "No story matches.\n"
                     : "No stories yet: add articles with `newsloom ingest PATH`.\n");
    return;
  }
  for (const StoryRow& s : rows) {
    out << "Story " << s.id << "  " << DateText(s.LastDay()) << "  "
        << Counted(s.article_count, "article", "articles") << ", "
        << Counted(s.event_count, "event", "events") << "  "
        << OneLine(s.title, 100) << "\n";
  }
}

}  // namespace newsloom
