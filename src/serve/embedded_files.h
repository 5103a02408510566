// Files compiled into the newsloom binary at build time by
// embed_files.cmake: the web UI (every file under web/static) and the
// OpenAPI description (openapi.json here). CMake regenerates the .cc files
// whenever one of the files changes, or a file is added or removed.
#ifndef NEWSLOOM_SERVE_EMBEDDED_FILES_H_
#define NEWSLOOM_SERVE_EMBEDDED_FILES_H_

#include <span>
#include <string_view>

namespace newsloom {

struct EmbeddedFile {
  std::string_view path;     // relative to its folder, '/'-separated: "js/app.js"
  std::string_view content;  // the file's bytes
};

// Every file under web/static, sorted by path; empty when the folder was
// empty or missing at build time.
std::span<const EmbeddedFile> EmbeddedWebFiles();

// src/serve/openapi.json (exactly one file).
std::span<const EmbeddedFile> EmbeddedOpenApi();

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_EMBEDDED_FILES_H_
