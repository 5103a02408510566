// `newsloom eval-annotations --entities` (not built yet).
#include <cstdio>

#include "cli/commands.h"

namespace newsloom {

int RunEvalEntities(const EvalAnnotationsOptions& options) {
  std::fprintf(stderr, "newsloom: eval-annotations --entities is not built yet\n");
  return kExitFatal;
}

}  // namespace newsloom
