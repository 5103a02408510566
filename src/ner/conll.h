// CoNLL named-entity files and the conlleval score.
//
//   ASSIGN_OR_RETURN(ConllCorpus corpus, ReadConllFile(path));
//   ChunkScore s = ScoreChunks(gold_tags, predicted_tags);   // per sentence
//   s.f1();
//
// Format (../shared/data/README.md, "entities/"): one token per line with
// space- or tab-separated columns, the first the word and the last its tag;
// a blank (or white-space-only) line ends a sentence; a line whose first
// column is "-DOCSTART-" starts a new document. Tags are IOB1 (CoNLL-2003:
// "I-" starts a chunk unless it continues one of the same type, "B-" only
// between two adjacent chunks of one type) or IOB2 (CoNLL-2002, DDT: every
// chunk starts with "B-"). ReadConllFile converts both to IOB2, so the rest
// of ner/ sees one scheme.
//
// The score is conlleval's (the CoNLL shared-task Perl script): a chunk is a
// maximal run [start, end) with one type, counted correct only when gold
// and prediction have a chunk with the same start, end and type; precision
// = correct / predicted chunks, recall = correct / gold chunks, F1 their
// harmonic mean (0 when both are 0). Chunks never cross a sentence.
// ChunksOf follows conlleval's rules for ill-formed sequences too: an
// "I-X" after "O" or after a chunk of another type starts a chunk (so IOB1
// and IOB2 read the same), and a "B-X" always starts one.
//
// Thread safety: free functions and plain values.
#ifndef NEWSLOOM_NER_CONLL_H_
#define NEWSLOOM_NER_CONLL_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace newsloom {

struct ConllSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;  // IOB2: "O", "B-PER", "I-PER", ...
  uint32_t document = 0;          // index of the document (-DOCSTART-)
};

struct ConllCorpus {
  std::vector<ConllSentence> sentences;
  uint32_t documents = 0;  // documents seen (1 when the file has no -DOCSTART-)
  size_t tokens = 0;
};

// Reads a CoNLL file; tags converted to IOB2. Fails with kNotFound /
// kIoError when the file cannot be read and kCorruption (naming the line)
// when a token line has fewer than two columns or a tag is not "O", "B-X"
// or "I-X".
Result<ConllCorpus> ReadConllFile(const std::string& path);

// The same, from the contents of a file (`name` only labels errors).
Result<ConllCorpus> ParseConll(std::string_view contents,
                               std::string_view name = "<conll>");

// Rewrites one sentence's tags from IOB1 (or a mix) to IOB2: an "I-X" that
// does not continue a chunk of type X becomes "B-X". IOB2 input is
// returned unchanged.
void ToIob2(std::vector<std::string>* tags);

// A chunk: tokens [start, end) of one sentence, of `type` ("PER", ...).
struct Chunk {
  uint32_t start = 0, end = 0;
  std::string type;
  bool operator==(const Chunk&) const = default;
};

// The chunks of one sentence's tags (IOB1 or IOB2), conlleval's way.
std::vector<Chunk> ChunksOf(const std::vector<std::string>& tags);

struct ChunkCounts {
  int64_t correct = 0, gold = 0, predicted = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// conlleval totals, over all types and per type.
struct ChunkScore {
  ChunkCounts all;
  std::map<std::string, ChunkCounts> by_type;
  int64_t tokens = 0;

  // Adds one sentence. REQUIRES: gold.size() == predicted.size().
  void Add(const std::vector<std::string>& gold,
           const std::vector<std::string>& predicted);
  double precision() const { return all.precision(); }
  double recall() const { return all.recall(); }
  double f1() const { return all.f1(); }
};

}  // namespace newsloom

#endif  // NEWSLOOM_NER_CONLL_H_
