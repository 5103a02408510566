// Test support, not linked into the binary: an HTTP server on 127.0.0.1
// (cpp-httplib) on a free port, for the fetcher and `newsloom watch` tests.
//
//   TestServer s;
//   s.server().Get("/feed.xml", [](const httplib::Request&, httplib::Response&
//   r) {
//     r.set_content("<rss/>", "application/rss+xml");
//   });
//   s.Start();
//   fetcher.Fetch(s.Url("/feed.xml"));
//
// Register every handler before Start(). The destructor stops the server
// and joins its thread; handlers that wait should poll stopping().
#ifndef NEWSLOOM_FEED_TEST_SERVER_H_
#define NEWSLOOM_FEED_TEST_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <string>
#include <string_view>
#include <thread>

namespace newsloom {

class TestServer {
 public:
  TestServer() {
    server_.set_keep_alive_timeout(1);
    port_ = server_.bind_to_any_port("127.0.0.1");
  }
  ~TestServer() {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  httplib::Server& server() { return server_; }

  // Starts serving. The socket is listening since construction, so a
  // request sent right after Start() waits in the backlog, never fails.
  void Start() {
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }

  int port() const { return port_; }
  bool ok() const { return port_ > 0; }
  bool stopping() const { return stopping_; }

  // "http://127.0.0.1:PORT" + path.
  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }

 private:
  httplib::Server server_;
  int port_ = -1;
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_FEED_TEST_SERVER_H_
