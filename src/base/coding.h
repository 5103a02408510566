// Compact binary encoding for persisted state (LevelDB's coding.h in
// spirit): little-endian varints, floats and length-prefixed strings.
//
// Encoder appends to a std::string. Decoder reads from a string_view and
// never reads past its end: every getter returns false on truncated or
// malformed input, so corrupted blobs become a Status, never a crash.
#ifndef NEWSLOOM_BASE_CODING_H_
#define NEWSLOOM_BASE_CODING_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace newsloom {

// The most bytes a varint of a uint64_t takes.
inline constexpr size_t kMaxVarintBytes = 10;

// Writes `v` as Encoder::PutVarint would, at `dst` (which has room for
// kMaxVarintBytes), and returns the end of what it wrote. For loops that
// encode many values into a buffer of their own and append it at once
// (Encoder::PutBytes): a std::string grown byte by byte checks its capacity
// and writes its terminator for every byte.
inline char* EncodeVarint(char* dst, uint64_t v) {
  while (v >= 0x80) {
    *dst++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *dst++ = static_cast<char>(v);
  return dst;
}

// Writes `f` as Encoder::PutFloat would (4 bytes) and returns the end.
inline char* EncodeFloat(char* dst, float f) {
  std::memcpy(dst, &f, 4);
  return dst + 4;
}

class Encoder {
 public:
  explicit Encoder(std::string* out) : out_(out) {}
  // One byte at once; more in one append (a save of a long stream's state
  // writes tens of millions).
  void PutVarint(uint64_t v) {
    if (v < 0x80) {
      out_->push_back(static_cast<char>(v));
      return;
    }
    char buf[kMaxVarintBytes];
    out_->append(buf, EncodeVarint(buf, v) - buf);
  }
  // Zig-zag so small negative numbers stay small.
  void PutSigned(int64_t v) {
    PutVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void PutFloat(float f) {
    char buf[4];
    std::memcpy(buf, &f, 4);
    out_->append(buf, 4);
  }
  void PutString(std::string_view s) {
    PutVarint(s.size());
    out_->append(s);
  }
  // Bytes already encoded (EncodeVarint, EncodeFloat), as they are.
  void PutBytes(const char* data, size_t size) { out_->append(data, size); }

 private:
  std::string* out_;
};

// Counters and counts read back from saved state beyond this mean a
// damaged blob (no stream counts to 2^62), and keep the increments of
// those that decode from overflowing or wrapping.
inline constexpr int64_t kMaxSavedCount = int64_t{1} << 62;

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool GetVarint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift <= 63 && pos_ < in_.size(); shift += 7) {
      const uint8_t byte = static_cast<uint8_t>(in_[pos_++]);
      result |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) {
        *v = result;
        return true;
      }
    }
    return false;
  }
  bool GetSigned(int64_t* v) {
    uint64_t u;
    if (!GetVarint(&u)) return false;
    *v = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
    return true;
  }
  bool GetFloat(float* f) {
    if (in_.size() - pos_ < 4) return false;
    std::memcpy(f, in_.data() + pos_, 4);
    pos_ += 4;
    return true;
  }
  bool GetString(std::string* s) {
    uint64_t n;
    if (!GetVarint(&n) || n > in_.size() - pos_) return false;
    s->assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  // A count that is about to size a container: it cannot exceed the bytes
  // left, since every element takes at least one byte.
  bool GetCount(uint64_t* n) { return GetVarint(n) && *n <= in_.size() - pos_; }
  bool done() const { return pos_ == in_.size(); }
  // Bytes read so far.
  size_t position() const { return pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_CODING_H_
