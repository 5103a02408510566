// OnlineClusterer::Encode / Decode: the persisted clustering state.
//
// Layout (all integers varints, see base/coding.h):
//   "NLCS" magic, format version
//   next_event_id, next_story_id, sequence, the stream's clock (from
//             version 8, base/stream_clock.h: count, then times; before:
//             has_now [, now], the newest time, read as a clock of it)
//   TermStats (docs, vocabulary with document frequencies)
//   events: count, then per event: id, story_id, articles, last_seq,
//           first, last (each has + value), first_local, last_local
//           (from version 11; the same), fallback title,
//           profile, members (title, vectors)
//   stories: count, then per story: id, articles, events, last_seq,
//           first, last, first_local, last_local (from version 11), title,
//           lead_articles, profile
//   profile = language count, then per language: code, word and lede
//             centroids; then the name, time-mention, number and (from
//             version 4) concept centroids
//   vectors = language code, words, lede, names, times, numbers, concepts
//             (from version 4) (sorted entries)
//   TermStats: docs, term count, then per term id: the term with its kind
//             prefix ("" for a forgotten id), df, last seen (from version 3)
//   postings (from version 4, after the stories): count of terms with a
//             non-empty list, then per term (ascending): term id, list
//             length, event ids in list order (live events only)
//   held terms the last vocabulary walk kept (from version 6; 0 before),
//             which decides when ForgetTerms() walks again
//   outlet lines (from version 7; none before): count, then per line in
//             key order: OutletLineKey, last article count, has time [,
//             time], the first kOutletLineStories story ids it was seen
//             in (0: none), the articles that carried it, at most
//             kOutletLineArticles (from version 9)
//   second looks waiting (from version 10; none before): count, then per
//             event in due order: the article count it is due at, event
//             id, main date key of its article ("" for none)
// Versions 1 (before numbers: they are empty), 2 (before forgetting
// terms), 3 (before concepts: they are empty) and 4 (before numbers were
// indexed: the same layout, no number postings) are still read; the
// number postings of their active events are rebuilt from the number
// centroids. Version 5 differs from 6 only in lacking the vocabulary
// mark, 6 from 7 in lacking the outlet lines (a restart from a version-6
// state learns them anew), 7 from 8 in saving the newest time instead of
// the clock, 8 from 9 in lacking the outlet lines' article counts (read
// as one per story named), 9 from 10 in lacking the second looks (the
// events made before a restart from a version-9 state get none), 10 from
// 11 in lacking the local spans (read as none, which such a span keeps:
// its days stay the UTC days of its instants).
// Postings are stored from version 4: the live index keeps terms a
// centroid has since pruned, so rebuilding it from the centroids (as
// versions 1-3 are read) gives other candidates, and a restarted stream
// would not cluster as an uninterrupted one does.
#include <algorithm>
#include <cmath>

#include "base/article.h"
#include "base/coding.h"
#include "cluster/clusterer_internal.h"
#include "cluster/online_clusterer.h"

namespace newsloom {
namespace {

constexpr std::string_view kMagic = "NLCS";
constexpr uint64_t kFormatVersion = 11;
// Id counters, the article counter and article counts must lie in
// [0, kMaxSavedCount] (base/coding.h). How far apart live ids are does not
// matter: an IdTable's memory follows its live entries
// (cluster/id_table.h). Until that was so, ids more than 2^26 apart were
// refused, and a state whose counter had been damaged decoded, took one
// more article and then wrote a state it refused to read.
bool CountInRange(int64_t n) { return n >= 0 && n <= kMaxSavedCount; }

void PutTime(Encoder* e, const std::optional<UnixSeconds>& t) {
  e->PutVarint(t.has_value());
  if (t) e->PutSigned(*t);
}

// False for a truncated time and for one beyond kMaxSavedTime either way
// (the callers' errors say "truncated or damaged").
bool GetTime(Decoder* d, std::optional<UnixSeconds>* t) {
  uint64_t has;
  if (!d->GetVarint(&has)) return false;
  if (!has) {
    t->reset();
    return true;
  }
  int64_t v;
  if (!d->GetSigned(&v) || !SavedTimeInRange(v)) return false;
  *t = v;
  return true;
}

// The stream's clock: saved as such from version 8; before, the newest
// time, which becomes a clock of that one time.
bool DecodeClock(Decoder* d, uint64_t version, StreamClock* clock) {
  if (version >= 8) return clock->DecodeFrom(d);
  std::optional<UnixSeconds> newest;
  if (!GetTime(d, &newest)) return false;
  if (newest) clock->See(*newest);
  return true;
}

// A span of instants the clusterer writes: both ends or neither, in order
// (ExtendSpan). A damaged one with one end would start a local span
// (ExtendLocalSpan reads `first`) that the next save cannot keep.
bool IsSpan(const std::optional<UnixSeconds>& first, const std::optional<UnixSeconds>& last) {
  return first.has_value() == last.has_value() && (!first || *first <= *last);
}

// A span's local times (ExtendLocalSpan, base/time.h): first, last.
void PutLocalSpan(Encoder* e, const std::optional<UnixSeconds>& first_local,
                  const std::optional<UnixSeconds>& last_local) {
  PutTime(e, first_local);
  PutTime(e, last_local);
}

// False for truncated local times, and for ones no articles of the span
// [first, last] give: both or neither, only for a dated span, each within
// a day of its end (no zone is beyond a day), in order. Version 10 and
// before kept none.
bool GetLocalSpan(Decoder* d, uint64_t version, const std::optional<UnixSeconds>& first,
                  const std::optional<UnixSeconds>& last,
                  std::optional<UnixSeconds>* first_local,
                  std::optional<UnixSeconds>* last_local) {
  if (version < 11) return true;
  if (!GetTime(d, first_local) || !GetTime(d, last_local)) return false;
  if (!*first_local && !*last_local) return true;
  return *first_local && *last_local && IsLocalSpanOf(first, last, **first_local, **last_local);
}

// Entries are most of a saved state (every centroid, every kept member's
// vectors: tens of MB on a busy stream): encoded into a buffer of their own
// and appended a few KB at a time, at about a quarter of the instructions
// of PutVarint and PutFloat per entry. The bytes are the same.
void PutEntries(Encoder* e, const std::vector<std::pair<TermId, float>>& v) {
  e->PutVarint(v.size());
  constexpr size_t kEntryBytes = kMaxVarintBytes + 4;
  char buf[256 * kEntryBytes];
  char* p = buf;
  TermId prev = 0;
  for (const auto& [t, w] : v) {  // sorted: delta-encode the ids
    if (p > buf + sizeof buf - kEntryBytes) {
      e->PutBytes(buf, static_cast<size_t>(p - buf));
      p = buf;
    }
    p = EncodeVarint(p, t - prev);
    p = EncodeFloat(p, w);
    prev = t;
  }
  e->PutBytes(buf, static_cast<size_t>(p - buf));
}

// Entries with ids strictly increasing and below `limit`, finite weights.
bool GetEntries(Decoder* d, uint64_t limit,
                std::vector<std::pair<TermId, float>>* v) {
  uint64_t n;
  if (!d->GetCount(&n)) return false;
  v->clear();
  v->reserve(n);
  uint64_t id = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t delta;
    float w;
    if (!d->GetVarint(&delta) || !d->GetFloat(&w)) return false;
    if ((i > 0 && delta == 0) || delta >= limit || id + delta >= limit ||
        !std::isfinite(w)) {
      return false;
    }
    id += delta;
    v->emplace_back(static_cast<TermId>(id), w);
  }
  return true;
}

void PutCentroid(Encoder* e, const Centroid& c) { PutEntries(e, c.entries()); }

bool GetCentroid(Decoder* d, uint64_t limit, Centroid* c) {
  std::vector<std::pair<TermId, float>> v;
  if (!GetEntries(d, limit, &v)) return false;
  for (const auto& [t, w] : v) c->Set(t, w);
  return true;
}


}  // namespace

void OnlineClusterer::EncodeProfile(Encoder* e, const Profile& p) {
  e->PutVarint(p.langs.size());
  for (const Profile::Language& l : p.langs) {
    e->PutString(l.lang);
    PutCentroid(e, l.words);
    PutCentroid(e, l.lede);
  }
  PutCentroid(e, p.names);
  PutCentroid(e, p.times);
  PutCentroid(e, p.numbers);
  PutCentroid(e, p.concepts);
}

bool OnlineClusterer::DecodeProfile(Decoder* d, const StateFormat& f,
                                    Profile* p) {
  uint64_t n;
  if (!d->GetCount(&n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    Profile::Language l;
    if (!d->GetString(&l.lang) || !GetCentroid(d, f.term_limit, &l.words) ||
        !GetCentroid(d, f.term_limit, &l.lede)) {
      return false;
    }
    p->langs.push_back(std::move(l));
  }
  return GetCentroid(d, f.term_limit, &p->names) &&
         GetCentroid(d, f.term_limit, &p->times) &&
         (f.version < 2 || GetCentroid(d, f.term_limit, &p->numbers)) &&
         (f.version < 4 || GetCentroid(d, f.term_limit, &p->concepts));
}

void OnlineClusterer::EncodeVectors(Encoder* e, const Vectors& v) {
  e->PutString(v.lang);
  PutEntries(e, v.words.entries);
  PutEntries(e, v.lede.entries);
  PutEntries(e, v.names.entries);
  PutEntries(e, v.times.entries);
  PutEntries(e, v.numbers.entries);
  PutEntries(e, v.concepts.entries);
}

bool OnlineClusterer::DecodeVectors(Decoder* d, const StateFormat& f,
                                    Vectors* v) {
  const uint64_t n = f.term_limit;
  return d->GetString(&v->lang) && GetEntries(d, n, &v->words.entries) &&
         GetEntries(d, n, &v->lede.entries) &&
         GetEntries(d, n, &v->names.entries) &&
         GetEntries(d, n, &v->times.entries) &&
         (f.version < 2 || GetEntries(d, n, &v->numbers.entries)) &&
         (f.version < 4 || GetEntries(d, n, &v->concepts.entries));
}

std::string OnlineClusterer::Encode() const {
  std::string out;
  Encoder e(&out);
  out.append(kMagic);
  e.PutVarint(kFormatVersion);
  e.PutSigned(next_event_id_);
  e.PutSigned(next_story_id_);
  e.PutVarint(sequence_);
  clock_.EncodeTo(&e);
  terms_.EncodeTo(&e);
  e.PutVarint(events_.size());
  events_.ForEach([&](int64_t, const Event& ev) {
    e.PutSigned(ev.id);
    e.PutSigned(ev.story_id);
    e.PutSigned(ev.articles);
    e.PutVarint(ev.last_seq);
    PutTime(&e, ev.first);
    PutTime(&e, ev.last);
    PutLocalSpan(&e, ev.first_local, ev.last_local);
    e.PutString(ev.fallback_title);
    EncodeProfile(&e, ev.profile);
    e.PutVarint(ev.members.size());
    for (const Member& m : ev.members) {
      e.PutString(m.title);
      EncodeVectors(&e, m.vectors);
    }
  });
  e.PutVarint(stories_.size());
  stories_.ForEach([&](int64_t, const Story& s) {
    e.PutSigned(s.id);
    e.PutSigned(s.articles);
    e.PutSigned(s.events);
    e.PutVarint(s.last_seq);
    PutTime(&e, s.first);
    PutTime(&e, s.last);
    PutLocalSpan(&e, s.first_local, s.last_local);
    e.PutString(s.title);
    e.PutSigned(s.lead_articles);
    EncodeProfile(&e, s.profile);
  });
  std::vector<int64_t> live;
  std::vector<std::pair<TermId, std::vector<int64_t>>> lists;
  for (TermId t = 0; t < postings_.size(); ++t) {
    live.clear();
    for (int64_t id : postings_[t]) {
      if (events_.contains(id)) live.push_back(id);
    }
    if (!live.empty()) lists.emplace_back(t, live);
  }
  e.PutVarint(lists.size());
  for (const auto& [t, ids] : lists) {
    e.PutVarint(t);
    e.PutVarint(ids.size());
    for (int64_t id : ids) e.PutSigned(id);
  }
  e.PutVarint(unseen_kept_);
  outlet_lines_.EncodeTo(&e);
  e.PutVarint(young_.size());
  for (const Young& y : young_) {
    e.PutVarint(y.due);
    e.PutSigned(y.event);
    e.PutString(y.main_date);
  }
  return out;
}

Result<std::unique_ptr<OnlineClusterer>> OnlineClusterer::Decode(
    std::string_view blob, const ClusterOptions& options) {
  auto corrupt = [](std::string_view what) {
    return Status::Corruption("clustering state: " + std::string(what));
  };
  if (blob.substr(0, kMagic.size()) != kMagic) return corrupt("bad magic");
  Decoder d(blob.substr(kMagic.size()));
  uint64_t version;
  if (!d.GetVarint(&version)) return corrupt("truncated header");
  if (version > kFormatVersion) {
    return Status::NotSupported(
        "clustering state has format version " + std::to_string(version) +
        "; this newsloom reads up to " + std::to_string(kFormatVersion) +
        " — upgrade newsloom");
  }
  auto c = std::make_unique<OnlineClusterer>(options);
  if (!d.GetSigned(&c->next_event_id_) || !d.GetSigned(&c->next_story_id_) ||
      !d.GetVarint(&c->sequence_) || !DecodeClock(&d, version, &c->clock_)) {
    return corrupt("truncated or damaged header");
  }
  RETURN_IF_ERROR(c->terms_.DecodeFrom(&d, version));
  const StateFormat format{version, c->terms_.id_limit()};
  if (c->next_event_id_ < 1 || c->next_story_id_ < 1 ||
      !CountInRange(c->next_event_id_) || !CountInRange(c->next_story_id_) ||
      c->sequence_ > static_cast<uint64_t>(kMaxSavedCount)) {
    return corrupt("counters out of range");
  }
  uint64_t n;
  if (!d.GetCount(&n)) return corrupt("truncated event table");
  int64_t last_id = 0;
  for (uint64_t i = 0; i < n; ++i) {
    auto ev = std::make_unique<Event>();
    uint64_t members;
    if (!d.GetSigned(&ev->id) || !d.GetSigned(&ev->story_id) ||
        !d.GetSigned(&ev->articles) || !d.GetVarint(&ev->last_seq) ||
        !GetTime(&d, &ev->first) || !GetTime(&d, &ev->last) ||
        !IsSpan(ev->first, ev->last) ||
        !GetLocalSpan(&d, version, ev->first, ev->last, &ev->first_local, &ev->last_local) || !d.GetString(&ev->fallback_title) ||
        !DecodeProfile(&d, format, &ev->profile) || !d.GetCount(&members)) {
      return corrupt("truncated or damaged event");
    }
    if (ev->id <= last_id || ev->id >= c->next_event_id_) {
      return corrupt("event ids out of order");
    }
    // Counts the clusterer increments: bounded as the id counters are.
    if (!CountInRange(ev->articles) || ev->last_seq > c->sequence_) {
      return corrupt("event counts out of range");
    }
    last_id = ev->id;
    for (uint64_t m = 0; m < members; ++m) {
      Member mem;
      if (!d.GetString(&mem.title) || !DecodeVectors(&d, format, &mem.vectors)) {
        return corrupt("truncated event member");
      }
      ev->members.push_back(std::move(mem));
    }
    if (version < 4) {  // no stored postings: rebuilt from the centroids
      for (const Profile::Language& l : ev->profile.langs) {
        for (const auto& [t, w] : l.words.entries()) c->Postings(t).push_back(ev->id);
      }
      for (const auto& [t, w] : ev->profile.names.entries()) {
        c->Postings(t).push_back(ev->id);
      }
    }
    c->events_.emplace(last_id, std::move(ev));
  }
  if (!d.GetCount(&n)) return corrupt("truncated story table");
  last_id = 0;
  for (uint64_t i = 0; i < n; ++i) {
    auto s = std::make_unique<Story>();
    if (!d.GetSigned(&s->id) || !d.GetSigned(&s->articles) ||
        !d.GetSigned(&s->events) || !d.GetVarint(&s->last_seq) ||
        !GetTime(&d, &s->first) || !GetTime(&d, &s->last) ||
        !IsSpan(s->first, s->last) ||
        !GetLocalSpan(&d, version, s->first, s->last, &s->first_local, &s->last_local) || !d.GetString(&s->title) || !d.GetSigned(&s->lead_articles) ||
        !DecodeProfile(&d, format, &s->profile)) {
      return corrupt("truncated or damaged story");
    }
    if (s->id <= last_id || s->id >= c->next_story_id_) {
      return corrupt("story ids out of order");
    }
    if (!CountInRange(s->articles) || !CountInRange(s->events) ||
        !CountInRange(s->lead_articles) || s->last_seq > c->sequence_) {
      return corrupt("story counts out of range");
    }
    last_id = s->id;
    c->stories_.emplace(last_id, std::move(s));
  }
  bool orphan = false;
  c->events_.ForEach([&](int64_t, const Event& ev) {
    if (!c->stories_.contains(ev.story_id)) orphan = true;
  });
  if (orphan) return corrupt("event without story");
  if (version >= 4) {
    if (!d.GetCount(&n)) return corrupt("truncated postings");
    uint64_t last_term = 0;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t t, size;
      if (!d.GetVarint(&t) || !d.GetCount(&size)) return corrupt("truncated postings");
      if (t >= format.term_limit || (i > 0 && t <= last_term)) {
        return corrupt("postings terms out of order");
      }
      last_term = t;
      std::vector<int64_t>& list = c->Postings(static_cast<TermId>(t));
      for (uint64_t k = 0; k < size; ++k) {
        int64_t id;
        if (!d.GetSigned(&id)) return corrupt("truncated postings");
        if (!c->events_.contains(id)) return corrupt("posting of an unknown event");
        list.push_back(id);
      }
    }
  }
  if (version >= 6) {
    uint64_t kept;
    if (!d.GetVarint(&kept)) return corrupt("truncated vocabulary mark");
    // At most the vocabulary the walk left, which only grows until the next.
    if (kept > c->terms_.vocabulary_size()) {
      return corrupt("vocabulary mark out of range");
    }
    c->unseen_kept_ = static_cast<size_t>(kept);
  }
  if (version >= 7) {
    RETURN_IF_ERROR(
        c->outlet_lines_.DecodeFrom(&d, c->sequence_, c->next_story_id_ - 1, version));
  }
  if (version >= 10) {
    uint64_t n;
    if (!d.GetVarint(&n) || n > c->sequence_) return corrupt("bad second-look count");
    for (uint64_t i = 0; i < n; ++i) {
      Young y;
      if (!d.GetVarint(&y.due) || !d.GetSigned(&y.event) || !d.GetString(&y.main_date)) {
        return corrupt("truncated second looks");
      }
      // Made in order, one an article: dues and ids rise, each at most
      // kMaxSecondLookAfter ahead of the article counter (Add keeps it so:
      // a look waiting after one due later is due one article after it).
      if (y.event <= 0 || y.event >= c->next_event_id_) {
        return corrupt("second look of an unknown event");
      }
      if (y.due > c->sequence_ + kMaxSecondLookAfter) {
        return corrupt("second look due too far ahead");
      }
      if (!c->young_.empty() &&
          (y.due <= c->young_.back().due || y.event <= c->young_.back().event)) {
        return corrupt("second looks out of order");
      }
      c->young_.push_back(std::move(y));
    }
  }
  if (!d.done()) return corrupt("trailing bytes");
  if (version < 5) {  // numbers were not indexed: from their centroids
    OnlineClusterer* live = c.get();
    live->events_.ForEach([live](int64_t id, const Event& ev) {
      for (const auto& [t, w] : ev.profile.numbers.entries()) {
        live->Postings(t).push_back(id);
      }
    });
  }
  // Each live event's posted terms, from the postings (in order: the lists
  // are read in term order). An event listed twice under a term (states
  // saved before 3a458e3 posted a term again when it came back to the
  // centroid) is listed once from now on.
  for (TermId t = 0; t < c->postings_.size(); ++t) {
    std::vector<int64_t>& list = c->postings_[t];
    size_t kept = 0;
    for (int64_t id : list) {
      Event* e = c->events_.find(id);
      if (e == nullptr || (!e->posted.empty() && e->posted.back() == t)) continue;
      e->posted.push_back(t);
      list[kept++] = id;
    }
    list.resize(kept);
  }
  c->CountLanguages();
  return c;
}

}  // namespace newsloom
