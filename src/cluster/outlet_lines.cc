#include "cluster/outlet_lines.h"

#include <algorithm>
#include <map>
#include <string>

#include <xxhash.h>

namespace newsloom {

uint64_t OutletLineKey(std::string_view outlet, std::string_view line) {
  // The line's hash seeded with the outlet's.
  const uint64_t h = XXH3_64bits_withSeed(line.data(), line.size(),
                                          XXH3_64bits(outlet.data(), outlet.size()));
  return h == 0 ? 1 : h;
}

bool OutletLines::IsOutletLine(uint64_t key) const {
  return outlet_.count(key) != 0;
}

void OutletLines::Record(const std::vector<uint64_t>& keys, int64_t story,
                         uint64_t seq) {
  for (uint64_t key : keys) {
    Line& l = lines_[key];
    l.last_seq = seq;
    for (int64_t& s : l.stories) {
      if (s == story) break;
      if (s == 0) {
        s = story;
        if (&s == &l.stories[kOutletLineStories - 1]) outlet_.insert(key);
        break;
      }
    }
  }
}

void OutletLines::ForgetBefore(uint64_t seq) {
  std::erase_if(lines_, [&](const auto& kv) {
    if (kv.second.last_seq >= seq) return false;
    outlet_.erase(kv.first);
    return true;
  });
}

void OutletLines::EncodeTo(Encoder* e) const {
  // In key order: the same state gives the same bytes.
  std::map<uint64_t, const Line*> sorted;
  for (const auto& [key, line] : lines_) sorted.emplace(key, &line);
  e->PutVarint(sorted.size());
  for (const auto& [key, line] : sorted) {
    e->PutVarint(key);
    e->PutVarint(line->last_seq);
    for (int64_t s : line->stories) e->PutSigned(s);
  }
}

Status OutletLines::DecodeFrom(Decoder* d, uint64_t max_seq) {
  auto corrupt = [](std::string_view what) {
    return Status::Corruption("clustering state: outlet lines: " + std::string(what));
  };
  lines_.clear();
  outlet_.clear();
  uint64_t n;
  if (!d->GetCount(&n)) return corrupt("truncated");
  uint64_t last_key = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key;
    Line line;
    if (!d->GetVarint(&key) || !d->GetVarint(&line.last_seq)) return corrupt("truncated");
    if (key == 0 || (i > 0 && key <= last_key)) return corrupt("keys out of order");
    if (line.last_seq > max_seq) return corrupt("article count out of range");
    for (int64_t& s : line.stories) {
      if (!d->GetSigned(&s)) return corrupt("truncated");
      if (s < 0) return corrupt("negative story id");
    }
    if (line.stories[0] == 0) return corrupt("a line without a story");
    if (line.stories[1] == line.stories[0]) return corrupt("a story twice");
    last_key = key;
    lines_.emplace(key, line);
    if (line.stories[kOutletLineStories - 1] != 0) outlet_.insert(key);
  }
  return Status::OK();
}

}  // namespace newsloom
