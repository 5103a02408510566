// Test helpers for ingest: a temporary folder that cleans up after itself,
// file writing, and gzip compression in memory.
#ifndef NEWSLOOM_INGEST_TEST_FILES_H_
#define NEWSLOOM_INGEST_TEST_FILES_H_

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "base/article.h"
#include "ingest/reader.h"

namespace newsloom::testing {

// A fresh folder under the system temp dir, removed with its contents on
// destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // path() + "/" + name.
  std::string Path(std::string_view name) const;

  // Writes `bytes` to Path(name), creating parent folders; returns the path.
  std::string Write(std::string_view name, std::string_view bytes) const;

 private:
  std::string path_;
};

// `bytes` compressed as one gzip member.
std::string Gzip(std::string_view bytes);

// The whole content of a file ("" when it cannot be read).
std::string ReadFileOrEmpty(const std::string& path);

// Everything one ReadInputs / ReadStream call produced.
struct Collected {
  std::vector<Article> articles;
  std::vector<IngestError> errors;  // errors and warnings, in order
  std::vector<IngestNote> notes;
  ReadStats stats;

  // The errors' ToString(), one per line: readable in failure messages.
  std::string ErrorText() const;
};
Collected ReadAll(const std::vector<std::string>& inputs,
                  const ReadOptions& options = ReadOptions());
Collected ReadAllFromStream(std::istream& in, std::string_view name,
                            const ReadOptions& options = ReadOptions());

}  // namespace newsloom::testing

#endif  // NEWSLOOM_INGEST_TEST_FILES_H_
