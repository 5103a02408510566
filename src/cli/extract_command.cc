// `newsloom extract`: what the readers make of inputs (web pages and plain
// text), as people or other tools read it; and `newsloom eval-extraction`:
// the article-body score of the extractor on a labelled folder of pages.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "engine/engine.h"
#include "eval/extraction_metrics.h"
#include "html/extract.h"
#include "ingest/byte_source.h"
#include "ingest/reader.h"
#include "text/language.h"

namespace newsloom {
namespace {

using nlohmann::json;

// The time as the input wrote it: with its offset when it had one (a plain
// text's "Date: 2024-03-05T10:30:00+01:00"), so `extract | ingest` dates
// the article on its outlet's day.
std::string PublishedText(const Article& a) {
  if (!a.published_text.empty()) return a.published_text;
  if (!a.published) return std::string();
  if (a.published_offset) {
    return FormatZonedTime(ZonedTime{*a.published, a.published_offset, /*has_time=*/true});
  }
  return FormatIsoTime(*a.published);
}

json NullIfEmpty(const std::string& s) { return s.empty() ? json() : json(s); }

void PrintJsonLine(const Article& a) {
  json j = {{"input", a.input},
            {"title", a.title},
            {"text", a.text},
            {"published", NullIfEmpty(PublishedText(a))},
            {"authors", a.authors},
            {"url", NullIfEmpty(a.url)},
            {"site", NullIfEmpty(a.source)},
            {"lang", a.lang}};
  std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
}

void PrintForPeople(const Article& a) {
  std::cout << "== " << PrintableText(a.input) << "\n";
  auto field = [](const char* name, const std::string& value) {
    if (!value.empty()) std::cout << name << ": " << PrintableText(value) << "\n";
  };
  field("title", a.title);
  field("published", PublishedText(a));
  std::string authors;
  for (const std::string& name : a.authors) {
    authors += (authors.empty() ? "" : ", ") + name;
  }
  field("authors", authors);
  field("url", a.url);
  field("site", a.source);
  field("lang", a.lang);
  std::cout << "\n" << PrintableText(a.text, /*keep_line_feeds=*/true) << "\n\n";
}

// The bytes of a file, gunzipped when it is gzip data.
Result<std::string> ReadPageFile(const std::string& path, size_t cap) {
  ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> src, OpenFileSource(path));
  std::string head;
  head.resize(2);
  ASSIGN_OR_RETURN(size_t got, src->Read(head.data(), 2));
  head.resize(got);
  const bool gzip = HasGzipMagic(head);
  src = NewPrefixedSource(std::move(head), std::move(src));
  if (gzip) src = NewGzipSource(std::move(src));
  std::string bytes;
  ASSIGN_OR_RETURN(bool ended, ReadUpTo(*src, cap, &bytes));
  if (!ended) return Status::InvalidArgument("page over the size cap");
  if (std::string note = src->Note(); !note.empty()) {
    std::cerr << "newsloom: " << PrintableText(path) << ": warning: " << note << "\n";
  }
  return bytes;
}

}  // namespace

int RunExtract(const ExtractCommandOptions& o) {
  LanguageDetector detector;
  size_t errors = 0, articles = 0;
  ProblemPrinter problems;
  ReadInputs(
      o.inputs, o.read,
      [&](Article&& a) {
        ++articles;
        DetectLanguageIfMissing(detector, &a);
        if (o.jsonl) {
          PrintJsonLine(a);
        } else {
          PrintForPeople(a);
        }
      },
      [&](const IngestError& e) {
        errors += !e.warning;
        problems(e);
      },
      [](const IngestNote& n) {
        std::cerr << "newsloom: " << n.ToString() << "\n";
      });
  problems.Finish();
  if (articles == 0 && errors == 0) std::cerr << "newsloom: no articles in the inputs\n";
  return errors > 0 ? kExitPartial : kExitOk;
}

int RunEvalExtraction(const EvalExtractionOptions& o) {
  namespace fs = std::filesystem;
  const fs::path dir(o.dir);
  std::ifstream in(dir / "ground-truth.json", std::ios::binary);
  if (!in) {
    std::cerr << "newsloom: cannot read " << (dir / "ground-truth.json").string()
              << "\n";
    return kExitFatal;
  }
  if (!o.dump.empty()) {
    // Before the work: a --dump that cannot be a folder (a file, a place
    // without write permission) is said at once.
    std::error_code ec;
    fs::create_directories(o.dump, ec);
    if (ec || !fs::is_directory(o.dump, ec)) {
      std::cerr << "newsloom: --dump " << o.dump << ": cannot make a folder there"
                << (ec ? " (" + ec.message() + ")" : std::string()) << "\n";
      return kExitFatal;
    }
  }
  const json truth = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!truth.is_object()) {
    std::cerr << "newsloom: " << (dir / "ground-truth.json").string()
              << ": not a JSON object of pages\n";
    return kExitFatal;
  }
  struct Page {
    std::string id, url, body, html;
  };
  std::vector<Page> pages;
  size_t errors = 0;
  for (const auto& [id, entry] : truth.items()) {
    // A page's entry is {"articleBody": TEXT, "url": TEXT}; any other shape
    // is reported and the page skipped (json::value() would throw).
    const bool sound = entry.is_object() &&
                       (!entry.contains("url") || entry["url"].is_string()) &&
                       entry.contains("articleBody") && entry["articleBody"].is_string();
    if (!sound) {
      std::cerr << "newsloom: " << (dir / "ground-truth.json").string() << ": page \""
                << PrintableText(Abbreviate(id, 80))
                << "\" is not {\"articleBody\": text, \"url\": text}; skipped\n";
      ++errors;
      continue;
    }
    Page p{id, entry.value("url", ""), entry["articleBody"].get<std::string>(), {}};
    std::string path = (dir / "html" / (id + ".html.gz")).string();
    if (!fs::exists(path)) path = (dir / "html" / (id + ".html")).string();
    Result<std::string> bytes = ReadPageFile(path, ReadOptions().max_page_bytes);
    if (!bytes.ok()) {
      std::cerr << "newsloom: " << path << ": " << bytes.status().message()
                << "; counted as empty\n";
      ++errors;
    } else {
      p.html = std::move(bytes).value();
    }
    pages.push_back(std::move(p));
  }
  std::sort(pages.begin(), pages.end(),
            [](const Page& a, const Page& b) { return a.id < b.id; });

  std::vector<std::string> extracted(pages.size());
  std::vector<double> seconds;
  for (int run = 0; run < std::max(1, o.runs); ++run) {
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < pages.size(); ++i) {
      Result<ExtractedPage> page =
          ExtractPage(pages[i].html, PageSource{pages[i].url, ""});
      extracted[i] = page.ok() ? std::move(page->text) : std::string();
    }
    seconds.push_back(std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - start)
                          .count());
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];

  std::vector<ShingleMatch> matches;
  json per_page = json::array();
  for (size_t i = 0; i < pages.size(); ++i) {
    matches.push_back(MatchShingles(pages[i].body, extracted[i]));
    const ShingleMatch& m = matches.back();
    const double p = m.tp + m.fp > 0 ? m.tp / (m.tp + m.fp) : 0;
    const double r = m.tp + m.fn > 0 ? m.tp / (m.tp + m.fn) : 0;
    per_page.push_back({{"id", pages[i].id}, {"precision", p}, {"recall", r}});
    if (!o.dump.empty()) {
      // The id is the ground truth's key: a '/' in it names no sub-folder.
      std::string name = pages[i].id;
      std::replace(name.begin(), name.end(), '/', '_');
      if (name.empty() || name[0] == '.') name = "_" + name;
      const fs::path file = fs::path(o.dump) / (name + ".txt");
      std::ofstream out(file, std::ios::binary);
      out << extracted[i];
      if (!out.flush()) {
        std::cerr << "newsloom: --dump: cannot write " << file.string() << "\n";
        ++errors;
      }
    }
  }
  const ExtractionScore s = ScoreExtraction(matches);
  double bytes = 0;
  for (const Page& p : pages) bytes += p.html.size();
  const double pages_per_sec = pages.size() / median;
  if (o.json) {
    json j = {{"pages", s.pages},
              {"precision", s.precision},
              {"recall", s.recall},
              {"f1", s.f1},
              {"pages_per_sec", pages_per_sec},
              {"mb_per_sec", bytes / (1 << 20) / median},
              {"runs", seconds.size()}};
    if (o.per_page) j["per_page"] = per_page;
    std::cout << DumpJson(j) << "\n";
  } else {
    if (o.per_page) {
      for (const json& p : per_page) {
        std::printf("%s  P %.3f  R %.3f\n",
                    PrintableText(Abbreviate(p["id"].get<std::string>(), 12)).c_str(),
                    p["precision"].get<double>(), p["recall"].get<double>());
      }
    }
    std::printf(
        "%s: precision %.4f  recall %.4f  F1 %.4f  "
        "(%.0f pages/s, %.1f MB/s, median of %s, one thread)\n",
        Counted(static_cast<long long>(s.pages), "page", "pages").c_str(), s.precision,
        s.recall, s.f1, pages_per_sec, bytes / (1 << 20) / median,
        Counted(static_cast<long long>(seconds.size()), "run", "runs").c_str());
  }
  return errors > 0 ? kExitPartial : kExitOk;
}

}  // namespace newsloom
