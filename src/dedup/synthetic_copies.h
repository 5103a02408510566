// Test support: synthetic copies of real articles, the way outlets copy a
// wire story: an edited headline, a paragraph added or removed, site
// furniture around the text, or several of these. Deterministic for a
// seed. The furniture lines are written here (no third-party text); added
// paragraphs come from other articles of the input.
//
// Not linked into the newsloom binary: used by dedup_recall_test.cc and
// bench/dedup_tune.cc.
#ifndef NEWSLOOM_DEDUP_SYNTHETIC_COPIES_H_
#define NEWSLOOM_DEDUP_SYNTHETIC_COPIES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/article.h"

namespace newsloom {

enum class CopyEdit {
  kEditedHeadline,    // an outlet suffix, a prefix, or two words replaced
  kAddedParagraph,    // a paragraph of another article inserted
  kRemovedParagraph,  // one paragraph (of several) dropped
  kSiteFurniture,     // lines of site furniture before and after the text
  kCombined,          // edited headline, furniture and an added paragraph
};
inline constexpr size_t kCopyEditCount = 5;

std::string_view CopyEditName(CopyEdit edit);

struct SyntheticCopy {
  Article article;      // id/external_id "copy-N", source "copy-outlet-K"
  size_t original = 0;  // index into the originals
  CopyEdit edit = CopyEdit::kEditedHeadline;
};

// One copy of each original, the edits taking turns (original i gets edit
// i mod kCopyEditCount), with the seed choosing words, positions and
// furniture. Originals are split into paragraphs at blank lines (or, when
// they have none, at line breaks).
std::vector<SyntheticCopy> MakeSyntheticCopies(
    const std::vector<Article>& originals, uint64_t seed);

}  // namespace newsloom

#endif  // NEWSLOOM_DEDUP_SYNTHETIC_COPIES_H_
