// The entity table of a story: every name its articles use, under its
// language-independent key (engine/name_keys.h), with the surface forms
// seen in each language, so an analyst sees at a glance that "Rusland"
// (da) and "Russia" (en) are one place and which outlets' languages named
// whom. Two sources make the same table:
//
// AnnotatedEntities: the Annotator's entities (engine/annotations.h:
// typed by the recogniser, keyed and named across the story); the report
// and `show` use it.
//
// StoryEntities (`cluster`, which annotates nothing): names are
// FeatureExtractor's (capitalised words that are names by its
// rule; in scripts without case, country names). Adjacent name words make
// one name ("Emmanuel Macron" -> key "emanuel makron"); one with words
// before a name the story also uses is that name ("French President
// Emmanuel Macron"); a one-word name joins the longer name it ends when
// that is the only one, or is in twice as many articles as any other
// ("Macron" -> "emanuel makron"), the way a text first names a person in
// full and then by surname. A title before a surname alone ("President
// Macron", "Mr Macron") stays apart: telling titles from first names needs
// the entity work of issue 7. Keys are transliterated and
// folded into spelling-variant keys (name_keys.h: "Aleksej Navalnyj",
// "Alexei Navalny", "Алексей Навальный" -> "aleksei navalni"); names that
// are not spellings of each other ("Kiev", "Kyiv") stay apart.
//
// Thread safety: free functions; StoryEntities builds its own
// FeatureExtractor.
#ifndef NEWSLOOM_ENGINE_ENTITIES_H_
#define NEWSLOOM_ENGINE_ENTITIES_H_

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "base/article.h"
#include "engine/annotations.h"

namespace newsloom {

struct EntityForms {
  std::string lang;
  std::vector<std::string> surfaces;  // as written, first seen first
};

struct StoryEntity {
  std::string key;
  // How to show it. StoryEntities: a place's English name (PlaceName: "@ua"
  // -> "Ukraine"); else the form written most often with exactly its key,
  // so neither a longer form folded into it ("French President Emmanuel
  // Macron") nor a surname joined to it ("Macron"): "Emmanuel Macron"; else
  // the form written most often. Ties go to the first in byte order, as
  // the Annotator's display names do. AnnotatedEntities: the Annotator's
  // display name its mentions carry most often.
  std::string name;
  // AnnotatedEntities: PER, ORG, LOC or MISC, the type its mentions carry
  // most often. StoryEntities: "" (clustering's names are untyped).
  std::string type;
  int64_t articles = 0;            // articles that name it
  int64_t mentions = 0;
  std::vector<EntityForms> forms;  // by language, first seen first
};

// Surface forms kept per language and entity.
inline constexpr size_t kMaxSurfacesPerLanguage = 5;
// Most words a name has: StoryEntities cuts a longer run of capitalised
// words (a title-case text) into names of this many, and
// ShortestKnownSuffix looks at no longer suffix ("Organisation for Security
// and Co-operation" breaks at its lower-case words anyway).
inline constexpr size_t kMaxNameWords = 8;

// How the name keys of a set of articles fold together (StoryEntities and
// the Annotator share these rules):
//  * ShortestKnownSuffix: a key with words before a key of two words or
//    more (and at most kMaxNameWords) that `keys` also holds is that key
//    ("french president emanuel makron" -> "emanuel makron"); else the key
//    itself.
//  * SurnameJoins: a one-word key joins the longer key it ends when that is
//    the only one, or is in at least twice as many articles as any other
//    ("makron" -> "emanuel makron"; "Joe Biden" over "Hunter Biden"), given
//    the articles each key is in. Place keys ("@ru", "@paris") never join,
//    nor are they a longer key's surname ("konseio nakional @ly", the
//    Consejo Nacional Libio, does not take "Libia").
//  * SpellingJoins (before SurnameJoins): names of two words or more that
//    transliterations spell differently are one, the key in most articles
//    of the set: "Mouammar Kadhafi", "Muammar Gheddafi", "Muamar el
//    Gadafi" (fr, it, es) -> "muamar el gadafi" where Spanish articles are
//    the most. Keys are the same when their first words are (but for "ou":
//    "Mouammar"; "Daniela Rossi" is not "Daniele Rossi") and their other
//    words are, each of six letters or more compared by its
//    SpellingSkeleton (shorter names differ by a vowel too often: "Hamad",
//    "Hamid"), less an "al" or "el" inside the name. Whole keys, not
//    words: "Alonso" is no spelling of "Alianza" in another name. A
//    one-word key never joins so ("Kennedy", "Ganadi"; "Danaro",
//    "Denaro"), nor a surname alone (SurnameJoins compares it as
//    written). Only within one set (a story): across all news "Martin"
//    and "Morton" are two names. Returns the keys that change, with the
//    key each becomes; place keys never change.
std::string ShortestKnownSuffix(const std::string& key,
                                const std::set<std::string>& keys);
std::map<std::string, std::string> SpellingJoins(
    const std::map<std::string, std::set<size_t>>& articles_of);
std::map<std::string, std::string> SurnameJoins(
    const std::map<std::string, std::set<size_t>>& articles_of);

// What SpellingJoins compares of a word of a key (lower-case ASCII,
// NameVariantKey's): "ou" as "u" (French "Mouammar", "Moubarak"), no "h"
// after k, g or d ("Khadafi", "Gheddafi", "Kadhafi"; but "Mohamed" is not
// "Mahmud"), a first g, k or q as one letter, a and e as one vowel (A), o
// and u as one (U), and repeated letters once: "gadafi", "kadhafi",
// "ghedafi", "qadafi" -> "kAdAfi"; "moamar", "mouamar", "muamar" ->
// "mUAmAr". Not "alonso" and "aliansa", "korano" and "kirene", "martin"
// and "morton". Not a key: it merges names that only a set about one story
// may take for one.
std::string SpellingSkeleton(std::string_view word);

// The entities of `articles`, most articles first (then most mentions,
// then key); at most `limit` (0: all).
std::vector<StoryEntity> StoryEntities(const std::vector<Article>& articles,
                                       size_t limit = 0);

// The same table from the Annotator's entities (`notes[i]` of
// `articles[i]`; the report, and `show` of an annotated story): typed,
// under the Annotator's keys (those `stories --entity` finds), each shown
// by its most frequent name and type (ties: the first in byte order; a
// story annotated at once has one of each), forms by the article's
// language. Same order and `limit`.
std::vector<StoryEntity> AnnotatedEntities(std::span<const Article* const> articles,
                                           std::span<const ArticleAnnotations> notes,
                                           size_t limit = 0);

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_ENTITIES_H_
