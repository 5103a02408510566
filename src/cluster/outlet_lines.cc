#include "cluster/outlet_lines.h"

#include <algorithm>
#include <utility>
#include <string>

#include <xxhash.h>

namespace newsloom {

uint64_t OutletLineKey(std::string_view outlet, std::string_view line) {
  // The line's hash seeded with the outlet's.
  const uint64_t h = XXH3_64bits_withSeed(line.data(), line.size(),
                                          XXH3_64bits(outlet.data(), outlet.size()));
  return h == 0 ? 1 : h;
}

static_assert(kOutletLineStories == 2, "the state's layout and checks assume two");

OutletLines::OutletLines(double window_days)
    : window_seconds_(static_cast<int64_t>(window_days * kSecondsPerDay)) {}

bool OutletLines::Live(const Line& line, const Clock& clock) const {
  if (line.last_time != kUndated && clock.now) {
    // In 128 bits: a decoded state may hold any time.
    return static_cast<__int128>(*clock.now) - line.last_time <= window_seconds_;
  }
  return clock.seq - line.last_seq <= kUndatedOutletLineArticles;
}

bool OutletLines::IsOutletLine(uint64_t key, const Clock& clock) const {
  if (!outlet_.Contains(key)) return false;
  const Line* line = lines_.Find(key);
  if (line == nullptr || !Live(*line, clock)) return false;
  if (moved_.empty() || line->articles >= kOutletLineArticles) return true;
  return Resolve(line->stories[0]) != Resolve(line->stories[1]);
}

int64_t OutletLines::Resolve(int64_t story) const {
  // Moves form chains, never loops (a story moves into a live one, and a
  // story that went never comes back: ids only grow); the bound keeps a
  // wrong caller from looping for ever.
  for (size_t hops = 0; story != 0 && hops <= moved_.size(); ++hops) {
    const int64_t* into = moved_.Find(static_cast<uint64_t>(story));
    if (into == nullptr) break;
    story = *into;
  }
  return story;
}

bool OutletLines::Normalise(Line* line) const {
  if (moved_.empty()) return false;  // (a line never names one story twice)
  bool changed = false;
  for (int64_t& s : line->stories) {
    const int64_t now = Resolve(s);
    changed |= now != s;
    s = now;
  }
  if (line->stories[1] == line->stories[0]) line->stories[1] = 0;
  return changed;
}

void OutletLines::MoveStory(int64_t from, int64_t into) {
  if (from <= 0 || into <= 0 || from == into) return;
  *moved_.Insert(static_cast<uint64_t>(from)).first = into;
}

void OutletLines::ApplyMoves() {
  if (moved_.empty()) return;
  lines_.ForEach([&](uint64_t key, Line& line) {
    if (Normalise(&line) && line.stories[1] == 0 && line.articles < kOutletLineArticles) {
      outlet_.Erase(key);
    }
  });
  moved_.clear();
}

void OutletLines::Record(const std::vector<uint64_t>& keys, int64_t story,
                         std::optional<UnixSeconds> time, const Clock& clock) {
  for (uint64_t key : keys) {
    auto [line, added] = lines_.Insert(key);
    Line& l = *line;
    if (!added && !Live(l, clock)) {  // out of the window: seen anew
      outlet_.Erase(key);
      l = Line{};
    } else if (!added && Normalise(&l)) {
      outlet_.Erase(key);  // put back below if it still is the outlet's
    }
    l.last_seq = clock.seq;
    l.last_time = time.value_or(kUndated);  // (no article is dated INT64_MIN)
    if (l.articles < kOutletLineArticles) ++l.articles;
    if (l.stories[0] == 0) {
      l.stories[0] = story;
    } else if (l.stories[0] != story && l.stories[1] == 0) {
      l.stories[1] = story;
    } else if (l.stories[0] != story && l.stories[1] != story) {
      // A third story, which the two slots cannot name: the outlet's for
      // good (a move that joins two of the three leaves two).
      l.articles = kOutletLineArticles;
    }
    if (l.stories[1] != 0 || l.articles >= kOutletLineArticles) outlet_.Insert(key);
  }
}

void OutletLines::Sweep(const Clock& clock) {
  // The moves are written into the lines at a sweep, or when they are a
  // few dozen (a pass over the lines: a few ms for a million).
  constexpr size_t kMaxMoves = 64;
  if (lines_.size() >= 2 * swept_size_ + 1024) {
    lines_.EraseIf([&](uint64_t key, const Line& line) {
      if (Live(line, clock)) return false;
      outlet_.Erase(key);
      return true;
    });
    swept_size_ = lines_.size();
  } else if (moved_.size() < kMaxMoves) {
    return;
  }
  ApplyMoves();
}

void OutletLines::EncodeTo(Encoder* e) const {
  // In key order: the same state gives the same bytes. A busy stream keeps
  // about a million lines, saved every few thousand articles, and one sort
  // of them all was most of a save's time. The keys are hashes, even in
  // their top bits: the lines go into n/8 to n/4 buckets by those bits (a
  // pass over the table to count, one to place), and each bucket is sorted
  // alone. Keys that did not spread would only make the buckets larger.
  const size_t n = lines_.size();
  int bits = 0;
  while (bits < 40 && (size_t{8} << bits) <= n) ++bits;
  auto bucket = [bits](uint64_t key) -> size_t {
    return bits == 0 ? 0 : static_cast<size_t>(key >> (64 - bits));
  };
  std::vector<size_t> end(size_t{1} << bits, 0);
  lines_.ForEach([&](uint64_t key, const Line&) { ++end[bucket(key)]; });
  size_t at = 0;
  for (size_t& count : end) {  // each bucket's first place, for now
    const size_t first = at;
    at += count;
    count = first;
  }
  std::vector<std::pair<uint64_t, const Line*>> sorted(n);
  lines_.ForEach([&](uint64_t key, const Line& line) {
    sorted[end[bucket(key)]++] = {key, &line};  // then each bucket's end
  });
  for (size_t b = 0, first = 0; b < end.size(); first = end[b++]) {
    std::sort(sorted.begin() + first, sorted.begin() + end[b]);
  }
  e->PutVarint(sorted.size());
  for (size_t i = 0; i < n; ++i) {
    // The lines are read in key order, all over the table: ask for them
    // a few ahead.
    constexpr size_t kAhead = 8;
    if (i + kAhead < n) {
      const char* ahead = reinterpret_cast<const char*>(sorted[i + kAhead].second);
      __builtin_prefetch(ahead);
      __builtin_prefetch(ahead + sizeof(Line) - 1);
    }
    const uint64_t key = sorted[i].first;
    // The moves are written into the lines: a state saved before a sweep
    // is the state after one.
    Line normalised = *sorted[i].second;
    Normalise(&normalised);
    const Line* line = &normalised;
    e->PutVarint(key);
    e->PutVarint(line->last_seq);
    e->PutVarint(line->last_time != kUndated);
    if (line->last_time != kUndated) e->PutSigned(line->last_time);
    for (int64_t s : line->stories) e->PutSigned(s);
    e->PutVarint(line->articles);
  }
}

Status OutletLines::DecodeFrom(Decoder* d, uint64_t max_seq, int64_t max_story,
                               uint64_t version) {
  auto corrupt = [](std::string_view what) {
    return Status::Corruption("clustering state: outlet lines: " + std::string(what));
  };
  lines_.clear();
  outlet_.clear();
  moved_.clear();
  uint64_t n;
  if (!d->GetCount(&n)) return corrupt("truncated");
  uint64_t last_key = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key, seq, dated;
    Line line;
    if (!d->GetVarint(&key) || !d->GetVarint(&seq) || !d->GetVarint(&dated)) {
      return corrupt("truncated");
    }
    if (key == 0 || (i > 0 && key <= last_key)) return corrupt("keys out of order");
    if (seq > max_seq || seq >> kSeqBits != 0) return corrupt("article count out of range");
    line.last_seq = seq;
    if (dated > 1) return corrupt("bad time flag");
    if (dated) {
      int64_t t;
      if (!d->GetSigned(&t)) return corrupt("truncated");
      if (!SavedTimeInRange(t)) return corrupt("time out of range");
      line.last_time = t;
    }
    for (int64_t& s : line.stories) {
      if (!d->GetSigned(&s)) return corrupt("truncated");
      if (s < 0 || s > max_story) return corrupt("story id out of range");
    }
    if (line.stories[0] == 0) return corrupt("a line without a story");
    if (line.stories[1] == line.stories[0]) return corrupt("a story twice");
    const uint32_t named = line.stories[1] != 0 ? 2 : 1;
    if (version >= 9) {
      uint64_t articles;
      if (!d->GetVarint(&articles)) return corrupt("truncated");
      if (articles < named || articles > kOutletLineArticles) {
        return corrupt("article count out of range");
      }
      line.articles = articles;
    } else {
      line.articles = named;
    }
    last_key = key;
    *lines_.Insert(key).first = line;
    if (line.stories[1] != 0 || line.articles >= kOutletLineArticles) outlet_.Insert(key);
  }
  swept_size_ = lines_.size();
  return Status::OK();
}

}  // namespace newsloom
