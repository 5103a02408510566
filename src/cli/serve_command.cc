// `newsloom serve`: the HTTP API and web UI (src/serve/server.h) until
// SIGINT or SIGTERM, then a graceful stop: the requests in hand are
// answered and every accepted article is committed.
//
// Signals are blocked in every thread (the mask is set before any thread
// starts, and threads inherit it) and taken by sigwait() on the main
// thread, so no work happens in a signal handler.
#include <pthread.h>
#include <sys/stat.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "engine/annotations.h"
#include "serve/live_ingest.h"
#include "serve/server.h"

namespace newsloom {
namespace {

constexpr size_t kMaxTokenFileBytes = 4096;

Result<std::string> ReadToken(const std::string& path) {
  Result<std::string> text = ReadGivenFile(path, "token file", kMaxTokenFileBytes,
                                           "; it should hold one line, the token");
  if (!text.ok()) return text.status();
  const std::string token(TrimAscii(*text));
  if (token.empty()) {
    return Status::InvalidArgument("token file " + path + " is empty");
  }
  if (token.find_first_of(" \t\r\n") != std::string::npos) {
    return Status::InvalidArgument("token file " + path +
                                   ": the token must be one line without spaces");
  }
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    std::cerr << "newsloom: warning: token file " << path
              << " can be read by other users (chmod 600 " << path << ")\n";
  }
  return token;
}

// "HOST:PORT", "[v6]:PORT" or ":PORT" (loopback).
Status ParseListen(const std::string& listen, ServeOptions* o) {
  const size_t colon = listen.rfind(':');
  const Status bad = Status::InvalidArgument(
      "--listen " + listen + ": expected HOST:PORT, e.g. 127.0.0.1:8080");
  if (colon == std::string::npos) return bad;
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  o->host = host.empty() ? "127.0.0.1" : host;
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos) {
    return bad;
  }
  o->port = std::stoi(port);
  if (o->port > 65535) return bad;
  return Status::OK();
}

}  // namespace

int RunServe(const ServeCommandOptions& c) {
  ServeOptions o;
  o.db = c.db;
  o.allow_anonymous_writes = c.allow_anonymous_writes;
  o.allow_hosts = c.allow_hosts;
  o.web_dir = c.web_dir;
  o.threads = c.threads;
  o.max_request_bytes = c.max_request_bytes;
  o.read = c.read;
  o.quiet = c.quiet;
  if (Status s = ParseListen(c.listen, &o); !s.ok()) {
    std::cerr << "newsloom: " << s.message() << "\n";
    return kExitFatal;
  }
  if (!c.token_file.empty()) {
    Result<std::string> token = ReadToken(c.token_file);
    if (!token.ok()) {
      std::cerr << "newsloom: " << token.status().message() << "\n";
      return kExitFatal;
    }
    o.token = *token;
  }
  // Before any thread starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is not fatal

  Result<std::unique_ptr<Server>> server = Server::Start(o);
  if (!server.ok()) {
    std::cerr << "newsloom: serve: " << server.status().ToString() << "\n";
    return kExitFatal;
  }
  {
    // A missing or broken entity model is said at start-up, not only in
    // the answers of the pages that annotate.
    Annotator models;
    models.LoadModels();
    PrintWarnings(models);
  }
  if (!IsLoopbackHost(o.host)) {
    std::cerr << "newsloom: warning: listening on " << o.host
              << ", not loopback: anyone who can reach this machine can read "
                 "the store, and so may any web page a user here opens (its name "
                 "pointed at this address: DNS rebinding; on loopback only "
                 "loopback names are answered)\n";
  }
  LiveIngestOptions live_options;
  live_options.watch_dir = c.watch_dir;
  live_options.feeds_file = c.feeds_file;
  live_options.watch.interval = c.interval;
  live_options.watch.fetch = c.fetch;
  live_options.watch.read = c.read;
  live_options.watch.quiet = c.quiet;
  std::unique_ptr<LiveIngest> live;
  if (!c.watch_dir.empty() || !c.feeds_file.empty()) {
    Result<std::unique_ptr<LiveIngest>> started =
        LiveIngest::Start(o.db, (*server)->writer(), live_options);
    if (!started.ok()) {
      std::cerr << "newsloom: serve: " << started.status().message() << "\n";
      (*server)->Stop();
      return kExitFatal;
    }
    live = std::move(*started);
  }
  // -q prints only errors; the address still, when the system chose the
  // port (--listen HOST:0), since nothing else says where to connect.
  if (!c.quiet || o.port == 0) {
    std::cerr << "newsloom: serving " << o.db << " on http://"
              << (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host)
              << ":" << (*server)->port() << "/ (UI "
              << (o.web_dir.empty() ? "embedded" : "from " + o.web_dir)
              << "; writes "
              << (!o.token.empty()              ? "need the bearer token"
                  : o.allow_anonymous_writes ? "open to anyone"
                                             : "off")
              << ")" << (c.watch_dir.empty() ? "" : "; watching " + c.watch_dir)
              << (c.feeds_file.empty() ? "" : "; polling the feeds of " + c.feeds_file +
                                                  " every " + c.interval)
              << "; stop with Ctrl-C\n";
  }
  int signal = 0;
  sigwait(&stop_signals, &signal);
  if (!c.quiet) {
    std::cerr << "newsloom: " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
              << ": finishing requests and committing\n";
  }
  if (live != nullptr) live->Stop();  // its last articles go to the writer
  (*server)->Stop();
  if (!c.quiet) std::cerr << "newsloom: stopped\n";
  return kExitOk;
}

}  // namespace newsloom
