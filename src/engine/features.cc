#include "engine/features.h"

#include <unordered_set>

#include "base/utf8.h"

namespace newsloom {
namespace {

constexpr size_t kMinWordBytes = 2;

bool IsContentWord(const Token& t) {
  return !t.is_stop && !t.is_number && t.term.size() >= kMinWordBytes;
}

// "russia's" -> "russia"; "navalnys’" stays (only 's forms are possessive
// in the languages we see most; a lone trailing apostrophe goes too).
std::string_view StripPossessive(std::string_view s) {
  for (std::string_view suffix : {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99"}) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      return s.substr(0, s.size() - suffix.size());
    }
  }
  return s;
}

}  // namespace

void FeatureExtractor::Extract(const Article& a, ClusterInput* out) {
  analyzer_.Analyze(a.title, a.lang, &title_);
  analyzer_.Analyze(a.text, a.lang, &body_);
  *out = ClusterInput{};
  out->time = a.published;
  out->title = a.title;
  out->lang = a.lang;
  for (const Token& t : title_.tokens) {
    if (!IsContentWord(t)) continue;
    out->title_words.push_back(t.term);
    out->lede_words.push_back(t.term);
  }
  for (const Token& t : body_.tokens) {
    if (!IsContentWord(t)) continue;
    out->words.push_back(t.term);
    if (t.sentence < kLedeSentences) out->lede_words.push_back(t.term);
  }

  // Names: capitalised mid-sentence, or sentence-initial and capitalised
  // mid-sentence somewhere else in the article.
  std::unordered_set<std::string_view> mid_sentence;
  for (const Token& t : body_.tokens) {
    if (t.is_capitalized && !t.sentence_initial) mid_sentence.insert(t.norm);
  }
  name_keys_.clear();
  for (const Token& t : body_.tokens) {
    if (!t.is_capitalized || t.is_stop || t.is_number) continue;
    if (t.sentence_initial && !mid_sentence.count(t.norm)) continue;
    std::string key = name_keys_table_.Key(StripPossessive(t.norm), a.lang);
    if (key.size() >= kMinWordBytes) name_keys_.push_back(std::move(key));
  }
  for (const std::string& k : name_keys_) out->names.push_back(k);

  if (!body_.sentences.empty()) {
    const Sentence& s = body_.sentences.front();
    out->fallback_title = Abbreviate(
        TrimAscii(std::string_view(a.text).substr(s.begin, s.end - s.begin)),
        kMaxFallbackTitleBytes);
  }
}

}  // namespace newsloom
