// IdTable: objects owned by increasing int64 ids, found by id without
// hashing. The clusterer's events and stories get ids 1, 2, 3, ... and mostly
// leave in the order they came (the active window moves forward), so a
// vector indexed by id - base, whose retired front is dropped from time to
// time, finds an object with one subtraction and one load; a hash map spent
// a fifth of the clustering time in its lookups.
//
// An object that stays for long (an event that keeps getting articles for
// months) would keep the slots of every id after it, 8 bytes each, and an
// id far beyond the others (a damaged saved state) would ask for a vector
// of that span. So when fewer than a quarter of the slots would be live,
// the live objects of the front half move to a short sorted list beside
// the vector ("pinned": found by binary search) and the front half goes.
// Memory is then proportional to the live objects, whatever their ids.
#ifndef NEWSLOOM_CLUSTER_ID_TABLE_H_
#define NEWSLOOM_CLUSTER_ID_TABLE_H_

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace newsloom {

template <typename T>
class IdTable {
 public:
  // The object with `id`, or nullptr when it was never added or is erased.
  T* find(int64_t id) const {
    if (id < base_) return FindPinned(id);
    if (id - base_ >= static_cast<int64_t>(slots_.size())) return nullptr;
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
    assert(pinned_.empty() || id > pinned_.back().first);
    // Fewer than a quarter of the slots would be live: pin the front
    // half's live objects and drop it (see the file comment).
    while (live_ > 0 && id - base_ >= kMinSpan &&
           static_cast<uint64_t>(id - base_) + 1 > 4 * (live_ + 1)) {
      PinFront((slots_.size() + 1) / 2);
    }
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
    if (id < base_) {
      auto it = PinnedAt(id);
      if (it != pinned_.end() && it->first == id) pinned_.erase(it);
      return;
    }
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

  size_t size() const { return live_ + pinned_.size(); }

  // Live ids other than the pinned ones lie in [base(), base() + span()):
  // id - base() indexes a caller's array that parallels the table (valid
  // until the next emplace or erase). Pinned ids are below base().
  int64_t base() const { return base_; }
  size_t span() const { return slots_.size(); }
  size_t pinned() const { return pinned_.size(); }
  // The place of pinned `id` among the pinned ids, in [0, pinned()): it
  // indexes a caller's array that parallels them (valid until the next
  // emplace or erase). REQUIRES: `id` is live and below base().
  size_t pinned_index(int64_t id) const {
    assert(id < base_ && FindPinned(id) != nullptr);
    return static_cast<size_t>(PinnedAt(id) - pinned_.begin());
  }

  // Calls f(id, T&) for every live object in ascending id order.
  template <typename F>
  void ForEach(F&& f) const {
    for (const auto& [id, t] : pinned_) f(id, *t);
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i]) f(base_ + static_cast<int64_t>(i), *slots_[i]);
    }
  }

 private:
  // Spans shorter than this are never thinned.
  static constexpr int64_t kMinSpan = 1024;
  using Pinned = std::vector<std::pair<int64_t, std::unique_ptr<T>>>;

  typename Pinned::const_iterator PinnedAt(int64_t id) const {
    return std::lower_bound(
        pinned_.begin(), pinned_.end(), id,
        [](const auto& p, int64_t v) { return p.first < v; });
  }
  T* FindPinned(int64_t id) const {
    if (pinned_.empty() || id < pinned_.front().first) return nullptr;
    auto it = PinnedAt(id);
    return it != pinned_.end() && it->first == id ? it->second.get() : nullptr;
  }
  // Moves the live objects of slots_[0, n) to pinned_ and drops those slots.
  void PinFront(size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (slots_[i]) {
        pinned_.emplace_back(base_ + static_cast<int64_t>(i), std::move(slots_[i]));
        --live_;
      }
    }
    slots_.erase(slots_.begin(), slots_.begin() + static_cast<std::ptrdiff_t>(n));
    base_ += static_cast<int64_t>(n);
    dead_ = 0;
    while (dead_ < slots_.size() && !slots_[dead_]) ++dead_;
  }

  std::vector<std::unique_ptr<T>> slots_;
  int64_t base_ = 0;  // id of slots_[0]
  size_t live_ = 0;   // live objects in slots_
  size_t dead_ = 0;   // slots_[0, dead_) are known empty
  Pinned pinned_;     // by ascending id, all below base_
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_ID_TABLE_H_
