#include "dedup/detector.h"

#include <algorithm>
#include <array>

#include "base/coding.h"

namespace newsloom {
namespace {

// Version of the encoded detector state; Decode refuses newer ones.
// Version 1 saved the newest article's minute where version 2 saves the
// stream's clock (base/stream_clock.h); it is read as a clock of that time.
// 3: each document's outlet (the headline guard's exception), hashed from
// OutletOf; 4: from SiteOrSourceOf, so version 3's are read as unknown.
constexpr uint64_t kStateVersion = 4;

constexpr int32_t kNoMinute = std::numeric_limits<int32_t>::min();
constexpr double kMinutesPerDay = 24 * 60;

constexpr std::array<std::string_view, 5> kKindNames = {
    "none", "exact", "near", "contains", "contained"};

int32_t ToMinute(UnixSeconds t) {
  const int64_t m = t / 60;
  return static_cast<int32_t>(std::clamp<int64_t>(
      m, kNoMinute + 1, std::numeric_limits<int32_t>::max()));
}

// Orders verdicts: exact, then near, then containment.
int Rank(DuplicateKind kind) {
  switch (kind) {
    case DuplicateKind::kExact:
      return 3;
    case DuplicateKind::kNear:
      return 2;
    case DuplicateKind::kContains:
    case DuplicateKind::kContained:
      return 1;
    case DuplicateKind::kNone:
      break;
  }
  return 0;
}

struct Verdict {
  DuplicateKind kind = DuplicateKind::kNone;
  double similarity = 0;
  DedupIndex::DocId doc = 0;

  // Better: higher rank, then higher similarity, then the older article.
  bool BetterThan(const Verdict& o) const {
    if (Rank(kind) != Rank(o.kind)) return Rank(kind) > Rank(o.kind);
    if (similarity != o.similarity) return similarity > o.similarity;
    return doc < o.doc;
  }
};

}  // namespace

std::string_view DuplicateKindName(DuplicateKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

std::optional<DuplicateKind> ParseDuplicateKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<DuplicateKind>(i);
  }
  return std::nullopt;
}

DuplicateKind JudgePair(const DedupOptions& options, const Signature& a,
                        const DedupIndex::Doc& b,
                        std::span<const uint8_t> b_sketch, double* similarity) {
  *similarity = 0;
  if (a.content_hash == b.content_hash && a.shingles == b.shingles) {
    *similarity = 1;
    return DuplicateKind::kExact;
  }
  const double j = EstimateJaccard(a.sketch, b_sketch);
  DuplicateKind kind = DuplicateKind::kNone;
  if (j >= options.near_jaccard - options.estimate_margin) {
    kind = DuplicateKind::kNear;
    *similarity = j;
  } else if (std::min(a.shingles, b.shingles) >=
             options.min_containment_shingles) {
    const double c = ContainmentFromJaccard(j, a.shingles, b.shingles);
    if (c >= options.containment - options.estimate_margin) {
      kind = a.shingles > b.shingles ? DuplicateKind::kContains
                                     : DuplicateKind::kContained;
      *similarity = c;
    }
  }
  if (kind == DuplicateKind::kNone) return kind;
  if (a.headline_bits != 0 && b.headline_bits != 0 &&
      HeadlineSimilarity(a.headline_bits, b.headline_bits) <
          options.headline_jaccard) {
    // Between two known, different outlets less shared text makes a copy
    // (DedupOptions).
    const bool other_outlets = a.outlet != 0 && b.outlet != 0 && a.outlet != b.outlet;
    const double shared = IntersectionFromJaccard(j, a.shingles, b.shingles);
    if (shared < static_cast<double>(other_outlets
                                         ? options.min_shared_shingles_other_outlets
                                         : options.min_shared_shingles_new_headline)) {
      *similarity = 0;
      return DuplicateKind::kNone;
    }
  }
  return kind;
}

DuplicateDetector::DuplicateDetector(const DedupOptions& options)
    : options_(options), maker_(options), index_(options) {}

void DuplicateDetector::Sign(std::string_view title, std::string_view text,
                             std::string_view outlet, Signature* sig) {
  maker_.Make(title, text, sig);
  sig->outlet = OutletHash(outlet);
}

bool DuplicateDetector::Judgeable(const Signature& sig) const {
  return !sig.empty() && sig.words >= options_.min_words;
}

DuplicateMatch DuplicateDetector::Match(const Signature& sig) {
  DuplicateMatch match;
  if (!Judgeable(sig)) return match;
  index_.Candidates(sig, &candidates_);
  Verdict best;
  std::vector<Verdict> passed;
  for (DedupIndex::DocId id : candidates_) {
    Verdict v;
    v.doc = id;
    v.kind = JudgePair(options_, sig, index_.doc(id), index_.sketch(id),
                       &v.similarity);
    if (v.kind == DuplicateKind::kNone) continue;
    passed.push_back(v);
    if (best.kind == DuplicateKind::kNone || v.BetterThan(best)) best = v;
  }
  if (best.kind == DuplicateKind::kNone) return match;
  const DedupIndex::Doc& matched = index_.doc(best.doc);
  // Against the canonical itself when that pair passed too.
  for (const Verdict& v : passed) {
    if (index_.doc(v.doc).key == matched.canonical) {
      best = v;
      break;
    }
  }
  match.kind = best.kind;
  match.similarity = best.similarity;
  match.canonical = matched.canonical;
  match.matched = index_.doc(best.doc).key;
  return match;
}

void DuplicateDetector::Add(const Signature& sig, uint64_t key,
                            const DuplicateMatch& match,
                            std::optional<UnixSeconds> published) {
  if (!Judgeable(sig)) return;
  DedupIndex::Doc doc;
  doc.key = key;
  doc.canonical = match.is_duplicate() ? match.canonical : key;
  doc.headline_bits = sig.headline_bits;
  doc.outlet = sig.outlet;
  if (published) {
    doc.minute = ToMinute(*published);
    if (!clock_.Now()) {
      // The articles before it were undated: they age from this one's
      // date (with none, the window would drop them at once).
      for (DedupIndex::DocId id = index_.first(); id < index_.end(); ++id) {
        if (index_.doc(id).minute == kNoMinute) index_.set_minute(id, doc.minute);
      }
    }
    clock_.See(*published);
  } else {
    doc.minute = clock_.Now() ? ToMinute(*clock_.Now()) : kNoMinute;
  }
  index_.Add(sig, doc);
  Evict();
}

void DuplicateDetector::Evict() {
  DedupIndex::DocId first = index_.first();
  const DedupIndex::DocId end = index_.end();
  if (end - first > options_.max_articles) {
    first = end - static_cast<DedupIndex::DocId>(options_.max_articles);
  }
  if (const std::optional<UnixSeconds> now = clock_.Now()) {
    // Articles leave in the order they came, while the first is older than
    // the window; one dated more than a year ahead of the clock (a typo's
    // 2099) leaves once it is first, or it would keep every article behind
    // it until max_articles. (A window ahead was too near: older articles
    // added after a newer one put the clock back, and it left.)
    const double window = options_.window_days * kMinutesPerDay;
    const double oldest = ToMinute(*now) - window;
    const double ahead =
        ToMinute(*now) + static_cast<double>(StreamClock::kFarAheadDays) * kMinutesPerDay;
    while (first < end && (index_.doc(first).minute < oldest ||
                           index_.doc(first).minute > ahead)) {
      ++first;
    }
  }
  index_.EvictBefore(first);
}

std::string DuplicateDetector::Encode() const {
  std::string blob;
  Encoder e(&blob);
  e.PutVarint(kStateVersion);
  clock_.EncodeTo(&e);
  index_.Encode(&e);
  return blob;
}

Result<std::unique_ptr<DuplicateDetector>> DuplicateDetector::Decode(
    std::string_view blob, const DedupOptions& options) {
  auto detector = std::make_unique<DuplicateDetector>(options);
  Decoder d(blob);
  uint64_t version;
  if (!d.GetVarint(&version)) {
    return Status::Corruption("duplicate detector state: truncated");
  }
  if (version > kStateVersion) {
    return Status::NotSupported(
        "duplicate detector state has version " + std::to_string(version) +
        "; this newsloom reads up to " + std::to_string(kStateVersion) +
        " — upgrade newsloom");
  }
  if (version >= 2) {
    if (!detector->clock_.DecodeFrom(&d)) {
      return Status::Corruption("duplicate detector state: bad header");
    }
  } else {
    int64_t newest;  // the newest article's minute, kNoMinute for none
    if (!d.GetSigned(&newest) || newest < kNoMinute ||
        newest > std::numeric_limits<int32_t>::max()) {
      return Status::Corruption("duplicate detector state: bad header");
    }
    if (newest != kNoMinute) detector->clock_.See(newest * 60);
  }
  switch (detector->index_.Decode(&d, version, /*outlets_known=*/version >= 4)) {
    case DedupIndex::DecodeResult::kOk:
      break;
    case DedupIndex::DecodeResult::kOtherOptions:
      return std::make_unique<DuplicateDetector>(options);
    case DedupIndex::DecodeResult::kCorrupt:
      return Status::Corruption("duplicate detector state: corrupt index");
  }
  if (!d.done()) {
    return Status::Corruption("duplicate detector state: trailing bytes");
  }
  return detector;
}

}  // namespace newsloom
