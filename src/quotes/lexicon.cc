// The registry of speech lexicons (lexicon.h) and their compiled tables.
#include "quotes/lexicon.h"

#include <algorithm>
#include <array>
#include <functional>

namespace newsloom {

extern const SpeechLexicon kDanishLexicon;
extern const SpeechLexicon kDutchLexicon;
extern const SpeechLexicon kEnglishLexicon;
extern const SpeechLexicon kFrenchLexicon;
extern const SpeechLexicon kGermanLexicon;
extern const SpeechLexicon kItalianLexicon;
extern const SpeechLexicon kNorwegianLexicon;
extern const SpeechLexicon kPolishLexicon;
extern const SpeechLexicon kPortugueseLexicon;
extern const SpeechLexicon kRussianLexicon;
extern const SpeechLexicon kSpanishLexicon;
extern const SpeechLexicon kSwedishLexicon;
extern const SpeechLexicon kUkrainianLexicon;

namespace {

// The registry: one row per language file.
const SpeechLexicon* const kLexicons[] = {
    &kEnglishLexicon, &kDanishLexicon,   &kGermanLexicon,  &kFrenchLexicon,
    &kSpanishLexicon, &kItalianLexicon,  &kDutchLexicon,   &kSwedishLexicon,
    &kNorwegianLexicon, &kPortugueseLexicon, &kRussianLexicon,
    &kPolishLexicon,  &kUkrainianLexicon,
};
constexpr size_t kLexiconCount = sizeof(kLexicons) / sizeof(kLexicons[0]);

// Calls fn(item) for each `sep`-separated, non-empty item of `list`.
template <typename Fn>
void ForEachItem(std::string_view list, char sep, Fn fn) {
  size_t i = 0;
  while (i <= list.size()) {
    size_t j = list.find(sep, i);
    if (j == std::string_view::npos) j = list.size();
    if (j > i) fn(list.substr(i, j - i));
    i = j + 1;
  }
}

size_t HashWord(std::string_view w) { return std::hash<std::string_view>{}(w); }

}  // namespace

CompiledLexicon::CompiledLexicon(const SpeechLexicon* lexicon)
    : lexicon_(lexicon) {
  // Enough slots to keep the table at most half full.
  table_.resize(1024);
  if (!lexicon) return;
  const SpeechLexicon& l = *lexicon;
  Add(l.speech_verbs, kSpeechVerb);
  Add(l.belief_verbs, kBeliefVerb);
  Add(l.complementizers, kComplementizer);
  Add(l.pronouns, kPronoun);
  Add(l.definites, kDefinite);
  Add(l.titles, kTitle);
  Add(l.fillers, kFiller);
  Add(l.np_breaks, kNpBreak);
  Add(l.anaphoric_openers, kAnaphoric);
  Add(l.np_links, kNpLink);
  Add(l.relatives, kRelative);
  Add(l.ambiguous_verbs, kAmbiguous);
  Add(l.determiners, kDeterminer);
  Add(l.passive_auxiliaries, kPassive);
  Add(l.report_nouns, kReportNoun);
  Add(l.report_links, kReportLink);
  ForEachItem(l.source_phrases, '|', [&](std::string_view phrase) {
    std::vector<std::string_view> words;
    ForEachItem(phrase, ' ', [&](std::string_view w) { words.push_back(w); });
    if (words.empty()) return;
    Add(words[0], kSourceStart);
    sources_.push_back(std::move(words));
  });
  std::stable_sort(sources_.begin(), sources_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  ForEachItem(l.inverted_pronouns, ' ', [&](std::string_view s) { inverted_.push_back(s); });
  std::stable_sort(inverted_.begin(), inverted_.end(),
                   [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
}

size_t CompiledLexicon::InvertedPronounSuffix(std::string_view lower) const {
  for (std::string_view s : inverted_) {
    if (lower.size() > s.size() && lower.ends_with(s)) return s.size();
  }
  return 0;
}

void CompiledLexicon::Add(std::string_view words, uint32_t flag) {
  ForEachItem(words, ' ', [&](std::string_view w) {
    size_t mask = table_.size() - 1;
    for (size_t i = HashWord(w) & mask;; i = (i + 1) & mask) {
      Entry& e = table_[i];
      if (e.word.empty()) {
        e = {w, flag};
        return;
      }
      if (e.word == w) {
        e.flags |= flag;
        return;
      }
    }
  });
}

uint32_t CompiledLexicon::Flags(std::string_view lower) const {
  if (lower.empty() || !lexicon_) return 0;
  size_t mask = table_.size() - 1;
  for (size_t i = HashWord(lower) & mask;; i = (i + 1) & mask) {
    const Entry& e = table_[i];
    if (e.word.empty()) return 0;
    if (e.word == lower) return e.flags;
  }
}

size_t CompiledLexicon::MatchSource(const std::string_view* words,
                                    size_t n) const {
  for (const auto& phrase : sources_) {
    if (phrase.size() > n) continue;
    if (std::equal(phrase.begin(), phrase.end(), words)) return phrase.size();
  }
  return 0;
}

const SpeechLexicon* const* AllLexicons(size_t* count) {
  *count = kLexiconCount;
  return kLexicons;
}

const CompiledLexicon& LexiconFor(std::string_view lang) {
  // Built once (C++11 magic statics are thread-safe); never destroyed, so
  // no destruction-order trouble at exit.
  static const auto* compiled = [] {
    auto* v = new std::vector<CompiledLexicon>();
    v->reserve(kLexiconCount + 1);
    for (const SpeechLexicon* l : kLexicons) v->emplace_back(l);
    v->emplace_back(nullptr);  // the fallback, last
    return v;
  }();
  if (lang == "nb" || lang == "nn") lang = "no";
  for (size_t i = 0; i < kLexiconCount; ++i) {
    if (kLexicons[i]->lang == lang) return (*compiled)[i];
  }
  return compiled->back();
}

}  // namespace newsloom
