// LineReader: splits a ByteSource into lines for JSONL, in bounded memory.
//
//   LineReader lines(source, options.max_line_bytes, options.max_file_bytes);
//   while (lines.Next()) {
//     if (lines.oversized()) { report lines.line_number(); continue; }
//     Use(lines.line(), lines.line_number());
//   }
//   if (!lines.status().ok()) { report lines.status(); }
//
// A line ends at '\n'; one trailing '\r' is removed (CRLF files). The last
// line needs no '\n' when the stream ends cleanly, but when the stream
// fails (a truncated gzip), the partial line before the failure is dropped:
// only complete lines are ever returned. Memory stays around
// max_line_bytes plus one read chunk: a longer line is discarded as it is
// read and reported once through oversized().
//
// Thread safety: one thread at a time.
#ifndef NEWSLOOM_INGEST_LINE_READER_H_
#define NEWSLOOM_INGEST_LINE_READER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ingest/byte_source.h"

namespace newsloom {

class LineReader {
 public:
  // Reads from `source`, which must outlive the reader. Lines longer than
  // `max_line_bytes` (without the line break) are skipped; reading stops
  // with an error once more than `max_total_bytes` have been read.
  LineReader(ByteSource& source, size_t max_line_bytes, size_t max_total_bytes);

  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Moves to the next line. Returns false at the end of the stream or on
  // an error (see status()); true otherwise, with line(), line_number()
  // and oversized() describing the line.
  bool Next();

  // The current line without its line break; empty when oversized(). Valid
  // until the next call of Next().
  std::string_view line() const { return line_; }

  // 1-based number of the current line.
  size_t line_number() const { return line_number_; }

  // True when the current line was longer than max_line_bytes and skipped.
  bool oversized() const { return oversized_; }

  // OK while reading and after a clean end. After Next() returned false on
  // an error: the source's error (e.g. Corruption "truncated gzip stream
  // after N bytes"), or InvalidArgument "input is over the cap of X
  // (--max-file-bytes); read up to the cap". Either way, the lines complete
  // before the error were returned.
  const Status& status() const { return status_; }

  // Bytes read from the source so far.
  size_t bytes_read() const { return bytes_read_; }

 private:
  // Reads one more chunk into buf_; false at the end or on error.
  bool Fill();
  // Drops input up to and including the next '\n'; false if none came.
  bool DiscardRestOfLine();
  void SetLine(size_t begin, size_t end);

  ByteSource& source_;
  const size_t max_line_bytes_;
  const size_t max_total_bytes_;
  std::string buf_;  // unconsumed input is buf_[begin_, buf_.size())
  size_t begin_ = 0;
  size_t scanned_ = 0;  // buf_[begin_, scanned_) holds no '\n'
  bool at_end_ = false;
  std::string_view line_;
  size_t line_number_ = 0;
  bool oversized_ = false;
  size_t bytes_read_ = 0;
  Status status_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_INGEST_LINE_READER_H_
