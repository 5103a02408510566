// Internal: the raw stop-word lists that gen_stopwords.pl generates into
// the build directory (stop_words_data.cc). Use stop_words.h instead.
#ifndef NEWSLOOM_TEXT_STOP_WORDS_DATA_H_
#define NEWSLOOM_TEXT_STOP_WORDS_DATA_H_

#include <cstddef>

namespace newsloom {

// One language's list, spelled as Lingua::StopWords spells it (UTF-8, lower
// case, not yet in normal form).
struct StopWordSource {
  const char* lang;           // ISO 639-1
  const char* const* words;
  size_t count;
};

extern const StopWordSource kStopWordSources[];
extern const size_t kStopWordSourceCount;

}  // namespace newsloom

#endif  // NEWSLOOM_TEXT_STOP_WORDS_DATA_H_
