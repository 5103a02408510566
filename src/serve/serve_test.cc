// `newsloom serve` in process: a Server on an ephemeral 127.0.0.1 port over
// a store in a temporary folder, driven by httplib::Client, with the demo
// corpus (demo/articles, written for the project) posted through the API.
// Every endpoint of docs/api.md, and the bad requests: malformed JSON,
// huge bodies, unknown ids, missing and wrong tokens, malformed full-text
// queries, bad cursors, wrong methods.
//
// The ServeTest suite runs on SQLite by default. With
// NEWSLOOM_SERVE_TEST_STORE=postgresql it runs on PostgreSQL instead, in a
// fresh schema of the database NEWSLOOM_TEST_POSTGRES names (CTest's
// serve_test_postgres; scripts/test.sh starts the server), and skips,
// saying so, when that variable is not set.
#include "serve/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include "store/pg_test_schema.h"
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <span>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "cli/render.h"
#include "serve/api.h"
#include "serve/connection.h"
#include "serve/live_ingest.h"
#include "serve/writer.h"
#include "store/store.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kToken[] = "s3cret-token";
constexpr size_t kTestMaxRequestBytes = 1 << 20;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The demo corpus's JSONL files, concatenated (17 of its 24 articles).
constexpr int kDemoJsonlArticles = 17;
std::string DemoJsonl() {
  std::string all;
  for (const char* name : {"week-2025-02-03.jsonl", "week-2025-02-10.jsonl",
                           "from-2025-02-17.jsonl"}) {
    all += ReadFile(fs::path(NEWSLOOM_DEMO_DIR) / "jsonl" / name);
    if (!all.empty() && all.back() != '\n') all += '\n';
  }
  return all;
}

fs::path MakeTempDir() {
  std::string tmpl = (fs::path(::testing::TempDir()) / "serve_XXXXXX").string();
  EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
  return tmpl;
}

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

httplib::Headers Auth(const std::string& token = kToken) {
  return {{"Authorization", "Bearer " + token}};
}

json Body(const httplib::Result& r) {
  return r ? json::parse(r->body, nullptr, false) : json();
}

std::string ErrorCodeOf(const httplib::Result& r) {
  json j = Body(r);
  if (!j.is_object() || !j.contains("error")) return "(no JSON error)";
  return j["error"]["code"].get<std::string>();
}

// What every test server shares: any free port, the test token, commits
// 10 ms apart, nothing printed.
void SetTestServerOptions(ServeOptions* o) {
  o->port = 0;
  o->token = kToken;
  o->commit_interval = std::chrono::milliseconds(10);
  o->quiet = true;
}

// One server for the whole suite (the demo corpus posted once): the
// tests only read, or write articles of their own.
class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The FreeDict concept dictionaries take seconds to load for German
    // (text/concepts.h) and every test case is its own process under
    // CTest; the API does not depend on them.
    setenv("NEWSLOOM_DICT_DIR", "/nonexistent-newsloom-test-dicts", 1);
    dir_ = new fs::path(MakeTempDir());
    ServeOptions o;
    o.db = (*dir_ / "serve.db").string();
    const char* backend = getenv("NEWSLOOM_SERVE_TEST_STORE");
    if (backend != nullptr && std::string(backend) == "postgresql") {
      pg_ = new testing::PgTestSchema("newsloom_serve_test");
      if (!pg_->configured()) {
        GTEST_SKIP() << "NEWSLOOM_SERVE_TEST_STORE=postgresql but "
                     << testing::PgTestSchema::kSkipReason;
      }
      ASSERT_TRUE(pg_->ok()) << pg_->error();
      o.db = pg_->uri();
    }
    SetTestServerOptions(&o);
    o.threads = 8;
    o.max_request_bytes = kTestMaxRequestBytes;
    Result<std::unique_ptr<Server>> s = Server::Start(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = s->release();
    httplib::Client c("127.0.0.1", server_->port());
    httplib::Result r = c.Post("/api/articles", Auth(), DemoJsonl(),
                               "application/x-ndjson");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    *posted_ = json::parse(r->body);
    WaitForAnnotations();
  }
  void SetUp() override {
    // A suite whose set-up skipped or failed has no server.
    if (server_ == nullptr) GTEST_SKIP() << "no server (see the suite's set-up)";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete pg_;  // drops the schema
    pg_ = nullptr;
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }

  // The writer annotates when its queue is idle: wait until the first
  // posted article's entities are indexed.
  static void WaitForAnnotations() {
    httplib::Client c("127.0.0.1", server_->port());
    for (int i = 0; i < 1500; ++i) {  // 30 s: ASan builds annotate slowly
      httplib::Result r = c.Get("/api/stories?entity=%40es");
      if (r && r->status == 200 && !Body(r)["stories"].empty()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "the demo stories were not annotated within 30 s";
  }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30);
    return c;
  }

  // Every story of the list, following next_cursor pages of `limit`.
  std::vector<int64_t> AllStoryIds(const std::string& query, int limit) {
    httplib::Client c = Client();
    std::vector<int64_t> ids;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      std::string path = "/api/stories?limit=" + std::to_string(limit) + query;
      if (!cursor.empty()) path += "&cursor=" + UrlEncode(cursor);
      httplib::Result r = c.Get(path);
      EXPECT_TRUE(r && r->status == 200) << path;
      if (!r || r->status != 200) break;
      json j = Body(r);
      for (const json& s : j["stories"]) ids.push_back(s["id"].get<int64_t>());
      if (j["next_cursor"].is_null()) break;
      cursor = j["next_cursor"].get<std::string>();
    }
    return ids;
  }

  static fs::path* dir_;
  static Server* server_;
  static json* posted_;
  static testing::PgTestSchema* pg_;  // when on PostgreSQL
};

fs::path* ServeTest::dir_ = nullptr;
Server* ServeTest::server_ = nullptr;
json* ServeTest::posted_ = new json;
testing::PgTestSchema* ServeTest::pg_ = nullptr;

TEST_F(ServeTest, DemoCorpusIsAccepted) {
  const json& p = *posted_;
  EXPECT_EQ(p["accepted"], kDemoJsonlArticles) << p.dump(1);
  EXPECT_EQ(p["skipped"], 0);
  EXPECT_TRUE(p["errors"].empty()) << p["errors"].dump();
  ASSERT_EQ(p["articles"].size(), size_t{kDemoJsonlArticles});
  for (const json& a : p["articles"]) {
    EXPECT_EQ(a["id"].get<std::string>().size(), 16u);
    EXPECT_GT(a["event"].get<int64_t>(), 0);
    EXPECT_GT(a["story"].get<int64_t>(), 0);
  }
}

TEST_F(ServeTest, PostingAgainStoresNothing) {
  httplib::Client c = Client();
  httplib::Result r = c.Post("/api/articles", Auth(), DemoJsonl(), "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["accepted"], 0);
  EXPECT_EQ(j["skipped"], kDemoJsonlArticles);
  // Already stored articles report where they are.
  EXPECT_EQ(j["articles"][0]["story"], (*posted_)["articles"][0]["story"]);
  EXPECT_EQ(j["articles"][0]["already_present"], true);
}

TEST_F(ServeTest, Health) {
  httplib::Client c = Client();
  httplib::Result r = c.Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  json j = Body(r);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_GE(j["articles"].get<int64_t>(), kDemoJsonlArticles);
  EXPECT_GE(j["stories"].get<int64_t>(), 1);
  EXPECT_TRUE(j["version"].is_string());
  if (pg_ != nullptr) {  // the articles really are in PostgreSQL
    EXPECT_EQ(pg_->Value("SELECT count(*) FROM " + pg_->name() + ".articles"),
              std::to_string(j["articles"].get<int64_t>()));
  }
}

TEST_F(ServeTest, StoryListItemsAndPaging) {
  httplib::Client c = Client();
  httplib::Result r = c.Get("/api/stories");
  ASSERT_TRUE(r && r->status == 200);
  json j = Body(r);
  ASSERT_FALSE(j["stories"].empty());
  EXPECT_TRUE(j["next_cursor"].is_null());  // the demo fits one page of 20
  const json& s = j["stories"][0];
  for (const char* field : {"id", "title", "first", "last", "events", "articles",
                            "languages", "sources"}) {
    EXPECT_TRUE(s.contains(field)) << field;
  }
  std::vector<int64_t> one_page;
  for (const json& x : j["stories"]) one_page.push_back(x["id"]);
  // Pages of 1 and 2 give the same stories, each once, in the same order.
  EXPECT_EQ(AllStoryIds("", 1), one_page);
  EXPECT_EQ(AllStoryIds("", 2), one_page);
  // Newest activity first.
  for (size_t i = 1; i < j["stories"].size(); ++i) {
    const json& a = j["stories"][i - 1];
    const json& b = j["stories"][i];
    if (!a["last"].is_null() && !b["last"].is_null()) {
      EXPECT_GE(a["last"].get<std::string>(), b["last"].get<std::string>());
    }
  }
}

TEST_F(ServeTest, StoryListFilters) {
  httplib::Client c = Client();
  auto ids = [&](const std::string& query) {
    httplib::Result r = c.Get("/api/stories?" + query);
    EXPECT_TRUE(r && r->status == 200) << query << ": " << (r ? r->body : "");
    std::set<int64_t> out;
    if (r && r->status == 200) {
      const json page = Body(r);  // not in the for: it would dangle
      for (const json& s : page["stories"]) out.insert(s["id"].get<int64_t>());
    }
    return out;
  };
  const std::set<int64_t> all = ids("");
  const std::set<int64_t> tanker = ids("q=tanker");
  EXPECT_FALSE(tanker.empty());
  EXPECT_LT(tanker.size(), all.size());
  // Diacritics and case do not matter; an empty q is no filter.
  EXPECT_EQ(ids("q=TANKER"), tanker);
  EXPECT_EQ(ids("q="), all);
  EXPECT_TRUE(ids("q=zzzyzzyva").empty());
  const std::set<int64_t> danish = ids("lang=da");
  EXPECT_FALSE(danish.empty());
  EXPECT_LT(danish.size(), all.size());
  EXPECT_TRUE(ids("lang=xx").empty());
  // Dates: the demo runs from 4 February to 13 March 2025.
  EXPECT_EQ(ids("since=2025-01-01"), all);
  EXPECT_TRUE(ids("since=2026-01-01").empty());
  EXPECT_TRUE(ids("until=2025-01-01").empty());
  EXPECT_FALSE(ids("until=2025-02-05").empty());
  // Combined filters narrow.
  std::set<int64_t> both = ids("q=tanker&lang=da");
  for (int64_t id : both) EXPECT_TRUE(tanker.count(id) && danish.count(id));
  // Sources come from the stories' items.
  httplib::Result r = c.Get("/api/stories");
  std::string source;
  const json page = Body(r);
  for (const json& s : page["stories"]) {
    if (!s["sources"].empty()) source = s["sources"][0];
  }
  if (!source.empty()) {
    EXPECT_FALSE(ids("source=" + UrlEncode(source)).empty());
  }
  EXPECT_TRUE(ids("source=Nobody%20Daily").empty());
}

TEST_F(ServeTest, StoryListBadParametersAre400) {
  httplib::Client c = Client();
  for (const char* query :
       {"q=tanker%20AND%20(", "q=%22open", "q=tanker%20AND", "limit=0",
        "limit=101", "limit=ten", "cursor=garbage", "cursor=1.-5",
        "cursor=u.x", "since=yesterday", "until=2025-02-30", "lang=Danish",
        "lang=da&lang=en"}) {
    httplib::Result r = c.Get(std::string("/api/stories?") + query);
    ASSERT_TRUE(r) << query;
    EXPECT_EQ(r->status, 400) << query << ": " << r->body;
    EXPECT_EQ(ErrorCodeOf(r), "bad_request") << query;
    EXPECT_FALSE(Body(r)["error"]["message"].get<std::string>().empty());
  }
  // The server is fine afterwards.
  httplib::Result r = c.Get("/api/stories?q=tanker");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServeTest, StoryPageHasAnnotatedStoryAndReport) {
  httplib::Client c = Client();
  const int64_t id = (*posted_)["articles"][0]["story"];
  httplib::Result r = c.Get("/api/stories/" + std::to_string(id));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["story"]["id"], id);
  ASSERT_FALSE(j["story"]["events"].empty());
  const json& article = j["story"]["events"][0]["articles"][0];
  EXPECT_TRUE(article.contains("entities"));
  EXPECT_TRUE(article.contains("quotes"));
  EXPECT_EQ(j["report"]["story"], id);
  for (const char* field : {"headline", "summaries", "timeline", "coverage",
                            "entities", "articles"}) {
    EXPECT_TRUE(j["report"].contains(field)) << field;
  }
  EXPECT_EQ(c.Get("/api/stories/999999")->status, 404);
  EXPECT_EQ(ErrorCodeOf(c.Get("/api/stories/999999")), "not_found");
  for (const char* bad : {"/api/stories/abc", "/api/stories/0", "/api/stories/-3",
                          "/api/stories/99999999999999999999"}) {
    httplib::Result b = c.Get(bad);
    ASSERT_TRUE(b) << bad;
    EXPECT_EQ(b->status, 400) << bad;
  }
}

// The report of a story page is the report of the whole story, annotated
// together, although the server's writer annotated the posted articles a
// few at a time (its kept annotations serve the story's articles only).
TEST_F(ServeTest, StoryPageReportIsOfTheWholeStory) {
  httplib::Client c = Client();
  StoreOptions read_only;
  read_only.read_only = true;
  Result<std::unique_ptr<Store>> store = Store::Open(
      pg_ != nullptr ? pg_->uri() : (*dir_ / "serve.db").string(), read_only);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Annotator annotator;
  std::set<int64_t> stories;
  for (const json& a : (*posted_)["articles"]) stories.insert(a["story"].get<int64_t>());
  for (int64_t id : stories) {
    SCOPED_TRACE(id);
    Result<StoryRow> row = (*store)->GetStory(id);
    ASSERT_TRUE(row.ok()) << row.status().ToString();
    Result<ReportInput> in = ReportInputOf(**store, *row);
    ASSERT_TRUE(in.ok()) << in.status().ToString();
    // As the server writes it (invalid UTF-8 as U+FFFD).
    const json fresh = json::parse(ReportJson(BuildReport(std::move(*in), annotator))
                                       .dump(-1, ' ', false, json::error_handler_t::replace));
    const json page = Body(c.Get("/api/stories/" + std::to_string(id)))["report"];
    EXPECT_TRUE(page == fresh) << page.dump(1, ' ', false, json::error_handler_t::replace)
                               << "\n---\n" << fresh.dump(1, ' ', false, json::error_handler_t::replace);
  }
}

// The same for a story whose articles were posted, and so annotated, one
// at a time: the first one's "Macron" was keyed before the story named
// "Emmanuel Macron", and only a whole-story annotation joins the two. The
// report must be the whole story's, not one built from the kept ones.
TEST_F(ServeTest, StoryPageReportIsOfTheWholeStoryPostedPieceByPiece) {
  httplib::Client c = Client();
  auto wait_for = [&](const std::string& entity, int64_t story) {
    for (int i = 0; i < 1500; ++i) {  // 30 s, as WaitForAnnotations
      json j = Body(c.Get("/api/stories?limit=100&entity=" + UrlEncode(entity)));
      for (const json& s : j["stories"]) {
        if (s["id"] == story) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  };
  auto post = [&](const json& article) {
    httplib::Result r = c.Post("/api/articles", Auth(), article.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200);
    return r && r->status == 200 ? Body(r)["articles"][0] : json();
  };
  const json a = post(
      {{"id", "piece-a"}, {"title", "Macron opens the Bornholm ferry summit"},
       {"text", "On Monday, Macron opened the Bornholm ferry summit in Ronne. The "
                "island ferries must keep running through the winter storms, Macron "
                "said. Ferry operators from Denmark met in Ronne for the summit."},
       {"date", "2031-05-05T09:00:00Z"}, {"lang", "en"}, {"source", "Island Post"}});
  ASSERT_TRUE(a.contains("story"));
  const int64_t story = a["story"];
  ASSERT_TRUE(wait_for("@dk", story)) << "the first article was not annotated";
  const json b = post(
      {{"id", "piece-b"}, {"title", "Macron at the Bornholm ferry summit"},
       {"text", "French President Emmanuel Macron opened the Bornholm ferry summit in "
                "Ronne on Monday. Macron said the island ferries must keep running "
                "through the winter storms. Ferry operators from Sweden met in Ronne."},
       {"date", "2031-05-05T11:00:00Z"}, {"lang", "en"}, {"source", "Harbour News"}});
  ASSERT_EQ(b["story"], story) << "the two articles were not clustered together";
  // The story is these two (so Sweden, below, is named by the second one).
  size_t members = 0;
  const json counts =
      Body(c.Get("/api/stories/" + std::to_string(story) + "?articles=0&report=0"));
  for (const json& e : counts["story"]["events"]) {
    members += e["article_count"].get<size_t>();
  }
  ASSERT_EQ(members, 2u);
  ASSERT_TRUE(wait_for("@se", story)) << "the second article was not annotated";

  StoreOptions read_only;
  read_only.read_only = true;
  Result<std::unique_ptr<Store>> store = Store::Open(
      pg_ != nullptr ? pg_->uri() : (*dir_ / "serve.db").string(), read_only);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<StoryRow> row = (*store)->GetStory(story);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  Result<ReportInput> in = ReportInputOf(**store, *row);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  Annotator annotator;
  const json fresh = json::parse(ReportJson(BuildReport(std::move(*in), annotator))
                                     .dump(-1, ' ', false, json::error_handler_t::replace));
  const json page = Body(c.Get("/api/stories/" + std::to_string(story)))["report"];
  EXPECT_EQ(page["entities"], fresh["entities"]);
  EXPECT_EQ(page, fresh);
}

TEST_F(ServeTest, EventPage) {
  httplib::Client c = Client();
  const json& first = (*posted_)["articles"][0];
  const int64_t event = first["event"];
  httplib::Result r = c.Get("/api/events/" + std::to_string(event));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["id"], event);
  EXPECT_EQ(j["story"], first["story"]);
  bool found = false;
  for (const json& a : j["articles"]) {
    found |= a["id"] == first["id"];
    EXPECT_FALSE(a.contains("text"));
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(c.Get("/api/events/424242")->status, 404);
}

// A large story's page lists the first articles of each event and counts
// them all; the event's endpoint pages through the rest.
TEST_F(ServeTest, StoryAndEventPagesListARangeOfArticles) {
  httplib::Client c = Client();
  // An event of the demo corpus with two or more articles.
  int64_t story = 0;
  json full_event;
  for (const json& a : (*posted_)["articles"]) {
    json page = Body(c.Get("/api/stories/" + std::to_string(a["story"].get<int64_t>())));
    for (const json& e : page["story"]["events"]) {
      EXPECT_EQ(e["article_count"], e["articles"].size());
      if (story == 0 && e["articles"].size() >= 2) {
        story = a["story"];
        full_event = e;
      }
    }
  }
  ASSERT_NE(story, 0) << "the demo corpus has no event of two articles";
  const size_t count = full_event["articles"].size();
  const std::string event_path = "/api/events/" + std::to_string(full_event["id"].get<int64_t>());

  json page = Body(c.Get("/api/stories/" + std::to_string(story) + "?articles=1"));
  size_t listed_total = 0;
  for (const json& e : page["story"]["events"]) {
    EXPECT_LE(e["articles"].size(), 1u);
    listed_total += e["articles"].size();
    if (e["id"] == full_event["id"]) {
      EXPECT_EQ(e["article_count"], count);
      ASSERT_EQ(e["articles"].size(), 1u);
      EXPECT_EQ(e["articles"][0], full_event["articles"][0]);  // annotated
    }
  }
  EXPECT_GT(listed_total, 0u);
  // The report is of the whole story either way.
  EXPECT_EQ(page["report"], Body(c.Get("/api/stories/" + std::to_string(story)))["report"]);
  json none = Body(c.Get("/api/stories/" + std::to_string(story) + "?articles=0"));
  for (const json& e : none["story"]["events"]) EXPECT_TRUE(e["articles"].empty());
  EXPECT_EQ(none["report"], page["report"]);
  // Counts only, for polling: no articles, no report.
  json counts = Body(c.Get("/api/stories/" + std::to_string(story) + "?articles=0&report=0"));
  EXPECT_TRUE(counts["report"].is_null());
  ASSERT_EQ(counts["story"]["events"].size(), page["story"]["events"].size());
  for (size_t i = 0; i < counts["story"]["events"].size(); ++i) {
    EXPECT_EQ(counts["story"]["events"][i]["article_count"],
              page["story"]["events"][i]["article_count"]);
  }
  EXPECT_EQ(Body(c.Get("/api/stories/" + std::to_string(story) + "?report=1"))["report"],
            page["report"]);

  json all = Body(c.Get(event_path));
  EXPECT_EQ(all["article_count"], count);
  ASSERT_EQ(all["articles"].size(), count);
  json rest = Body(c.Get(event_path + "?offset=1&limit=" + std::to_string(count)));
  EXPECT_EQ(rest["article_count"], count);
  ASSERT_EQ(rest["articles"].size(), count - 1);
  EXPECT_EQ(rest["articles"][0], all["articles"][1]);
  EXPECT_EQ(Body(c.Get(event_path + "?limit=1"))["articles"].size(), 1u);
  EXPECT_TRUE(Body(c.Get(event_path + "?offset=" + std::to_string(count)))["articles"].empty());
  EXPECT_TRUE(Body(c.Get(event_path + "?offset=99999999"))["articles"].empty());
  EXPECT_EQ(Body(c.Get(event_path + "?offset=&limit="))["articles"].size(), count);

  for (const std::string& bad :
       {"/api/stories/" + std::to_string(story) + "?articles=-1",
        "/api/stories/" + std::to_string(story) + "?articles=many",
        "/api/stories/" + std::to_string(story) + "?articles=1&articles=2",
        "/api/stories/" + std::to_string(story) + "?report=no",
        event_path + "?offset=-2", event_path + "?limit=x",
        event_path + "?limit=99999999999999999999"}) {
    httplib::Result b = c.Get(bad);
    ASSERT_TRUE(b) << bad;
    EXPECT_EQ(b->status, 400) << bad;
    EXPECT_EQ(ErrorCodeOf(b), "bad_request") << bad << " " << b->body;
  }
}

TEST_F(ServeTest, ArticlePageWithTextAnnotationsAndStory) {
  httplib::Client c = Client();
  const json& first = (*posted_)["articles"][0];
  const std::string id = first["id"];
  httplib::Result r = c.Get("/api/articles/" + id);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["id"], id);
  EXPECT_EQ(j["story"], first["story"]);
  EXPECT_FALSE(j["text"].get<std::string>().empty());
  for (const char* field : {"copies", "outlets", "entities", "dates", "quotes"}) {
    EXPECT_TRUE(j.contains(field)) << field;
  }
  // Offsets are into the UTF-8 text.
  const std::string text = j["text"];
  for (const json& e : j["entities"]) {
    const size_t start = e["start"], end = e["end"];
    ASSERT_LE(end, text.size());
    EXPECT_EQ(text.substr(start, end - start), e["text"].get<std::string>());
  }
  httplib::Result missing = c.Get("/api/articles/0000000000000000");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(ErrorCodeOf(missing), "not_found");
  // The message says what is missing, not where the server keeps its files.
  EXPECT_NE(missing->body.find("0000000000000000"), std::string::npos) << missing->body;
  EXPECT_EQ(missing->body.find("serve.db"), std::string::npos) << missing->body;
  EXPECT_EQ(missing->body.find(dir_->string()), std::string::npos) << missing->body;
  EXPECT_EQ(c.Get("/api/articles/%2e%2e%2fetc%2fpasswd")->status, 404);
  // Its input id (the JSONL "id") finds it too, as `show` does.
  httplib::Result by_input = c.Get("/api/articles/demo-001");
  ASSERT_TRUE(by_input);
  ASSERT_EQ(by_input->status, 200) << by_input->body;
  EXPECT_EQ(Body(by_input)["title"], "Chemical tanker runs aground in fog off Frederikshavn");
}

TEST_F(ServeTest, EntityPageAndEntityFilter) {
  httplib::Client c = Client();
  // Spain ("@es") is named by several demo stories, in several languages.
  httplib::Result r = c.Get("/api/entities/%40es");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["key"], "@es");
  EXPECT_EQ(j["type"], "LOC");
  EXPECT_FALSE(j["name"].get<std::string>().empty());
  EXPECT_TRUE(j["forms"].is_object());
  ASSERT_FALSE(j["stories"].empty());
  httplib::Result filtered = c.Get("/api/stories?entity=%40es");
  ASSERT_TRUE(filtered && filtered->status == 200);
  EXPECT_EQ(Body(filtered)["stories"].size(), j["stories"].size());
  // Its name finds them as its key does (`stories --entity` takes both; the
  // API answered [] to a name).
  httplib::Result by_name =
      c.Get("/api/stories?entity=" + UrlEncode(j["name"].get<std::string>()));
  ASSERT_TRUE(by_name);
  ASSERT_EQ(by_name->status, 200) << by_name->body;
  EXPECT_EQ(Body(by_name)["stories"].size(), j["stories"].size());
  httplib::Result unknown = c.Get("/api/entities/nobody%20at%20all");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(ErrorCodeOf(unknown), "not_found");
}

TEST_F(ServeTest, PostJsonObjectArrayAndHtml) {
  httplib::Client c = Client();
  json one = {{"title", "Lighthouse keeper retires after 40 years"},
              {"text", "The last keeper of the Skagen lighthouse retired on Friday."},
              {"date", "2025-03-20"}, {"lang", "en"}, {"source", "Test Post"}};
  httplib::Result r = c.Post("/api/articles", Auth(), one.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["accepted"], 1);
  // An array with one bad element: the others are stored, the bad one named.
  json many = json::array({{{"title", "Ferry timetable changes"}, {"text", "New winter timetable."}},
                           {{"title", ""}, {"text", ""}},
                           42});
  r = c.Post("/api/articles", Auth(), many.dump(), "application/json; charset=utf-8");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["accepted"], 1);
  ASSERT_EQ(j["errors"].size(), 2u) << j.dump();
  EXPECT_EQ(j["errors"][0]["item"], "body[1]");
  EXPECT_EQ(j["errors"][1]["item"], "body[2]");
  // A web page, with its address.
  const std::string page =
      "<!doctype html><html lang=en><head><title>Harbour dredging starts</title>"
      "</head><body><article><h1>Harbour dredging starts</h1><p>Work to deepen "
      "the harbour entrance at Frederikshavn began on Monday and will last six "
      "weeks, the port said.</p><p>Ships will use the northern channel while "
      "the dredgers work, and pilots will guide the larger vessels in.</p>"
      "</article></body></html>";
  r = c.Post("/api/articles?url=https%3A%2F%2Fport.example%2Fdredging", Auth(), page,
             "text/html; charset=utf-8");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  j = Body(r);
  EXPECT_EQ(j["accepted"], 1) << j.dump();
  httplib::Result a = c.Get("/api/articles/" + j["articles"][0]["id"].get<std::string>());
  ASSERT_TRUE(a && a->status == 200);
  EXPECT_EQ(Body(a)["url"], "https://port.example/dredging");
  // The new article is searchable at once (the list cache is invalidated
  // by the commit).
  httplib::Result s = c.Get("/api/stories?q=dredging");
  ASSERT_TRUE(s && s->status == 200);
  EXPECT_EQ(Body(s)["stories"].size(), 1u);
}

TEST_F(ServeTest, PostBadBodies) {
  httplib::Client c = Client();
  struct Case {
    const char* body;
    const char* type;
    int status;
    const char* code;
  };
  const Case cases[] = {
      {"{\"title\": \"unterminated", "application/json", 400, "bad_request"},
      {"", "application/json", 400, "bad_request"},
      {"42", "application/json", 400, "bad_request"},
      // A number past a double's range is out_of_range, not a parse_error,
      // for nlohmann::json (found by fuzz_request; was a 500).
      {"[1e400, {\"title\": \"x\"}]", "application/json", 400, "bad_request"},
      {"\"just a string\"", "application/json", 400, "bad_request"},
      {"title,text\na,b\n", "text/csv", 415, "unsupported_media_type"},
      {"plain words", "text/plain", 415, "unsupported_media_type"},
  };
  for (const Case& k : cases) {
    httplib::Result r = c.Post("/api/articles", Auth(), k.body, k.type);
    ASSERT_TRUE(r) << k.body;
    EXPECT_EQ(r->status, k.status) << k.body << ": " << r->body;
    EXPECT_EQ(ErrorCodeOf(r), k.code) << k.body;
  }
  // JSONL with a malformed line: the good line is kept, the bad one named.
  httplib::Result r = c.Post(
      "/api/articles", Auth(),
      "{\"title\":\"Bridge reopens\",\"text\":\"The bridge reopened.\"}\n{oops\n\n",
      "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  EXPECT_EQ(j["accepted"].get<int>() + j["skipped"].get<int>(), 1);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["item"], "body:2");
  // Invalid UTF-8 inside a JSONL line is that line's error.
  r = c.Post("/api/articles", Auth(), "{\"title\":\"bad \xff byte\",\"text\":\"x\"}\n",
             "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(Body(r)["errors"].size(), 1u);
}

// An article object with an unknown field nested a hundred thousand
// levels deep is read (the field ignored), and the server stays up: the
// object used to be printed again whole, recursively, and overflowed the
// stack (found by feeding such a .json file to `ingest`).
TEST_F(ServeTest, DeeplyNestedJsonIsReadNotACrash) {
  httplib::Client c = Client();
  const size_t depth = 100000;
  const std::string body =
      "[{\"title\": \"Deep\", \"text\": \"A body.\", \"junk\": " +
      std::string(depth, '[') + std::string(depth, ']') + "}]";
  ASSERT_LT(body.size(), kTestMaxRequestBytes);
  httplib::Result r = c.Post("/api/articles", Auth(), body, "application/json");
  ASSERT_TRUE(r) << "no answer: " << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["errors"].size(), 0u) << r->body;
  EXPECT_EQ(Client().Get("/api/health")->status, 200);
}

TEST_F(ServeTest, HugeBodyIs413) {
  httplib::Client c = Client();
  std::string huge(kTestMaxRequestBytes + 1, ' ');
  httplib::Result r = c.Post("/api/articles", Auth(), huge, "application/json");
  ASSERT_TRUE(r) << "no answer: " << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCodeOf(r), "payload_too_large");
  // The server still answers.
  httplib::Client again = Client();
  EXPECT_EQ(again.Get("/api/health")->status, 200);
}

TEST_F(ServeTest, WritesNeedTheToken) {
  httplib::Client c = Client();
  const std::string body = "{\"title\":\"Token test\",\"text\":\"Never stored.\"}";
  httplib::Result r = c.Post("/api/articles", body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(ErrorCodeOf(r), "unauthorized");
  EXPECT_FALSE(r->get_header_value("WWW-Authenticate").empty());
  for (const std::string& token : {std::string("wrong"), std::string(kToken) + "x",
                                   std::string(kToken).substr(1), std::string()}) {
    r = c.Post("/api/articles", Auth(token), body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << token;
  }
  r = c.Post("/api/articles", {{"Authorization", "Basic czNjcmV0"}}, body,
             "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  // The scheme is case-insensitive (RFC 7235).
  r = c.Post("/api/articles", {{"Authorization", std::string("bearer ") + kToken}},
             body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(ServeTest, WrongMethodsAndUnknownPaths) {
  httplib::Client c = Client();
  httplib::Result r = c.Delete("/api/stories");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(ErrorCodeOf(r), "method_not_allowed");
  EXPECT_FALSE(r->get_header_value("Allow").empty());
  r = c.Get("/api/articles");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  r = c.Post("/api/stories", Auth(), "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  r = c.Get("/api/nothing/here");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorCodeOf(r), "not_found");
}

TEST_F(ServeTest, OpenApiDescribesEveryPath) {
  httplib::Client c = Client();
  httplib::Result r = c.Get("/api/openapi.json");
  ASSERT_TRUE(r && r->status == 200);
  json j = Body(r);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* path : {"/api/health", "/api/stories", "/api/stories/{id}",
                           "/api/events/{id}", "/api/articles/{id}",
                           "/api/entities/{key}", "/api/articles",
                           "/api/openapi.json", "/metrics"}) {
    EXPECT_TRUE(j["paths"].contains(path)) << path;
  }
}

TEST_F(ServeTest, MetricsInPrometheusFormat) {
  httplib::Client c = Client();
  ASSERT_EQ(c.Get("/api/stories/999999")->status, 404);
  ASSERT_EQ(c.Get("/api/health")->status, 200);
  ASSERT_EQ(c.Get("/api/stories?q=" + std::string(9000, 'a'))->status, 414);
  httplib::Result r = c.Get("/metrics");
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_THAT(r->get_header_value("Content-Type"), ::testing::StartsWith("text/plain"));
  const std::string& m = r->body;
  EXPECT_THAT(m, ::testing::HasSubstr("# TYPE newsloom_articles_ingested_total counter"));
  EXPECT_THAT(m, ::testing::ContainsRegex("newsloom_articles_ingested_total [1-9][0-9]*\n"));
  EXPECT_THAT(m, ::testing::HasSubstr("newsloom_ingest_seconds_bucket{le=\"+Inf\"}"));
  EXPECT_THAT(m, ::testing::HasSubstr("newsloom_ingest_seconds_count"));
  EXPECT_THAT(m, ::testing::HasSubstr("newsloom_http_request_seconds_bucket{le=\"0.001\"}"));
  EXPECT_THAT(m, ::testing::ContainsRegex("newsloom_stories [1-9]"));
  EXPECT_THAT(m, ::testing::HasSubstr("newsloom_errors_total{code=\"not_found\"}"));
  EXPECT_THAT(m, ::testing::HasSubstr(
                     "newsloom_http_requests_total{path=\"/api/stories/{id}\",status=\"404\"}"));
  EXPECT_THAT(m, ::testing::HasSubstr(
                     "newsloom_http_requests_total{path=\"/api/health\",status=\"200\"}"));
  EXPECT_THAT(m, ::testing::Not(::testing::HasSubstr("status=\"-1\"")));
  EXPECT_THAT(m, ::testing::HasSubstr(
                     "newsloom_http_requests_total{path=\"other\",status=\"414\"}"));
}

TEST_F(ServeTest, WebUiAtRoot) {
  httplib::Client c = Client();
  httplib::Result r = c.Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_THAT(r->get_header_value("Content-Type"), ::testing::StartsWith("text/html"));
  EXPECT_THAT(r->get_header_value("Content-Security-Policy"),
              ::testing::HasSubstr("script-src 'self'"));
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  // Asked again with its ETag, the page is a 304 without a body.
  const std::string etag = r->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  httplib::Result again = c.Get("/", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(c.Get("/", {{"If-None-Match", "\"other\""}})->status, 200);
  EXPECT_EQ(c.Get("/no-such-file.js")->status, 404);
  // The UI routes in the fragment (/#/story/3); a path is a file or a 404.
  for (const char* path : {"/story/3", "/metrics/", "/API/stories"}) {
    httplib::Result missing = c.Get(path);
    ASSERT_TRUE(missing) << path;
    EXPECT_EQ(missing->status, 404) << path;
    EXPECT_EQ(ErrorCodeOf(missing), "not_found") << path << ": " << missing->body;
  }
}

// DNS rebinding: a page of attacker.example whose name now points at
// 127.0.0.1 sends Host: attacker.example. A loopback server answers only
// loopback names.
TEST_F(ServeTest, ALoopbackServerAnswersOnlyLoopbackNames) {
  httplib::Client c = Client();
  for (const char* host : {"localhost", "127.0.0.1", "[::1]", "LOCALHOST", "127.1.2.3",
                           "localhost."}) {
    httplib::Result r = c.Get("/api/health", {{"Host", std::string(host) + ":8080"}});
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 200) << host << ": " << r->body;
  }
  for (const char* host : {"attacker.example:8080", "attacker.example", "127.0.0.1.evil.example",
                           "localhost.evil.example", "[::2]:80", "127.0.0.256"}) {
    httplib::Result r = c.Get("/api/stories", {{"Host", host}});
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 421) << host << ": " << r->body;
    EXPECT_EQ(ErrorCodeOf(r), "misdirected") << host;
    r = c.Post("/api/articles", {{"Host", host}, {"Authorization", std::string("Bearer ") + kToken}},
               R"({"title":"x","text":"a rebinding test text"})", "application/json");
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 421) << host << ": " << r->body;
  }
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost(""));
}

TEST_F(ServeTest, ConcurrentReadsWhileWriting) {
  std::atomic<int> failures = 0;
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", server_->port());
      for (int i = 0; i < 15; ++i) {
        httplib::Result r = c.Get(i % 2 ? "/api/stories?q=ferry" : "/api/stories?limit=3");
        if (!r || r->status != 200) ++failures;
      }
    });
  }
  httplib::Client w("127.0.0.1", server_->port());
  for (int i = 0; i < 10; ++i) {
    json a = {{"title", "Concurrent note " + std::to_string(i)},
              {"text", "A short note about the ferry, number " + std::to_string(i) + "."}};
    httplib::Result r = w.Post("/api/articles", Auth(), a.dump(), "application/json");
    if (!r || r->status != 200) ++failures;
  }
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(failures, 0);
}

// A Range header is ignored everywhere: JSON answers and errors are whole
// (httplib used to cut them to the range, with a 200, or answer 416 or
// multipart), and no answer advertises byte ranges.
TEST_F(ServeTest, RangeHeadersAreIgnored) {
  httplib::Client c = Client();
  struct Path {
    const char* path;
    int status;
  };
  const Path paths[] = {{"/api/health", 200},         {"/api/stories", 200},
                        {"/api/stories/999999", 404}, {"/api/openapi.json", 200},
                        {"/api/nothing", 404},        {"/", 200}};
  for (const Path& p : paths) {
    const httplib::Result whole = c.Get(p.path);
    ASSERT_TRUE(whole) << p.path;
    for (const char* range : {"bytes=0-9", "bytes=100000000-200000000", "bytes=0-1,5-6",
                              "bytes=abc", "items=0-1", "bytes=-5"}) {
      httplib::Result r = c.Get(p.path, {{"Range", range}});
      ASSERT_TRUE(r) << p.path << " " << range;
      EXPECT_EQ(r->status, p.status) << p.path << " " << range;
      EXPECT_FALSE(r->has_header("Content-Range")) << p.path << " " << range;
      EXPECT_EQ(r->get_header_value("Accept-Ranges"), "none") << p.path << " " << range;
      EXPECT_THAT(r->get_header_value("Content-Type"),
                  ::testing::Not(::testing::HasSubstr("multipart")));
      if (std::string(p.path) != "/") {
        EXPECT_FALSE(Body(r).is_discarded()) << p.path << " " << range << ": " << r->body;
      }
      if (std::string(p.path) != "/api/health") {  // health counts change
        EXPECT_EQ(r->body.size(), whole->body.size()) << p.path << " " << range;
      }
    }
  }
  httplib::Result head = c.Head("/api/health");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->get_header_value("Accept-Ranges"), "none");
}

// Docs: a parameter given twice is a 400, POST's `url` too; a path with
// segments past the id names nothing (404, not a 400 about the id).
TEST_F(ServeTest, UrlTwiceIs400AndExtraSegmentsAre404) {
  httplib::Client c = Client();
  httplib::Result r =
      c.Post("/api/articles?url=https%3A%2F%2Fa.example%2F1&url=https%3A%2F%2Fb.example%2F2",
             Auth(), "<html><title>Twice</title><p>Two addresses.</p></html>", "text/html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(ErrorCodeOf(r), "bad_request");
  EXPECT_THAT(Body(r)["error"]["message"].get<std::string>(), ::testing::HasSubstr("url"));
  const int64_t story = (*posted_)["articles"][0]["story"].get<int64_t>();
  for (const std::string& path :
       {"/api/stories/" + std::to_string(story) + "/extra", std::string("/api/stories/1/"),
        std::string("/api/events/1/x/y")}) {
    r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path << ": " << r->body;
    EXPECT_EQ(ErrorCodeOf(r), "not_found") << path;
  }
  r = c.Get("/api/stories/abc");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

// Servers of their own: other options, and shutdown.

TEST(ServeOptionsTest, WithoutTokenWritesAreForbiddenUnlessAnonymousAllowed) {
  const fs::path dir = MakeTempDir();
  for (bool anonymous : {false, true}) {
    ServeOptions o;
    o.db = (dir / "anon.db").string();
    o.port = 0;
    o.allow_anonymous_writes = anonymous;
    o.annotate = false;
    o.quiet = true;
    Result<std::unique_ptr<Server>> s = Server::Start(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    httplib::Client c("127.0.0.1", (*s)->port());
    httplib::Result r = c.Post("/api/articles", "{\"title\":\"Anon\",\"text\":\"Hi.\"}",
                               "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, anonymous ? 200 : 403) << r->body;
    if (!anonymous) {
      EXPECT_EQ(ErrorCodeOf(r), "forbidden");
    }
  }
  fs::remove_all(dir);
}

TEST(ServeOptionsTest, WebDirServesFilesAndNothingOutsideIt) {
  const fs::path dir = MakeTempDir();
  fs::create_directories(dir / "web" / "js");
  std::ofstream(dir / "web" / "index.html") << "<!doctype html><title>dev UI</title>";
  std::ofstream(dir / "web" / "js" / "app.js") << "console.log(1);";
  std::ofstream(dir / "secret.txt") << "not for the web";
  ServeOptions o;
  o.db = (dir / "web.db").string();
  o.port = 0;
  o.web_dir = (dir / "web").string();
  o.quiet = true;
  Result<std::unique_ptr<Server>> s = Server::Start(o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  httplib::Client c("127.0.0.1", (*s)->port());
  httplib::Result r = c.Get("/");
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_THAT(r->body, ::testing::HasSubstr("dev UI"));
  r = c.Get("/js/app.js");
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_THAT(r->get_header_value("Content-Type"), ::testing::StartsWith("text/javascript"));
  // The UI routes in the fragment: a path that names no file is a 404.
  for (const char* bad : {"/story/3", "/metrics/", "/API/stories", "/.git/config",
                          "/%2e%2e/secret.txt", "/js/%2e%2e/%2e%2e/secret.txt",
                          "/..%2fsecret.txt", "/js//app.js"}) {
    r = c.Get(bad);
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 404) << bad << ": " << r->body;
    EXPECT_THAT(r->body, ::testing::Not(::testing::HasSubstr("not for the web")));
  }
  // A folder that does not exist is refused at start.
  o.web_dir = (dir / "nope").string();
  EXPECT_EQ(Server::Start(o).status().code(), Status::Code::kInvalidArgument);
  s->reset();
  fs::remove_all(dir);
}

TEST(ServeOptionsTest, MemoryStoreAndBusyPortAreRefused) {
  ServeOptions o;
  o.db = ":memory:";
  o.port = 0;
  EXPECT_EQ(Server::Start(o).status().code(), Status::Code::kInvalidArgument);
  const fs::path dir = MakeTempDir();
  o.db = (dir / "a.db").string();
  o.quiet = true;
  Result<std::unique_ptr<Server>> first = Server::Start(o);
  ASSERT_TRUE(first.ok());
  o.port = (*first)->port();
  o.db = (dir / "b.db").string();
  Result<std::unique_ptr<Server>> second = Server::Start(o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kIoError);
  EXPECT_THAT(second.status().message(),
              ::testing::HasSubstr(":" + std::to_string(o.port)));
  first->reset();
  fs::remove_all(dir);
}

// Stop() commits every article the writer accepted, even those still
// queued when it was called.
TEST(ServeShutdownTest, StopCommitsEveryAcceptedArticle) {
  const fs::path dir = MakeTempDir();
  ServeOptions o;
  o.db = (dir / "stop.db").string();
  o.port = 0;
  o.quiet = true;
  Result<std::unique_ptr<Server>> s = Server::Start(o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::vector<std::future<IngestOutcome>> pending;
  for (int i = 0; i < 40; ++i) {
    Article a;
    a.title = "Queued article " + std::to_string(i);
    a.text = "Body " + std::to_string(i) + " of a queued article about tides.";
    a.lang = "en";
    pending.push_back((*s)->writer().Submit({a}));
  }
  (*s)->Stop();
  for (auto& f : pending) {
    IngestOutcome outcome = f.get();
    EXPECT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  }
  // Work offered after Stop is refused, not lost silently.
  Article late;
  late.title = "Too late";
  late.text = "x";
  EXPECT_FALSE((*s)->writer().Submit({late}).get().status.ok());
  s->reset();
  Result<std::unique_ptr<Store>> store = Store::Open(o.db);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->CountArticles(), 40);
  fs::remove_all(dir);
}

// Live ingest: files dropped into a watched folder, and a feed, reach the
// store through the running server's writer.

int64_t ArticlesNow(int port) {
  httplib::Client c("127.0.0.1", port);
  httplib::Result r = c.Get("/api/health");
  return r && r->status == 200 ? Body(r)["articles"].get<int64_t>() : -1;
}

bool WaitForArticles(int port, int64_t want) {
  for (int i = 0; i < 1500; ++i) {  // 30 s
    if (ArticlesNow(port) >= want) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TEST(ServeLiveIngestTest, WatchedFolderAndFeedAreIngested) {
  const fs::path dir = MakeTempDir();
  fs::create_directories(dir / "incoming" / ".hidden");
  // One file before the server starts, more after.
  std::ofstream(dir / "incoming" / "first.jsonl")
      << "{\"title\":\"Dock strike ends\",\"text\":\"Dock workers returned on Monday.\"}\n";
  std::ofstream(dir / "incoming" / ".hidden" / "skip.jsonl")
      << "{\"title\":\"Hidden\",\"text\":\"Never read.\"}\n";
  std::ofstream(dir / "incoming" / "notes.md") << "# not an input\n";
  std::ofstream(dir / "feed.xml")
      << "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test Wire</title>"
         "<item><guid>w-1</guid><title>Ferry service resumes</title>"
         "<description>The ferry service to the islands resumed on Tuesday after "
         "the storm.</description><pubDate>Tue, 11 Mar 2025 09:00:00 GMT</pubDate></item>"
         "</channel></rss>";
  std::ofstream(dir / "feeds.txt") << (dir / "feed.xml").string() << "\n";
  ServeOptions o;
  o.db = (dir / "live.db").string();
  o.port = 0;
  o.commit_interval = std::chrono::milliseconds(10);
  o.annotate = false;
  o.quiet = true;
  Result<std::unique_ptr<Server>> s = Server::Start(o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  LiveIngestOptions lo;
  lo.watch_dir = (dir / "incoming").string();
  lo.scan_every = std::chrono::milliseconds(20);
  lo.settle_time = std::chrono::milliseconds(40);
  lo.feeds_file = (dir / "feeds.txt").string();
  lo.watch.interval = "1h";
  lo.watch.quiet = true;
  Result<std::unique_ptr<LiveIngest>> live = LiveIngest::Start(o.db, (*s)->writer(), lo);
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  const int port = (*s)->port();
  EXPECT_TRUE(WaitForArticles(port, 2)) << ArticlesNow(port);  // first.jsonl + the feed item
  std::ofstream(dir / "incoming" / "second.txt")
      << "Harbour crane collapses\n\nA crane collapsed at the harbour on Friday.\n";
  EXPECT_TRUE(WaitForArticles(port, 3)) << ArticlesNow(port);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  (*live)->Stop();
  EXPECT_EQ(ArticlesNow(port), 3);  // nothing hidden, nothing twice
  httplib::Client c("127.0.0.1", port);
  httplib::Result r = c.Get("/api/stories?q=ferry");
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(Body(r)["stories"].size(), 1u);
  (*s)->Stop();
  // The feed's item is remembered: a poll after a restart takes nothing.
  Result<std::unique_ptr<Store>> store = Store::Open(o.db);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(*(*store)->FeedItemSeen((dir / "feed.xml").string(), "w-1"));
  store->reset();
  s->reset();
  fs::remove_all(dir);
}

TEST(ServeLiveIngestTest, BadFolderOrFeedsFileIsRefused) {
  const fs::path dir = MakeTempDir();
  ServeOptions o;
  o.db = (dir / "bad.db").string();
  o.port = 0;
  o.quiet = true;
  Result<std::unique_ptr<Server>> s = Server::Start(o);
  ASSERT_TRUE(s.ok());
  LiveIngestOptions lo;
  lo.watch_dir = (dir / "missing").string();
  EXPECT_EQ(LiveIngest::Start(o.db, (*s)->writer(), lo).status().code(),
            Status::Code::kInvalidArgument);
  lo.watch_dir.clear();
  lo.feeds_file = (dir / "no-feeds.txt").string();
  EXPECT_EQ(LiveIngest::Start(o.db, (*s)->writer(), lo).status().code(),
            Status::Code::kNotFound);
  s->reset();
  fs::remove_all(dir);
}

// The binary: SIGTERM stops it gracefully (exit 0), after the articles it
// accepted are committed.
TEST(ServeBinaryTest, SigtermCommitsAndExitsZero) {
  const fs::path dir = MakeTempDir();
  const std::string db = (dir / "bin.db").string();
  const std::string err = (dir / "stderr.txt").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> args = {NEWSLOOM_BINARY, "serve", "--db", db,
                                   "--listen", "127.0.0.1:0", "--allow-anonymous-writes"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, NEWSLOOM_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  int port = 0;
  for (int i = 0; i < 500 && port == 0; ++i) {
    const std::string text = ReadFile(err);
    const size_t at = text.find("http://127.0.0.1:");
    if (at != std::string::npos) port = std::atoi(text.c_str() + at + 17);
    if (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(port, 0) << ReadFile(err);
  httplib::Client c("127.0.0.1", port);
  std::string body;
  for (int i = 0; i < 30; ++i) {
    body += json{{"title", "Signal test " + std::to_string(i)},
                 {"text", "Article " + std::to_string(i) + " about the lock gates."}}
                .dump() + "\n";
  }
  httplib::Result r = c.Post("/api/articles", body, "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadFile(err);
  EXPECT_THAT(ReadFile(err), ::testing::HasSubstr("SIGTERM"));
  Result<std::unique_ptr<Store>> store = Store::Open(db);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->CountArticles(), 30);
  store->reset();

  // -q prints only errors, and the address when the system chose the port.
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  args.push_back("-q");
  argv.clear();
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ASSERT_EQ(posix_spawn(&pid, NEWSLOOM_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  for (int i = 0; i < 500 && ReadFile(err).find("http://") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadFile(err);
  const std::string quiet = ReadFile(err);
  EXPECT_THAT(quiet, ::testing::HasSubstr("serving"));
  EXPECT_THAT(quiet, ::testing::Not(::testing::HasSubstr("SIGTERM")));
  EXPECT_THAT(quiet, ::testing::Not(::testing::HasSubstr("stopped")));
  fs::remove_all(dir);
}

// Servers of their own for writing: a store each, annotation off.
class ServeWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("NEWSLOOM_DICT_DIR", "/nonexistent-newsloom-test-dicts", 1);
    dir_ = MakeTempDir();
  }
  void TearDown() override {
    server_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // The store is dir_/write.db, named by its absolute path or, with
  // `relative`, as "write.db" (the test has made dir_ the working folder).
  void Start(ServeOptions o = {}, bool relative = false) {
    o.db = relative ? "write.db" : (dir_ / "write.db").string();
    SetTestServerOptions(&o);
    o.annotate = false;
    Result<std::unique_ptr<Server>> s = Server::Start(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(*s);
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30);
    return c;
  }
  httplib::Result Post(const json& body) {
    return Client().Post("/api/articles", Auth(), body.dump(), "application/json");
  }
  // Another connection takes the store's write lock (BEGIN IMMEDIATE; the
  // caller ends it and closes *lock), and a POST then is a 503 (*r).
  void LockTheStoreAndPost(sqlite3** lock, httplib::Result* r) {
    ASSERT_EQ(sqlite3_open((dir_ / "write.db").c_str(), lock), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(*lock, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    *r = Post({{"title", "Blocked"}, {"text", "Posted while another process writes."}});
    ASSERT_TRUE(*r);
    EXPECT_EQ((*r)->status, 503);
  }
  // newsloom_answer_cache_total{result=`result`} from /metrics.
  int64_t CacheCount(const std::string& result) {
    httplib::Result r = Client().Get("/metrics");
    if (!r) return -1;
    const std::string label = "newsloom_answer_cache_total{result=\"" + result + "\"} ";
    const size_t at = r->body.find(label);
    return at == std::string::npos ? -1 : std::stoll(r->body.substr(at + label.size()));
  }
  fs::path dir_;
  std::unique_ptr<Server> server_;
};

// The same article twice in one body (or under another "id": the stored
// id comes from the content) is stored once: the first occurrence is
// accepted, the others report it present.
TEST_F(ServeWriteTest, AnArticleSentTwiceInOneBodyIsStoredOnce) {
  Start();
  const json twin = {{"title", "Twin Helsinki"}, {"text", "The Helsinki harbour froze."}};
  json renamed = twin;
  renamed["id"] = "another-input-id";
  const json other = {{"title", "Ferries resume in Turku"},
                      {"text", "Ferry traffic in Turku resumed after the storm."}};
  httplib::Result r = Post(json::array({twin, twin, other, renamed}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  EXPECT_EQ(j["accepted"], 2) << j.dump();
  EXPECT_EQ(j["skipped"], 2) << j.dump();
  const json& a = j["articles"];
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[0]["already_present"], false);
  EXPECT_EQ(a[1]["already_present"], true);
  EXPECT_EQ(a[2]["already_present"], false);
  EXPECT_EQ(a[3]["already_present"], true);
  for (int i : {1, 3}) {
    EXPECT_EQ(a[i]["id"], a[0]["id"]);
    EXPECT_EQ(a[i]["story"], a[0]["story"]);
    EXPECT_EQ(a[i]["event"], a[0]["event"]);
  }
  httplib::Result h = Client().Get("/api/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(Body(h)["articles"], 2);
  // Sent again: all present.
  r = Post(json::array({twin, twin}));
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(Body(r)["accepted"], 0);
  EXPECT_EQ(Body(r)["skipped"], 2);
}

// The id of an event or story that a second look merged into another
// (handed out by an earlier answer) is a 301 to where it went, the query
// kept; the body says where for a client that does not follow redirects.
TEST_F(ServeWriteTest, AMergedEventOrStoryIdLeadsWhereItWent) {
  Start();
  httplib::Result r = Post({{"title", "Ferries resume in Turku"},
                            {"text", "Ferry traffic in Turku resumed after the storm."}});
  ASSERT_TRUE(r && r->status == 200);
  const int64_t event = Body(r)["articles"][0]["event"];
  const int64_t story = Body(r)["articles"][0]["story"];
  {
    // What Engine::ApplyMerges records, written here by another
    // connection (the server's writer is idle between POSTs).
    Result<std::unique_ptr<Store>> other = Store::Open((dir_ / "write.db").string());
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    ASSERT_TRUE((*other)->PutMerged(Store::Merged::kEvent, 777, event).ok());
    ASSERT_TRUE((*other)->PutMerged(Store::Merged::kStory, 778, story).ok());
  }
  httplib::Client c = Client();
  httplib::Result moved = c.Get("/api/events/777?limit=1");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 301) << moved->body;
  EXPECT_EQ(moved->get_header_value("Location"),
            "/api/events/" + std::to_string(event) + "?limit=1");
  EXPECT_EQ(Body(moved)["error"]["code"], "moved");
  EXPECT_EQ(moved->get_header_value("Cache-Control"), "no-cache");
  moved = c.Get("/api/stories/778");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 301) << moved->body;
  EXPECT_EQ(moved->get_header_value("Location"), "/api/stories/" + std::to_string(story));
  EXPECT_EQ(c.Get("/api/events/779")->status, 404);
  c.set_follow_location(true);
  httplib::Result followed = c.Get("/api/events/777");
  ASSERT_TRUE(followed);
  ASSERT_EQ(followed->status, 200) << followed->body;
  EXPECT_EQ(Body(followed)["id"], event);
}

// An article dated in the future and more than a year after the store's
// stream is stored, and its entry says so with the day of the stream's
// newest article (`far_ahead_of`); the others' is null.
TEST_F(ServeWriteTest, AnArticleDatedFarAheadIsFlagged) {
  Start();
  json body = json::array();
  for (int d = 1; d <= 3; ++d) {
    body.push_back({{"title", "Rain in Oslo " + std::to_string(d)},
                    {"text", "It rained in Oslo again on the " + std::to_string(d) + "th."},
                    {"date", "2025-03-0" + std::to_string(d)}});
  }
  body.push_back({{"title", "Bridge opens in Ghent"},
                  {"text", "A cycle bridge over the Leie opened in Ghent on Monday."},
                  {"date", "2095-03-04"}});
  httplib::Result r = Post(body);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  EXPECT_EQ(j["accepted"], 4) << j.dump();
  ASSERT_EQ(j["articles"].size(), 4u);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(j["articles"][i]["far_ahead_of"].is_null()) << i;
  EXPECT_EQ(j["articles"][3]["far_ahead_of"], "2025-03-03") << j.dump();
}

// A story and its events are dated on the days their outlets dated their
// first and last articles, and since/until read those days: New York's
// 23:30 -05:00 of 14 February is 04:30 UTC on the 15th.
TEST_F(ServeWriteTest, StoriesAreDatedOnTheirOutletsDays) {
  Start();
  httplib::Result r = Post({{"title", "Ferry strike in Hoboken"},
                            {"text", "Ferry crews in Hoboken went on strike tonight."},
                            {"date", "2025-02-14T23:30:00-05:00"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const int64_t story = Body(r)["articles"][0]["story"];
  httplib::Client c = Client();
  auto listed = [&](const std::string& query) {
    httplib::Result page = c.Get("/api/stories?" + query);
    EXPECT_TRUE(page && page->status == 200) << query;
    return page && page->status == 200 ? Body(page)["stories"] : json::array();
  };
  const json all = listed("");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["first"], "2025-02-14");
  EXPECT_EQ(all[0]["last"], "2025-02-14");
  EXPECT_TRUE(listed("since=2025-02-15").empty());
  EXPECT_EQ(listed("until=2025-02-14").size(), 1u);
  httplib::Result page = c.Get("/api/stories/" + std::to_string(story));
  ASSERT_TRUE(page && page->status == 200);
  const json s = Body(page)["story"];
  EXPECT_EQ(s["last"], "2025-02-14") << s.dump();
  EXPECT_EQ(s["events"][0]["first"], "2025-02-14") << s.dump();
}

// ?explain=1: each entry says why its article went where it did, as
// `ingest --explain` does; without it there is no such field; a bad value
// is a 400. The clusters are the same.
TEST_F(ServeWriteTest, ExplainSaysWhyEachArticleWentWhereItDid) {
  Start();
  json body = json::array();
  body.push_back({{"title", "Bridge opens in Aarhus"},
                  {"text", "The new bridge in Aarhus opened on Friday."},
                  {"date", "2025-01-03"}});
  body.push_back({{"title", "Aarhus bridge opened"},
                  {"text", "Aarhus opened its new bridge on Friday."},
                  {"date", "2025-01-03"}});
  httplib::Result r = Client().Post("/api/articles?explain=1", Auth(), body.dump(),
                                    "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json j = Body(r);
  ASSERT_EQ(j["articles"].size(), 2u);
  const json& first = j["articles"][0]["explanation"];
  const json& second = j["articles"][1]["explanation"];
  EXPECT_EQ(first["new_event"], true) << j.dump();
  EXPECT_EQ(second["event"], j["articles"][1]["event"]);
  ASSERT_EQ(second["candidates"].size(), 1u) << j.dump();
  EXPECT_EQ(second["candidates"][0]["fate"], "scored");
  EXPECT_EQ(second["why"].get<std::string>().rfind("joined event ", 0), 0u) << second["why"];
  // Again: both already present, and said so.
  r = Client().Post("/api/articles?explain=true", Auth(), body.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  j = Body(r);
  EXPECT_EQ(j["articles"][0]["explanation"]["already_present"], true) << j.dump();
  // The keys in the order engine/explain.h gives them.
  EXPECT_EQ(r->body.find("\"explanation\":{\"input\":"), r->body.find("\"explanation\""))
      << r->body;
  // One article twice in one body: the second is the first's repeat.
  const json twice = json::array({body[0], body[0]});
  r = Client().Post("/api/articles?explain", Auth(), twice.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  j = Body(r);
  EXPECT_EQ(j["articles"][1]["explanation"]["why"],
            "already stored (before, or earlier in this input); nothing changed")
      << j.dump();
  r = Post(body);
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_FALSE(Body(r)["articles"][0].contains("explanation"));
  r = Client().Post("/api/articles?explain=maybe", Auth(), body.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_NE(r->body.find("explain"), std::string::npos) << r->body;
}

// Two different articles given one URL: the URL is one article, so the
// first (in date order) is stored and the other reported present, with
// `differs`; sent again, both are present, the second still differing.
TEST_F(ServeWriteTest, ASecondArticleAtOneUrlIsReportedNotStored) {
  Start();
  const json first = {{"title", "Ferry cancelled in Aero"},
                      {"text", "The ferry to Aeroskobing was cancelled by a storm."},
                      {"url", "https://news.example/live"},
                      {"date", "2025-03-02"}};
  json second = first;
  second["title"] = "Bridge opens in Ghent";
  second["text"] = "A cycle bridge over the Leie opened in Ghent on Monday.";
  second["date"] = "2025-03-01";  // earlier: stored, though sent second
  httplib::Result r = Post(json::array({first, second}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  EXPECT_EQ(j["accepted"], 1) << j.dump();
  EXPECT_EQ(j["skipped"], 1) << j.dump();
  ASSERT_EQ(j["articles"].size(), 2u);
  EXPECT_EQ(j["articles"][0]["id"], j["articles"][1]["id"]);
  EXPECT_EQ(j["articles"][0]["already_present"], true) << j.dump();
  EXPECT_EQ(j["articles"][0]["differs"], true) << j.dump();
  EXPECT_EQ(j["articles"][1]["already_present"], false);
  EXPECT_EQ(j["articles"][1]["differs"], false);
  r = Post(json::array({second, first}));
  ASSERT_TRUE(r && r->status == 200);
  const json again = Body(r);
  EXPECT_EQ(again["skipped"], 2) << again.dump();
  EXPECT_EQ(again["articles"][0]["differs"], false);
  EXPECT_EQ(again["articles"][1]["differs"], true);
  httplib::Result h = Client().Get("/api/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(Body(h)["articles"], 1);
}

// A form upload is refused as a type POST /api/articles does not read,
// before its body is read (httplib would parse it as form fields).
TEST_F(ServeWriteTest, AFormUploadIs415) {
  Start();
  httplib::MultipartFormDataItems items = {
      {"f", "{\"title\":\"Form\",\"text\":\"A form.\"}", "a.jsonl", "application/jsonl"}};
  httplib::Result r = Client().Post("/api/articles", Auth(), items);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415) << r->body;
  EXPECT_EQ(ErrorCodeOf(r), "unsupported_media_type");
  EXPECT_FALSE(r->has_header("EXCEPTION_WHAT"));
  httplib::Result h = Client().Get("/api/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(Body(h)["articles"], 0);
}

// Parameters no parser reads are not part of the answer cache's key: the
// same request with `junk` added is a cache hit; a parameter that changes
// the answer is not.
TEST_F(ServeWriteTest, UnknownParametersShareTheCachedAnswer) {
  ServeOptions o;
  o.cache_ttl = std::chrono::milliseconds(60000);
  Start(o);
  ASSERT_EQ(Post({{"title", "Cache test"}, {"text", "One article for the cache."}})->status, 200);
  httplib::Client c = Client();
  ASSERT_EQ(c.Get("/api/stories?lang=en")->status, 200);
  const int64_t hits = CacheCount("hit"), misses = CacheCount("miss");
  for (const char* path : {"/api/stories?lang=en&junk=1", "/api/stories?junk=2&lang=en",
                           "/api/stories?lang=en&junk=3&junk=4&_=5"}) {
    httplib::Result r = c.Get(path);
    ASSERT_TRUE(r && r->status == 200) << path;
  }
  EXPECT_EQ(CacheCount("hit"), hits + 3);
  EXPECT_EQ(CacheCount("miss"), misses);
  // Known parameters make other answers.
  ASSERT_EQ(c.Get("/api/stories?lang=en&limit=5")->status, 200);
  EXPECT_EQ(CacheCount("miss"), misses + 1);
  // A value holding "&" and "=" does not pass for two parameters.
  ASSERT_EQ(c.Get("/api/stories?lang=en%26limit%3D5")->status, 400);
  ASSERT_EQ(c.Get("/api/stories?lang=en&limit=5")->status, 200);
  EXPECT_EQ(CacheCount("hit"), hits + 4);
}

// docs/api.md: "an answer reflects every article whose POST was answered
// before the request arrived", with readers asking for the same list all
// the while (the cache used to give the answer from before the commit to
// requests that came while another was remaking it: 5 misses in 40).
TEST_F(ServeWriteTest, AnAnswerReflectsEveryAnsweredPost) {
  Start();
  std::atomic<bool> done = false;
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {  // with the two clients below: every worker
    readers.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      while (!done) c.Get("/api/stories");
    });
  }
  httplib::Client c = Client();
  int stale = 0;
  constexpr int kTrials = 60;
  for (int i = 0; i < kTrials; ++i) {
    char day[16];
    std::snprintf(day, sizeof day, "2031-%02d-%02d", 1 + i / 28, 1 + i % 28);
    const json a = {{"title", "Freshness trial " + std::to_string(i)},
                    {"text", "Trial " + std::to_string(i) + " of the freshness test."},
                    {"date", day}};
    httplib::Result r = Post(a);
    ASSERT_TRUE(r && r->status == 200);
    httplib::Result list = c.Get("/api/stories");
    ASSERT_TRUE(list && list->status == 200);
    const json stories = Body(list)["stories"];
    if (stories.empty() || stories[0]["last"] != day) ++stale;
  }
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(stale, 0) << "of " << kTrials;
}

// Another process holding the store's write lock past the busy timeout:
// the POST that waited is a 503 (without the store's path), /api/health
// says writes stopped, and once the lock is gone the writer reopens its
// engine from the store and stores again, with its clustering state the
// store's (a copy of an article stored before is found to be one).
TEST_F(ServeWriteTest, ALockedStoreDegradesHealthAndRecovers) {
  Start();
  const json first = {{"title", "Harbour ice breaks up in Oulu"},
                      {"text", "The ice in the harbour of Oulu broke up on Monday, weeks "
                               "earlier than usual, and the first ships came in."},
                      {"date", "2025-03-03"}};
  httplib::Result r = Post(first);
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  const json stored = Body(r)["articles"][0];

  sqlite3* lock = nullptr;
  ASSERT_NO_FATAL_FAILURE(LockTheStoreAndPost(&lock, &r));
  EXPECT_EQ(ErrorCodeOf(r), "unavailable");
  const std::string message = Body(r)["error"]["message"].get<std::string>();
  EXPECT_THAT(message, ::testing::HasSubstr("locked"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr(dir_.string())));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr("write.db")));
  httplib::Result h = Client().Get("/api/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(Body(h)["status"], "degraded") << h->body;
  EXPECT_THAT(Body(h)["reason"].get<std::string>(), ::testing::HasSubstr("locked"));
  EXPECT_THAT(h->body, ::testing::Not(::testing::HasSubstr(dir_.string())));
  EXPECT_EQ(Body(h)["articles"], 1);

  ASSERT_EQ(sqlite3_exec(lock, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(lock);
  // The writer tries again by itself when idle.
  std::string status;
  for (int i = 0; i < 300 && status != "ok"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    h = Client().Get("/api/health");
    if (h) status = Body(h)["status"].get<std::string>();
  }
  EXPECT_EQ(status, "ok") << (h ? h->body : "");
  json copy = first;
  copy["source"] = "Another outlet";
  copy["url"] = "https://other.example/oulu";
  r = Post(json::array({first, copy, {{"title", "Blocked"},
                                      {"text", "Posted while another process writes."}}}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json a = Body(r)["articles"];
  EXPECT_EQ(a[0]["already_present"], true);
  EXPECT_EQ(a[1]["already_present"], false);
  EXPECT_EQ(a[1]["duplicate_of"], stored["id"]) << a.dump();
  EXPECT_EQ(a[1]["story"], stored["story"]);
  EXPECT_EQ(a[2]["already_present"], false);
  h = Client().Get("/api/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(Body(h)["articles"], 3);
}

// Over HTTP an article's input is its file's name, not the server's
// folders; a URL stays whole.
TEST_F(ServeWriteTest, InputsAreFileNamesNotServerPaths) {
  {
    Result<std::unique_ptr<Store>> store = Store::Open((dir_ / "write.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Article a;
    a.id = "00000000000000a1";
    a.input = "/srv/newsloom/in/wire.jsonl:3";
    a.title = "Ferry strike in Kiel";
    a.text = "Ferry crews in Kiel went on strike on Monday.";
    a.lang = "en";
    ASSERT_TRUE((*store)->InsertArticle(a, 0).ok());
  }
  Start();
  httplib::Result r = Client().Get("/api/articles/00000000000000a1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["input"], "wire.jsonl:3");
  EXPECT_EQ(r->body.find("/srv/newsloom"), std::string::npos) << r->body;

  json j = {{"input", "/a/b.txt"},
            {"articles", json::array({{{"input", "https://site.example/x/y"}},
                                      {{"input", "c.jsonl:2"}},
                                      {{"input", 3}},
                                      {{"input", "file:///srv/in/d.html"}},
                                      {{"input", "in/e.jsonl:4"}},
                                      {{"input", "example.com/a/b"}}})}};
  InputsAsFileNames(&j);
  EXPECT_EQ(j["input"], "b.txt");
  EXPECT_EQ(j["articles"][0]["input"], "https://site.example/x/y");
  EXPECT_EQ(j["articles"][1]["input"], "c.jsonl:2");
  EXPECT_EQ(j["articles"][2]["input"], 3);
  EXPECT_EQ(j["articles"][3]["input"], "d.html");
  EXPECT_EQ(j["articles"][4]["input"], "e.jsonl:4");
  EXPECT_EQ(j["articles"][5]["input"], "example.com/a/b");
}

// A store named by a relative path: the 503 and /api/health name neither
// it nor the folder it is in (its absolute path was cut after the relative
// one had been, which left the folder).
TEST_F(ServeWriteTest, ARelativeStorePathIsNotShownEither) {
  const fs::path cwd = fs::current_path();
  fs::current_path(dir_);
  Start({}, /*relative=*/true);
  httplib::Result r = Client().Get("/api/health");
  sqlite3* lock = nullptr;
  ASSERT_NO_FATAL_FAILURE(LockTheStoreAndPost(&lock, &r));
  const std::string message = Body(r)["error"]["message"].get<std::string>();
  EXPECT_THAT(message, ::testing::HasSubstr("the store"));
  EXPECT_THAT(message, ::testing::Not(::testing::HasSubstr(dir_.string())));
  httplib::Result h = Client().Get("/api/health");
  ASSERT_TRUE(h);
  EXPECT_THAT(h->body, ::testing::Not(::testing::HasSubstr(dir_.string())));
  sqlite3_exec(lock, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(lock);
  server_.reset();
  fs::current_path(cwd);
}

// After a store failure the writer reopens the store when idle, letting go
// of its writer claim first. When another process takes the claim in
// between, the reopening fails and the writer has no engine: a POST then,
// explained or not, is a 503. (The first ?explain=1 set its flag on the
// missing engine and the server died.)
TEST_F(ServeWriteTest, APostWhileTheStoreCannotBeReopenedIsRefused) {
  Start();
  httplib::Result r = Post({{"title", "Harbour ice breaks up in Oulu"},
                            {"text", "The ice in the harbour of Oulu broke up on Monday."},
                            {"date", "2025-03-03"}});
  ASSERT_TRUE(r && r->status == 200);
  sqlite3* lock = nullptr;
  ASSERT_NO_FATAL_FAILURE(LockTheStoreAndPost(&lock, &r));
  // The claim is free only while the idle reopening runs: spin for it.
  const int claim = ::open((dir_ / "write.db-writer").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(claim, 0);
  bool held = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!held && std::chrono::steady_clock::now() < deadline) {
    held = ::flock(claim, LOCK_EX | LOCK_NB) == 0;
  }
  if (held) {
    r = Client().Post("/api/articles?explain=1", Auth(),
                      json{{"title", "Again"}, {"text", "Posted while reopening fails."}}.dump(),
                      "application/json");
    ASSERT_TRUE(r) << "the server went away";
    EXPECT_EQ(r->status, 503) << r->body;
    r = Post({{"title", "Once more"}, {"text", "Posted while reopening fails."}});
    ASSERT_TRUE(r) << "the server went away";
    EXPECT_EQ(r->status, 503) << r->body;
    httplib::Result h = Client().Get("/api/health");
    ASSERT_TRUE(h);
    EXPECT_NE(Body(h)["status"], "ok") << h->body;
    ::flock(claim, LOCK_UN);
  }
  ::close(claim);
  sqlite3_exec(lock, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(lock);
  if (!held) GTEST_SKIP() << "the writer's claim was never free for 10 s";
}

// The API's pieces without HTTP.

// The lists of parameters each parser reads (the answer cache's keys) are
// the ones it reads: each listed one given twice is refused, any other is
// ignored.
// A client on a raw socket, for requests httplib::Client will not send
// (slow, malformed, cut short).
class RawClient {
 public:
  // `receive_buffer`: SO_RCVBUF before connecting (0: the default), which
  // bounds how much of an answer the client takes without reading it; the
  // segments are then those of an Ethernet path, not loopback's 64 KB
  // (the kernel sizes the server's first send buffer by them).
  explicit RawClient(int port, int receive_buffer = 0) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) {
      setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
      const int segment = 1400;
      setsockopt(fd_, IPPROTO_TCP, TCP_MAXSEG, &segment, sizeof segment);
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { close(fd_); }
  bool connected() const { return connected_; }
  // False once the server has closed the connection (or reset it).
  bool Send(std::string_view bytes) {
    return send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // Everything the server sends until it closes the connection, or until
  // `seconds` pass (then timed_out(), until the next call).
  std::string ReadToClose(double seconds) {
    timed_out_ = false;
    std::string out;
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(static_cast<int>(seconds * 1000));
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now()).count();
      if (left <= 0) {
        timed_out_ = true;
        return out;
      }
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char buf[4096];
      const ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }
  bool timed_out() const { return timed_out_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool timed_out_ = false;
};

int CountOf(const std::string& text, std::string_view what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Limits small enough to watch: headers within 0.5-1 s, a body within 0.5 s
// plus 1 s per 500 bytes, no single wait over 2 s.
ServeOptions TightConnections() {
  ServeOptions o;
  o.threads = 1;
  o.connection.idle_seconds = 2;
  o.connection.header_seconds = 0.5;
  o.connection.header_max_seconds = 1;
  o.connection.body_seconds = 0.5;
  o.connection.stall_seconds = 2;
  o.connection.linger_seconds = 1;
  return o;
}

// A client that sends its headers a byte at a time (slowloris) is cut off
// when its headers' time is up, and the one worker goes back to others.
TEST_F(ServeWriteTest, SlowHeadersAreCutOffAndTheWorkerFreed) {
  ServeOptions o = TightConnections();
  Start(o);
  RawClient slow(server_->port());
  ASSERT_TRUE(slow.connected());
  ASSERT_TRUE(slow.Send("GET /api/health HTTP/1.1\r\n"));
  const auto start = std::chrono::steady_clock::now();
  bool cut = false;
  for (int i = 0; i < 100 && !cut; ++i) {  // a byte every 50 ms for 5 s
    cut = !slow.Send("X");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string answer = slow.ReadToClose(5);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(slow.timed_out()) << "the slow client was not cut off";
  EXPECT_LT(took, 5.5);
  EXPECT_THAT(answer, ::testing::AnyOf("", ::testing::HasSubstr("400")));
  // The worker answers others again.
  httplib::Result r = Client().Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

// A body that trickles in (a byte every 50 ms, where 500 a second are
// asked for) is given up when its time is out (0.5 s, plus 1 s per 500
// bytes received); nothing of it is stored.
TEST_F(ServeWriteTest, ATrickledBodyIsGivenUp) {
  Start(TightConnections());
  RawClient c(server_->port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send(std::string("POST /api/articles HTTP/1.1\r\nHost: localhost\r\n"
                                 "Authorization: Bearer ") + kToken +
                     "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                     "{\"title\":\"Trickled\","));
  const auto start = std::chrono::steady_clock::now();
  bool cut = false;
  for (int i = 0; i < 100 && !cut; ++i) {  // for 5 s
    cut = !c.Send(" ");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  c.ReadToClose(5);
  EXPECT_FALSE(c.timed_out()) << "the trickled upload still holds the connection";
  // Cut while it trickled, not after it stopped (a wait of 2 s).
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.5);
  httplib::Result r = Client().Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(Body(r)["articles"], 0);
}

TEST_F(ServeWriteTest, HeadersOverTheCapAre400) {
  Start(TightConnections());
  RawClient c(server_->port());
  ASSERT_TRUE(c.connected());
  std::string request = "GET /api/health HTTP/1.1\r\nHost: localhost\r\n";
  for (int i = 0; i < 10; ++i) request += "X-Pad" + std::to_string(i) + ": " + std::string(8000, 'a') + "\r\n";
  request += "\r\n";  // 80 KB of headers, each line under httplib's 8 KB
  c.Send(request);
  const std::string answer = c.ReadToClose(5);
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 400"));
  EXPECT_EQ(CountOf(answer, "HTTP/1.1"), 1);
}

// Content-Length twice with different values, or with Transfer-Encoding,
// is how a request is smuggled past a proxy that reads it another way.
TEST_F(ServeWriteTest, AmbiguousBodyLengthsAre400AndCloseTheConnection) {
  Start(TightConnections());
  const std::string head = std::string("POST /api/articles HTTP/1.1\r\nHost: localhost\r\n"
                                       "Authorization: Bearer ") + kToken +
                           "\r\nContent-Type: application/x-ndjson\r\n";
  const std::string line = "{\"title\":\"Smuggled\",\"text\":\"Never stored.\"}\n";
  for (const std::string& lengths :
       {"Content-Length: 5\r\nContent-Length: " + std::to_string(line.size()) + "\r\n",
        "Content-Length: " + std::to_string(line.size()) + "\r\nTransfer-Encoding: chunked\r\n",
        std::string("Content-Length: 1e3\r\n")}) {
    RawClient c(server_->port());
    ASSERT_TRUE(c.connected());
    c.Send(head + lengths + "\r\n" + line + "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const std::string answer = c.ReadToClose(5);
    EXPECT_FALSE(c.timed_out()) << lengths;
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 400")) << lengths;
    EXPECT_THAT(answer, ::testing::HasSubstr("Connection: close")) << lengths;
    // The pipelined request after it is not read as part of anything.
    EXPECT_EQ(CountOf(answer, "HTTP/1.1 "), 1) << answer;
  }
  EXPECT_EQ(Body(Client().Get("/api/health"))["articles"], 0);
}

// A write without the token and a body over the cap are refused from the
// headers alone: the client gets its answer without sending the body, and
// with Expect: 100-continue it is never asked to.
TEST_F(ServeWriteTest, RefusalsComeBeforeTheBody) {
  ServeOptions o = TightConnections();
  o.max_request_bytes = 1 << 20;
  Start(o);
  struct Case {
    std::string headers;
    std::string status;
  };
  const std::string big = "Content-Length: 10000000\r\n";
  const std::string auth = std::string("Authorization: Bearer ") + kToken + "\r\n";
  for (const Case& k : {Case{big, "401"}, Case{"Authorization: Bearer nope\r\n" + big, "401"},
                        Case{auth + big, "413"},
                        Case{auth + big + "Expect: 100-continue\r\n", "413"},
                        Case{big + "Expect: 100-continue\r\n", "401"}}) {
    RawClient c(server_->port());
    ASSERT_TRUE(c.connected());
    c.Send("POST /api/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
           k.headers + "\r\n");
    const std::string answer = c.ReadToClose(5);
    EXPECT_FALSE(c.timed_out()) << k.headers;
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 " + k.status)) << k.headers;
    EXPECT_THAT(answer, ::testing::Not(::testing::HasSubstr("100 Continue"))) << k.headers;
  }
  // What the pool's one worker was doing did not stop it.
  EXPECT_EQ(Client().Get("/api/health")->status, 200);
}

// Within the limits nothing changes: pipelined requests on one connection
// are answered in turn, a body sent at once is read whole.
TEST_F(ServeWriteTest, RequestsWithinTheLimitsAreAnswered) {
  Start(TightConnections());
  RawClient c(server_->port());
  ASSERT_TRUE(c.connected());
  const std::string line = "{\"title\":\"Kept\",\"text\":\"Stored once, answered whole.\"}\n";
  c.Send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
         "POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
         std::string(kToken) + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " +
         std::to_string(line.size()) + "\r\n\r\n" + line +
         "GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  const std::string answer = c.ReadToClose(10);
  EXPECT_EQ(CountOf(answer, "HTTP/1.1 200"), 3) << answer;
  EXPECT_THAT(answer, ::testing::HasSubstr("\"accepted\":1"));
  EXPECT_THAT(answer, ::testing::HasSubstr("\"articles\":1,"));
}

// Only POST /api/articles takes a body, and only as Content-Length or plain
// chunked, uncompressed, within the cap however framed: a body elsewhere
// would be left unread by httplib and parsed as the next request
// (smuggling), a chunked or unsized one had no cap, a gzip of 1 MB can
// inflate to gigabytes. Header lines must end in CR LF.
TEST_F(ServeWriteTest, BodiesAreFramedOneWayAndCapped) {
  ServeOptions o = TightConnections();
  o.max_request_bytes = 100000;
  Start(o);
  const std::string auth = std::string("Authorization: Bearer ") + kToken + "\r\n";
  const std::string hidden = "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n";
  std::string chunked_over;
  for (int i = 0; i < 20; ++i) chunked_over += "2710\r\n" + std::string(10000, ' ') + "\r\n";
  chunked_over += "0\r\n\r\n";
  struct Case {
    std::string request;
    std::string status;
  };
  const Case cases[] = {
      {"GET /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
           std::to_string(hidden.size()) + "\r\n\r\n" + hidden, "400"},
      {"HEAD /api/stories HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" +
           std::to_string(hidden.size()) + "\r\n" + hidden + "\r\n0\r\n\r\n", "400"},
      {"POST /api/stories HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
           std::to_string(hidden.size()) + "\r\n\r\n" + hidden, "405"},
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth +
           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
           chunked_over, "413"},
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth +
           "Content-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "501"},
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth +
           "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\n"
           "\x1f\x8b\x08\x00\x00", "415"},
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth +
           "Content-Type: application/json\r\n\r\n{}", "411"},
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth +
           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n" + hidden,
       "400"},
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth +
           "Content-Length: 2\r\nTransfer-Encoding: chunked\n\r\n{}", "400"},
      // Refused by httplib before routing: the body is left unread all the same.
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth + "Range: bytes=zz\r\n"
           "Content-Type: application/json\r\nContent-Length: " + std::to_string(hidden.size()) +
           "\r\n\r\n" + hidden, "416"},
      {"POST /api/articles?x=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: localhost\r\n" + auth +
           "Content-Type: application/json\r\nContent-Length: " + std::to_string(hidden.size()) +
           "\r\n\r\n" + hidden, "414"},
      // A proxy's absolute-form target is not taken for a path; a method
      // httplib does not know is not implemented, not malformed.
      {"GET http://x/api/health HTTP/1.1\r\nHost: localhost\r\n\r\n", "400"},
      {"TRACE /api/stories HTTP/1.1\r\nHost: localhost\r\n\r\n", "501"},
      // A request line over the header cap (64 KiB): httplib answered
      // nothing, closing the connection.
      {"GET /api/stories?q=" + std::string(70000, 'a') + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
       "414"},
      // ... also when the byte over it is the line's own line feed (65,537).
      {"GET /api/stories?q=" + std::string(65507, 'a') + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
       "414"},
      {"POST /api/articles HTTP/1.1\r\nHost: localhost\r\nX-Long: " + std::string(9000, 'a') +
           "\r\nContent-Length: " + std::to_string(hidden.size()) + "\r\n\r\n" + hidden, "400"},
      // Neither a length nor chunks: httplib would read until the client
      // closes, here taking the pipelined GET for the body.
      {"POST /api/stories HTTP/1.1\r\nHost: localhost\r\n\r\n" + hidden, "405"},
      {"PUT /api/stories HTTP/1.1\r\nHost: localhost\r\n\r\n" + hidden, "405"},
  };
  for (const Case& k : cases) {
    RawClient c(server_->port());
    ASSERT_TRUE(c.connected());
    c.Send(k.request);
    const std::string answer = c.ReadToClose(5);
    EXPECT_FALSE(c.timed_out()) << k.request.substr(0, 120);
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 " + k.status)) << k.request.substr(0, 120);
    EXPECT_EQ(CountOf(answer, "HTTP/1.1 "), 1) << "a hidden request was answered: " << answer;
    // Each status has its own code of docs/api.md, none "internal" below 500
    // (a HEAD's answer has no body to say it in).
    if (k.request.starts_with("HEAD ")) continue;
    const std::map<std::string, std::string> codes = {
        {"400", "bad_request"},       {"405", "method_not_allowed"},
        {"411", "length_required"},   {"413", "payload_too_large"},
        {"414", "uri_too_long"},      {"415", "unsupported_media_type"},
        {"416", "range_not_satisfiable"}, {"501", "not_implemented"}};
    ASSERT_TRUE(codes.count(k.status)) << k.status;
    EXPECT_THAT(answer, ::testing::HasSubstr("\"code\":\"" + codes.at(k.status) + "\""))
        << k.request.substr(0, 120);
    EXPECT_THAT(answer, ::testing::Not(::testing::HasSubstr("request refused"))) << answer.substr(0, 300);
  }
  // A chunked body within the cap is read and stored.
  RawClient ok(server_->port());
  const std::string line = "{\"title\":\"Chunked\",\"text\":\"Sent in two chunks.\"}";
  std::ostringstream chunks;
  chunks << std::hex << 10 << "\r\n" << line.substr(0, 10) << "\r\n" << line.size() - 10
         << "\r\n" << line.substr(10) << "\r\n0\r\n\r\n";
  ok.Send("POST /api/articles HTTP/1.1\r\nHost: localhost\r\n" + auth +
          "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
          "Connection: close\r\n\r\n" + chunks.str());
  EXPECT_THAT(ok.ReadToClose(5), ::testing::HasSubstr("\"accepted\":1"));
}

// A request line far over the header cap is answered 414 and the rest of
// it read and dropped before closing: closing with it unread reset the
// connection, and the client read a reset instead of the answer.
TEST_F(ServeWriteTest, LongRequestLineGets414BeforeTheConnectionCloses) {
  Start(TightConnections());
  for (int attempt = 0; attempt < 5; ++attempt) {
    RawClient c(server_->port());
    ASSERT_TRUE(c.connected());
    bool sent = false;
    std::thread sender([&] {
      sent = c.Send("GET /api/stories?q=" + std::string(32 << 20, 'a') + " HTTP/1.1\r\n\r\n");
    });
    const std::string answer = c.ReadToClose(5);
    sender.join();
    EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 414")) << "attempt " << attempt;
    // The server took all of it (closing early fails the send: a reset).
    EXPECT_TRUE(sent) << "attempt " << attempt;
  }
}

// A body that keeps the pace asked for is still cut off once the server
// stops, after stop_grace_seconds: Stop() has an upper bound.
TEST_F(ServeWriteTest, StopWaitsForABodyOnlyForItsGrace) {
  ServeOptions o = TightConnections();
  o.connection.stop_grace_seconds = 1;
  Start(o);
  RawClient c(server_->port());
  ASSERT_TRUE(c.connected());
  c.Send(std::string("POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ") +
         kToken + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n");
  std::atomic<bool> done{false};
  std::thread sender([&] {  // 2,000 bytes a second, four times the pace asked
    while (!done && c.Send(std::string(100, ' '))) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto start = std::chrono::steady_clock::now();
  server_->Stop();
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  done = true;
  sender.join();
  EXPECT_LT(took, 4.0);
}

// The interim "100 Continue" is not the answer: reading the body and
// handling it do not run on the answer's clock.
// A BoundedServer listening on a free port of 127.0.0.1 for the scope.
struct Listening {
  explicit Listening(BoundedServer& server)
      : http(server), port(server.bind_to_any_port("127.0.0.1")) {
    listener = std::thread([this] { http.listen_after_bind(); });
    while (!http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Listening() {
    http.stop();
    listener.join();
  }
  BoundedServer& http;
  const int port;
  std::thread listener;
};

// A GET on a new connection (Connection: close): the whole answer, and
// the seconds from connecting to its end.
std::pair<std::string, double> TimedGet(int port, const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  RawClient c(port);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(c.Send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
  std::string answer = c.ReadToClose(10);
  return {std::move(answer),
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

TEST(BoundedServerTest, ExpectContinueDoesNotStartTheAnswersClock) {
  ConnectionLimits limits;
  limits.write_seconds = 0.3;
  BoundedServer http(limits);
  http.Post("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    res.set_content("done", "text/plain");
  });
  Listening listening(http);
  const int port = listening.port;
  RawClient c(port);
  ASSERT_TRUE(c.connected());
  c.Send("POST /slow HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
         "Connection: close\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  c.Send("hello");
  const std::string answer = c.ReadToClose(5);
  EXPECT_THAT(answer, ::testing::HasSubstr("100 Continue"));
  EXPECT_THAT(answer, ::testing::HasSubstr("HTTP/1.1 200"));
  EXPECT_THAT(answer, ::testing::HasSubstr("done"));
}

// A kept-alive connection between requests gives its worker up once
// another connection waits for one, and only then.
TEST(BoundedServerTest, AnIdleKeptAliveConnectionYieldsItsWorker) {
  ConnectionLimits limits;
  limits.idle_seconds = 30;
  limits.idle_when_busy_seconds = 0.3;
  BoundedServer http(limits);
  http.SetWorkers(1);
  http.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  Listening listening(http);
  const int port = listening.port;
  const std::string get = "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n";
  RawClient kept(port);
  ASSERT_TRUE(kept.connected());
  for (int i = 0; i < 2; ++i) {  // alone, it keeps its worker past 0.3 s
    ASSERT_TRUE(kept.Send(get));
    EXPECT_THAT(kept.ReadToClose(0.6), ::testing::HasSubstr("HTTP/1.1 200"));
    EXPECT_TRUE(kept.timed_out()) << "closed while no one waited";
  }
  const auto start = std::chrono::steady_clock::now();
  RawClient other(port);
  ASSERT_TRUE(other.connected());
  ASSERT_TRUE(other.Send("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
  const std::string answer = other.ReadToClose(10);
  EXPECT_THAT(answer, ::testing::HasSubstr("HTTP/1.1 200"));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5)
      << "the second connection waited for the first's idle_seconds";
  kept.ReadToClose(5);
  EXPECT_FALSE(kept.timed_out()) << "the idle connection was not closed";
}

// A client that sends request after request on one connection takes turns
// with a waiting one once it has had its fair share of the only worker.
TEST(BoundedServerTest, BusyConnectionsTakeTurns) {
  ConnectionLimits limits;
  limits.fair_share_seconds = 0.3;
  BoundedServer http(limits);
  http.SetWorkers(1);
  http.set_keep_alive_max_count(100000);  // as serve sets it (httplib's is 5)
  http.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  Listening listening(http);
  const int port = listening.port;
  std::atomic<bool> stop{false};
  std::atomic<int> answers{0}, closes{0};
  std::thread busy([&] {
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    while (!stop) {
      httplib::Result r = client.Get("/hello");
      if (r && r->status == 200) ++answers;
      if (r && r->get_header_value("Connection") == "close") ++closes;
    }
  });
  while (answers < 10) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto [answer, waited] = TimedGet(port, "/hello");
  stop = true;
  busy.join();
  EXPECT_THAT(answer, ::testing::HasSubstr("HTTP/1.1 200"));
  EXPECT_LT(waited, 2) << "the busy connection kept the only worker";
  EXPECT_GE(closes.load(), 1);
}

// When the server ends a kept-alive connection after an answer, a request
// the client had already sent does not reset the connection: the answer
// arrives whole.
TEST(BoundedServerTest, ARequestSentAheadDoesNotCutTheLastAnswer) {
  BoundedServer http(ConnectionLimits{});
  http.SetWorkers(1);
  http.set_keep_alive_max_count(1);  // every answer ends its connection
  const std::string big(256 << 10, 'x');
  http.Get("/big", [&big](const httplib::Request&, httplib::Response& res) {
    res.set_content(big, "text/plain");
  });
  Listening listening(http);
  const int port = listening.port;
  for (int round = 0; round < 5; ++round) {
    RawClient c(port, /*receive_buffer=*/4096);
    ASSERT_TRUE(c.connected());
    // The second request is larger than what the server reads ahead.
    const std::string get = "GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const std::string padded =
        "GET /big HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + std::string(32 << 10, 'p') + "\r\n\r\n";
    ASSERT_TRUE(c.Send(get + padded));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string answer = c.ReadToClose(10);
    EXPECT_THAT(answer, ::testing::HasSubstr("Connection: close"));
    EXPECT_GT(answer.size(), big.size()) << "round " << round;
  }
}

// A client that does not read its answer holds no worker when the answer
// fits the connection's send buffer; the next client is answered at once.
TEST(BoundedServerTest, AnAnswerNotReadHoldsNoWorker) {
  for (int send_buffer : {1 << 20, 0}) {
    ConnectionLimits limits;
    limits.send_buffer_bytes = send_buffer;
    limits.write_seconds = 3;
    limits.stall_seconds = 3;
    BoundedServer http(limits);
    http.SetWorkers(1);
    // Under a stock kernel's cap on SO_SNDBUF (twice 208 KiB).
    const std::string big(256 << 10, 'x');
    http.Get("/big", [&big](const httplib::Request&, httplib::Response& res) {
      res.set_content(big, "text/plain");
    });
    Listening listening(http);
    const int port = listening.port;
    // A small receive buffer, never read: the answer stays on the server.
    RawClient idle(port, /*receive_buffer=*/4096);
    ASSERT_TRUE(idle.connected());
    ASSERT_TRUE(idle.Send("GET /big HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto [answer, waited] = TimedGet(port, "/big");
    EXPECT_THAT(answer, ::testing::HasSubstr("HTTP/1.1 200"));
    if (send_buffer > 0) {
      EXPECT_LT(waited, 1.5) << "the unread answer held the only worker";
      EXPECT_GT(answer.size(), big.size());
    } else {  // the kernel's default buffer: held until the deadline
      EXPECT_GT(waited, 2.5);
    }
  }
}

// Stop() does not wait for a client that is still sending its headers.
TEST_F(ServeWriteTest, StopDoesNotWaitForSlowHeaders) {
  ServeOptions o = TightConnections();
  o.connection.header_seconds = 30;
  o.connection.header_max_seconds = 60;
  Start(o);
  RawClient c(server_->port());
  ASSERT_TRUE(c.connected());
  c.Send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5);
}

TEST(ServeApiTest, ParameterListsAreWhatTheParsersRead) {
  std::set<std::string> names = {"junk", "id", "url", "_"};
  for (auto list : {std::span<const std::string_view>(kStoryListParams),
                    std::span<const std::string_view>(kStoryPageParams),
                    std::span<const std::string_view>(kEventParams)}) {
    for (std::string_view n : list) names.emplace(n);
  }
  auto check = [&](std::span<const std::string_view> listed, auto parse, const char* what) {
    for (const std::string& name : names) {
      const QueryParams twice = {{name, "1"}, {name, "1"}};
      const Status s = parse(twice);
      const bool is_listed = std::find(listed.begin(), listed.end(), name) != listed.end();
      if (is_listed) {
        EXPECT_THAT(s.message(), ::testing::HasSubstr("given twice")) << what << " " << name;
      } else {
        EXPECT_TRUE(s.ok()) << what << " " << name << ": " << s.ToString();
      }
    }
  };
  check(kStoryListParams, [](const QueryParams& p) { return ParseStoryListRequest(p).status(); },
        "stories");
  check(kStoryPageParams, [](const QueryParams& p) { return ParseStoryPageRequest(p).status(); },
        "story page");
  check(kEventParams, [](const QueryParams& p) { return ParseEventRequest(p).status(); },
        "event");
}

// The API's pieces without HTTP.

TEST(ServeApiTest, CursorRoundTrips) {
  StoryRow dated;
  dated.id = 7;
  dated.last_published = -86400;  // before 1970
  Result<StoryCursor> c = DecodeCursor(EncodeCursor(dated));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->id, 7);
  EXPECT_EQ(c->last_published, -86400);
  StoryRow undated;
  undated.id = 3;
  c = DecodeCursor(EncodeCursor(undated));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->id, 3);
  EXPECT_FALSE(c->last_published.has_value());
  for (const char* bad : {"", ".", "u.", ".5", "u.0", "1.2.x", "x.1", "1e3.4",
                          // well-formed numbers, but not as EncodeCursor writes them
                          "00.5", "1.05", "-0.1", "+1.5", "1.+5", "u.07", " 1.5"}) {
    EXPECT_FALSE(DecodeCursor(bad).ok()) << bad;
  }
}

TEST(ServeApiTest, QueryStringsKeepEveryParameterAndTheirWholeValues) {
  using P = std::vector<std::pair<std::string, std::string>>;
  auto parse = [](std::string_view target) {
    const QueryParams q = ParseQueryString(target);
    return P(q.begin(), q.end());
  };
  EXPECT_EQ(parse("/api/stories"), P{});
  EXPECT_EQ(parse("/api/stories?"), P{});
  EXPECT_EQ(parse("/api/stories?limit=3=9"), (P{{"limit", "3=9"}}));
  EXPECT_EQ(parse("/api/stories?lang=en&lang=en"), (P{{"lang", "en"}, {"lang", "en"}}));
  EXPECT_EQ(parse("/x?q=a+b%20c&&flag&source=A%26B%3DC"),
            (P{{"flag", ""}, {"q", "a b c"}, {"source", "A&B=C"}}));
  EXPECT_EQ(parse("/x?q=100%&r=%zz%4"), (P{{"q", "100%"}, {"r", "%zz%4"}}));
  EXPECT_EQ(parse("/x?q=K%C3%B6ln#frag"), (P{{"q", "K\xC3\xB6ln"}}));
  // What the parsers then make of them.
  EXPECT_FALSE(ParseStoryListRequest(ParseQueryString("/api/stories?limit=3=9")).ok());
  Result<StoryListRequest> twice =
      ParseStoryListRequest(ParseQueryString("/api/stories?lang=en&lang=en"));
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().message(), ::testing::HasSubstr("given twice"));
}

TEST(ServeApiTest, UntilIsInclusiveAndEmptyValuesAreNoFilter) {
  QueryParams p = {{"until", "2025-02-05"}, {"since", ""}, {"q", ""}, {"lang", ""}};
  Result<StoryListRequest> r = ParseStoryListRequest(p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r->filter.until, 1738713600 + 86400);  // 2025-02-06T00:00Z
  EXPECT_FALSE(r->filter.since.has_value());
  EXPECT_TRUE(r->filter.query.empty());
  EXPECT_EQ(r->limit, kDefaultPageSize);
}

// --allow-host: the name a reverse proxy passes on is answered too. Two
// Host headers are refused; an HTTP/1.0 request may have none.
TEST_F(ServeWriteTest, AnAllowedHostIsAnswered) {
  ServeOptions o;
  o.allow_hosts = {"News.Example.org"};
  Start(o);
  httplib::Client c = Client();
  httplib::Result r = c.Get("/api/health", {{"Host", "news.example.org:443"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  r = c.Get("/api/health", {{"Host", "other.example.org"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 421) << r->body;
  {
    RawClient raw(server_->port());
    raw.Send("GET /api/health HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n");
    EXPECT_THAT(raw.ReadToClose(5), ::testing::StartsWith("HTTP/1.1 400"));
  }
  {
    RawClient raw(server_->port());
    raw.Send("GET /api/health HTTP/1.0\r\n\r\n");
    EXPECT_THAT(raw.ReadToClose(5), ::testing::StartsWith("HTTP/1.1 200"));
  }
}

}  // namespace
}  // namespace newsloom
