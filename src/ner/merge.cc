#include "ner/merge.h"

#include <algorithm>
#include <map>

#include "ner/features.h"
#include "ner/titles.h"

namespace newsloom {
namespace {

std::string Lower(std::string_view w) {
  WordInfo info;
  DescribeWord(w, &info);
  return info.lower;
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct Named {
  size_t index;
  std::string display;             // name as written, titles stripped
  std::vector<std::string> words;  // lower case
  EntityType type;
};

bool Contains(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// `words` with a genitive s dropped from the last word ("macrons").
std::vector<std::string> WithoutGenitive(std::vector<std::string> words) {
  std::string& last = words.back();
  if (last.size() > 2 && last.back() == 's') last.pop_back();
  return words;
}

}  // namespace

std::vector<ArticleEntity> MergeMentions(std::string_view text,
                                         std::span<const EntityMention> mentions,
                                         std::string_view lang) {
  std::vector<Named> named;
  for (size_t i = 0; i < mentions.size(); ++i) {
    const EntityMention& m = mentions[i];
    if (m.start >= m.end || m.end > text.size()) continue;
    std::vector<std::string_view> words = SplitSpaces(text.substr(m.start, m.end - m.start));
    // A person's titles are not their name ("President Joe Biden"); an
    // organisation's or a place's first word is ("General Motors", the
    // "Foreign Office", "King's Lynn").
    const bool may_have_titles =
        m.type == EntityType::kPer || m.type == EntityType::kUnknown;
    size_t first = 0;
    while (may_have_titles && first < words.size() && IsTitleWord(words[first], lang)) {
      ++first;
    }
    if (first == words.size()) continue;
    Named n{i, "", {}, m.type};
    for (size_t k = first; k < words.size(); ++k) {
      std::string_view w = words[k];
      if (k + 1 == words.size() && lang == "en") {
        if (w.ends_with("'s")) w.remove_suffix(2);
        else if (w.ends_with("\u2019s")) w.remove_suffix(4);
      }
      if (w.empty()) continue;
      if (!n.display.empty()) n.display += " ";
      n.display += w;
      n.words.push_back(Lower(w));
    }
    if (!n.words.empty()) named.push_back(std::move(n));
  }
  // Longest first; ties in text order (stable).
  std::vector<size_t> order(named.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return named[a].words.size() > named[b].words.size();
  });
  struct Building {
    std::vector<std::string> words;
    std::string display;
    EntityType type;
    std::vector<size_t> mentions;
  };
  std::vector<Building> entities;
  const bool genitive_s = lang != "en";
  for (size_t o : order) {
    const Named& n = named[o];
    std::vector<std::string> bare = WithoutGenitive(n.words);
    int best = -1;
    for (size_t e = 0; e < entities.size(); ++e) {
      const Building& b = entities[e];
      bool same = b.words == n.words || (genitive_s && b.words == bare);
      bool part = b.type == EntityType::kPer && n.type == EntityType::kPer &&
                  (Contains(b.words, n.words) || (genitive_s && Contains(b.words, bare)));
      if (!same && !part) continue;
      if (best < 0 || b.mentions.size() > entities[best].mentions.size()) best = int(e);
    }
    if (best < 0 && n.words.size() == 1) {
      // Rule 3: the surname of exactly one person, whatever the tagger said.
      int match = -1, count = 0;
      for (size_t e = 0; e < entities.size(); ++e) {
        const Building& b = entities[e];
        if (b.type == EntityType::kPer && b.words.size() > 1 &&
            (b.words.back() == n.words[0] || (genitive_s && b.words.back() == bare[0]))) {
          match = int(e);
          ++count;
        }
      }
      if (count == 1) best = match;
    }
    if (best < 0) {
      entities.push_back({n.words, n.display, n.type, {n.index}});
    } else {
      entities[best].mentions.push_back(n.index);
    }
  }
  std::vector<ArticleEntity> out;
  for (Building& b : entities) {
    std::sort(b.mentions.begin(), b.mentions.end());
    out.push_back({std::move(b.display), b.type, std::move(b.mentions)});
  }
  std::sort(out.begin(), out.end(), [](const ArticleEntity& a, const ArticleEntity& b) {
    return a.mentions.front() < b.mentions.front();
  });
  return out;
}

}  // namespace newsloom
