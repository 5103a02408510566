// `--explain`: why each article went to the event and story it did, as one
// JSON line per article (ingest, cluster, eval's --predictions) or one
// entry's "explanation" (POST /api/articles?explain=1), for an analyst who
// asks "why are these two reports one event?" and for tuning.
//
// A line of an article the clusterer placed:
//   {"input","id","title","date","event","story","new_event","new_story",
//    "why": "joined event 3: score +1.23, at least the threshold -0.80; ...",
//    "threshold","main_date","events_found",
//    "candidates":[{"event","story","title","articles","first","last",
//                   "fate","score","features":{"word_cos",...}}],
//    "story_threshold","stories":[{"story","title","articles","first",
//                                  "last","fate","similarity"}]}
// "fate" is "scored", "out of window", "dates conflict" (the follow-up
// rule: the article's main date is more than a day from every date the
// event names) or, for stories, "no shared date" (a side is undated and
// they name no date in common); "score" and "features" are there only
// when scored. A copy routed to its original's event has "duplicate_of"
// {"id","kind","similarity"} and no candidates; an article the store
// already held has "already_present": true. Features are those of the
// join model (cluster/join_model.h), "score" its log-odds. "stories" and
// "story_threshold" are there for an article that started an event.
// "second_looks":[{"event","story","merged_into","of_story","score",
// "story_gone"}] lists the events of earlier articles that the second
// looks due once this article was placed merged into others
// (ClusterOptions::second_look_after; "score" the join model's).
// In `eval`'s prediction lines these fields follow the prediction's own,
// which win: "event" and "story" stay the gold labels there, and the ids
// that "why" and the candidates name are those of the event and story the
// article was placed in: "predicted_event" and "predicted_story" are the
// final ones (those scored), and an article whose event a second look
// merged into another has "merged_from_event", the one "why" names.
#ifndef NEWSLOOM_ENGINE_EXPLAIN_H_
#define NEWSLOOM_ENGINE_EXPLAIN_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "engine/engine.h"

namespace newsloom {

// What the article was, before Engine::Add took it.
struct ExplainedArticle {
  std::string input;
  std::string title;
  std::optional<UnixSeconds> published;  // as its outlet dated it: PublishedLocal
};

// The line described above (its keys in that order) for an article and what
// Engine::Add returned for it (with EngineOptions::explain set, or
// Engine::set_explain(true)).
nlohmann::ordered_json ExplanationJson(const ExplainedArticle& article,
                                       const AddResult& r);

// The decision in one sentence (the line's "why").
std::string WhySentence(const AddResult& r);

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_EXPLAIN_H_
