// Training the event join model (cluster/join_model.h) from labelled
// articles: the procedure behind `newsloom train`.
//
//   1. Each labelled file is replayed on its own, in date order, through the
//      same language identification, feature extraction and candidate
//      retrieval as a live stream (OnlineClusterer::AddLabelled), except
//      that every article is put in its gold event. Each candidate event it
//      is scored against gives one Example: its PairFeatures, positive when
//      it is the article's gold event.
//   2. The examples of each file are weighted so that every file counts the
//      same in total (no corpus outvotes the others by its size), and an
//      L2-regularised logistic regression is fitted to all of them.
//
// Replaying with gold events ("teacher forcing") gives the model the
// clusters it should have built; it is deterministic, so the same files
// give the same model.
#ifndef NEWSLOOM_ENGINE_TRAINER_H_
#define NEWSLOOM_ENGINE_TRAINER_H_

#include <string>
#include <vector>

#include "base/article.h"
#include "cluster/join_model.h"
#include "cluster/options.h"
#include "engine/features.h"
#include "text/language.h"

namespace newsloom {

// What one labelled stream gave.
struct StreamExamples {
  std::string name;
  size_t articles = 0;
  size_t joins = 0;           // articles whose gold event already existed
  size_t joins_retrieved = 0;  // ... and was among the candidates
  std::vector<Example> examples;
};

// Replays `articles` (sorted for clustering, every one with a gold event)
// and collects their examples. Articles without a language get one from
// the detector, as Engine::Add does.
StreamExamples CollectExamples(std::string name, std::vector<Article> articles,
                               const ClusterOptions& options = {});

// Clusters `articles` (sorted for clustering) online with `options`, as
// Engine does but without a store; returns each article's event id (or,
// with `stories`, story id).
std::vector<int64_t> ClusterOnline(const std::vector<Article>& articles,
                                   const ClusterOptions& options, bool stories);

// Fits the join model's weights to the streams, each stream weighing 1 in
// total. The threshold is left at 0: see `newsloom train` for its sweep.
Result<JoinModel> TrainJoinModel(const std::vector<StreamExamples>& streams,
                                 const FitOptions& fit = {});

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_TRAINER_H_
