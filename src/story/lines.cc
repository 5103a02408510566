#include "story/lines.h"

#include <unordered_set>

namespace newsloom {

std::string_view LineAt(std::string_view text, size_t at) {
  const size_t nl = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
  size_t end = text.find('\n', at);
  if (end == std::string_view::npos) end = text.size();
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  };
  while (begin < end && space(text[begin])) ++begin;
  while (end > begin && space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

std::unordered_map<std::string_view, int> ArticlesPerLine(
    std::span<const Article* const> articles) {
  std::unordered_map<std::string_view, int> count;
  std::unordered_set<std::string_view> own;
  for (const Article* a : articles) {
    own.clear();
    const std::string_view text = a->text;
    for (size_t at = 0; at < text.size();) {
      const std::string_view line = LineAt(text, at);
      if (!line.empty() && own.insert(line).second) ++count[line];
      const size_t nl = text.find('\n', at);
      if (nl == std::string_view::npos) break;
      at = nl + 1;
    }
  }
  return count;
}

}  // namespace newsloom
