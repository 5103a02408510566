#include "ingest/test_files.h"

#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace newsloom::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const fs::path p = fs::temp_directory_path() /
                     ("newsloom_ingest_" + std::to_string(::getpid()) + "_" +
                      std::to_string(counter++));
  fs::remove_all(p);
  fs::create_directories(p);
  path_ = p.string();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::Path(std::string_view name) const {
  return path_ + "/" + std::string(name);
}

std::string TempDir::Write(std::string_view name,
                           std::string_view bytes) const {
  const std::string p = Path(name);
  fs::create_directories(fs::path(p).parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return p;
}

std::string Gzip(std::string_view bytes) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Collected::ErrorText() const {
  std::string out;
  for (const IngestError& e : errors) out += e.ToString() + "\n";
  return out;
}

Collected ReadAll(const std::vector<std::string>& inputs,
                  const ReadOptions& options) {
  Collected c;
  c.stats = ReadInputs(
      inputs, options, [&](Article&& a) { c.articles.push_back(std::move(a)); },
      [&](const IngestError& e) { c.errors.push_back(e); },
      [&](const IngestNote& n) { c.notes.push_back(n); });
  return c;
}

Collected ReadAllFromStream(std::istream& in, std::string_view name,
                            const ReadOptions& options) {
  Collected c;
  c.stats = ReadStream(
      in, name, options,
      [&](Article&& a) { c.articles.push_back(std::move(a)); },
      [&](const IngestError& e) { c.errors.push_back(e); },
      [&](const IngestNote& n) { c.notes.push_back(n); });
  return c;
}

}  // namespace newsloom::testing
