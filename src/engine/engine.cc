#include "engine/engine.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace newsloom {

Engine::Engine(std::unique_ptr<Store> store, const EngineOptions& options,
               std::unique_ptr<OnlineClusterer> clusterer)
    : store_(std::move(store)),
      options_(options),
      clusterer_(std::move(clusterer)) {}

Engine::~Engine() {
  if (in_transaction_) store_->Rollback();  // Flush() was not called
}

Result<std::unique_ptr<Engine>> Engine::Open(std::unique_ptr<Store> store,
                                             const EngineOptions& options) {
  ASSIGN_OR_RETURN(std::optional<std::string> blob,
                   store->GetState(kClustererStateKey));
  std::unique_ptr<OnlineClusterer> clusterer;
  if (blob) {
    auto decoded = OnlineClusterer::Decode(*blob, options.cluster);
    if (!decoded.ok()) {
      return decoded.status().WithContext("store " + store->path());
    }
    clusterer = std::move(decoded).value();
  } else {
    clusterer = std::make_unique<OnlineClusterer>(options.cluster);
  }
  return std::unique_ptr<Engine>(
      new Engine(std::move(store), options, std::move(clusterer)));
}

Status Engine::BeginIfNeeded() {
  if (in_transaction_) return Status::OK();
  RETURN_IF_ERROR(store_->Begin());
  in_transaction_ = true;
  return Status::OK();
}

Result<AddResult> Engine::Add(Article article) {
  AddResult result;
  if (article.id.empty()) article.id = ArticleId(article);
  ASSIGN_OR_RETURN(bool present, store_->HasArticle(article.id));
  if (present) {
    result.already_present = true;
    return result;
  }
  DetectLanguageIfMissing(detector_, &article);
  features_.Extract(article, &input_);
  result.assignment = clusterer_->Add(input_);
  RETURN_IF_ERROR(BeginIfNeeded());
  Result<int64_t> seq = store_->InsertArticle(article, result.assignment.event_id);
  if (!seq.ok()) return seq.status();
  if (++uncommitted_ >= options_.commit_every) RETURN_IF_ERROR(Flush());
  return result;
}

Status Engine::Flush() {
  RETURN_IF_ERROR(BeginIfNeeded());
  OnlineClusterer::Changes changes = clusterer_->TakeChanges();
  for (const ClusterSummary& e : changes.events) {
    EventRow row;
    row.id = e.id;
    row.story_id = e.story_id;
    row.title = e.title;
    row.first_published = e.first;
    row.last_published = e.last;
    row.article_count = e.articles;
    RETURN_IF_ERROR(store_->PutEvent(row));
  }
  for (const ClusterSummary& s : changes.stories) {
    StoryRow row;
    row.id = s.id;
    row.title = s.title;
    row.first_published = s.first;
    row.last_published = s.last;
    row.event_count = s.events;
    row.article_count = s.articles;
    RETURN_IF_ERROR(store_->PutStory(row));
  }
  if (options_.persist_state) {
    RETURN_IF_ERROR(store_->PutState(kClustererStateKey, clusterer_->Encode()));
  }
  RETURN_IF_ERROR(store_->Commit());
  in_transaction_ = false;
  uncommitted_ = 0;
  return Status::OK();
}

void DetectLanguageIfMissing(const LanguageDetector& detector, Article* a) {
  if (!a->lang.empty() && a->lang != "und") return;
  const LanguageGuess g = detector.Detect(a->title, a->text);
  a->lang = g.code;
  a->lang_confidence = g.confidence;
}

void SortForClustering(std::vector<Article>* articles) {
  std::vector<UnixSeconds> key(articles->size());
  UnixSeconds last = std::numeric_limits<UnixSeconds>::min();
  for (size_t i = 0; i < articles->size(); ++i) {
    if ((*articles)[i].published) last = *(*articles)[i].published;
    key[i] = last;
  }
  std::vector<size_t> order(articles->size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return key[a] < key[b]; });
  std::vector<Article> sorted;
  sorted.reserve(articles->size());
  for (size_t i : order) sorted.push_back(std::move((*articles)[i]));
  articles->swap(sorted);
}

}  // namespace newsloom
