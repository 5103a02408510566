// ByteSource: a forward-only stream of bytes that ingest reads inputs from.
//
// Files, standard input, std::istreams and in-memory strings all look the
// same to the readers above (line_reader.h, reader.h), and a GzipSource
// decompresses any of them on the fly. Reading is chunked: no source holds
// more than one chunk, so a multi-gigabyte JSONL.gz streams in constant
// memory.
//
// Errors are values: Read() returns a Status for an I/O failure or corrupt
// compressed data. After an error the source is finished; further calls
// return the same error.
//
// Thread safety: a ByteSource is used by one thread at a time.
#ifndef NEWSLOOM_INGEST_BYTE_SOURCE_H_
#define NEWSLOOM_INGEST_BYTE_SOURCE_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsloom {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to `n` bytes into `buf` and returns how many were read; 0 means
  // the end of the stream. May return fewer than `n` before the end.
  // REQUIRES: n > 0.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;

  // After the end: what the source skipped that its reader should report
  // as a warning ("" for none). A gzip source ends at bytes after its last
  // member that are not another one (trailing garbage, as gzip(1) ignores
  // it) and says so here.
  virtual std::string Note() const { return ""; }
};

// Reads a file descriptor with read(2), retrying on EINTR. Closes it on
// destruction when `owns_fd` (never pass owns_fd for stdin).
std::unique_ptr<ByteSource> NewFdSource(int fd, bool owns_fd);

// Opens `path` for reading. Errors: NotFound "no such file or directory",
// IoError "<strerror, lowercase>" for anything else (e.g. "permission
// denied").
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

// Reads `in` (binary-safe). `in` must outlive the source. A stream whose
// badbit gets set yields IoError "read error".
std::unique_ptr<ByteSource> NewIstreamSource(std::istream& in);

// Serves `bytes`, which must outlive the source. For tests and in-memory
// inputs.
std::unique_ptr<ByteSource> NewMemorySource(std::string_view bytes);

// Serves `prefix` and then the rest of `rest`: how a reader puts back the
// bytes it peeked at to sniff a format.
std::unique_ptr<ByteSource> NewPrefixedSource(std::string prefix,
                                              std::unique_ptr<ByteSource> rest);

// Decompresses gzip data (RFC 1952; several concatenated members are one
// stream, as gzip(1) writes them) read from `compressed`. Empty input is an
// empty stream. Errors, both Corruption and both counting the compressed
// bytes consumed:
//   "truncated gzip stream after N bytes"  input ended inside a member
//   "corrupt gzip stream at byte N: <zlib message>"  bad header or data
// Complete members followed by bytes that do not start another (or whose
// header does not read) are a sound stream that ends there (gzip(1)
// decompresses it too): zero bytes (tape padding, up to 1 MiB of them)
// silently, others with Note() "trailing garbage after the gzip data (from
// byte M) ignored"; nothing after the first such byte is read.
// Bytes decompressed before an error were returned by earlier reads.
std::unique_ptr<ByteSource> NewGzipSource(
    std::unique_ptr<ByteSource> compressed);

// What a full pass over a gzip stream found.
enum class GzipHealth {
  kIntact,     // every member inflated and matched its CRC-32 and length
  kTruncated,  // the input ended inside a member; all data before was sound
  kDamaged,    // bad header, bad deflate data, CRC mismatch, or a read error
};

// Inflates all of `compressed`, discarding the output, to learn whether
// its data can be trusted before anything is parsed from it: deflate often
// notices damage only some way after it (at worst at the CRC), so bytes
// inflated from a damaged stream may be garbage. Sets *error (when not
// null) to the error a GzipSource would return, or OK for kIntact.
GzipHealth CheckGzip(ByteSource& compressed, Status* error);

// True when `bytes` starts with the gzip magic number 1f 8b.
bool HasGzipMagic(std::string_view bytes);

// Appends bytes from `src` to `out` until the end of the stream or until
// `limit` bytes have been appended. Returns true when the stream ended
// within the limit; false when it holds more than `limit` bytes: then
// exactly `limit` bytes were appended and one more byte was consumed from
// `src` and dropped (to tell "exactly limit" from "more").
Result<bool> ReadUpTo(ByteSource& src, size_t limit, std::string* out);

}  // namespace newsloom

#endif  // NEWSLOOM_INGEST_BYTE_SOURCE_H_
