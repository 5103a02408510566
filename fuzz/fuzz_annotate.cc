// The Annotator (src/engine/annotations.h: the entity recogniser and its
// models, name keys, dates, quotations and their speakers) on one to three
// articles cut from arbitrary bytes: byte 0 picks each article's language
// and whether it is dated, and a NUL byte starts the next article, so the
// set's cross-article steps (names known from the set, canonical names,
// undated articles' anchors) run too. Beyond survival it checks the output
// contract: one result per article; every span (entity, date, quote,
// speaker) inside its text, begin <= end, with the text it claims; the
// entities in text order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "engine/annotations.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  if (size == 0 || size > 64 * 1024) return 0;
  static constexpr std::string_view kLangs[] = {"en", "da", "es", "nl", "de",
                                                "ru", "pl", "zh", "und", ""};
  std::vector<Article> articles;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  for (int i = 0; i < 3 && (i == 0 || !rest.empty()); ++i) {
    const size_t cut = rest.find('\0');
    Article a;
    a.id = "a" + std::to_string(i);
    a.lang = std::string(kLangs[(data[0] + 3 * i) % std::size(kLangs)]);
    if ((data[0] >> (5 + i % 3)) & 1) a.published = 1708905600 + 86400 * i;  // 2024-02-26
    a.text = std::string(rest.substr(0, cut));
    articles.push_back(std::move(a));
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  }
  static Annotator* annotator = new Annotator();
  std::vector<const Article*> all;
  for (const Article& a : articles) all.push_back(&a);
  const std::vector<ArticleAnnotations> notes = annotator->Annotate(all);
  Check(notes.size() == articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    const std::string& text = articles[i].text;
    auto span = [&](uint32_t start, uint32_t end) {
      Check(start <= end && end <= text.size());
    };
    uint32_t last = 0;
    for (const EntityAnnotation& e : notes[i].entities) {
      span(e.start, e.end);
      Check(e.start >= last);
      last = e.start;
      Check(text.compare(e.start, e.end - e.start, e.text) == 0);
      Check(!e.key.empty());
    }
    for (const DateAnnotation& d : notes[i].dates) {
      span(d.start, d.end);
      Check(text.compare(d.start, d.end - d.start, d.text) == 0);
    }
    for (const QuoteAnnotation& q : notes[i].quotes) {
      span(q.start, q.end);
      span(q.speaker_start, q.speaker_end);
      Check(text.compare(q.start, q.end - q.start, q.text) == 0);
    }
  }
  return 0;
}
