#include "engine/explain.h"

#include <cmath>
#include <cstdio>

namespace newsloom {
namespace {

std::string Signed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f", v);
  return buf;
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

nlohmann::ordered_json DateOrNull(const std::optional<UnixSeconds>& t) {
  return t ? nlohmann::ordered_json(FormatIsoDate(*t))
           : nlohmann::ordered_json(nullptr);
}

// Rounded for reading; the decision used the doubles.
double Rounded(double v) { return std::round(v * 1e4) / 1e4; }

nlohmann::ordered_json CandidateJson(const JoinExplanation::Candidate& c,
                                     bool event) {
  nlohmann::ordered_json j;
  j[event ? "event" : "story"] = c.id;
  if (event) j["story"] = c.story_id;
  j["title"] = c.title;
  j["articles"] = c.articles;
  j["first"] = DateOrNull(c.first_local ? c.first_local : c.first);
  j["last"] = DateOrNull(c.last_local ? c.last_local : c.last);
  j["fate"] = std::string(FateName(c.fate));
  if (c.fate != JoinExplanation::Fate::kScored) return j;
  j[event ? "score" : "similarity"] = Rounded(c.score);
  if (event) {
    nlohmann::ordered_json f = nlohmann::ordered_json::object();
    for (size_t i = 0; i < kNumPairFeatures; ++i) {
      f[std::string(PairFeatureName(i))] = Rounded(c.features.x[i]);
    }
    j["features"] = std::move(f);
  }
  return j;
}

// "2 out of window, 1 dates conflict", or "" when every one was scored.
std::string Unscored(const std::vector<JoinExplanation::Candidate>& cs) {
  size_t window = 0, dates = 0, shared = 0;
  for (const JoinExplanation::Candidate& c : cs) {
    window += c.fate == JoinExplanation::Fate::kOutOfWindow;
    dates += c.fate == JoinExplanation::Fate::kDatesConflict;
    shared += c.fate == JoinExplanation::Fate::kNoSharedDate;
  }
  std::string out;
  auto add = [&](size_t n, const char* what) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + what;
  };
  add(window, "out of window");
  add(dates, "with conflicting dates");
  add(shared, "undated without a date in common");
  return out;
}

// The scored candidate with the highest score other than `except`.
const JoinExplanation::Candidate* BestScored(
    const std::vector<JoinExplanation::Candidate>& cs, int64_t except) {
  const JoinExplanation::Candidate* best = nullptr;
  for (const JoinExplanation::Candidate& c : cs) {
    if (c.fate != JoinExplanation::Fate::kScored || c.id == except) continue;
    if (best == nullptr || c.score > best->score) best = &c;
  }
  return best;
}

std::string StorySentence(const AddResult& r) {
  const JoinExplanation& x = *r.explanation;
  const Assignment& a = r.assignment;
  std::string out;
  if (!a.new_story) {
    const JoinExplanation::Candidate* chosen = nullptr;
    for (const JoinExplanation::Candidate& c : x.stories) {
      if (c.id == a.story_id) chosen = &c;
    }
    out = "; its event joined story " + std::to_string(a.story_id);
    if (chosen != nullptr) {
      out += " (similarity " + Fixed(chosen->score) + ", at least " +
             Fixed(x.story_threshold) + ")";
    }
    return out;
  }
  out = "; and story " + std::to_string(a.story_id) + ": ";
  const JoinExplanation::Candidate* best = BestScored(x.stories, 0);
  if (x.stories.empty()) {
    out += "no story to compare with";
  } else if (best == nullptr) {
    out += "no story could be compared (" + Unscored(x.stories) + ")";
  } else {
    out += "the most similar story, " + std::to_string(best->id) + ", at " +
           Fixed(best->score) + ", below " + Fixed(x.story_threshold);
  }
  return out;
}

}  // namespace

std::string WhySentence(const AddResult& r) {
  if (r.already_present) {
    return "already stored (before, or earlier in this input); nothing changed";
  }
  const Assignment& a = r.assignment;
  if (r.duplicate) {
    return "a copy (" + r.duplicate->kind + ", similarity " +
           Fixed(r.duplicate->similarity) + ") of article " +
           r.duplicate->canonical_id + ": placed in its event " +
           std::to_string(a.event_id);
  }
  if (!r.explanation) return "";
  const JoinExplanation& x = *r.explanation;
  std::string out;
  if (!a.new_event) {
    out = "joined event " + std::to_string(a.event_id) + ": score " +
          Signed(a.similarity) + ", at least the threshold " +
          Signed(x.threshold);
    const JoinExplanation::Candidate* next = BestScored(x.events, a.event_id);
    out += next != nullptr ? "; next best event " + std::to_string(next->id) +
                                 " at " + Signed(next->score)
                           : "; no other candidate scored";
    return out;
  }
  out = "started event " + std::to_string(a.event_id) + ": ";
  const JoinExplanation::Candidate* best = BestScored(x.events, 0);
  if (x.events.empty()) {
    out += "no active event shares its heaviest terms";
  } else if (best == nullptr) {
    out += "no candidate event could be scored (" + Unscored(x.events) + ")";
  } else {
    out += "the best candidate, event " + std::to_string(best->id) +
           ", scored " + Signed(best->score) + ", below the threshold " +
           Signed(x.threshold);
    const std::string unscored = Unscored(x.events);
    if (!unscored.empty()) out += " (" + unscored + " not scored)";
  }
  return out + StorySentence(r);
}

nlohmann::ordered_json ExplanationJson(const ExplainedArticle& article,
                                       const AddResult& r) {
  nlohmann::ordered_json j;
  j["input"] = article.input;
  j["id"] = r.id;
  j["title"] = article.title;
  j["date"] = DateOrNull(article.published);
  if (r.already_present) {
    j["already_present"] = true;
    j["why"] = WhySentence(r);
    return j;
  }
  const Assignment& a = r.assignment;
  j["event"] = a.event_id;
  j["story"] = a.story_id;
  j["new_event"] = a.new_event;
  j["new_story"] = a.new_story;
  j["why"] = WhySentence(r);
  if (r.duplicate) {
    j["duplicate_of"] = {{"id", r.duplicate->canonical_id},
                         {"kind", r.duplicate->kind},
                         {"similarity", Rounded(r.duplicate->similarity)}};
  }
  if (!a.merged.empty()) {
    // Earlier articles' events merged once this one was placed.
    nlohmann::ordered_json looks = nlohmann::ordered_json::array();
    for (const EventMerge& m : a.merged) {
      looks.push_back({{"event", m.event},
                       {"story", m.story},
                       {"merged_into", m.into},
                       {"of_story", m.into_story},
                       {"score", Rounded(m.similarity)},
                       {"story_gone", m.story_gone}});
    }
    j["second_looks"] = std::move(looks);
  }
  if (!r.explanation) return j;
  const JoinExplanation& x = *r.explanation;
  j["threshold"] = x.threshold;
  j["main_date"] = x.main_date ? nlohmann::ordered_json(*x.main_date)
                               : nlohmann::ordered_json(nullptr);
  j["events_found"] = x.events_found;
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const JoinExplanation::Candidate& c : x.events) {
    events.push_back(CandidateJson(c, /*event=*/true));
  }
  j["candidates"] = std::move(events);
  if (a.new_event) {
    j["story_threshold"] = x.story_threshold;
    nlohmann::ordered_json stories = nlohmann::ordered_json::array();
    for (const JoinExplanation::Candidate& c : x.stories) {
      stories.push_back(CandidateJson(c, /*event=*/false));
    }
    j["stories"] = std::move(stories);
  }
  return j;
}

}  // namespace newsloom
