#include "engine/annotations.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "engine/entities.h"
#include "engine/name_keys.h"
#include "ner/merge.h"
#include "ner/model.h"
#include "ner/recognizer.h"
#include "quotes/quotes.h"
#include "text/normalize.h"
#include "text/stop_words.h"
#include "timex/timex.h"

namespace newsloom {
namespace {

std::string_view Slice(std::string_view text, uint32_t start, uint32_t end) {
  if (start > end || end > text.size()) return {};
  return text.substr(start, end - start);
}


bool IsWordSeparator(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-';
}

// Calls `f` with each word of `text` (the runs between IsWordSeparator
// characters) until it returns true; returns whether one did.
template <typename F>
bool AnyWord(std::string_view text, F&& f) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsWordSeparator(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && !IsWordSeparator(text[j])) ++j;
    if (j > i && f(text.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

// The ISO weekday (1 = Monday) a word of `text` names in `lang`, or 0.
int WeekdayNamed(NameKeys& keys, std::string_view text, std::string_view lang) {
  std::string norm;
  int weekday = 0;
  AnyWord(text, [&](std::string_view word) {
    NormalizeWord(word, &norm);
    const int w = keys.Calendar(norm, lang).weekday;  // Sunday = 1
    if (w != 0) weekday = w == 1 ? 7 : w - 1;
    return w != 0;
  });
  return weekday;
}

// Whether `words` (the words of a speaker phrase before a name in it)
// contain a preposition: the small closed class news uses to attach the
// one a speaker speaks for ("spokesperson for", "talsmand for", "porte-
// parole de", "Sprecher von", "portavoz de").
bool AfterPreposition(std::string_view words) {
  static constexpr std::string_view kPrepositions[] = {
      "for", "of", "from", "at", "to", "with", "de", "du", "des", "d'", "del",
      "della", "di", "von", "van", "af", "til", "hos", "från", "för", "av",
      "da", "do", "dos", "das", "z", "od", "dla"};
  std::string norm;
  return AnyWord(words, [&](std::string_view word) {
    NormalizeWord(word, &norm);
    return std::find(std::begin(kPrepositions), std::end(kPrepositions), norm) !=
           std::end(kPrepositions);
  });
}

// A mention found in one article of the set.
struct Seen {
  size_t article;
  size_t index;       // into that article's entities
  std::string name;   // the article's name for the entity
};

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

// English text names a person once with a title before the name ("French
// President Emmanuel Macron", "Kremlin spokesperson Dmitry Peskov") and
// then by the title alone ("the French president said"). Each such later
// "the TITLE" (case aside, not followed by a capitalised word, the title of
// one person only) becomes a mention of that person, spanning the title.
void AddTitleMentions(const Article& a, std::vector<EntityAnnotation>* entities,
                      std::vector<Seen>* seen, size_t article) {
  if (a.lang != "en") return;
  const std::string_view text = a.text;
  std::map<std::string, int> owner;  // title -> index of its person, -1 if several
  for (size_t k = 0; k < entities->size(); ++k) {
    const EntityAnnotation& e = (*entities)[k];
    if (e.type != "PER") continue;
    // Up to three capitalised words right before the name, the last of
    // them (nearest the name) included first.
    size_t begin = e.start;
    int words = 0;
    while (words < 3) {
      size_t j = begin;
      if (j == 0 || text[j - 1] != ' ') break;
      --j;
      size_t w = j;
      while (w > 0 && (IsAsciiLetter(text[w - 1]) || text[w - 1] == '-')) --w;
      if (w == j || !IsAsciiUpper(text[w])) break;
      begin = w;
      ++words;
      const std::string title = AsciiLower(text.substr(begin, e.start - 1 - begin));
      auto [it, added] = owner.emplace(title, static_cast<int>(k));
      if (!added && it->second >= 0 && (*entities)[it->second].key != e.key) {
        it->second = -1;  // two people share the title
      }
    }
  }
  if (owner.empty()) return;
  const std::string lower = AsciiLower(text);
  std::vector<EntityAnnotation> found;
  for (const auto& [title, k] : owner) {
    if (k < 0 || title.find(' ') == std::string::npos) continue;  // "President" alone is too vague
    const std::string needle = "the " + title;
    for (size_t at = lower.find(needle); at != std::string::npos;
         at = lower.find(needle, at + 1)) {
      const size_t end = at + needle.size();
      if (at > 0 && IsAsciiLetter(text[at - 1])) continue;
      if (end < text.size() && IsAsciiLetter(text[end])) continue;
      // "the French President Emmanuel Macron" is the name's own mention.
      if (end + 1 < text.size() && text[end] == ' ' && IsAsciiUpper(text[end + 1])) continue;
      const EntityAnnotation& person = (*entities)[k];
      EntityAnnotation m = person;
      m.start = static_cast<uint32_t>(at + 4);
      m.end = static_cast<uint32_t>(end);
      m.text = std::string(text.substr(m.start, m.end - m.start));
      found.push_back(std::move(m));
    }
  }
  for (EntityAnnotation& m : found) {
    // The name the article gives the person (as its other mentions have).
    std::string name = m.text;
    for (const Seen& s : *seen) {
      if (s.article == article && (*entities)[s.index].key == m.key) {
        name = s.name;
        break;
      }
    }
    seen->push_back({article, entities->size(), name});
    entities->push_back(std::move(m));
  }
}

}  // namespace

std::optional<CivilDay> DayOfValue(std::string_view value) {
  if (value.size() != 10 && (value.size() < 11 || value[10] != 'T')) return std::nullopt;
  return ParseDay(value.substr(0, 10));
}

std::optional<CivilDay> PublicationDay(const Article& a) {
  const std::optional<UnixSeconds> t = PublishedLocal(a);
  if (!t) return std::nullopt;
  return DayFromNumber(UtcDay(*t));
}

struct Annotator::Impl {
  AnnotatorOptions options;
  NameKeys keys;
  TimexTagger timex;
  QuoteFinder quotes;
  std::unique_ptr<NerModels> models;
  std::unique_ptr<EntityRecognizer> recognizer;
  std::vector<EntityMention> mentions;
  std::vector<std::string> warnings;

  explicit Impl(AnnotatorOptions o) : options(std::move(o)) {}

  // The entity models are read when the first article is annotated, not
  // when the Annotator is made: `show` and `report` of a story whose
  // annotations are stored, and each connection `serve` opens, need none
  // (reading them takes about 0.2 s).
  EntityRecognizer& Recognizer() {
    if (recognizer == nullptr) LoadModels();
    return *recognizer;
  }
  void LoadModels() {
    Result<std::unique_ptr<NerModels>> loaded = NerModels::LoadDir(options.ner_model_dir);
    if (loaded.ok()) {
      models = std::move(*loaded);
      if (models->Languages().empty()) {
        // A binary moved away from its models, or a wrong
        // NEWSLOOM_NER_MODELS: said, as a broken model is.
        const std::string dir =
            options.ner_model_dir.empty() ? DefaultNerModelDir() : options.ner_model_dir;
        warnings.push_back("no entity models (*.nermodel) in " + dir +
                           " (names found by the capitalisation heuristic instead; "
                           "NEWSLOOM_NER_MODELS names the folder)");
      }
    } else {
      // A broken model is reported, and names are still found by the
      // heuristic every language without a model gets.
      warnings.push_back(loaded.status().ToString() +
                         " (names found by the capitalisation heuristic instead)");
      Result<std::unique_ptr<NerModels>> none = NerModels::LoadDir("/nonexistent/newsloom-ner");
      models = std::move(*none);
    }
    recognizer = std::make_unique<EntityRecognizer>(*models);
  }

  struct Found {
    uint32_t start, end;
    std::string type;
    std::string name;  // the article's name for the entity it belongs to
  };
  std::vector<Found> FindNames(const Article& a);

  // The key of a name as written in `lang`: its territory when the whole
  // name is one; a place (`place`: the recogniser says LOC) may be a city
  // ("Kyiv", "Киеву", "New York" -> "@kiev", "@new_york"); else the keys of
  // its words ("Davis" the person keeps "davis").
  std::string KeyOfName(std::string_view surface, std::string_view lang,
                        bool place);

  // German capitalises every noun, so the recogniser reads the first
  // capitalised word after an article as a noun ("die Regierung") and
  // misses a one-word name there ("die Nato", "der Kreml"). In an article
  // of such a language, such a word (text/stop_words.h ArticleNouns)
  // outside every entity whose key is that of a one-word entity of the
  // set (`one_word`: key -> an annotation of it; the English "NATO", or
  // "Nato" where the German text has no article before it) is a mention
  // of that entity. The quote finder is not told (as for AddTitleMentions).
  void AddNamesTheSetKnows(
      const Article& a, const std::map<std::string, EntityAnnotation>& one_word,
      std::vector<EntityAnnotation>* entities, std::vector<Seen>* seen, size_t article);
};

std::string Annotator::Impl::KeyOfName(std::string_view surface,
                                       std::string_view lang, bool place) {
  surface = StripPossessive(surface);
  std::string norm;
  NormalizeWord(surface, &norm);
  std::string_view territory =
      place ? keys.Place(norm, lang) : keys.Territory(norm, lang);
  if (!territory.empty()) return std::string(territory);
  std::string key;
  std::string word_norm;
  std::string city;  // of a one-word place name
  std::vector<std::string> norms;  // of the words that have keys
  AnyWord(surface, [&](std::string_view word) {
    NormalizeWord(StripPossessive(word), &word_norm);
    const NameKeys::Keyed& k = keys.KeyAndCity(word_norm, lang);
    if (!k.key.empty()) {
      if (!key.empty()) key += ' ';
      key += k.key;
      if (place) {
        city = k.city;
        norms.push_back(word_norm);
      }
    }
    return false;  // every word
  });
  if (place && norms.size() == 1 && !city.empty()) return city;
  if (place && norms.size() == 2) {
    const std::string_view pair = keys.TerritoryPair(norms[0], norms[1], lang);
    if (!pair.empty()) return std::string(pair);
  }
  return key;
}

std::vector<Annotator::Impl::Found> Annotator::Impl::FindNames(const Article& a) {
  Recognizer().Find(a.text, a.lang, &mentions);
  std::vector<Found> out(mentions.size());
  for (size_t i = 0; i < mentions.size(); ++i) {
    out[i] = {mentions[i].start, mentions[i].end,
              std::string(EntityTypeName(mentions[i].type)), {}};
  }
  // "Macron" and "Mr Macron" after "Emmanuel Macron": the article's name
  // for the person.
  for (const ArticleEntity& e : MergeMentions(a.text, mentions, a.lang)) {
    for (size_t m : e.mentions) {
      if (m < out.size()) {
        out[m].name = e.name;
        out[m].type = std::string(EntityTypeName(e.type));
      }
    }
  }
  return out;
}

Annotator::Annotator(AnnotatorOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

void Annotator::LoadModels() { impl_->Recognizer(); }

const AnnotatorOptions& Annotator::options() const { return impl_->options; }
Annotator::~Annotator() = default;

const std::vector<std::string>& Annotator::warnings() const {
  return impl_->warnings;
}

void Annotator::Impl::AddNamesTheSetKnows(
    const Article& a, const std::map<std::string, EntityAnnotation>& one_word,
    std::vector<EntityAnnotation>* entities, std::vector<Seen>* seen, size_t article) {
  if (one_word.empty() || !CapitalisesNouns(a.lang)) return;
  const std::string_view text = a.text;
  std::vector<std::pair<uint32_t, uint32_t>> taken;
  for (const EntityAnnotation& e : *entities) taken.emplace_back(e.start, e.end);
  std::sort(taken.begin(), taken.end());
  const auto inside = [&](uint32_t begin, uint32_t end) {
    auto it = std::upper_bound(taken.begin(), taken.end(), std::make_pair(begin, UINT32_MAX));
    if (it != taken.begin() && std::prev(it)->second > begin) return true;
    return it != taken.end() && it->first < end;
  };
  std::vector<EntityAnnotation> found;
  // Texts are cut at options.max_text_bytes (1 MiB) before they get here.
  const int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  ArticleNouns nouns(a.lang);
  size_t sentence = 0;
  int32_t i = 0, last_end = 0;
  while (i < n) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    int32_t end = i;
    while (end < n) {
      int32_t next = end;
      UChar32 d;
      U8_NEXT(text.data(), next, n, d);
      if (d < 0 || !u_isalnum(d)) break;
      end = next;
    }
    i = end;
    // What stands between this word and the last: a sentence's end, or
    // punctuation that ends an article's phrase.
    const std::string_view between = text.substr(last_end, begin - last_end);
    last_end = end;
    if (between.find_first_of(".!?") != std::string_view::npos) ++sentence;
    if (between.find_first_not_of(" \t\r\n") != std::string_view::npos) nouns.Break();
    const std::string_view word = text.substr(begin, end - begin);
    const bool after_article =
        nouns.AfterArticle(AsciiLower(word), u_isupper(c) != 0, sentence);
    // Only where the recogniser read a noun ("die Nato"), and a word, not
    // the start of a compound ("Nato-Gipfel").
    if (!after_article || (end < n && text[end] == '-')) continue;
    if (inside(static_cast<uint32_t>(begin), static_cast<uint32_t>(end))) continue;
    const auto known = one_word.find(KeyOfName(word, a.lang, false));
    if (known == one_word.end()) continue;
    EntityAnnotation m = known->second;
    m.start = static_cast<uint32_t>(begin);
    m.end = static_cast<uint32_t>(end);
    m.text = std::string(word);
    found.push_back(std::move(m));
  }
  for (EntityAnnotation& m : found) {
    seen->push_back({article, entities->size(), m.text});
    entities->push_back(std::move(m));
  }
}

std::vector<ArticleAnnotations> Annotator::Annotate(
    std::span<const Article* const> whole) {
  Impl& m = *impl_;
  std::deque<Article> cut;
  const std::vector<const Article*> articles =
      CutLongTexts(whole, m.options.max_text_bytes, &cut);
  std::vector<ArticleAnnotations> out(articles.size());

  // ---- Entities: per article, then joined across the set. ----
  std::vector<Seen> seen;
  std::vector<std::vector<NameSpan>> names(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = *articles[i];
    for (const Impl::Found& r : m.FindNames(a)) {
      EntityAnnotation e;
      e.start = r.start;
      e.end = r.end;
      // The span leaves the possessive out, like the key.
      const std::string_view surface =
          StripPossessive(Slice(a.text, e.start, e.end));
      e.end = e.start + static_cast<uint32_t>(surface.size());
      e.text = std::string(surface);
      e.type = r.type;
      e.key = m.KeyOfName(r.name.empty() ? surface : std::string_view(r.name),
                          a.lang, r.type == "LOC");
      if (e.key.empty()) continue;  // a calendar word ("Monday")
      names[i].push_back({e.start, e.end,
                          e.type == "PER"   ? NameType::kPerson
                          : e.type == "ORG" ? NameType::kOrganization
                          : e.type == "LOC" ? NameType::kLocation
                                            : NameType::kMisc});
      seen.push_back({i, out[i].entities.size(),
                      r.name.empty() ? std::string(surface) : r.name});
      out[i].entities.push_back(std::move(e));
    }
  }
  // "die Nato" when the set names NATO elsewhere: by a typed entity (a
  // model's, or a place the heuristic found in CLDR's names; its other
  // NAMEs of a German text are as often nouns, "Waffen", and would
  // spread).
  {
    // Copies: the lists they come from grow below.
    std::map<std::string, EntityAnnotation> one_word;
    for (const ArticleAnnotations& o : out) {
      for (const EntityAnnotation& e : o.entities) {
        if (e.type != "NAME" && e.key.find(' ') == std::string::npos) {
          one_word.try_emplace(e.key, e);
        }
      }
    }
    for (size_t i = 0; i < articles.size(); ++i) {
      m.AddNamesTheSetKnows(*articles[i], one_word, &out[i].entities, &seen, i);
    }
  }
  // "the French president" after "French President Emmanuel Macron".
  for (size_t i = 0; i < articles.size(); ++i) {
    AddTitleMentions(*articles[i], &out[i].entities, &seen, i);
  }
  auto entity = [&](const Seen& s) -> EntityAnnotation& {
    return out[s.article].entities[s.index];
  };
  // Across the set: "French President Emmanuel Macron" and "Macron" are
  // Emmanuel Macron (entities.h).
  std::set<std::string> keys;
  for (const Seen& s : seen) keys.insert(entity(s).key);
  std::vector<bool> folded(seen.size(), false);  // key changed by a fold
  for (size_t k = 0; k < seen.size(); ++k) {
    std::string& key = entity(seen[k]).key;
    std::string shorter = ShortestKnownSuffix(key, keys);
    folded[k] = shorter != key;
    key = std::move(shorter);
  }
  std::map<std::string, std::set<size_t>> articles_of;
  for (const Seen& s : seen) articles_of[entity(s).key].insert(s.article);
  // "Mouammar Kadhafi", "Muamar el Gadafi" -> one spelling (entities.h).
  const std::map<std::string, std::string> respelt = SpellingJoins(articles_of);
  if (!respelt.empty()) {
    articles_of.clear();
    for (size_t k = 0; k < seen.size(); ++k) {
      std::string& key = entity(seen[k]).key;
      if (auto r = respelt.find(key); r != respelt.end()) {
        key = r->second;
        folded[k] = true;
      }
      articles_of[key].insert(seen[k].article);
    }
  }
  const std::map<std::string, std::string> joins = SurnameJoins(articles_of);
  // Display names and types: places by their CLDR name; others by the
  // most frequent name and type of the mentions written with exactly the
  // key's words (not "Macron", not "Ukraine Dmytro Kuleba"), or of all
  // mentions when there are none.
  struct Tally {
    std::map<std::string, int> forms, types;           // exact mentions
    std::map<std::string, int> any_forms, any_types;   // all mentions
  };
  std::map<std::string, Tally> tallies;
  for (size_t k = 0; k < seen.size(); ++k) {
    const Seen& s = seen[k];
    EntityAnnotation& e = entity(s);
    auto join = joins.find(e.key);
    const bool exact = join == joins.end() && !folded[k];
    if (join != joins.end()) e.key = join->second;
    Tally& t = tallies[e.key];
    ++t.any_forms[s.name];
    ++t.any_types[e.type];
    if (exact) {
      ++t.forms[s.name];
      ++t.types[e.type];
    }
  }
  for (auto& [key, t] : tallies) {
    if (t.forms.empty()) t.forms = t.any_forms;
    if (t.types.empty()) t.types = t.any_types;
  }
  std::map<std::string, std::pair<std::string, std::string>> canonical;
  for (auto& [key, t] : tallies) {
    std::string name = PlaceName(key);
    if (name.empty()) {
      int best = -1;
      for (const auto& [form, n] : t.forms) {
        if (n > best) {
          best = n;
          name = form;
        }
      }
    }
    std::string type;
    int best = -1;
    for (const auto& [ty, n] : t.types) {
      if (n > best) {
        best = n;
        type = ty;
      }
    }
    if (key.front() == '@') type = "LOC";
    canonical[key] = {name, type};
  }
  for (const Seen& s : seen) {
    EntityAnnotation& e = entity(s);
    const auto& [name, type] = canonical[e.key];
    if (!name.empty()) e.name = name;
    else e.name = e.text;
    e.type = type;
  }

  // Title mentions were appended: text order again.
  for (ArticleAnnotations& a : out) {
    std::stable_sort(a.entities.begin(), a.entities.end(),
                     [](const EntityAnnotation& x, const EntityAnnotation& y) {
                       return x.start < y.start;
                     });
  }

  // ---- Dates: own anchors first, then undated articles from the set. ----
  std::vector<std::vector<Timex>> found(articles.size());
  std::set<int64_t> pinned;  // day numbers the set states
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = *articles[i];
    const std::optional<CivilDay> anchor = PublicationDay(a);
    if (anchor) pinned.insert(DayNumber(*anchor));
    found[i] = m.timex.Tag(a.text, a.lang, anchor);
    for (const Timex& t : found[i]) {
      if (t.type != TimexType::kDate && t.type != TimexType::kTime) continue;
      if (!anchor && t.spec.NeedsAnchor()) continue;
      if (std::optional<CivilDay> d = DayOfValue(t.value)) pinned.insert(DayNumber(*d));
    }
  }
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = *articles[i];
    if (PublicationDay(a) || pinned.empty()) continue;
    // Candidate anchors: each stated day and the day after it ("yesterday"
    // in a text written the next day). Score: relative day expressions
    // landing on another stated day; an expression naming a weekday must
    // land on that weekday. Ties go to the earliest candidate; no evidence,
    // no anchor (values keep their X's).
    std::set<int64_t> candidates;
    for (int64_t d : pinned) {
      candidates.insert(d);
      candidates.insert(d + 1);
    }
    int best_score = 0;
    std::optional<CivilDay> best;
    for (int64_t c : candidates) {
      const CivilDay anchor = DayFromNumber(c);
      int score = 0;
      for (const Timex& t : found[i]) {
        if ((t.type != TimexType::kDate && t.type != TimexType::kTime) ||
            !t.spec.NeedsAnchor()) {
          continue;
        }
        const std::optional<CivilDay> d = DayOfValue(ResolveSpec(t.spec, anchor));
        if (!d) continue;
        if (const int wd = WeekdayNamed(m.keys, t.text, a.lang);
            wd != 0 && IsoWeekday(*d) != wd) {
          score -= 1;
          continue;
        }
        // The candidate itself is no evidence ("today", a weekday that
        // is the anchor's own): every candidate would have it.
        if (DayNumber(*d) != c && pinned.count(DayNumber(*d))) ++score;
      }
      if (score > best_score) {
        best_score = score;
        best = anchor;
      }
    }
    if (best) {
      for (Timex& t : found[i]) t = Resolve(t, best);
    }
  }
  for (size_t i = 0; i < articles.size(); ++i) {
    for (const Timex& t : found[i]) {
      DateAnnotation d;
      d.start = static_cast<uint32_t>(t.start);
      d.end = static_cast<uint32_t>(t.end);
      d.text = t.text;
      d.type = std::string(TimexTypeName(t.type));
      d.value = t.value;
      d.anchor = t.anchor;
      out[i].dates.push_back(std::move(d));
    }
  }

  // ---- Quotes, with speakers as entities. ----
  std::vector<Quotation> quotes;
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = *articles[i];
    m.quotes.Find(a.text, a.lang, names[i], &quotes);
    for (const Quotation& q : quotes) {
      QuoteAnnotation o;
      o.start = q.content.start;
      o.end = q.content.end;
      o.text = std::string(Slice(a.text, o.start, o.end));
      o.kind = std::string(QuoteKindName(q.kind));
      o.speaker_start = q.speaker.start;
      o.speaker_end = q.speaker.end;
      o.source = std::string(Slice(a.text, q.source.start, q.source.end));
      // The entity the speaker's name is: one inside speaker_name.
      const ByteSpan who = q.speaker_name.empty() ? q.speaker : q.speaker_name;
      // A time is no speaker ("No deaths had been reported by early
      // Monday"): such an indirect quotation is none; a direct one keeps
      // its words and has no speaker.
      if (!who.empty() &&
          std::any_of(out[i].dates.begin(), out[i].dates.end(), [&](const DateAnnotation& d) {
            return d.start < who.end && who.start < d.end;
          })) {
        if (q.kind != QuoteKind::kDirect) continue;
        o.speaker_start = o.speaker_end = 0;
        out[i].quotes.push_back(std::move(o));
        continue;
      }
      const std::vector<EntityAnnotation>& entities = out[i].entities;
      auto e = std::lower_bound(
          entities.begin(), entities.end(), who.start,
          [](const EntityAnnotation& x, uint32_t at) { return x.start < at; });
      // The first name in the speaker's words; of names over the same
      // words, the longest ("the French president" is Emmanuel Macron, the
      // PER over it, not "French", the MISC inside it).
      const EntityAnnotation* named = nullptr;
      // The quote finder's name may be the adjective of such a phrase.
      const uint32_t phrase_end =
          q.speaker.start <= who.start && who.end <= q.speaker.end ? q.speaker.end : who.end;
      for (; e != entities.end() && e->start < who.end; ++e) {
        if (named != nullptr && e->start >= named->end) break;
        // "a spokesperson for Rishi Sunak": a name after a preposition is
        // whom the speaker speaks for, not the speaker.
        const uint32_t phrase_start =
            q.speaker.start <= e->start && e->start < q.speaker.end ? q.speaker.start
                                                                     : who.start;
        if (AfterPreposition(Slice(a.text, phrase_start, e->start))) break;
        const uint32_t end_bound = named == nullptr ? who.end : phrase_end;
        if (e->end <= end_bound && e->type != "LOC" &&
            (named == nullptr || e->end - e->start > named->end - named->start)) {
          named = &*e;
        }
      }
      if (named != nullptr) {
        o.speaker = named->name;
        o.speaker_key = named->key;
      }
      if (o.speaker.empty()) {
        // The words naming the speaker; for "he", the name it stands for.
        const bool inside = q.speaker_name.start >= q.speaker.start &&
                            q.speaker_name.end <= q.speaker.end;
        const ByteSpan shown = inside || q.speaker_name.empty() ? q.speaker : q.speaker_name;
        o.speaker = std::string(Slice(a.text, shown.start, shown.end));
      }
      out[i].quotes.push_back(std::move(o));
    }
  }
  return out;
}

namespace {

std::string StringField(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

uint32_t OffsetField(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_number_unsigned()) return 0;
  const uint64_t v = it->get<uint64_t>();
  return v > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(v);
}

}  // namespace

std::optional<ArticleAnnotations> AnnotationsFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  static const nlohmann::json kNone = nlohmann::json::array();
  auto list = [&](const char* key) -> const nlohmann::json* {
    const auto it = j.find(key);
    if (it == j.end()) return &kNone;
    return it->is_array() ? &*it : nullptr;
  };
  const nlohmann::json* entities = list("entities");
  const nlohmann::json* dates = list("dates");
  const nlohmann::json* quotes = list("quotes");
  if (entities == nullptr || dates == nullptr || quotes == nullptr) return std::nullopt;
  ArticleAnnotations a;
  for (const nlohmann::json& e : *entities) {
    if (!e.is_object()) continue;
    a.entities.push_back({OffsetField(e, "start"), OffsetField(e, "end"), StringField(e, "text"),
                          StringField(e, "type"), StringField(e, "key"),
                          StringField(e, "name")});
  }
  for (const nlohmann::json& d : *dates) {
    if (!d.is_object()) continue;
    a.dates.push_back({OffsetField(d, "start"), OffsetField(d, "end"), StringField(d, "text"),
                       StringField(d, "type"), StringField(d, "value"),
                       StringField(d, "anchor")});
  }
  for (const nlohmann::json& q : *quotes) {
    if (!q.is_object()) continue;
    QuoteAnnotation o;
    o.start = OffsetField(q, "start");
    o.end = OffsetField(q, "end");
    o.text = StringField(q, "text");
    o.kind = StringField(q, "kind");
    o.speaker = StringField(q, "speaker");
    o.speaker_key = StringField(q, "speaker_key");
    o.speaker_start = OffsetField(q, "speaker_start");
    o.speaker_end = OffsetField(q, "speaker_end");
    o.source = StringField(q, "source");
    a.quotes.push_back(std::move(o));
  }
  return a;
}

nlohmann::json AnnotationsToJson(const ArticleAnnotations& a) {
  nlohmann::json entities = nlohmann::json::array();
  for (const EntityAnnotation& e : a.entities) {
    entities.push_back({{"text", e.text}, {"key", e.key}, {"name", e.name},
                        {"type", e.type}, {"start", e.start}, {"end", e.end}});
  }
  nlohmann::json dates = nlohmann::json::array();
  for (const DateAnnotation& d : a.dates) {
    dates.push_back({{"text", d.text}, {"value", d.value}, {"type", d.type},
                     {"anchor", d.anchor}, {"start", d.start}, {"end", d.end}});
  }
  nlohmann::json quotes = nlohmann::json::array();
  for (const QuoteAnnotation& q : a.quotes) {
    quotes.push_back({{"text", q.text}, {"speaker", q.speaker},
                      {"speaker_key", q.speaker_key}, {"kind", q.kind},
                      {"source", q.source}, {"start", q.start}, {"end", q.end},
                      {"speaker_start", q.speaker_start},
                      {"speaker_end", q.speaker_end}});
  }
  return {{"entities", std::move(entities)},
          {"dates", std::move(dates)},
          {"quotes", std::move(quotes)}};
}

}  // namespace newsloom
