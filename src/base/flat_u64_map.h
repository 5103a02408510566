// FlatU64Map<V>: a hash map from non-zero 64-bit keys to small values,
// stored inline in one flat array, for tables asked about once per line or
// token of every article (cluster/outlet_lines.h). std::unordered_map
// allocates a node per key and reaches it through a bucket: two dependent
// cache misses per lookup and an allocation per insert. Here a lookup is
// one probe sequence in an array of (key, value) slots, usually one cache
// line.
//
// Linear probing in a power-of-two array kept at most three quarters full
// (a lookup of an absent key then reads about 8 slots at the worst, 3 on
// average as the array fills from three eighths after growing). Key 0
// marks an empty slot and cannot be stored. Erase shifts the following
// keys of the probe run back (no tombstones), so a map whose keys come and
// go stays as fast as a fresh one. The home slot is the top bits of the key
// times 2^64/phi (Fibonacci hashing), which every bit of the key reaches,
// so keys that are not uniform hashes spread too.
//
// Inserting or erasing invalidates pointers to values; use them at once.
//
// The oracle in flat_u64_map_test.cc is std::unordered_map.
#ifndef NEWSLOOM_BASE_FLAT_U64_MAP_H_
#define NEWSLOOM_BASE_FLAT_U64_MAP_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace newsloom {

template <typename V>
class FlatU64Map {
 public:
  FlatU64Map() { slots_.resize(kInitialSlots); }

  // The value of `key`, or nullptr. REQUIRES: key != 0.
  V* Find(uint64_t key) {
    for (size_t i = Home(key);; i = Next(i)) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  const V* Find(uint64_t key) const {
    return const_cast<FlatU64Map*>(this)->Find(key);
  }
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }

  // The value of `key`, inserted value-initialised when absent; `.second`
  // tells whether it was inserted. REQUIRES: key != 0.
  std::pair<V*, bool> Insert(uint64_t key) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(slots_.size() * 2);
    size_t i = Home(key);
    for (; slots_[i].key != 0; i = Next(i)) {
      if (slots_[i].key == key) return {&slots_[i].value, false};
    }
    slots_[i].key = key;
    slots_[i].value = V{};
    ++size_;
    return {&slots_[i].value, true};
  }

  // Removes `key`; false when it was absent.
  bool Erase(uint64_t key) {
    size_t hole = Home(key);
    for (; slots_[hole].key != key; hole = Next(hole)) {
      if (slots_[hole].key == 0) return false;
    }
    // Backward-shift deletion: move each later key of the run into the
    // hole when the hole lies on its probe path (between its home slot
    // and where it sits, cyclically).
    for (size_t i = Next(hole); slots_[i].key != 0; i = Next(i)) {
      const size_t home = Home(slots_[i].key);
      if (((i - home) & mask()) >= ((i - hole) & mask())) {
        slots_[hole] = std::move(slots_[i]);
        hole = i;
      }
    }
    slots_[hole] = Slot{};
    --size_;
    return true;
  }

  // Removes every entry for which pred(key, value) is true and rebuilds
  // the array, halved while the entries left fill at most a quarter of it.
  template <typename Pred>
  void EraseIf(Pred&& pred) {
    // The entries kept move to the front of the old array, then once into
    // the new one.
    size_t kept = 0;
    for (Slot& s : slots_) {
      if (s.key == 0 || pred(s.key, static_cast<const V&>(s.value))) continue;
      if (&s != &slots_[kept]) slots_[kept] = std::move(s);
      ++kept;
    }
    size_t n = slots_.size();
    while (n > kInitialSlots && kept * 4 < n) n /= 2;
    std::vector<Slot> old(n);
    old.swap(slots_);
    shift_ = ShiftFor(n);
    size_ = 0;
    for (size_t i = 0; i < kept; ++i) Place(std::move(old[i]));
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() {
    slots_.assign(kInitialSlots, Slot{});
    shift_ = ShiftFor(kInitialSlots);
    size_ = 0;
  }
  // Bytes of the slot array (what the map costs beyond its values' own
  // allocations).
  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

  // Calls f(key, value) for every entry, in no particular order.
  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.key != 0) f(s.key, s.value);
    }
  }
  // The same, the values changeable (the keys are passed as copies).
  template <typename F>
  void ForEach(F&& f) {
    for (Slot& s : slots_) {
      if (s.key != 0) f(static_cast<uint64_t>(s.key), s.value);
    }
  }

 private:
  static constexpr size_t kInitialSlots = 16;  // a power of two
  struct Slot {
    uint64_t key = 0;  // 0: empty
    V value{};
  };

  size_t mask() const { return slots_.size() - 1; }
  size_t Next(size_t i) const { return (i + 1) & mask(); }
  // Fibonacci hashing: the top log2(slots) bits of the key times 2^64/phi.
  size_t Home(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  static int ShiftFor(size_t slots) { return 64 - std::countr_zero(slots); }
  void Place(Slot&& s) {
    size_t i = Home(s.key);
    while (slots_[i].key != 0) i = Next(i);
    slots_[i] = std::move(s);
    ++size_;
  }
  void Rehash(size_t n) {
    std::vector<Slot> old(n);
    old.swap(slots_);
    shift_ = ShiftFor(n);
    size_ = 0;
    for (Slot& s : old) {
      if (s.key != 0) Place(std::move(s));
    }
  }

  std::vector<Slot> slots_;
  int shift_ = ShiftFor(kInitialSlots);  // 64 - log2(slots_.size())
  size_t size_ = 0;
};

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_FLAT_U64_MAP_H_
