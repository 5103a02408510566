#include "dedup/lsh_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>

#include "dedup/pair_oracle.h"

namespace newsloom {
namespace {

// A random corpus of families: each family is a random base text and
// variants of it with a random share of words replaced, so pair
// similarities spread over [0, 1]; plus unrelated texts.
struct Corpus {
  std::vector<Signature> sigs;
  std::vector<ShingleSet> sets;
};

Corpus RandomCorpus(const DedupOptions& options, size_t families,
                    uint32_t seed) {
  std::mt19937 rng(seed);
  SignatureMaker maker(options);
  Corpus c;
  for (size_t f = 0; f < families; ++f) {
    std::vector<std::string> base;
    const size_t words = 20 + rng() % 500;
    for (size_t i = 0; i < words; ++i) {
      base.push_back("w" + std::to_string(rng() % 20000));
    }
    const size_t variants = 1 + rng() % 4;
    for (size_t v = 0; v < variants; ++v) {
      // Mostly light edits: many pairs near the 0.8 threshold.
      const double u = (rng() % 1000) / 1000.0;
      const double replace = v == 0 ? 0 : 0.3 * u * u;
      std::string text;
      for (const std::string& w : base) {
        text +=
            (rng() % 1000) / 1000.0 < replace ? "x" + std::to_string(rng()) : w;
        text += ' ';
      }
      Signature sig;
      maker.Make("", text, &sig);
      c.sets.push_back(maker.shingles());
      c.sigs.push_back(std::move(sig));
    }
  }
  return c;
}

// The persisted form of `index`.
std::string Encoded(const DedupIndex& index) {
  std::string blob;
  Encoder e(&blob);
  index.Encode(&e);
  return blob;
}

// Adds every signature of `c`, keyed first_key, first_key + 1, ...
void AddAll(const Corpus& c, uint64_t first_key, DedupIndex* index) {
  for (size_t i = 0; i < c.sigs.size(); ++i) {
    DedupIndex::Doc doc;
    doc.key = first_key + i;
    index->Add(c.sigs[i], doc);
  }
}

TEST(DedupIndexTest, FindsAnIdenticalSignature) {
  const DedupOptions options;
  SignatureMaker maker(options);
  Signature a, b;
  maker.Make("Title", "one two three four five six seven eight nine ten", &a);
  maker.Make("Other", "completely different words that share nothing at all",
             &b);
  DedupIndex index(options);
  DedupIndex::Doc doc;
  doc.key = 42;
  const DedupIndex::DocId id = index.Add(a, doc);
  EXPECT_EQ(id, 1u);
  EXPECT_EQ(index.doc(id).key, 42u);
  EXPECT_EQ(index.doc(id).shingles, a.shingles);
  EXPECT_EQ(index.doc(id).content_hash, a.content_hash);
  std::vector<DedupIndex::DocId> out;
  index.Candidates(a, &out);
  EXPECT_EQ(out, std::vector<DedupIndex::DocId>{1});
  index.Candidates(b, &out);
  EXPECT_TRUE(out.empty());
  index.Candidates(Signature(), &out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(
      std::vector<uint8_t>(index.sketch(1).begin(), index.sketch(1).end()),
      a.sketch);
}

// LSH against the brute-force oracle on random families: every pair at
// Jaccard >= 0.8 is a candidate (the curve gives a miss once in 300,000),
// and the share of candidates per similarity band follows
// 1 - (1 - J^rows)^bands.
TEST(DedupIndexTest, CandidatesMatchTheOracleOnRandomInput) {
  const DedupOptions options;
  const Corpus c = RandomCorpus(options, 300, 5);
  DedupIndex index(options);
  for (size_t i = 0; i < c.sigs.size(); ++i) {
    DedupIndex::Doc doc;
    doc.key = i;
    index.Add(c.sigs[i], doc);
  }
  std::set<std::pair<size_t, size_t>> candidates;
  std::vector<DedupIndex::DocId> out;
  for (size_t i = 0; i < c.sigs.size(); ++i) {
    index.Candidates(c.sigs[i], &out);
    EXPECT_TRUE(std::binary_search(out.begin(), out.end(), i + 1));
    for (DedupIndex::DocId id : out) {
      if (id - 1 > i) candidates.emplace(i, id - 1);
    }
  }
  OracleFilter all;
  all.min_jaccard = 0.3;
  const std::vector<OraclePair> pairs = AllPairsBruteForce(c.sets, all);
  size_t high = 0, high_found = 0;
  size_t band_pairs[10] = {}, band_found[10] = {};
  double band_expected[10] = {};
  for (const OraclePair& p : pairs) {
    const bool found = candidates.count({p.a, p.b}) > 0;
    if (p.jaccard >= 0.8) {
      ++high;
      high_found += found;
    }
    const int band = std::min(9, static_cast<int>(p.jaccard * 10));
    ++band_pairs[band];
    band_found[band] += found;
    band_expected[band] +=
        1 - std::pow(1 - std::pow(p.jaccard, options.rows), options.bands);
  }
  std::printf("pairs at J >= 0.8: %zu, candidates %zu\n", high, high_found);
  ASSERT_GT(high, 100u);
  EXPECT_EQ(high_found, high);
  for (int b = 3; b < 10; ++b) {
    if (band_pairs[b] < 30) continue;
    const double share = static_cast<double>(band_found[b]) / band_pairs[b];
    const double expected = band_expected[b] / band_pairs[b];
    std::printf("J %.1f-%.1f: %zu pairs, candidates %.3f, curve %.3f\n",
                b / 10.0, (b + 1) / 10.0, band_pairs[b], share, expected);
    // The estimate's noise and the densified bins' dependence blur the
    // curve a little; 0.12 is about four binomial standard deviations at
    // the smallest band counts here.
    EXPECT_NEAR(share, expected, 0.12) << b;
  }
}

TEST(DedupIndexTest, EvictionDropsTheOldestAndShrinksTheTable) {
  const DedupOptions options;
  const Corpus c = RandomCorpus(options, 800, 9);
  DedupIndex index(options);
  for (size_t i = 0; i < c.sigs.size(); ++i) index.Add(c.sigs[i], {});
  const size_t full = index.MemoryBytes();
  const DedupIndex::DocId keep = index.end() - 100;
  index.EvictBefore(keep);
  EXPECT_EQ(index.first(), keep);
  EXPECT_EQ(index.size(), 100u);
  EXPECT_LT(index.MemoryBytes(), full / 4);
  std::vector<DedupIndex::DocId> out;
  for (size_t i = 0; i < c.sigs.size(); ++i) {
    index.Candidates(c.sigs[i], &out);
    for (DedupIndex::DocId id : out) EXPECT_GE(id, keep);
    if (i + 1 >= keep) {
      EXPECT_TRUE(std::binary_search(out.begin(), out.end(), i + 1));
    }
  }
  index.EvictBefore(index.end() + 5);  // past the end: everything
  EXPECT_EQ(index.size(), 0u);
  index.Candidates(c.sigs.back(), &out);
  EXPECT_TRUE(out.empty());
  const DedupIndex::DocId next = index.Add(c.sigs[0], {});
  EXPECT_EQ(next, index.first());
  index.Candidates(c.sigs[0], &out);
  EXPECT_EQ(out, std::vector<DedupIndex::DocId>{next});
}

TEST(DedupIndexTest, MemoryPerArticleStaysUnderTheBudget) {
  const DedupOptions options;
  const Corpus c = RandomCorpus(options, 2000, 3);
  DedupIndex index(options);
  size_t worst = 0;
  for (int round = 0; round < 5; ++round) {
    for (const Signature& sig : c.sigs) {
      index.Add(sig, {});
      if (index.size() >= 10000) {
        worst = std::max(worst, index.MemoryBytes() / index.size());
      }
    }
  }
  std::printf("%zu articles: %zu bytes each; worst from 10,000 on: %zu\n",
              index.size(), index.MemoryBytes() / index.size(), worst);
  EXPECT_LE(worst, 600u);
}

TEST(DedupIndexTest, EncodeDecodeRoundTrip) {
  const DedupOptions options;
  const Corpus c = RandomCorpus(options, 100, 4);
  DedupIndex index(options);
  for (size_t i = 0; i < c.sigs.size(); ++i) {
    DedupIndex::Doc doc;
    doc.key = 1000 + i;
    doc.canonical = 7;
    doc.headline_bits = i * 31;
    doc.outlet = static_cast<uint32_t>(i % 3) * 0x9E3779B9u;
    doc.minute = -static_cast<int32_t>(i);
    index.Add(c.sigs[i], doc);
  }
  index.EvictBefore(20);
  const std::string blob = Encoded(index);

  DedupIndex copy(options);
  Decoder d(blob);
  ASSERT_EQ(copy.Decode(&d, 3), DedupIndex::DecodeResult::kOk);
  EXPECT_TRUE(d.done());
  ASSERT_EQ(copy.first(), index.first());
  ASSERT_EQ(copy.end(), index.end());
  std::vector<DedupIndex::DocId> a, b;
  for (const Signature& sig : c.sigs) {
    index.Candidates(sig, &a);
    copy.Candidates(sig, &b);
    EXPECT_EQ(a, b);
  }
  for (DedupIndex::DocId id = copy.first(); id < copy.end(); ++id) {
    EXPECT_EQ(copy.doc(id).key, index.doc(id).key);
    EXPECT_EQ(copy.doc(id).minute, index.doc(id).minute);
    EXPECT_EQ(copy.doc(id).headline_bits, index.doc(id).headline_bits);
    EXPECT_EQ(copy.doc(id).outlet, index.doc(id).outlet);
    EXPECT_TRUE(std::equal(copy.sketch(id).begin(), copy.sketch(id).end(),
                           index.sketch(id).begin()));
  }

  // Outlets hashed another way (an older state version) are read as
  // unknown.
  {
    DedupIndex older(options);
    Decoder d2(blob);
    ASSERT_EQ(older.Decode(&d2, 3, /*outlets_known=*/false), DedupIndex::DecodeResult::kOk);
    for (DedupIndex::DocId id = older.first(); id < older.end(); ++id) {
      EXPECT_EQ(older.doc(id).outlet, 0u);
    }
  }

  // Every truncation is refused, never a crash.
  for (size_t n = 0; n < blob.size(); n += 97) {
    Decoder cut(std::string_view(blob).substr(0, n));
    EXPECT_NE(copy.Decode(&cut, 3), DedupIndex::DecodeResult::kOk) << n;
    EXPECT_EQ(copy.size(), 0u);
  }
  DedupOptions other = options;
  other.bands = 20;
  DedupIndex different(other);
  Decoder again(blob);
  EXPECT_EQ(different.Decode(&again, 3), DedupIndex::DecodeResult::kOtherOptions);
}

// A state saved before version 3 has no outlet per document: read as
// unknown (0). The older blob is this one's without the outlet's byte.
TEST(DedupIndexTest, DecodesStatesSavedWithoutOutlets) {
  const DedupOptions options;
  const Corpus c = RandomCorpus(options, 1, 4);
  DedupIndex index(options);
  DedupIndex::Doc doc;
  doc.key = 300;
  doc.canonical = 300;
  doc.headline_bits = 12345;
  index.Add(c.sigs[0], doc);
  std::string blob = Encoded(index);
  // Where the outlet (0, one byte) is: after the header and four fields.
  std::string prefix;
  Encoder e(&prefix);
  for (uint64_t v : {uint64_t{options.bins}, uint64_t{options.bands}, uint64_t{options.rows},
                     uint64_t{options.shingle_words}, uint64_t{options.max_words},
                     uint64_t{index.first()}, uint64_t{1}, uint64_t{300}, uint64_t{300},
                     index.doc(index.first()).content_hash, uint64_t{12345}}) {
    e.PutVarint(v);
  }
  ASSERT_EQ(blob.compare(0, prefix.size(), prefix), 0);
  ASSERT_EQ(blob[prefix.size()], '\0');
  blob.erase(prefix.size(), 1);
  DedupIndex old(options);
  Decoder d(blob);
  ASSERT_EQ(old.Decode(&d, 2), DedupIndex::DecodeResult::kOk);
  EXPECT_TRUE(d.done());
  EXPECT_EQ(old.doc(old.first()).key, 300u);
  EXPECT_EQ(old.doc(old.first()).outlet, 0u);
  std::vector<DedupIndex::DocId> found;
  old.Candidates(c.sigs[0], &found);
  EXPECT_EQ(found.size(), 1u);
}

// A blob whose entries add up to count * bands but give one document more
// than `bands` is refused: decoded, its table would count the surplus entry
// as live after that document left the window, and the next state written
// would not read back (a finding of fuzz/fuzz_state.cc).
TEST(DedupIndexTest, DecodeRefusesADocumentWithTooManyEntries) {
  const DedupOptions options;
  const Corpus c = RandomCorpus(options, 2, 2);
  DedupIndex index(options);
  AddAll(c, 1, &index);
  const std::string blob = Encoded(index);
  // Read the blob up to its entries (Encode's layout), then write them
  // again with the first entry of the second document given to the first.
  Decoder d(blob);
  uint64_t v, first = 0, count = 0;
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(d.GetVarint(&v));
    if (i == 5) first = v;
    if (i == 6) count = v;
  }
  ASSERT_EQ(count, c.sigs.size());
  std::string sketch;
  int64_t minute;
  for (uint64_t i = 0; i < count; ++i) {
    // key, canonical, content_hash, headline_bits, outlet, shingles
    for (int j = 0; j < 6; ++j) ASSERT_TRUE(d.GetVarint(&v));
    ASSERT_TRUE(d.GetSigned(&minute));
    ASSERT_TRUE(d.GetString(&sketch));
  }
  const size_t entries_at = d.position();
  uint64_t entries;
  ASSERT_TRUE(d.GetVarint(&entries));
  ASSERT_EQ(entries, count * options.bands);
  std::string bad = blob.substr(0, entries_at);
  Encoder out(&bad);
  out.PutVarint(entries);
  bool moved = false;
  for (uint64_t i = 0; i < entries; ++i) {
    uint64_t key, offset;
    ASSERT_TRUE(d.GetVarint(&key));
    ASSERT_TRUE(d.GetVarint(&offset));
    if (offset == 1 && !moved) {
      offset = 0;
      moved = true;
    }
    out.PutVarint(key);
    out.PutVarint(offset);
  }
  ASSERT_TRUE(d.done());
  ASSERT_TRUE(moved);
  DedupIndex copy(options);
  Decoder good(blob);
  EXPECT_EQ(copy.Decode(&good, 3), DedupIndex::DecodeResult::kOk);
  Decoder wrong(bad);
  EXPECT_EQ(copy.Decode(&wrong, 3), DedupIndex::DecodeResult::kCorrupt);
  EXPECT_EQ(first, 1u);
}

// Ids are 32-bit. A state whose first id is a few short of 2^32 - 1 (after
// 4.3 billion articles, or damaged: fuzz/fuzz_state.cc found one) made the
// next ids wrap to 0, and the state written after them did not decode.
// Append now renumbers the live documents first.
TEST(DedupIndexTest, IdsNearTheirLimitAreRenumbered) {
  const DedupOptions options;
  std::string blob;
  Encoder e(&blob);
  for (uint64_t v : {options.bins, options.bands, options.rows,
                     options.shingle_words, options.max_words}) {
    e.PutVarint(v);
  }
  e.PutVarint(uint64_t{UINT32_MAX} - 3);  // first id
  e.PutVarint(0);                         // no documents
  e.PutVarint(0);                         // no entries
  DedupIndex index(options);
  Decoder d(blob);
  ASSERT_EQ(index.Decode(&d, 3), DedupIndex::DecodeResult::kOk);
  const Corpus c = RandomCorpus(options, 4, 5);
  for (size_t i = 0; i < c.sigs.size(); ++i) {
    DedupIndex::Doc doc;
    doc.key = 100 + i;
    index.Add(c.sigs[i], doc);
    // The first document leaves before the renumbering (ids are good only
    // until the next Add, as the header says).
    if (i == 1) index.EvictBefore(index.first() + 1);
  }
  EXPECT_LT(index.end(), 1000u);
  EXPECT_EQ(index.end() - index.first(), c.sigs.size() - 1);
  std::vector<DedupIndex::DocId> found;
  for (size_t i = 1; i < c.sigs.size(); ++i) {
    index.Candidates(c.sigs[i], &found);
    bool self = false;
    for (DedupIndex::DocId id : found) {
      self |= index.doc(id).key == 100 + i;
    }
    EXPECT_TRUE(self) << i;
  }
  const std::string saved = Encoded(index);
  DedupIndex copy(options);
  Decoder back(saved);
  EXPECT_EQ(copy.Decode(&back, 3), DedupIndex::DecodeResult::kOk);
  EXPECT_EQ(copy.end() - copy.first(), index.end() - index.first());
}

}  // namespace
}  // namespace newsloom
