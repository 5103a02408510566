#include "ingest/line_reader.h"

#include <algorithm>

#include "ingest/messages.h"

namespace newsloom {
namespace {

constexpr size_t kChunkBytes = 256 << 10;

}  // namespace

LineReader::LineReader(ByteSource& source, size_t max_line_bytes,
                       size_t max_total_bytes)
    : source_(source),
      max_line_bytes_(max_line_bytes),
      max_total_bytes_(max_total_bytes) {}

bool LineReader::Fill() {
  if (at_end_ || !status_.ok()) return false;
  if (begin_ > 0) {  // keep only the unconsumed tail
    buf_.erase(0, begin_);
    scanned_ -= begin_;
    begin_ = 0;
  }
  // Ask for one byte past the total cap, to tell "at the cap" from "over".
  const size_t left = max_total_bytes_ - bytes_read_;
  const size_t want = left < kChunkBytes ? left + 1 : kChunkBytes;
  const size_t old = buf_.size();
  buf_.resize(old + want);
  Result<size_t> got = source_.Read(buf_.data() + old, want);
  buf_.resize(old + (got.ok() ? *got : 0));
  if (!got.ok()) {
    status_ = got.status();
    return false;
  }
  bytes_read_ += *got;
  if (bytes_read_ > max_total_bytes_) {
    // Lines complete within the cap are still served; then this error.
    buf_.pop_back();
    --bytes_read_;
    status_ =
        Status::InvalidArgument("input is over the cap of " +
                                ingest_internal::FormatCap(max_total_bytes_) +
                                " (--max-file-bytes); read up to the cap");
    return true;
  }
  at_end_ = *got == 0;
  return !at_end_;
}

bool LineReader::DiscardRestOfLine() {
  for (;;) {
    const size_t nl = buf_.find('\n', begin_);
    if (nl != std::string::npos) {
      begin_ = scanned_ = nl + 1;
      return true;
    }
    begin_ = scanned_ = buf_.size();
    if (!Fill()) return false;
  }
}

void LineReader::SetLine(size_t begin, size_t end) {
  if (end > begin && buf_[end - 1] == '\r') --end;
  line_ = std::string_view(buf_).substr(begin, end - begin);
}

bool LineReader::Next() {
  line_ = {};
  oversized_ = false;
  for (;;) {
    const size_t nl = buf_.find('\n', scanned_);
    if (nl != std::string::npos) {
      ++line_number_;
      const size_t begin = begin_;
      begin_ = scanned_ = nl + 1;
      oversized_ = nl - begin > max_line_bytes_;
      if (!oversized_) SetLine(begin, nl);
      return true;
    }
    scanned_ = buf_.size();
    if (scanned_ - begin_ > max_line_bytes_) {
      ++line_number_;
      oversized_ = true;
      // The line counts even if the stream ends before its '\n'.
      if (!DiscardRestOfLine() && !status_.ok()) return false;
      return true;
    }
    if (!Fill()) break;
  }
  if (!status_.ok() || begin_ == buf_.size()) return false;
  ++line_number_;  // a last line without '\n'
  SetLine(begin_, buf_.size());
  begin_ = scanned_ = buf_.size();
  return true;
}

}  // namespace newsloom
