// DedupIndex: the articles seen so far, by MinHash signature, for finding
// the ones that may be copies of a new article (locality-sensitive hashing
// by banding).
//
//   DedupIndex index(options);
//   std::vector<DedupIndex::DocId> candidates;
//   index.Candidates(sig, &candidates);       // share a band with `sig`
//   for (DocId d : candidates)
//     double j = EstimateJaccard(sig.sketch, index.sketch(d));
//   index.Add(sig, {.key = my_key, .canonical = my_key});
//
// Banding: the signature's first bands * rows bins are cut into `bands`
// bands of `rows` bins; two articles are candidates when all bins of at
// least one band agree, which happens with probability
// 1 - (1 - J^rows)^bands for Jaccard similarity J (DedupOptions has the
// curve). Each band is hashed to a 32-bit key (seeded with the band's
// number); one open-addressing table maps keys to documents, several
// documents per key allowed.
//
// What the index keeps per article, besides the table's `bands` slots of 8
// bytes (at most 80 % full; it grows by half): a Doc (40 bytes) and the
// 8-bit sketch of every bin (DedupOptions::bins bytes). MemoryBytes()
// counts all of it; bench/dedup_bench.cc reports it per article.
//
// A band key holds at most DedupOptions::max_docs_per_band live documents,
// the newest: a document added then takes the oldest one's place under it.
//
// Documents get ids 1, 2, 3, ... in the order added; Evict() drops the
// oldest ones. Their table slots are swept when they make up more than
// half of the table's entries, so memory follows the live documents.
//
// Thread safety: thread-compatible.
#ifndef NEWSLOOM_DEDUP_LSH_INDEX_H_
#define NEWSLOOM_DEDUP_LSH_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <span>
#include <vector>

#include "base/coding.h"
#include "dedup/options.h"
#include "dedup/signature.h"

namespace newsloom {

class DedupIndex {
 public:
  // Ids number the documents in the order added, but only until the next
  // Add: when the next id would be 2^32 - 1 the live documents are
  // renumbered from near 1 (Renumber). Keep the caller's Doc::key, not ids.
  using DocId = uint32_t;

  // What the index keeps of one article besides its sketch.
  struct Doc {
    uint64_t key = 0;        // the caller's key for the article
    uint64_t canonical = 0;  // the caller's key of its group's canonical
    uint64_t content_hash = 0;
    uint64_t headline_bits = 0;
    uint32_t shingles = 0;
    uint32_t outlet = 0;  // Signature::outlet
    // Age: minutes since 1970 (DuplicateDetector: of its publication time,
    // else of the stream's clock when it came; INT32_MIN when none).
    int32_t minute = 0;
  };

  // REQUIRES: options.bands * options.rows <= options.bins, both >= 1;
  // options.max_docs_per_band >= 1.
  explicit DedupIndex(const DedupOptions& options);

  // Indexes an article and returns its id. `doc.shingles` and
  // `doc.content_hash` are taken from `sig`.
  // REQUIRES: !sig.empty(), sig made with this index's options.
  DocId Add(const Signature& sig, Doc doc);

  // Sets `*out` to the live documents sharing at least one band with `sig`,
  // in ascending id order, each once. Empty for an empty signature.
  void Candidates(const Signature& sig, std::vector<DocId>* out) const;

  // REQUIRES: first() <= id < end().
  const Doc& doc(DocId id) const;
  // Dates a live document (DuplicateDetector: an undated article that came
  // before any dated one takes the first date). REQUIRES: as doc().
  void set_minute(DocId id, int32_t minute) {
    const_cast<Doc&>(doc(id)).minute = minute;
  }
  std::span<const uint8_t> sketch(DocId id) const;

  // Live ids are [first(), end()).
  DocId first() const { return first_; }
  DocId end() const { return end_; }
  size_t size() const { return end_ - first_; }

  // Drops every document with an id below `id` (the oldest ones).
  void EvictBefore(DocId id);

  // Bytes of memory the index holds (capacity, not just what is used).
  size_t MemoryBytes() const;

  // Persisted form (the owner versions it): the options it depends on, the
  // live documents and their table entries. Decode replaces the contents;
  // on anything but kOk the index is left empty.
  enum class DecodeResult {
    kOk,
    kCorrupt,       // truncated or inconsistent
    kOtherOptions,  // made with other signature or banding options
  };
  // `version`: the owner's state version; documents written before
  // version 3 have no outlet, and those of a version whose outlets were
  // hashed otherwise (`outlets_known` false) are read as unknown (0).
  void Encode(Encoder* e) const;
  DecodeResult Decode(Decoder* d, uint64_t version, bool outlets_known = true);

 private:
  static constexpr size_t kBlockDocs = 256;
  struct Block {
    std::vector<Doc> docs;          // reserved to kBlockDocs
    std::vector<uint8_t> sketches;  // kBlockDocs * bins
  };
  struct Slot {
    uint32_t key = 0;
    DocId doc = 0;  // 0: empty
  };

  uint32_t BandKey(const Signature& sig, size_t band) const;
  // Enters `doc` under `key` unless `limit` live documents already are.
  void Insert(uint32_t key, DocId doc,
              size_t limit = std::numeric_limits<size_t>::max());
  // Stores a document and its sketch; returns its id (no table entries).
  DocId Append(const Doc& doc, std::span<const uint8_t> sketch);
  // Rehashes the live entries into a table they fill to kRebuildLoad.
  void Rebuild();
  // Moves the live documents' ids down to start near 1. Append calls it
  // when the next id would be 2^32 - 1: after 4.3 billion articles (a dozen
  // years at a million a day), or at once for a state whose first id was
  // damaged (a finding of fuzz/fuzz_state.cc), where ids had wrapped.
  void Renumber();
  size_t Start(uint32_t key) const;
  const Block& BlockOf(DocId id) const;

  DedupOptions options_;
  std::deque<Block> blocks_;  // blocks_[0] holds ids from block_base_
  DocId block_base_ = 1;
  DocId first_ = 1, end_ = 1;
  std::vector<Slot> slots_;
  size_t used_slots_ = 0;  // slots holding an entry, live or not
  size_t dead_slots_ = 0;  // entries of evicted documents
  // Live documents whose entries in a full band newer ones took over
  // (max_docs_per_band), and how many: not dead slots when they leave.
  std::map<DocId, uint32_t> lost_entries_;
  size_t LiveSlots() const;
};

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_LSH_INDEX_H_
