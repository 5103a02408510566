#include "ingest/byte_source.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace newsloom {
namespace {

std::string LowercaseFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = s[0] - 'A' + 'a';
  return s;
}

Status ErrnoStatus(int err) {
  std::string msg = LowercaseFirst(std::strerror(err));
  return err == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
}

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owns_fd) : fd_(fd), owns_fd_(owns_fd) {}
  ~FdSource() override {
    if (owns_fd_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      const ssize_t got = ::read(fd_, buf, std::min<size_t>(n, SSIZE_MAX));
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return ErrnoStatus(errno);
    }
  }

 private:
  int fd_;
  bool owns_fd_;
};

class IstreamSource : public ByteSource {
 public:
  explicit IstreamSource(std::istream& in) : in_(in) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (in_.bad()) return Status::IoError("read error");
    in_.read(buf, static_cast<std::streamsize>(n));
    if (in_.bad()) return Status::IoError("read error");
    return static_cast<size_t>(in_.gcount());
  }

 private:
  std::istream& in_;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : rest_(bytes) {}
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t k = std::min(n, rest_.size());
    std::memcpy(buf, rest_.data(), k);
    rest_.remove_prefix(k);
    return k;
  }

 private:
  std::string_view rest_;
};

class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      const size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }
  std::string Note() const override { return rest_->Note(); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

// Inflates one gzip member after another (zlib with windowBits 15 + 16 reads
// the gzip wrapper itself), refilling its input from `in_` in chunks.
class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> in)
      : in_(std::move(in)), chunk_(kChunkBytes, '\0') {
    std::memset(&z_, 0, sizeof z_);
    init_ok_ = inflateInit2(&z_, 15 + 16) == Z_OK;
  }
  ~GzipSource() override {
    if (init_ok_) inflateEnd(&z_);
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    if (!status_.ok()) return status_;
    if (ended_) return size_t{0};
    if (!init_ok_) return Fail(Status::IoError("zlib initialisation failed"));
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, UINT_MAX));
    const uInt want = z_.avail_out;
    while (z_.avail_out == want) {
      if (z_.avail_in == 0 && !eof_) RETURN_IF_ERROR(Refill());
      if (!in_member_) {
        if (z_.avail_in == 0) return size_t{0};  // clean end between members
        const auto* next = z_.next_in;
        if (members_ > 0 &&
            (next[0] != 0x1f || (z_.avail_in >= 2 && next[1] != 0x8b))) {
          // What follows complete members is not another one: the stream
          // ends here, sound, as gzip(1) reads it ("trailing garbage
          // ignored"; zero padding without a word).
          return EndAtTrailer(consumed());
        }
        inflateReset(&z_);
        in_member_ = true;
        member_start_ = consumed();
        member_out_ = false;
      }
      const int rc = inflate(&z_, Z_NO_FLUSH);
      member_out_ = member_out_ || z_.avail_out != want;
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR && members_ > 0 &&
          !member_out_) {
        // A later "member" whose header does not read (gzip magic, then
        // garbage): trailing garbage too, as gzip(1) takes it.
        return EndAtTrailer(member_start_);
      }
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        ++members_;
      } else if (rc == Z_BUF_ERROR) {
        // No progress: more input is needed, and there is none at the end.
        if (eof_ && z_.avail_in == 0) {
          truncated_ = true;
          return Fail(Status::Corruption("truncated gzip stream after " +
                                         std::to_string(consumed()) +
                                         " bytes"));
        }
      } else if (rc != Z_OK) {
        // Bytes inflated before the bad spot are served first.
        status_ = Status::Corruption(
            "corrupt gzip stream at byte " + std::to_string(consumed()) + ": " +
            (z_.msg ? z_.msg : "error " + std::to_string(rc)));
        if (z_.avail_out == want) return status_;
        break;
      }
    }
    return static_cast<size_t>(want - z_.avail_out);
  }

  // True after the input ended inside a member (the error is "truncated").
  bool truncated() const { return truncated_; }
  std::string Note() const override { return note_; }

 private:
  static constexpr size_t kChunkBytes = 256 << 10;

  // Reads the bytes after the last member to their end: Note() counts
  // them unless they are all zero.
  // Ends the stream at the bytes after its last member, from byte `from`:
  // zero bytes (tape padding) are read, at most kMaxZeroPadding of them,
  // without a word; anything else ends the reading at once (a stream may
  // go on for ever) with Note() naming where.
  Result<size_t> EndAtTrailer(size_t from) {
    constexpr size_t kMaxZeroPadding = 1 << 20;
    bool zeros = true;
    for (size_t scanned = 0; zeros && scanned < kMaxZeroPadding;) {
      for (uInt i = 0; i < z_.avail_in && zeros; ++i) zeros = z_.next_in[i] == 0;
      scanned += z_.avail_in;
      z_.avail_in = 0;
      if (eof_) break;
      if (zeros) RETURN_IF_ERROR(Refill());
    }
    if (!zeros || !eof_) {
      note_ = "trailing garbage after the gzip data (from byte " + std::to_string(from) +
              ") ignored";
    }
    ended_ = true;
    return size_t{0};
  }

  Status Refill() {
    Result<size_t> got = in_->Read(chunk_.data(), chunk_.size());
    if (!got.ok()) return Fail(got.status());
    read_ += *got;
    eof_ = *got == 0;
    z_.next_in = reinterpret_cast<Bytef*>(chunk_.data());
    z_.avail_in = static_cast<uInt>(*got);
    return Status::OK();
  }

  Status Fail(Status s) {
    status_ = std::move(s);
    return status_;
  }

  size_t consumed() const { return read_ - z_.avail_in; }

  std::unique_ptr<ByteSource> in_;
  std::string chunk_;
  z_stream z_;
  bool init_ok_ = false;
  bool eof_ = false;
  bool in_member_ = false;
  bool truncated_ = false;
  bool ended_ = false;  // at trailing bytes: the stream's end
  size_t member_start_ = 0;  // compressed offset of the member in hand
  bool member_out_ = false;  // it gave bytes
  std::string note_;
  size_t members_ = 0;  // inflated to their end (CRC and length checked)
  size_t read_ = 0;  // compressed bytes read from in_
  Status status_;
};

}  // namespace

std::unique_ptr<ByteSource> NewFdSource(int fd, bool owns_fd) {
  return std::make_unique<FdSource>(fd, owns_fd);
}

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return ErrnoStatus(errno);
  return NewFdSource(fd, /*owns_fd=*/true);
}

std::unique_ptr<ByteSource> NewIstreamSource(std::istream& in) {
  return std::make_unique<IstreamSource>(in);
}

std::unique_ptr<ByteSource> NewMemorySource(std::string_view bytes) {
  return std::make_unique<MemorySource>(bytes);
}

std::unique_ptr<ByteSource> NewPrefixedSource(
    std::string prefix, std::unique_ptr<ByteSource> rest) {
  return std::make_unique<PrefixedSource>(std::move(prefix), std::move(rest));
}

std::unique_ptr<ByteSource> NewGzipSource(
    std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<GzipSource>(std::move(compressed));
}

GzipHealth CheckGzip(ByteSource& compressed, Status* error) {
  // Borrows `compressed` for a GzipSource without taking ownership.
  class Borrowed : public ByteSource {
   public:
    explicit Borrowed(ByteSource& s) : s_(s) {}
    Result<size_t> Read(char* buf, size_t n) override {
      return s_.Read(buf, n);
    }

   private:
    ByteSource& s_;
  };
  GzipSource gz(std::make_unique<Borrowed>(compressed));
  std::string sink(256 << 10, '\0');
  for (;;) {
    Result<size_t> got = gz.Read(sink.data(), sink.size());
    if (!got.ok()) {
      if (error != nullptr) *error = got.status();
      return gz.truncated() ? GzipHealth::kTruncated : GzipHealth::kDamaged;
    }
    if (*got == 0) break;
  }
  if (error != nullptr) *error = Status::OK();
  return GzipHealth::kIntact;
}

bool HasGzipMagic(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<bool> ReadUpTo(ByteSource& src, size_t limit, std::string* out) {
  constexpr size_t kStep = 256 << 10;
  size_t appended = 0;
  while (appended < limit) {
    const size_t want = std::min(kStep, limit - appended);
    const size_t old = out->size();
    out->resize(old + want);
    Result<size_t> got = src.Read(out->data() + old, want);
    out->resize(old + (got.ok() ? *got : 0));
    if (!got.ok()) return got.status();
    if (*got == 0) return true;
    appended += *got;
  }
  char probe;
  ASSIGN_OR_RETURN(const size_t extra, src.Read(&probe, 1));
  return extra == 0;
}

}  // namespace newsloom
