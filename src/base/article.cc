#include "base/article.h"

#include <xxhash.h>

#include <cstdio>

#include "base/utf8.h"

namespace newsloom {

std::string LanguageCodeFromTag(std::string_view tag) {
  tag = TrimAscii(tag);
  tag = tag.substr(0, tag.find_first_of("-_"));
  if (tag.size() < 2 || tag.size() > 3) return "";
  std::string code;
  for (char c : tag) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (c < 'a' || c > 'z') return "";
    code += c;
  }
  return code;
}

std::vector<const Article*> CutLongTexts(std::span<const Article* const> articles,
                                         size_t max_bytes, std::deque<Article>* cut) {
  std::vector<const Article*> out(articles.begin(), articles.end());
  for (const Article*& a : out) {
    if (a->text.size() <= max_bytes) continue;
    Article& c = cut->emplace_back(*a);
    c.text.resize(TextPrefixLength(c.text, max_bytes));
    c.text.shrink_to_fit();
    a = &c;
  }
  return out;
}

std::string ArticleId(const Article& a) {
  uint64_t h;
  if (!a.url.empty()) {
    h = XXH64(a.url.data(), a.url.size(), /*seed=*/1);
  } else {
    XXH64_state_t* st = XXH64_createState();
    XXH64_reset(st, /*seed=*/2);
    // Field separators keep ("ab","c") and ("a","bc") apart.
    const char sep = '\0';
    XXH64_update(st, a.source.data(), a.source.size());
    XXH64_update(st, &sep, 1);
    XXH64_update(st, a.title.data(), a.title.size());
    XXH64_update(st, &sep, 1);
    XXH64_update(st, a.text.data(), a.text.size());
    h = XXH64_digest(st);
    XXH64_freeState(st);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace newsloom
