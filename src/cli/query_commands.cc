// `newsloom stories` and `newsloom show`: read what the store holds.
#include <cctype>
#include <cstdio>
#include <iostream>
#include <optional>

#include "base/ascii.h"
#include "base/time.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "engine/check.h"

namespace newsloom {

Result<std::unique_ptr<Store>> OpenExisting(const std::string& db, bool writes) {
  StoreOptions options;
  options.create_if_missing = false;
  // Reading a store needs no write permission; a writer claims the store,
  // so no ingest or serve writes beside it.
  options.read_only = !writes;
  options.claim_writer = writes;
  Result<std::unique_ptr<Store>> s = Store::Open(db, options);
  if (!s.ok() && s.status().code() == Status::Code::kNotFound) {
    return Status::NotFound("no store at " + db +
                            " (create one with `newsloom ingest PATH --db " +
                            db + "`)");
  }
  return s;
}

namespace {

int Fail(std::string_view line) {
  std::cerr << "newsloom: " << line << "\n";
  return kExitFatal;
}

int Fail(const Status& s) { return Fail(s.ToString()); }

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsHexId(std::string_view s) {
  return s.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

int ShowStory(Store& store, int64_t id, bool json) {
  Result<StoryRow> story = store.GetStory(id);
  if (!story.ok()) return Fail(LookupFailure(story.status(), "story", id, store));
  if (json) {
    Annotator annotator;
    StoryAnnotationSet made;
    Result<nlohmann::json> j = StoryJson(store, *story, &annotator, &made);
    if (!j.ok()) return Fail(j.status());
    Result<nlohmann::json> entities =
        StoryEntitiesJson(store, *story, 0, &annotator, &made);
    if (!entities.ok()) return Fail(entities.status());
    (*j)["entities"] = std::move((*entities)["entities"]);
    std::cout << DumpJson(*j) << "\n";
    PrintWarnings(annotator);
    return kExitOk;
  }
  Annotator annotator;
  Status s = PrintStoryTree(store, *story, std::cout, &annotator);
  PrintWarnings(annotator);
  return s.ok() ? kExitOk : Fail(s);
}

// The duplicate lines of `newsloom show ARTICLE`, from ArticleWithCopiesJson.
void PrintCopies(const nlohmann::json& j, std::ostream& out) {
  char similarity[16];
  if (!j["duplicate_of"].is_null()) {
    std::snprintf(similarity, sizeof similarity, "%.2f",
                  j["similarity"].get<double>());
    out << j["duplicate_kind"].get<std::string>() << " copy of "
        << j["duplicate_of"].get<std::string>() << " (similarity "
        << similarity << ")\n";
  }
  if (j["copies"].empty()) return;
  out << j["copies"].size() << (j["copies"].size() == 1 ? " copy" : " copies");
  for (const nlohmann::json& c : j["copies"]) {
    std::snprintf(similarity, sizeof similarity, "%.2f",
                  c["similarity"].get<double>());
    out << "\n  " << c["kind"].get<std::string>() << " " << similarity << "  "
        << c["id"].get<std::string>() << "  "
        << PrintableText(c["outlet"].get<std::string>());
  }
  out << "\noutlets:";
  for (const nlohmann::json& o : j["outlets"]) {
    out << " " << PrintableText(o.get<std::string>());
  }
  out << "\n";
}

int ShowArticle(Store& store, const std::string& id, bool json) {
  Result<StoredArticle> a = store.GetArticle(id);
  if (!a.ok()) return Fail(a.status());
  Result<nlohmann::json> j = ArticleWithCopiesJson(store, *a);
  if (!j.ok()) return Fail(j.status());
  Annotator annotator;
  Result<ArticleAnnotations> notes = AnnotateInStory(store, *a, annotator);
  if (!notes.ok()) return Fail(notes.status());
  PrintWarnings(annotator);
  if (json) {
    j->update(AnnotationsToJson(*notes));
    std::cout << DumpJson(*j) << "\n";
    return kExitOk;
  }
  const Article& x = a->article;
  std::cout << (x.title.empty() ? "(no title)" : PrintableText(x.title)) << "\n"
            << "id " << x.id
            << (x.external_id.empty() ? std::string()
                                      : " (input id " + PrintableText(x.external_id) + ")")
            << "  event " << a->event_id << "  lang "
            << x.lang << "  date " << DateText(PublishedLocal(x)) << "\n"
            << "from " << PrintableText(x.input)
            << (x.source.empty() ? "" : "  source ") << PrintableText(x.source)
            << (x.url.empty() ? "" : "  ") << PrintableText(x.url) << "\n";
  PrintCopies(*j, std::cout);
  PrintAnnotations(x, *notes, std::cout);
  std::cout << "\n" << PrintableText(x.text, /*keep_line_feeds=*/true) << "\n";
  return kExitOk;
}

}  // namespace

int RunStories(const StoriesOptions& o) {
  StoryFilter filter;
  filter.query = o.search;
  filter.entity = o.entity;
  filter.lang = o.lang;  // stored lower-case ("EN" finds "en")
  for (char& c : filter.lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!filter.lang.empty()) {
    if (Status s = CheckLanguageCode(filter.lang, "--lang"); !s.ok()) return Fail(s);
  }
  filter.source = o.outlet;
  if (!o.since.empty()) {
    Result<UnixSeconds> t = ParseFilterDay(o.since, "--since");
    if (!t.ok()) return Fail(t.status());
    filter.since = *t;
  }
  if (!o.until.empty()) {
    Result<UnixSeconds> t = ParseFilterDay(o.until, "--until");
    if (!t.ok()) return Fail(t.status());
    filter.until = *t + kSecondsPerDay;  // the whole day
  }
  const bool filtered = !o.search.empty() || !o.entity.empty() || !o.lang.empty() ||
                        !o.outlet.empty() || filter.since || filter.until;
  Result<std::unique_ptr<Store>> store = OpenExisting(o.db);
  if (!store.ok()) return Fail(store.status());
  if (!o.entity.empty()) {
    // A name where the key was expected ("paris" for @paris): the entity
    // named so, when there is one (Store::EntityKeyFor).
    std::vector<EntityMentionRow> named;
    Result<std::string> key = (*store)->EntityKeyFor(o.entity, &named);
    if (!key.ok() && key.status().code() == Status::Code::kInvalidArgument) {
      return Fail(Status::InvalidArgument("--" + std::string(key.status().message())));
    }
    if (!key.ok()) return Fail(key.status());
    filter.entity = *key;
    const auto chosen = std::find_if(named.begin(), named.end(),
                                     [&](const EntityMentionRow& r) { return r.key == *key; });
    if (chosen != named.end() && !o.json) {
      std::cerr << "newsloom: --entity " << PrintableText(Abbreviate(o.entity, 80))
                << ": the entity " << PrintableText(chosen->name) << " (" << chosen->type
                << ", key " << PrintableText(filter.entity) << ")";
      std::string others;
      size_t listed = 0;
      for (const EntityMentionRow& r : named) {
        if (r.key == filter.entity || others.find("\"" + r.key + "\"") != std::string::npos) {
          continue;
        }
        if (++listed > 5) break;
        others += (others.empty() ? "" : ", ") + ("\"" + PrintableText(r.key) + "\"");
      }
      if (!others.empty()) std::cerr << "; also written so: " << others;
      std::cerr << "\n";
    }
  }
  Result<std::vector<StoryRow>> rows = filtered
                                           ? (*store)->FindStories(filter, std::nullopt, o.limit)
                                           : (*store)->ListStories(o.limit);
  if (!rows.ok()) return Fail(rows.status());
  if (o.json) {
    std::cout << DumpJson(StoryListJson(*rows)) << "\n";
    return kExitOk;
  }
  PrintStoryList(*rows, filtered, std::cout);
  if (rows->empty() && !o.entity.empty()) {
    std::cerr << "newsloom: note: --entity finds only stories whose articles were "
                 "annotated (`ingest --annotate`, or `annotate --db` afterwards), by an "
                 "entity's key or name as `show` prints them (\"@ua\" or \"Ukraine\")\n";
  }
  return kExitOk;
}

int RunCheck(const CheckOptions& o) {
  // Cannot be checked: with --json, still one JSON object on stdout.
  auto Fail = [&](const Status& s) {
    if (o.json) {
      std::cout << DumpJson({{"store", Store::DisplayLocation(o.db)},
                             {"ok", false},
                             {"error", s.ToString()}})
                << "\n";
    }
    return newsloom::Fail(s);
  };
  if (o.rebuild_search_index || o.forget_saved_state) {  // the claim ends with the block
    StoreOptions options;
    options.create_if_missing = false;
    options.claim_writer = true;
    Result<std::unique_ptr<Store>> writer = Store::Open(o.db, options);
    if (!writer.ok()) return Fail(writer.status());
    if (o.rebuild_search_index) {
      const Status rebuilt = (*writer)->RebuildTextIndex();
      if (!rebuilt.ok()) return Fail(rebuilt);
      if (!o.json) {
        std::cerr << "newsloom: rebuilt the search index of " << Store::DisplayLocation(o.db)
                  << "\n";
      }
    }
    if (o.forget_saved_state) {
      const Status forgot = Engine::ForgetSavedState(**writer);
      if (!forgot.ok()) return Fail(forgot);
      if (!o.json) {
        std::cerr << "newsloom: forgot the saved clustering state of "
                  << Store::DisplayLocation(o.db)
                  << "; the next ingest, watch or serve replays its articles\n";
      }
    }
  }
  Result<std::unique_ptr<Store>> store = OpenExisting(o.db);
  if (!store.ok()) return Fail(store.status());
  Result<StoreCheck> c = CheckStore(**store, o.quick);
  if (!c.ok()) return Fail(c.status());
  if (o.json) {
    nlohmann::json j = {{"store", Store::DisplayLocation(o.db)},
                        {"ok", c->ok()},
                        {"pages", c->pages ? nlohmann::json(*c->pages) : nlohmann::json()},
                        {"rows", c->rows},
                        {"search", c->search ? nlohmann::json(*c->search) : nlohmann::json()},
                        {"state", c->state.ok() ? nlohmann::json() : nlohmann::json(c->state.ToString())},
                        {"articles", c->articles},
                        {"events", c->events},
                        {"stories", c->stories}};
    std::cout << DumpJson(j) << "\n";
  } else {
    // At most this many lines of each check; the rest are counted.
    constexpr size_t kShown = 100;
    auto print = [](std::string_view what, const std::vector<std::string>& lines) {
      if (lines.empty()) {
        std::cout << what << ": ok\n";
        return;
      }
      std::cout << what << ": " << lines.size() << (lines.size() == 1 ? " problem\n" : " problems\n");
      for (size_t i = 0; i < lines.size() && i < kShown; ++i) {
        std::cout << "  " << PrintableText(lines[i]) << "\n";
      }
      if (lines.size() > kShown) std::cout << "  ... and " << lines.size() - kShown << " more\n";
    };
    if (c->pages) {
      print(o.quick ? "pages (quick_check)" : "pages (integrity_check)", *c->pages);
    } else {
      std::cout << "pages: the PostgreSQL server's to check (data checksums, amcheck)\n";
    }
    print("rows", c->rows);
    if (c->rows.empty()) {
      std::cout << "  " << c->articles << " articles, " << c->events << " events, "
                << c->stories << " stories\n";
    }
    if (c->search) {
      print(o.quick ? "search index (quick)" : "search index", *c->search);
    } else {
      std::cout << "search index: "
                << (c->pages ? "none kept" : "the PostgreSQL server's (a GIN index, amcheck)")
                << "\n";
    }
    print("state", c->state.ok() ? std::vector<std::string>()
                                 : std::vector<std::string>{c->state.ToString()});
  }
  if (c->ok()) return kExitOk;
  std::cerr << "newsloom: " << Store::DisplayLocation(o.db) << " has problems (see above)"
            << (!c->pages || c->pages->empty() ? ""
                                 : "; restore it from a backup, or save what SQLite can "
                                   "still read: sqlite3 " + o.db + " .recover | sqlite3 NEW.db")
            << (!c->search || c->search->empty() || (c->pages && !c->pages->empty()) ||
                        c->search->front().starts_with(Store::kTextIndexMissing)
                    ? ""
                    : "; make the search index again with: newsloom check --db " +
                          Store::DisplayLocation(o.db) +
                          " --rebuild-search-index")
            << "\n";
  return kExitPartial;
}

int RunShow(const ShowOptions& o) {
  Result<std::unique_ptr<Store>> store = OpenExisting(o.db);
  if (!store.ok()) return Fail(store.status());
  const std::string& id = o.id;
  // The article whose input id (a JSONL "id") or URL is `id`: what `id`
  // names when it is no story, event or article id, or looks like one that
  // is not there ("7", "e1" as JSONL ids). Not found: nullopt. (A scan of
  // the articles, so only when the ids that are looked up fail.)
  // `instead`: what `id` did not name, said on stderr ("no story 7").
  auto show_called = [&](std::string_view instead = {}) -> std::optional<int> {
    Result<std::vector<StoredArticle>> called = (*store)->ArticlesCalled(id, 6);
    if (!called.ok()) return Fail(called.status());
    if (called->size() == 1) {
      if (!instead.empty()) {
        std::cerr << "newsloom: " << instead << "; showing the article whose input id or URL is "
                  << PrintableText(Abbreviate(id, 80)) << "\n";
      }
      return ShowArticle(**store, called->front().article.id, o.json);
    }
    if (called->empty()) return std::nullopt;
    std::string which;
    for (const StoredArticle& a : *called) {
      which += "\n  " + a.article.id + "  " +
               PrintableText(Abbreviate(a.article.title.empty() ? a.article.input
                                                                : a.article.title, 70));
    }
    return Fail(Status::InvalidArgument(
        "show: \"" + PrintableText(Abbreviate(id, 80)) +
        "\" is the input id or URL of more than one article; give one's id:" + which));
  };
  auto missing = [](const Status& s) { return s.code() == Status::Code::kNotFound; };
  // Stories are plain numbers, events "e<number>", articles 16 hex digits.
  if (AllDigits(id) && id.size() < 16) {
    // "007" is no way to write story 7: an input id first.
    if (id.size() > 1 && id[0] == '0') {
      if (std::optional<int> shown = show_called()) return *shown;
    }
    // A story merged away by a second look, before an input id.
    const int64_t asked = std::stoll(id);
    int64_t story = asked;
    const Status found = GetStoryFollowingMerges(**store, &story).status();
    if (missing(found) && story == asked) {
      if (std::optional<int> shown = show_called("no story " + id)) return *shown;
    } else if (!found.ok() && !missing(found)) {
      return Fail(found);
    }
    return ShowStory(**store, story, o.json);
  }
  if (id.size() > 1 && id.size() < 17 && (id[0] == 'e' || id[0] == 'E') &&
      AllDigits(std::string_view(id).substr(1))) {
    const int64_t asked = std::stoll(id.substr(1));
    int64_t event = asked;
    Result<EventRow> e = GetEventFollowingMerges(**store, &event);
    if (missing(e.status()) && event == asked) {
      if (std::optional<int> shown = show_called("no event " + id.substr(1))) return *shown;
    }
    if (!e.ok()) return Fail(LookupFailure(e.status(), "event", event, **store));
    return ShowStory(**store, e->story_id, o.json);
  }
  if (id.size() != 16 || !IsHexId(id)) {
    if (std::optional<int> shown = show_called()) return *shown;
    return Fail(Status::InvalidArgument(
        "show: \"" + PrintableText(Abbreviate(id, 80)) +
        "\" is not a story number, an event (e<number>), an article id "
        "(16 hex digits) or an article's input id or URL; see `newsloom stories`"));
  }
  std::string lower = id;  // ids are printed in lower case; accept either
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (missing((*store)->GetArticle(lower).status())) {
    if (std::optional<int> shown = show_called("no article with the id " + lower)) return *shown;
  }
  return ShowArticle(**store, lower, o.json);
}

}  // namespace newsloom
