#include "feed/fetcher.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "base/ascii.h"
#include "base/utf8.h"
#include "ingest/byte_source.h"

namespace newsloom {
namespace {

Status UrlError(std::string_view url, std::string_view what) {
  return Status::IoError(std::string(url) + ": " + std::string(what));
}

std::string Seconds(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", ms.count() / 1000.0);
  return buf;
}

// The path of a file:// URL (only local, empty-host ones), or of a path.
std::string LocalPath(std::string_view url) {
  if (AsciiLowerCopy(url.substr(0, 7)) == "file://") return std::string(url.substr(7));
  return std::string(url);
}

// What a path that is not a regular file is, for messages.
const char* FileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a file";
}

// errno as OpenFileSource (ingest/byte_source.h) words it: NotFound
// "no such file or directory", IoError "permission denied".
Status FileOpenError(int err) {
  std::string msg = std::strerror(err);
  if (!msg.empty()) msg[0] = AsciiLower(msg[0]);
  return err == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
}

// Opens a regular file (symlinks followed) for reading. Anything else is
// refused: a FIFO or a terminal would block the poll forever (the
// timeouts are curl's; files have none) and /dev/zero would never end.
// O_NONBLOCK keeps open(2) itself from waiting for a FIFO's writer, and the
// check is on the descriptor opened, so nothing can be swapped in between.
Result<std::unique_ptr<ByteSource>> OpenRegularFile(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return FileOpenError(errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return FileOpenError(err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IoError(std::string("not a regular file (") +
                           FileKind(st.st_mode) + "); not read");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return NewFdSource(fd, /*owns_fd=*/true);
}

Result<FetchResult> FetchFile(std::string_view url, size_t max_bytes) {
  const std::string path = LocalPath(url);
  Result<std::unique_ptr<ByteSource>> src = OpenRegularFile(path);
  if (!src.ok()) return src.status().WithContext(url);
  FetchResult out;
  Result<bool> whole = ReadUpTo(**src, max_bytes, &out.body);
  if (!whole.ok()) return whole.status().WithContext(url);
  if (!*whole) {
    return UrlError(url, "file is over the cap of " +
                             std::to_string(max_bytes) + " bytes; not read");
  }
  out.final_url = std::string(url);
  return out;
}

// The body being received, and whether it outgrew the cap.
struct Sink {
  std::string* body;
  size_t max_bytes;
  bool over_cap = false;
};

size_t OnData(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * n;
  if (sink->body->size() + bytes > sink->max_bytes) {
    sink->over_cap = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  sink->body->append(data, bytes);
  return bytes;
}

std::string Header(CURL* curl, const char* name) {
  struct curl_header* h = nullptr;
  if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK ||
      h == nullptr || h->value == nullptr) {
    return "";
  }
  return std::string(TrimAscii(h->value));
}

// The host of an http(s) URL, lowercased; the whole URL when it has none.
std::string HostOf(const std::string& url) {
  std::string host = url;
  CURLU* u = curl_url();
  if (u == nullptr) return host;
  char* h = nullptr;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h != nullptr) {
    host = AsciiLowerCopy(h);
  }
  curl_free(h);
  curl_url_cleanup(u);
  return host;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

bool IsHttpUrl(std::string_view url) {
  const std::string head = AsciiLowerCopy(url.substr(0, 8));
  return head.starts_with("http://") || head.starts_with("https://");
}

Fetcher::Fetcher(FetchOptions options) : options_(std::move(options)) {
  GlobalInit();
}

Fetcher::~Fetcher() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void Fetcher::WaitForHost(const std::string& url) {
  const auto now = std::chrono::steady_clock::now();
  auto [it, first] = last_request_.try_emplace(HostOf(url), now);
  if (!first) {
    const auto ready = it->second + options_.per_host_delay;
    while (std::chrono::steady_clock::now() < ready &&
           !(options_.stopping && options_.stopping())) {
      std::this_thread::sleep_until(
          std::min(ready, std::chrono::steady_clock::now() + std::chrono::milliseconds(100)));
    }
    it->second = std::max(ready, now);
  }
}

Result<FetchResult> Fetcher::Fetch(std::string_view url,
                                   const Validators& validators) {
  transient_ = false;
  if (IsHttpUrl(url)) {
    const std::string u(TrimAscii(url));
    WaitForHost(u);
    return FetchHttp(u, validators);
  }
  const std::string scheme_end = AsciiLowerCopy(url.substr(0, 10));
  const size_t colon = scheme_end.find("://");
  if (colon != std::string::npos && scheme_end.substr(0, colon) != "file") {
    return Status::InvalidArgument(
        std::string(url) +
        ": unsupported address; use http://, https://, "
        "file:// or a path");
  }
  return FetchFile(url, options_.max_bytes);
}

Result<FetchResult> Fetcher::FetchHttp(const std::string& url,
                                       const Validators& validators) {
  if (curl_ == nullptr) curl_ = curl_easy_init();
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return UrlError(url, "libcurl could not start");
  curl_easy_reset(curl);

  FetchResult out;
  Sink sink{&out.body, options_.max_bytes};
  char error[CURL_ERROR_SIZE] = "";
  curl_slist* headers = nullptr;
  if (!validators.etag.empty()) {
    headers = curl_slist_append(headers,
                                ("If-None-Match: " + validators.etag).c_str());
  }
  if (!validators.last_modified.empty()) {
    headers = curl_slist_append(
        headers, ("If-Modified-Since: " + validators.last_modified).c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> free_headers(
      headers, curl_slist_free_all);

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS,
                   static_cast<long>(options_.max_redirects));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options_.max_bytes));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // all curl decodes
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);         // no SIGALRM in threads
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnData);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  if (options_.stopping) {
    // Called about once a second while idle and on every read: a true
    // `stopping` aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &options_.stopping);
    curl_easy_setopt(
        curl, CURLOPT_XFERINFOFUNCTION,
        +[](void* stopping, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> int {
          return (*static_cast<const std::function<bool()>*>(stopping))() ? 1 : 0;
        });
  }
  if (options_.stopping && options_.stopping()) {
    transient_ = true;
    return Status::IoError(url + ": stopped");
  }

  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    transient_ = true;
    return Status::IoError(url + ": stopped");
  }
  if (rc != CURLE_OK) {
    // Over the cap and too many redirects stay so; the network may not.
    transient_ = !(sink.over_cap || rc == CURLE_FILESIZE_EXCEEDED ||
                   rc == CURLE_TOO_MANY_REDIRECTS || rc == CURLE_URL_MALFORMAT ||
                   rc == CURLE_UNSUPPORTED_PROTOCOL);
    if (sink.over_cap || rc == CURLE_FILESIZE_EXCEEDED) {
      return UrlError(url, "response is over the cap of " +
                               std::to_string(options_.max_bytes) +
                               " bytes; transfer aborted");
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      return UrlError(url, "timed out after " +
                               Seconds(options_.total_timeout) +
                               " (connect timeout " +
                               Seconds(options_.connect_timeout) + ")");
    }
    if (rc == CURLE_TOO_MANY_REDIRECTS) {
      return UrlError(
          url,
          "more than " + std::to_string(options_.max_redirects) + " redirects");
    }
    std::string detail =
        error[0] ? std::string(TrimAscii(error)) : curl_easy_strerror(rc);
    if (rc == CURLE_COULDNT_CONNECT) detail = "cannot connect: " + detail;
    return UrlError(url, detail);
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  out.http_status = static_cast<int>(status);
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  out.final_url = effective ? effective : url;
  if (status == 304) {
    out.not_modified = true;
    out.body.clear();
    out.etag = validators.etag;
    out.last_modified = validators.last_modified;
    return out;
  }
  if (status < 200 || status > 299) {
    transient_ = status == 408 || status == 429 || status >= 500;
    return UrlError(url, "HTTP " + std::to_string(status));
  }
  out.content_type = Header(curl, "Content-Type");
  out.etag = Header(curl, "ETag");
  out.last_modified = Header(curl, "Last-Modified");
  return out;
}

}  // namespace newsloom
