#include "engine/entities.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "engine/features.h"

namespace newsloom {
namespace {

bool OnlySpaces(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' '; });
}

struct Mention {
  std::string key;
  std::string surface;
};

// The names of one article, adjacent name words joined ("Emmanuel Macron"),
// at most kMaxNameWords of them (a longer run of capitalised words, a
// title-case text, is several names: one of thousands of words made the
// suffix search quadratic); a place key (territory) stands alone.
std::vector<Mention> Mentions(std::string_view text,
                              const std::vector<FeatureExtractor::NameSpan>& spans) {
  std::vector<Mention> out;
  uint32_t begin = 0, end = 0;
  size_t words = 0;
  bool open = false, open_place = false;
  auto close = [&] {
    if (open) {
      out.back().surface = std::string(text.substr(begin, end - begin));
    }
    open = false;
  };
  for (const FeatureExtractor::NameSpan& s : spans) {
    if (s.key.empty() || s.end > text.size() || s.begin > s.end) continue;
    const bool place = s.key.front() == '@';
    if (open && !open_place && !place && words < kMaxNameWords &&
        s.begin >= end && OnlySpaces(text.substr(end, s.begin - end))) {
      out.back().key += " " + s.key;
      end = s.end;
      ++words;
      continue;
    }
    close();
    out.push_back({s.key, {}});
    begin = s.begin;
    end = s.end;
    words = 1;
    open = true;
    open_place = place;
  }
  close();
  return out;
}

// The most frequent key of `counts`; ties go to the first in byte order.
std::string MostFrequent(const std::map<std::string, int>& counts) {
  std::string best;
  int n = 0;
  for (const auto& [k, c] : counts) {
    if (c > n) {
      n = c;
      best = k;
    }
  }
  return best;
}

struct Tally {
  std::set<size_t> articles;
  int64_t mentions = 0;
  std::vector<EntityForms> forms;
  // How often each form was written: all of them, and those written with
  // exactly the entity's key (StoryEntity::name).
  std::map<std::string, int> all_forms, full_forms;

  // The Annotator's rule for display names (engine/annotations.cc): the
  // most frequent exact form, else the most frequent form; ties go to the
  // first in byte order, so both show an entity by the same name.
  std::string Name(const std::string& key) const {
    std::string place = PlaceName(key);
    if (!place.empty()) return place;
    std::string name = MostFrequent(full_forms.empty() ? all_forms : full_forms);
    return name.empty() ? key : name;
  }

  void Add(size_t article, const std::string& lang, const std::string& surface) {
    articles.insert(article);
    ++mentions;
    auto f = std::find_if(forms.begin(), forms.end(),
                          [&](const EntityForms& x) { return x.lang == lang; });
    if (f == forms.end()) {
      forms.push_back({lang, {}});
      f = forms.end() - 1;
    }
    if (f->surfaces.size() < kMaxSurfacesPerLanguage &&
        std::find(f->surfaces.begin(), f->surfaces.end(), surface) ==
            f->surfaces.end()) {
      f->surfaces.push_back(surface);
    }
  }
};

// Most articles first, then most mentions, then key; at most `limit`.
void Order(std::vector<StoryEntity>* out, size_t limit) {
  std::sort(out->begin(), out->end(), [](const StoryEntity& a, const StoryEntity& b) {
    if (a.articles != b.articles) return a.articles > b.articles;
    if (a.mentions != b.mentions) return a.mentions > b.mentions;
    return a.key < b.key;
  });
  if (limit > 0 && out->size() > limit) out->resize(limit);
}

}  // namespace

std::string ShortestKnownSuffix(const std::string& key,
                                const std::set<std::string>& keys) {
  // From the end: the first suffix of two words or more that `keys` holds
  // is the shortest. Only suffixes of at most kMaxNameWords words are
  // names, so a key of thousands of words (a title-case text) costs no
  // more than a short one.
  size_t words = 0;  // of the suffix after the space at `at`
  for (size_t at = key.rfind(' '); at != std::string::npos && ++words <= kMaxNameWords;
       at = at == 0 ? std::string::npos : key.rfind(' ', at - 1)) {
    if (words < 2) continue;
    std::string suffix = key.substr(at + 1);
    if (keys.count(suffix)) return suffix;
  }
  return key;
}

std::string SpellingSkeleton(std::string_view word) {
  std::string out;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    // "kh", "gh", "dh": one letter in other transliterations ("Khadafi",
    // "Gheddafi", "Kadhafi"); not "h" elsewhere ("Mohamed", "Mahmud").
    if (c == 'h' && i > 0 && (word[i - 1] == 'k' || word[i - 1] == 'g' || word[i - 1] == 'd')) {
      continue;
    }
    if (c == 'o' && i + 1 < word.size() && word[i + 1] == 'u') continue;  // "ou": its "u"
    if (i == 0 && (c == 'g' || c == 'k' || c == 'q')) c = 'k';
    // The vowels transliterations swap: "Gaddafi", "Gheddafi"; "Muammar",
    // "Moammar". Not i: "Alessandro" is not "Alessandria".
    if (c == 'a' || c == 'e') c = 'A';
    if (c == 'o' || c == 'u') c = 'U';
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

namespace {

// A word of a key as SpellingJoins compares it: by its SpellingSkeleton
// when it has six letters or more, as it is when shorter (shorter names
// differ by a vowel too often: "Hamad", "Hamid", "Kerry", "Gerry").
constexpr size_t kMinRespeltWord = 6;

std::string Respelt(std::string_view word) {
  if (word.size() < kMinRespeltWord || word.front() == '@' ||
      !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return std::string(word);
  }
  return SpellingSkeleton(word);
}

// What SpellingJoins compares of a key: "" (never joined) for a one-word
// key ("Kennedy" is not "Ganadi", "Danaro" not "Denaro"); else its first
// word as written but for "ou" ("Mouammar" is "Muamar"; "Daniela Rossi" is
// not "Daniele Rossi"), then the other words by Respelt, less an "al" or
// "el" inside the name.
std::string RespeltKey(std::string_view key) {
  std::vector<std::string_view> words;
  for (size_t at = 0; at <= key.size();) {
    size_t end = key.find(' ', at);
    if (end == std::string_view::npos) end = key.size();
    if (end > at) words.push_back(key.substr(at, end - at));
    at = end + 1;
  }
  if (words.size() < 2) return "";
  std::string out;
  for (size_t i = 0; i < words[0].size(); ++i) {
    if (words[0][i] == 'o' && i + 1 < words[0].size() && words[0][i + 1] == 'u') continue;
    out.push_back(words[0][i]);
  }
  for (size_t i = 1; i < words.size(); ++i) {
    if (i + 1 < words.size() && (words[i] == "al" || words[i] == "el")) continue;
    out += ' ';
    out += Respelt(words[i]);
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> SpellingJoins(
    const std::map<std::string, std::set<size_t>>& articles_of) {
  // Keys by what they compare as; the first of most articles (then byte
  // order: `articles_of` is sorted) stands for each group.
  struct Compared {
    const std::string* key;
    size_t articles;
    std::string respelt;  // RespeltKey, computed once
  };
  std::vector<Compared> compared;
  std::map<std::string, std::pair<size_t, const std::string*>> chosen;
  for (const auto& [key, in] : articles_of) {
    if (key.empty() || key.front() == '@') continue;
    Compared c{&key, in.size(), RespeltKey(key)};
    if (c.respelt.empty()) continue;
    auto [it, added] = chosen.try_emplace(c.respelt, c.articles, &key);
    if (!added && c.articles > it->second.first) it->second = {c.articles, &key};
    compared.push_back(std::move(c));
  }
  std::map<std::string, std::string> joins;
  for (const Compared& c : compared) {
    const std::string& to = *chosen.at(c.respelt).second;
    if (to != *c.key) joins[*c.key] = to;
  }
  return joins;
}

std::map<std::string, std::string> SurnameJoins(
    const std::map<std::string, std::set<size_t>>& articles_of) {
  std::map<std::string, std::vector<std::pair<size_t, std::string>>> longer_by_last;
  for (const auto& [key, in] : articles_of) {
    const size_t space = key.rfind(' ');
    // A place is no surname: "Libia" (@ly) is not "Consejo Nacional
    // Libio" (konseio nakional @ly), however often the council is named.
    // As written: a one-word key compared by its skeleton joined other
    // people ("Kennedy" -> "Nabil El Ganadi", "Gasperi" -> "Maurizio
    // Gasparri").
    if (space != std::string::npos && key.front() != '@' && key[space + 1] != '@') {
      longer_by_last[key.substr(space + 1)].emplace_back(in.size(), key);
    }
  }
  std::map<std::string, std::string> joins;
  for (auto& [last, longer] : longer_by_last) {
    std::sort(longer.rbegin(), longer.rend());
    if (longer.size() == 1 || longer[0].first >= 2 * longer[1].first) {
      joins[last] = longer[0].second;
    }
  }
  return joins;
}

std::vector<StoryEntity> StoryEntities(const std::vector<Article>& articles,
                                       size_t limit) {
  FeatureExtractor fx;
  ClusterInput in;
  struct Seen {
    size_t article;
    std::string lang;
    Mention mention;
    std::string own_key;  // the mention's key as written, before folding
  };
  std::vector<Seen> seen;
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = articles[i];
    fx.Extract(a, &in);
    const std::string_view text = fx.names_in_title() ? a.title : a.text;
    for (Mention& m : Mentions(text, fx.name_spans())) {
      std::string own_key = m.key;
      seen.push_back({i, a.lang, std::move(m), std::move(own_key)});
    }
  }
  // "President Emmanuel Macron" -> "Emmanuel Macron"; "Macron" -> it.
  std::set<std::string> keys;
  for (const Seen& s : seen) keys.insert(s.mention.key);
  for (Seen& s : seen) s.mention.key = ShortestKnownSuffix(s.mention.key, keys);
  std::map<std::string, std::set<size_t>> articles_of;
  for (const Seen& s : seen) articles_of[s.mention.key].insert(s.article);
  // "Kadhafi", "Gadafi" -> one spelling.
  const std::map<std::string, std::string> respelt = SpellingJoins(articles_of);
  if (!respelt.empty()) {
    articles_of.clear();
    for (Seen& s : seen) {
      if (auto r = respelt.find(s.mention.key); r != respelt.end()) s.mention.key = r->second;
      articles_of[s.mention.key].insert(s.article);
    }
  }
  const std::map<std::string, std::string> joins = SurnameJoins(articles_of);
  std::map<std::string, Tally> by_key;
  for (const Seen& s : seen) {
    auto join = joins.find(s.mention.key);
    const std::string& key = join != joins.end() ? join->second : s.mention.key;
    Tally& t = by_key[key];
    t.Add(s.article, s.lang, s.mention.surface);
    ++t.all_forms[s.mention.surface];
    if (s.own_key == key) ++t.full_forms[s.mention.surface];
  }
  std::vector<StoryEntity> out;
  for (auto& [key, t] : by_key) {
    std::string name = t.Name(key);
    out.push_back({key, std::move(name), "", static_cast<int64_t>(t.articles.size()),
                   t.mentions, std::move(t.forms)});
  }
  Order(&out, limit);
  return out;
}

std::vector<StoryEntity> AnnotatedEntities(std::span<const Article* const> articles,
                                           std::span<const ArticleAnnotations> notes,
                                           size_t limit) {
  struct Named : Tally {
    std::map<std::string, int> names, types;
  };
  std::map<std::string, Named> by_key;
  for (size_t i = 0; i < articles.size() && i < notes.size(); ++i) {
    for (const EntityAnnotation& e : notes[i].entities) {
      if (e.key.empty()) continue;
      Named& t = by_key[e.key];
      t.Add(i, articles[i]->lang, e.text);
      ++t.names[e.name.empty() ? e.text : e.name];
      ++t.types[e.type];
    }
  }
  std::vector<StoryEntity> out;
  out.reserve(by_key.size());
  for (auto& [key, t] : by_key) {
    out.push_back({key, MostFrequent(t.names), MostFrequent(t.types),
                   static_cast<int64_t>(t.articles.size()), t.mentions, std::move(t.forms)});
  }
  Order(&out, limit);
  return out;
}

}  // namespace newsloom
