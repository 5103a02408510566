// `newsloom eval-annotations --quotes` (not built yet).
#include <cstdio>

#include "cli/commands.h"

namespace newsloom {

int RunEvalQuotes(const EvalAnnotationsOptions& options) {
  std::fprintf(stderr, "newsloom: eval-annotations --quotes is not built yet\n");
  return kExitFatal;
}

}  // namespace newsloom
