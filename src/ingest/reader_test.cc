#include "ingest/reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <thread>

#include "base/time.h"
#include "ingest/test_files.h"

// The largest single allocation since the last reset: lets a test prove that
// an oversized input is never read into memory.
namespace {
std::atomic<size_t> g_largest_allocation{0};
}  // namespace

// g++ 12 flags free() in these replacements once inlined into callers of
// `delete` (a known false positive: every pointer here comes from malloc).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(size_t n) {
  size_t seen = g_largest_allocation.load(std::memory_order_relaxed);
  while (n > seen && !g_largest_allocation.compare_exchange_weak(seen, n)) {
  }
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
// The nothrow form too: libraries allocate with it (simdjson's parser) and
// free with the plain delete above, so both must come from malloc (under
// AddressSanitizer, its own nothrow new freed by this delete is an
// alloc-dealloc mismatch).
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  size_t seen = g_largest_allocation.load(std::memory_order_relaxed);
  while (n > seen && !g_largest_allocation.compare_exchange_weak(seen, n)) {
  }
  return std::malloc(n == 0 ? 1 : n);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace newsloom {
namespace {

namespace fs = std::filesystem;
using testing::Collected;
using testing::Gzip;
using testing::ReadAll;
using testing::ReadAllFromStream;
using testing::TempDir;

constexpr char kGoodText[] = "Headline of a good article\n\nBody text.\n";

std::string JsonLine(int i) {
  return "{\"id\": \"" + std::to_string(i) + "\", \"title\": \"Title " +
         std::to_string(i) + "\", \"text\": \"Body number " +
         std::to_string(i * 7919 % 10007) + " of the sample.\"}\n";
}

std::string JsonLines(int n) {
  std::string s;
  for (int i = 1; i <= n; ++i) s += JsonLine(i);
  return s;
}

std::vector<std::string> Inputs(const Collected& c) {
  std::vector<std::string> v;
  for (const Article& a : c.articles) v.push_back(a.input);
  return v;
}

// ---- Folders -------------------------------------------------------------

TEST(IngestReader, FolderIsSortedRecursiveAndSkipsHiddenAndUnsupported) {
  TempDir dir;
  dir.Write("b.txt", kGoodText);
  dir.Write("a.TXT", "Another headline of four words\nBody.");
  dir.Write("sub/c.jsonl", JsonLines(2));
  dir.Write("sub/d.txt.gz", Gzip(kGoodText));
  dir.Write(".hidden.txt", kGoodText);
  dir.Write(".git/e.txt", kGoodText);
  dir.Write("notes.md", "# not read");
  dir.Write("page.html.gz",
            Gzip("<html><body><p>A web page is one article, read through "
                 "the extractor of src/html like any other page.</p>"
                 "</body></html>"));
  Collected c = ReadAll({dir.path()});
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  const std::string p = dir.path();
  EXPECT_EQ(Inputs(c), (std::vector<std::string>{
                           p + "/a.TXT", p + "/b.txt", p + "/page.html.gz",
                           p + "/sub/c.jsonl:1", p + "/sub/c.jsonl:2",
                           p + "/sub/d.txt.gz"}));
  EXPECT_EQ(c.stats.files, 5u);
  EXPECT_EQ(c.stats.articles, 6u);
  EXPECT_EQ(c.stats.errors, 0u);
  EXPECT_EQ(c.stats.skipped_files, 1u);
  EXPECT_EQ(c.articles[2].text,
            "A web page is one article, read through the extractor of "
            "src/html like any other page.");
  EXPECT_EQ(c.articles[5].text, kGoodText);
  EXPECT_EQ(c.articles[5].title, "Headline of a good article");
}

// ReadOptions::source (`--source`) names the outlet of the articles whose
// input names none, and of no others.
TEST(IngestReader, TheGivenSourceFillsOnlyAMissingOne) {
  TempDir dir;
  dir.Write("a.txt", kGoodText);
  dir.Write("b.jsonl",
            "{\"title\": \"One\", \"text\": \"Body one.\", \"source\": \"Herald\"}\n"
            "{\"title\": \"Two\", \"text\": \"Body two.\"}\n"
            "{\"title\": \"Three\", \"text\": \"Body three.\", "
            "\"url\": \"https://www.bbc.co.uk/news/3\"}\n");
  ReadOptions options;
  options.source = " Courier ";  // trimmed, as a JSONL source is
  Collected c = ReadAll({dir.path()}, options);
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  ASSERT_EQ(c.articles.size(), 4u);
  EXPECT_EQ(c.articles[0].source, "Courier");  // a.txt
  EXPECT_EQ(c.articles[1].source, "Herald");
  EXPECT_EQ(c.articles[2].source, "Courier");
  EXPECT_EQ(c.articles[3].source, "");  // its URL's site is its outlet
  // The id is not the outlet's: the same text without it is the same article.
  Collected plain = ReadAll({dir.path()});
  ASSERT_EQ(plain.articles.size(), 4u);
  EXPECT_EQ(plain.articles[0].source, "");
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(plain.articles[i].id, c.articles[i].id);
}

// JSONL saved as UTF-16 (either byte order, with its BOM, also without a
// .jsonl name) reads as its UTF-8, with a note: every line was "invalid
// UTF-8" or "malformed JSON".
TEST(IngestReader, Utf16JsonlIsDecoded) {
  const std::string utf8 =
      "{\"title\": \"Caf\u00E9 opens\", \"text\": \"Body one.\"}\n"
      "{\"title\": \"Two\", \"text\": \"Body two.\"}\n";
  // UTF-16 by hand: the text is in the Basic Multilingual Plane.
  auto utf16 = [&](bool little) {
    std::u16string u;
    for (size_t i = 0; i < utf8.size();) {
      const unsigned char c = utf8[i];
      char16_t ch;
      if (c < 0x80) {
        ch = c;
        i += 1;
      } else {  // two bytes are enough here (é)
        ch = static_cast<char16_t>(((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F));
        i += 2;
      }
      u += ch;
    }
    std::string out = little ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t ch : u) {
      const char lo = static_cast<char>(ch & 0xFF), hi = static_cast<char>(ch >> 8);
      out += little ? lo : hi;
      out += little ? hi : lo;
    }
    return out;
  };
  TempDir dir;
  dir.Write("le.jsonl", utf16(true));
  dir.Write("be", utf16(false));
  for (const char* file : {"le.jsonl", "be"}) {
    Collected c = ReadAll({dir.path() + "/" + file});
    EXPECT_TRUE(c.errors.empty()) << file << ": " << c.ErrorText();
    ASSERT_EQ(c.articles.size(), 2u) << file;
    EXPECT_EQ(c.articles[0].title, "Caf\u00E9 opens");
    ASSERT_EQ(c.notes.size(), 1u) << file;
  }
}

TEST(IngestReader, FolderWithoutSupportedFilesIsNoError) {
  TempDir dir;
  dir.Write("a.pdf", "%PDF");
  dir.Write("b.docx", "PK");
  fs::create_directories(dir.Path("empty"));
  Collected c = ReadAll({dir.path()});
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  EXPECT_EQ(c.stats.articles, 0u);
  EXPECT_EQ(c.stats.files, 0u);
  EXPECT_EQ(c.stats.skipped_files, 2u);
}

TEST(IngestReader, SymlinkLoopGivesOneErrorAndEnds) {
  TempDir dir;
  dir.Write("top/a.txt", kGoodText);
  dir.Write("top/sub/b.txt", kGoodText);
  fs::create_directory_symlink("..", dir.Path("top/sub/loop"));
  Collected c = ReadAll({dir.Path("top")});
  EXPECT_EQ(c.articles.size(), 2u);
  ASSERT_EQ(c.stats.errors, 1u) << c.ErrorText();
  EXPECT_EQ(c.errors[0].ToString(), dir.Path("top/sub/loop") +
                                        ": folder loop: leads back to " +
                                        dir.Path("top") + "; skipped");
}

TEST(IngestReader, FolderReachedTwiceIsReadOnceWithAWarning) {
  TempDir dir;
  dir.Write("top/real/a.txt", kGoodText);
  fs::create_directory_symlink("real", dir.Path("top/alias"));
  Collected c = ReadAll({dir.Path("top")});
  EXPECT_EQ(Inputs(c), std::vector<std::string>{dir.Path("top/alias/a.txt")});
  EXPECT_EQ(c.stats.errors, 0u);
  ASSERT_EQ(c.stats.warnings, 1u);
  EXPECT_TRUE(c.errors[0].warning);
  EXPECT_EQ(c.errors[0].where, dir.Path("top/real"));
}

TEST(IngestReader, SymlinksNotFollowedWhenAskedAndBrokenLinks) {
  TempDir dir;
  dir.Write("real/a.txt", kGoodText);
  fs::create_directories(dir.Path("top"));
  fs::create_symlink(dir.Path("real/a.txt"), dir.Path("top/link.txt"));
  fs::create_symlink(dir.Path("missing.txt"), dir.Path("top/broken.txt"));
  ReadOptions no_follow;
  no_follow.follow_symlinks = false;
  Collected c = ReadAll({dir.Path("top")}, no_follow);
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  EXPECT_EQ(c.stats.skipped_files, 2u);

  Collected f = ReadAll({dir.Path("top")});
  EXPECT_EQ(f.articles.size(), 1u);
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].ToString(),
            dir.Path("top/broken.txt") +
                ": broken symbolic link: no such file or directory; skipped");
}

// ---- Bad inputs: exactly one error each, the rest goes on ----------------

struct BadFileCase {
  const char* name;
  std::string bytes;
  const char* message;  // exact
};

TEST(IngestReader, EachBadFileGivesExactlyOneError) {
  const std::string gz = Gzip(JsonLines(3));
  std::string corrupt_gz = gz;
  corrupt_gz[3] = '\xFF';
  const BadFileCase cases[] = {
      {"empty.txt", "", "empty file; skipped"},
      {"empty.jsonl", "", "empty file; skipped"},
      {"empty.jsonl.gz", "", "empty file; skipped"},
      {"blank.jsonl", "\n \r\n\n", "only white space; skipped"},
      {"space.txt", "  \n\t\n", "text is only white space; skipped"},
      {"bin.txt", std::string("PK\x03\x04\0\0\0", 7),
       "binary data (NUL or control bytes), not text; skipped"},
      {"utf8.txt", "Good start\nthen \xC3\x28 bad",
       "invalid UTF-8 at byte 16; skipped"},
      {"corrupt.jsonl.gz", corrupt_gz,
       "corrupt gzip stream at byte 4: unknown header flags set; skipped"},
      {"notgz.txt.gz", "plain text",
       "corrupt gzip stream at byte 2: incorrect header check; skipped"},
      {"trunc.txt.gz", Gzip(kGoodText).substr(0, 15),
       "truncated gzip stream after 15 bytes; skipped"},
  };
  for (const BadFileCase& c : cases) {
    TempDir dir;
    const std::string good = dir.Write("good.txt", kGoodText);
    const std::string bad = dir.Write(c.name, c.bytes);
    Collected got = ReadAll({good, bad, good});
    EXPECT_EQ(got.articles.size(), 2u) << c.name;
    ASSERT_EQ(got.errors.size(), 1u) << c.name << "\n" << got.ErrorText();
    EXPECT_EQ(got.errors[0].where, bad);
    EXPECT_EQ(got.errors[0].message, c.message) << c.name;
    EXPECT_FALSE(got.errors[0].warning);
    EXPECT_EQ(got.stats.errors, 1u);
    EXPECT_EQ(got.stats.files, 3u);
  }
}

TEST(IngestReader, MissingPath) {
  TempDir dir;
  const std::string good = dir.Write("good.txt", kGoodText);
  Collected c = ReadAll({dir.Path("nope.txt"), good});
  EXPECT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].ToString(),
            dir.Path("nope.txt") + ": no such file or directory; skipped");
}

TEST(IngestReader, UnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read any file";
  TempDir dir;
  const std::string p = dir.Write("secret.txt", kGoodText);
  ::chmod(p.c_str(), 0);
  Collected c = ReadAll({p});
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message, "permission denied; skipped");
}

TEST(IngestReader, MalformedLineBetweenTwoGoodOnes) {
  TempDir dir;
  const std::string p =
      dir.Write("f.jsonl", JsonLine(1) + "{\"text\": oops}\n" + JsonLine(3));
  Collected c = ReadAll({p});
  EXPECT_EQ(Inputs(c), (std::vector<std::string>{p + ":1", p + ":3"}));
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].where, p + ":2");
  EXPECT_EQ(c.errors[0].message.rfind("malformed JSON at byte ", 0), 0u);
}

TEST(IngestReader, JsonlBlankLinesCrlfAndWarnings) {
  TempDir dir;
  const std::string p =
      dir.Write("f.ndjson",
                "\xEF\xBB\xBF{\"text\": \"a\"}\r\n\r\n   \n"
                "{\"text\": \"b\", \"date\": \"soon\"}\r\n{\"text\": \"c\"}");
  Collected c = ReadAll({p});
  EXPECT_EQ(Inputs(c),
            (std::vector<std::string>{p + ":1", p + ":4", p + ":5"}));
  EXPECT_EQ(c.stats.errors, 0u);
  ASSERT_EQ(c.stats.warnings, 1u);
  EXPECT_EQ(c.errors[0].ToString(),
            p + ":4: warning: unparseable date \"soon\"; published left "
                "empty, article kept");
}

// A JSONL id given again with another text is a warning naming the first
// line (both are stored); the same article again, or another file's id, is
// not.
TEST(IngestReader, AJsonlIdGivenTwiceForTwoArticlesIsAWarning) {
  TempDir dir;
  const std::string p = dir.Write(
      "f.jsonl",
      "{\"id\": \"a1\", \"text\": \"The bridge opened.\"}\n"
      "{\"id\": \"a1\", \"text\": \"The bridge opened.\"}\n"
      "{\"id\": \"a1\", \"text\": \"Ferries stopped.\"}\n"
      "{\"id\": 7, \"text\": \"x\"}\n"
      "{\"id\": 7, \"text\": \"x\", \"url\": \"https://e.example/a\"}\n");
  const std::string q = dir.Write("g.jsonl", "{\"id\": \"a1\", \"text\": \"Other.\"}\n");
  Collected c = ReadAll({p, q});
  EXPECT_EQ(c.articles.size(), 6u);
  EXPECT_EQ(c.stats.errors, 0u);
  ASSERT_EQ(c.stats.warnings, 2u);
  EXPECT_EQ(c.errors[0].ToString(),
            p + ":3: warning: id \"a1\" is also line 1's, with another url or text: both "
                "are stored, as two articles (an article is known by its url, else by its "
                "title and text)");
  EXPECT_EQ(c.errors[1].where, p + ":5");
}

TEST(IngestReader, InvalidUtf8InsideAJsonString) {
  TempDir dir;
  const std::string p =
      dir.Write("f.jsonl", JsonLine(1) + "{\"text\": \"bad \xC0\xAF here\"}\n" +
                               JsonLine(3));
  Collected c = ReadAll({p});
  EXPECT_EQ(c.articles.size(), 2u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].ToString(),
            p + ":2: invalid UTF-8 at byte 14 of the line; skipped");
}

TEST(IngestReader, GzipJsonl) {
  TempDir dir;
  const std::string p = dir.Write("f.jsonl.gz", Gzip(JsonLines(500)));
  Collected c = ReadAll({p});
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  ASSERT_EQ(c.articles.size(), 500u);
  EXPECT_EQ(c.articles[499].input, p + ":500");
  EXPECT_EQ(c.articles[499].external_id, "500");
}

TEST(IngestReader, TruncatedGzipKeepsCompleteLines) {
  TempDir dir;
  const std::string gz = Gzip(JsonLines(3000));
  const size_t cut = gz.size() / 2;
  const std::string p = dir.Write("f.jsonl.gz", gz.substr(0, cut));
  Collected c = ReadAll({p});
  EXPECT_GT(c.articles.size(), 100u);
  EXPECT_LT(c.articles.size(), 3000u);
  for (size_t i = 0; i < c.articles.size(); ++i) {  // complete, in order
    ASSERT_EQ(c.articles[i].external_id, std::to_string(i + 1));
    ASSERT_EQ(c.articles[i].title, "Title " + std::to_string(i + 1));
  }
  ASSERT_EQ(c.errors.size(), 1u) << c.ErrorText();
  EXPECT_EQ(c.errors[0].ToString(),
            p + ": truncated gzip stream after " + std::to_string(cut) +
                " bytes; articles from the lines before were kept");
}

// gzip(1) decompresses a file with bytes after its last member ("trailing
// garbage ignored"); so does the reader, with one warning (none for zero
// padding), for JSONL (its last line without a newline too) and for
// formats read whole.
TEST(IngestReader, TrailingGarbageAfterGzipKeepsTheArticles) {
  TempDir dir;
  std::string lines = JsonLines(20);
  ASSERT_EQ(lines.back(), '\n');
  lines.pop_back();
  const std::string gz = Gzip(lines);
  const std::string p = dir.Write("f.jsonl.gz", gz + "GARBAGE\n");
  const std::string q = dir.Write("g.jsonl.gz", gz + Gzip("\n" + lines) + std::string(512, '\0'));
  const std::string txt = Gzip("A headline of five words\n\nThe body of the article.\n");
  const std::string r = dir.Write("h.txt.gz", txt + "junk");
  Collected c = ReadAll({p, q, r});
  ASSERT_EQ(c.articles.size(), 61u) << c.ErrorText();
  EXPECT_EQ(c.articles[19].external_id, "20");
  EXPECT_EQ(c.articles[60].title, "A headline of five words");
  ASSERT_EQ(c.errors.size(), 2u) << c.ErrorText();
  EXPECT_TRUE(c.errors[0].warning);
  EXPECT_EQ(c.errors[0].ToString(), p + ": warning: trailing garbage after the gzip data "
                                        "(from byte " + std::to_string(gz.size()) + ") ignored");
  EXPECT_EQ(c.errors[1].where, r);
}

TEST(IngestReader, DamagedGzipGivesOneErrorAndNoGarbage) {
  TempDir dir;
  std::string gz = Gzip(JsonLines(3000));
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] ^= 0x5A;
  const std::string p = dir.Write("f.jsonl.gz", gz);
  std::string bad_crc = Gzip(JsonLines(3));
  bad_crc[bad_crc.size() - 6] ^= 1;  // CRC-32 in the trailer
  const std::string q = dir.Write("crc.jsonl.gz", bad_crc);
  Collected c = ReadAll({p, q});
  EXPECT_EQ(c.articles.size(), 0u);
  ASSERT_EQ(c.errors.size(), 2u) << c.ErrorText();
  EXPECT_EQ(c.errors[0].where, p);
  EXPECT_EQ(c.errors[0].message.rfind("corrupt gzip stream at byte ", 0), 0u);
  EXPECT_EQ(c.errors[1].ToString(), q + ": corrupt gzip stream at byte " +
                                        std::to_string(bad_crc.size() - 4) +
                                        ": incorrect data check; skipped");
}

TEST(IngestReader, DamagedGzipOnAStreamKeepsTheStartAndOneStreamError) {
  std::string gz = Gzip(JsonLines(3000));
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] ^= 0x5A;
  std::istringstream in(gz);
  Collected c = ReadAllFromStream(in, "-");
  EXPECT_GT(c.articles.size(), 100u);
  EXPECT_EQ(c.articles[100].external_id, "101");
  size_t stream_errors = 0;  // garbage lines may add malformed-line errors
  for (const IngestError& e : c.errors) {
    stream_errors +=
        e.where == "-" && e.message.rfind("corrupt gzip stream", 0) == 0;
  }
  EXPECT_EQ(stream_errors, 1u) << c.ErrorText();
}

// The caps of read_options.h nest: the largest article accepted fits in
// every container it can arrive in, so no cap silently lowers another.
TEST(ReadOptionsTest, CapsNest) {
  const ReadOptions o;
  EXPECT_GE(o.max_line_bytes, o.max_article_bytes);
  EXPECT_GE(o.max_page_bytes, o.max_article_bytes);
  EXPECT_GE(o.max_request_bytes, o.max_article_bytes);
  EXPECT_GE(o.max_file_bytes, o.max_line_bytes);
  EXPECT_GE(o.max_file_bytes, o.max_page_bytes);
}

TEST(IngestReader, OversizedJsonlLine) {
  TempDir dir;
  ReadOptions options;
  options.max_line_bytes = 200;
  const std::string big = "{\"text\": \"" + std::string(1000, 'x') + "\"}\n";
  const std::string p = dir.Write("f.jsonl", JsonLine(1) + big + JsonLine(3));
  Collected c = ReadAll({p}, options);
  EXPECT_EQ(Inputs(c), (std::vector<std::string>{p + ":1", p + ":3"}));
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].ToString(),
            p + ":2: line is over the cap of 200 bytes (--max-line-bytes); "
                "skipped");
}

TEST(IngestReader, OversizedGzipText) {
  TempDir dir;
  ReadOptions options;
  options.max_article_bytes = 100;
  const std::string p = dir.Write("big.txt.gz", Gzip(std::string(1000, 'a')));
  Collected c = ReadAll({p}, options);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message,
            "text is over the cap of 100 bytes for one article "
            "(--max-article-bytes); skipped");
}

TEST(IngestReader, FileOverTheFileCap) {
  TempDir dir;
  ReadOptions options;
  options.max_file_bytes = 1000;
  const std::string plain = dir.Write("f.jsonl", JsonLines(100));
  const std::string gz = dir.Write("g.jsonl.gz", Gzip(JsonLines(100)));
  Collected c = ReadAll({plain, gz}, options);
  ASSERT_EQ(c.errors.size(), 2u) << c.ErrorText();
  EXPECT_EQ(c.errors[0].where, plain);
  EXPECT_EQ(c.errors[0].message.rfind("file is ", 0), 0u);
  EXPECT_NE(
      c.errors[0].message.find("the cap for one input file is 1000 bytes"),
      std::string::npos);
  EXPECT_EQ(c.errors[1].where, gz);
  EXPECT_EQ(c.errors[1].message.rfind("input is over the cap of 1000 bytes", 0),
            0u);
  EXPECT_GT(c.articles.size(), 0u);  // from g.jsonl.gz before the cap
}

// A stream has no size and no total cap: JSONL piped in (stdin, a named
// pipe) is read to its end, however far past the file cap it runs; the
// whole-text cap still holds for one article.
TEST(IngestReader, StreamsHaveNoFileCap) {
  ReadOptions options;
  options.max_file_bytes = 1000;
  std::istringstream jsonl(JsonLines(100));
  Collected c = ReadAllFromStream(jsonl, "-", options);
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  EXPECT_EQ(c.articles.size(), 100u);
  std::istringstream gz(Gzip(JsonLines(100)));
  c = ReadAllFromStream(gz, "-", options);
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  EXPECT_EQ(c.articles.size(), 100u);

  TempDir dir;
  const std::string fifo = dir.Path("feed");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << JsonLines(100);
  });
  c = ReadAll({fifo}, options);
  writer.join();
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  EXPECT_EQ(c.articles.size(), 100u);

  options.max_article_bytes = 100;
  std::istringstream text(std::string(500, 'x') + "\n");
  c = ReadAllFromStream(text, "-", options);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("over the cap of 100 bytes"),
            std::string::npos);
}

TEST(IngestReader, HundredMegabyteTextIsRefusedWithoutReadingIt) {
  TempDir dir;
  const std::string p = dir.Path("huge.txt");
  const int fd = ::open(p.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, off_t{100} << 20), 0);  // sparse: fast, no disk
  ::close(fd);
  const std::string good = dir.Write("good.txt", kGoodText);
  g_largest_allocation = 0;
  Collected c = ReadAll({p, good});
  EXPECT_LT(g_largest_allocation.load(), size_t{1} << 20);
  EXPECT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].ToString(),
            p + ": file is 100.0 MB; the cap for one article is 16 MB "
                "(--max-article-bytes); skipped");
}

TEST(IngestReader, LargeTextIsReadByteExact) {
  TempDir dir;
  std::string text = "Headline of a large article\n\n";
  for (int i = 0; text.size() < 300000; ++i) {
    text +=
        "Paragraph " + std::to_string(i * 7919 % 10007) + " caf\xC3\xA9.\r\n";
  }
  const std::string p = dir.Write("large.txt", text);
  const std::string q = dir.Write("large.unknown", text);
  Collected c = ReadAll({p, q});
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_TRUE(c.articles[0].text == text);
  EXPECT_TRUE(c.articles[1].text == text);
}

// ---- Sniffing and streams ----------------------------------------------

TEST(IngestReader, ExplicitFilesWithOtherExtensionsAreSniffed) {
  TempDir dir;
  const std::string jsonl = dir.Write("feed.data", "\n  " + JsonLines(2));
  const std::string text =
      dir.Write("note.md", "Markdown note with a title\n\nBody.");
  const std::string gz = dir.Write("blob.bin", Gzip(JsonLines(3)));
  const std::string gztext = dir.Write("page.gz", Gzip(kGoodText));
  // Compressed files without ".gz" are recognised by the gzip magic.
  const std::string misnamed = dir.Write("misnamed.jsonl", Gzip(JsonLines(2)));
  const std::string misnamed_text = dir.Write("misnamed.txt", Gzip(kGoodText));
  Collected c = ReadAll({jsonl, text, gz, gztext, misnamed, misnamed_text});
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  EXPECT_EQ(Inputs(c), (std::vector<std::string>{
                           jsonl + ":2", jsonl + ":3", text, gz + ":1",
                           gz + ":2", gz + ":3", gztext, misnamed + ":1",
                           misnamed + ":2", misnamed_text}));
  EXPECT_EQ(c.articles[2].title, "Markdown note with a title");
  EXPECT_EQ(c.articles[6].text, kGoodText);
  EXPECT_EQ(c.articles[9].text, kGoodText);
}

// Web pages: read through src/html, sniffed when unnamed, and each bad
// page one error naming it.
TEST(IngestReader, WebPages) {
  TempDir dir;
  const std::string body =
      "<p>The council approved the budget for next year on Monday after a "
      "long debate about schools and roads.</p>";
  const std::string page = dir.Write(
      "a.html",
      "<html lang=\"en-GB\"><head><title>Budget approved</title>"
      "<meta property=\"article:published_time\" content=\"2024-02-26T21:45:41-05:00\">"
      "</head><body><nav><a href=/>Home</a></nav><article>" + body +
          "</article></body></html>");
  const std::string sniffed =
      dir.Write("download", "<!DOCTYPE html><html><body>" + body + "</body></html>");
  const std::string empty = dir.Write("empty.htm", "<html><body></body></html>");
  const std::string binary = dir.Write("image.html", std::string("\x89PNG\0\0", 6));
  ReadOptions small;
  small.max_page_bytes = 100;
  Collected c = ReadAll({page, sniffed, empty, binary});
  ASSERT_EQ(c.articles.size(), 2u) << c.ErrorText();
  EXPECT_EQ(c.articles[0].title, "Budget approved");
  EXPECT_EQ(c.articles[0].lang, "en");
  EXPECT_EQ(c.articles[0].published, 1709001941);  // 2024-02-27T02:45:41Z
  EXPECT_EQ(c.articles[0].published_offset, -300);  // and dated the 26th
  EXPECT_EQ(c.articles[1].published_offset, std::nullopt);
  EXPECT_EQ(c.articles[0].text,
            "The council approved the budget for next year on Monday after a "
            "long debate about schools and roads.");
  EXPECT_EQ(c.articles[1].input, sniffed);
  EXPECT_EQ(c.ErrorText(),
            empty + ": no article text found in the page; skipped\n" + binary +
                ": binary data (NUL or control bytes), not HTML; skipped\n");
  Collected big = ReadAll({page}, small);
  EXPECT_EQ(big.ErrorText(),
            page + ": file is " + std::to_string(std::filesystem::file_size(page)) +
                " bytes; the cap for one web page is 100 bytes "
                "(--max-page-bytes); skipped\n");
}

// Runs ReadInputs({"-"}) with standard input redirected from `path`.
Collected ReadStdinFrom(const std::string& path) {
  const int saved = ::dup(0);
  const int fd = ::open(path.c_str(), O_RDONLY);
  ::dup2(fd, 0);
  ::close(fd);
  Collected c = ReadAll({"-"});
  ::dup2(saved, 0);
  ::close(saved);
  return c;
}

TEST(IngestReader, StdinDash) {
  TempDir dir;
  Collected j = ReadStdinFrom(dir.Write("in", Gzip(JsonLines(3))));
  EXPECT_TRUE(j.errors.empty()) << j.ErrorText();
  EXPECT_EQ(Inputs(j), (std::vector<std::string>{"-:1", "-:2", "-:3"}));
  Collected t = ReadStdinFrom(dir.Write("in2", kGoodText));
  ASSERT_EQ(t.articles.size(), 1u);
  EXPECT_EQ(t.articles[0].input, "-");
  EXPECT_EQ(t.articles[0].text, kGoodText);
}

TEST(IngestReader, StreamText) {
  std::istringstream in(kGoodText);
  Collected c = ReadAllFromStream(in, "-");
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].input, "-");
  EXPECT_EQ(c.articles[0].text, kGoodText);
  EXPECT_EQ(c.stats.files, 1u);
}

TEST(IngestReader, StreamJsonlNamesLines) {
  std::istringstream in(JsonLine(1) + "not json\n" + JsonLine(3));
  Collected c = ReadAllFromStream(in, "-");
  EXPECT_EQ(Inputs(c), (std::vector<std::string>{"-:1", "-:3"}));
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].where, "-:2");
}

TEST(IngestReader, StreamGzip) {
  std::istringstream in(Gzip(JsonLines(10)));
  Collected c = ReadAllFromStream(in, "-");
  EXPECT_TRUE(c.errors.empty()) << c.ErrorText();
  EXPECT_EQ(c.articles.size(), 10u);
}

TEST(IngestReader, StreamEmptyAndOversized) {
  std::istringstream empty("");
  Collected e = ReadAllFromStream(empty, "-");
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].ToString(), "-: empty file; skipped");

  ReadOptions options;
  options.max_article_bytes = 1000;
  std::istringstream big(std::string(5000, 'a'));
  Collected b = ReadAllFromStream(big, "-", options);
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].message,
            "text is over the cap of 1000 bytes for one article "
            "(--max-article-bytes); skipped");
}

TEST(IngestReader, ErrorToString) {
  EXPECT_EQ((IngestError{"a.txt", "empty file; skipped"}).ToString(),
            "a.txt: empty file; skipped");
  EXPECT_EQ((IngestError{"a.jsonl:3", "bad date", true}).ToString(),
            "a.jsonl:3: warning: bad date");
}

// ---- Real data ------------------------------------------------------------

TEST(IngestReader, EvaluationSetsReadCleanly) {
  const std::string dir = std::string(NEWSLOOM_SHARED_DIR) + "/data/clustering";
  const std::string gva = dir + "/gva-dev.jsonl";
  if (!fs::exists(gva)) GTEST_SKIP() << "no evaluation data at " << gva;
  const auto start = std::chrono::steady_clock::now();
  size_t count = 0;
  std::vector<IngestError> errors;
  const ReadStats stats = ReadInputs(
      {gva}, ReadOptions(), [&](Article&&) { ++count; },
      [&](const IngestError& e) { errors.push_back(e); });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  EXPECT_EQ(count, 3161u);
  EXPECT_EQ(stats.articles, 3161u);
  EXPECT_EQ(stats.errors, 0u);
  EXPECT_EQ(stats.warnings, 0u);
  EXPECT_TRUE(errors.empty()) << errors[0].ToString();
  RecordProperty("gva_seconds", std::to_string(seconds));
  std::printf("read gva-dev.jsonl in %.3f s\n", seconds);

  // The other sets read without errors too. One warning is the data's:
  // two different basil-dev articles (lines 33 and 74) both have the id
  // "empty".
  Collected all =
      ReadAll({dir, std::string(NEWSLOOM_SHARED_DIR) + "/data/timelines"});
  EXPECT_EQ(all.stats.errors, 0u) << all.ErrorText();
  ASSERT_EQ(all.stats.warnings, 1u) << all.ErrorText();
  EXPECT_EQ(all.errors[0].where, dir + "/basil-dev.jsonl:74") << all.ErrorText();
  EXPECT_NE(all.errors[0].message.find("id \"empty\" is also line 33's"), std::string::npos)
      << all.ErrorText();
  EXPECT_GT(all.stats.articles, 3161u);
}

// Feeds: the golden table of LooksLikeFeed.
TEST(IngestReader, LooksLikeFeed) {
  struct Case {
    const char* prefix;
    bool feed;
  } cases[] = {
      {"<rss version=\"2.0\"><channel>", true},
      {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", true},
      {"\xEF\xBB\xBF  <?xml version=\"1.0\"?><feed xmlns=\"a\">", true},
      {"<?xml version=\"1.0\"?><?xml-stylesheet href=\"s.xsl\"?>"
       "<!-- a comment with <rss> in it --><rdf:RDF xmlns:rdf=\"r\">",
       true},
      {"<?xml version=\"1.0\"?><!DOCTYPE rss><rss>", true},
      {"<RSS>", true},
      {"<feedback>not a feed</feedback>", false},
      {"<rss", false},  // cut before the name ends
      {"<?xml version=\"1.0\"?><html><body>", false},
      {"<?xml version=\"1.0\"?><urlset>", false},
      {"<?xml version=\"1.0\"", false},  // the declaration never ends
      {"<!-- never ends", false},
      {"The rss feed of the paper", false},
      {"{\"version\": \"https://jsonfeed.org/version/1.1\"}", false},
      {"", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(LooksLikeFeed(c.prefix), c.feed) << c.prefix;
  }
}

constexpr char kTinyRss[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
    "<item><title>A</title><description>Text a.</description></item>"
    "</channel></rss>";

// A feed file goes to ReadOptions::read_feed, whole, with its name; what
// it gives is reported in order: warnings, errors, then the articles.
TEST(IngestReader, FeedFilesGoToTheFeedReader) {
  TempDir dir;
  const std::string named = dir.Write("world.rss", kTinyRss);
  const std::string gz = dir.Write("old.atom.gz", Gzip(kTinyRss));
  const std::string sniffed = dir.Write("saved.xml", kTinyRss);
  std::vector<std::string> seen;
  ReadOptions options;
  options.read_feed = [&](std::string_view bytes, const std::string& name,
                          const ReadOptions&) {
    EXPECT_EQ(bytes, kTinyRss);
    seen.push_back(name);
    FeedFileItems items;
    Article a;
    a.input = name + "#1";
    a.text = "Text a.";
    items.articles.push_back(a);
    items.errors.emplace_back(name + "#2", "no text in the feed item; skipped");
    items.warnings.emplace_back(name, "1 date did not parse");
    return items;
  };
  Collected c = ReadAll({named, gz, sniffed}, options);
  EXPECT_EQ(seen, (std::vector<std::string>{named, gz, sniffed}));
  EXPECT_EQ(Inputs(c),
            (std::vector<std::string>{named + "#1", gz + "#1", sniffed + "#1"}));
  EXPECT_EQ(c.stats.errors, 3u);
  EXPECT_EQ(c.stats.warnings, 3u);
  ASSERT_EQ(c.errors.size(), 6u);
  EXPECT_EQ(c.errors[0].ToString(), named + ": warning: 1 date did not parse");
  EXPECT_EQ(c.errors[1].ToString(),
            named + "#2: no text in the feed item; skipped");

  // In a folder, feed names are read and other XML is skipped as before.
  TempDir folder;
  folder.Write("a.rss", kTinyRss);
  folder.Write("sitemap.xml", "<?xml version=\"1.0\"?><urlset/>");
  seen.clear();
  c = ReadAll({folder.path()}, options);
  EXPECT_EQ(seen, (std::vector<std::string>{folder.Path("a.rss")}));
  EXPECT_EQ(c.stats.skipped_files, 1u);
}

// Without a feed reader a feed is one error, never an article of markup;
// so is XML that is neither a feed nor a page, and a feed with nothing in
// it.
TEST(IngestReader, FeedsWithoutAFeedReaderAndOtherXml) {
  TempDir dir;
  const std::string feed = dir.Write("world.rss", kTinyRss);
  const std::string xml = dir.Write("sitemap.xml",
                                    "<?xml version=\"1.0\"?><urlset/>");
  Collected c = ReadAll({feed, xml});
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.errors.size(), 2u) << c.ErrorText();
  EXPECT_EQ(c.errors[0].ToString(),
            feed + ": a feed (RSS, Atom), and this reader was given no feed "
                   "reader (ReadOptions::read_feed); skipped");
  EXPECT_EQ(c.errors[1].ToString(),
            xml + ": an XML document that is neither a web page nor a feed "
                  "(RSS, Atom); skipped");

  ReadOptions options;
  options.read_feed = [](std::string_view, const std::string&,
                         const ReadOptions&) { return FeedFileItems(); };
  c = ReadAll({feed}, options);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].ToString(), feed + ": a feed with no items; skipped");
}

// A feed file is a document with the web page's cap, checked before it is
// read.
TEST(IngestReader, FeedFileOverThePageCap) {
  TempDir dir;
  const std::string feed = dir.Write("big.rss", kTinyRss);
  ReadOptions options;
  options.max_page_bytes = 20;
  bool called = false;
  options.read_feed = [&](std::string_view, const std::string&,
                          const ReadOptions&) {
    called = true;
    return FeedFileItems();
  };
  Collected c = ReadAll({feed}, options);
  EXPECT_FALSE(called);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("--max-page-bytes"), std::string::npos)
      << c.ErrorText();
}

// A .json file is one document: an article object (pretty-printed or
// not) or an array of them, each element named FILE[i]; a JSON Feed is a
// feed; a stream starting with '[' is an array too.
TEST(IngestReader, JsonDocuments) {
  TempDir dir;
  const std::string arr = dir.Write(
      "export.json",
      "[" + JsonLine(1) + ", 3, {\"title\": \"\", \"text\": \"\"},\n" +
          JsonLine(2) + "]");
  const std::string one = dir.Write(
      "one.json", "{\n  \"id\": \"p\",\n  \"text\": \"Pretty printed.\"\n}\n");
  const std::string gz = dir.Write("old.json.gz", Gzip("[" + JsonLine(3) + "]"));
  const std::string broken = dir.Write("broken.json", "[1, 2");
  const std::string scalar = dir.Write("scalar.json", "42");
  const std::string empty_array = dir.Write("none.json", "[]");
  Collected c = ReadAll({arr, one, gz, broken, scalar, empty_array});
  EXPECT_EQ(Inputs(c), (std::vector<std::string>{arr + "[0]", arr + "[3]", one,
                                                 gz + "[0]"}))
      << c.ErrorText();
  ASSERT_EQ(c.errors.size(), 5u) << c.ErrorText();
  EXPECT_EQ(c.errors[0].ToString(), arr + "[1]: not a JSON object; skipped");
  EXPECT_EQ(c.errors[1].ToString(),
            arr + "[2]: both title and text are empty; skipped");
  EXPECT_TRUE(c.errors[2].message.starts_with("malformed JSON at byte 6: "))
      << c.ErrorText();
  EXPECT_EQ(c.errors[3].ToString(),
            scalar + ": not an article object nor an array of them, but JSON "
                     "number; skipped");
  EXPECT_EQ(c.errors[4].ToString(), empty_array + ": an empty JSON array; skipped");

  std::istringstream in("  [ " + JsonLine(4) + "]");
  Collected piped = ReadAllFromStream(in, "-");
  EXPECT_EQ(Inputs(piped), (std::vector<std::string>{"-[0]"})) << piped.ErrorText();
  // A text that opens with a bracket is text.
  std::istringstream text_in("[Photo] Bridge opens\n\nThe new bridge opened on Friday.\n");
  Collected text = ReadAllFromStream(text_in, "-");
  ASSERT_EQ(text.articles.size(), 1u) << text.ErrorText();
  EXPECT_TRUE(text.articles[0].title.starts_with("[Photo]") ||
              text.articles[0].text.starts_with("[Photo]"));

  // A JSON Feed goes to the feed reader, wherever its "version" stands;
  // an article whose url is jsonfeed.org's does not.
  const std::string jf = dir.Write(
      "feed.json",
      "{\"items\": [], \"version\": \"https://jsonfeed.org/version/1.1\"}");
  const std::string not_feed = dir.Write(
      "about.json",
      "[{\"title\": \"On feeds\", \"text\": \"JSON Feed.\", "
      "\"url\": \"https://jsonfeed.org/version/1.1\"}]");
  std::vector<std::string> seen;
  ReadOptions options;
  options.read_feed = [&](std::string_view, const std::string& name,
                          const ReadOptions&) {
    seen.push_back(name);
    return FeedFileItems();
  };
  Collected both = ReadAll({jf, not_feed}, options);
  EXPECT_EQ(seen, (std::vector<std::string>{jf}));
  EXPECT_EQ(Inputs(both), (std::vector<std::string>{not_feed + "[0]"}))
      << both.ErrorText();
}

// An unknown field nested 300,000 levels deep is ignored like any other
// (printing the element again whole recursed and overflowed the stack).
TEST(IngestReader, JsonDocumentWithADeeplyNestedField) {
  TempDir dir;
  const size_t depth = 300000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  const std::string doc = dir.Write(
      "deep.json", "[{\"id\": \"d\", \"text\": \"Body.\", \"junk\": " + deep +
                       "}, {\"text\": " + deep + "}]");
  Collected c = ReadAll({doc});
  EXPECT_EQ(Inputs(c), (std::vector<std::string>{doc + "[0]"})) << c.ErrorText();
  ASSERT_EQ(c.errors.size(), 1u) << c.ErrorText();
  EXPECT_EQ(c.errors[0].ToString(),
            doc + "[1]: field \"text\" is array, expected a string or null; "
                  "skipped");
}

// A JSON document is read whole: it has the line's cap, and the error says
// how to read a larger one.
TEST(IngestReader, JsonDocumentOverTheLineCap) {
  TempDir dir;
  const std::string big = dir.Write("big.json", "[" + JsonLine(1) + "]");
  ReadOptions options;
  options.max_line_bytes = 20;
  Collected c = ReadAll({big}, options);
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("--max-line-bytes"), std::string::npos)
      << c.ErrorText();
  EXPECT_NE(c.errors[0].message.find("jq -c"), std::string::npos)
      << c.ErrorText();
}

}  // namespace
}  // namespace newsloom
