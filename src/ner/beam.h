// Beam-search decoding of the tagger's scores (model.h), and its training
// signal (trainer.h).
//
// Greedy decoding (model.h DecodeGreedy) commits to each token's label
// before it sees the next token: "Erfarne Ivan Nielsen" opens a PER at
// "Erfarne" and can only carry it on. The beam keeps the `width` best label
// sequences instead, scored as the sum of their tokens' scores, so a later
// token can overrule an earlier choice. The features are the same (static
// ones once per token; the dynamic ones of features.h per hypothesis), and
// hypotheses that end in the same state (label, previous label, and the
// quotation mark before their open mention) have the same future, so only
// the best of them is kept (recombination, as in Viterbi decoding).
//
// Training (trainer.h with TrainOptions::beam > 1) decodes with the same
// beam and learns from whole sequences: when the gold sequence falls out of
// the beam, or is not the best at the end, the weights move towards its
// features and away from the best hypothesis' since the last such point;
// decoding then goes on from the gold prefix alone (LaSO: Daumé & Marcu
// 2005, "Learning as search optimization"; early update: Collins & Roark
// 2004).
//
// Thread safety: free functions over caller-owned buffers.
#ifndef NEWSLOOM_NER_BEAM_H_
#define NEWSLOOM_NER_BEAM_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "ner/features.h"
#include "ner/labels.h"
#include "ner/model.h"

namespace newsloom {

// features.h's `open_quote` for token `i` of a sentence labelled `path`
// (labels of tokens before i): 1 when the mention it would continue begins
// with a quotation mark, 2 when it follows one, else 0.
inline int OpenQuote(const SentenceFeatures& s, const std::vector<int>& path, size_t i) {
  if (i == 0 || path[i - 1] == kOutside) return 0;
  size_t b = i - 1;
  while (b > 0 && IsInside(path[b])) --b;
  return s.is_quote[b] ? 1 : (b > 0 && s.is_quote[b - 1] ? 2 : 0);
}

// One hypothesis: the label it gives a token and how it got there.
struct BeamItem {
  double score = 0;
  int label = kOutside;  // this token's
  int prev = kOutside;   // the previous token's
  int quote = 0;         // open_quote of the mention `label` is part of
  int parent = -1;       // index in the previous token's beam; -1 at token 0
  bool gold = false;     // every label so far is the gold one (training)
};

// Buffers DecodeBeam reuses from sentence to sentence.
struct BeamBuffers {
  struct Candidate {
    double score;
    int item, label;
  };
  std::vector<std::vector<BeamItem>> lattice;  // the beam after each token
  std::vector<Candidate> candidates;
  std::vector<int> best_path, gold_path;
  std::vector<size_t> dynamic_ends;  // per hypothesis, into `dynamic`
};

// Decodes one sentence with a beam of `width` hypotheses and sets
// `*labels` to the best one's (IOB2). `history`, `dynamic`, `score` and
// `static_scores` are as for DecodeGreedy (model.h): the history is read
// for every token and updated after the sentence. `prefetch(hash)` is
// called for each dynamic feature shortly before `score` reads it (a hint;
// it may do nothing). `gold` (training; may be
// null) holds valid IOB2 gold labels; `on_violation(from, to, gold_path,
// best_path)` is then called for tokens [from, to) where the gold sequence
// left the beam or lost at the end (both paths hold labels of tokens
// [0, to); before `from` they are the gold ones).
template <typename ScoreT, typename ScoreFn, typename PrefetchFn, typename OnViolation>
void DecodeBeam(const SentenceFeatures& s, NameHistory* history, int width,
                std::vector<uint32_t>* dynamic, std::vector<int>* labels,
                ScoreFn&& score, PrefetchFn&& prefetch,
                const std::vector<ScoreT>* static_scores,
                BeamBuffers* buf, const std::vector<int>* gold,
                OnViolation&& on_violation) {
  const size_t n = s.words.size();
  labels->assign(n, kOutside);
  if (buf->lattice.size() < n) buf->lattice.resize(n);
  static const std::vector<BeamItem> start = {BeamItem{0, kOutside, kOutside, 0, -1, true}};
  // The labels of the hypothesis lattice[i][k] for tokens [from, i].
  auto trace = [&](size_t i, int k, size_t from, std::vector<int>* path) {
    for (size_t j = i + 1; j-- > from;) {
      const BeamItem& item = buf->lattice[j][k];
      (*path)[j] = item.label;
      k = item.parent;
    }
  };
  size_t from = 0;  // tokens before it are gold in every hypothesis
  for (size_t i = 0; i < n; ++i) {
    const std::vector<BeamItem>& cur = i == 0 ? start : buf->lattice[i - 1];
    std::vector<BeamItem>& next = buf->lattice[i];
    const int hist =
        s.words[i].has_letter ? history->Find(s.words[i].lower_hash) : kNoHistory;
    ScoreT base[kLabels] = {};
    if (static_scores) {
      std::copy_n(&(*static_scores)[i * kLabels], kLabels, base);
    } else {
      for (uint32_t h : s.Of(i)) score(h, base);
    }
    buf->candidates.clear();
    // Every hypothesis' dynamic features first, fetched together: their
    // weights are scattered over the model's table, and waiting for each
    // in turn cost the beam a third of the tagger's speed.
    dynamic->clear();
    buf->dynamic_ends.clear();
    for (const BeamItem& item : cur) {
      AddDynamicFeatures(s, i, item.label, item.prev, hist,
                         item.label == kOutside ? 0 : item.quote, dynamic);
      buf->dynamic_ends.push_back(dynamic->size());
    }
    for (uint32_t h : *dynamic) prefetch(h);
    for (size_t k = 0; k < cur.size(); ++k) {
      const BeamItem& item = cur[k];
      ScoreT scores[kLabels];
      std::copy_n(base, kLabels, scores);
      for (size_t d = k ? buf->dynamic_ends[k - 1] : 0; d < buf->dynamic_ends[k]; ++d)
        score((*dynamic)[d], scores);
      for (int l = 0; l < kLabels; ++l)
        if (AllowedAfter(item.label, l))
          buf->candidates.push_back({item.score + double(scores[l]), int(k), l});
    }
    // Best first, ties in the order generated (so the same everywhere): a
    // selection of at most `width` from a few dozen candidates, cheaper
    // than sorting them all.
    next.clear();
    const int quote_here = s.is_quote[i] ? 1 : (i > 0 && s.is_quote[i - 1] ? 2 : 0);
    bool gold_kept = false;
    auto& candidates = buf->candidates;
    for (size_t taken = 0; taken < candidates.size(); ++taken) {
      size_t top = taken;
      for (size_t j = taken + 1; j < candidates.size(); ++j)
        if (candidates[j].score > candidates[top].score) top = j;
      // Moving the rest up one keeps generation order among equal scores.
      const auto c = candidates[top];
      std::copy_backward(candidates.begin() + taken, candidates.begin() + top,
                         candidates.begin() + top + 1);
      candidates[taken] = c;
      const BeamItem& parent = cur[c.item];
      BeamItem item{c.score, c.label, parent.label,
                    IsBegin(c.label) ? quote_here : (IsInside(c.label) ? parent.quote : 0),
                    c.item, gold && parent.gold && c.label == (*gold)[i]};
      bool same_state = false;
      for (const BeamItem& kept : next)
        same_state |= kept.label == item.label && kept.prev == item.prev &&
                      kept.quote == item.quote;
      if (same_state) continue;
      gold_kept |= item.gold;
      next.push_back(item);
      if (int(next.size()) == width) break;
    }
    if (gold && !gold_kept) {
      // The gold sequence left the beam: learn, then go on from it alone.
      buf->gold_path.assign(gold->begin(), gold->begin() + i + 1);
      buf->best_path.assign(gold->begin(), gold->begin() + i + 1);
      trace(i, 0, from, &buf->best_path);
      on_violation(from, i + 1, buf->gold_path, buf->best_path);
      int parent = 0;
      while (!cur[parent].gold) ++parent;
      const int l = (*gold)[i];
      next.assign(1, BeamItem{0, l, cur[parent].label,
                              IsBegin(l) ? quote_here : (IsInside(l) ? cur[parent].quote : 0),
                              parent, true});
      from = i + 1;
    }
  }
  if (n == 0) {
    ++history->sentence;
    return;
  }
  buf->best_path.assign(n, kOutside);
  trace(n - 1, 0, 0, &buf->best_path);
  if (gold && !buf->lattice[n - 1][0].gold) {
    buf->gold_path.assign(gold->begin(), gold->end());
    std::copy(gold->begin(), gold->begin() + from, buf->best_path.begin());
    on_violation(from, n, buf->gold_path, buf->best_path);
  }
  labels->assign(buf->best_path.begin(), buf->best_path.end());
  history->EndSentence(s, *labels);
}

}  // namespace newsloom

#endif  // NEWSLOOM_NER_BEAM_H_
