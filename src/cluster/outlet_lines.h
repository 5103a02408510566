// Lines an outlet prints around every article, learned from the stream.
//
// Scraped pages keep their site's chrome in the text: "Please enable
// Javascript to watch this video", "Your notification has been saved.",
// "Copyright 2016 WFAA", "Follow KDKA On Twitter". 705 of gva-dev's 3,161
// articles carry such a line. Their words make an outlet's unrelated
// articles alike, and no phrase list knows every site's. What tells them
// from an article's own lines is where they recur: a line the same
// outlet's earlier articles carried in kOutletLineStories different
// stories belongs to the outlet, not to a happening. (A background
// paragraph an outlet repeats in the follow-ups of one story stays: its
// articles are in one story.)
//
// OutletLines keeps, per line key (OutletLineKey: a hash of the outlet and
// the trimmed line), the first kOutletLineStories distinct stories it was
// seen in and the article count when it was last seen, so that lines of
// articles that left the window can be forgotten. The feature extractor
// asks IsOutletLine() of each line of an article and leaves the outlet's
// lines out of its features; the clusterer records the article's lines
// with the story it placed the article in.
//
// Thread safety: none; owned by one OnlineClusterer.
#ifndef NEWSLOOM_CLUSTER_OUTLET_LINES_H_
#define NEWSLOOM_CLUSTER_OUTLET_LINES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/coding.h"
#include "base/status.h"

namespace newsloom {

// Distinct stories a line must have been seen in to be the outlet's.
inline constexpr size_t kOutletLineStories = 2;
// Lines shorter or longer than these (trimmed, in bytes) are not keyed:
// short ones ("Advertisement") are html/phrases.h's, and a long paragraph
// repeated across stories is content (a wire story's background), not
// page chrome.
inline constexpr size_t kMinOutletLineBytes = 15;
inline constexpr size_t kMaxOutletLineBytes = 400;

// The key of `line` (trimmed) printed by `outlet` (a source name or a
// site host; dedup/groups.h OutletOf). Never 0.
uint64_t OutletLineKey(std::string_view outlet, std::string_view line);

class OutletLines {
 public:
  // Whether earlier articles carried the line of `key` in at least
  // kOutletLineStories different stories.
  bool IsOutletLine(uint64_t key) const;

  // Records that the article counted `seq` (OnlineClusterer's article
  // count), placed in story `story` (> 0), carried the lines of `keys`.
  void Record(const std::vector<uint64_t>& keys, int64_t story, uint64_t seq);

  // Forgets the lines last seen before article `seq`.
  void ForgetBefore(uint64_t seq);

  size_t size() const { return lines_.size(); }

  void EncodeTo(Encoder* e) const;
  // Reads what EncodeTo wrote; `max_seq` bounds the article counts.
  Status DecodeFrom(Decoder* d, uint64_t max_seq);

 private:
  struct Line {
    int64_t stories[kOutletLineStories] = {};  // distinct, 0 = none yet
    uint64_t last_seq = 0;
  };
  std::unordered_map<uint64_t, Line> lines_;
  // The keys of lines_ seen in kOutletLineStories stories: the few that
  // IsOutletLine finds, in a set small enough to stay in the caches (every
  // line of every article is asked about).
  std::unordered_set<uint64_t> outlet_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_OUTLET_LINES_H_
