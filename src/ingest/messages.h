// Small helpers that keep ingest's error messages uniform. Internal to
// src/ingest; other components should not depend on the wording.
#ifndef NEWSLOOM_INGEST_MESSAGES_H_
#define NEWSLOOM_INGEST_MESSAGES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace newsloom::ingest_internal {

// A size for people: "512 bytes", "100.0 MB", "4.5 GB" (1 MB = 2^20 bytes).
std::string FormatSize(size_t bytes);

// A configured cap: like FormatSize, but whole units print without a
// decimal ("16 MB", "4 GB"), as the user would type them.
std::string FormatCap(size_t bytes);

// "<what> is <size>; the cap for <what_cap> is <cap> (<flag>); skipped".
std::string OverCapMessage(std::string_view what, size_t size,
                           std::string_view cap_name, size_t cap,
                           std::string_view flag);

// Makes `s` fit on one line of at most `max_bytes` bytes: the end is
// abbreviated, then line breaks and other controls become spaces
// (PrintableText).
std::string OneLine(std::string_view s, size_t max_bytes = 300);

}  // namespace newsloom::ingest_internal

#endif  // NEWSLOOM_INGEST_MESSAGES_H_
