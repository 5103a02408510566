#include "feed/fetcher.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "feed/test_server.h"

namespace newsloom {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr char kFeed[] = "<rss><channel><title>T</title></channel></rss>";

// Limits short enough for tests; no pacing unless a test asks for it.
FetchOptions TestOptions() {
  FetchOptions o;
  o.connect_timeout = milliseconds(1000);
  o.total_timeout = milliseconds(1000);
  o.per_host_delay = milliseconds(0);
  o.max_bytes = 64 << 10;
  return o;
}

class FetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.ok());
    httplib::Server& s = server_.server();
    s.Get("/feed.xml",
          [this](const httplib::Request& req, httplib::Response& res) {
            ++feed_requests_;
            user_agent_ = req.get_header_value("User-Agent");
            if (req.get_header_value("If-None-Match") == "\"v1\"" ||
                req.get_header_value("If-Modified-Since") == kLastModified) {
              res.status = 304;
              return;
            }
            res.set_header("ETag", "\"v1\"");
            res.set_header("Last-Modified", kLastModified);
            res.set_content(kFeed, "application/rss+xml; charset=utf-8");
          });
    s.Get("/error", [](const httplib::Request&, httplib::Response& res) {
      res.status = 500;
      res.set_content("oops", "text/plain");
    });
    s.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
    });
    s.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      for (int i = 0; i < 30 && !server_.stopping(); ++i) {
        std::this_thread::sleep_for(milliseconds(50));
      }
      res.set_content(kFeed, "application/rss+xml");
    });
    s.Get("/old", [this](const httplib::Request&, httplib::Response& res) {
      res.set_redirect(server_.Url("/feed.xml"), 301);
    });
    s.Get("/loop", [this](const httplib::Request&, httplib::Response& res) {
      res.set_redirect(server_.Url("/loop"), 302);
    });
    s.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(200 << 10, 'x'), "text/html");
    });
    s.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider(
          "text/html", [](size_t offset, httplib::DataSink& sink) {
            if (offset >= (1u << 20)) {
              sink.done();
              return true;
            }
            const std::string chunk(8192, 'y');
            return sink.write(chunk.data(), chunk.size());
          });
    });
    server_.Start();
  }

  static constexpr char kLastModified[] = "Tue, 05 Mar 2024 08:00:00 GMT";
  TestServer server_;  // declared before the fetchers of the tests
  std::atomic<int> feed_requests_ = 0;
  std::string user_agent_;
};

TEST_F(FetcherTest, OkReturnsBodyAndValidators) {
  Fetcher f(TestOptions());
  Result<FetchResult> r = f.Fetch(server_.Url("/feed.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->not_modified);
  EXPECT_EQ(r->http_status, 200);
  EXPECT_EQ(r->body, kFeed);
  EXPECT_EQ(r->content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(r->etag, "\"v1\"");
  EXPECT_EQ(r->last_modified, kLastModified);
  EXPECT_EQ(r->final_url, server_.Url("/feed.xml"));
  EXPECT_TRUE(user_agent_.starts_with("newsloom/")) << user_agent_;
}

TEST_F(FetcherTest, ConditionalGetGives304AsNotModified) {
  Fetcher f(TestOptions());
  Result<FetchResult> r = f.Fetch(server_.Url("/feed.xml"), {"\"v1\"", ""});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->not_modified);
  EXPECT_EQ(r->http_status, 304);
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(r->etag, "\"v1\"");
  // Last-Modified alone works too; a stale ETag gets the full body.
  r = f.Fetch(server_.Url("/feed.xml"), {"", kLastModified});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->not_modified);
  r = f.Fetch(server_.Url("/feed.xml"), {"\"v0\"", ""});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->not_modified);
  EXPECT_EQ(r->body, kFeed);
}

TEST_F(FetcherTest, ServerErrorNamesUrlAndStatus) {
  Fetcher f(TestOptions());
  for (const char* path : {"/error", "/missing"}) {
    Result<FetchResult> r = f.Fetch(server_.Url(path));
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(
        r.status().message(),
        server_.Url(path) + (path[1] == 'e' ? ": HTTP 500" : ": HTTP 404"));
  }
}

TEST_F(FetcherTest, TimeoutIsReportedQuickly) {
  FetchOptions o = TestOptions();
  o.total_timeout = milliseconds(300);
  Fetcher f(o);
  const auto start = steady_clock::now();
  Result<FetchResult> r = f.Fetch(server_.Url("/slow"));
  const auto elapsed = steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.status().message(),
      server_.Url("/slow") + ": timed out after 0.3 s (connect timeout 1.0 s)");
  EXPECT_LT(elapsed, milliseconds(1200));
}

TEST_F(FetcherTest, RedirectsAreFollowedUpToTheLimit) {
  FetchOptions o = TestOptions();
  o.max_redirects = 3;
  Fetcher f(o);
  Result<FetchResult> r = f.Fetch(server_.Url("/old"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, kFeed);
  EXPECT_EQ(r->final_url, server_.Url("/feed.xml"));
  r = f.Fetch(server_.Url("/loop"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            server_.Url("/loop") + ": more than 3 redirects");
}

TEST_F(FetcherTest, BodyOverTheCapIsAborted) {
  Fetcher f(TestOptions());
  for (const char* path : {"/big", "/big-chunked"}) {
    Result<FetchResult> r = f.Fetch(server_.Url(path));
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_EQ(
        r.status().message(),
        server_.Url(path) +
            ": response is over the cap of 65536 bytes; transfer aborted");
  }
  // The handle is still good afterwards.
  EXPECT_TRUE(f.Fetch(server_.Url("/feed.xml")).ok());
}

TEST_F(FetcherTest, RequestsToOneHostArePaced) {
  FetchOptions o = TestOptions();
  o.per_host_delay = milliseconds(300);
  Fetcher f(o);
  const auto start = steady_clock::now();
  ASSERT_TRUE(f.Fetch(server_.Url("/feed.xml")).ok());
  ASSERT_TRUE(f.Fetch(server_.Url("/feed.xml")).ok());
  ASSERT_TRUE(f.Fetch(server_.Url("/feed.xml")).ok());
  EXPECT_GE(steady_clock::now() - start, milliseconds(600));
  EXPECT_EQ(feed_requests_, 3);
}

// A port on 127.0.0.1 that was free a moment ago and nobody listens on.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

TEST(FetcherNoServerTest, RefusedConnectionIsAnError) {
  const int port = ClosedPort();
  ASSERT_GT(port, 0);
  Fetcher f(TestOptions());
  const std::string url =
      "http://127.0.0.1:" + std::to_string(port) + "/feed.xml";
  Result<FetchResult> r = f.Fetch(url);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().message().starts_with(url + ": cannot connect"))
      << r.status().message();
}

TEST(FetcherFileTest, PathsAndFileUrlsAreRead) {
  const std::filesystem::path p =
      std::filesystem::temp_directory_path() / "newsloom_fetcher_test.xml";
  std::ofstream(p) << kFeed;
  Fetcher f(TestOptions());
  for (const std::string& url : {p.string(), "file://" + p.string()}) {
    Result<FetchResult> r = f.Fetch(url);
    ASSERT_TRUE(r.ok()) << url << ": " << r.status().ToString();
    EXPECT_EQ(r->body, kFeed);
    EXPECT_EQ(r->http_status, 0);
  }
  FetchOptions small = TestOptions();
  small.max_bytes = 10;
  Result<FetchResult> r = Fetcher(small).Fetch(p.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("over the cap of 10 bytes"),
            std::string::npos);
  std::filesystem::remove(p);

  r = f.Fetch("/nonexistent/newsloom/feed.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(
      r.status().message().starts_with("/nonexistent/newsloom/feed.xml: "));
  r = f.Fetch("ftp://example.org/feed.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
}

// A FIFO would block the read forever (files have no timeout): anything
// but a regular file is refused at once, naming the path; a symlink to a
// regular file is read.
TEST(FetcherFileTest, OnlyRegularFilesAreRead) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("newsloom_fetcher_fifo_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(std::filesystem::create_directory(dir));
  const std::filesystem::path fifo = dir / "feed.xml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0) << std::strerror(errno);
  const std::filesystem::path link_to_fifo = dir / "fifo-link.xml";
  std::filesystem::create_symlink(fifo, link_to_fifo);
  const std::filesystem::path regular = dir / "regular.xml";
  std::ofstream(regular) << kFeed;
  const std::filesystem::path link = dir / "link.xml";
  std::filesystem::create_symlink(regular, link);

  Fetcher f(TestOptions());
  struct Case {
    std::string url;
    const char* kind;
  };
  const Case kCases[] = {
      {fifo.string(), "a FIFO"},
      {"file://" + fifo.string(), "a FIFO"},
      {link_to_fifo.string(), "a FIFO"},
      {dir.string(), "a directory"},
      {"/dev/null", "a character device"},
  };
  for (const Case& c : kCases) {
    const auto start = steady_clock::now();
    Result<FetchResult> r = f.Fetch(c.url);
    EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(1)) << c.url;
    ASSERT_FALSE(r.ok()) << c.url;
    EXPECT_EQ(r.status().code(), Status::Code::kIoError) << c.url;
    EXPECT_EQ(r.status().message(),
              c.url + ": not a regular file (" + c.kind + "); not read");
  }
  Result<FetchResult> r = f.Fetch(link.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, kFeed);
  std::filesystem::remove_all(dir);
}

TEST(FetcherUrlTest, IsHttpUrl) {
  EXPECT_TRUE(IsHttpUrl("http://a/"));
  EXPECT_TRUE(IsHttpUrl("HTTPS://a/"));
  EXPECT_FALSE(IsHttpUrl("file:///a"));
  EXPECT_FALSE(IsHttpUrl("/tmp/http://"));
  EXPECT_FALSE(IsHttpUrl(""));
}

}  // namespace
}  // namespace newsloom
