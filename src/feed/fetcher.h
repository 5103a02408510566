// Fetcher: gets the bytes of a feed or a page, politely and within limits.
//
//   Fetcher fetcher;                       // FetchOptions() defaults
//   Result<FetchResult> r = fetcher.Fetch(url, {.etag = saved_etag});
//   if (!r.ok()) std::cerr << r.status().ToString() << "\n";  // names url
//   else if (r->not_modified) ...          // 304: nothing new
//   else Use(r->body, r->content_type);
//
// Addresses: http:// and https:// go through libcurl (Debian's
// libcurl4-openssl); file:// URLs and plain paths are read from disk with
// the same size cap. Redirects are followed up to max_redirects, and only
// to http(s) (a server cannot redirect us to file://). Responses may be
// gzip/deflate/brotli-compressed; the size cap applies to the bytes after
// decompression, so a small compressed bomb is stopped too.
//
// Conditional GET: pass the ETag and Last-Modified of the last good
// response in Validators; they go out as If-None-Match and
// If-Modified-Since, and a 304 answer is FetchResult::not_modified (not an
// error). The validators of a 200 answer come back in FetchResult.
//
// Politeness: requests to the same host are spaced at least
// per_host_delay apart (Fetch sleeps when needed); the User-Agent names
// newsloom.
//
// Errors (IoError unless noted), each one line starting "URL: ":
//   "HTTP 500" (any status other than 2xx and 304; 4xx too)
//   "timed out after 1.0 s" (connect or total timeout)
//   "response is over the cap of N bytes; transfer aborted"
//   "more than N redirects"
//   "cannot connect: ..." and libcurl's other messages
//   NotFound / IoError for files that cannot be read; "not a regular file
//   (a FIFO); not read" for a path (symlinks followed) that is a FIFO,
//   directory, device or socket, which could block or never end (files
//   have no timeout); InvalidArgument for a scheme other than http, https
//   and file.
//
// Thread safety: a Fetcher is used by one thread at a time (its pacing
// table and curl handle are not locked). Separate Fetchers are
// independent.
#ifndef NEWSLOOM_FEED_FETCHER_H_
#define NEWSLOOM_FEED_FETCHER_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace newsloom {

// Every limit of a fetch, with its default.
struct FetchOptions {
  // Time to establish the TCP (and TLS) connection.
  std::chrono::milliseconds connect_timeout{10'000};
  // Time for the whole transfer, connect and redirects included.
  std::chrono::milliseconds total_timeout{30'000};
  // Largest body accepted, after decompression; larger transfers are
  // aborted. Feeds and news pages are far below it.
  size_t max_bytes = 16 << 20;
  // Redirects followed before giving up.
  int max_redirects = 5;
  // Minimum time between the starts of two requests to the same host.
  std::chrono::milliseconds per_host_delay{1'000};
  // Sent as User-Agent.
  std::string user_agent =
      "newsloom/0.1 (news clustering; feed reader; "
      "+https://example.invalid/newsloom)";
  // When given and true, a transfer in progress is aborted (IoError
  // "stopped") within about a second (libcurl's progress callback), and
  // the wait between two requests to a host within 0.1 s: a signal does
  // not wait for a slow server or --host-delay.
  std::function<bool()> stopping;
};

// The validators of an earlier response; empty strings are not sent.
struct Validators {
  std::string etag;           // sent as If-None-Match
  std::string last_modified;  // sent as If-Modified-Since, verbatim
};

struct FetchResult {
  // 304 Not Modified: `body` is empty and the validators are the ones sent.
  bool not_modified = false;
  int http_status = 0;        // 0 for files
  std::string body;           // decompressed
  std::string content_type;   // the Content-Type header, or ""
  std::string etag;           // ETag of the response, or ""
  std::string last_modified;  // Last-Modified of the response, or ""
  std::string final_url;      // after redirects; the input for files
};

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Fetches `url` (see the file comment). Sleeps first if the last request
  // to the same host started less than per_host_delay ago.
  Result<FetchResult> Fetch(std::string_view url,
                            const Validators& validators = {});

  const FetchOptions& options() const { return options_; }

  // Whether the last Fetch() failed in a way that may pass: a timeout, a
  // connection that could not be made or broke, HTTP 408, 429 or 5xx, or
  // `stopping`. False after a success and for failures that will not pass
  // by asking again (404, 410, over the cap, too many redirects, a bad
  // address, a missing file).
  bool last_failure_transient() const { return transient_; }

 private:
  Result<FetchResult> FetchHttp(const std::string& url,
                                const Validators& validators);
  void WaitForHost(const std::string& url);

  FetchOptions options_;
  bool transient_ = false;
  void* curl_ = nullptr;  // one CURL easy handle, reused (keeps connections)
  std::map<std::string, std::chrono::steady_clock::time_point> last_request_;
};

// True for http:// and https:// addresses (any case).
bool IsHttpUrl(std::string_view url);

}  // namespace newsloom

#endif  // NEWSLOOM_FEED_FETCHER_H_
