#include "ingest/line_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsloom {
namespace {

// Serves its bytes in reads of at most `step`, then fails if `fail`.
class StepSource : public ByteSource {
 public:
  StepSource(std::string bytes, size_t step, bool fail)
      : bytes_(std::move(bytes)), step_(step), fail_(fail) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ == bytes_.size()) {
      if (fail_) return Status::Corruption("boom");
      return size_t{0};
    }
    const size_t k = std::min({n, step_, bytes_.size() - pos_});
    bytes_.copy(buf, k, pos_);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  size_t step_, pos_ = 0;
  bool fail_;
};

// "LINE:text" per line, "LINE:<oversized>" for skipped ones, then
// "status:..." when not OK.
std::vector<std::string> Lines(std::string bytes, size_t max_line = 100,
                               size_t step = 3, bool fail = false,
                               size_t max_total = 1000) {
  StepSource src(std::move(bytes), step, fail);
  LineReader reader(src, max_line, max_total);
  std::vector<std::string> out;
  while (reader.Next()) {
    out.push_back(
        std::to_string(reader.line_number()) + ":" +
        (reader.oversized() ? "<oversized>" : std::string(reader.line())));
  }
  if (!reader.status().ok())
    out.push_back("status:" + reader.status().message());
  return out;
}

using V = std::vector<std::string>;

TEST(IngestLineReader, SplitsLines) {
  EXPECT_EQ(Lines("a\nbb\n\nccc\n"), (V{"1:a", "2:bb", "3:", "4:ccc"}));
  EXPECT_EQ(Lines("a\nlast"), (V{"1:a", "2:last"}));
  EXPECT_EQ(Lines(""), V{});
  EXPECT_EQ(Lines("\n"), V{"1:"});
}

TEST(IngestLineReader, StripsOneCarriageReturn) {
  EXPECT_EQ(Lines("a\r\nb\r\r\nc\r"), (V{"1:a", "2:b\r", "3:c"}));
}

TEST(IngestLineReader, SkipsOversizedLinesInBoundedMemory) {
  const std::string big(50, 'x');
  EXPECT_EQ(Lines("ok\n" + big + "\nafter\n", 10, 4),
            (V{"1:ok", "2:<oversized>", "3:after"}));
  EXPECT_EQ(Lines("ok\n" + big, 10, 4), (V{"1:ok", "2:<oversized>"}));
  // Exactly at the cap is fine; also when the whole line arrives at once.
  EXPECT_EQ(Lines("0123456789\n01234567890\n", 10, 1000),
            (V{"1:0123456789", "2:<oversized>"}));
}

TEST(IngestLineReader, ErrorDropsThePartialLine) {
  EXPECT_EQ(Lines("a\nb\npart", 100, 3, /*fail=*/true),
            (V{"1:a", "2:b", "status:boom"}));
}

TEST(IngestLineReader, StopsAtTheTotalCap) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "line\n";
  V lines = Lines(text, 100, 7, false, /*max_total=*/52);
  EXPECT_EQ(lines.size(), 11u);  // ten complete lines fit in 52 bytes
  EXPECT_EQ(lines[9], "10:line");
  EXPECT_EQ(lines.back(),
            "status:input is over the cap of 52 bytes (--max-file-bytes); "
            "read up to the cap");
  // Exactly at the cap is fine.
  EXPECT_EQ(Lines("line\n", 100, 7, false, 5), V{"1:line"});
}

}  // namespace
}  // namespace newsloom
