// `newsloom eval`: stream a labelled JSONL file through the pipeline in
// date order and score the clusters against its gold labels.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "engine/explain.h"
#include "cli/render.h"
#include "engine/engine.h"
#include "eval/metrics.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

nlohmann::json PrfJson(const PrfScores& p) {
  return {{"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}

}  // namespace

std::vector<Article> ReadLabelledArticles(const std::vector<std::string>& inputs,
                                          const ReadOptions& options,
                                          size_t* errors) {
  std::vector<Article> articles;
  ProblemPrinter problems;
  *errors = ReadInputs(
      inputs, options, [&](Article&& a) { articles.push_back(std::move(a)); },
      [&](const IngestError& e) { problems(e); }).errors;
  problems.Finish();
  size_t unlabelled = 0;
  std::erase_if(articles, [&](const Article& a) {
    const bool missing = a.gold_event.empty();
    unlabelled += missing;
    return missing;
  });
  if (unlabelled) {
    std::cerr << "newsloom: " << unlabelled
              << " articles without an `event` label left out\n";
  }
  SortForClustering(&articles);
  return articles;
}

Result<ClusterOptions> ClusterOptionsWithModel(const std::string& model_path) {
  ClusterOptions options;
  if (model_path.empty()) return options;
  std::error_code ec;  // a folder or nothing: said so (a pipe is read)
  if (std::filesystem::is_directory(model_path, ec)) {
    return Status::IoError("model file " + model_path + ": a folder, not a file");
  }
  if (!std::filesystem::exists(model_path, ec)) {
    return Status::IoError("model file " + model_path + ": no such file");
  }
  std::ifstream in(model_path, std::ios::binary);
  if (!in) return Status::IoError("cannot read model file " + model_path);
  std::stringstream text;
  text << in.rdbuf();
  Result<JoinModel> model = JoinModel::FromText(text.str());
  if (!model.ok()) return model.status().WithContext(model_path);
  options.event_model = *model;
  return options;
}

int RunEval(const EvalOptions& o) {
  if (o.level != "event" && o.level != "story") {
    std::cerr << "newsloom: --level must be event or story, not " << o.level << "\n";
    return kExitFatal;
  }
  Result<ClusterOptions> cluster_options = ClusterOptionsWithModel(o.model);
  if (!cluster_options.ok()) {
    std::cerr << "newsloom: " << cluster_options.status().ToString() << "\n";
    return kExitFatal;
  }
  size_t read_errors = 0;
  std::vector<Article> articles =
      ReadLabelledArticles(o.inputs, o.read, &read_errors);
  if (articles.empty()) {
    std::cerr << "newsloom: no labelled articles to evaluate\n";
    return kExitFatal;
  }
  std::ofstream predictions;
  if (!o.predictions.empty()) {
    predictions.open(o.predictions, std::ios::binary | std::ios::trunc);
    if (!predictions) {
      std::cerr << "newsloom: cannot write --predictions " << o.predictions
                << ": " << std::strerror(errno) << "\n";
      return kExitFatal;
    }
  }
  // Every line is its own document here, even when two share a URL.
  for (size_t i = 0; i < articles.size(); ++i) {
    articles[i].id = "eval:" + std::to_string(i);
  }

  Result<std::unique_ptr<Store>> store = Store::Open(":memory:");
  if (!store.ok()) {
    std::cerr << "newsloom: " << store.status().ToString() << "\n";
    return kExitFatal;
  }
  EngineOptions eo;
  eo.persist_state = false;
  eo.explain = o.explain && predictions.is_open();
  eo.cluster = *cluster_options;
  Result<std::unique_ptr<Engine>> engine = Engine::Open(std::move(*store), eo);
  if (!engine.ok()) {
    std::cerr << "newsloom: " << engine.status().ToString() << "\n";
    return kExitFatal;
  }
  LabelIndex gold_labels;
  std::vector<int64_t> predicted, gold;
  // Each article's event and story as Add() placed it, and the events
  // merged into others since (second looks): the scores are of the final
  // clusters.
  std::vector<std::pair<int64_t, int64_t>> placed;
  std::unordered_map<int64_t, EventMerge> merged_into;
  const bool story = o.level == "story";
  // Written after the timing; keys in the order given.
  std::vector<nlohmann::ordered_json> prediction_lines;
  prediction_lines.reserve(predictions.is_open() ? articles.size() : 0);
  const auto start = std::chrono::steady_clock::now();
  for (Article& a : articles) {
    const ExplainedArticle explained =
        eo.explain ? ExplainedArticle{a.input, a.title, PublishedLocal(a)} : ExplainedArticle{};
    if (predictions.is_open()) {
      prediction_lines.push_back({{"input", a.input},
                                  {"id", a.external_id},
                                  {"event", a.gold_event},
                                  {"story", a.gold_story}});
    }
    gold.push_back(gold_labels.Get(story && !a.gold_story.empty() ? a.gold_story
                                                                  : a.gold_event));
    Result<AddResult> r = (*engine)->Add(std::move(a));
    if (!r.ok()) {
      std::cerr << "newsloom: " << r.status().ToString() << "\n";
      return kExitFatal;
    }
    placed.emplace_back(r->assignment.event_id, r->assignment.story_id);
    for (const EventMerge& m : r->assignment.merged) merged_into[m.event] = m;
    if (predictions.is_open()) {
      prediction_lines.back()["predicted_event"] = r->assignment.event_id;
      prediction_lines.back()["predicted_story"] = r->assignment.story_id;
      if (eo.explain) {
        // After the prediction's own fields, which win (event and story
        // stay the gold labels; the explanation's ids are predicted_*).
        nlohmann::ordered_json x = ExplanationJson(explained, *r);
        nlohmann::ordered_json& line = prediction_lines.back();
        for (auto it = x.begin(); it != x.end(); ++it) {
          if (!line.contains(it.key())) line[it.key()] = std::move(it.value());
        }
      }
    }
  }
  Status flushed = (*engine)->Flush();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!flushed.ok()) {
    std::cerr << "newsloom: " << flushed.ToString() << "\n";
    return kExitFatal;
  }

  for (size_t i = 0; i < placed.size(); ++i) {
    auto [event, story_id] = placed[i];
    // An event is merged at most once: the one it went into has two
    // articles from then on, and only one-article events are looked at.
    if (auto it = merged_into.find(event); it != merged_into.end()) {
      if (predictions.is_open()) {
        prediction_lines[i]["merged_from_event"] = event;
        prediction_lines[i]["predicted_event"] = it->second.into;
        prediction_lines[i]["predicted_story"] = it->second.into_story;
      }
      event = it->second.into;
      story_id = it->second.into_story;
    }
    predicted.push_back(story ? story_id : event);
  }

  if (predictions.is_open()) {
    for (const nlohmann::ordered_json& line : prediction_lines) {
      predictions << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    }
    predictions.close();
    if (!predictions) {
      std::cerr << "newsloom: writing --predictions " << o.predictions
                << " failed: " << std::strerror(errno) << "\n";
      return kExitFatal;
    }
  }

  const ClusteringScores s = ScoreClustering(predicted, gold);
  const double docs_per_sec = seconds > 0 ? s.docs / seconds : 0;
  if (o.json) {
    nlohmann::json j = {{"level", o.level},
                        {"docs", s.docs},
                        {"clusters", s.clusters},
                        {"gold_clusters", s.gold_clusters},
                        {"bcubed", PrfJson(s.bcubed)},
                        {"pairwise", PrfJson(s.pairwise)},
                        {"ari", s.ari},
                        {"docs_per_sec", docs_per_sec}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::printf(
        "%zu docs, %zu %s clusters (gold %zu)\n"
        "BCubed    P %.4f  R %.4f  F1 %.4f\n"
        "pairwise  P %.4f  R %.4f  F1 %.4f\n"
        "ARI       %.4f\n"
        "speed     %.0f docs/s (analysis, clustering and in-memory store)\n",
        s.docs, s.clusters, o.level.c_str(), s.gold_clusters, s.bcubed.precision,
        s.bcubed.recall, s.bcubed.f1, s.pairwise.precision, s.pairwise.recall,
        s.pairwise.f1, s.ari, docs_per_sec);
  }
  return read_errors > 0 ? kExitPartial : kExitOk;
}

}  // namespace newsloom
