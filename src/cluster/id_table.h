// IdTable: objects owned by increasing int64 ids, found by id without
// hashing. The clusterer's events and stories get ids 1, 2, 3, ... and mostly
// leave in the order they came (the active window moves forward), so a
// vector indexed by id - base, whose retired front is dropped from time to
// time, finds an object with one subtraction and one load; a hash map spent
// a fifth of the clustering time in its lookups.
//
// Memory is proportional to the span of live ids (newest - oldest live),
// which the active window bounds: an event that stays active for long keeps
// the slots of the ids after it (8 bytes each) until it retires.
#ifndef NEWSLOOM_CLUSTER_ID_TABLE_H_
#define NEWSLOOM_CLUSTER_ID_TABLE_H_

#include <cassert>
#include <cstdlib>
#include <cstdint>
#include <memory>
#include <vector>

namespace newsloom {

template <typename T>
class IdTable {
 public:
  // The object with `id`, or nullptr when it was never added or is erased.
  T* find(int64_t id) const {
    if (id < base_ || id - base_ >= static_cast<int64_t>(slots_.size())) {
      return nullptr;
    }
    return slots_[id - base_].get();
  }
  bool contains(int64_t id) const { return find(id) != nullptr; }
  // REQUIRES: contains(id); otherwise aborts (in every build mode).
  T& at(int64_t id) const {
    T* t = find(id);
    if (t == nullptr) std::abort();
    return *t;
  }

  // Adds `t` under `id`, which must exceed every id added before.
  void emplace(int64_t id, std::unique_ptr<T> t) {
    if (slots_.empty() || live_ == 0) {
      slots_.clear();
      base_ = id;
      dead_ = 0;
    }
    assert(id >= base_ + static_cast<int64_t>(slots_.size()));
    slots_.resize(id - base_ + 1);
    slots_.back() = std::move(t);
    ++live_;
  }

  void erase(int64_t id) {
    if (find(id) == nullptr) return;
    slots_[id - base_].reset();
    --live_;
    // dead_ counts the empty slots at the front; drop them once they are
    // at least half of the vector, so each slot is moved O(1) times on
    // average and each erase costs O(1) amortised.
    while (dead_ < slots_.size() && !slots_[dead_]) ++dead_;
    if (dead_ > 0 && dead_ * 2 >= slots_.size()) {
      slots_.erase(slots_.begin(), slots_.begin() + dead_);
      base_ += static_cast<int64_t>(dead_);
      dead_ = 0;
    }
  }

  size_t size() const { return live_; }

  // Live ids lie in [base(), base() + span()): id - base() indexes a
  // caller's array that parallels the table (valid until the next emplace
  // or erase).
  int64_t base() const { return base_; }
  size_t span() const { return slots_.size(); }

  // Calls f(id, T&) for every live object in ascending id order.
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i]) f(base_ + static_cast<int64_t>(i), *slots_[i]);
    }
  }

 private:
  std::vector<std::unique_ptr<T>> slots_;
  int64_t base_ = 0;  // id of slots_[0]
  size_t live_ = 0;
  size_t dead_ = 0;  // slots_[0, dead_) are known empty
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_ID_TABLE_H_
