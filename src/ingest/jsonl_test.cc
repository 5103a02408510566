#include "ingest/jsonl.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/build.h"
#include "base/time.h"

namespace newsloom {
namespace {

Result<Article> Parse(std::string_view line,
                      std::vector<std::string>* warnings = nullptr,
                      const ReadOptions& options = ReadOptions()) {
  return ParseJsonLine(line, "f.jsonl:1", options, warnings);
}

TEST(IngestJsonl, AllFields) {
  std::vector<std::string> warnings;
  Result<Article> a = Parse(
      R"({"id": "461105/f1e4", "event": "461105", "story": "s1", )"
      R"("lang": "en", "date": "2013-01-01", "title": " 4 Shot At Party ", )"
      R"("text": "Police issue\nwarrant.", "source": "KDKA", )"
      R"("url": "http://example.com/a", "topic": 3})",
      &warnings);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(a->input, "f.jsonl:1");
  EXPECT_EQ(a->external_id, "461105/f1e4");
  EXPECT_EQ(a->gold_event, "461105");
  EXPECT_EQ(a->gold_story, "s1");
  EXPECT_EQ(a->lang, "en");
  EXPECT_EQ(a->lang_confidence, 1.0);
  ASSERT_TRUE(a->published.has_value());
  EXPECT_EQ(FormatIsoTime(*a->published), "2013-01-01T00:00:00Z");
  EXPECT_EQ(a->title, "4 Shot At Party");
  EXPECT_EQ(a->text, "Police issue\nwarrant.");
  EXPECT_EQ(a->source, "KDKA");
  EXPECT_EQ(a->url, "http://example.com/a");
  EXPECT_EQ(a->id, ArticleId(*a));
}

// "published" and "site", what `extract --jsonl` writes, are the date and
// source when those are missing; "date" and "source" win when given.
TEST(IngestJsonl, PublishedAndSiteStandInForDateAndSource) {
  Result<Article> a = Parse(
      R"({"title": "T", "text": "x", "published": "2024-02-26T10:00:00+01:00", )"
      R"("site": " Gazette ", "url": null, "authors": [], "input": "p.html"})");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(a->published.has_value());
  EXPECT_EQ(FormatIsoTime(*a->published), "2024-02-26T09:00:00Z");
  EXPECT_EQ(a->source, "Gazette");
  Result<Article> b = Parse(
      R"({"title": "T", "date": "2024-03-01", "published": "2024-02-26", )"
      R"("source": "Herald", "site": "Gazette"})");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(FormatIsoTime(*b->published), "2024-03-01T00:00:00Z");
  EXPECT_EQ(b->source, "Herald");
  Result<Article> c = Parse(R"({"title": "T", "site": 3})");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("\"site\""), std::string::npos) << c.status().ToString();
}

TEST(IngestJsonl, NullsAndMissingFieldsAreEmpty) {
  Result<Article> a =
      Parse(R"({"id": null, "event": null, "story": null, "lang": null, )"
            R"("date": null, "title": null, "text": "Body.", "source": null, )"
            R"("url": null})");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->external_id, "");
  EXPECT_EQ(a->gold_event, "");
  EXPECT_EQ(a->title, "");
  EXPECT_EQ(a->text, "Body.");
  EXPECT_EQ(a->lang, "und");
  EXPECT_EQ(a->lang_confidence, 0.0);
  EXPECT_FALSE(a->published.has_value());

  Result<Article> b = Parse(R"({"title": "Only a title"})");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->text, "");
}

TEST(IngestJsonl, NumericLabelsPrintAsDecimal) {
  Result<Article> a = Parse(
      R"({"id": 42, "event": 18446744073709551615, "story": -3, "text": "x"})");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->external_id, "42");
  EXPECT_EQ(a->gold_event, "18446744073709551615");
  EXPECT_EQ(a->gold_story, "-3");
  Result<Article> b = Parse(R"({"id": 1.5, "text": "x"})");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->external_id, "1.5");
}

TEST(IngestJsonl, TextIsKeptByteForByte) {
  Result<Article> a =
      Parse(R"({"text": "  caf\u00e9 \ud83d\ude00\r\n\tend  "})");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, "  caf\xC3\xA9 \xF0\x9F\x98\x80\r\n\tend  ");
}

TEST(IngestJsonl, ToleratesCrBomAndSpaces) {
  EXPECT_TRUE(Parse("{\"text\": \"x\"}\r").ok());
  EXPECT_TRUE(Parse("\xEF\xBB\xBF{\"text\": \"x\"}").ok());
  EXPECT_TRUE(Parse("  {\"text\": \"x\"}  ").ok());
}

struct LangCase {
  const char* json_lang;
  const char* lang;
  bool warning;
};

TEST(IngestJsonl, LanguageTable) {
  const LangCase cases[] = {
      {R"("en")", "en", false},      {R"("EN")", "en", false},
      {R"("pt-BR")", "pt", false},   {R"("zh_Hant")", "zh", false},
      {R"("fil")", "fil", false},    {R"("")", "und", false},
      {R"(" ")", "und", false},      {"null", "und", false},
      {R"("English")", "und", true}, {R"("e1")", "und", true},
  };
  for (const LangCase& c : cases) {
    std::vector<std::string> warnings;
    Result<Article> a =
        Parse(std::string(R"({"text": "x", "lang": )") + c.json_lang + "}",
              &warnings);
    ASSERT_TRUE(a.ok()) << c.json_lang;
    EXPECT_EQ(a->lang, c.lang) << c.json_lang;
    EXPECT_EQ(a->lang_confidence, a->lang == "und" ? 0.0 : 1.0);
    EXPECT_EQ(warnings.size(), c.warning ? 1u : 0u) << c.json_lang;
  }
}

TEST(IngestJsonl, BadDateKeepsArticleWithWarning) {
  std::vector<std::string> warnings;
  Result<Article> a = Parse(R"({"text": "x", "date": "next week"})", &warnings);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->published.has_value());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(
      warnings[0],
      "unparseable date \"next week\"; published left empty, article kept");

  warnings.clear();
  Result<Article> b =
      Parse(R"({"text": "x", "date": "2022-09-24T21:45:41"})", &warnings);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(FormatIsoTime(*b->published), "2022-09-24T21:45:41Z");
  // The three-argument form drops warnings but keeps the article.
  EXPECT_TRUE(ParseJsonLine(R"({"text": "x", "date": "?"})", "f", {}).ok());

  // Day and month either way round: said so; one over 12 decides.
  warnings.clear();
  Result<Article> c = Parse(R"({"text": "x", "date": "03/05/2024"})", &warnings);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->published.has_value());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "ambiguous date \"03/05/2024\" (day and month could be either way round; "
            "write YYYY-MM-DD); published left empty, article kept");
  warnings.clear();
  Result<Article> d = Parse(R"({"text": "x", "date": "13/05/2024"})", &warnings);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(FormatIsoDate(*d->published), "2024-05-13");
}

void ExpectSameAsReference(std::string_view line);

// An article field written twice keeps its last value, with a word (it
// was silent); other fields repeated are not ours to judge.
TEST(IngestJsonl, RepeatedFieldIsSaidAndKeepsItsLastValue) {
  std::vector<std::string> warnings;
  const std::string line =
      R"({"text": "first draft", "title": "T", "text": "final text", "x": 1, "x": 2})";
  Result<Article> a = Parse(line, &warnings);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, "final text");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "field \"text\" is given more than once; its last value is taken, article kept");
  ExpectSameAsReference(line);
  warnings.clear();
  ASSERT_TRUE(Parse(R"({"text": "a", "x": 1, "x": 2, "nested": {"text": 1, "text": 2}})",
                    &warnings)
                  .ok());
  EXPECT_TRUE(warnings.empty()) << warnings[0];
}

// The date field's golden table: what becomes the publication time, and
// what is a warning with the article kept (never an error).
TEST(IngestJsonl, DateForms) {
  struct Case {
    const char* json_date;
    const char* published;  // ISO 8601 UTC, or "" for none
    bool warning;
    std::optional<int> offset = std::nullopt;  // minutes east of UTC, as written
  } cases[] = {
      {R"("2024-02-26")", "2024-02-26T00:00:00Z", false},
      {R"("2024-02-26T10:00:00+01:00")", "2024-02-26T09:00:00Z", false, 60},
      {R"("2024-02-26T21:45:41-05:00")", "2024-02-27T02:45:41Z", false, -300},
      {R"("2024-02-26T10:00:00Z")", "2024-02-26T10:00:00Z", false, 0},
      {R"("Mon, 26 Feb 2024 10:00:00 +0100")", "2024-02-26T09:00:00Z", false, 60},
      {R"("26 Feb 2024 10:00:00 GMT")", "2024-02-26T10:00:00Z", false, 0},
      {"1708941600", "2024-02-26T10:00:00Z", false},       // Unix seconds
      {"1708941600.75", "2024-02-26T10:00:00Z", false},
      {"1708941600123", "2024-02-26T10:00:00Z", false},    // milliseconds
      {R"("1708941600")", "2024-02-26T10:00:00Z", false},  // as a string too
      {R"(" 1708941600123 ")", "2024-02-26T10:00:00Z", false},
      {R"("20240226")", "2024-02-26T00:00:00Z", false},    // basic ISO, not seconds
      {"0", "1970-01-01T00:00:00Z", false},
      {"-2208988800", "1900-01-01T00:00:00Z", false},
      {"4102444801", "", true},                            // past 2100
      {"-1e300", "", true},
      {"1e300", "", true},
      {"true", "", true},
      {R"({"y": 2024})", "", true},
      {"[2024, 2, 26]", "", true},
      {R"("Feb. 26, 2024")", "2024-02-26T00:00:00Z", false},
      {R"("26 February 2024, 14:05")", "2024-02-26T14:05:00Z", false},
      {R"("26.02.2024")", "2024-02-26T00:00:00Z", false},
      {R"("02/03/2024")", "", true},                       // d/m or m/d?
      {R"("2024-02-30")", "", true},
      {R"("9999-12-31")", "", true},                       // as numbers: 1900-2100
      {R"("1899-12-31T23:59:59Z")", "", true},
      {R"("2100-01-01T00:00:00Z")", "2100-01-01T00:00:00Z", false, 0},
      {R"("1900-01-01")", "1900-01-01T00:00:00Z", false},
      {R"("")", "", false},
      {"null", "", false},
  };
  for (const Case& c : cases) {
    const std::string line =
        std::string(R"({"text": "x", "date": )") + c.json_date + "}";
    std::vector<std::string> warnings;
    Result<Article> a = Parse(line, &warnings);
    ASSERT_TRUE(a.ok()) << c.json_date << ": " << a.status().ToString();
    EXPECT_EQ(a->published ? FormatIsoTime(*a->published) : "", c.published)
        << c.json_date;
    EXPECT_EQ(a->published_offset, c.offset) << c.json_date;
    EXPECT_EQ(warnings.size(), c.warning ? 1u : 0u) << c.json_date;
    ExpectSameAsReference(line);
  }
}

struct BadLineCase {
  std::string line;
  const char* message;  // exact Status message
};

TEST(IngestJsonl, RejectedLines) {
  const BadLineCase cases[] = {
      {R"({"text": "a")",
       "malformed JSON at byte 13: syntax error while parsing object - "
       "unexpected end of input; expected '}'; skipped"},
      {"{\"text\": \"a\nb\"}",
       "malformed JSON at byte 12: syntax error while parsing value - invalid "
       "string: control character U+000A (LF) must be escaped to \\u000A or "
       "\\n; last read: '\"a<U+000A>'; skipped"},
      {"[1, 2]", "expected a JSON object, got array; skipped"},
      {"null", "expected a JSON object, got null; skipped"},
      {"\"text\"", "expected a JSON object, got string; skipped"},
      {R"({"title": 5, "text": "x"})",
       "field \"title\" is number, expected a string or null; skipped"},
      {R"({"text": ["x"]})",
       "field \"text\" is array, expected a string or null; skipped"},
      {R"({"id": true, "text": "x"})",
       "field \"id\" is boolean, expected a string, a number or null; skipped"},
      {R"({"title": " ", "text": " \n "})",
       "both title and text are empty; skipped"},
      {R"({"id": "1"})", "both title and text are empty; skipped"},
      {"{\"text\": \"caf\xC3\"}",
       "invalid UTF-8 at byte 13 of the line; skipped"},
      {"{\"text\": \"\xFF\"}", "invalid UTF-8 at byte 10 of the line; skipped"},
  };
  for (const BadLineCase& c : cases) {
    Result<Article> a = Parse(c.line);
    ASSERT_FALSE(a.ok()) << c.line;
    EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(a.status().message(), c.message) << c.line;
    EXPECT_EQ(a.status().message().find('\n'), std::string::npos);
  }
}

TEST(IngestJsonl, LoneSurrogateEscapeIsMalformed) {
  Result<Article> a = Parse(R"({"text": "\ud800"})");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().rfind("malformed JSON at byte", 0), 0u)
      << a.status().message();
}

TEST(IngestJsonl, TextAndTitleCaps) {
  ReadOptions options;
  options.max_article_bytes = 4;
  EXPECT_TRUE(Parse(R"({"text": "abcd"})", nullptr, options).ok());
  Result<Article> a = Parse(R"({"text": "abcde"})", nullptr, options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "text is 5 bytes; the cap for one article is 4 bytes "
            "(--max-article-bytes); skipped");
  Result<Article> b = Parse(R"({"title": "abcde"})", nullptr, options);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message().rfind("title is 5 bytes", 0), 0u);
}

// The fast parser (simdjson) against the reference (nlohmann::json): for
// every line the same article, the same warnings, or the same error.
void ExpectSameAsReference(std::string_view line) {
  std::vector<std::string> fast_warnings, slow_warnings;
  const Result<Article> fast = ParseJsonLine(line, "f.jsonl:1", ReadOptions(),
                                             &fast_warnings, JsonParser::kFastest);
  const Result<Article> slow = ParseJsonLine(line, "f.jsonl:1", ReadOptions(),
                                             &slow_warnings, JsonParser::kReference);
  ASSERT_EQ(fast.ok(), slow.ok()) << line;
  EXPECT_EQ(fast_warnings, slow_warnings) << line;
  if (!fast.ok()) {
    EXPECT_EQ(fast.status().ToString(), slow.status().ToString()) << line;
    return;
  }
  EXPECT_EQ(fast->id, slow->id) << line;
  EXPECT_EQ(fast->external_id, slow->external_id) << line;
  EXPECT_EQ(fast->gold_event, slow->gold_event) << line;
  EXPECT_EQ(fast->gold_story, slow->gold_story) << line;
  EXPECT_EQ(fast->title, slow->title) << line;
  EXPECT_EQ(fast->text, slow->text) << line;
  EXPECT_EQ(fast->published, slow->published) << line;
  EXPECT_EQ(fast->lang, slow->lang) << line;
  EXPECT_EQ(fast->lang_confidence, slow->lang_confidence) << line;
  EXPECT_EQ(fast->source, slow->source) << line;
  EXPECT_EQ(fast->url, slow->url) << line;
}

TEST(IngestJsonl, FastParserMatchesReferenceOnEdgeCases) {
  const std::vector<std::string> lines = {
      R"({"id": "a1", "title": "T", "text": "x", "date": "2024-02-26", "lang": "en"})",
      R"({"id": 12, "event": -3, "story": 18446744073709551615, "title": "T"})",
      R"({"id": 123456789012345678901234567890, "title": "T"})",  // big integer
      R"({"id": 1.5, "event": 3.0, "story": 1e20, "title": "T"})",  // floats
      R"({"id": -0, "event": 0.0, "story": -0.0, "title": "T"})",
      R"({"title": "first", "title": "second", "text": "x"})",     // repeated key
      R"({"title": "T", "text": "x", "title2": "ignored", "topic": [1, {"a": null}]})",
      R"({"title": true})", R"({"title": 3})", R"({"title": [1]})", R"({"title": {}})",
      R"({"id": false, "title": "T"})", R"({"id": [], "title": "T"})",
      R"({"title": null, "text": null})", R"({})", R"([])", R"([1, 2])", R"("text")",
      R"(3)", R"(null)", R"({"title": "T"} trailing)", R"({"title": "T",})",
      R"({"title": "unterminated)", R"({"title": "T" "text": "x"})", "",
      R"(   {"title": "spaces"}   )", "{\"title\": \"cr\"}\r",
      R"({"title": "\u00e9t\u00e9 \ud83d\ude00", "text": "a\u0000b"})",
      R"({"title": "\ud800 lone surrogate"})", R"({"title": "\udc00\ud800"})",
      R"({"title": "bad \x escape"})", R"({"title": "tab	inside"})",
      R"({"title": "T", "lang": "pt-BR", "date": "next week"})",
      R"({"title": "T", "lang": "klingon!", "date": "2024-13-45"})",
      R"({"title": "T", "published": "2024-02-26", "site": "S", "date": null})",
      R"({"title": "T", "published": 3, "site": [1], "source": "S"})",
      R"({"title": "  ", "text": " \n "})",
      "\xEF\xBB\xBF{\"title\": \"bom\"}",
      R"({"title": "T", "text": "x", "nested": )" + std::string(300, '[') +
          std::string(300, ']') + "}",
      R"({"title": "deep", "x": )" + std::string(2000, '[') + std::string(2000, ']') + "}",
  };
  for (const std::string& line : lines) ExpectSameAsReference(line);
}

TEST(IngestJsonl, FastParserMatchesReferenceOnMutatedLines) {
  // Every prefix of a few lines, and single-byte changes of them: most are
  // malformed, which must reach the reference parser's messages.
  const std::vector<std::string> seeds = {
      R"({"id": "a1", "event": 7, "title": "Quake hits island", "text": "A 5.6 magnitude quake.", "date": "2005-11-27", "lang": "en", "source": null})",
      R"({"title": "\u00e9t\u00e9", "text": "Zmar\u0142 papie\u017c", "id": -12})",
  };
  const std::string bytes = "{}[]\":,\\ 0a-e.\x01tnu";
  for (const std::string& seed : seeds) {
    for (size_t n = 0; n <= seed.size(); ++n) ExpectSameAsReference(seed.substr(0, n));
    for (size_t i = 0; i < seed.size(); i += 3) {
      for (char c : bytes) {
        std::string line = seed;
        line[i] = c;
        ExpectSameAsReference(line);
      }
    }
  }
}

TEST(IngestJsonl, FastParserMatchesReferenceOnDevCorpora) {
  const std::filesystem::path dir = std::filesystem::path(NEWSLOOM_SOURCE_DIR) / ".." /
                                    "shared" / "data" / "clustering";
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "no " << dir << " (../shared/data is not here)";
  }
  size_t lines = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    std::string line;
    for (size_t n = 0; std::getline(in, line); ++n) {
      if (n % (7 * SweepStride()) != 0) continue;  // a sample of every file
      ExpectSameAsReference(line);
      ++lines;
    }
  }
  EXPECT_GT(lines, 0u);
}

}  // namespace
}  // namespace newsloom
