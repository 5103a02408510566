// `newsloom watch --once` end to end: the real binary polls fixture feeds
// (src/feed/testdata, written for the project) served from 127.0.0.1,
// fetches the items' pages and ingests them into a temporary store.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "base/time.h"
#include "feed/test_server.h"
#include "ingest/test_files.h"
#include "store/store.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;
const fs::path kTestdata = NEWSLOOM_FEED_TESTDATA;

struct RunResult {
  int code = -1;
  std::string err;
};

RunResult RunNewsloom(const std::string& args, const fs::path& dir) {
  const fs::path err_file = dir / "stderr.txt";
  const std::string cmd = std::string(NEWSLOOM_BINARY) + " " + args +
                          " >/dev/null 2>" + err_file.string();
  RunResult r;
  const int status = std::system(cmd.c_str());
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_file);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  return r;
}

std::string ReadFixture(const std::string& name, int port) {
  std::ifstream in(kTestdata / name, std::ios::binary);
  std::string s(std::istreambuf_iterator<char>(in), {});
  for (size_t at; (at = s.find("PORT")) != std::string::npos;) {
    s.replace(at, 4, std::to_string(port));
  }
  return s;
}

// Every article in the store, by title.
std::map<std::string, StoredArticle> StoredArticles(const fs::path& db) {
  std::map<std::string, StoredArticle> out;
  Result<std::unique_ptr<Store>> store = Store::Open(db.string());
  if (!store.ok()) return out;
  const int64_t n = *(*store)->CountArticles();
  for (int64_t seq = 1; seq <= n; ++seq) {
    Result<StoredArticle> a = (*store)->GetArticleBySeq(seq);
    if (a.ok()) out[a->article.title] = *a;
  }
  return out;
}

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.ok());
    dir_ = fs::temp_directory_path() /
           ("newsloom_watch_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const int port = server_.port();
    httplib::Server& s = server_.server();
    // RSS 2.0 with an ETag; a second version with one more item.
    s.Get("/gazette/rss.xml", [this, port](const httplib::Request& req,
                                           httplib::Response& res) {
      Record(req);
      const std::string etag = gazette_v2_ ? "\"g2\"" : "\"g1\"";
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      std::string feed = ReadFixture("rss2.xml", port);
      if (gazette_v2_) {
        feed.replace(feed.find("<item>"), 0,
                     "<item><title>Harbour fair announced</title>"
                     "<guid>gazette-1003</guid><description>The harbour fair "
                     "returns in May.</description></item>\n    ");
      }
      res.set_header("ETag", etag);
      res.set_content(feed, "application/rss+xml; charset=utf-8");
    });
    // Atom with Last-Modified only.
    s.Get("/courier/atom.xml", [this, port](const httplib::Request& req,
                                            httplib::Response& res) {
      Record(req);
      if (req.get_header_value("If-Modified-Since") == kLastModified) {
        res.status = 304;
        return;
      }
      res.set_header("Last-Modified", kLastModified);
      res.set_content(ReadFixture("atom.xml", port), "application/atom+xml");
    });
    s.Get("/down/rss.xml",
          [this](const httplib::Request& req, httplib::Response& res) {
            Record(req);
            res.status = 500;
            res.set_content("internal error", "text/plain");
          });
    // Answers after the client's --timeout.
    s.Get("/slow/rss.xml",
          [this](const httplib::Request& req, httplib::Response& res) {
            Record(req);
            for (int i = 0; i < 80 && !server_.stopping(); ++i) usleep(50'000);
            res.set_content("<rss/>", "application/rss+xml");
          });
    s.Get("/bad/feed.xml",
          [this](const httplib::Request& req, httplib::Response& res) {
            Record(req);
            res.set_content("<<<this is not a feed>>>", "application/rss+xml");
          });
    s.Get("/bugle/broken.xml", [this, port](const httplib::Request& req,
                                            httplib::Response& res) {
      Record(req);
      res.set_content(ReadFixture("broken.xml", port), "application/rss+xml");
    });
    for (const char* page : {"/gazette/ferry.html", "/courier/bridge.html",
                             "/courier/orchard.html"}) {
      const std::string file = fs::path(page).filename().string();
      s.Get(page, [this, file, port](const httplib::Request& req,
                                     httplib::Response& res) {
        Record(req);
        res.set_content(ReadFixture(file, port), "text/html; charset=utf-8");
      });
    }
    // An item with no text of its own, whose page fails until flaky_up_.
    s.Get("/flaky/rss.xml", [this, port](const httplib::Request& req,
                                         httplib::Response& res) {
      Record(req);
      res.set_header("ETag", "\"f1\"");
      if (req.get_header_value("If-None-Match") == "\"f1\"") {
        res.status = 304;
        return;
      }
      res.set_content("<rss version=\"2.0\"><channel><title>Flaky</title><item>"
                      "<title>Ferry service resumes after storm</title><guid>flaky-1</guid>"
                      "<link>http://127.0.0.1:" + std::to_string(port) +
                          "/flaky/ferry.html</link></item></channel></rss>",
                      "application/rss+xml");
    });
    s.Get("/flaky/ferry.html", [this, port](const httplib::Request& req,
                                            httplib::Response& res) {
      Record(req);
      if (!flaky_up_) {
        res.status = flaky_gone_ ? 404 : 500;
        res.set_content("down", "text/plain");
        return;
      }
      res.set_content(ReadFixture("ferry.html", port), "text/html; charset=utf-8");
    });
    // Ten items under one guid (the site's address), each its own story;
    // with shared_guid_repeat_, one more repeats the third's guid and link
    // with other text.
    s.Get("/shared/rss.xml", [this, port](const httplib::Request& req,
                                          httplib::Response& res) {
      Record(req);
      const std::string site = "http://127.0.0.1:" + std::to_string(port) + "/shared/";
      std::string feed = "<rss version=\"2.0\"><channel><title>Shared</title>";
      const char* kTopics[] = {"ferry", "bridge", "orchard", "library", "harbour",
                               "market", "school", "museum", "station", "park"};
      for (int i = 0; i < 10; ++i) {
        feed += std::string("<item><guid>") + site + "</guid><title>The " + kTopics[i] +
                " reopens</title><link>" + site + kTopics[i] + ".html</link><description>The " +
                kTopics[i] + " reopened on Monday after " + std::to_string(i + 2) +
                " weeks of work.</description></item>";
      }
      if (shared_guid_repeat_) {
        feed += "<item><guid>" + site + "</guid><title>Another orchard</title><link>" + site +
                "orchard.html</link><description>Not the orchard story.</description></item>";
      }
      res.set_content(feed + "</channel></rss>", "application/rss+xml");
    });
    // Links and a guid with line feeds and an ESC: printed, they forged
    // lines of watch's own.
    s.Get("/forged/rss.xml", [this](const httplib::Request& req, httplib::Response& res) {
      Record(req);
      res.set_content(
          "<rss version=\"2.0\"><channel><title>Forged</title>"
          "<item><title>Ferry service resumes</title><guid>f-1</guid><link>" +
              server_.Url("/forged/none.html") +
              "\nnewsloom: FAKE LINE one\x1b[2J</link><description>The ferry sailed on "
              "Tuesday.</description></item>"
              "<item><guid>f-2\nnewsloom: FAKE LINE two</guid><title>No text</title></item>"
              "</channel></rss>",
          "application/rss+xml");
    });
    // Anything else (library.html, bugle/one.html) is a 404: the item's
    // own text is used.
    server_.Start();

    std::ofstream(dir_ / "feeds.txt")
        << "# fixture feeds\n"
        << server_.Url("/gazette/rss.xml") << "\n"
        << server_.Url("/down/rss.xml") << "   # answers 500\n"
        << server_.Url("/courier/atom.xml") << "\n"
        << server_.Url("/bad/feed.xml") << "\n"
        << server_.Url("/slow/rss.xml") << "\n"
        << server_.Url("/bugle/broken.xml") << "\n";
  }

  void TearDown() override { fs::remove_all(dir_); }

  void Record(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(mu_);
    ++requests_[req.path];
    if (req.has_header("If-None-Match"))
      conditional_.insert(req.path + " etag");
    if (req.has_header("If-Modified-Since"))
      conditional_.insert(req.path + " date");
  }
  int Requests(const std::string& path) {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_[path];
  }

  RunResult Watch() {
    return RunNewsloom("watch --once --host-delay 0 --timeout 2 --feeds " +
                           (dir_ / "feeds.txt").string() + " --db " +
                           (dir_ / "news.db").string(),
                       dir_);
  }

  static constexpr char kLastModified[] = "Tue, 05 Mar 2024 09:00:00 GMT";
  TestServer server_;
  fs::path dir_;
  std::atomic<bool> gazette_v2_ = false;
  std::atomic<bool> flaky_up_ = false;
  std::atomic<bool> flaky_gone_ = false;  // 404 instead of 500
  std::atomic<bool> shared_guid_repeat_ = false;
  std::mutex mu_;
  std::map<std::string, int> requests_;
  std::set<std::string> conditional_;
};

TEST_F(WatchTest, IngestsNewItemsOnceAndSurvivesBadFeeds) {
  RunResult first = Watch();
  // Three feeds failed: done, but partial.
  EXPECT_EQ(first.code, 2) << first.err;
  const std::string down = server_.Url("/down/rss.xml");
  const std::string bad = server_.Url("/bad/feed.xml");
  EXPECT_NE(first.err.find("newsloom: feed " + down + ": HTTP 500; skipped\n"),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find("newsloom: feed " + bad +
                           ": broken XML, nothing could be recovered"),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find("newsloom: feed " + server_.Url("/slow/rss.xml") +
                           ": timed out after 2.0 s"),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find("feed " + server_.Url("/bugle/broken.xml") +
                           ": warning: malformed XML repaired"),
            std::string::npos)
      << first.err;

  std::map<std::string, StoredArticle> articles =
      StoredArticles(dir_ / "news.db");
  std::set<std::string> titles;
  for (const auto& [title, a] : articles) titles.insert(title);
  EXPECT_EQ(
      titles,
      (std::set<std::string>{
          "Ferry service resumes after storm", "Library extends opening hours",
          "New bridge opens to cyclists", "Orchard and farm open day",
          // A stray '&' is the character (xml_references.h).
          "First & only complete item"}));
  // From the page: its main text, without the navigation.
  const Article& ferry = articles["Ferry service resumes after storm"].article;
  EXPECT_TRUE(ferry.text.starts_with("The morning ferry between Harbour Town"))
      << ferry.text;
  EXPECT_EQ(ferry.url, server_.Url("/gazette/ferry.html"));
  EXPECT_EQ(ferry.source, "Harbour Town Gazette");
  // The page is missing: the feed's description is the text.
  const Article& library = articles["Library extends opening hours"].article;
  EXPECT_EQ(library.text, "The town library will open until nine on weekdays.");
  ASSERT_TRUE(library.published.has_value());
  EXPECT_EQ(FormatIsoTime(*library.published), "2024-03-04T17:00:00Z");
  EXPECT_EQ(articles["First & only complete item"].article.text,
            "Only this item survived the cut.");

  // A restart: every good feed is asked conditionally, answers 304, and
  // nothing is fetched or stored again. The failing feeds still fail.
  const int ferry_fetches = Requests("/gazette/ferry.html");
  RunResult second = Watch();
  EXPECT_EQ(second.code, 2) << second.err;
  EXPECT_TRUE(conditional_.count("/gazette/rss.xml etag")) << second.err;
  EXPECT_TRUE(conditional_.count("/courier/atom.xml date")) << second.err;
  EXPECT_NE(second.err.find("feed " + server_.Url("/gazette/rss.xml") +
                            ": not modified"),
            std::string::npos)
      << second.err;
  EXPECT_NE(second.err.find("0 articles added"), std::string::npos)
      << second.err;
  EXPECT_EQ(Requests("/gazette/ferry.html"), ferry_fetches);
  EXPECT_EQ(StoredArticles(dir_ / "news.db").size(), 5u);

  // The feed changes: only its new item is taken.
  gazette_v2_ = true;
  RunResult third = Watch();
  EXPECT_NE(third.err.find("1 new item, 1 article added"), std::string::npos)
      << third.err;
  EXPECT_EQ(Requests("/gazette/ferry.html"), ferry_fetches);
  articles = StoredArticles(dir_ / "news.db");
  EXPECT_EQ(articles.size(), 6u);
  EXPECT_EQ(articles["Harbour fair announced"].article.text,
            "The harbour fair returns in May.");
}

// An item whose page cannot be fetched and whose feed entry has no text is
// not marked seen, and its feed is asked again without validators: the
// next poll fetches the page again and stores it (it was lost for good).
TEST_F(WatchTest, AnItemWhosePageFailedIsTriedAgain) {
  std::ofstream(dir_ / "flaky.txt") << server_.Url("/flaky/rss.xml") << "\n";
  const std::string args = "watch --once --host-delay 0 --timeout 2 --feeds " +
                           (dir_ / "flaky.txt").string() + " --db " + (dir_ / "news.db").string();
  RunResult first = RunNewsloom(args, dir_);
  EXPECT_EQ(first.code, 2) << first.err;
  EXPECT_NE(first.err.find("(its page is fetched again at the next poll)"), std::string::npos)
      << first.err;
  EXPECT_EQ(StoredArticles(dir_ / "news.db").size(), 0u);
  RunResult second = RunNewsloom(args, dir_);  // still down
  EXPECT_EQ(second.code, 2) << second.err;
  EXPECT_EQ(Requests("/flaky/ferry.html"), 2);
  flaky_up_ = true;
  RunResult third = RunNewsloom(args, dir_);
  EXPECT_EQ(third.code, 0) << third.err;
  EXPECT_NE(third.err.find("1 new item, 1 article added"), std::string::npos) << third.err;
  EXPECT_EQ(StoredArticles(dir_ / "news.db").size(), 1u);
  RunResult fourth = RunNewsloom(args, dir_);  // seen, and the feed unchanged
  EXPECT_EQ(fourth.code, 0) << fourth.err;
  EXPECT_TRUE(conditional_.count("/flaky/rss.xml etag")) << fourth.err;
  EXPECT_EQ(Requests("/flaky/ferry.html"), 3);
}

// Ten items with one guid and ten links are ten items (1 was stored, "1
// new item of 10", exit 0, and the guid then hid every later item); a
// second poll takes none again. An item that repeats another's guid and
// link with other text is skipped, said on stderr, and the exit is 2.
TEST_F(WatchTest, ItemsSharingAGuidAreEachTaken) {
  const std::string feed = server_.Url("/shared/rss.xml");
  std::ofstream(dir_ / "shared.txt") << feed << "\n";
  const std::string args = "watch --once --host-delay 0 --timeout 2 --feeds " +
                           (dir_ / "shared.txt").string() + " --db " +
                           (dir_ / "shared.db").string();
  RunResult first = RunNewsloom(args, dir_);
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.err.find("feed " + feed + ": 10 new items of 10"), std::string::npos)
      << first.err;
  EXPECT_EQ(StoredArticles(dir_ / "shared.db").size(), 10u);
  RunResult second = RunNewsloom(args, dir_);
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.err.find("feed " + feed + ": 0 new items of 10"), std::string::npos)
      << second.err;
  shared_guid_repeat_ = true;
  RunResult third = RunNewsloom(args, dir_);
  EXPECT_EQ(third.code, 2) << third.err;
  EXPECT_NE(third.err.find("newsloom: item #11 (" + server_.Url("/shared/orchard.html") +
                           ") of feed " + feed +
                           ": the same guid and link as item #3 but other text; skipped"),
            std::string::npos)
      << third.err;
  EXPECT_EQ(StoredArticles(dir_ / "shared.db").size(), 10u);
}

// What watch prints of a feed is one line per message whatever its links
// and guids hold, and a link is stored without its line feed.
TEST_F(WatchTest, LinksAndGuidsCannotForgeLines) {
  std::ofstream(dir_ / "forged.txt") << server_.Url("/forged/rss.xml") << "\n";
  RunResult r = RunNewsloom("watch --once --host-delay 0 --timeout 2 --feeds " +
                                (dir_ / "forged.txt").string() + " --db " +
                                (dir_ / "forged.db").string(),
                            dir_);
  EXPECT_EQ(r.code, 2) << r.err;  // the item with no text
  EXPECT_EQ(r.err.find("\nnewsloom: FAKE"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("FAKE LINE two"), std::string::npos) << r.err;
  std::map<std::string, StoredArticle> articles = StoredArticles(dir_ / "forged.db");
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles.begin()->second.article.url,
            server_.Url("/forged/none.html") + "newsloom: FAKE LINE one[2J")
      << "stored as " << articles.begin()->second.article.url;
}

// A feed file kept gzipped is read as `ingest` reads it (watch refused it
// as binary data).
TEST_F(WatchTest, AGzippedFeedFileIsRead) {
  const fs::path gz = dir_ / "x.atom.gz";
  std::ofstream(gz, std::ios::binary) << testing::Gzip(ReadFixture("atom.xml", server_.port()));
  std::ofstream(dir_ / "gz.txt") << gz.string() << "\n";
  RunResult r = RunNewsloom("watch --once --host-delay 0 --timeout 2 --feeds " +
                                (dir_ / "gz.txt").string() + " --db " + (dir_ / "gz.db").string(),
                            dir_);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find("binary data"), std::string::npos) << r.err;
  EXPECT_GT(StoredArticles(dir_ / "gz.db").size(), 0u) << r.err;
}

// A page that is gone (404) will not come back: its item is given up
// (marked seen) at once, not fetched at every poll for ever.
TEST_F(WatchTest, AnItemWhosePageIsGoneIsGivenUp) {
  flaky_gone_ = true;
  std::ofstream(dir_ / "gone.txt") << server_.Url("/flaky/rss.xml") << "\n";
  const std::string args = "watch --once --host-delay 0 --timeout 2 --feeds " +
                           (dir_ / "gone.txt").string() + " --db " + (dir_ / "gone.db").string();
  RunResult first = RunNewsloom(args, dir_);
  EXPECT_EQ(first.code, 2) << first.err;
  EXPECT_EQ(first.err.find("fetched again"), std::string::npos) << first.err;
  RunResult second = RunNewsloom(args, dir_);
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(Requests("/flaky/ferry.html"), 1);
}

// A signal ends a transfer in progress: a server that answers slowly (4 s,
// under a 30 s timeout) does not hold the exit up.
TEST_F(WatchTest, ASignalDoesNotWaitForASlowServer) {
  const std::string feeds = (dir_ / "slow.txt").string();
  std::ofstream(feeds) << server_.Url("/slow/rss.xml") << "\n";
  const std::string db = (dir_ / "slow.db").string();
  const std::string err = (dir_ / "slow.err").string();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (!freopen(err.c_str(), "w", stderr)) _exit(99);
    execl(NEWSLOOM_BINARY, "newsloom", "watch", "--feeds", feeds.c_str(), "--db", db.c_str(),
          "--interval", "1m", "--host-delay", "0", "--timeout", "30", nullptr);
    _exit(98);
  }
  for (int i = 0; i < 200 && Requests("/slow/rss.xml") < 1; ++i) usleep(50'000);
  ASSERT_EQ(Requests("/slow/rss.xml"), 1);
  const auto start = std::chrono::steady_clock::now();
  kill(pid, SIGINT);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(waited, 2.5) << "the exit waited for the slow answer";
  ASSERT_TRUE(WIFEXITED(status));
  std::ifstream e(err);
  const std::string text(std::istreambuf_iterator<char>(e), {});
  EXPECT_NE(text.find("stopped by signal"), std::string::npos) << text;
}

// Without --once it polls every --interval until SIGTERM, then exits
// cleanly between two polls.
TEST_F(WatchTest, LoopsUntilSignalled) {
  const std::string feeds = (dir_ / "feeds.txt").string();
  const std::string db = (dir_ / "loop.db").string();
  const std::string err = (dir_ / "loop.err").string();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (!freopen(err.c_str(), "w", stderr)) _exit(99);
    execl(NEWSLOOM_BINARY, "newsloom", "watch", "--feeds", feeds.c_str(),
          "--db", db.c_str(), "--interval", "1s", "--host-delay", "0",
          "--timeout", "2", nullptr);
    _exit(98);
  }
  // Two polls at least: the second finds every good feed not modified.
  for (int i = 0; i < 300 && Requests("/courier/atom.xml") < 2; ++i) {
    usleep(50'000);
  }
  EXPECT_GE(Requests("/courier/atom.xml"), 2);
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);  // the failing feeds of the last poll
  std::ifstream e(err);
  const std::string text(std::istreambuf_iterator<char>(e), {});
  EXPECT_NE(text.find("newsloom: stopped by signal"), std::string::npos)
      << text;
  EXPECT_EQ(StoredArticles(db).size(), 5u);
}

TEST_F(WatchTest, UsageErrorsAreFatal) {
  std::ofstream(dir_ / "empty.txt") << "# nothing here\n";
  RunResult r =
      RunNewsloom("watch --once --feeds " + (dir_ / "empty.txt").string() +
                      " --db " + (dir_ / "x.db").string(),
                  dir_);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no feeds listed"), std::string::npos) << r.err;
  r = RunNewsloom(
      "watch --once --interval 5 --feeds " + (dir_ / "feeds.txt").string(),
      dir_);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("interval \"5\""), std::string::npos) << r.err;
  r = RunNewsloom("watch --once --feeds " + (dir_ / "missing.txt").string(),
                  dir_);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsloom
