#include "timex/timeml.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace newsloom {
namespace {

// The value of attribute `name` in the tag text `tag` ("TIMEX3 a=\"x\"").
std::string Attribute(std::string_view tag, std::string_view name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    const bool word_start = pos > 0 && (tag[pos - 1] == ' ' ||
                                        tag[pos - 1] == '\t' ||
                                        tag[pos - 1] == '\n');
    size_t j = pos + name.size();
    while (j < tag.size() && tag[j] == ' ') ++j;
    if (word_start && j < tag.size() && tag[j] == '=') {
      ++j;
      while (j < tag.size() && tag[j] == ' ') ++j;
      if (j < tag.size() && (tag[j] == '"' || tag[j] == '\'')) {
        const char q = tag[j];
        const size_t close = tag.find(q, j + 1);
        if (close == std::string_view::npos) return "";
        return std::string(tag.substr(j + 1, close - j - 1));
      }
    }
    pos += name.size();
  }
  return "";
}

// Appends the character an entity names; returns its length or 0.
size_t DecodeEntity(std::string_view s, std::string* out) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
      {"&apos;", '\''}};
  for (const auto& [name, c] : kNamed) {
    if (s.substr(0, name.size()) == name) {
      out->push_back(c);
      return name.size();
    }
  }
  return 0;
}

bool IsTagName(std::string_view tag, std::string_view name) {
  return tag.substr(0, name.size()) == name &&
         (tag.size() == name.size() || tag[name.size()] == ' ' ||
          tag[name.size()] == '/' || tag[name.size()] == '\t' ||
          tag[name.size()] == '\n');
}

}  // namespace

Result<TimexDocument> ParseTimeMl(std::string_view xml, std::string_view id) {
  TimexDocument doc;
  doc.id = std::string(id);
  const size_t dct = xml.find("<DCT>");
  if (dct != std::string_view::npos) {
    const size_t tag = xml.find("<TIMEX3", dct);
    const size_t close = xml.find('>', tag);
    if (tag != std::string_view::npos && close != std::string_view::npos) {
      const std::string v = Attribute(xml.substr(tag, close - tag), "value");
      doc.dct = v.substr(0, std::min<size_t>(v.size(), 10));
    }
  }
  const size_t open = xml.find("<TEXT>");
  const size_t end = xml.find("</TEXT>");
  if (open == std::string_view::npos || end == std::string_view::npos ||
      end < open)
    return Status::InvalidArgument(doc.id + ": no <TEXT> element");
  std::string_view body = xml.substr(open + 6, end - open - 6);
  bool in_timex = false;
  GoldTimex cur;
  for (size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c == '<') {
      const size_t close = body.find('>', i);
      if (close == std::string_view::npos) break;
      std::string_view tag = body.substr(i + 1, close - i - 1);
      const bool self_closing = !tag.empty() && tag.back() == '/';
      if (IsTagName(tag, "TIMEX3") && !self_closing) {
        if (in_timex)
          return Status::InvalidArgument(doc.id + ": nested TIMEX3");
        in_timex = true;
        cur = GoldTimex();
        cur.start = doc.text.size();
        cur.type = Attribute(tag, "type");
        cur.value = Attribute(tag, "value");
      } else if (IsTagName(tag, "/TIMEX3")) {
        if (in_timex) {
          cur.end = doc.text.size();
          if (cur.end > cur.start) doc.gold.push_back(cur);
        }
        in_timex = false;
      }
      i = close + 1;
    } else if (c == '&') {
      const size_t n = DecodeEntity(body.substr(i), &doc.text);
      if (n == 0) {
        doc.text.push_back(c);
        ++i;
      } else {
        i += n;
      }
    } else {
      doc.text.push_back(c);
      ++i;
    }
  }
  if (in_timex) return Status::InvalidArgument(doc.id + ": TIMEX3 not closed");
  // Spans that begin or end on spaces are trimmed (annotators' slips).
  for (GoldTimex& g : doc.gold) {
    while (g.start < g.end && std::isspace(static_cast<unsigned char>(doc.text[g.start]))) ++g.start;
    while (g.end > g.start && std::isspace(static_cast<unsigned char>(doc.text[g.end - 1]))) --g.end;
  }
  return doc;
}

Result<std::vector<TimexDocument>> ParseBioTsv(std::string_view tsv,
                                               std::string_view id) {
  std::vector<TimexDocument> docs;
  constexpr std::string_view kDct = "*!-DCTVALUE=\"";
  bool in_span = false;
  size_t line_no = 0;
  bool sentence_open = false;
  auto close_span = [&]() {
    if (in_span && !docs.empty()) docs.back().gold.back().end = docs.back().text.size();
    in_span = false;
  };
  while (!tsv.empty()) {
    const size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, kDct.size()) == kDct) {
      close_span();
      TimexDocument d;
      d.id = std::string(id) + "#" + std::to_string(docs.size() + 1);
      const std::string_view rest = line.substr(kDct.size());
      d.dct = std::string(rest.substr(0, std::min<size_t>(10, rest.find('"'))));
      docs.push_back(std::move(d));
      sentence_open = false;
      continue;
    }
    if (line.empty()) {
      close_span();
      if (!docs.empty() && sentence_open) docs.back().text.push_back('\n');
      sentence_open = false;
      continue;
    }
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos || docs.empty()) {
      return Status::InvalidArgument(std::string(id) + ":" +
                                     std::to_string(line_no) +
                                     ": expected token<TAB>tag<TAB>value");
    }
    const std::string_view token = line.substr(0, t1);
    const std::string_view tag = line.substr(t1 + 1, t2 - t1 - 1);
    const std::string_view value = line.substr(t2 + 1);
    TimexDocument& d = docs.back();
    if (tag.size() < 2 || tag[0] != 'I' || !in_span) close_span();
    if (sentence_open && !d.text.empty() && d.text.back() != '\n')
      d.text.push_back(' ');
    const size_t start = d.text.size();
    d.text.append(token);
    sentence_open = true;
    if (tag.size() > 2 && (tag[0] == 'B' || (tag[0] == 'I' && !in_span))) {
      GoldTimex g;
      g.start = start;
      g.type = std::string(tag.substr(2));
      g.value = std::string(value);
      d.gold.push_back(std::move(g));
      in_span = true;
    }
    if (in_span) d.gold.back().end = d.text.size();
  }
  close_span();
  return docs;
}

Result<std::vector<TimexDocument>> LoadTimexCorpus(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.path().extension() == ".tml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) return Status::NotFound(path + ": no .tml files");
  } else {
    files.push_back(path);
  }
  std::vector<TimexDocument> docs;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IoError(f.string() + ": cannot read");
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string data = buf.str();
    if (f.extension() == ".tml") {
      Result<TimexDocument> d = ParseTimeMl(data, f.filename().string());
      if (!d.ok()) return d.status();
      docs.push_back(std::move(d).value());
    } else {
      Result<std::vector<TimexDocument>> d =
          ParseBioTsv(data, f.filename().string());
      if (!d.ok()) return d.status();
      for (TimexDocument& x : d.value()) docs.push_back(std::move(x));
    }
  }
  return docs;
}

std::string TimexCorpusLanguage(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (const char* code : {"es", "en", "it", "de", "fr", "nl", "da", "pt"}) {
    for (const std::string sep : {"-", "_"}) {
      const std::string s = sep + code;
      const size_t p = name.find(s);
      if (p != std::string_view::npos &&
          (p + 3 == name.size() || name[p + 3] == '.' || name[p + 3] == '-' ||
           name[p + 3] == '_'))
        return code;
    }
  }
  return "en";
}

double TimexScores::F1(size_t hits, size_t sys, size_t gold) {
  if (hits == 0 || sys == 0 || gold == 0) return 0;
  const double p = static_cast<double>(hits) / sys;
  const double r = static_cast<double>(hits) / gold;
  return 2 * p * r / (p + r);
}

void TimexScores::Add(const TimexScores& o) {
  documents += o.documents;
  gold += o.gold;
  system += o.system;
  relaxed += o.relaxed;
  strict += o.strict;
  value += o.value;
  seconds += o.seconds;
}

TimexScores ScoreTimex(const std::vector<TimexDocument>& docs,
                       const TimexTagger& tagger, std::string_view lang,
                       std::FILE* errors) {
  TimexScores s;
  tagger.Tag("", lang, std::nullopt);  // builds the lexicon outside the timing
  for (const TimexDocument& doc : docs) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<Timex> sys = tagger.Tag(doc.text, lang, ParseDay(doc.dct));
    s.seconds += std::chrono::duration<double>(
                     std::chrono::steady_clock::now() - t0).count();
    ++s.documents;
    s.gold += doc.gold.size();
    s.system += sys.size();
    std::vector<bool> used(sys.size(), false);
    size_t first = 0;  // both lists are in text order
    for (const GoldTimex& g : doc.gold) {
      while (first < sys.size() && sys[first].end <= g.start) ++first;
      bool matched = false;
      for (size_t k = first; k < sys.size() && sys[k].start < g.end; ++k) {
        if (used[k] || sys[k].end <= g.start) continue;
        used[k] = true;
        matched = true;
        ++s.relaxed;
        if (sys[k].start == g.start && sys[k].end == g.end) ++s.strict;
        if (sys[k].value == g.value) {
          ++s.value;
        } else if (errors) {
          std::fprintf(errors, "VALUE\t%s\t%s\t%s\t%s\t%s\n", doc.id.c_str(),
                       doc.dct.c_str(), sys[k].text.c_str(),
                       sys[k].value.c_str(), g.value.c_str());
        }
        if (errors && (sys[k].start != g.start || sys[k].end != g.end)) {
          std::fprintf(errors, "SPAN\t%s\t%s\t[%s]\t[%s]\n", doc.id.c_str(),
                       doc.dct.c_str(), sys[k].text.c_str(),
                       doc.text.substr(g.start, g.end - g.start).c_str());
        }
        break;
      }
      if (!matched && errors) {
        std::fprintf(errors, "MISS\t%s\t%s\t%s\t%s\n", doc.id.c_str(),
                     doc.dct.c_str(),
                     doc.text.substr(g.start, g.end - g.start).c_str(),
                     g.value.c_str());
      }
    }
    for (size_t k = 0; k < sys.size(); ++k) {
      if (!used[k] && errors) {
        std::fprintf(errors, "SPURIOUS\t%s\t%s\t%s\t%s\n", doc.id.c_str(),
                     doc.dct.c_str(), sys[k].text.c_str(),
                     sys[k].value.c_str());
      }
    }
  }
  return s;
}

}  // namespace newsloom
