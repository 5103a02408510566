// DuplicateDetector: finds, for each new article of a stream, the earlier
// article it copies, and keeps the copies of one article in one group.
//
//   DuplicateDetector dedup(options);
//   Signature sig;
//   for (const Article& a : stream) {                   // publication order
//     dedup.Sign(a.title, a.text, SiteOrSourceOf(a), &sig);
//     DuplicateMatch m = dedup.Match(sig);
//     if (m.is_duplicate()) { ... m.canonical, m.kind, m.similarity ... }
//     dedup.Add(sig, key_of(a), m, a.published);
//   }
//
// Kinds, of a new article (the member) against an earlier one:
//   exact      the same words in the same order, headline included, after
//              normalisation (shingles.h: case, Unicode form, punctuation
//              and white space do not count); similarity 1;
//   near       estimated Jaccard similarity of the shingle sets at least
//              near_jaccard - estimate_margin (DedupOptions); similarity is
//              the estimate;
//   contains   the member holds at least `containment` (less the margin) of
//              the earlier article's shingles and is the larger: a copy
//              with additions; similarity is the estimated containment;
//   contained  the earlier article holds the member the same way: an
//              excerpt, a copy with paragraphs removed.
// A near or containment pair whose headlines share less than
// headline_jaccard of their words must also share at least
// min_shared_shingles_new_headline shingles (the headline guard against
// site-template pages, DedupOptions), unless the two articles are of two
// known, different outlets.
//
// Groups: the first article of a group is its canonical (first seen; a
// later, more complete copy is a member of kind `contains`). A new article
// compared with the indexed ones takes the best match (exact before near
// before containment, then the higher similarity, then the older article)
// and joins that article's group; kind and similarity are against the
// canonical when that pair passes too, else against the matched member
// (then `matched` != `canonical`). Groups never merge: an article belongs to
// the group of its first match, for good.
//
// Bad input has a defined result: an article with fewer than min_words
// words (an empty or one-word text) is never a duplicate and is not
// indexed; a huge one is read up to max_words words (10 MB of one repeated
// word: one shingle, about 3 ms).
//
// The detector forgets articles older than window_days before the stream's
// clock (base/stream_clock.h: the 16th newest time seen, so that a few
// articles dated far ahead do not empty the window), or beyond
// max_articles; the state (Encode/Decode) is versioned.
//
// Thread safety: thread-compatible.
#ifndef NEWSLOOM_DEDUP_DETECTOR_H_
#define NEWSLOOM_DEDUP_DETECTOR_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/stream_clock.h"
#include "base/time.h"
#include "dedup/lsh_index.h"
#include "dedup/options.h"
#include "dedup/signature.h"

namespace newsloom {

enum class DuplicateKind { kNone, kExact, kNear, kContains, kContained };

// "none", "exact", "near", "contains", "contained".
std::string_view DuplicateKindName(DuplicateKind kind);
// The kind of a name DuplicateKindName() gives; nullopt for anything else.
std::optional<DuplicateKind> ParseDuplicateKind(std::string_view name);

struct DuplicateMatch {
  DuplicateKind kind = DuplicateKind::kNone;
  uint64_t canonical = 0;  // key of the group's canonical article
  uint64_t matched = 0;    // key of the article kind and similarity refer to
  double similarity = 0;   // 1 (exact), Jaccard (near), containment

  bool is_duplicate() const { return kind != DuplicateKind::kNone; }
};

// The verdict on one pair, without groups: what Match() does per candidate,
// exposed for tests and tools. `a` is the newer article.
DuplicateKind JudgePair(const DedupOptions& options, const Signature& a,
                        const DedupIndex::Doc& b,
                        std::span<const uint8_t> b_sketch, double* similarity);

class DuplicateDetector {
 public:
  explicit DuplicateDetector(const DedupOptions& options = {});

  // The signature of an article (signature.h) of `outlet` (groups.h
  // SiteOrSourceOf; "" when none is known); reuses `*sig`'s buffers.
  void Sign(std::string_view title, std::string_view text, std::string_view outlet,
            Signature* sig);
  // The same for an article whose outlet is not known.
  void Sign(std::string_view title, std::string_view text, Signature* sig) {
    Sign(title, text, {}, sig);
  }

  // What the article with signature `sig` duplicates among the indexed
  // articles (see the file comment); kind kNone when nothing, or when it
  // is too short to judge.
  DuplicateMatch Match(const Signature& sig);

  // Indexes the article under the caller's `key` in the group `match` names
  // (a new group when match is kNone), unless it is too short, then drops
  // articles that have left the window. `published` ages it; an undated
  // article ages from the stream's clock when it came (with no dated
  // article before it, from the first dated one after it).
  void Add(const Signature& sig, uint64_t key, const DuplicateMatch& match,
           std::optional<UnixSeconds> published);

  const DedupIndex& index() const { return index_; }
  const DedupOptions& options() const { return options_; }

  // Versioned state. Decode refuses a newer version (NotSupported) and a
  // corrupt blob (Corruption); a state made with other signature options
  // cannot be compared with new signatures, so it gives an empty detector.
  std::string Encode() const;
  static Result<std::unique_ptr<DuplicateDetector>> Decode(
      std::string_view blob, const DedupOptions& options = {});

 private:
  bool Judgeable(const Signature& sig) const;
  void Evict();

  DedupOptions options_;
  SignatureMaker maker_;
  DedupIndex index_;
  StreamClock clock_;  // the stream's time, for the window
  std::vector<DedupIndex::DocId> candidates_;  // reused by Match()
};

// A DuplicateDetector for a stream without a store, whose articles are
// keyed by their position (0, 1, 2, ... in the order given): `newsloom
// dups` (groups.h) and the trainer's replay, which must see the stream the
// Engine's clusterer sees (copies are one voice).
class StreamDuplicates {
 public:
  explicit StreamDuplicates(const DedupOptions& options = {})
      : detector_(options) {}

  // Judges the next article against those before it, then indexes it.
  // The match's keys are positions.
  DuplicateMatch Next(std::string_view title, std::string_view text, std::string_view outlet,
                      std::optional<UnixSeconds> published) {
    detector_.Sign(title, text, outlet, &sig_);
    const DuplicateMatch m = detector_.Match(sig_);
    detector_.Add(sig_, next_++, m, published);
    return m;
  }

 private:
  DuplicateDetector detector_;
  Signature sig_;
  uint64_t next_ = 0;
};

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_DETECTOR_H_
