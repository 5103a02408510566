// Titles and honorifics: words that precede a person's name in news and
// are not part of it ("Mr", "President", "hr.", "Sr.", "dhr.", "Herr",
// "pan", "президент"). A small list per language, written by hand (the
// issue allows short documented lists of titles); English's applies to
// every language, as news everywhere quotes English titles.
//
// Thread safety: free functions over constant tables.
#ifndef NEWSLOOM_NER_TITLES_H_
#define NEWSLOOM_NER_TITLES_H_

#include <string_view>

namespace newsloom {

// Whether `word` (as written; one final period ignored; any case) is a title
// or honorific of `lang` or of English.
bool IsTitleWord(std::string_view word, std::string_view lang);

}  // namespace newsloom

#endif  // NEWSLOOM_NER_TITLES_H_
