// The entity types and the IOB2 labels the tagger predicts.
//
// Four types, CoNLL's: PER (people, also fictional), LOC (places: countries,
// cities, regions, seas...), ORG (organisations: companies, parties,
// agencies, teams, newspapers), MISC (other names: nationalities and other
// adjectives from names, events, works, products...). kUnknown is what the
// heuristic recogniser (recognizer.h) gives a name it cannot type.
//
// Labels: 0 = O, then B-type, I-type for each type in enum order.
#ifndef NEWSLOOM_NER_LABELS_H_
#define NEWSLOOM_NER_LABELS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace newsloom {

enum class EntityType : uint8_t { kPer = 0, kLoc, kOrg, kMisc, kUnknown };

inline constexpr int kEntityTypes = 4;           // PER LOC ORG MISC
inline constexpr int kLabels = 1 + 2 * kEntityTypes;  // O + B/I per type
inline constexpr int kOutside = 0;

// "PER", "LOC", "ORG", "MISC", or "NAME" for kUnknown.
std::string_view EntityTypeName(EntityType t);

// The type named `name` ("PER" ...); false when it is none of the four.
bool ParseEntityType(std::string_view name, EntityType* t);

inline int BeginLabel(EntityType t) { return 1 + 2 * int(t); }
inline int InsideLabel(EntityType t) { return 2 + 2 * int(t); }
inline bool IsBegin(int label) { return label > 0 && label % 2 == 1; }
inline bool IsInside(int label) { return label > 0 && label % 2 == 0; }
// REQUIRES: label != kOutside.
inline EntityType TypeOfLabel(int label) { return EntityType((label - 1) / 2); }

// "O", "B-PER", "I-PER", ...
std::string LabelName(int label);

// The label of an IOB2 tag; -1 for a tag that is not "O" or B-/I- one of
// the four types.
int ParseLabel(std::string_view tag);

// Whether `label` may follow `prev` in IOB2: I-X only after B-X or I-X.
inline bool AllowedAfter(int prev, int label) {
  return !IsInside(label) ||
         (prev != kOutside && TypeOfLabel(prev) == TypeOfLabel(label));
}

}  // namespace newsloom

#endif  // NEWSLOOM_NER_LABELS_H_
