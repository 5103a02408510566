// Within-article entity merging: "Emmanuel Macron" ... "Macron" ... "Mr
// Macron" ... "Macrons" (Danish genitive) are one entity named "Emmanuel
// Macron".
//
//   std::vector<ArticleEntity> entities = MergeMentions(text, mentions, "en");
//   for (const ArticleEntity& e : entities)  // e.name, e.type, e.mentions
//
// Rules, in order:
//  1. A mention's words (split at spaces) lose leading titles and
//     honorifics (titles.h: a small, documented list per language:
//     "Mr", "President", "hr.", "præsident", "Sr.", "dhr." ...) and a
//     trailing English possessive ("'s"); what is left is its name. A
//     mention that is only a title is left out.
//  2. Mentions are taken longest name first. One whose words, lower-cased,
//     are the same as an entity's, or, for people, a contiguous run of a
//     person's longer name ("Macron" in "Emmanuel Macron"), joins that
//     entity; a word with a genitive "s" that the bare word would match
//     joins too ("Macrons" -> "Macron", not English). When several people
//     match, the one named most often so far wins (then the first named).
//  3. A one-word mention the tagger typed otherwise but that is the
//     surname of exactly one person joins that person ("Macron" tagged LOC
//     once).
// The entity's name is its longest mention's name as written (titles
// stripped), its type that mention's type.
//
// Thread safety: a free function.
#ifndef NEWSLOOM_NER_MERGE_H_
#define NEWSLOOM_NER_MERGE_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ner/recognizer.h"

namespace newsloom {

struct ArticleEntity {
  std::string name;              // canonical display name, e.g. "Emmanuel Macron"
  EntityType type = EntityType::kUnknown;
  std::vector<size_t> mentions;  // indices into the mentions given, in order
};

// The entities of one article, in order of first mention. Every mention
// with a name is in exactly one entity.
std::vector<ArticleEntity> MergeMentions(std::string_view text,
                                         std::span<const EntityMention> mentions,
                                         std::string_view lang);

}  // namespace newsloom

#endif  // NEWSLOOM_NER_MERGE_H_
