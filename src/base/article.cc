#include "base/article.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/utf8.h"

namespace newsloom {

std::optional<UnixSeconds> LocalTime(const std::optional<UnixSeconds>& t,
                                     const std::optional<int>& offset) {
  if (!t) return std::nullopt;
  if (!offset || !IsTakenUtcOffset(*offset)) return t;
  return *t + static_cast<UnixSeconds>(*offset) * 60;
}

bool IsLocalSpanOf(const std::optional<UnixSeconds>& first,
                   const std::optional<UnixSeconds>& last, UnixSeconds first_local,
                   UnixSeconds last_local) {
  const auto near = [](UnixSeconds local, const std::optional<UnixSeconds>& t) {
    return t && std::llabs(local - *t) <= int64_t{kMaxUtcOffsetMinutes} * 60;
  };
  return near(first_local, first) && near(last_local, last) && first_local <= last_local;
}

std::optional<UnixSeconds> PublishedLocal(const Article& a) {
  return LocalTime(a.published, a.published_offset);
}

std::string LanguageCodeFromTag(std::string_view tag) {
  tag = TrimAscii(tag);
  tag = tag.substr(0, tag.find_first_of("-_"));
  if (tag.size() < 2 || tag.size() > 3) return "";
  std::string code;
  for (char c : tag) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (c < 'a' || c > 'z') return "";
    code += c;
  }
  return code;
}

std::vector<const Article*> CutLongTexts(std::span<const Article* const> articles,
                                         size_t max_bytes, std::deque<Article>* cut) {
  std::vector<const Article*> out(articles.begin(), articles.end());
  for (const Article*& a : out) {
    if (a->text.size() <= max_bytes) continue;
    Article& c = cut->emplace_back(*a);
    c.text.resize(TextPrefixLength(c.text, max_bytes));
    c.text.shrink_to_fit();
    a = &c;
  }
  return out;
}

namespace {

std::string Hex(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Whether query parameter `param` ("name=value" or "name") only tags a
// click.
bool IsTrackingParameter(std::string_view param) {
  const std::string_view name = param.substr(0, param.find('='));
  return name.starts_with("utm_") || name == "fbclid" || name == "gclid";
}

}  // namespace

std::string IdentityUrl(std::string_view url) {
  const size_t query = url.find('?');
  const size_t fragment = url.find('#');
  if (query == std::string_view::npos || query > fragment) return std::string(url);
  const size_t query_end = std::min(url.size(), fragment);
  std::string out(url.substr(0, query));
  char sep = '?';
  std::string_view rest = url.substr(query + 1, query_end - query - 1);
  while (true) {
    const size_t amp = rest.find('&');
    const std::string_view param = rest.substr(0, amp);
    if (!param.empty() && !IsTrackingParameter(param)) {
      out += sep;
      out += param;
      sep = '&';
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  out += url.substr(query_end);  // the fragment
  // A URL that was nothing but tags keeps them: its own identity.
  return out.empty() ? std::string(url) : out;
}

std::string UrlAsGivenId(std::string_view url) {
  return Hex(XXH64(url.data(), url.size(), /*seed=*/1));
}

std::string ArticleId(const Article& a) {
  uint64_t h;
  if (!a.url.empty()) {
    const std::string identity = IdentityUrl(a.url);
    h = XXH64(identity.data(), identity.size(), /*seed=*/1);
  } else {
    XXH64_state_t* st = XXH64_createState();
    XXH64_reset(st, /*seed=*/2);
    // Field separators keep ("ab","c") and ("a","bc") apart.
    const char sep = '\0';
    XXH64_update(st, a.source.data(), a.source.size());
    XXH64_update(st, &sep, 1);
    XXH64_update(st, a.title.data(), a.title.size());
    XXH64_update(st, &sep, 1);
    XXH64_update(st, a.text.data(), a.text.size());
    h = XXH64_digest(st);
    XXH64_freeState(st);
  }
  return Hex(h);
}

}  // namespace newsloom
