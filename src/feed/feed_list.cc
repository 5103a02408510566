#include "feed/feed_list.h"

#include <algorithm>
#include <cstdint>

#include "base/utf8.h"

namespace newsloom {

Result<std::vector<std::string>> ParseFeedList(std::string_view text,
                                               std::string_view name) {
  std::vector<std::string> feeds;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? "" : text.substr(nl + 1);
    ++line_no;
    if (const size_t hash = line.find(" #"); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = TrimAscii(line);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(name) + ":" + std::to_string(line_no);
    if (!IsValidUtf8(line)) {
      return Status::InvalidArgument(where + ": not valid UTF-8");
    }
    if (std::any_of(line.begin(), line.end(),
                    [](char c) { return c == ' ' || c == '\t'; })) {
      return Status::InvalidArgument(where + ": white space inside \"" +
                                     Abbreviate(line, 80) +
                                     "\"; one feed per line");
    }
    if (std::find(feeds.begin(), feeds.end(), line) == feeds.end()) {
      feeds.emplace_back(line);
    }
  }
  if (feeds.empty()) {
    return Status::InvalidArgument(std::string(name) + ": no feeds listed");
  }
  return feeds;
}

Result<std::chrono::seconds> ParseInterval(std::string_view text) {
  constexpr int64_t kMaxSeconds = 7 * 24 * 3600;
  auto bad = [&]() {
    return Status::InvalidArgument("interval \"" + Abbreviate(text, 40) +
                                   "\": write a whole number and s, m or h "
                                   "(30s, 10m, 1h), at most a week");
  };
  const std::string_view t = TrimAscii(text);
  if (t.size() < 2 || t.size() > 10) return bad();
  int64_t n = 0;
  for (char c : t.substr(0, t.size() - 1)) {
    if (c < '0' || c > '9') return bad();
    n = n * 10 + (c - '0');
  }
  int64_t unit = 0;
  switch (t.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    default:
      return bad();
  }
  if (n == 0 || n * unit > kMaxSeconds) return bad();
  return std::chrono::seconds(n * unit);
}

}  // namespace newsloom
