// Lines that several articles of a story hold word for word: the site
// chrome of scraped pages ("Si ya formas parte, solo tienes que iniciar
// sesión.", the same "most read" teasers on every page of an outlet) and
// the shared paragraphs of copies. The timeline weighs a date mention in
// such a line 1/n (timeline.h); summaries leave such lines out
// (summary.h).
//
// Thread safety: pure functions.
#ifndef NEWSLOOM_STORY_LINES_H_
#define NEWSLOOM_STORY_LINES_H_

#include <span>
#include <string_view>
#include <unordered_map>

#include "base/article.h"

namespace newsloom {

// The line of `text` holding byte `at`, without its line break and the
// ASCII white space around it.
std::string_view LineAt(std::string_view text, size_t at);

// How many of `articles` hold each line (LineAt's trimming), counting an
// article once however often it repeats the line. The views point into the
// articles' texts.
std::unordered_map<std::string_view, int> ArticlesPerLine(
    std::span<const Article* const> articles);

}  // namespace newsloom

#endif  // NEWSLOOM_STORY_LINES_H_
