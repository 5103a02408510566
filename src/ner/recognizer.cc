#include "ner/recognizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_set>

#include "ner/titles.h"
#include "text/stop_words.h"

namespace newsloom {
namespace {

UChar32 DecodeAt(std::string_view text, int32_t* i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), *i,
          static_cast<int32_t>(text.size()), c);
  return c < 0 ? 0xFFFD : c;
}

bool IsHyphen(std::string_view gap) {
  return gap == "-" || gap == "\u2010" || gap == "\u2011";
}

// A letter of a script without case (Han, Kana, Thai, Arabic...).
bool IsCaselessLetter(std::string_view word) {
  int32_t i = 0;
  UChar32 c = DecodeAt(word, &i);
  return u_isalpha(c) && !u_hasBinaryProperty(c, UCHAR_CASED);
}

}  // namespace

Result<std::unique_ptr<NerModels>> NerModels::LoadDir(const std::string& dir) {
  std::string d = dir.empty() ? DefaultNerModelDir() : dir;
  std::unique_ptr<NerModels> out(new NerModels());
  std::error_code ec;
  if (!std::filesystem::is_directory(d, ec)) return out;
  std::vector<std::string> langs;
  for (const auto& entry : std::filesystem::directory_iterator(d, ec)) {
    if (entry.path().extension() == ".nermodel")
      langs.push_back(entry.path().stem().string());
  }
  if (ec) return Status::IoError(d + ": " + ec.message());
  for (const std::string& lang : langs) {
    ASSIGN_OR_RETURN(out->models_[lang], NerModel::Load(NerModelPath(lang, d)));
  }
  return out;
}

Result<std::unique_ptr<NerModels>> NerModels::Load(
    const std::vector<std::string>& langs, const std::string& dir) {
  std::unique_ptr<NerModels> out(new NerModels());
  for (const std::string& lang : langs) {
    ASSIGN_OR_RETURN(out->models_[lang], LoadNerModel(lang, dir));
  }
  return out;
}

const NerModel* NerModels::ForLanguage(std::string_view lang) const {
  auto it = models_.find(lang);
  return it == models_.end() ? nullptr : it->second.get();
}

std::vector<std::string> NerModels::Languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, model] : models_) out.push_back(lang);
  return out;
}

namespace {

// Where an English word splits the CoNLL (Penn Treebank) way: before a
// possessive "'s" ("Putin's" -> "Putin" "'s") or a contraction ("I've" ->
// "I" "'ve", "don't" -> "do" "n't"; straight or curly apostrophe), else
// word.size(). The models learnt from text split so: "I've" whole read as
// an unknown capitalised word, a person.
size_t EnglishSplit(std::string_view word) {
  static constexpr std::string_view kClitics[] = {"'s", "'ve", "'re", "'ll", "'m", "'d"};
  auto ends_with_ci = [&](std::string_view suffix) {
    if (word.size() <= suffix.size()) return false;
    const std::string_view tail = word.substr(word.size() - suffix.size());
    for (size_t i = 0; i < suffix.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(tail[i])) !=
          static_cast<unsigned char>(suffix[i])) {
        return false;
      }
    }
    return true;
  };
  // Each with ' and with U+2019 (3 bytes: the suffix is 2 bytes longer).
  for (const std::string_view c : kClitics) {
    if (ends_with_ci(c)) return word.size() - c.size();
    std::string curly = "\u2019";
    curly += c.substr(1);
    if (ends_with_ci(curly)) return word.size() - curly.size();
  }
  if (word.size() > 3 && (ends_with_ci("n't") || ends_with_ci("n\u2019t"))) {
    const size_t n = ends_with_ci("n't") ? 3 : 5;
    return word.size() - n;
  }
  return word.size();
}

}  // namespace

void TokenizeForNer(const AnalyzedText& analyzed, std::string_view text,
                    std::string_view lang, std::vector<TextToken>* out) {
  out->clear();
  const bool english = lang == "en";
  // Punctuation between `from` and `to` (one sentence), one token per code
  // point, white space skipped.
  auto gap = [&](uint32_t from, uint32_t to, uint32_t sentence) {
    int32_t i = static_cast<int32_t>(from);
    while (i < static_cast<int32_t>(to)) {
      int32_t start = i;
      UChar32 c = DecodeAt(text.substr(0, to), &i);
      if (u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR ||
          u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
        continue;
      out->push_back({uint32_t(start), uint32_t(i), sentence});
    }
  };
  const std::vector<Token>& words = analyzed.tokens;
  size_t w = 0;
  for (uint32_t s = 0; s < analyzed.sentences.size(); ++s) {
    const Sentence& sent = analyzed.sentences[s];
    uint32_t pos = sent.begin;
    while (w < words.size() && words[w].sentence < s) ++w;
    while (w < words.size() && words[w].sentence == s) {
      uint32_t begin = words[w].begin, end = words[w].end;
      if (begin < pos) begin = pos;  // defensive: never overlap
      gap(pos, begin, s);
      // A hyphenated word is one token, as in the CoNLL corpora.
      while (w + 1 < words.size() && words[w + 1].sentence == s &&
             IsHyphen(text.substr(end, words[w + 1].begin - end))) {
        ++w;
        end = words[w].end;
      }
      std::string_view word = text.substr(begin, end - begin);
      const size_t split = english ? EnglishSplit(word) : word.size();
      out->push_back({begin, begin + uint32_t(split), s});
      if (split < word.size()) out->push_back({begin + uint32_t(split), end, s});
      pos = end;
      ++w;
    }
    gap(pos, sent.end, s);
  }
}

EntityRecognizer::EntityRecognizer(const NerModels& models,
                                   RecognizerOptions options)
    : models_(models), options_(options) {}

EntityRecognizer::~EntityRecognizer() = default;

bool EntityRecognizer::HasModel(std::string_view lang) const {
  return models_.ForLanguage(lang) != nullptr;
}

const Gazetteer& EntityRecognizer::GazetteerFor(std::string_view lang) {
  auto it = gazetteers_.find(lang);
  if (it == gazetteers_.end())
    it = gazetteers_.emplace(std::string(lang), std::make_unique<Gazetteer>(lang)).first;
  return *it->second;
}

// Whether `lower` (a lower-case word) is a preposition, adverb or
// conjunction that opens sentences, which no name starts with.
static bool IsSentenceOpener(std::string_view lower) {
  // The languages with models and their neighbours (a stop list would
  // take "Estados" of "Estados Unidos", a form of "estar", and articles).
  static const std::unordered_set<std::string_view> kOpeners = {
      // es
      "tras", "desde", "luego", "primero", "según", "segun", "ayer", "hoy", "después",
      "despues", "antes", "ahora", "así", "pero", "aunque", "cuando", "mientras", "hacia",
      "hasta", "durante", "mediante", "además", "entonces", "también",
      // it, fr, pt
      "dopo", "secondo", "intanto", "ieri", "oggi", "poi", "mentre", "quando", "verso",
      "après", "selon", "depuis", "pendant", "hier", "puis", "mais", "lorsque", "chez",
      "ensuite", "após", "segundo", "ontem", "hoje",
      // en
      "after", "before", "since", "when", "while", "yesterday", "today", "meanwhile",
      "during", "but", "then", "although", "though", "according",
      // nl, da, de
      "volgens", "sinds", "gisteren", "vandaag", "toen", "maar", "tijdens", "ifølge",
      "efter", "siden", "men", "nach", "laut", "seit", "gestern", "heute", "während"};
  return kOpeners.count(lower) > 0;
}

void TrimSentenceFunctionWord(std::span<const std::string_view> words, std::string_view lang,
                              std::vector<int>* labels) {
  std::vector<int>& l = *labels;
  if (l.size() < 2 || words.size() < l.size() || !IsBegin(l[0]) || !IsInside(l[1])) return;
  (void)lang;
  std::string lower;
  for (const char c : words[0]) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!IsSentenceOpener(lower)) return;
  l[1] = BeginLabel(TypeOfLabel(l[1]));
  l[0] = kOutside;
}

void EntityRecognizer::Find(std::string_view text, std::string_view lang,
                            std::vector<EntityMention>* out) {
  out->clear();
  if (text.size() > kMaxTextBytes) text = text.substr(0, kMaxTextBytes);
  if (text.empty()) return;
  const NerModel* model = models_.ForLanguage(lang);
  if (!model) {
    if (options_.heuristic_fallback) Heuristic(text, lang, out);
    return;
  }
  auto it = taggers_.find(lang);
  if (it == taggers_.end())
    it = taggers_.emplace(std::string(lang), std::make_unique<SequenceTagger>(*model)).first;
  SequenceTagger& tagger = *it->second;
  tagger.StartDocument();
  analyzer_.Analyze(text, lang, &analyzed_);
  TokenizeForNer(analyzed_, text, lang, &tokens_);
  std::vector<std::string_view> words;
  std::vector<int> labels;
  // First pass: what the whole text says about its words (features.h).
  for (size_t i = 0; i < tokens_.size();) {
    size_t j = i;
    words.clear();
    for (; j < tokens_.size() && tokens_[j].sentence == tokens_[i].sentence; ++j)
      words.push_back(text.substr(tokens_[j].begin, tokens_[j].end - tokens_[j].begin));
    tagger.NoteSentence(words);
    i = j;
  }
  size_t i = 0;
  while (i < tokens_.size()) {
    size_t j = i;
    while (j < tokens_.size() && tokens_[j].sentence == tokens_[i].sentence) ++j;
    words.clear();
    for (size_t k = i; k < j; ++k)
      words.push_back(text.substr(tokens_[k].begin, tokens_[k].end - tokens_[k].begin));
    tagger.Tag(words, &labels);
    TrimSentenceFunctionWord(words, lang, &labels);
    for (size_t k = 0; k < labels.size(); ++k) {
      int l = labels[k];
      if (l == kOutside) continue;
      if (IsBegin(l) || out->empty() || out->back().end == 0 ||
          out->back().type != TypeOfLabel(l) ||
          // a new sentence never continues a mention
          k == 0) {
        out->push_back({tokens_[i + k].begin, tokens_[i + k].end, TypeOfLabel(l)});
      } else {
        out->back().end = tokens_[i + k].end;
      }
    }
    i = j;
  }
}

void EntityRecognizer::Heuristic(std::string_view text, std::string_view lang,
                                 std::vector<EntityMention>* out) {
  analyzer_.Analyze(text, lang, &analyzed_);
  TokenizeForNer(analyzed_, text, lang, &tokens_);
  const Gazetteer& gazetteer = GazetteerFor(lang);
  const size_t n = tokens_.size();
  std::vector<WordInfo> info(n);
  std::vector<bool> initial(n), caseless(n);
  // What the whole text says about each word: capitalised inside a
  // sentence (a name), or written in lower case (a common word).
  std::unordered_set<std::string> capitalised_inside, lower_somewhere;
  for (size_t i = 0; i < n; ++i) {
    std::string_view w = text.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
    DescribeWord(w, &info[i]);
    initial[i] = i == 0 || tokens_[i - 1].sentence != tokens_[i].sentence;
    // After an opening quote or a dash that starts speech, a word is
    // capitalised as a sentence start.
    if (!initial[i] && i > 0 && !info[i - 1].has_letter) {
      std::string_view prev = text.substr(tokens_[i - 1].begin,
                                          tokens_[i - 1].end - tokens_[i - 1].begin);
      if (prev == "\"" || prev == "\u201C" || prev == "\u201E" || prev == "\u00AB" ||
          prev == "-" || prev == "\u2013" || prev == "\u2014" || prev == ":")
        initial[i] = true;
    }
    caseless[i] = info[i].has_letter && IsCaselessLetter(w);
    if (!info[i].has_letter) continue;
    if (info[i].capitalized && !initial[i]) capitalised_inside.insert(info[i].lower);
    if (!info[i].capitalized && !caseless[i]) lower_somewhere.insert(info[i].lower);
  }
  // Gazetteer classes per sentence.
  std::vector<uint16_t> gaz(n, 0);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && tokens_[j].sentence == tokens_[i].sentence) ++j;
    std::vector<uint16_t> flags(j - i, 0);
    gazetteer.Match(std::span<const WordInfo>(info.data() + i, j - i), &flags);
    std::copy(flags.begin(), flags.end(), gaz.begin() + i);
    i = j;
  }
  const uint16_t kPlace = Gazetteer::kCountry | Gazetteer::kCity;
  // German capitalises every noun: the first capitalised word after an
  // article (text/stop_words.h MarksNoun), lower-case words and numbers
  // between, is a noun, not a name, unless it is an acronym ("CDU",
  // "AfD"), a place, or another capitalised word follows it ("die Deutsche
  // Bank", "das Weiße Haus").
  std::vector<bool> noun(n);
  if (CapitalisesNouns(lang)) {
    ArticleNouns nouns(lang);
    for (size_t i = 0; i < n; ++i) {
      const WordInfo& w = info[i];
      if (!w.has_letter) {
        // Punctuation ends the phrase; a number ("die 25 Soldaten") does not.
        if (w.shape.find_first_not_of('d') != std::string::npos) nouns.Break();
        continue;
      }
      if (!nouns.AfterArticle(w.lower, w.capitalized, tokens_[i].sentence)) continue;
      const bool acronym = std::count(w.shape.begin(), w.shape.end(), 'X') >= 2;
      const bool run = i + 1 < n && tokens_[i + 1].sentence == tokens_[i].sentence &&
                       info[i + 1].has_letter && info[i + 1].capitalized;
      noun[i] = !acronym && !run &&
                !(gaz[i] & (kPlace | (kPlace << Gazetteer::kInsideShift)));
    }
  }
  // Capitalised, and not a word the text or the language says is common.
  auto capital_word = [&](size_t i) {
    const WordInfo& w = info[i];
    if (!w.has_letter || !w.capitalized || noun[i]) return false;
    if (gaz[i] & (Gazetteer::kCalendar | (Gazetteer::kCalendar << Gazetteer::kInsideShift)))
      return false;
    return !IsStopWord(lang, w.lower) && !lower_somewhere.count(w.lower);
  };
  // A sentence-initial capital says nothing, so such a word needs more: the
  // text capitalises it elsewhere, it is a CLDR place, or a name follows it
  // ("Vladimir Putin said").
  auto name_like = [&](size_t i) {
    if (!capital_word(i)) return false;
    if (!initial[i]) return true;
    return capitalised_inside.count(info[i].lower) > 0 || (gaz[i] & kPlace) != 0 ||
           (i + 1 < n && tokens_[i + 1].sentence == tokens_[i].sentence &&
            capital_word(i + 1));
  };
  for (size_t i = 0; i < n;) {
    if (caseless[i]) {
      // Scripts without case: CLDR place names only.
      if (gaz[i] & kPlace) {
        size_t j = i + 1;
        while (j < n && tokens_[j].sentence == tokens_[i].sentence &&
               (gaz[j] & (kPlace << Gazetteer::kInsideShift)))
          ++j;
        out->push_back({tokens_[i].begin, tokens_[j - 1].end, EntityType::kLoc});
        i = j;
      } else {
        ++i;
      }
      continue;
    }
    if (!name_like(i)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < n && tokens_[j].sentence == tokens_[i].sentence && name_like(j) &&
           !initial[j])
      ++j;
    // Leading titles are not part of the name ("Premier Donald Tusk"),
    // nor a sentence's opening preposition ("Selon Radouane Nouicer").
    while (i + 1 < j && (IsTitleWord(text.substr(tokens_[i].begin,
                                                 tokens_[i].end - tokens_[i].begin),
                                     lang) ||
                         IsSentenceOpener(info[i].lower)))
      ++i;
    if (j - i == 1 && IsTitleWord(text.substr(tokens_[i].begin,
                                              tokens_[i].end - tokens_[i].begin),
                                  lang)) {
      i = j;
      continue;
    }
    std::string joined;
    for (size_t k = i; k < j; ++k) {
      if (k > i) joined.push_back(' ');
      joined += info[k].lower;
    }
    EntityType type = (gazetteer.Lookup(joined) & kPlace) ? EntityType::kLoc
                                                           : EntityType::kUnknown;
    out->push_back({tokens_[i].begin, tokens_[j - 1].end, type});
    i = j;
  }
}

}  // namespace newsloom
