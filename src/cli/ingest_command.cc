// `newsloom ingest` and `newsloom cluster`: read inputs, cluster, store.
#include <iostream>

#include "cli/commands.h"
#include "cli/render.h"
#include "engine/engine.h"
#include "ingest/reader.h"

namespace newsloom {
namespace {

struct IngestTotals {
  ReadStats read;
  size_t added = 0;
  size_t already_present = 0;
  Status fatal;  // a store failure stops the run
};

// Sorts and adds one batch; records the first store failure.
void AddBatch(Engine& engine, std::vector<Article>* batch, IngestTotals* t) {
  if (!t->fatal.ok()) {
    batch->clear();
    return;
  }
  t->fatal = AddArticles(engine, batch, &t->added, &t->already_present);
}

IngestTotals IngestInto(Engine& engine, const IngestOptions& o) {
  IngestTotals t;
  std::vector<Article> batch;
  t.read = ReadInputs(
      o.inputs, o.read,
      [&](Article&& a) {
        batch.push_back(std::move(a));
        if (batch.size() >= o.batch) AddBatch(engine, &batch, &t);
      },
      [&](const IngestError& e) {
        std::cerr << "newsloom: " << e.ToString() << "\n";
      },
      [&](const IngestNote& n) {
        if (!o.quiet) std::cerr << "newsloom: " << n.ToString() << "\n";
      });
  AddBatch(engine, &batch, &t);
  if (t.fatal.ok()) t.fatal = engine.Flush();
  return t;
}

int Finish(const IngestTotals& t, bool quiet) {
  if (!t.fatal.ok()) {
    std::cerr << "newsloom: " << t.fatal.ToString() << "\n";
    return kExitFatal;
  }
  if (!quiet) {
    std::cerr << "newsloom: " << t.added << " articles added, "
              << t.already_present << " already present, from "
              << t.read.files << " files; " << t.read.errors << " errors, "
              << t.read.warnings << " warnings";
    if (t.read.skipped_files) {
      std::cerr << ", " << t.read.skipped_files << " files of other types skipped";
    }
    std::cerr << "\n";
  }
  return t.read.errors > 0 ? kExitPartial : kExitOk;
}

}  // namespace

Result<std::unique_ptr<Engine>> OpenEngine(const std::string& db,
                                           size_t commit_every) {
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(db));
  EngineOptions options;
  options.persist_state = db != ":memory:";
  options.commit_every = commit_every;
  return Engine::Open(std::move(store), options);
}

Status AddArticles(Engine& engine, std::vector<Article>* batch, size_t* added,
                   size_t* already_present) {
  SortForClustering(batch);
  Status s;
  for (Article& a : *batch) {
    Result<AddResult> r = engine.Add(std::move(a));
    if (!r.ok()) {
      s = r.status();
      break;
    }
    ++*(r->already_present ? already_present : added);
  }
  batch->clear();
  return s;
}

int RunIngest(const IngestOptions& o) {
  Result<std::unique_ptr<Engine>> engine = OpenEngine(o.db, o.commit_every);
  if (!engine.ok()) {
    std::cerr << "newsloom: " << engine.status().ToString() << "\n";
    return kExitFatal;
  }
  IngestTotals t = IngestInto(**engine, o);
  const int code = Finish(t, o.quiet);
  if (code == kExitFatal) {
    // Each transaction is all or nothing, and stored articles are skipped
    // on the next run, so the way out of any store failure is the same.
    std::cerr << "newsloom: the articles committed to " << o.db
              << " before the failure are kept; once that is fixed, run the "
                 "same ingest again: it skips what is stored and adds the "
                 "rest\n";
  } else if (!o.quiet) {
    Result<std::vector<StoryRow>> stories = (*engine)->store()->ListStories();
    Result<int64_t> n = (*engine)->store()->CountArticles();
    if (stories.ok() && n.ok()) {
      std::cerr << "newsloom: " << o.db << " now holds " << *n
                << " articles in " << stories->size() << " stories\n";
    }
  }
  return code;
}

int RunCluster(const ClusterCommandOptions& o) {
  Result<std::unique_ptr<Engine>> engine = OpenEngine(":memory:", o.ingest.commit_every);
  if (!engine.ok()) {
    std::cerr << "newsloom: " << engine.status().ToString() << "\n";
    return kExitFatal;
  }
  IngestTotals t = IngestInto(**engine, o.ingest);
  const int code = Finish(t, /*quiet=*/true);
  if (code == kExitFatal) return code;
  Store& store = *(*engine)->store();
  Status s;
  if (o.json) {
    Result<nlohmann::json> j = StoriesJson(store, 0);
    if (j.ok()) std::cout << j->dump(2) << "\n";
    s = j.status();
  } else {
    Result<std::vector<StoryRow>> rows = store.ListStories();
    s = rows.status();
    for (size_t i = 0; s.ok() && i < rows->size(); ++i) {
      s = PrintStoryTree(store, (*rows)[i], std::cout);
    }
  }
  if (!s.ok()) {
    std::cerr << "newsloom: " << s.ToString() << "\n";
    return kExitFatal;
  }
  return code;
}

}  // namespace newsloom
