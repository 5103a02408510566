#include "html/tags.h"

#include <algorithm>
#include <array>
#include <utility>

namespace newsloom {
namespace {

struct TagInfo {
  std::string_view name;
  HtmlTag tag;
  uint8_t flags;
};

// Sorted by name for binary search (the X-macro list is alphabetical;
// Sorted() below makes that an invariant rather than a hope).
template <typename T, size_t N>
constexpr std::array<T, N> Sorted(std::array<T, N> a) {
  std::sort(a.begin(), a.end(),
            [](const T& x, const T& y) { return x.name < y.name; });
  return a;
}

constexpr auto kTags = Sorted(std::to_array<TagInfo>({
#define NEWSLOOM_HTML_TAG_INFO(e, name, flags) {name, HtmlTag::e, flags},
    NEWSLOOM_HTML_TAGS(NEWSLOOM_HTML_TAG_INFO)
#undef NEWSLOOM_HTML_TAG_INFO
}));

// Flags indexed by HtmlTag.
constexpr std::array<uint8_t, static_cast<size_t>(HtmlTag::kCount)> kFlags = [] {
  std::array<uint8_t, static_cast<size_t>(HtmlTag::kCount)> f{};
  for (const TagInfo& t : kTags) f[static_cast<size_t>(t.tag)] = t.flags;
  return f;
}();

struct AttrInfo {
  std::string_view name;
  HtmlAttr attr;
};

constexpr auto kAttrs = Sorted(std::to_array<AttrInfo>({
#define NEWSLOOM_HTML_ATTR_INFO(e, name) {name, HtmlAttr::e},
    NEWSLOOM_HTML_ATTRS(NEWSLOOM_HTML_ATTR_INFO)
#undef NEWSLOOM_HTML_ATTR_INFO
}));

template <typename Table>
auto Find(const Table& table, std::string_view name) {
  auto it = std::lower_bound(
      table.begin(), table.end(), name,
      [](const auto& entry, std::string_view n) { return entry.name < n; });
  return it != table.end() && it->name == name ? it : table.end();
}

}  // namespace

HtmlTag TagFromName(std::string_view lowercase_name) {
  auto it = Find(kTags, lowercase_name);
  return it == kTags.end() ? HtmlTag::kUnknown : it->tag;
}

std::string_view TagName(HtmlTag tag) {
  for (const TagInfo& t : kTags) {
    if (t.tag == tag) return t.name;
  }
  return {};
}

uint8_t TagFlags(HtmlTag tag) { return kFlags[static_cast<size_t>(tag)]; }

HtmlAttr AttrFromName(std::string_view lowercase_name) {
  auto it = Find(kAttrs, lowercase_name);
  return it == kAttrs.end() ? HtmlAttr::kCount : it->attr;
}

}  // namespace newsloom
