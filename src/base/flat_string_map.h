// FlatStringMap<V>: a hash map from strings to V for the per-token lookups
// of the text pipeline (the stem cache, the term dictionary), where
// std::unordered_map spent most of its time chasing pointers: bucket, then
// node, then the string. Here a lookup hashes the key once (XXH3), probes a
// flat array of (hash, index) slots linearly and compares the string only
// when the full 64-bit hashes are equal, so a hit usually costs two cache
// misses and a miss one.
//
// Entries live in a deque: references to values stay valid until clear(),
// whatever is inserted. There is no erase. Keys are any bytes.
//
// The oracle in flat_string_map_test.cc is std::unordered_map.
#ifndef NEWSLOOM_BASE_FLAT_STRING_MAP_H_
#define NEWSLOOM_BASE_FLAT_STRING_MAP_H_

#include <xxhash.h>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsloom {

template <typename V>
class FlatStringMap {
 public:
  FlatStringMap() { slots_.resize(kInitialSlots); }

  // The value of `key`, or nullptr.
  V* Find(std::string_view key) {
    const uint64_t h = Hash(key);
    for (size_t i = h & mask(); slots_[i].index != 0; i = (i + 1) & mask()) {
      const Slot& s = slots_[i];
      if (s.hash == h && entries_[s.index - 1].first == key) {
        return &entries_[s.index - 1].second;
      }
    }
    return nullptr;
  }
  const V* Find(std::string_view key) const {
    return const_cast<FlatStringMap*>(this)->Find(key);
  }

  // The value of `key`, inserted value-initialised when absent; `.second`
  // tells whether it was inserted.
  std::pair<V*, bool> Insert(std::string_view key) {
    const uint64_t h = Hash(key);
    size_t i = h & mask();
    for (; slots_[i].index != 0; i = (i + 1) & mask()) {
      const Slot& s = slots_[i];
      if (s.hash == h && entries_[s.index - 1].first == key) {
        return {&entries_[s.index - 1].second, false};
      }
    }
    entries_.emplace_back(std::string(key), V{});
    slots_[i] = {h, static_cast<uint32_t>(entries_.size())};
    // Keep the load at most 1/2: probes stay short.
    if (entries_.size() * 2 > slots_.size()) Grow();
    return {&entries_.back().second, true};
  }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  void clear() {
    entries_.clear();
    slots_.assign(kInitialSlots, Slot{});
  }

  // Entries in insertion order.
  const std::deque<std::pair<std::string, V>>& entries() const {
    return entries_;
  }

 private:
  static constexpr size_t kInitialSlots = 64;  // a power of two
  struct Slot {
    uint64_t hash = 0;
    uint32_t index = 0;  // 1 + position in entries_; 0: empty
  };

  static uint64_t Hash(std::string_view key) {
    return XXH3_64bits(key.data(), key.size());
  }
  size_t mask() const { return slots_.size() - 1; }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.index == 0) continue;
      size_t i = s.hash & mask();
      while (slots_[i].index != 0) i = (i + 1) & mask();
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::deque<std::pair<std::string, V>> entries_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_FLAT_STRING_MAP_H_
