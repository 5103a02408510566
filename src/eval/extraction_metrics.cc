#include "eval/extraction_metrics.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>

namespace newsloom {
namespace {

bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
  }
  if (u_isalpha(c) && (U_GET_GC_MASK(c) & U_GC_L_MASK)) return true;
  return u_getNumericValue(c) != U_NO_NUMERIC_VALUE;
}

}  // namespace

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0, start = -1;
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    const bool word = c >= 0 && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      out.push_back(text.substr(start, at - start));
      start = -1;
    }
  }
  if (start >= 0) out.push_back(text.substr(start));
  return out;
}

ShingleMatch MatchShingles(std::string_view truth, std::string_view extracted,
                           size_t n) {
  // Shingles as the tokens joined by a byte no token holds.
  auto shingles = [n](std::string_view text) {
    const std::vector<std::string_view> t = WordTokens(text);
    std::unordered_map<std::string, double> counts;
    const size_t runs = t.size() >= n ? t.size() - n + 1 : (t.empty() ? 0 : 1);
    for (size_t i = 0; i < runs; ++i) {
      std::string key;
      for (size_t k = i; k < std::min(i + n, t.size()); ++k) {
        if (k > i) key += ' ';
        key += t[k];
      }
      counts[key] += 1;
    }
    return counts;
  };
  const auto want = shingles(truth);
  const auto got = shingles(extracted);
  ShingleMatch m;
  for (const auto& [key, w] : want) {
    auto it = got.find(key);
    const double g = it == got.end() ? 0 : it->second;
    m.tp += std::min(w, g);
    m.fn += std::max(0.0, w - g);
  }
  for (const auto& [key, g] : got) {
    auto it = want.find(key);
    const double w = it == want.end() ? 0 : it->second;
    m.fp += std::max(0.0, g - w);
  }
  const double sum = m.tp + m.fp + m.fn;
  if (sum > 0) {
    m.tp /= sum;
    m.fp /= sum;
    m.fn /= sum;
  }
  return m;
}

ExtractionScore ScoreExtraction(const std::vector<ShingleMatch>& pages) {
  ExtractionScore s;
  s.pages = pages.size();
  double p_sum = 0, r_sum = 0;
  size_t p_n = 0, r_n = 0;
  for (const ShingleMatch& m : pages) {
    if (m.tp + m.fp > 0) {
      p_sum += m.tp / (m.tp + m.fp);
      ++p_n;
    }
    if (m.tp + m.fn > 0) {
      r_sum += m.tp / (m.tp + m.fn);
      ++r_n;
    }
  }
  s.precision = p_n ? p_sum / p_n : 0;
  s.recall = r_n ? r_sum / r_n : 0;
  s.f1 = s.precision + s.recall > 0
             ? 2 * s.precision * s.recall / (s.precision + s.recall)
             : 0;
  return s;
}

}  // namespace newsloom
