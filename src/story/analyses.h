// The text analyses (text/analyzer.h) of a story's articles, made on first
// use and kept, so that one report's summaries, timeline and coverage
// analyse each article once instead of once each.
//
//   Analyses analyses;
//   SummaryOptions so;
//   so.analyses = &analyses;   // likewise TimelineOptions, CoverageOptions
//
// Articles are known by address: they must outlive the Analyses and not
// change while it is in use.
//
// Thread safety: thread-compatible (one Analyzer inside).
#ifndef NEWSLOOM_STORY_ANALYSES_H_
#define NEWSLOOM_STORY_ANALYSES_H_

#include <memory>
#include <unordered_map>

#include "base/article.h"
#include "text/analyzer.h"

namespace newsloom {

class Analyses {
 public:
  // keep = false: nothing is kept; each Of() analyses into one buffer,
  // valid until the next call (for a single pass over many articles).
  explicit Analyses(bool keep = true) : keep_(keep) {}

  // The analysis of a.text in a.lang, made the first time `a` is asked for.
  const AnalyzedText& Of(const Article& a) {
    if (!keep_) {
      analyzer_.Analyze(a.text, a.lang, &buffer_);
      return buffer_;
    }
    std::unique_ptr<AnalyzedText>& slot = done_[&a];
    if (slot == nullptr) {
      slot = std::make_unique<AnalyzedText>();
      analyzer_.Analyze(a.text, a.lang, slot.get());
    }
    return *slot;
  }

 private:
  bool keep_;
  Analyzer analyzer_;
  AnalyzedText buffer_;
  std::unordered_map<const Article*, std::unique_ptr<AnalyzedText>> done_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_STORY_ANALYSES_H_
