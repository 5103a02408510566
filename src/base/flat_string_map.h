// FlatStringMap<V>: a hash map from strings to V for the per-token lookups
// of the text pipeline (the stem cache, the term dictionary), where
// std::unordered_map spent most of its time chasing pointers: bucket, then
// node, then the string. Here a lookup hashes the key once (XXH3), probes a
// flat array of (hash, index) slots linearly and compares the string only
// when the full 64-bit hashes are equal, so a hit usually costs two cache
// misses and a miss one.
//
// Entries live in chunks of 64 that never move: references to values stay
// valid until their key is erased or clear() is called, whatever is
// inserted. (A std::deque did the same, but finding its element divided
// by a block size that is not a power of two on every probe.) Erase leaves a
// tombstone in the slot array (swept when they make up an eighth of it) and
// recycles the entry for a later insert, so a map whose keys come and go
// stays as large as its live keys. Keys are any bytes.
//
// The oracle in flat_string_map_test.cc is std::unordered_map.
#ifndef NEWSLOOM_BASE_FLAT_STRING_MAP_H_
#define NEWSLOOM_BASE_FLAT_STRING_MAP_H_

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
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
    const size_t i = FindSlot(key, HashOf(key));
    return i == kNone ? nullptr : &Entry(slots_[i].index).second;
  }
  const V* Find(std::string_view key) const {
    return const_cast<FlatStringMap*>(this)->Find(key);
  }

  // The value of `key`, inserted value-initialised when absent; `.second`
  // tells whether it was inserted.
  std::pair<V*, bool> Insert(std::string_view key) {
    return Insert(key, HashOf(key));
  }

  // ---- Batches of lookups ----
  // A lookup in a large map waits for two cache misses: the key's slot, then
  // the entry it names. A caller with many keys at hand hides them behind
  // each other: it hashes the keys first, then looks them up in order
  // through ForEachPrefetched, which asks for the slot of key i + 8 and the
  // entry of key i + 4 before it calls f(i):
  //
  //   for (i...) h[i] = FlatStringMap<V>::HashOf(keys[i]);
  //   map.ForEachPrefetched(h, [&](size_t i) { map.Insert(keys[i], h[i]); });
  //
  // The hints change no result, whatever the map did in between (an
  // insert that rehashed only makes a hint useless).
  static uint64_t HashOf(std::string_view key) {
    return XXH3_64bits(key.data(), key.size());
  }
  void PrefetchSlot(uint64_t h) const {
    __builtin_prefetch(&slots_[h & mask()]);
  }
  // Reads the key's first slot (PrefetchSlot it first) and, when that slot
  // holds the hash, asks for its entry.
  void PrefetchEntry(uint64_t h) const {
    const Slot& s = slots_[h & mask()];
    if (s.index != 0 && s.index != kTombstone && s.hash == h) {
      __builtin_prefetch(&Entry(s.index));
    }
  }
  // Calls f(i) for every i in [0, hashes.size()), in order, with the
  // cache lines of the lookups a few keys ahead asked for.
  template <typename F>
  void ForEachPrefetched(std::span<const uint64_t> hashes, F&& f) const {
    constexpr size_t kAhead = 4;
    const size_t n = hashes.size();
    for (size_t i = 0; i < std::min(n, 2 * kAhead); ++i) PrefetchSlot(hashes[i]);
    for (size_t i = 0; i < n; ++i) {
      if (i + 2 * kAhead < n) PrefetchSlot(hashes[i + 2 * kAhead]);
      if (i + kAhead < n) PrefetchEntry(hashes[i + kAhead]);
      f(i);
    }
  }
  // Find(key) with the key's HashOf() already computed.
  V* Find(std::string_view key, uint64_t h) {
    const size_t i = FindSlot(key, h);
    return i == kNone ? nullptr : &Entry(slots_[i].index).second;
  }
  // Insert(key) with the key's HashOf() already computed.
  std::pair<V*, bool> Insert(std::string_view key, uint64_t h) {
    if (const size_t found = FindSlot(key, h); found != kNone) {
      return {&Entry(slots_[found].index).second, false};
    }
    size_t i = h & mask();
    while (slots_[i].index != 0) i = (i + 1) & mask();  // tombstones stay
    uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
      Entry(index) = {std::string(key), V{}};
    } else {
      if (entries_ % kChunk == 0) {
        chunks_.push_back(std::make_unique<std::pair<std::string, V>[]>(kChunk));
      }
      index = static_cast<uint32_t>(++entries_);
      Entry(index).first.assign(key);
    }
    slots_[i] = {h, index};
    ++live_;
    ++used_;
    // Keep live keys and tombstones at most 1/2 of the slots.
    if (used_ * 2 > slots_.size()) Rehash(live_ * 4 > slots_.size());
    return {&Entry(index).second, true};
  }

  // Removes `key`; false when it was absent.
  bool Erase(std::string_view key) {
    const size_t i = FindSlot(key, HashOf(key));
    if (i == kNone) return false;
    const uint32_t index = slots_[i].index;
    Entry(index) = {std::string(), V{}};  // frees the key's bytes
    free_.push_back(index);
    slots_[i].index = kTombstone;
    --live_;
    return true;
  }

  size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }
  void clear() {
    chunks_.clear();
    entries_ = 0;
    free_.clear();
    slots_.assign(kInitialSlots, Slot{});
    live_ = used_ = 0;
  }

  // Calls f(key, value) for every live entry, in no particular order.
  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.index != 0 && s.index != kTombstone) {
        const std::pair<std::string, V>& e = Entry(s.index);
        f(std::string_view(e.first), e.second);
      }
    }
  }

 private:
  static constexpr size_t kInitialSlots = 64;  // a power of two
  static constexpr size_t kChunk = 64;         // entries a chunk, ditto
  static constexpr size_t kNone = ~size_t{0};
  static constexpr uint32_t kTombstone = ~uint32_t{0};
  struct Slot {
    uint64_t hash = 0;
    uint32_t index = 0;  // 1 + entry number; 0: empty; kTombstone
  };

  // The entry a slot's `index` (1-based) names.
  std::pair<std::string, V>& Entry(uint32_t index) const {
    const size_t i = index - 1;
    return chunks_[i / kChunk][i % kChunk];
  }

  // The slot holding `key`, or kNone.
  size_t FindSlot(std::string_view key, uint64_t h) const {
    for (size_t i = h & mask(); slots_[i].index != 0; i = (i + 1) & mask()) {
      const Slot& s = slots_[i];
      if (s.index != kTombstone && s.hash == h) {
        const std::string& k = Entry(s.index).first;
        if (k.size() == key.size() &&
            std::memcmp(k.data(), key.data(), key.size()) == 0) {
          return i;
        }
      }
    }
    return kNone;
  }

  size_t mask() const { return slots_.size() - 1; }

  // Rebuilds the slot array without tombstones, twice as large when `grow`.
  void Rehash(bool grow) {
    std::vector<Slot> old(grow ? slots_.size() * 2 : slots_.size());
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.index == 0 || s.index == kTombstone) continue;
      size_t i = s.hash & mask();
      while (slots_[i].index != 0) i = (i + 1) & mask();
      slots_[i] = s;
    }
    used_ = live_;
  }

  std::vector<Slot> slots_;
  // Entry n (0-based) is chunks_[n / kChunk][n % kChunk]; entries_ made.
  std::vector<std::unique_ptr<std::pair<std::string, V>[]>> chunks_;
  size_t entries_ = 0;
  std::vector<uint32_t> free_;  // entry indexes (1-based) of erased keys
  size_t live_ = 0;             // keys present
  size_t used_ = 0;             // slots not empty: live keys and tombstones
};

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_FLAT_STRING_MAP_H_
