#include "ingest/messages.h"

#include <cstdio>

#include "base/utf8.h"

namespace newsloom::ingest_internal {
namespace {

constexpr size_t kMiB = size_t{1} << 20;
constexpr size_t kGiB = size_t{1} << 30;

std::string Printf(const char* format, double value, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value, unit);
  return buf;
}

}  // namespace

std::string FormatSize(size_t bytes) {
  if (bytes < kMiB) return std::to_string(bytes) + " bytes";
  if (bytes < kGiB) return Printf("%.1f %s", double(bytes) / kMiB, "MB");
  return Printf("%.1f %s", double(bytes) / kGiB, "GB");
}

std::string FormatCap(size_t bytes) {
  if (bytes >= kGiB && bytes % kGiB == 0) {
    return std::to_string(bytes / kGiB) + " GB";
  }
  if (bytes >= kMiB && bytes % kMiB == 0) {
    return std::to_string(bytes / kMiB) + " MB";
  }
  return FormatSize(bytes);
}

std::string OverCapMessage(std::string_view what, size_t size,
                           std::string_view cap_name, size_t cap,
                           std::string_view flag) {
  std::string m(what);
  m += " is " + FormatSize(size) + "; the cap for ";
  m += cap_name;
  m += " is " + FormatCap(cap) + " (";
  m += flag;
  m += "); skipped";
  return m;
}

std::string OneLine(std::string_view s, size_t max_bytes) {
  return PrintableText(Abbreviate(s, max_bytes));
}

}  // namespace newsloom::ingest_internal
