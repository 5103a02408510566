// Streaming term statistics: the vocabulary (term string -> TermId) and
// document frequencies, updated as articles arrive, and the TF-IDF weighting
// that reads them.
//
// Weight of term t in an article: (1 + ln tf) * idf(t), with the smoothed
// idf(t) = ln((N + 1) / (df(t) + 1)) + 1, where N counts the articles seen so
// far including the current one. Content words, names, time mentions and
// numbers live in separate namespaces of one vocabulary (a name key never
// equals a word, nor the number "26" the day in a time mention).
//
// Thread safety: none; owned by one OnlineClusterer.
#ifndef NEWSLOOM_CLUSTER_TERM_STATS_H_
#define NEWSLOOM_CLUSTER_TERM_STATS_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/coding.h"
#include "base/flat_string_map.h"
#include "base/status.h"
#include "cluster/sparse.h"

namespace newsloom {

enum class TermKind { kWord, kName, kTime, kNumber };

class TermStats {
 public:
  // Counts one article: each distinct term of `terms` (all kinds together)
  // gets df + 1, N + 1. Returns the interned ids with their counts in
  // `counts` (sorted by id).
  struct Occurrences {
    std::vector<std::string_view> words;
    std::vector<std::string_view> names;
    std::vector<std::string_view> times;
    std::vector<std::string_view> numbers;
    // English concepts of a non-English article's words (text/concepts.h):
    // words too, counted apart so the article keeps its own-language vector.
    std::vector<std::string_view> concepts;
  };
  struct Counts {
    std::vector<std::pair<TermId, float>> words, names, times, numbers,
        concepts;
  };
  void AddDocument(const Occurrences& occ, Counts* counts);

  // Counts word occurrences of terms without changing document frequencies
  // (for a part of an article already added). Unknown terms are skipped.
  void CountKnown(const std::vector<std::string_view>& words,
                  std::vector<std::pair<TermId, float>>* counts);

  // TF-IDF weights for counts from AddDocument, L2-normalised.
  TermVector Weigh(const std::vector<std::pair<TermId, float>>& counts) const;

  // Forgets every term that `referenced` (indexed by TermId; shorter means
  // false) does not mark and that no article since the `seen_before`-th
  // (counting from 1, as docs() does) contained: its string, id and
  // document frequency go, and its id is given to a later new term. Returns
  // the ids forgotten, for the caller to drop what it keeps per term. The
  // clusterer calls this every few retirements as events leave the window, so
  // the vocabulary follows the window rather than the history; a forgotten term that
  // turns up again starts from df 0, as a new one would.
  std::vector<TermId> Forget(const std::vector<bool>& referenced,
                             uint64_t seen_before);

  // How many terms of the vocabulary no article since the
  // `seen_before`-th contained: those Forget may drop (unless referenced).
  size_t CountUnseenSince(uint64_t seen_before) const;

  // Whether `term` of `kind` is in the vocabulary now (some article in the
  // window had it).
  bool Knows(TermKind kind, std::string_view term) const {
    return Find(kind, term).has_value();
  }
  // The id of `term` of `kind`, or nullopt when it is not in the vocabulary.
  std::optional<TermId> Find(TermKind kind, std::string_view term) const {
    const TermId* id = ids_[static_cast<size_t>(kind)].Find(term);
    return id ? std::optional<TermId>(*id) : std::nullopt;
  }

  double Idf(TermId t) const;
  uint64_t docs() const { return docs_; }
  // Terms known now (forgotten ones not counted).
  size_t vocabulary_size() const { return df_.size() - free_.size(); }
  // One past the largest TermId in use: the size of a table by TermId.
  size_t id_limit() const { return df_.size(); }
  // The term string of `t` (with its kind prefix stripped), for debugging.
  std::string_view Term(TermId t) const;

  // The term table; `version` is the clusterer state's format version
  // (before 3 there were no last-seen numbers and no forgotten slots).
  void EncodeTo(Encoder* e) const;
  Status DecodeFrom(Decoder* d, uint64_t version);

 private:
  // `hash` is IdMap::HashOf(term).
  TermId Intern(TermKind kind, std::string_view term, uint64_t hash);
  void Count(TermKind kind, const std::vector<std::string_view>& terms,
             std::vector<std::pair<TermId, float>>* counts);

  // One map per kind, looked up by string_view without building a key.
  using IdMap = FlatStringMap<TermId>;
  static constexpr size_t kKinds = 4;
  IdMap ids_[kKinds];
  std::vector<std::string> terms_;  // by id, with the kind prefix; "" = free
  std::vector<uint32_t> df_;        // by id
  std::vector<uint64_t> last_seen_;  // by id: docs_ when last counted
  std::vector<TermId> free_;         // forgotten ids, reused first
  // A live term no article since the `seen_before`-th contained.
  bool UnseenSince(TermId t, uint64_t seen_before) const {
    return !terms_[t].empty() && last_seen_[t] < seen_before;
  }
  // Scratch for Count/CountKnown (Tally): by id, the call that last saw it
  // and its position in that call's counts.
  void Tally(TermId id, std::vector<std::pair<TermId, float>>* counts);
  std::vector<uint64_t> hashes_;  // Count's: the terms' IdMap hashes
  std::vector<uint64_t> stamp_of_;
  std::vector<uint32_t> slot_of_;
  uint64_t stamp_ = 0;
  uint64_t docs_ = 0;
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_TERM_STATS_H_
