#include "dedup/groups.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "base/ascii.h"

namespace newsloom {
namespace {

constexpr std::string_view kArchiveHost = "web.archive.org";
constexpr std::string_view kArchivePath = "/web/";

std::string_view StripScheme(std::string_view url) {
  const size_t scheme = url.find("://");
  return scheme == std::string_view::npos ? url : url.substr(scheme + 3);
}

}  // namespace

std::string SiteOfUrl(std::string_view url) {
  std::string_view rest = StripScheme(url);
  const size_t end = rest.find_first_of("/:?#");
  std::string host(rest.substr(0, end));
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                : static_cast<char>(c);
  });
  if (host == kArchiveHost) {
    // web.archive.org/web/TIMESTAMP/ORIGINAL-URL
    const size_t path = rest.find('/');
    std::string_view p =
        path == std::string_view::npos ? std::string_view() : rest.substr(path);
    if (p.starts_with(kArchivePath)) {
      p.remove_prefix(kArchivePath.size());
      const size_t slash = p.find('/');
      if (slash != std::string_view::npos && slash + 1 < p.size()) {
        return SiteOfUrl(p.substr(slash + 1));
      }
    }
  }
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

std::string OutletOf(const Article& article) {
  if (!article.source.empty()) return article.source;
  if (!article.url.empty()) return SiteOfUrl(article.url);
  return {};
}

std::string SiteOrSourceOf(const Article& article) {
  if (!article.url.empty()) {
    std::string site = SiteOfUrl(article.url);
    if (!site.empty()) return site;
  }
  return AsciiLowerCopy(article.source);
}

std::vector<DuplicateGroup> FindDuplicateGroups(
    const std::vector<Article>& articles, const DedupOptions& options) {
  StreamDuplicates stream(options);
  std::map<size_t, DuplicateGroup> groups;  // by canonical
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = articles[i];
    const DuplicateMatch m = stream.Next(a.title, a.text, SiteOrSourceOf(a), a.published);
    if (!m.is_duplicate()) continue;
    DuplicateGroup& g = groups[m.canonical];
    g.canonical = m.canonical;
    g.members.push_back({i, m.kind, m.similarity, m.matched});
  }
  std::vector<DuplicateGroup> out;
  out.reserve(groups.size());
  for (auto& entry : groups) {
    const size_t canonical = entry.first;
    DuplicateGroup& g = entry.second;  // a plain reference: clang 14 cannot
                                       // capture structured bindings
    auto add_outlet = [&g](const Article& a) {
      std::string outlet = OutletOf(a);
      if (!outlet.empty() && std::find(g.outlets.begin(), g.outlets.end(),
                                       outlet) == g.outlets.end()) {
        g.outlets.push_back(std::move(outlet));
      }
    };
    add_outlet(articles[canonical]);
    for (const GroupMember& m : g.members) add_outlet(articles[m.article]);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace newsloom
