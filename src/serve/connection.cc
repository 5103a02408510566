#include "serve/connection.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <string>

namespace newsloom {
namespace {

using Clock = std::chrono::steady_clock;

Clock::duration Seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

void IpAndPort(const sockaddr_storage& addr, socklen_t len, std::string& ip, int& port) {
  char host[NI_MAXHOST];
  char serv[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, serv,
                  sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

// httplib::Stream over a connected socket, reading through a buffer (httplib
// reads request lines a byte at a time), with the deadlines of
// ConnectionLimits (connection.h).
class BoundedStream final : public httplib::Stream {
 public:
  enum class Phase { kIdle, kHeaders, kBody, kAnswer };

  BoundedStream(socket_t sock, const ConnectionLimits& limits,
                const std::atomic<socket_t>& listener, const std::function<bool()>& starved)
      : sock_(sock), limits_(limits), listener_(listener), starved_(starved) {}

  // Waits up to idle_seconds for the next request's first byte (false: none
  // came, the client closed, or the server stops), then starts its headers.
  bool NextRequest() {
    Enter(Phase::kIdle);
    if (buffered() == 0 && !Wait(POLLIN)) return false;
    Enter(Phase::kHeaders);
    return true;
  }
  void BodyFollows() {
    if (phase_ == Phase::kHeaders) Enter(Phase::kBody);
  }
  void CloseAfterAnswer() { close_after_answer_ = true; }
  bool close_after_answer() const { return close_after_answer_; }
  bool broken() const { return broken_; }
  // Reading stopped past the header cap after the 414 was sent: the rest
  // of the request is still coming.
  bool refused_unread() const { return refused_unread_; }

  bool is_readable() const override { return buffered() > 0 || Wait(POLLIN); }
  bool is_writable() const override { return Wait(POLLOUT); }

  ssize_t read(char* ptr, size_t size) override {
    if (size == 0) return 0;
    // A read after the interim "100 Continue" is the body's.
    if (phase_ == Phase::kAnswer) Enter(Phase::kBody);
    if (buffered() == 0) {
      // A large read goes straight to the caller; small ones (httplib's
      // line reader asks for one byte) through the buffer.
      if (size >= sizeof buffer_) return Count(Recv(ptr, size));
      const ssize_t n = Recv(buffer_, sizeof buffer_);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, buffered());
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    // Whether the request line had ended before these bytes (the one that
    // goes over the cap may be its own line feed).
    const bool line_read = request_line_read_;
    if (phase_ == Phase::kHeaders && !LinesEndInCrLf(ptr, n)) return Broken();
    return Count(static_cast<ssize_t>(n), line_read);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (phase_ != Phase::kAnswer) Enter(Phase::kAnswer);
    for (;;) {
      if (!Wait(POLLOUT)) return Broken();
      // Not blocking: httplib set a send timeout on the socket, which
      // would let one send outlast the deadline.
      const ssize_t n = send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0) {
        bytes_ += static_cast<size_t>(n);
        return n;
      }
      if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) return Broken();
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      IpAndPort(addr, len, ip, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      IpAndPort(addr, len, ip, port);
    }
  }
  socket_t socket() const override { return sock_; }

 private:
  size_t buffered() const { return end_ - begin_; }

  void Enter(Phase phase) {
    phase_ = phase;
    start_ = Clock::now();
    bytes_ = 0;
    last_header_byte_ = 0;
    request_line_read_ = false;
  }

  // Header lines end in CR LF. httplib drops a line that ends in a bare
  // LF, where a proxy in front may take it as a header: the two would then
  // read different requests (smuggling). Such headers are refused (400).
  bool LinesEndInCrLf(const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (p[i] == '\n' && last_header_byte_ != '\r') return false;
      if (p[i] == '\n') request_line_read_ = true;
      last_header_byte_ = p[i];
    }
    return true;
  }

  // A read or write failed (or ran out of time): httplib gives up on the
  // request, and the connection is closed after whatever it answers.
  ssize_t Broken() {
    broken_ = true;
    return -1;
  }

  ssize_t Recv(char* ptr, size_t size) {
    for (;;) {
      if (!Wait(POLLIN)) return Broken();
      const ssize_t n = recv(sock_, ptr, size, MSG_DONTWAIT);
      if (n >= 0) return n;
      if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) return Broken();
    }
  }

  // Counts bytes handed to httplib; past the headers' size cap, reading
  // fails. httplib then answers 400 to headers over it, but nothing to a
  // request line over it (it closes the connection): that one is answered
  // 414 here, as httplib answers a long one under the cap.
  ssize_t Count(ssize_t n) { return Count(n, request_line_read_); }
  ssize_t Count(ssize_t n, bool line_read) {
    if (n <= 0) return n;
    bytes_ += static_cast<size_t>(n);
    if (phase_ == Phase::kHeaders && bytes_ > limits_.max_header_bytes) {
      if (!line_read) {
        static constexpr std::string_view kBody =
            R"({"error":{"code":"uri_too_long","message":"the request target (path and query) is too long"}})";
        const std::string answer =
            "HTTP/1.1 414 URI Too Long\r\nContent-Type: application/json; charset=utf-8\r\n"
            "Connection: close\r\nContent-Length: " + std::to_string(kBody.size()) +
            "\r\n\r\n" + std::string(kBody);
        refused_unread_ =
            send(sock_, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT) > 0;
      }
      return Broken();
    }
    return n;
  }

  // When the current phase's time is up.
  Clock::time_point Deadline() const {
    const double credit = static_cast<double>(bytes_) / limits_.min_bytes_per_second;
    switch (phase_) {
      case Phase::kIdle:
        return start_ + Seconds(starved_() ? std::min(limits_.idle_seconds,
                                                      limits_.idle_when_busy_seconds)
                                           : limits_.idle_seconds);
      case Phase::kHeaders:
        return start_ + Seconds(std::min(limits_.header_seconds + credit,
                                         limits_.header_max_seconds));
      case Phase::kBody:
        return start_ + Seconds(limits_.body_seconds + credit);
      case Phase::kAnswer:
        return start_ + Seconds(limits_.write_seconds + credit);
    }
    return start_;
  }

  // Bytes sent but not yet acknowledged by the client; -1 when unknown.
  int Unsent() const {
    int queued = 0;
    return ioctl(sock_, SIOCOUTQ, &queued) == 0 ? queued : -1;
  }

  // Waits until the socket is ready for `events` (or reports an error or
  // its end, which the read or write then sees). False when the phase's
  // deadline passes first, or nothing moves for stall_seconds (for a
  // write, the client taking bytes counts: Linux reports a socket writable
  // only once half its send queue is gone, which a slow reader of a large
  // answer takes long to free), or the server stops: at once while
  // waiting for a request or its headers, after stop_grace_seconds while
  // reading a body or writing an answer.
  bool Wait(short events) const {
    Clock::time_point stall_until = Clock::now() + Seconds(limits_.stall_seconds);
    int unsent = (events & POLLOUT) ? Unsent() : -1;
    const bool stoppable = phase_ == Phase::kIdle || phase_ == Phase::kHeaders;
    for (;;) {
      const Clock::time_point now = Clock::now();
      Clock::time_point until = std::min(Deadline(), stall_until);
      if (listener_.load() == INVALID_SOCKET) {
        if (stoppable) return false;
        if (stop_seen_ == Clock::time_point()) stop_seen_ = now;
        until = std::min(until, stop_seen_ + Seconds(limits_.stop_grace_seconds));
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
      if (left.count() <= 0) return false;
      // Short slices: the server's stop and a client's progress are looked
      // at between them.
      const int slice = static_cast<int>(std::min<int64_t>(left.count(), 50));
      pollfd p{sock_, events, 0};
      const int r = poll(&p, 1, slice);
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
      if (unsent >= 0) {
        const int now_unsent = Unsent();
        if (now_unsent >= 0 && now_unsent < unsent) {
          stall_until = Clock::now() + Seconds(limits_.stall_seconds);
        }
        unsent = now_unsent;
      }
    }
  }

  const socket_t sock_;
  const ConnectionLimits& limits_;
  const std::atomic<socket_t>& listener_;
  const std::function<bool()>& starved_;  // BoundedServer::Load::Starved
  Phase phase_ = Phase::kIdle;
  Clock::time_point start_ = Clock::now();
  size_t bytes_ = 0;  // read or written in this phase
  bool close_after_answer_ = false;
  bool broken_ = false;
  bool refused_unread_ = false;
  char last_header_byte_ = 0;
  bool request_line_read_ = false;  // in kHeaders: its first line has ended
  mutable Clock::time_point stop_seen_;  // when Wait first saw the server stop
  char buffer_[4096];
  size_t begin_ = 0;
  size_t end_ = 0;
};

thread_local BoundedStream* current_stream = nullptr;

// Reads and drops what the client still sends, until it closes or
// `seconds` pass, so that closing does not reset the connection (which
// can discard the answer before the client reads it).
void Linger(socket_t sock, double seconds) {
  shutdown(sock, SHUT_WR);
  const Clock::time_point until = Clock::now() + Seconds(seconds);
  char sink[16384];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return;
    // Once the client has sent nothing for kQuietMs, closing resets
    // nothing: a client still reading its answer slowly keeps no worker.
    constexpr int64_t kQuietMs = 200;
    pollfd p{sock, POLLIN, 0};
    const int r = poll(&p, 1, static_cast<int>(std::min<int64_t>(left, kQuietMs)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return;
    const ssize_t n = recv(sock, sink, sizeof sink, 0);
    if (n == 0 || (n < 0 && errno != EINTR)) return;
  }
}

}  // namespace

void BoundedServer::BodyFollows() {
  if (current_stream != nullptr) current_stream->BodyFollows();
}

void BoundedServer::CloseAfterAnswer(const httplib::Request& req) {
  // httplib writes "Connection: close" when the request asked for it. The
  // Request is httplib's own non-const object, handed to handlers as const.
  auto& headers = const_cast<httplib::Request&>(req).headers;
  headers.erase("Connection");
  headers.emplace("Connection", "close");
  if (current_stream != nullptr) current_stream->CloseAfterAnswer();
}

namespace {

// httplib's pool, counting the connections queued for a worker and the
// workers serving one.
class CountingPool final : public httplib::TaskQueue {
 public:
  CountingPool(size_t n, std::atomic<int>& queued, std::atomic<int>& busy)
      : pool_(n), queued_(queued), busy_(busy) {}
  void enqueue(std::function<void()> fn) override {
    queued_.fetch_add(1, std::memory_order_relaxed);
    pool_.enqueue([this, fn = std::move(fn)] {
      // In this order, a moment's miscount says "not starved".
      queued_.fetch_sub(1, std::memory_order_relaxed);
      busy_.fetch_add(1, std::memory_order_relaxed);
      struct Done {
        std::atomic<int>& busy;
        ~Done() { busy.fetch_sub(1, std::memory_order_relaxed); }
      } done{busy_};
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<int>& queued_;
  std::atomic<int>& busy_;
};

}  // namespace

void BoundedServer::SetWorkers(size_t n) {
  n = std::clamp<size_t>(n, 1, 1 << 20);
  load_.workers = static_cast<int>(n);
  new_task_queue = [this, n] { return new CountingPool(n, load_.queued, load_.busy); };
}

bool BoundedServer::process_and_close_socket(socket_t sock) {
  if (limits_.send_buffer_bytes > 0) {
    setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &limits_.send_buffer_bytes,
               sizeof limits_.send_buffer_bytes);
  }
  // What the kernel holds for a client that takes none of it is freed
  // after stall_seconds, also once the worker has closed the connection.
  const unsigned user_timeout_ms = static_cast<unsigned>(limits_.stall_seconds * 1000);
  setsockopt(sock, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout_ms, sizeof user_timeout_ms);
  const std::function<bool()> starved = [this] { return load_.Starved(); };
  BoundedStream stream(sock, limits_, svr_sock_, starved);
  current_stream = &stream;
  bool ok = false;
  bool ended_here = false;  // the server ended a kept-alive connection after an answer
  const Clock::time_point began = Clock::now();
  for (size_t left = keep_alive_max_count_; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    if (!stream.NextRequest()) break;
    // Its turn is over: others wait, and it has had its share.
    const bool last =
        left == 1 || (Clock::now() - began > Seconds(limits_.fair_share_seconds) && starved());
    bool closed = false;
    ok = process_request(stream, /*close_connection=*/last, closed, nullptr);
    ended_here = last && !closed;
    if (!ok || closed || last || stream.broken() || stream.close_after_answer()) break;
  }
  current_stream = nullptr;
  // A request the client sent before it read "Connection: close" (or one
  // whose body was not read) would make closing reset the connection,
  // which can discard the answer before the client reads it.
  // So would the rest of a request line refused over the header cap (414).
  if (((stream.close_after_answer() || ended_here) && !stream.broken()) ||
      stream.refused_unread()) {
    Linger(sock, limits_.linger_seconds);
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return ok;
}

}  // namespace newsloom
