// The counters of `newsloom serve`, rendered for GET /metrics in the
// Prometheus text exposition format (version 0.0.4):
//
//   newsloom_http_requests_total{path="/api/stories",status="200"} 1234
//   newsloom_errors_total{code="bad_request"} 3
//   newsloom_articles_ingested_total 500
//   newsloom_ingest_seconds_bucket{le="0.05"} 12   (+ _sum, _count)
//   newsloom_stories 42
//   newsloom_http_request_seconds_bucket{le="0.001"} 9000  (+ _sum, _count)
//   newsloom_answer_cache_total{result="hit"} 800   (and result="miss")
//
// `path` is the route's pattern ("/api/stories/{id}"), never the raw
// path, so a client cannot grow the label set; paths that match no route
// count as "other".
//
// Thread safety: every method may be called from any thread.
#ifndef NEWSLOOM_SERVE_METRICS_H_
#define NEWSLOOM_SERVE_METRICS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace newsloom {

class Metrics {
 public:
  // Upper bounds (seconds) of the ingest latency histogram's buckets; the
  // last bucket, +Inf, is implied.
  static constexpr std::array<double, 11> kIngestBuckets = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // Upper bounds (seconds) of the read time histogram's buckets: the time
  // from routing a GET or HEAD request to its answer being ready, not
  // counting the network or httplib's parsing (POSTs wait for a commit,
  // and have newsloom_ingest_seconds).
  static constexpr std::array<double, 12> kRequestBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

  // One answered HTTP request.
  void CountRequest(std::string_view route, int status);
  // How long the server took to answer one GET or HEAD request.
  void ObserveRequestSeconds(double seconds);
  // One error answer, by its stable code (docs/api.md).
  void CountError(std::string_view code);
  // Articles newly stored (not those already present).
  void CountIngested(size_t articles);
  // The time one ingest request took, from its arrival to its commit.
  void ObserveIngestSeconds(double seconds);
  // One cacheable GET answer: given from the answer cache (hit), or made.
  void CountAnswerCache(bool hit);

  // The exposition text; `stories` is the store's story count now.
  std::string Render(int64_t stories) const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, uint64_t> errors_;
  uint64_t ingested_ = 0;
  uint64_t cache_hits_ = 0;
  uint64_t cache_misses_ = 0;
  std::array<uint64_t, kIngestBuckets.size()> buckets_{};  // not cumulative
  uint64_t ingest_count_ = 0;
  double ingest_sum_ = 0;
  std::array<uint64_t, kRequestBuckets.size()> request_buckets_{};
  uint64_t request_count_ = 0;
  double request_sum_ = 0;
};

}  // namespace newsloom

#endif  // NEWSLOOM_SERVE_METRICS_H_
