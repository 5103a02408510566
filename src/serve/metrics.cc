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

void Metrics::ObserveIngestSeconds(double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < kIngestBuckets.size(); ++i) {
    if (seconds <= kIngestBuckets[i]) {
      ++buckets_[i];
      break;
    }
  }
  ++ingest_count_;
  ingest_sum_ += seconds;
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
  out << "# HELP newsloom_ingest_seconds Time from an ingest request's arrival to its commit.\n"
         "# TYPE newsloom_ingest_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kIngestBuckets.size(); ++i) {
    cumulative += buckets_[i];
    out << "newsloom_ingest_seconds_bucket{le=\"" << Number(kIngestBuckets[i])
        << "\"} " << cumulative << "\n";
  }
  out << "newsloom_ingest_seconds_bucket{le=\"+Inf\"} " << ingest_count_ << "\n"
      << "newsloom_ingest_seconds_sum " << Number(ingest_sum_) << "\n"
      << "newsloom_ingest_seconds_count " << ingest_count_ << "\n";
  out << "# HELP newsloom_stories Stories in the store.\n"
         "# TYPE newsloom_stories gauge\n"
         "newsloom_stories "
      << stories << "\n";
  return out.str();
}

}  // namespace newsloom
