#include "ner/conll.h"

#include <fstream>
#include <sstream>

namespace newsloom {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::vector<std::string_view> Columns(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    size_t j = i;
    while (j < line.size() && !IsSpace(line[j])) ++j;
    if (j > i) cols.push_back(line.substr(i, j - i));
    i = j;
  }
  return cols;
}

bool ValidTag(std::string_view tag) {
  if (tag == "O") return true;
  return tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-';
}

std::string_view TypeOf(std::string_view tag) {
  return tag.size() > 2 ? tag.substr(2) : std::string_view();
}

double Ratio(int64_t a, int64_t b) { return b == 0 ? 0.0 : double(a) / b; }

}  // namespace

void ToIob2(std::vector<std::string>* tags) {
  std::string_view prev = "O";
  for (std::string& tag : *tags) {
    if (tag[0] == 'I' && (prev == "O" || TypeOf(prev) != TypeOf(tag)))
      tag[0] = 'B';
    prev = tag;
  }
}

Result<ConllCorpus> ParseConll(std::string_view contents,
                               std::string_view name) {
  ConllCorpus corpus;
  ConllSentence current;
  uint32_t document = 0;
  bool seen_docstart = false;
  auto flush = [&] {
    if (current.words.empty()) return;
    ToIob2(&current.tags);
    current.document = document;
    corpus.tokens += current.words.size();
    corpus.sentences.push_back(std::move(current));
    current = ConllSentence();
  };
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = contents.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    std::vector<std::string_view> cols = Columns(line);
    if (cols.empty()) {
      flush();
      continue;
    }
    if (cols[0] == "-DOCSTART-") {
      flush();
      if (seen_docstart || !corpus.sentences.empty()) ++document;
      seen_docstart = true;
      continue;
    }
    if (cols.size() < 2 || !ValidTag(cols.back())) {
      return Status::Corruption(std::string(name) + ":" +
                                std::to_string(line_no) +
                                ": expected 'WORD ... TAG' with TAG O, B-X or "
                                "I-X");
    }
    current.words.emplace_back(cols[0]);
    current.tags.emplace_back(cols.back());
  }
  flush();
  corpus.documents = corpus.sentences.empty() ? 0 : document + 1;
  return corpus;
}

Result<ConllCorpus> ReadConllFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read failed");
  return ParseConll(buf.str(), path);
}

std::vector<Chunk> ChunksOf(const std::vector<std::string>& tags) {
  std::vector<Chunk> chunks;
  bool open = false;
  for (uint32_t i = 0; i < tags.size(); ++i) {
    std::string_view tag = tags[i];
    std::string_view type = TypeOf(tag);
    bool starts;
    if (tag == "O" || tag.size() < 3) {
      starts = false;
      open = false;
    } else if (tag[0] == 'B') {
      starts = true;
    } else {  // I-X continues only a chunk of type X
      starts = !open || chunks.back().type != type;
    }
    if (starts) {
      chunks.push_back({i, i + 1, std::string(type)});
      open = true;
    } else if (open) {
      chunks.back().end = i + 1;
    }
  }
  return chunks;
}

double ChunkCounts::precision() const { return Ratio(correct, predicted); }
double ChunkCounts::recall() const { return Ratio(correct, gold); }
double ChunkCounts::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

void ChunkScore::Add(const std::vector<std::string>& gold,
                     const std::vector<std::string>& predicted) {
  tokens += static_cast<int64_t>(gold.size());
  std::vector<Chunk> g = ChunksOf(gold), p = ChunksOf(predicted);
  for (const Chunk& c : g) {
    ++all.gold;
    ++by_type[c.type].gold;
  }
  for (const Chunk& c : p) {
    ++all.predicted;
    ++by_type[c.type].predicted;
  }
  // Both lists are sorted by start and non-overlapping: merge them.
  size_t i = 0, j = 0;
  while (i < g.size() && j < p.size()) {
    if (g[i].start < p[j].start) {
      ++i;
    } else if (p[j].start < g[i].start) {
      ++j;
    } else {
      if (g[i] == p[j]) {
        ++all.correct;
        ++by_type[g[i].type].correct;
      }
      ++i;
      ++j;
    }
  }
}

}  // namespace newsloom
