#include "dedup/lsh_index.h"

#include <xxhash.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <map>

namespace newsloom {
namespace {

// The table is rebuilt when entries (live or evicted) would fill more than
// kMaxLoad of it, at the size that makes the live ones kRebuildLoad of it:
// so it is 55-80 % full, and linear probing stays short.
constexpr double kMaxLoad = 0.8;
constexpr double kRebuildLoad = 0.55;
constexpr size_t kMinSlots = 64;

// Slots for `entries` live entries after a rebuild: they fill kRebuildLoad.
size_t CapacityFor(size_t entries) {
  return std::max(kMinSlots, static_cast<size_t>(
                                 static_cast<double>(entries + 1) / kRebuildLoad));
}

}  // namespace

DedupIndex::DedupIndex(const DedupOptions& options) : options_(options) {
  assert(options.bands >= 1 && options.rows >= 1 &&
         options.bands * options.rows <= options.bins &&
         options.max_docs_per_band >= 1);
  slots_.resize(kMinSlots);
}

uint32_t DedupIndex::BandKey(const Signature& sig, size_t band) const {
  const uint32_t* rows = sig.bins.data() + band * options_.rows;
  return static_cast<uint32_t>(
      XXH3_64bits_withSeed(rows, options_.rows * sizeof(uint32_t), band));
}

size_t DedupIndex::Start(uint32_t key) const {
  return static_cast<size_t>((static_cast<uint64_t>(key) * slots_.size()) >>
                             32);
}

void DedupIndex::Insert(uint32_t key, DocId doc, size_t limit) {
  if (static_cast<double>(used_slots_ + 1) > kMaxLoad * slots_.size()) {
    Rebuild();
  }
  size_t live = 0;
  size_t oldest = slots_.size();  // the slot of the oldest live entry of key
  size_t i = Start(key);
  while (slots_[i].doc != 0) {
    if (slots_[i].key == key && slots_[i].doc >= first_) {
      if (oldest == slots_.size() || slots_[i].doc < slots_[oldest].doc) {
        oldest = i;
      }
      if (++live >= limit) {
        // Full: the newest take the oldest's place, so that the key keeps
        // finding the group after its first members leave the window.
        ++lost_entries_[slots_[oldest].doc];
        slots_[oldest].doc = doc;
        return;
      }
    }
    if (++i == slots_.size()) i = 0;
  }
  slots_[i] = {key, doc};
  ++used_slots_;
}

void DedupIndex::Rebuild() {
  std::vector<Slot> live;
  live.reserve(LiveSlots());
  for (const Slot& s : slots_) {
    if (s.doc >= first_) live.push_back(s);  // empty slots have doc 0
  }
  std::vector<Slot>(CapacityFor(live.size())).swap(slots_);
  used_slots_ = dead_slots_ = 0;
  for (const Slot& s : live) Insert(s.key, s.doc);
}

void DedupIndex::Renumber() {
  // Ids are internal (callers hold them only within a call), so the live
  // ones can move down: by block_base_ - 1, which keeps every block's ids
  // where they are relative to it.
  const DocId shift = block_base_ - 1;
  if (shift == 0) return;  // 2^32 - 2 documents kept: max_articles forbids
  Rebuild();  // drops the entries of evicted documents
  for (Slot& s : slots_) {
    if (s.doc != 0) s.doc -= shift;
  }
  std::map<DocId, uint32_t> lost;
  for (const auto& [id, n] : lost_entries_) lost.emplace(id - shift, n);
  lost_entries_.swap(lost);
  first_ -= shift;
  end_ -= shift;
  block_base_ -= shift;
}

DedupIndex::DocId DedupIndex::Append(const Doc& doc,
                                     std::span<const uint8_t> sketch) {
  if (end_ == std::numeric_limits<DocId>::max()) Renumber();
  if (blocks_.empty() || blocks_.back().docs.size() == kBlockDocs) {
    Block& b = blocks_.emplace_back();
    b.docs.reserve(kBlockDocs);
    b.sketches.reserve(kBlockDocs * options_.bins);
  }
  Block& block = blocks_.back();
  block.docs.push_back(doc);
  block.sketches.insert(block.sketches.end(), sketch.begin(), sketch.end());
  return end_++;
}

DedupIndex::DocId DedupIndex::Add(const Signature& sig, Doc doc) {
  assert(!sig.empty() && sig.sketch.size() == options_.bins);
  doc.shingles = sig.shingles;
  doc.content_hash = sig.content_hash;
  const DocId id = Append(doc, sig.sketch);
  for (size_t band = 0; band < options_.bands; ++band) {
    Insert(BandKey(sig, band), id, options_.max_docs_per_band);
  }
  return id;
}

void DedupIndex::Candidates(const Signature& sig,
                            std::vector<DocId>* out) const {
  out->clear();
  if (sig.empty()) return;
  for (size_t band = 0; band < options_.bands; ++band) {
    const uint32_t key = BandKey(sig, band);
    for (size_t i = Start(key); slots_[i].doc != 0;) {
      if (slots_[i].key == key && slots_[i].doc >= first_) {
        out->push_back(slots_[i].doc);
      }
      if (++i == slots_.size()) i = 0;
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

const DedupIndex::Block& DedupIndex::BlockOf(DocId id) const {
  assert(id >= first_ && id < end_);
  return blocks_[(id - block_base_) / kBlockDocs];
}

const DedupIndex::Doc& DedupIndex::doc(DocId id) const {
  return BlockOf(id).docs[(id - block_base_) % kBlockDocs];
}

std::span<const uint8_t> DedupIndex::sketch(DocId id) const {
  const size_t n = options_.bins;
  return {BlockOf(id).sketches.data() + (id - block_base_) % kBlockDocs * n, n};
}

void DedupIndex::EvictBefore(DocId id) {
  id = std::min(id, end_);
  if (id <= first_) return;
  // Each evicted document had `bands` entries, less those newer documents
  // took over (max_docs_per_band).
  size_t dead = static_cast<size_t>(id - first_) * options_.bands;
  for (auto it = lost_entries_.begin();
       it != lost_entries_.end() && it->first < id;
       it = lost_entries_.erase(it)) {
    dead -= it->second;
  }
  dead_slots_ += dead;
  first_ = id;
  while (!blocks_.empty() && block_base_ + kBlockDocs <= first_) {
    blocks_.pop_front();
    block_base_ += kBlockDocs;
  }
  if (dead_slots_ * 2 > used_slots_) Rebuild();
}

size_t DedupIndex::MemoryBytes() const {
  size_t bytes = sizeof(*this) + slots_.capacity() * sizeof(Slot);
  for (const Block& b : blocks_) {
    bytes +=
        sizeof(Block) + b.docs.capacity() * sizeof(Doc) + b.sketches.capacity();
  }
  return bytes;
}

// ---- Persistence ----

void DedupIndex::Encode(Encoder* e) const {
  e->PutVarint(options_.bins);
  e->PutVarint(options_.bands);
  e->PutVarint(options_.rows);
  e->PutVarint(options_.shingle_words);
  e->PutVarint(options_.max_words);
  e->PutVarint(first_);
  e->PutVarint(end_ - first_);
  std::string sketch;
  for (DocId id = first_; id < end_; ++id) {
    const Doc& d = doc(id);
    e->PutVarint(d.key);
    e->PutVarint(d.canonical);
    e->PutVarint(d.content_hash);
    e->PutVarint(d.headline_bits);
    e->PutVarint(d.outlet);
    e->PutVarint(d.shingles);
    e->PutSigned(d.minute);
    const std::span<const uint8_t> s = this->sketch(id);
    sketch.assign(reinterpret_cast<const char*>(s.data()), s.size());
    e->PutString(sketch);
  }
  e->PutVarint(LiveSlots());
  for (const Slot& s : slots_) {
    if (s.doc < first_) continue;
    e->PutVarint(s.key);
    e->PutVarint(s.doc - first_);
  }
}

DedupIndex::DecodeResult DedupIndex::Decode(Decoder* d, uint64_t version,
                                            bool outlets_known) {
  *this = DedupIndex(options_);
  uint64_t bins, bands, rows, shingle_words, max_words, first, count;
  if (!d->GetVarint(&bins) || !d->GetVarint(&bands) || !d->GetVarint(&rows) ||
      !d->GetVarint(&shingle_words) || !d->GetVarint(&max_words) ||
      !d->GetVarint(&first) || !d->GetCount(&count) || first == 0 ||
      first + count > UINT32_MAX) {
    return DecodeResult::kCorrupt;
  }
  if (bins != options_.bins || bands != options_.bands ||
      rows != options_.rows || shingle_words != options_.shingle_words ||
      max_words != options_.max_words) {
    return DecodeResult::kOtherOptions;
  }
  first_ = end_ = block_base_ = static_cast<DocId>(first);
  std::string sketch;
  for (uint64_t i = 0; i < count; ++i) {
    Doc doc;
    uint64_t shingles, outlet = 0;
    int64_t minute;
    if (!d->GetVarint(&doc.key) || !d->GetVarint(&doc.canonical) ||
        !d->GetVarint(&doc.content_hash) || !d->GetVarint(&doc.headline_bits) ||
        (version >= 3 && (!d->GetVarint(&outlet) || outlet > UINT32_MAX)) ||
        !d->GetVarint(&shingles) || !d->GetSigned(&minute) ||
        !d->GetString(&sketch) || sketch.size() != options_.bins ||
        shingles > UINT32_MAX || minute < INT32_MIN || minute > INT32_MAX) {
      *this = DedupIndex(options_);
      return DecodeResult::kCorrupt;
    }
    doc.shingles = static_cast<uint32_t>(shingles);
    doc.outlet = outlets_known ? static_cast<uint32_t>(outlet) : 0;
    doc.minute = static_cast<int32_t>(minute);
    Append(doc,
           {reinterpret_cast<const uint8_t*>(sketch.data()), sketch.size()});
  }
  // Every document has `bands` entries, but for those newer documents took
  // over in a full band (max_docs_per_band).
  uint64_t entries;
  if (!d->GetCount(&entries) || entries > count * options_.bands) {
    *this = DedupIndex(options_);
    return DecodeResult::kCorrupt;
  }
  // The table at its final size before the first entry goes in. The
  // entries come in the saved table's slot order, which is the order of
  // their keys; a table still growing would map every key seen so far to
  // its first slots, where linear probing walked one ever longer run:
  // reopening a store of 20,000 articles spent 0.45 s here.
  slots_.assign(CapacityFor(entries), Slot{});
  for (uint64_t i = 0; i < entries; ++i) {
    uint64_t key, offset;
    if (!d->GetVarint(&key) || !d->GetVarint(&offset) || key > UINT32_MAX ||
        offset >= count) {
      *this = DedupIndex(options_);
      return DecodeResult::kCorrupt;
    }
    Insert(static_cast<uint32_t>(key), static_cast<DocId>(first_ + offset));
  }
  // Checked per document even when the total is count * bands: eviction
  // counts a document's entries as dead from `bands` less its lost ones,
  // so a blob that gave one document an entry more than `bands` (and
  // another one fewer) decoded, and after that document's eviction the
  // table counted an entry it no longer saved: the next state written
  // could not be read back (found by fuzz/fuzz_state.cc).
  std::vector<uint32_t> entries_of(count, 0);
  for (const Slot& s : slots_) {
    if (s.doc >= first_) ++entries_of[s.doc - first_];
  }
  for (uint64_t i = 0; i < count; ++i) {
    if (entries_of[i] > options_.bands) {
      *this = DedupIndex(options_);
      return DecodeResult::kCorrupt;
    }
    if (entries_of[i] < options_.bands) {
      lost_entries_[static_cast<DocId>(first_ + i)] =
          static_cast<uint32_t>(options_.bands - entries_of[i]);
    }
  }
  return DecodeResult::kOk;
}

size_t DedupIndex::LiveSlots() const {
  return used_slots_ - dead_slots_;
}

}  // namespace newsloom
