// Lines an outlet prints around every article, learned from the stream.
//
// Scraped pages keep their site's chrome in the text: "Please enable
// Javascript to watch this video", "Your notification has been saved.",
// "Copyright 2016 WFAA", "Follow KDKA On Twitter". 705 of gva-dev's 3,161
// articles carry such a line. Their words make an outlet's unrelated
// articles alike, and no phrase list knows every site's. What tells them
// from an article's own lines is where they recur: a line the same
// outlet's earlier articles carried in kOutletLineStories different
// stories belongs to the outlet, not to a happening. So does a line they
// carried kOutletLineArticles times, whatever their stories: the chrome
// a site's first articles share can be what put them in one story, and
// the story then grows on it (egypt.jsonl's Cuban site: 21 articles of
// four months in one event by their teaser lines). A background
// paragraph an outlet repeats in the follow-ups of one story stays until
// its fourth article.
//
// OutletLines keeps, per line key (OutletLineKey: a hash of the outlet and
// the trimmed line), the first kOutletLineStories distinct stories it was
// seen in and when it was last seen. A line not seen for
// ClusterOptions::outlet_line_days (kUndatedOutletLineArticles articles,
// for a line of undated articles) counts as never seen: its stories start
// over. That is decided at each
// use, from the stream's own clock, so a restarted stream decides as an
// uninterrupted one does; Sweep() only frees the memory (and writes
// MoveStory's moves into the lines, which changes no decision). The feature
// extractor asks IsOutletLine() of each line of an article and leaves the
// outlet's lines out of its features; the clusterer records the article's
// lines with the story it placed the article in. Until a line is learned
// (its second story), it counts as the article's own. When a second look
// merges a story's one event into another story (OnlineClusterer::
// MergeEvent), MoveStory() makes the lines recorded under the story that
// went count as the other's: one story, not two. A line keeps only its
// first two stories, so one seen in a third is counted as carried
// kOutletLineArticles times: the outlet's whatever later moves join. (A
// state saved before session 49's moves keeps a merged article's lines
// under the story that went.)
//
// Thread safety: none; owned by one OnlineClusterer.
#ifndef NEWSLOOM_CLUSTER_OUTLET_LINES_H_
#define NEWSLOOM_CLUSTER_OUTLET_LINES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/coding.h"
#include "base/flat_u64_map.h"
#include "base/status.h"
#include "base/time.h"

namespace newsloom {

// Distinct stories a line must have been seen in to be the outlet's.
inline constexpr size_t kOutletLineStories = 2;
// Or articles, in any stories.
inline constexpr uint32_t kOutletLineArticles = 4;
// Lines shorter or longer than these (trimmed, in bytes) are not keyed:
// short ones ("Advertisement") are html/phrases.h's, and a long paragraph
// repeated across stories is content (a wire story's background), not
// page chrome.
inline constexpr size_t kMinOutletLineBytes = 15;
inline constexpr size_t kMaxOutletLineBytes = 400;

// The key of `line` (trimmed) printed by `outlet` (a source name or a
// site host; dedup/groups.h OutletOf). Never 0.
uint64_t OutletLineKey(std::string_view outlet, std::string_view line);

// Lines of undated articles are remembered for this many articles.
inline constexpr uint64_t kUndatedOutletLineArticles = 20000;

class OutletLines {
 public:
  // The stream's clock: articles counted, the stream's time
  // (base/stream_clock.h: its 16th newest article date).
  struct Clock {
    uint64_t seq = 0;
    std::optional<UnixSeconds> now;
  };

  // Lines live for `window_days` after they were last seen.
  explicit OutletLines(double window_days = 365);

  // Whether articles before `clock`, within the window, carried the line of
  // `key` in at least kOutletLineStories different stories, or at least
  // kOutletLineArticles times.
  bool IsOutletLine(uint64_t key, const Clock& clock) const;

  // Records that the article of `time` placed in story `story` (> 0) when
  // the stream stood at `clock` carried the lines of `keys`.
  void Record(const std::vector<uint64_t>& keys, int64_t story,
              std::optional<UnixSeconds> time, const Clock& clock);

  // Frees the lines that are out of the window at `clock` (which changes
  // no decision), when they may have grown to half the table since the
  // last sweep; then, or when kMaxMoves stories have moved, writes the
  // moves into the lines (which changes no decision either).
  void Sweep(const Clock& clock);

  // Story `from` went into story `into` (> 0; a live story, never one that
  // went): the lines recorded under `from` count as seen in `into`. Decided
  // at each use; written into the lines at a sweep and in the saved state,
  // so a restarted stream decides as an uninterrupted one.
  void MoveStory(int64_t from, int64_t into);

  size_t size() const { return lines_.size(); }

  void EncodeTo(Encoder* e) const;
  // Reads what EncodeTo wrote; article counts and story ids must be at
  // most `max_seq` and `max_story`. A state of format `version` 7 or 8
  // (clusterer_state.cc) kept no count of articles: a line is taken to
  // have been seen once per story it names.
  Status DecodeFrom(Decoder* d, uint64_t max_seq, int64_t max_story, uint64_t version);

 private:
  // 32 bytes, 40 with its key in the table (a busy stream keeps about a
  // million lines a year, in twice as many slots): the time of the article
  // that last had the line is kUndated when it had none, instead of an
  // optional's 16 bytes, and the article count shares a word with the
  // number of articles that carried the line.
  static constexpr UnixSeconds kUndated = INT64_MIN;
  // Article counts a line can keep: a billion articles a day would reach
  // the limit in 197,000 years. A saved line beyond it is refused as
  // damaged; a stream counted beyond it (only a forged state could be)
  // keeps the low bits, and its undated lines then count as never seen.
  static constexpr int kSeqBits = 56;
  struct Line {
    int64_t stories[kOutletLineStories] = {};  // distinct, 0 = none yet
    UnixSeconds last_time = kUndated;
    uint64_t last_seq : kSeqBits = 0;
    uint64_t articles : 64 - kSeqBits = 0;  // that carried it, up to kOutletLineArticles
  };
  static_assert(sizeof(Line) == 32);
  bool Live(const Line& line, const Clock& clock) const;
  // Where story `story` (0: none) is now, following moved_.
  int64_t Resolve(int64_t story) const;
  // Puts the line's stories through Resolve; a story named twice once.
  // Whether anything changed.
  bool Normalise(Line* line) const;
  // Normalises every line and forgets the moves.
  void ApplyMoves();

  int64_t window_seconds_;
  // Flat tables (base/flat_u64_map.h): every line of every article is
  // recorded and asked about, and std::unordered_map's node per line cost
  // an allocation and two cache misses each time.
  FlatU64Map<Line> lines_;
  // The keys of lines_ seen in kOutletLineStories stories: the few that
  // IsOutletLine finds, in a table small enough to stay in the caches.
  FlatU64Map<bool> outlet_;
  // Stories that went, and where (MoveStory), until Sweep writes them into
  // the lines: at most kMaxMoves (a second look moves about one story in
  // 700 articles), so the lines are not rewritten at each move and the
  // lookups of Resolve stay in the caches.
  FlatU64Map<int64_t> moved_;
  size_t swept_size_ = 0;  // lines_.size() after the last sweep
};

}  // namespace newsloom

#endif  // NEWSLOOM_CLUSTER_OUTLET_LINES_H_
