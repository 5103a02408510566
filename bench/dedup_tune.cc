// newsloom_dedup_tune: the measurements behind src/dedup/options.h and
// README.md's duplicate figures, on a labelled JSONL file (and synthetic
// copies made from it, src/dedup/synthetic_copies.h):
//
//   * recall of the LSH index + signature estimate against the exact
//     all-pairs oracle: pairs with Jaccard >= near_jaccard, and containment
//     pairs (src/dedup/recall.h);
//   * on the file alone, oracle pairs by Jaccard of the same and of
//     different gold events (what the shingle size trades);
//   * the duplicate groups the detector makes of the file (as `newsloom
//     dups` does), by kind, and how many join articles of different gold
//     events.
//
//   build/bench/newsloom_dedup_tune ../shared/data/clustering/gva-dev.jsonl
//   build/bench/newsloom_dedup_tune FILE --shingle-words 3 --bands 20 --rows 5
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "dedup/groups.h"
#include "dedup/pair_oracle.h"
#include "dedup/recall.h"
#include "dedup/signature.h"
#include "dedup/synthetic_copies.h"
#include "engine/engine.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

void PrintRecall(const char* what, const RecallReport& r,
                 const DedupOptions& o) {
  std::printf("%s: %zu articles, %zu judged (>= %zu words)\n", what, r.articles,
              r.judged, o.min_words);
  std::printf(
      "  pairs J >= %.2f: %zu; LSH candidates %zu (%.4f); accepted %zu "
      "(recall %.4f); kept by the headline guard %zu\n",
      o.near_jaccard, r.near_pairs, r.near_found,
      r.near_pairs ? static_cast<double>(r.near_found) / r.near_pairs : 1.0,
      r.near_accepted, r.near_recall(), r.near_guarded);
  std::printf(
      "  containment pairs (C >= %.2f, J < %.2f, smaller >= %zu shingles): "
      "%zu; candidates %zu; accepted %zu (recall %.4f); kept by the guard "
      "%zu\n",
      o.containment, o.near_jaccard, o.min_containment_shingles,
      r.containment_pairs, r.containment_found, r.containment_accepted,
      r.containment_recall(), r.containment_guarded);
  std::printf(
      "  accepted pairs %zu (headline guard keeps %zu); beyond the margin "
      "(J < %.2f and C < %.2f): %zu; lowest true J of an accepted near pair "
      "%.3f; candidate pairs %zu\n",
      r.accepted, r.guarded, o.near_jaccard - 2 * o.estimate_margin,
      o.containment - 2 * o.estimate_margin, r.accepted_beyond_margin,
      r.lowest_accepted_jaccard, r.candidates);
  std::printf("  oracle pairs by Jaccard decile (found by LSH):");
  for (size_t d = 1; d <= 10; ++d) {
    std::printf(" %.1f:%zu(%zu)", d / 10.0, r.pairs_by_decile[d],
                r.found_by_decile[d]);
  }
  std::printf("\n");
}

// Oracle pairs of the file by Jaccard band, split by gold event.
void PrintEventSplit(const std::vector<Article>& articles,
                     const DedupOptions& o) {
  SignatureMaker maker(o);
  std::vector<ShingleSet> sets;
  std::vector<const Article*> kept;
  Signature sig;
  for (const Article& a : articles) {
    maker.Make(a.title, a.text, &sig);
    if (sig.empty() || sig.words < o.min_words) continue;
    sets.push_back(maker.shingles());
    kept.push_back(&a);
  }
  OracleFilter f;
  f.min_jaccard = 0.5;
  std::map<int, std::pair<size_t, size_t>> bands;  // decile -> same, other
  for (const OraclePair& p : AllPairs(sets, f)) {
    const bool same = kept[p.a]->gold_event == kept[p.b]->gold_event;
    auto& [s, d] = bands[static_cast<int>(p.jaccard * 10)];
    (same ? s : d)++;
  }
  std::printf(
      "file alone, shingle_words %zu: pairs by Jaccard (same event / other "
      "event):",
      o.shingle_words);
  for (const auto& [decile, c] : bands) {
    std::printf(" %.1f: %zu/%zu", decile / 10.0, c.first, c.second);
  }
  std::printf("\n");
}

// Each synthetic copy against its original, by edit.
void PrintCopies(const std::vector<Article>& originals,
                 const std::vector<SyntheticCopy>& copies,
                 const DedupOptions& o) {
  SignatureMaker maker(o);
  struct Tally {
    size_t pairs = 0, high = 0, detected = 0, high_detected = 0;
    double jaccard = 0;
    std::map<std::string_view, size_t> kinds;
  };
  std::map<std::string_view, Tally> by_edit;
  Signature a, b;
  for (const SyntheticCopy& c : copies) {
    const Article& orig = originals[c.original];
    maker.Make(orig.title, orig.text, &a);
    const ShingleSet sa = maker.shingles();
    maker.Make(c.article.title, c.article.text, &b);
    if (a.words < o.min_words || b.words < o.min_words) continue;
    const ShingleSet sb = maker.shingles();
    const OraclePair truth =
        MakePair(0, 1, sa.size(), sb.size(), IntersectionSize(sa, sb));
    DedupIndex::Doc doc;
    doc.shingles = a.shingles;
    doc.content_hash = a.content_hash;
    doc.headline_bits = a.headline_bits;
    double sim;
    const DuplicateKind kind = JudgePair(o, b, doc, a.sketch, &sim);
    Tally& t = by_edit[CopyEditName(c.edit)];
    ++t.pairs;
    t.jaccard += truth.jaccard;
    t.detected += kind != DuplicateKind::kNone;
    if (truth.jaccard >= o.near_jaccard) {
      ++t.high;
      t.high_detected += kind != DuplicateKind::kNone;
    }
    ++t.kinds[DuplicateKindName(kind)];
  }
  std::printf(
      "synthetic copies against their originals (judged by the detector's "
      "rules):\n");
  for (const auto& [edit, t] : by_edit) {
    std::printf(
        "  %-17s %5zu pairs, mean J %.3f, detected %.4f; J >= %.2f: %zu, "
        "detected %.4f; kinds:",
        std::string(edit).c_str(), t.pairs, t.jaccard / t.pairs,
        static_cast<double>(t.detected) / t.pairs, o.near_jaccard, t.high,
        t.high ? static_cast<double>(t.high_detected) / t.high : 1.0);
    for (const auto& [k, n] : t.kinds)
      std::printf(" %s %zu", std::string(k).c_str(), n);
    std::printf("\n");
  }
}

// Pairs of the file at Jaccard >= near_jaccard that the headline guard
// turns down, for reading.
void ListGuarded(const std::vector<Article>& articles, const DedupOptions& o) {
  SignatureMaker maker(o);
  std::vector<ShingleSet> sets;
  std::vector<Signature> sigs;
  std::vector<const Article*> kept;
  for (const Article& a : articles) {
    Signature sig;
    maker.Make(a.title, a.text, &sig);
    if (sig.empty() || sig.words < o.min_words) continue;
    sets.push_back(maker.shingles());
    sigs.push_back(std::move(sig));
    kept.push_back(&a);
  }
  OracleFilter f;
  f.min_jaccard = o.near_jaccard;
  for (const OraclePair& p : AllPairs(sets, f)) {
    DedupIndex::Doc doc;
    doc.shingles = sigs[p.a].shingles;
    doc.content_hash = sigs[p.a].content_hash;
    doc.headline_bits = sigs[p.a].headline_bits;
    double sim;
    if (JudgePair(o, sigs[p.b], doc, sigs[p.a].sketch, &sim) !=
        DuplicateKind::kNone) {
      continue;
    }
    std::printf(
        "J %.2f, %zu/%zu shingles, events %s %s\n  %s | %.100s\n  %s | "
        "%.100s\n",
        p.jaccard, sets[p.a].size(), sets[p.b].size(),
        kept[p.a]->gold_event.c_str(), kept[p.b]->gold_event.c_str(),
        kept[p.a]->title.c_str(), kept[p.a]->text.c_str(),
        kept[p.b]->title.c_str(), kept[p.b]->text.c_str());
  }
}

void PrintGroups(const std::vector<Article>& articles, const DedupOptions& o) {
  const std::vector<DuplicateGroup> groups = FindDuplicateGroups(articles, o);
  std::map<std::string_view, size_t> kinds;
  size_t members = 0, mixed = 0;
  for (const DuplicateGroup& g : groups) {
    std::set<std::string> events = {articles[g.canonical].gold_event};
    for (const GroupMember& m : g.members) {
      ++kinds[DuplicateKindName(m.kind)];
      events.insert(articles[m.article].gold_event);
    }
    members += g.members.size();
    mixed += events.size() > 1;
  }
  std::printf("groups of the file: %zu groups, %zu members:", groups.size(),
              members);
  for (const auto& [k, n] : kinds) std::printf(" %s %zu", k.data(), n);
  std::printf("; groups spanning gold events: %zu\n", mixed);
}

}  // namespace
}  // namespace newsloom

int main(int argc, char** argv) {
  using namespace newsloom;
  CLI::App app{"Duplicate-detection measurements on a labelled JSONL file"};
  std::vector<std::string> inputs;
  DedupOptions o;
  uint64_t seed = 1;
  app.add_option("inputs", inputs, "JSONL file(s)")->required();
  app.add_option("--shingle-words", o.shingle_words)->capture_default_str();
  app.add_option("--bins", o.bins)->capture_default_str();
  app.add_option("--bands", o.bands)->capture_default_str();
  app.add_option("--rows", o.rows)->capture_default_str();
  app.add_option("--margin", o.estimate_margin)->capture_default_str();
  app.add_option("--min-words", o.min_words)->capture_default_str();
  app.add_option("--headline-jaccard", o.headline_jaccard)
      ->capture_default_str();
  app.add_option("--min-shared", o.min_shared_shingles_new_headline)
      ->capture_default_str();
  app.add_option("--window-days", o.window_days)->capture_default_str();

  app.add_option("--seed", seed, "Seed of the synthetic copies")
      ->capture_default_str();
  bool list_guarded = false;
  app.add_flag("--list-guarded", list_guarded,
               "List the file's pairs at J >= near_jaccard the headline guard "
               "turns down");
  CLI11_PARSE(app, argc, argv);
  if (o.bands * o.rows > o.bins || o.bins == 0 || o.shingle_words == 0) {
    std::cerr << "bands * rows must be <= bins\n";
    return 1;
  }
  std::vector<Article> articles;
  ReadInputs(
      inputs, ReadOptions(),
      [&](Article&& a) { articles.push_back(std::move(a)); },
      [](const IngestError& e) { std::cerr << e.ToString() << "\n"; });
  SortForClustering(&articles);
  if (list_guarded) {
    ListGuarded(articles, o);
    return 0;
  }

  std::vector<Article> with_copies = articles;
  const std::vector<SyntheticCopy> copies = MakeSyntheticCopies(articles, seed);
  for (const SyntheticCopy& c : copies) with_copies.push_back(c.article);
  PrintCopies(articles, copies, o);
  PrintRecall("file + one synthetic copy per article",
              MeasureRecall(with_copies, o), o);
  PrintRecall("file alone", MeasureRecall(articles, o), o);
  PrintEventSplit(articles, o);
  PrintGroups(articles, o);
  return 0;
}
