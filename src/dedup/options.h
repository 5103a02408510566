// Parameters of duplicate detection, with their defaults.
//
// Every default was chosen by measurement on gva-dev plus synthetic copies
// made from it (dedup_recall_test.cc, `build/bench/newsloom_dedup_tune`)
// and on the synthetic stream (bench/dedup_bench.cc); README.md
// ("Duplicates") has the figures. What each number trades:
//
//   shingle_words   longer shingles make unrelated articles that share
//                   stock phrases look less alike, but make an edit cost
//                   more of the similarity (one changed word breaks
//                   shingle_words shingles);
//   bins, bands, rows   the signature's size and the candidate curve
//                   P(candidate | Jaccard J) = 1 - (1 - J^rows)^bands;
//   thresholds      what counts as a copy, and the margin the estimate
//                   needs so that real copies at the threshold survive the
//                   estimate's noise.
#ifndef NEWSLOOM_DEDUP_OPTIONS_H_
#define NEWSLOOM_DEDUP_OPTIONS_H_

#include <cstddef>

namespace newsloom {

struct DedupOptions {
  // ---- Words and shingles ----
  // Words per shingle. On gva-dev plus one synthetic copy per article, 3, 4
  // and 5 all find every pair at Jaccard >= 0.8; what differs is how alike
  // unrelated local reports look ("police said the", "was taken to"): pairs
  // of different gold events at Jaccard 0.5-0.8 number 862 with 3, 640 with
  // 4 and 466 with 5, while each word more lowers the similarity of edited
  // copies (a copy with site furniture: mean Jaccard 0.807, 0.797, 0.786).
  // 4 is the middle.
  size_t shingle_words = 4;

  // An article with fewer words (headline and text together) is never a
  // duplicate, nor anyone's canonical: a few words cannot tell a copy from a
  // coincidence (gva-dev has 21 pairs of pages whose extraction kept one
  // word, "en", of different events).
  size_t min_words = 12;

  // Words after this many are not shingled (the exact-copy hash still
  // covers every byte): bounds the cost of one huge input (10 MB of one
  // repeated word: about 5 ms). News stays far below it (gva-dev's longest
  // article has 17,000 words).
  size_t max_words = 100000;

  // ---- Signature ----
  // One-permutation MinHash bins (the signature's "permutations"; Li, Owen
  // & Zhang 2012, densified as in Shrivastava 2017). The index keeps 8 bits
  // of each (b-bit minwise hashing, Li & Koenig 2010): 128 bytes per
  // article. The Jaccard estimate then has a standard deviation of about
  // 0.035 at J = 0.8; over 3,000 random pairs of every similarity its mean
  // absolute error is 0.015 (signature_test.cc).
  size_t bins = 128;

  // ---- LSH banding ----
  // bands x rows of the bins form the bands (bands * rows <= bins). With
  // 24 x 4, P(candidate) is 0.999997 at J = 0.8, 0.9986 at 0.7, 0.995 at
  // 0.67 (a copy with half its length added) and 0.79 at 0.5. Each band
  // costs 8 bytes in a table kept 55-80 % full: 24 bands keep the index
  // at 430-520 bytes per article, under the 600-byte budget; 32 would
  // exceed it in the worst case. On gva-dev + copies, containment pairs
  // found: 0.862 with 16 x 4, 0.889 with 24 x 4, 0.901 with 32 x 4, 0.746
  // with 20 x 5; every pair at J >= 0.8 with all of them.
  size_t bands = 24;
  size_t rows = 4;
  // A band keeps the newest this many live articles that share it (at
  // least 1). Without a bound, a text repeated thousands of times (a
  // template, a wire story syndicated everywhere) made every new copy
  // collect and sort all earlier ones, and made their table entries one
  // long probe run: 20,000 near-copies took 146 s to ingest, quadratic. A
  // new copy still meets recent members of its group, which carry its
  // canonical, so its group is the same; it may be judged against another
  // member than the most similar one (a near copy instead of an exact
  // one, or not against the canonical itself). News never comes near it:
  // on gva-dev and the synthetic stream no band is shared by more than a
  // handful.
  size_t max_docs_per_band = 64;

  // ---- Decisions ----
  // Near-duplicates: articles whose shingle sets have Jaccard similarity at
  // least this. The recall target (0.99 of such pairs) is measured here.
  double near_jaccard = 0.8;
  // The signature estimates Jaccard; a pair is accepted when the estimate
  // reaches near_jaccard - estimate_margin, so that pairs at the threshold
  // are kept despite the estimate's noise (0.1 is 2.9 standard deviations
  // at J = 0.8: a pair at exactly 0.8 is missed 0.2 % of the time). The
  // price: accepted pairs may have a true Jaccard down to about
  // near_jaccard - 2 * estimate_margin (the lowest seen on gva-dev + copies
  // is 0.600; recall_test.cc checks that at most 1 % fall below).
  double estimate_margin = 0.1;

  // Containment ("a copy with additions"): the share of the smaller
  // article's shingles found in the larger one. Same margin as above.
  double containment = 0.8;
  // Containment is judged only when the smaller article has at least this
  // many shingles: about a paragraph, so that one shared sentence does not
  // make an article "contained" in every report that quotes it.
  size_t min_containment_shingles = 40;

  // ---- Headline guard ----
  // Site furniture: pages whose extraction kept only a site's template
  // ("Sign in using your account", "Add a location to your Tweets", a list
  // of videos) are textually near-identical but report different things;
  // only their headlines differ. A copy under a new headline is common too,
  // but then the shared text is a whole article. So when both articles have
  // a headline and their headlines proper (HeadlineProper(): without the
  // site name) share less than this share of their words (Jaccard), the
  // pair must share at least min_shared_shingles_new_headline shingles.
  // On gva-dev the guard turns down 36 pairs at Jaccard >= 0.8, all of them
  // template pages of different events (the largest shares 198 shingles),
  // and keeps the five re-headlined copies, which share 308-560. Its blind
  // spot: template pages whose headlines share half their words ("Denver
  // Police Dept. on Twitter", "TSA on Twitter"); a stricter threshold (0.55)
  // would also turn down 2 % of the synthetic copies with edited headlines.
  // Between articles of two known, different outlets the pair need share
  // only min_shared_shingles_other_outlets, so that a shorter wire story
  // another outlet re-headlined (the demo's demo-022 of demo-020, 228
  // shingles) is a copy. Furniture does cross sites (the stations of one
  // media group share "Just One More Thing... We have sent you a
  // verification email"), but shorter: on gva-dev such cross-site template
  // pairs share at most 116 shingles; with no bound for other outlets 16
  // of them were taken for copies, beside 3 re-headlined copies of one
  // report (150-290 words), of which this bound keeps the 2 longer and no
  // template pair (ECB+: 3 more groups, all of one event).
  double headline_jaccard = 0.5;
  size_t min_shared_shingles_new_headline = 250;
  size_t min_shared_shingles_other_outlets = 150;

  // ---- Window (streaming) ----
  // Articles leave the index when they are older than this, relative to the
  // stream's clock (base/stream_clock.h: its 16th newest date; copies of a
  // wire story follow it within days), or
  // when more than max_articles are indexed (oldest first; undated
  // streams). max_articles x ~520 bytes bounds the index memory (520 MB).
  // On gva-dev, 30 days instead of 14 finds 3 more pairs: two real copies
  // 27 and 28 days after their originals, and one pair of "... on Twitter"
  // template pages 29 days apart (the guard's blind spot above).
  double window_days = 14;
  size_t max_articles = 1000000;
};

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_OPTIONS_H_
