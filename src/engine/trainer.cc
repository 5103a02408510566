#include "engine/trainer.h"

#include <unordered_map>

#include "cluster/online_clusterer.h"
#include "dedup/groups.h"
#include "engine/engine.h"

namespace newsloom {

namespace {

// Events retire as often as Engine takes the clusterer's changes, so
// training and the sweep see the same active window as a live stream.
const size_t kTakeChangesEvery = EngineOptions{}.changes_every;

// Each stream's examples weighted to sum to 1, appended to `out`.
void AppendWeighted(const std::vector<Example>& examples,
                    std::vector<Example>* out) {
  if (examples.empty()) return;
  const double w = 1.0 / examples.size();
  for (Example e : examples) {
    e.weight *= w;
    out->push_back(e);
  }
}

// Per article, its positive example (if any) and its best-scoring negative
// under `model`: the pairs the join decision turns on.
std::vector<Example> HardExamples(const std::vector<Example>& examples,
                                  const JoinModel& model) {
  std::vector<Example> out;
  size_t i = 0;
  while (i < examples.size()) {
    const uint32_t group = examples[i].group;
    const Example* hardest = nullptr;
    double hardest_score = 0;
    for (; i < examples.size() && examples[i].group == group; ++i) {
      const Example& e = examples[i];
      if (e.positive) {
        out.push_back(e);
        continue;
      }
      const double score = model.Score(e.features);
      if (hardest == nullptr || score > hardest_score) {
        hardest = &e;
        hardest_score = score;
      }
    }
    if (hardest != nullptr) out.push_back(*hardest);
  }
  return out;
}

}  // namespace

StreamExamples CollectExamples(std::string name, std::vector<Article> articles,
                               const ClusterOptions& options) {
  StreamExamples out;
  out.name = std::move(name);
  OnlineClusterer clusterer(options);
  FeatureExtractor features;
  LanguageDetector detector(LanguageDetectorOptions{kLanguageProbeBytes});
  ClusterInput input;
  StreamDuplicates copies;  // one voice, as in Engine::Add
  for (Article& a : articles) {
    if (copies.Next(a.title, a.text, SiteOrSourceOf(a), a.published).is_duplicate()) {
      if (++out.articles % kTakeChangesEvery == 0) clusterer.TakeChanges();
      continue;
    }
    DetectLanguageIfMissing(detector, &a);
    features.Extract(a, &input, &clusterer);
    const size_t before = out.examples.size();
    const uint32_t group = static_cast<uint32_t>(out.articles);
    const Assignment as = clusterer.AddLabelled(
        input, a.gold_event,
        a.gold_story.empty() ? a.gold_event : a.gold_story, &out.examples);
    for (size_t i = before; i < out.examples.size(); ++i) {
      out.examples[i].group = group;
    }
    ++out.articles;
    if (!as.new_event) {
      ++out.joins;
      for (size_t i = before; i < out.examples.size(); ++i) {
        if (out.examples[i].positive) ++out.joins_retrieved;
      }
    }
    // Events and stories leave the window as they would in a live stream.
    if (out.articles % kTakeChangesEvery == 0) clusterer.TakeChanges();
  }
  return out;
}

std::vector<int64_t> ClusterOnline(const std::vector<Article>& articles,
                                   const ClusterOptions& options, bool stories) {
  OnlineClusterer clusterer(options);
  FeatureExtractor features;
  LanguageDetector detector(LanguageDetectorOptions{kLanguageProbeBytes});
  ClusterInput input;
  std::vector<int64_t> ids;
  ids.reserve(articles.size());
  // Events merged by second looks, into the event (story) they joined: the
  // ids returned are of the final clusters, as `eval` scores them.
  std::unordered_map<int64_t, EventMerge> merged;
  std::vector<int64_t> events;  // each article's event as placed
  StreamDuplicates copies;  // one voice: a copy takes its canonical's id
  for (const Article& original : articles) {
    const DuplicateMatch m =
        copies.Next(original.title, original.text, SiteOrSourceOf(original), original.published);
    if (m.is_duplicate()) {
      ids.push_back(ids[m.canonical]);
      events.push_back(events[m.canonical]);
      if (ids.size() % kTakeChangesEvery == 0) clusterer.TakeChanges();
      continue;
    }
    const Article* a = &original;
    Article copy;
    if (a->lang.empty() || a->lang == "und") {
      copy = original;
      DetectLanguageIfMissing(detector, &copy);
      a = &copy;
    }
    features.Extract(*a, &input, &clusterer);
    const Assignment as = clusterer.Add(input);
    ids.push_back(stories ? as.story_id : as.event_id);
    events.push_back(as.event_id);
    for (const EventMerge& g : as.merged) merged[g.event] = g;
    if (ids.size() % kTakeChangesEvery == 0) clusterer.TakeChanges();
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    if (auto it = merged.find(events[i]); it != merged.end()) {
      ids[i] = stories ? it->second.into_story : it->second.into;
    }
  }
  return ids;
}

Result<JoinModel> TrainJoinModel(const std::vector<StreamExamples>& streams,
                                 const FitOptions& fit) {
  std::vector<Example> all;
  for (const StreamExamples& s : streams) AppendWeighted(s.examples, &all);
  ASSIGN_OR_RETURN(JoinModel model, FitLogistic(all, fit));
  // Most candidates are easy negatives; the decision is between the best
  // candidate and "new event". Refit on the positive and the hardest
  // negative of each article, twice (the hardest under the last model).
  for (int round = 0; round < 2; ++round) {
    std::vector<Example> hard;
    for (const StreamExamples& s : streams) {
      AppendWeighted(HardExamples(s.examples, model), &hard);
    }
    ASSIGN_OR_RETURN(model, FitLogistic(hard, fit));
  }
  return model;
}

}  // namespace newsloom
