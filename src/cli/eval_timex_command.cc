// `newsloom eval-annotations --timex` (not built yet).
#include <cstdio>

#include "cli/commands.h"

namespace newsloom {

int RunEvalTimex(const EvalAnnotationsOptions& options) {
  std::fprintf(stderr, "newsloom: eval-annotations --timex is not built yet\n");
  return kExitFatal;
}

}  // namespace newsloom
