#include "serve/metrics.h"

#include <cstdio>
#include <sstream>

namespace newsloom {
namespace {

// Prometheus label values escape backslash, double quote and line feed.
std::string LabelValue(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

void Metrics::CountRequest(std::string_view route, int status) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{std::string(route), status}];
}

void Metrics::CountError(std::string_view code) {
  std::lock_guard<std::mutex> lock(mu_);
  ++errors_[std::string(code)];
}

void Metrics::CountIngested(size_t articles) {
  std::lock_guard<std::mutex> lock(mu_);
  ingested_ += articles;
}

namespace {

// Counts `seconds` in the first bucket whose bound holds it (none: +Inf).
template <size_t N>
void Observe(const std::array<double, N>& bounds, std::array<uint64_t, N>& counts,
             double seconds) {
  for (size_t i = 0; i < N; ++i) {
    if (seconds <= bounds[i]) {
      ++counts[i];
      return;
    }
  }
}

template <size_t N>
void RenderHistogram(std::ostream& out, const char* name,
                     const std::array<double, N>& bounds,
                     const std::array<uint64_t, N>& counts, uint64_t count,
                     double sum) {
  uint64_t cumulative = 0;
  for (size_t i = 0; i < N; ++i) {
    cumulative += counts[i];
    out << name << "_bucket{le=\"" << Number(bounds[i]) << "\"} " << cumulative << "\n";
  }
  out << name << "_bucket{le=\"+Inf\"} " << count << "\n"
      << name << "_sum " << Number(sum) << "\n"
      << name << "_count " << count << "\n";
}

}  // namespace

void Metrics::ObserveIngestSeconds(double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  Observe(kIngestBuckets, buckets_, seconds);
  ++ingest_count_;
  ingest_sum_ += seconds;
}

void Metrics::CountAnswerCache(bool hit) {
  std::lock_guard<std::mutex> lock(mu_);
  ++(hit ? cache_hits_ : cache_misses_);
}

void Metrics::ObserveRequestSeconds(double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  Observe(kRequestBuckets, request_buckets_, seconds);
  ++request_count_;
  request_sum_ += seconds;
}

std::string Metrics::Render(int64_t stories) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  out << "# HELP newsloom_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE newsloom_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "newsloom_http_requests_total{path=\"" << LabelValue(key.first)
        << "\",status=\"" << key.second << "\"} " << n << "\n";
  }
  out << "# HELP newsloom_errors_total Error answers, by their code.\n"
         "# TYPE newsloom_errors_total counter\n";
  for (const auto& [code, n] : errors_) {
    out << "newsloom_errors_total{code=\"" << LabelValue(code) << "\"} " << n
        << "\n";
  }
  out << "# HELP newsloom_articles_ingested_total Articles newly stored through this server.\n"
         "# TYPE newsloom_articles_ingested_total counter\n"
         "newsloom_articles_ingested_total "
      << ingested_ << "\n";
  out << "# HELP newsloom_answer_cache_total Cacheable GET answers given from "
         "the answer cache (hit) or made (miss).\n"
         "# TYPE newsloom_answer_cache_total counter\n"
         "newsloom_answer_cache_total{result=\"hit\"} "
      << cache_hits_ << "\n"
      << "newsloom_answer_cache_total{result=\"miss\"} " << cache_misses_ << "\n";
  out << "# HELP newsloom_ingest_seconds Time from an ingest request's arrival to its commit.\n"
         "# TYPE newsloom_ingest_seconds histogram\n";
  RenderHistogram(out, "newsloom_ingest_seconds", kIngestBuckets, buckets_,
                  ingest_count_, ingest_sum_);
  out << "# HELP newsloom_http_request_seconds Time to answer a GET or HEAD request, from routing to the answer.\n"
         "# TYPE newsloom_http_request_seconds histogram\n";
  RenderHistogram(out, "newsloom_http_request_seconds", kRequestBuckets,
                  request_buckets_, request_count_, request_sum_);
  out << "# HELP newsloom_stories Stories in the store.\n"
         "# TYPE newsloom_stories gauge\n"
         "newsloom_stories "
      << stories << "\n";
  return out.str();
}

}  // namespace newsloom
