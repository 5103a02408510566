#include "ner/labels.h"

namespace newsloom {

std::string_view EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPer: return "PER";
    case EntityType::kLoc: return "LOC";
    case EntityType::kOrg: return "ORG";
    case EntityType::kMisc: return "MISC";
    case EntityType::kUnknown: break;
  }
  return "NAME";
}

bool ParseEntityType(std::string_view name, EntityType* t) {
  for (int i = 0; i < kEntityTypes; ++i) {
    if (EntityTypeName(EntityType(i)) == name) {
      *t = EntityType(i);
      return true;
    }
  }
  return false;
}

std::string LabelName(int label) {
  if (label == kOutside) return "O";
  return std::string(IsBegin(label) ? "B-" : "I-") +
         std::string(EntityTypeName(TypeOfLabel(label)));
}

int ParseLabel(std::string_view tag) {
  if (tag == "O") return kOutside;
  if (tag.size() < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I'))
    return -1;
  EntityType t;
  if (!ParseEntityType(tag.substr(2), &t)) return -1;
  return tag[0] == 'B' ? BeginLabel(t) : InsideLabel(t);
}

}  // namespace newsloom
