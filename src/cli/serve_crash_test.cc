// Crash safety of `newsloom serve` under write load (issue 10): the real
// binary serves a store while a client POSTs batches of synthetic articles
// (JSONL bodies, with a bearer token), and is killed with SIGKILL at random
// moments after it has answered some of them, then restarted on the same
// store, 20 times. After every kill the store must pass the oracle of
// cli/crash_oracle.h (SQLite's integrity check; every article whole or
// absent) and must hold every article of every batch the server answered
// 200 to: an answered article is a committed one (serve/writer.h). The
// client resends from the first unanswered batch, as a real one would
// after a failed request. Finally one run gets every batch again, answers
// 200 to all, stops on SIGTERM with exit code 0, and the store holds every
// article exactly once.
//
// CTest label `integration` (it starts the server some twenty times).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/crash_oracle.h"
#include "synth_stream.h"

namespace newsloom {
namespace {

using namespace crash_oracle;
using Clock = std::chrono::steady_clock;

constexpr uint64_t kArticles = 1600;
constexpr size_t kBatch = 20;  // articles per POST
constexpr int kKills = 20;     // issue 10 asks for at least 20
constexpr uint64_t kStreamSeed = 11;
constexpr uint64_t kKillSeed = 20261203;
constexpr char kToken[] = "crash-test-token";

struct Input {
  std::vector<std::string> bodies;                   // JSONL, kBatch lines each
  std::vector<std::vector<std::string>> batch_ids;   // external ids per body
  InputTexts by_id;
};

Input MakeInput() {
  Input in;
  SynthOptions options;
  options.seed = kStreamSeed;
  auto stream = SynthStream::Create(options);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  for (uint64_t i = 0; i < kArticles; ++i) {
    if (i % kBatch == 0) {
      in.bodies.emplace_back();
      in.batch_ids.emplace_back();
    }
    Article a = (*stream)->Next();
    in.bodies.back() += ToJsonLine(a) + "\n";
    in.batch_ids.back().push_back(a.external_id);
    in.by_id[a.external_id] = {a.title, a.text};
  }
  return in;
}

// A port nothing listens on now (bound and released).
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// Starts `newsloom serve` on 127.0.0.1:port with its output appended to `log`.
pid_t StartServe(const fs::path& db, int port, const fs::path& token,
                 const fs::path& log) {
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  dup2(fd, STDOUT_FILENO);
  dup2(fd, STDERR_FILENO);
  execl(NEWSLOOM_BINARY, NEWSLOOM_BINARY, "serve", "--db", db.c_str(),
        "--listen", listen.c_str(), "--token-file", token.c_str(),
        static_cast<char*>(nullptr));
  _exit(127);
}

// Waits until the server answers /api/health; false if it ended or took
// more than 60 s.
bool WaitUntilServing(pid_t pid, int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(std::chrono::milliseconds(200));
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < deadline && !HasEnded(pid)) {
    if (auto r = client.Get("/api/health"); r && r->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Posts batches from *next on, in order, until one is not answered 200
// (the server was killed) or all are; *next is the first unanswered one.
void PostFrom(int port, const Input& in, std::atomic<size_t>* next,
              std::atomic<size_t>* answered_this_run) {
  httplib::Client client("127.0.0.1", port);
  client.set_bearer_token_auth(kToken);
  // Generous: the final run's requests carry ten batches each, and on a
  // loaded machine (the whole suite on two cores) one can take a minute.
  client.set_read_timeout(std::chrono::seconds(300));
  while (*next < in.bodies.size()) {
    auto r = client.Post("/api/articles", in.bodies[*next], "application/x-ndjson");
    if (!r || r->status != 200) {
      if (r) ADD_FAILURE() << "POST answered " << r->status << ": " << r->body;
      return;
    }
    ++*next;
    ++*answered_this_run;
  }
}

std::set<std::string> StoredIds(const fs::path& db) {
  std::set<std::string> ids;
  for (const StoreReader::Row& row : StoreReader(db).Rows("SELECT external_id FROM articles")) {
    ids.insert(row[0]);
  }
  return ids;
}

TEST(ServeCrashTest, SurvivesKillsUnderWriteLoadAndLosesNoAnsweredArticle) {
  TempDir dir("newsloom_serve_crash_");
  const Input in = MakeInput();
  const fs::path log = dir.path() / "serve.log";
  const fs::path token = dir.path() / "token";
  std::ofstream(token) << kToken << "\n";
  const fs::path db = dir.path() / "serve.db";

  std::mt19937_64 rng(kKillSeed);
  std::uniform_real_distribution<double> moment(0.0, 1.0);
  std::atomic<size_t> next{0};  // first batch not answered 200
  int kills = 0;
  std::string progress;
  for (int attempt = 0; kills < kKills && attempt < 2 * kKills; ++attempt) {
    if (next == in.bodies.size()) break;
    const int port = FreePort();
    const pid_t pid = StartServe(db, port, token, log);
    ASSERT_TRUE(WaitUntilServing(pid, port)) << "serve did not start:\n" << LogTail(log);
    std::atomic<size_t> answered{0};
    const Clock::time_point t0 = Clock::now();
    std::thread client([&] { PostFrom(port, in, &next, &answered); });
    // One kill in four falls while the first request of the run is in
    // flight; the others once the run has answered a batch, at a random
    // moment of about the next one: mid-request, mid-commit, mid-annotation.
    if (moment(rng) < 0.25) {
      std::this_thread::sleep_for(std::chrono::duration<double>(moment(rng) * 0.3));
    } else {
      while (answered == 0 && next < in.bodies.size() && !HasEnded(pid)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      const double per_batch = std::chrono::duration<double>(Clock::now() - t0).count() /
                               std::max<size_t>(answered, 1);
      std::this_thread::sleep_for(std::chrono::duration<double>(moment(rng) * per_batch));
    }
    kill(pid, SIGKILL);
    const Ended e = Wait(pid);
    client.join();
    ASSERT_TRUE(e.killed) << "serve ended by itself:\n" << LogTail(log);
    ++kills;

    const std::string when = "after kill " + std::to_string(kills);
    const int64_t stored = CheckStore(db, in.by_id, when);
    const std::set<std::string> ids = StoredIds(db);
    for (size_t b = 0; b < next; ++b) {
      for (const std::string& id : in.batch_ids[b]) {
        if (ids.count(id) == 0) {
          ADD_FAILURE() << when << ": article " << id << " of answered batch " << b
                        << " is missing";
        }
      }
    }
    progress += " " + std::to_string(stored);
  }
  EXPECT_GE(kills, 20);

  // Everything again, to a server that is let finish: the answered
  // articles are already present, the rest are added, none twice.
  next = 0;
  const int port = FreePort();
  const pid_t pid = StartServe(db, port, token, log);
  ASSERT_TRUE(WaitUntilServing(pid, port)) << LogTail(log);
  // In requests of ten batches: most are present already.
  Input whole;
  for (size_t b = 0; b < in.bodies.size(); ++b) {
    if (b % 10 == 0) whole.bodies.emplace_back();
    whole.bodies.back() += in.bodies[b];
  }
  std::atomic<size_t> answered{0};
  PostFrom(port, whole, &next, &answered);
  EXPECT_EQ(next.load(), whole.bodies.size());
  kill(pid, SIGTERM);
  const Ended e = Wait(pid);
  EXPECT_EQ(e.code, 0) << "serve did not stop cleanly on SIGTERM:\n" << LogTail(log);
  EXPECT_EQ(CheckStore(db, in.by_id, "finished"), static_cast<int64_t>(kArticles));
  std::cout << "[ crash ] " << kills << " kills of serve under write load; "
            << "articles stored after each:" << progress << "\n";
}

// Entity models that are not where the binary looks are said when serve
// starts (the pages that annotate would otherwise fall back to the
// heuristic without a word), and serve still runs.
TEST(ServeProcessTest, SaysAtStartWhenEntityModelsAreMissing) {
  TempDir dir("newsloom_serve_models_");
  const fs::path log = dir.path() / "serve.log";
  const fs::path token = dir.path() / "token";
  std::ofstream(token) << kToken << "\n";
  ASSERT_EQ(setenv("NEWSLOOM_NER_MODELS", (dir.path() / "no-models").c_str(), 1), 0);
  const int port = FreePort();
  const pid_t pid = StartServe(dir.path() / "serve.db", port, token, log);
  unsetenv("NEWSLOOM_NER_MODELS");
  ASSERT_TRUE(WaitUntilServing(pid, port)) << "serve did not start:\n" << LogTail(log);
  kill(pid, SIGTERM);
  EXPECT_EQ(Wait(pid).code, 0) << LogTail(log);
  std::stringstream said;
  said << std::ifstream(log).rdbuf();
  EXPECT_NE(said.str().find("newsloom: warning: no entity models (*.nermodel) in " +
                            (dir.path() / "no-models").string()),
            std::string::npos)
      << said.str();
}

}  // namespace
}  // namespace newsloom
