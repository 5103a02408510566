// The feeds file of `newsloom watch`, and its poll interval.
//
// A feeds file lists one feed per line: an http(s) URL, a file:// URL or a
// path. Blank lines and lines whose first non-blank character is '#' are
// ignored, as is anything after " #" on a line; surrounding white space is
// trimmed. A feed listed twice is polled once.
//
// Thread safety: all functions are thread-safe.
#ifndef NEWSLOOM_FEED_FEED_LIST_H_
#define NEWSLOOM_FEED_FEED_LIST_H_

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsloom {

// The feeds of a feeds file's text, in order, without repeats. `name`
// names the file in errors. InvalidArgument "NAME:LINE: ..." for a line
// that is not valid UTF-8 or contains white space inside the address;
// InvalidArgument "NAME: no feeds listed" when none remains.
Result<std::vector<std::string>> ParseFeedList(std::string_view text,
                                               std::string_view name);

// A poll interval: a positive whole number and a unit, "30s", "10m",
// "1h". InvalidArgument naming the text for anything else (no unit, zero,
// other units, more than a week).
Result<std::chrono::seconds> ParseInterval(std::string_view text);

}  // namespace newsloom

#endif  // NEWSLOOM_FEED_FEED_LIST_H_
