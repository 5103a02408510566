// Crash safety of `newsloom ingest` (issue 10): the real binary ingests a
// few thousand synthetic articles and is killed with SIGKILL at random
// moments (a seeded generator picks them relative to the run's progress,
// see the test), then restarted on the same store, 24 times, and finally
// allowed to finish. After every kill the store
// must pass SQLite's integrity check and every article in it must be whole:
// its row byte-exact, its event and story rows present, no orphan duplicate
// row. Articles committed before a kill are never lost. The finished store
// must hold every article exactly once, in the order an uninterrupted run
// stores them (same seqs): a restart continues the stream where the last
// commit left it.
//
// And the events: every article in the same event and story as in the
// uninterrupted run. (This held only once the saved clustering state kept
// the inverted index as it is, format version 4: rebuilt from pruned
// centroids it gave a restored clusterer other candidates, and at seed 10
// article 2,626 joined event 533 where the uninterrupted run opened 574.)
//
// CTest label `integration`: it runs the binary some thirty times (about
// 25 s on the 2-core VM beside other builds), so the quick loop (`-L unit`)
// and the sanitizer pass skip it. It prints a line "[ crash ] N kills ..."
// with the articles stored after each kill.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cli/crash_oracle.h"
#include "synth_stream.h"

namespace newsloom {
namespace {

using namespace crash_oracle;
using Clock = std::chrono::steady_clock;

constexpr uint64_t kArticles = 4000;
constexpr uint64_t kStreamSeed = 10;
constexpr int kKills = 24;  // issue 10 asks for at least 20
constexpr uint64_t kKillSeed = 20261202;
// Small transactions give many commit boundaries for a kill to land near
// (40 here), and small read batches interleave reading with writing, as a
// large input does with the default batch of 50,000.
constexpr int kCommitEvery = 100;
constexpr char kBatch[] = "500";
// The clustering state is saved every fifth commit: a kill between two
// saves leaves up to 400 committed articles for the restart to replay
// (Engine::Open), and a kill at a save lands in its transaction.
constexpr char kStateEvery[] = "500";

// The input: kArticles of the synthetic stream as JSONL, and each article's
// title and text by its input id, to check stored rows against.
struct Input {
  fs::path jsonl;
  InputTexts by_id;
};

Input WriteInput(const fs::path& dir) {
  Input in;
  in.jsonl = dir / "stream.jsonl";
  SynthOptions options;
  options.seed = kStreamSeed;
  auto stream = SynthStream::Create(options);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  std::ofstream out(in.jsonl, std::ios::binary);
  for (uint64_t i = 0; i < kArticles; ++i) {
    Article a = (*stream)->Next();
    out << ToJsonLine(a) << "\n";
    in.by_id[a.external_id] = {a.title, a.text};
  }
  return in;
}

// Starts `newsloom ingest JSONL --db DB` with its output appended to `log`.
pid_t StartIngest(const fs::path& jsonl, const fs::path& db,
                  const fs::path& log) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  dup2(fd, STDOUT_FILENO);
  dup2(fd, STDERR_FILENO);
  execl(NEWSLOOM_BINARY, NEWSLOOM_BINARY, "ingest", jsonl.c_str(), "--db",
        db.c_str(), "--commit-every", std::to_string(kCommitEvery).c_str(),
        "--batch", kBatch, "--state-every", kStateEvery,
        "--quiet", static_cast<char*>(nullptr));
  _exit(127);
}

// Waits until the running ingest has committed more than `stored`
// articles (or has ended).
void WaitForACommit(pid_t pid, const fs::path& db, int64_t stored) {
  while (!HasEnded(pid) && (!fs::exists(db) || CommittedArticles(db) <= stored)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Runs an ingest to its end; returns its exit code.
int RunIngest(const fs::path& jsonl, const fs::path& db, const fs::path& log) {
  return Wait(StartIngest(jsonl, db, log)).code;
}

// What must not depend on where the kills fell: which articles are
// stored, and in which order.
std::vector<StoreReader::Row> StoredOrder(const fs::path& db) {
  return StoreReader(db).Rows(
      "SELECT seq, external_id, id FROM articles ORDER BY seq");
}

// The events and stories every article went to, in storing order.
std::vector<StoreReader::Row> Grouping(const fs::path& db) {
  return StoreReader(db).Rows(
      "SELECT a.seq, a.event_id, e.story_id FROM articles a"
      " JOIN events e ON e.id = a.event_id ORDER BY a.seq");
}

TEST(IngestCrashTest, SurvivesRandomKillsAndFinishesWithoutDuplicates) {
  TempDir dir;
  const Input in = WriteInput(dir.path());
  const fs::path log = dir.path() / "ingest.log";

  // An uninterrupted run: the expected store, and how long a run takes;
  // then the same ingest again, which stores nothing new, and how long
  // reading and skipping everything takes.
  const fs::path reference = dir.path() / "reference.db";
  auto timed = [&](const fs::path& store) {
    const Clock::time_point t0 = Clock::now();
    EXPECT_EQ(RunIngest(in.jsonl, store, log), 0) << LogTail(log);
    return std::chrono::duration<double>(Clock::now() - t0).count();
  };
  const double run_seconds = timed(reference);
  const double skip_seconds = timed(reference);
  ASSERT_EQ(CheckStore(reference, in.by_id, "reference run"),
            static_cast<int64_t>(kArticles));

  // Kill moments, drawn from a seeded generator. One kill in four falls at
  // a random moment of the time a run takes to open the store and to read
  // and skip what is stored (about skip_seconds * stored / kArticles).
  // The others wait until the run has
  // committed its first transaction (so it is writing), then fall at a
  // random moment of about the next transaction: mid-insert, mid-commit,
  // mid-checkpoint. Waiting for progress rather than guessing it from the
  // clock keeps the kills inside the ingest however loaded the machine.
  const double transaction_seconds =
      std::max(run_seconds - skip_seconds, 0.0) * kCommitEvery / kArticles;
  const fs::path db = dir.path() / "crash.db";
  std::mt19937_64 rng(kKillSeed);
  std::uniform_real_distribution<double> moment(0.0, 1.0);
  int kills = 0, finished = 0, kills_mid_ingest = 0;
  int64_t stored = 0;
  std::string progress;  // articles stored after each attempt
  for (int attempt = 0; kills < kKills && attempt < 2 * kKills; ++attempt) {
    const pid_t pid = StartIngest(in.jsonl, db, log);
    double delay = moment(rng);
    if (delay < 0.25) {
      delay = moment(rng) * skip_seconds * stored / kArticles;
    } else {
      WaitForACommit(pid, db, stored);
      delay = moment(rng) * transaction_seconds;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    kill(pid, SIGKILL);
    const Ended e = Wait(pid);
    if (e.killed) {
      ++kills;
    } else {
      ++finished;
      ASSERT_EQ(e.code, 0) << "ingest failed on restart:\n" << LogTail(log);
    }
    if (!fs::exists(db)) continue;  // killed before it created the file
    const int64_t now = CheckStore(
        db, in.by_id, "after attempt " + std::to_string(attempt) + " (" +
                    std::to_string(delay) + " s)");
    EXPECT_GE(now, stored) << "committed articles were lost";
    // Killed after this run had committed some articles, before the end.
    if (e.killed && now > stored && now < static_cast<int64_t>(kArticles)) {
      ++kills_mid_ingest;
    }
    progress += " " + std::to_string(now);
    stored = now;
  }
  EXPECT_GE(kills, 20) << finished << " runs ended before their kill";

  ASSERT_EQ(RunIngest(in.jsonl, db, log), 0) << LogTail(log);
  EXPECT_EQ(CheckStore(db, in.by_id, "finished"), static_cast<int64_t>(kArticles));
  EXPECT_TRUE(StoredOrder(db) == StoredOrder(reference))
      << "the killed and restarted ingest stored other articles, or in "
         "another order, than an uninterrupted one";
  EXPECT_TRUE(Grouping(db) == Grouping(reference))
      << "the killed and restarted ingest grouped articles other than an "
         "uninterrupted one";
  std::cout << "[ crash ] " << kills << " kills (" << kills_mid_ingest
            << " after the run had committed articles; " << finished
            << " runs ended before their kill), one uninterrupted run "
            << run_seconds << " s; articles stored after each:" << progress
            << "\n";
}

}  // namespace
}  // namespace newsloom
