#include "dedup/synthetic_copies.h"

#include <array>
#include <random>
#include <string>

namespace newsloom {
namespace {

// Site furniture, written for these tests.
constexpr std::array<std::string_view, 10> kFurniture = {
    "Share this story: Facebook Twitter Email Print",
    "Sign up for our morning newsletter and get the day's headlines in "
    "your inbox.",
    "Copyright 2024 Example Media Group. All rights reserved. This material "
    "may not be published, broadcast, rewritten or redistributed.",
    "Advertisement",
    "Comments are closed on this story.",
    "Most read: Weather alerts for the weekend | Traffic on the bypass | "
    "School closures",
    "Follow us for breaking news alerts on your phone.",
    "Related coverage",
    "Watch the video report above.",
    "Have a news tip? Send it to our newsroom.",
};

constexpr std::array<std::string_view, 6> kOutlets = {
    "Daily Courier",    "Channel 9 News", "Valley Herald",
    "The Morning Post", "Metro Wire",     "Radio North"};

constexpr std::array<std::string_view, 4> kHeadlinePrefixes = {
    "UPDATE: ", "Police: ", "BREAKING: ", "Report: "};

constexpr std::array<std::string_view, 8> kReplacementWords = {
    "officials", "say", "local", "new", "latest", "county", "after", "man"};

std::vector<std::string> Paragraphs(const std::string& text) {
  std::string_view sep = text.find("\n\n") != std::string::npos ? "\n\n" : "\n";
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find(sep, start);
    std::string p = text.substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    if (p.find_first_not_of(" \t\r\n") != std::string::npos) {
      out.push_back(std::move(p));
    }
    if (end == std::string::npos) break;
    start = end + sep.size();
  }
  return out;
}

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

std::string EditHeadline(const std::string& title, std::mt19937_64& rng) {
  switch (rng() % 3) {
    case 0:
      return title + " - " + std::string(kOutlets[rng() % kOutlets.size()]);
    case 1:
      return std::string(kHeadlinePrefixes[rng() % kHeadlinePrefixes.size()]) +
             title;
    default: {
      // Two words replaced.
      std::vector<std::string> words;
      size_t start = 0;
      while (start < title.size()) {
        size_t end = title.find(' ', start);
        if (end == std::string::npos) end = title.size();
        words.push_back(title.substr(start, end - start));
        start = end + 1;
      }
      if (words.empty()) return title;
      for (int k = 0; k < 2; ++k) {
        words[rng() % words.size()] =
            kReplacementWords[rng() % kReplacementWords.size()];
      }
      std::string out;
      for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
      return out;
    }
  }
}

std::string Furnish(const std::string& text, std::mt19937_64& rng) {
  std::string out;
  for (int i = 0; i < 2; ++i) {
    out += kFurniture[rng() % kFurniture.size()];
    out += "\n\n";
  }
  out += text;
  for (int i = 0; i < 3; ++i) {
    out += "\n\n";
    out += kFurniture[rng() % kFurniture.size()];
  }
  return out;
}

// A paragraph of another article: the "local paragraph" of a copy.
std::string Donor(const std::vector<Article>& originals, size_t self,
                  std::mt19937_64& rng) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    const size_t other = rng() % originals.size();
    if (other == self) continue;
    std::vector<std::string> ps = Paragraphs(originals[other].text);
    if (!ps.empty()) return ps[rng() % ps.size()];
  }
  return "Residents said they had heard nothing unusual that evening.";
}

std::string AddParagraph(const std::string& text, std::string paragraph,
                         std::mt19937_64& rng) {
  std::vector<std::string> ps = Paragraphs(text);
  ps.insert(ps.begin() + static_cast<long>(rng() % (ps.size() + 1)),
            std::move(paragraph));
  return Join(ps);
}

}  // namespace

std::string_view CopyEditName(CopyEdit edit) {
  static constexpr std::array<std::string_view, kCopyEditCount> kNames = {
      "edited headline", "added paragraph", "removed paragraph",
      "site furniture", "combined"};
  return kNames[static_cast<size_t>(edit)];
}

std::vector<SyntheticCopy> MakeSyntheticCopies(
    const std::vector<Article>& originals, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<SyntheticCopy> copies;
  copies.reserve(originals.size());
  for (size_t i = 0; i < originals.size(); ++i) {
    const Article& o = originals[i];
    SyntheticCopy c;
    c.original = i;
    c.edit = static_cast<CopyEdit>(i % kCopyEditCount);
    Article& a = c.article;
    a.external_id = a.id = "copy-" + std::to_string(i);
    a.input = a.external_id;
    a.source = "copy-outlet-" + std::to_string(rng() % 50);
    a.lang = o.lang;
    a.published = o.published;
    a.gold_event = o.gold_event;
    a.gold_story = o.gold_story;
    a.title = o.title;
    a.text = o.text;
    switch (c.edit) {
      case CopyEdit::kEditedHeadline:
        a.title = EditHeadline(o.title, rng);
        break;
      case CopyEdit::kAddedParagraph:
        a.text = AddParagraph(o.text, Donor(originals, i, rng), rng);
        break;
      case CopyEdit::kRemovedParagraph: {
        std::vector<std::string> ps = Paragraphs(o.text);
        if (ps.size() > 1)
          ps.erase(ps.begin() + static_cast<long>(rng() % ps.size()));
        a.text = Join(ps);
        break;
      }
      case CopyEdit::kSiteFurniture:
        a.text = Furnish(o.text, rng);
        break;
      case CopyEdit::kCombined:
        a.title = EditHeadline(o.title, rng);
        a.text =
            Furnish(AddParagraph(o.text, Donor(originals, i, rng), rng), rng);
        break;
    }
    copies.push_back(std::move(c));
  }
  return copies;
}

}  // namespace newsloom
