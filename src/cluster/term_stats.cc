#include "cluster/term_stats.h"

#include <algorithm>
#include <cmath>

namespace newsloom {
namespace {

// Kind prefixes keep the two namespaces apart inside one map.
constexpr char kWordPrefix = 'w';
constexpr char kNamePrefix = 'n';
constexpr char kTimePrefix = 't';
constexpr char kNumberPrefix = '#';

}  // namespace

constexpr char kPrefixes[] = {kWordPrefix, kNamePrefix, kTimePrefix,
                               kNumberPrefix};

TermId TermStats::Intern(TermKind kind, std::string_view term,
                         uint64_t hash) {
  auto [id_of, added] = ids_[static_cast<size_t>(kind)].Insert(term, hash);
  if (!added) return *id_of;
  std::string key = kPrefixes[static_cast<size_t>(kind)] + std::string(term);
  TermId id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
    terms_[id] = std::move(key);
    df_[id] = 0;
  } else {
    id = static_cast<TermId>(terms_.size());
    terms_.push_back(std::move(key));
    df_.push_back(0);
    last_seen_.push_back(0);
  }
  *id_of = id;
  return id;
}

void TermStats::Tally(TermId id, std::vector<std::pair<TermId, float>>* counts) {
  // Counted in place: the first occurrence of a term in this call (stamp_)
  // gets an entry, later ones add to it; only distinct terms are sorted.
  if (id >= stamp_of_.size()) {
    stamp_of_.resize(id + 1, 0);
    slot_of_.resize(id + 1, 0);
  }
  if (stamp_of_[id] == stamp_) {
    (*counts)[slot_of_[id]].second += 1;
  } else {
    stamp_of_[id] = stamp_;
    slot_of_[id] = static_cast<uint32_t>(counts->size());
    counts->emplace_back(id, 1.0f);
  }
}

void TermStats::Count(TermKind kind, const std::vector<std::string_view>& terms,
                      std::vector<std::pair<TermId, float>>* counts) {
  counts->clear();
  ++stamp_;
  // The vocabulary outgrows the caches: each lookup would wait for its slot
  // and then its entry. Hashed first, the terms' slots and entries are
  // asked for a few terms ahead (flat_string_map.h, "Batches of lookups").
  hashes_.resize(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) hashes_[i] = IdMap::HashOf(terms[i]);
  ids_[static_cast<size_t>(kind)].ForEachPrefetched(hashes_, [&](size_t i) {
    Tally(Intern(kind, terms[i], hashes_[i]), counts);
  });
  std::sort(counts->begin(), counts->end());
  for (const auto& [id, n] : *counts) {
    // Once per document: an article's concepts are counted in the words'
    // namespace after its words, and a concept that is also one of its
    // words is the same term in the same document. Saturates: a term in
    // 2^32 articles (a dozen years of a busy stream) keeps the largest
    // count instead of wrapping to 0.
    if (last_seen_[id] == docs_) continue;
    if (df_[id] != UINT32_MAX) ++df_[id];
    last_seen_[id] = docs_;
  }
}

void TermStats::AddDocument(const Occurrences& occ, Counts* counts) {
  ++docs_;
  Count(TermKind::kWord, occ.words, &counts->words);
  Count(TermKind::kName, occ.names, &counts->names);
  Count(TermKind::kTime, occ.times, &counts->times);
  Count(TermKind::kNumber, occ.numbers, &counts->numbers);
  Count(TermKind::kWord, occ.concepts, &counts->concepts);
}

void TermStats::CountKnown(const std::vector<std::string_view>& words,
                           std::vector<std::pair<TermId, float>>* counts) {
  counts->clear();
  ++stamp_;
  const IdMap& ids = ids_[static_cast<size_t>(TermKind::kWord)];
  for (std::string_view w : words) {
    if (const TermId* id = ids.Find(w)) Tally(*id, counts);
  }
  std::sort(counts->begin(), counts->end());
}

double TermStats::Idf(TermId t) const {
  const double df = t < df_.size() ? df_[t] : 0;
  return std::log((docs_ + 1.0) / (df + 1.0)) + 1.0;
}

TermVector TermStats::Weigh(
    const std::vector<std::pair<TermId, float>>& counts) const {
  TermVector v;
  v.entries.reserve(counts.size());
  for (const auto& [id, tf] : counts) {
    v.entries.emplace_back(id, static_cast<float>((1.0 + std::log(tf)) * Idf(id)));
  }
  v.Normalize();
  return v;
}

std::string_view TermStats::Term(TermId t) const {
  if (t >= terms_.size() || terms_[t].empty()) return {};
  return std::string_view(terms_[t]).substr(1);
}

size_t TermStats::CountUnseenSince(uint64_t seen_before) const {
  size_t n = 0;
  for (TermId t = 0; t < terms_.size(); ++t) n += UnseenSince(t, seen_before);
  return n;
}

std::vector<TermId> TermStats::Forget(const std::vector<bool>& referenced,
                                      uint64_t seen_before) {
  std::vector<TermId> gone;
  for (TermId t = 0; t < terms_.size(); ++t) {
    if (!UnseenSince(t, seen_before)) continue;
    if (t < referenced.size() && referenced[t]) continue;
    const char* prefix = std::find(std::begin(kPrefixes), std::end(kPrefixes),
                                   terms_[t][0]);
    ids_[prefix - kPrefixes].Erase(std::string_view(terms_[t]).substr(1));
    std::string().swap(terms_[t]);
    df_[t] = 0;
    last_seen_[t] = 0;
    free_.push_back(t);
    gone.push_back(t);
  }
  return gone;
}

void TermStats::EncodeTo(Encoder* e) const {
  e->PutVarint(docs_);
  e->PutVarint(terms_.size());
  for (size_t i = 0; i < terms_.size(); ++i) {
    e->PutString(terms_[i]);  // "" for a forgotten id
    e->PutVarint(df_[i]);
    e->PutVarint(last_seen_[i]);
  }
}

Status TermStats::DecodeFrom(Decoder* d, uint64_t version) {
  uint64_t n;
  if (!d->GetVarint(&docs_) || !d->GetCount(&n)) {
    return Status::Corruption("term statistics: truncated header");
  }
  // Counted one by one, as the clusterer's other counters (base/coding.h).
  if (docs_ > static_cast<uint64_t>(kMaxSavedCount)) {
    return Status::Corruption("term statistics: document counts out of range");
  }
  for (IdMap& ids : ids_) ids.clear();
  terms_.assign(n, {});
  df_.assign(n, 0);
  last_seen_.assign(n, docs_);
  free_.clear();
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t df;
    if (!d->GetString(&terms_[i]) || !d->GetVarint(&df) ||
        (version >= 3 && !d->GetVarint(&last_seen_[i]))) {
      return Status::Corruption("term statistics: truncated term table");
    }
    // Before 2026-12-06 a concept that was also one of the article's words
    // was counted twice: such states hold up to twice the documents.
    if (df > 2 * docs_ || df > UINT32_MAX || last_seen_[i] > docs_) {
      return Status::Corruption("term statistics: document frequency out of range");
    }
    df_[i] = static_cast<uint32_t>(std::min(df, docs_));
    if (terms_[i].empty()) {
      if (version < 3 || df != 0) {
        return Status::Corruption("term statistics: empty term");
      }
      free_.push_back(static_cast<TermId>(i));
      continue;
    }
    const char* prefix = std::find(std::begin(kPrefixes), std::end(kPrefixes),
                                   terms_[i][0]);
    if (prefix == std::end(kPrefixes)) {
      return Status::Corruption("term statistics: unknown term kind");
    }
    auto [id, added] =
        ids_[prefix - kPrefixes].Insert(std::string_view(terms_[i]).substr(1));
    if (!added) return Status::Corruption("term statistics: duplicate term");
    *id = static_cast<TermId>(i);
  }
  return Status::OK();
}

}  // namespace newsloom
