#include "engine/features.h"

#include <cstdio>
#include <unordered_set>

#include "base/utf8.h"

namespace newsloom {
namespace {


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

// The day of month a token states, 1..31, or 0 ("26", "16." is "16").
int DayOfMonth(const Token& t) {
  if (!t.is_number || t.norm.size() > 2) return 0;
  int v = 0;
  for (char c : t.norm) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1 && v <= 31 ? v : 0;
}

}  // namespace

void FeatureExtractor::AddTimeMentions(const Article& a, ClusterInput* out) {
  time_keys_.clear();
  const std::vector<Token>& tokens = body_.tokens;
  char buf[16];
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.is_number) continue;
    const std::string_view word = StripPossessive(t.norm);  // "Monday's"
    const NameKeys::CalendarWord cal = name_keys_table_.Calendar(word, a.lang);
    if (cal.weekday != 0) {
      std::snprintf(buf, sizeof buf, "wd:%d", cal.weekday);
      time_keys_.push_back(buf);
      continue;
    }
    const int month = cal.month;
    if (month == 0) continue;
    // The day stands right after ("Feb. 26") or right before ("26 February").
    int day = i + 1 < tokens.size() ? DayOfMonth(tokens[i + 1]) : 0;
    if (day == 0 && i > 0) day = DayOfMonth(tokens[i - 1]);
    if (day == 0) continue;
    std::snprintf(buf, sizeof buf, "md:%02d-%02d", month, day);
    time_keys_.push_back(buf);
  }
  for (const std::string& k : time_keys_) out->times.push_back(k);
}

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
    if (t.is_number) out->numbers.push_back(t.norm);
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
    if (key.size() >= kMinContentWordBytes) name_keys_.push_back(std::move(key));
  }
  for (const std::string& k : name_keys_) out->names.push_back(k);

  AddTimeMentions(a, out);

  if (!body_.sentences.empty()) {
    const Sentence& s = body_.sentences.front();
    out->fallback_title = Abbreviate(
        TrimAscii(std::string_view(a.text).substr(s.begin, s.end - s.begin)),
        kMaxFallbackTitleBytes);
  }
}

}  // namespace newsloom
