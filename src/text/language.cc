#include "text/language.h"

// compact_lang_det.h uses NULL and friends without including <cstdio>.
#include <cstdio>
#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <climits>

#include "base/utf8.h"
#include "text/normalize.h"

namespace newsloom {
namespace {

// CLD2 codes that differ from today's ISO 639-1, and variants that collapse.
constexpr std::pair<std::string_view, std::string_view> kCodeFixes[] = {
    {"iw", "he"}, {"jw", "jv"}, {"in", "id"}, {"nb", "no"}, {"nn", "no"},
    {"mo", "ro"}, {"un", "und"},
};

// "title\ntext", cut to `max_bytes` (0: unlimited) and to valid UTF-8.
std::string BuildProbe(std::string_view title, std::string_view text,
                       size_t max_bytes) {
  if (max_bytes == 0 || max_bytes > INT_MAX) max_bytes = INT_MAX;
  std::string probe(title.substr(0, Utf8PrefixLength(title, max_bytes)));
  if (!title.empty() && probe.size() < max_bytes) probe.push_back('\n');
  const size_t room = max_bytes - probe.size();
  probe.append(text.substr(0, Utf8PrefixLength(text, room)));
  probe.resize(std::min(probe.size(), FindInvalidUtf8(probe)));
  return probe;
}

// The percentage CLD2 gave `language` among its top three, or 0.
int PercentOf(CLD2::Language language, const CLD2::Language language3[3],
              const int percent3[3]) {
  for (int i = 0; i < 3; ++i) {
    if (language3[i] == language) return percent3[i];
  }
  return 0;
}

}  // namespace

std::string NormalizeCld2Code(std::string_view cld2_code) {
  std::string_view code = cld2_code.substr(0, cld2_code.find('-'));
  if (code.empty() || code == "xx" || code == "xxx") return "und";
  for (const auto& [from, to] : kCodeFixes) {
    if (code == from) return std::string(to);
  }
  return std::string(code);
}

LanguageDetector::LanguageDetector(LanguageDetectorOptions options)
    : options_(options) {}

LanguageGuess LanguageDetector::Detect(std::string_view title,
                                       std::string_view text) const {
  const std::string probe = BuildProbe(title, text, options_.max_probe_bytes);
  LanguageGuess guess;
  if (probe.empty()) return guess;
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language top = CLD2::ExtDetectLanguageSummary(
      probe.data(), static_cast<int>(probe.size()), /*is_plain_text=*/true,
      /*cld_hints=*/nullptr, /*flags=*/0, language3, percent3,
      normalized_score3, /*resultchunkvector=*/nullptr, &text_bytes,
      &reliable);
  guess.code = NormalizeCld2Code(CLD2::LanguageCode(top));
  if (guess.code == "und" || text_bytes == 0) return LanguageGuess();
  guess.confidence = std::clamp(PercentOf(top, language3, percent3) / 100.0,
                                0.0, 1.0);
  guess.reliable = reliable;
  return guess;
}

}  // namespace newsloom
