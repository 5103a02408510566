// Bounds on one HTTP connection: how long a client may take to send a
// request's headers and body and to take its answer, and how large the
// headers may be.
//
// httplib reads a request with a timeout per read only, so a client that
// sends a byte of its headers every few seconds (slowloris) holds one of
// the server's worker threads for hours, and enough such clients hold all
// of them. BoundedServer is an httplib::Server whose connections read and
// write through a stream that keeps a deadline per phase of a request, in
// the manner of Apache's mod_reqtimeout (its default,
// "header=20-40,MinRate=500 body=20,MinRate=500", is ours):
//
//   idle      waiting for a request's first byte: idle_seconds, then the
//             connection is closed (as httplib's keep-alive timeout); only
//             idle_when_busy_seconds while every worker is busy and other
//             connections wait for one (SetWorkers), so that a kept-alive
//             connection between requests does not keep them waiting
//   headers   from the first byte: header_seconds, one second more per
//             min_bytes_per_second received, never past header_max_seconds;
//             and at most max_header_bytes of request line and headers
//   body      from the end of the headers (BodyFollows): body_seconds, one
//             second more per min_bytes_per_second received
//   answer    from its first byte: write_seconds, one second more per
//             min_bytes_per_second the client takes
//
// While every worker is busy and connections wait, a connection that has
// held its worker for fair_share_seconds is answered "Connection: close"
// and closed after its current request, so that clients that send request
// after request take turns rather than keep their workers for good.
//
// and no read or write waits longer than stall_seconds without the client
// moving (sending, or taking bytes of the answer). Header lines must end
// in CR LF: httplib drops a line ending in a bare LF that a proxy in front
// may read as a header. A request that overruns its headers' bounds is
// answered 400 (httplib's answer to headers it could not read); one that
// overruns its body's or answer's is dropped, as httplib drops a
// connection that times out. When the server stops, waiting for a request
// or its headers ends at once; a body being received and an answer being
// sent get stop_grace_seconds more.
//
// An answer is handed to the kernel, which sends it at the client's pace:
// each connection's send buffer holds send_buffer_bytes (SO_SNDBUF, at
// most net.core.wmem_max: 1 MiB on the project's VM, 208 KiB on a stock
// kernel), so a worker whose answer fits is free as soon as it is
// written, and a client that reads its answer slowly holds no worker,
// only kernel memory (up to twice the buffer), which TCP_USER_TIMEOUT
// frees after stall_seconds without the client taking a byte, also
// after the worker has closed the connection. Larger answers keep their
// worker until what is left fits, under the answer's deadline above.
//
// The pre-routing handler (which httplib calls after the headers and
// before it reads a body) can refuse a request before its body is read:
// CloseAfterAnswer() then closes the connection once the refusal is
// written, after reading and dropping what the client still sends for up
// to linger_seconds, so that the client reads the refusal rather than a
// connection reset.
#ifndef NEWSLOOM_SERVE_CONNECTION_H_
#define NEWSLOOM_SERVE_CONNECTION_H_

#include <httplib.h>

#include <atomic>
#include <cstddef>

namespace newsloom {

struct ConnectionLimits {
  double idle_seconds = 5;
  double idle_when_busy_seconds = 0.5;
  double fair_share_seconds = 2;
  double header_seconds = 20;
  double header_max_seconds = 40;
  double body_seconds = 20;
  double write_seconds = 20;
  double min_bytes_per_second = 500;
  double stall_seconds = 30;
  double linger_seconds = 2;
  double stop_grace_seconds = 10;
  size_t max_header_bytes = 64 << 10;
  int send_buffer_bytes = 1 << 20;  // 0: the kernel's default
};

class BoundedServer : public httplib::Server {
 public:
  explicit BoundedServer(const ConnectionLimits& limits) : limits_(limits) {}

  // On the thread handling a request (from the pre-routing handler): the
  // headers are read, what is read from now on is the request's body.
  // Outside a BoundedServer's connection, does nothing.
  static void BodyFollows();
  // On the thread handling `req`: close the connection once its answer is
  // written (its body, if any, was not read), and say so in the answer
  // (Connection: close). Outside a BoundedServer's connection, only the
  // latter.
  static void CloseAfterAnswer(const httplib::Request& req);

  // Serves connections on `n` worker threads (at least 1), one connection
  // each at a time; the others wait in a queue, counted for the idle
  // phase above. In place of httplib's new_task_queue.
  void SetWorkers(size_t n);

 private:
  // httplib's own loop over a connection's requests, with BoundedStream
  // (connection.cc) in place of httplib's socket stream.
  bool process_and_close_socket(socket_t sock) override;

  // How busy the workers are (SetWorkers counts them).
  struct Load {
    std::atomic<int> queued{0};  // connections no worker has taken up yet
    std::atomic<int> busy{0};    // workers serving a connection
    int workers = 0;             // 0: not counted
    // Every worker busy and a connection waiting.
    bool Starved() const {
      return workers > 0 && queued.load(std::memory_order_relaxed) > 0 &&
             busy.load(std::memory_order_relaxed) >= workers;
    }
  };

  ConnectionLimits limits_;
  Load load_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_CONNECTION_H_
