// Server: `newsloom serve`, the JSON HTTP API of docs/api.md and the web
// UI, over one store.
//
//   ServeOptions o;
//   o.db = "news.db";
//   o.port = 0;                                  // any free port
//   ASSIGN_OR_RETURN(std::unique_ptr<Server> s, Server::Start(o));
//   ... requests to http://127.0.0.1:<s->port()>/api/stories ...
//   s->Stop();                                   // finishes and commits
//
// Threads: cpp-httplib's pool of `threads` workers answers requests; each
// read borrows a read-only Store connection (and an Annotator) from a pool,
// so readers never share a connection; every write goes to the one
// IngestWriter thread (writer.h), which owns the Engine. WAL mode keeps
// readers and the writer from blocking each other.
//
// Security: binds to the given host (loopback by default). POST needs
// `Authorization: Bearer TOKEN` when a token is set (compared in constant
// time); without a token, writes are refused (403) unless
// allow_anonymous_writes. Both are checked from the headers, before a body
// is read, as is a Content-Length over max_request_bytes (413); a chunked
// body is refused when it passes the cap. How long a client may take to
// send a request and take its answer: `connection` (connection.h). SQL is only ever run through
// prepared statements with bound values (store.h). The UI's responses
// carry a Content-Security-Policy that allows only the server's own
// scripts, styles and images, and nosniff.
//
// A server on a loopback address answers only requests whose Host is a
// loopback name (localhost, 127.x.y.z, [::1], any port, a trailing dot
// allowed) or one of allow_hosts: a web page whose name an attacker points
// at 127.0.0.1 (DNS rebinding) would otherwise read the store, and write
// to it under allow_anonymous_writes, from the user's browser. Others are
// refused with 421 (code "misdirected"); two Host headers with 400. An
// HTTP/1.0 request may have none (no browser sends one without).
//
// Errors are JSON: {"error":{"code","message"}} with the stable codes of
// docs/api.md, each counted in /metrics.
//
// Caching: answers to GET /api/... (but health) are kept, keyed by path
// and query, until the writer next commits or annotates, and at most
// cache_ttl (so a store written by another process, e.g. `newsloom
// ingest`, shows within that time).
//
// Shutdown: Stop() stops accepting connections, lets the workers finish
// the requests they have, then drains the writer's queue (every accepted
// article is committed and annotated) and closes the store.
//
// Thread safety: Start/Stop/port from one thread; the rest is internal.
#ifndef NEWSLOOM_SERVE_SERVER_H_
#define NEWSLOOM_SERVE_SERVER_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/read_options.h"
#include "serve/connection.h"

namespace newsloom {

class IngestWriter;

// 127.0.0.1, 127.x.y.z, localhost or ::1 (also written [::1]).
bool IsLoopbackHost(std::string_view host);

struct ServeOptions {
  std::string db = "newsloom.db";
  // Address to listen on. 127.0.0.1 (loopback) by default: other machines
  // cannot connect unless a public address (0.0.0.0) is given.
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  // Bearer token for POST; "" = none (see allow_anonymous_writes).
  std::string token;
  // Without a token, accept POST from anyone who can connect.
  bool allow_anonymous_writes = false;
  // Host names (without port, any case) answered besides the loopback
  // ones on a loopback address: a reverse proxy's public name.
  std::vector<std::string> allow_hosts;
  // Serve the UI from this folder instead of the embedded copy of
  // web/static (for UI development: edit, reload). "" = embedded.
  std::string web_dir;
  // Largest request body accepted (413 above it): ReadOptions'
  // max_request_bytes, the one place newsloom's input caps live.
  size_t max_request_bytes = ReadOptions().max_request_bytes;
  // Caps of the articles read from request bodies.
  ReadOptions read;
  // Worker threads answering requests. A connection holds a worker while
  // it is open, so this is also the number of clients served at once;
  // while others wait for a worker, a kept-alive connection is closed
  // after 0.5 s without a request, or after a request once it has held
  // its worker for 2 s (ConnectionLimits).
  size_t threads = 32;
  // Longest time a cached GET answer is served (see Caching above).
  std::chrono::milliseconds cache_ttl{1000};
  // Least time between two commits of ingested articles (writer.h's
  // group commit): the wait a POST may have before its answer.
  std::chrono::milliseconds commit_interval{100};
  // Annotate the stories of ingested articles (writer.h); off only for
  // tests and load tests that measure ingest alone.
  bool annotate = true;
  std::string version = "0.1.0";  // reported by /api/health
  bool quiet = false;              // no line per problem on stderr
  // How long a client may take to send a request and take its answer
  // (connection.h).
  ConnectionLimits connection;
};

class Server {
 public:
  // Opens the store (creating or migrating it), starts the writer, binds
  // and starts serving on a background thread. Errors: the store's
  // (store.h), InvalidArgument for a web_dir that is not a folder, IoError
  // "cannot listen on HOST:PORT" (address in use, no permission).
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port listened on (the chosen one when options.port was 0).
  int port() const;

  // The writer, for other sources of articles in the same process (a
  // watched folder, feeds).
  IngestWriter& writer();

  // See Shutdown above. Idempotent.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_SERVER_H_
