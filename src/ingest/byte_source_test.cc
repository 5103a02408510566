#include "ingest/byte_source.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "ingest/test_files.h"

namespace newsloom {
namespace {

using testing::Gzip;

// Reads a source to its end in small steps; returns the bytes and the final
// status.
std::pair<std::string, Status> Drain(ByteSource& src, size_t step = 7) {
  std::string out;
  std::string buf(step, '\0');
  for (;;) {
    Result<size_t> got = src.Read(buf.data(), buf.size());
    if (!got.ok()) return {out, got.status()};
    if (*got == 0) return {out, Status::OK()};
    out.append(buf.data(), *got);
  }
}

std::string SampleText(size_t lines) {
  std::string s;
  for (size_t i = 0; i < lines; ++i) {
    s += "line " + std::to_string(i * 7919 % 10007) + " of the sample\n";
  }
  return s;
}

TEST(IngestByteSource, MemoryIstreamAndPrefixed) {
  auto mem = NewMemorySource("hello world");
  EXPECT_EQ(Drain(*mem).first, "hello world");
  std::istringstream in("from a stream");
  auto ist = NewIstreamSource(in);
  EXPECT_EQ(Drain(*ist, 3).first, "from a stream");
  auto pre = NewPrefixedSource("abc", NewMemorySource("def"));
  EXPECT_EQ(Drain(*pre, 2).first, "abcdef");
}

TEST(IngestByteSource, OpenFileSourceErrors) {
  Result<std::unique_ptr<ByteSource>> src =
      OpenFileSource("/nonexistent/newsloom/file.txt");
  ASSERT_FALSE(src.ok());
  EXPECT_EQ(src.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(src.status().message(), "no such file or directory");
}

TEST(IngestByteSource, GzipRoundTripAndConcatenatedMembers) {
  const std::string a = SampleText(2000), b = "second member\n";
  const std::string gz = Gzip(a) + Gzip(b);
  auto src = NewGzipSource(NewMemorySource(gz));
  auto [bytes, status] = Drain(*src, 1000);
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(bytes, a + b);
}

TEST(IngestByteSource, GzipEmptyInputIsEmptyStream) {
  auto src = NewGzipSource(NewMemorySource(""));
  auto [bytes, status] = Drain(*src);
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(bytes, "");
  const std::string gz = Gzip("");
  auto empty_member = NewGzipSource(NewMemorySource(gz));
  EXPECT_TRUE(Drain(*empty_member).second.ok());
}

TEST(IngestByteSource, TruncatedGzipKeepsThePrefix) {
  const std::string text = SampleText(5000);
  const std::string gz = Gzip(text);
  const std::string cut = gz.substr(0, gz.size() * 2 / 3);
  auto src = NewGzipSource(NewMemorySource(cut));
  auto [bytes, status] = Drain(*src, 4096);
  EXPECT_EQ(status.code(), Status::Code::kCorruption);
  EXPECT_EQ(status.message(), "truncated gzip stream after " +
                                  std::to_string(cut.size()) + " bytes");
  EXPECT_GT(bytes.size(), 0u);
  EXPECT_TRUE(text.compare(0, bytes.size(), bytes) == 0);
  // The error sticks.
  char c;
  EXPECT_FALSE(src->Read(&c, 1).ok());
}

TEST(IngestByteSource, GzipCutInsideTheTrailerIsTruncated) {
  const std::string gz = Gzip("short text\n");
  const std::string cut = gz.substr(0, gz.size() - 3);
  auto src = NewGzipSource(NewMemorySource(cut));
  EXPECT_EQ(Drain(*src).second.message().rfind("truncated gzip stream", 0), 0u);
}

TEST(IngestByteSource, CorruptGzip) {
  std::string gz = Gzip(SampleText(100));
  gz[3] = '\xFF';  // reserved flag bits
  auto bad_header = NewGzipSource(NewMemorySource(gz));
  Status s = Drain(*bad_header).second;
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_EQ(s.message(),
            "corrupt gzip stream at byte 4: unknown header flags set");

  auto not_gzip = NewGzipSource(NewMemorySource("plain text, not gzip"));
  EXPECT_EQ(Drain(*not_gzip).second.message(),
            "corrupt gzip stream at byte 2: incorrect header check");

  // Bytes after a complete member end the stream, sound (as gzip(1) reads
  // it): a note counts them, none for zero padding. Ones that start like a
  // member and are not one: a corrupt stream.
  const std::string junk = Gzip("a\n") + "junk";
  auto trailing = NewGzipSource(NewMemorySource(junk));
  auto [bytes, st] = Drain(*trailing);
  EXPECT_EQ(bytes, "a\n");
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(trailing->Note(), "trailing garbage after the gzip data (from byte 22) ignored");
  auto whole = NewMemorySource(junk);
  EXPECT_EQ(CheckGzip(*whole, nullptr), GzipHealth::kIntact);
  const std::string padding = Gzip("a\n") + Gzip("b") + std::string(700000, '\0');
  auto padded = NewGzipSource(NewMemorySource(padding));
  auto [padded_bytes, padded_st] = Drain(*padded);
  EXPECT_EQ(padded_bytes, "a\nb");
  EXPECT_TRUE(padded_st.ok());
  EXPECT_EQ(padded->Note(), "");
  // Garbage that starts with the magic's first byte, or with the whole
  // magic and then a header that does not read: trailing garbage as well.
  for (const std::string& tail : {std::string("\x1fjunk"), std::string("\x1f\x8bjunkjunkjunk")}) {
    const std::string bad_member = Gzip("a\n") + tail;
    auto bad = NewGzipSource(NewMemorySource(bad_member));
    auto [bad_bytes, bad_st] = Drain(*bad);
    EXPECT_EQ(bad_bytes, "a\n");
    EXPECT_TRUE(bad_st.ok()) << bad_st.ToString();
    EXPECT_EQ(bad->Note(), "trailing garbage after the gzip data (from byte 22) ignored");
    auto bad_whole = NewMemorySource(bad_member);
    EXPECT_EQ(CheckGzip(*bad_whole, nullptr), GzipHealth::kIntact);
  }
}

TEST(IngestByteSource, CorruptGzipServesBytesBeforeTheDamage) {
  const std::string text = SampleText(5000);
  std::string gz = Gzip(text);
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] ^= 0x5A;
  auto src = NewGzipSource(NewMemorySource(gz));
  auto [bytes, status] = Drain(*src, 1 << 20);  // damage inside one read
  EXPECT_EQ(status.code(), Status::Code::kCorruption);
  // Deflate notices damage late (at worst at the CRC), so the bytes just
  // before the error may be garbage; the start is intact.
  ASSERT_GT(bytes.size(), text.size() / 4);
  EXPECT_TRUE(bytes.compare(0, text.size() / 4, text, 0, text.size() / 4) == 0);
}

TEST(IngestByteSource, GzipMagic) {
  EXPECT_TRUE(HasGzipMagic(Gzip("x")));
  EXPECT_FALSE(HasGzipMagic("\x1f"));
  EXPECT_FALSE(HasGzipMagic("{}"));
}

TEST(IngestByteSource, ReadUpTo) {
  auto exact = NewMemorySource("abcd");
  std::string out = ">";
  Result<bool> r = ReadUpTo(*exact, 4, &out);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(*r);
  EXPECT_EQ(out, ">abcd");

  auto more = NewMemorySource("abcde");
  out.clear();
  r = ReadUpTo(*more, 4, &out);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
  EXPECT_EQ(out, "abcd");
}

}  // namespace
}  // namespace newsloom
