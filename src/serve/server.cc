#include "serve/server.h"

#include <httplib.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <set>
#include <span>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "cli/render.h"
#include "engine/annotations.h"
#include "serve/api.h"
#include "serve/connection.h"
#include "serve/embedded_files.h"
#include "serve/metrics.h"
#include "serve/request_body.h"
#include "serve/writer.h"
#include "store/store.h"

namespace newsloom {

using nlohmann::json;

namespace {

constexpr char kJsonType[] = "application/json; charset=utf-8";

// The UI may load only the server's own scripts, styles and images (and
// data: images); no frames, plugins or foreign connections. Article text
// is data: even if some escaping in the UI failed, an injected script
// from elsewhere would not run.
constexpr char kUiSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// Shown at / when the binary was built without web/static.
constexpr char kNoUiPage[] =
    "<!doctype html><meta charset=utf-8><title>newsloom</title>"
    "<p>This newsloom was built without its web UI (web/static was empty). "
    "The API is at <a href=/api/stories>/api/stories</a>, described at "
    "<a href=/api/openapi.json>/api/openapi.json</a>; or run "
    "<code>newsloom serve --web-dir web/static</code>.";

// Cached answers kept at most; beyond it the cache starts afresh.
constexpr size_t kMaxCachedAnswers = 4096;

// The stable error codes of docs/api.md, by HTTP status.
}  // namespace

bool IsLoopbackHost(std::string_view host) {
  std::string h = AsciiLowerCopy(host);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "localhost" || h == "::1") return true;
  // 127.0.0.0/8, as four numbers.
  if (h.rfind("127.", 0) != 0) return false;
  int parts = 0;
  for (size_t i = 0; i <= h.size();) {
    const size_t end = std::min(h.find('.', i), h.size());
    if (end == i || end - i > 3) return false;
    for (size_t k = i; k < end; ++k) {
      if (h[k] < '0' || h[k] > '9') return false;
    }
    if (std::stoi(h.substr(i, end - i)) > 255) return false;
    ++parts;
    i = end + 1;
  }
  return parts == 4;
}

namespace {

const char* ErrorCode(int status) {
  switch (status) {
    case 301: return "moved";
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 411: return "length_required";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    case 421: return "misdirected";
    case 501: return "not_implemented";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

std::string ErrorBody(int status, std::string_view message) {
  return json{{"error", {{"code", ErrorCode(status)}, {"message", std::string(message)}}}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

// `message` with every occurrence of `path` (and of its absolute form, or
// of the URI as the store names it) replaced by "the store".
std::string WithoutPath(std::string message, const std::string& path) {
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(path, ec).string();
  // The longest form first: a relative --db is the tail of the absolute
  // path, and replacing it first left the folder in the message.
  std::vector<std::string> forms = {Store::DisplayLocation(path), absolute, path};
  std::sort(forms.begin(), forms.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& p : forms) {
    if (p.empty()) continue;
    for (size_t at = message.find(p); at != std::string::npos;
         at = message.find(p, at + 9)) {
      message.replace(at, p.size(), "the store");
    }
  }
  // "not found in store the store" reads badly.
  for (size_t at = message.find("store the store"); at != std::string::npos;
       at = message.find("store the store", at)) {
    message.replace(at, 15, "the store");
  }
  return message;
}

int HttpStatusOf(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kNotFound: return 404;
    default: return 500;
  }
}

std::string ContentTypeOf(std::string_view path) {
  const size_t dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return kJsonType;
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// Compares in time that depends on the lengths only, not on where the
// two first differ, so the token cannot be guessed byte by byte.
bool SameToken(std::string_view given, std::string_view want) {
  unsigned diff = given.size() == want.size() ? 0 : 1;
  for (size_t i = 0; i < want.size(); ++i) {
    const char g = i < given.size() ? given[i] : 0;
    diff |= static_cast<unsigned char>(g ^ want[i]);
  }
  return diff == 0;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A positive decimal id ("42"), else nullopt.
std::optional<int64_t> PositiveId(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v <= 0) {
    return std::nullopt;
  }
  return v;
}

// Read-only store connections (with an Annotator each), lent to one
// request at a time.
class ReaderPool {
 public:
  struct Reader {
    std::unique_ptr<Store> store;
    Annotator annotator;
  };
  explicit ReaderPool(std::string db) : db_(std::move(db)) {}

  Result<std::unique_ptr<Reader>> Take() {
    StoreOptions options;
    options.read_only = true;
    options.create_if_missing = false;
    std::unique_ptr<Reader> r;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        r = std::move(free_.back());
        free_.pop_back();
      }
    }
    // One opened on an older schema (read as it was: store.h) is opened
    // again once the store has been upgraded (by a writer of another
    // process, while this server's own could not claim the store), so that
    // it reads what the new schema keeps (the outlets' days); until then it
    // is kept, not opened again for every request.
    if (r != nullptr) {
      if (r->store->schema_version() >= Store::kSchemaVersion) return r;
      Result<int> stored = r->store->StoredSchemaVersion();
      if (stored.ok() && *stored <= r->store->schema_version()) return r;
    }
    if (r == nullptr) r = std::make_unique<Reader>();
    ASSIGN_OR_RETURN(r->store, Store::Open(db_, options));
    return r;
  }
  void Give(std::unique_ptr<Reader> r) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(r));
  }

 private:
  const std::string db_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> free_;
};

// Answers by request, each valid from the writer generation it was made
// at (the generation read before its store queries began, so it reflects
// every commit up to that one) and for at most cache_ttl.
//
// Freshness (docs/api.md): a request is never given an answer made at a
// generation older than the one it read on arrival, so it reflects every
// article whose POST was answered before it arrived (the writer bumps the
// generation before it answers).
//
// When a commit makes an answer stale, the first request to ask for it
// remakes it and the requests for the same answer meanwhile wait for that
// one (when it was begun at a generation at least theirs) instead of all
// remaking it at once: without that, every commit sent all the handler
// threads into the same store queries together, and the load test's p99
// was the queue behind them. (Serving them the previous answer instead
// broke the freshness above.)
class AnswerCache {
 public:
  // The answer to give, or nullopt when the caller is to make it and Put()
  // it (or Abandon() the key). May wait, up to kMaxWait, for another
  // request making the same answer.
  std::optional<std::string> Get(const std::string& key, uint64_t generation,
                                 std::chrono::milliseconds ttl) {
    std::unique_lock<std::mutex> lock(mu_);
    bool waited = false;
    for (;;) {
      const auto now = std::chrono::steady_clock::now();
      auto it = answers_.find(key);
      if (it == answers_.end()) {
        // The one we waited for failed (or the cache was cleared): make
        // it without waiting for anybody again.
        if (waited) return std::nullopt;
        Answer& a = answers_[key];
        a.making_since = now;
        a.making_generation = generation;
        return std::nullopt;
      }
      Answer& a = it->second;
      if (!a.body.empty() && a.generation >= generation && now - a.made <= ttl) {
        return a.body;
      }
      if (a.making_since && a.making_generation >= generation &&
          now - *a.making_since < kMaxWait) {
        cv_.wait_until(lock, *a.making_since + kMaxWait);
        waited = true;
        continue;  // `a` may be gone
      }
      if (waited) return std::nullopt;
      a.making_since = now;
      a.making_generation = generation;
      return std::nullopt;
    }
  }
  void Put(const std::string& key, uint64_t generation, std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    if (answers_.size() >= kMaxCachedAnswers) answers_.clear();
    Answer& a = answers_[key];
    // An answer made meanwhile at a later generation stays.
    if (a.body.empty() || a.generation <= generation) {
      a.body = std::move(body);
      a.generation = generation;
      a.made = std::chrono::steady_clock::now();
    }
    if (a.making_since && a.making_generation <= generation) a.making_since.reset();
    cv_.notify_all();
  }
  // The caller of Get() could not make the answer (an error answer).
  void Abandon(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = answers_.find(key);
    if (it == answers_.end()) return;
    if (it->second.body.empty()) {
      answers_.erase(it);
    } else {
      it->second.making_since.reset();
    }
    cv_.notify_all();
  }

 private:
  // Longest a request waits for another one making its answer (beyond it,
  // that one is taken to be stuck, and the request makes its own).
  static constexpr std::chrono::seconds kMaxWait{1};
  struct Answer {
    std::string body;  // "" while the first one is being made
    uint64_t generation = 0;
    std::chrono::steady_clock::time_point made;
    // Since when, and at which generation, a request is making it.
    std::optional<std::chrono::steady_clock::time_point> making_since;
    uint64_t making_generation = 0;
  };
  std::mutex mu_;
  std::condition_variable cv_;  // Put() and Abandon() notify
  std::unordered_map<std::string, Answer> answers_;
};

// What a request asked for: the route's pattern (the metrics label) and
// the id or key in the path.
struct Route {
  std::string pattern;
  std::string methods;  // allowed, as for the Allow header: "GET" or "POST"
  std::string tail;     // the {id} or {key} part of the path
};

Route RouteOf(std::string_view path) {
  struct Fixed {
    const char* path;
    const char* methods;
  };
  static constexpr Fixed kFixed[] = {
      {"/api/health", "GET, HEAD"},       {"/api/stories", "GET, HEAD"},
      {"/api/articles", "POST"},          {"/api/openapi.json", "GET, HEAD"},
      {"/metrics", "GET, HEAD"},
  };
  for (const Fixed& f : kFixed) {
    if (path == f.path) return {f.path, f.methods, ""};
  }
  struct Prefixed {
    const char* prefix;
    const char* pattern;
  };
  static constexpr Prefixed kPrefixed[] = {
      {"/api/stories/", "/api/stories/{id}"},
      {"/api/events/", "/api/events/{id}"},
      {"/api/articles/", "/api/articles/{id}"},
      {"/api/entities/", "/api/entities/{key}"},
  };
  for (const Prefixed& p : kPrefixed) {
    if (StartsWith(path, p.prefix) && path.size() > std::string_view(p.prefix).size()) {
      return {p.pattern, "GET, HEAD", std::string(path.substr(std::string_view(p.prefix).size()))};
    }
  }
  if (StartsWith(path, "/api/") || path == "/api") return {"other", "", ""};
  return {"/{file}", "GET, HEAD", std::string(path)};
}

// The query parameters the route's parser reads (api.h); the others are
// ignored, and so are left out of the cache key.
std::span<const std::string_view> ParamsOf(std::string_view pattern) {
  if (pattern == "/api/stories") return kStoryListParams;
  if (pattern == "/api/stories/{id}") return kStoryPageParams;
  if (pattern == "/api/events/{id}") return kEventParams;
  return {};
}

// The path and the values of the parameters the route reads, each with
// its length (a value holding "&" or "=" cannot pass for another
// parameter).
std::string CacheKey(std::string_view pattern, const httplib::Request& req,
                     const QueryParams& params) {
  std::string key = std::to_string(req.path.size()) + ':' + req.path;
  for (std::string_view name : ParamsOf(pattern)) {
    auto [first, last] = params.equal_range(std::string(name));
    for (auto it = first; it != last; ++it) {
      key += '&';
      key += name;
      key += '=';
      key += std::to_string(it->second.size());
      key += ':';
      key += it->second;
    }
  }
  return key;
}

}  // namespace

struct Server::Impl {
  explicit Impl(const ServeOptions& o) : options(o), http(o.connection) {}

  ServeOptions options;
  Metrics metrics;
  std::unique_ptr<IngestWriter> writer;
  std::unique_ptr<ReaderPool> readers;
  AnswerCache cache;
  std::unordered_map<std::string, std::string_view> web_files;  // embedded
  BoundedServer http;
  std::thread listener;
  int port = 0;
  bool stopped = false;

  void Install();
  void Handle(const httplib::Request& req, httplib::Response& res);
  bool Refuse(const httplib::Request& req, httplib::Response& res);
  std::string MisdirectedBecause(const httplib::Request& req) const;
  void ReadBodyAndHandle(const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& read);
  void CommonHeaders(const httplib::Request& req, httplib::Response& res);
  bool WrongRoute(const Route& route, const httplib::Request& req, httplib::Response& res);
  std::string OverTheCap() const {
    return "request body is over the limit of " + std::to_string(options.max_request_bytes) +
           " bytes";
  }
  static void IgnoreRanges(const httplib::Request& req, httplib::Response& res);
  void Fail(httplib::Response& res, int status, std::string_view message);
  void Answer(httplib::Response& res, const Route& route,
              const httplib::Request& req);
  void Read(const Route& route, const httplib::Request& req,
            httplib::Response& res);
  void Ingest(const httplib::Request& req, httplib::Response& res);
  void StaticFile(std::string_view path, const httplib::Request& req, httplib::Response& res);
  void StaticFileBytes(std::string_view path, httplib::Response& res);
  bool MayWrite(const httplib::Request& req, httplib::Response& res);
};

void Server::Impl::Fail(httplib::Response& res, int status,
                        std::string_view message) {
  res.status = status;
  res.set_content(ErrorBody(status, message), kJsonType);
  metrics.CountError(ErrorCode(status));
}

// Every answer is whole: a Range header is ignored (RFC 9110 allows it)
// and no answer advertises ranges. httplib parses Range into req.ranges
// before the handler runs and cuts whatever body the handler made (JSON
// answers, errors) to it when writing, so the handler empties them. The
// Request is httplib's own non-const object, handed to handlers as const.
void Server::Impl::IgnoreRanges(const httplib::Request& req, httplib::Response& res) {
  const_cast<httplib::Request&>(req).ranges.clear();
  res.set_header("Accept-Ranges", "none");
}

void Server::Impl::Install() {
  http.set_payload_max_length(options.max_request_bytes);
  // httplib's default also sets SO_REUSEPORT, which lets a second server
  // bind the same port and silently share its clients; a port in use must
  // be an error. SO_REUSEADDR alone allows a quick restart.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // wrk and browsers keep connections open; httplib's default closes one
  // after 5 requests.
  http.set_keep_alive_max_count(100000);
  // httplib writes the headers and the body in separate sends: with
  // Nagle's algorithm on, each answer then waits for the client's delayed
  // ACK (40 ms on Linux).
  http.set_tcp_nodelay(true);
  // Timeouts are options.connection's (connection.h), not httplib's.
  http.SetWorkers(options.threads);
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    Handle(req, res);
  };
  // A request's headers are read; its body is not yet.
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    return Refuse(req, res) ? httplib::Server::HandlerResponse::Handled
                            : httplib::Server::HandlerResponse::Unhandled;
  });
  // A client that asks before it sends a body (curl does for bodies over
  // 1 MB) learns of a refusal without sending it.
  http.set_expect_100_continue_handler(
      [this](const httplib::Request& req, httplib::Response& res) {
        return Refuse(req, res) ? res.status : 100;
      });
  http.Get(".*", handle);
  // The one route that takes a body reads it through a cap of its own:
  // httplib caps only a Content-Length, not a chunked body.
  http.Post(".*", [this](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& read) {
    ReadBodyAndHandle(req, res, read);
  });
  http.Put(".*", handle);
  http.Patch(".*", handle);
  http.Delete(".*", handle);
  http.Options(".*", handle);
  // Errors httplib answers itself (a body over the cap: 413; a malformed
  // request: 400; a long URI: 414) get the JSON error shape too.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 416 && (req.method == "GET" || req.method == "HEAD")) {
      // httplib refused a Range header it could not parse before routing:
      // ignored, as any Range is, and the request answered whole (once it
      // passes what the pre-routing handler would have checked).
      res.status = -1;
      if (Refuse(req, res)) return httplib::Server::HandlerResponse::Handled;
      Handle(req, res);
      return httplib::Server::HandlerResponse::Handled;
    }
    // httplib refused the request before routing (a URI or header line
    // too long, a bad request line, a Range it cannot parse on a write), so
    // Refuse did not see it: whatever body it announced is unread and must
    // not be taken for the next request.
    BoundedServer::CloseAfterAnswer(req);
    CommonHeaders(req, res);
    std::string message = "request refused";
    if (res.status == 416) {
      message = "the Range header cannot be read (a write takes none)";
    } else if (res.status == 413) {
      message = OverTheCap();
    } else if (res.status == 404) {
      message = "no such path: " + req.path;
    } else if (res.status == 414) {
      message = "the request target (path and query) is too long";
    } else if (res.status == 400 && !req.method.empty() &&
               !std::set<std::string>{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
                                      "OPTIONS"}.count(req.method)) {
      // A method httplib does not know (TRACE, CONNECT, FOO): not a
      // malformed request, one this server does not implement.
      res.status = 501;
      message = "method " + PrintableText(Abbreviate(req.method, 40)) +
                " is not implemented (GET, HEAD, POST and OPTIONS are)";
    } else if (res.status == 400) {
      message = "the request line or a header cannot be read (a request line is METHOD "
                "TARGET HTTP/1.x, the method one of GET, HEAD, POST, PUT, PATCH, DELETE, "
                "OPTIONS; every line ends in CR LF; or a header line is too long)";
    }
    Fail(res, res.status, message);
    // A request refused before routing is no route's ("/{file}" took a
    // long or unreadable target for a file).
    metrics.CountRequest(res.status == 404 ? RouteOf(req.path).pattern : "other", res.status);
    return httplib::Server::HandlerResponse::Handled;
  }));
}

// What can be refused from the request line and headers alone is refused
// before the body is read: a Content-Length that is not one number (two
// conflicting ones are how requests are smuggled past a proxy), a body
// framed any other way than by Content-Length or plain chunked encoding, a
// body sent to anything but POST /api/articles (httplib would leave it
// unread and parse it as the next request), a compressed body (a small
// gzip can inflate to gigabytes), a POST, PUT or PATCH that says neither
// length nor chunking (httplib would read until the client closes), a
// write without the right token, a body over the cap. The connection is
// then closed after the answer, since the body it announced was not read.
bool Server::Impl::Refuse(const httplib::Request& req, httplib::Response& res) {
  BoundedServer::BodyFollows();
  const size_t lengths = req.get_header_value_count("Content-Length");
  const size_t encodings = req.get_header_value_count("Transfer-Encoding");
  std::optional<uint64_t> length;
  bool bad_length = false;
  for (size_t i = 0; i < lengths; ++i) {
    const std::string v = req.get_header_value("Content-Length", i);
    uint64_t n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() ||
        (length && *length != n)) {
      bad_length = true;
    }
    length = n;
  }
  std::string coding = encodings == 1 ? req.get_header_value("Transfer-Encoding") : "";
  for (char& c : coding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string compressed = req.get_header_value("Content-Encoding");
  for (char& c : compressed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool has_body = encodings > 0 || (length && *length > 0) || bad_length;
  const Route route = RouteOf(req.path);
  const bool takes_body = route.pattern == "/api/articles" && req.method == "POST";
  if (req.get_header_value_count("Host") > 1) {
    Fail(res, 400, "a request has one Host header");
  } else if (std::string why = MisdirectedBecause(req); !why.empty()) {
    Fail(res, 421, why);
  } else if (req.target.empty() || req.target[0] != '/') {
    // The absolute form ("GET http://host/api/health") is a proxy's; this
    // server routes paths only, and would take the whole URL for one.
    Fail(res, 400, "the request target must be a path (/api/...), not a whole URL");
  } else if (bad_length || (encodings > 0 && lengths > 0)) {
    Fail(res, 400, encodings > 0 && lengths > 0
                       ? "a request has Content-Length or Transfer-Encoding, not both"
                       : "Content-Length must be one number");
  } else if (encodings > 0 && coding != "chunked") {
    Fail(res, 501, "Transfer-Encoding other than chunked is not supported");
  } else if (has_body && !takes_body) {
    // What Handle would answer, when it is an error; else the body is one.
    if (!WrongRoute(route, req, res)) {
      Fail(res, 400, req.method + " " + req.path + " takes no request body");
    }
  } else if (has_body && !compressed.empty() && compressed != "identity") {
    Fail(res, 415, "compressed request bodies (Content-Encoding: " + compressed +
                       ") are not accepted; send the body as it is");
  } else if (!length && encodings == 0 &&
             (req.method == "POST" || req.method == "PUT" || req.method == "PATCH")) {
    // httplib would read such a body until the client closes.
    if (takes_body || !WrongRoute(route, req, res)) {
      Fail(res, 411, "a " + req.method + " needs Content-Length (or Transfer-Encoding: chunked)");
    }
  } else if (takes_body && !MayWrite(req, res)) {
    // MayWrite answered.
  } else if (length && *length > options.max_request_bytes) {
    Fail(res, 413, OverTheCap());
  } else if (Status type = takes_body ? CheckArticlesBodyType(req.get_header_value("Content-Type"))
                                      : Status::OK();
             !type.ok()) {
    // Before httplib reads it: a multipart/form-data body it would parse
    // as form fields, for which the body reader has no receiver.
    Fail(res, 415, type.message());
  } else {
    return false;
  }
  CommonHeaders(req, res);
  metrics.CountRequest(route.pattern, res.status);
  // Every refusal is of a body, or of a request that may bring one.
  BoundedServer::CloseAfterAnswer(req);
  return true;
}

// Why a request is not for this server, or "": on a loopback address,
// a Host that is not a loopback name (DNS rebinding, server.h), or none.
std::string Server::Impl::MisdirectedBecause(const httplib::Request& req) const {
  if (!IsLoopbackHost(options.host)) return {};
  if (!req.has_header("Host")) {
    if (req.version == "HTTP/1.0") return {};
    return "a request needs a Host header (localhost or 127.0.0.1)";
  }
  std::string host = req.get_header_value("Host");
  // Without the port: "localhost:8080", "[::1]:8080"; and a trailing dot.
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (const size_t colon = host.rfind(':'); colon != std::string::npos) {
    host.resize(colon);
  }
  if (host.size() > 1 && host.back() == '.') host.pop_back();
  if (IsLoopbackHost(host)) return {};
  const std::string lower = AsciiLowerCopy(host);
  for (const std::string& allowed : options.allow_hosts) {
    if (AsciiLowerCopy(allowed) == lower) return {};
  }
  return "this server listens on " + options.host +
         " and answers only requests for localhost, 127.0.0.1 or [::1], not for \"" +
         PrintableText(Abbreviate(host, 80)) + "\" (serve --allow-host NAME adds a name)";
}

// POST: the body, at most max_request_bytes of it however it is framed
// (Refuse saw to the rest), then Handle.
void Server::Impl::ReadBodyAndHandle(const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& read) {
  std::string body;
  bool over = false;
  const bool whole = read([&](const char* data, size_t size) {
    if (size > options.max_request_bytes - body.size()) {
      over = true;
      return false;
    }
    body.append(data, size);
    return true;
  });
  if (!whole) {
    // What is left of the body is not read: the connection cannot carry
    // another request.
    BoundedServer::CloseAfterAnswer(req);
    CommonHeaders(req, res);
    if (over) {
      Fail(res, 413, OverTheCap());
    } else {
      Fail(res, 400, "the request body could not be read whole (cut short, too slow or "
                     "badly chunked)");
    }
    metrics.CountRequest(RouteOf(req.path).pattern, res.status);
    return;
  }
  const_cast<httplib::Request&>(req).body = std::move(body);  // httplib's own object
  Handle(req, res);
}

// 404 for a path the API does not have, 405 for a method its route does
// not take; false (and `res` untouched) for a request the route takes.
bool Server::Impl::WrongRoute(const Route& route, const httplib::Request& req,
                              httplib::Response& res) {
  const std::string& m = req.method;
  const bool is_get = m == "GET" || m == "HEAD";
  if (route.pattern == "other") {
    Fail(res, 404, "no such API path: " + req.path + " (see /api/openapi.json)");
  } else if (route.methods == "POST" ? m != "POST" : !is_get) {
    res.set_header("Allow", route.methods);
    Fail(res, 405, m + " is not allowed on " + route.pattern + " (allowed: " +
                       route.methods + ")");
  } else {
    return false;
  }
  return true;
}

void Server::Impl::CommonHeaders(const httplib::Request& req, httplib::Response& res) {
  IgnoreRanges(req, res);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

void Server::Impl::Handle(const httplib::Request& req, httplib::Response& res) {
  const auto start = std::chrono::steady_clock::now();
  const Route route = RouteOf(req.path);
  CommonHeaders(req, res);
  const std::string& m = req.method;
  const bool is_get = m == "GET" || m == "HEAD";
  if (!WrongRoute(route, req, res)) Answer(res, route, req);
  // httplib leaves -1 until it writes the answer, then means 200.
  if (res.status == -1) res.status = 200;
  metrics.CountRequest(route.pattern, res.status);
  if (is_get) {  // writes have newsloom_ingest_seconds
    metrics.ObserveRequestSeconds(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
}

void Server::Impl::Answer(httplib::Response& res, const Route& route,
                          const httplib::Request& req) {
  if (route.pattern == "/api/articles") return Ingest(req, res);
  if (route.pattern == "/{file}") return StaticFile(route.tail, req, res);
  if (route.pattern == "/api/openapi.json") {
    const std::string_view spec = EmbeddedOpenApi()[0].content;
    res.set_content(spec.data(), spec.size(), kJsonType);
    return;
  }
  if (route.pattern == "/metrics") {
    Result<std::unique_ptr<ReaderPool::Reader>> r = readers->Take();
    int64_t stories = -1;
    if (r.ok()) {
      Result<int64_t> n = (*r)->store->CountStories();
      if (n.ok()) stories = *n;
      readers->Give(std::move(*r));
    }
    res.set_content(metrics.Render(stories), "text/plain; version=0.0.4; charset=utf-8");
    return;
  }
  Read(route, req, res);
}

void Server::Impl::Read(const Route& route, const httplib::Request& req,
                        httplib::Response& res) {
  if ((route.pattern == "/api/stories/{id}" || route.pattern == "/api/events/{id}") &&
      route.tail.find('/') != std::string::npos) {
    return Fail(res, 404, "no such API path: " + req.path + " (see /api/openapi.json)");
  }
  const bool cacheable = route.pattern != "/api/health";
  const QueryParams params = ParseQueryString(req.target);
  const std::string key = cacheable ? CacheKey(route.pattern, req, params) : std::string();
  const uint64_t generation = writer->generation();
  if (cacheable) {
    std::optional<std::string> body = cache.Get(key, generation, options.cache_ttl);
    metrics.CountAnswerCache(body.has_value());
    if (body) {
      res.set_content(std::move(*body), kJsonType);
      return;
    }
  }
  std::optional<int64_t> id;
  if (route.pattern == "/api/stories/{id}" || route.pattern == "/api/events/{id}") {
    id = PositiveId(route.tail);
    if (!id) {
      if (cacheable) cache.Abandon(key);
      return Fail(res, 400, "\"" + route.tail + "\" in " + req.path +
                                " is not a positive number");
    }
  }
  Result<std::unique_ptr<ReaderPool::Reader>> taken = readers->Take();
  if (!taken.ok()) {
    if (cacheable) cache.Abandon(key);
    return Fail(res, 503, WithoutPath(taken.status().message(), options.db));
  }
  ReaderPool::Reader& r = **taken;
  Store& store = *r.store;
  Result<json> answer = Status::Corruption("unreachable");
  if (route.pattern == "/api/health") {
    const Status writes = writer->failure();
    answer = HealthJson(store, options.version,
                        writes.ok() ? std::string() : WithoutPath(writes.message(), options.db));
  } else if (route.pattern == "/api/stories") {
    Result<StoryListRequest> parsed = ParseStoryListRequest(params);
    answer = parsed.ok() ? StoryListJson(store, *parsed) : parsed.status();
  } else if (route.pattern == "/api/stories/{id}") {
    Result<StoryPageRequest> page = ParseStoryPageRequest(params);
    answer = page.ok() ? StoryPageJson(store, *id, r.annotator, *page)
                       : page.status();
  } else if (route.pattern == "/api/events/{id}") {
    Result<ArticleRange> range = ParseEventRequest(params);
    answer = range.ok() ? EventJson(store, *id, *range) : range.status();
  } else if (route.pattern == "/api/articles/{id}") {
    answer = ArticlePageJson(store, route.tail, r.annotator);
  } else if (route.pattern == "/api/entities/{key}") {
    answer = EntityJson(store, route.tail);
  }
  // A story or event a second look merged into another: its id, handed out
  // earlier, leads there (301, with the query kept).
  std::optional<int64_t> moved;
  const bool event = route.pattern == "/api/events/{id}";
  if (id && !answer.ok() && answer.status().code() == Status::Code::kNotFound) {
    Result<int64_t> into =
        store.MergedInto(event ? Store::Merged::kEvent : Store::Merged::kStory, *id);
    if (into.ok()) {
      moved = *into;
    } else if (into.status().code() != Status::Code::kNotFound) {
      answer = into.status();  // a loop of merges, a lost connection: a 500
    }
  }
  readers->Give(std::move(*taken));
  if (moved) {
    if (cacheable) cache.Abandon(key);
    const size_t query = req.target.find('?');
    const std::string location =
        std::string(event ? "/api/events/" : "/api/stories/") + std::to_string(*moved) +
        (query == std::string::npos ? std::string() : req.target.substr(query));
    // Not an error: the body says where, for a client that does not
    // follow redirects.
    res.status = 301;
    res.set_header("Location", location);
    // A replay by an upgraded binary may make the id live again
    // (Store::ForgetMerged): clients ask again rather than cache it.
    res.set_header("Cache-Control", "no-cache");
    res.set_content(ErrorBody(301, std::string(event ? "event " : "story ") + route.tail +
                                       " was merged into " + (event ? "event " : "story ") +
                                       std::to_string(*moved) + ": " + location),
                    kJsonType);
    return;
  }
  if (!answer.ok()) {
    if (cacheable) cache.Abandon(key);
    const int status = HttpStatusOf(answer.status());
    if (status == 500 && !options.quiet) {
      std::cerr << "newsloom: serve: " << req.method << " " << req.path << ": "
                << answer.status().ToString() << "\n";
    }
    // Clients see what went wrong, not where the server keeps its files:
    // the store's path in a message (store.h names it in every error)
    // becomes "the store".
    return Fail(res, status, WithoutPath(answer.status().message(), options.db));
  }
  InputsAsFileNames(&*answer);
  std::string body = answer->dump(-1, ' ', false, json::error_handler_t::replace);
  if (cacheable) cache.Put(key, generation, body);
  res.set_content(std::move(body), kJsonType);
}

bool Server::Impl::MayWrite(const httplib::Request& req, httplib::Response& res) {
  if (options.token.empty()) {
    if (options.allow_anonymous_writes) return true;
    Fail(res, 403,
         "writes are off: start the server with --token-file FILE (and send "
         "Authorization: Bearer TOKEN) or --allow-anonymous-writes");
    return false;
  }
  const std::string auth = req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  std::string scheme = auth.substr(0, kScheme.size());
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme == kScheme &&
      SameToken(std::string_view(auth).substr(kScheme.size()), options.token)) {
    return true;
  }
  res.set_header("WWW-Authenticate", "Bearer realm=\"newsloom\"");
  Fail(res, 401, auth.empty() ? "this write needs Authorization: Bearer TOKEN"
                              : "the bearer token is not the server's");
  return false;
}

void Server::Impl::Ingest(const httplib::Request& req, httplib::Response& res) {
  const auto start = std::chrono::steady_clock::now();
  // Refuse checked the token before the body was read.
  const QueryParams params = ParseQueryString(req.target);
  if (params.count("url") > 1) {
    return Fail(res, 400, "parameter url is given twice");
  }
  const auto found = params.find("url");
  const std::string url = found == params.end() ? std::string() : found->second;
  // ?explain=1: each article's answer says why it went where it did.
  if (params.count("explain") > 1) {
    return Fail(res, 400, "parameter explain is given twice");
  }
  bool explain = false;
  if (const auto e = params.find("explain"); e != params.end()) {
    if (e->second == "1" || e->second == "true" || e->second.empty()) {
      explain = true;
    } else if (e->second != "0" && e->second != "false") {
      return Fail(res, 400, "parameter explain must be 1 or true, 0 or false");
    }
  }
  Result<ArticlesBody> body = ParseArticlesBody(
      req.get_header_value("Content-Type"), req.body, url, options.read);
  if (!body.ok()) {
    return Fail(res, body.status().code() == Status::Code::kNotSupported ? 415 : 400,
                body.status().message());
  }
  json errors = json::array();
  for (const IngestError& e : body->errors) {
    errors.push_back({{"item", e.where},
                      {"message", e.warning ? "warning: " + e.message : e.message}});
  }
  IngestOutcome outcome;
  if (!body->articles.empty()) {
    outcome = writer->Submit(std::move(body->articles), explain).get();
    if (!outcome.status.ok()) {
      return Fail(res, 503, WithoutPath(outcome.status.message(), options.db));
    }
  }
  // Keys in the order docs/api.md gives them (an explanation's too).
  using ojson = nlohmann::ordered_json;
  size_t accepted = 0, skipped = 0;
  ojson articles = ojson::array();
  for (const IngestedArticle& a : outcome.articles) {
    ++(a.already_present ? skipped : accepted);
    articles.push_back({{"id", a.id},
                        {"event", a.event},
                        {"story", a.story},
                        {"duplicate_of", a.duplicate_of ? ojson(*a.duplicate_of) : ojson(nullptr)},
                        {"already_present", a.already_present},
                        {"differs", a.stored_differs},
                        {"far_ahead_of", a.far_ahead_of ? ojson(FormatIsoDate(*a.far_ahead_of))
                                                        : ojson(nullptr)}});
    if (explain) articles.back()["explanation"] = a.explanation ? *a.explanation : ojson(nullptr);
  }
  metrics.ObserveIngestSeconds(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  res.set_content(ojson{{"accepted", accepted},
                        {"skipped", skipped},
                        {"articles", std::move(articles)},
                        {"errors", ojson(errors)}}
                      .dump(-1, ' ', false, ojson::error_handler_t::replace),
                  kJsonType);
}

// A UI file, with an ETag of its bytes: "no-cache" makes the browser ask
// again on every load, and a 304 answers when it has them already.
void Server::Impl::StaticFile(std::string_view path, const httplib::Request& req,
                              httplib::Response& res) {
  StaticFileBytes(path, res);
  if (res.status >= 400 || res.body.empty()) return;
  char etag[24];
  std::snprintf(etag, sizeof etag, "\"%016zx\"", std::hash<std::string>{}(res.body));
  res.set_header("ETag", etag);
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    res.body.clear();
  }
}

void Server::Impl::StaticFileBytes(std::string_view path, httplib::Response& res) {
  std::string rel(path.substr(1));  // without the leading '/'
  // The UI routes in the fragment (/#/story/3), so only / is its page: any
  // other path that names no file is a 404, not the page (a mistyped API
  // or metrics path would otherwise be answered 200 with HTML).
  if (rel.empty()) rel = "index.html";
  res.set_header("Content-Security-Policy", kUiSecurityPolicy);
  res.set_header("Cache-Control", "no-cache");
  if (!options.web_dir.empty()) {
    // Every segment a plain name: nothing outside web_dir can be named.
    for (size_t i = 0; i <= rel.size();) {
      const size_t end = std::min(rel.find('/', i), rel.size());
      const std::string_view seg = std::string_view(rel).substr(i, end - i);
      if (seg.empty() || seg == "." || seg == ".." || seg.find('\0') != std::string_view::npos) {
        return Fail(res, 404, "no such file: " + std::string(path));
      }
      i = end + 1;
    }
    std::filesystem::path file = std::filesystem::path(options.web_dir) / rel;
    std::error_code ec;
    std::ifstream in(file, std::ios::binary);
    if (!in || !std::filesystem::is_regular_file(file, ec)) {
      return Fail(res, 404, "no such file: " + std::string(path));
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.set_content(std::move(bytes), ContentTypeOf(rel));
    return;
  }
  auto it = web_files.find(rel);
  if (it == web_files.end()) {
    if (rel == "index.html") {
      res.set_content(kNoUiPage, "text/html; charset=utf-8");
      return;
    }
    return Fail(res, 404, "no such file: " + std::string(path));
  }
  res.set_content(it->second.data(), it->second.size(), ContentTypeOf(rel));
}

Result<std::unique_ptr<Server>> Server::Start(const ServeOptions& options) {
  if (options.db.empty() || options.db == ":memory:") {
    return Status::InvalidArgument(
        "serve needs a store file (--db PATH): readers open their own "
        "connections to it");
  }
  if (!options.web_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(options.web_dir, ec)) {
      return Status::InvalidArgument("--web-dir " + options.web_dir +
                                     " is not a folder");
    }
  }
  auto impl = std::make_unique<Impl>(options);
  WriterOptions wo;
  wo.annotate = options.annotate;
  wo.commit_interval = options.commit_interval;
  wo.quiet = options.quiet;
  ASSIGN_OR_RETURN(impl->writer, IngestWriter::Start(options.db, wo, &impl->metrics));
  impl->readers = std::make_unique<ReaderPool>(options.db);
  // A reader now, so a store readers cannot open fails here, not later.
  ASSIGN_OR_RETURN(std::unique_ptr<ReaderPool::Reader> first, impl->readers->Take());
  impl->readers->Give(std::move(first));
  for (const EmbeddedFile& f : EmbeddedWebFiles()) {
    impl->web_files.emplace(std::string(f.path), f.content);
  }
  impl->Install();
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.host);
  } else if (impl->http.bind_to_port(options.host, options.port)) {
    impl->port = options.port;
  } else {
    impl->port = -1;
  }
  if (impl->port <= 0) {
    return Status::IoError("cannot listen on " + options.host + ":" +
                           std::to_string(options.port) +
                           " (address in use, not an address of this "
                           "machine, or a port that needs privileges)");
  }
  Impl* p = impl.get();
  impl->listener = std::thread([p] { p->http.listen_after_bind(); });
  // httplib's stop() does nothing until the loop runs: wait for it, so
  // that a Stop() right after Start() cannot be lost.
  while (!impl->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

int Server::port() const { return impl_->port; }

IngestWriter& Server::writer() { return *impl_->writer; }

void Server::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  // httplib stops accepting, and its pool finishes the requests in hand
  // before listen_after_bind returns.
  impl_->http.stop();
  if (impl_->listener.joinable()) impl_->listener.join();
  impl_->writer->Stop();
}

}  // namespace newsloom
