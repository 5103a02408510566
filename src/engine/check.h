// `newsloom check`: is a store sound? Three checks, each reported apart:
//
//   pages   SQLite's own check of the file (Store::CheckPages): damage a
//           disk, a copy taken mid-write or a foreign writer left, which
//           otherwise shows only when a command reads the damaged page
//   rows    the store's rows agree with each other (RowInconsistencies):
//           articles numbered 1..N without gaps, their title, text,
//           source, url and authors valid UTF-8 (byte offsets count
//           UTF-8; "article 7: its text is not valid UTF-8 (byte 12)"),
//           every article's event
//           listed under a story, every event and story counting and
//           spanning what it holds (its instants, and its outlets' local
//           times: a dated row of a store of schema 12 without them is a
//           disagreement, one of 11 or older may lack them) and titled
//           after one of its own, and
//           none recorded as merged into another (Store::MergedInto)
//   search  the full-text index search reads holds every article once, as
//           it was indexed (Store::CheckTextIndex)
//   state   the saved clustering and duplicate state decodes, as the next
//           `ingest`, `watch` or `serve` will need it to (if not,
//           Engine::ForgetSavedState is the way out)
//
//   ASSIGN_OR_RETURN(StoreCheck c, CheckStore(store, /*quick=*/false));
//   if (!c.ok()) ... c.pages, c.rows, c.search, c.state ...
//
// Reads every article once (its text included): about as long as reading
// the store's file. Read-only: it never changes the store and needs no
// writer lock, so it may run beside a writing `serve`; the rows and state
// are read in one snapshot (Store::BeginSnapshot), so what is committed
// meanwhile is not seen, and cannot show as a disagreement.
#ifndef NEWSLOOM_ENGINE_CHECK_H_
#define NEWSLOOM_ENGINE_CHECK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/engine.h"
#include "store/store.h"

namespace newsloom {

struct StoreCheck {
  // Store::CheckPages: nullopt on PostgreSQL, whose server checks its pages.
  std::optional<std::vector<std::string>> pages;
  std::vector<std::string> rows;  // RowInconsistencies
  // Store::CheckTextIndex: nullopt where the store keeps no index of ours.
  std::optional<std::vector<std::string>> search;
  Status state;                   // Engine::CheckSavedState
  int64_t articles = 0, events = 0, stories = 0;
  bool ok() const {
    return (!pages || pages->empty()) && rows.empty() && (!search || search->empty()) &&
           state.ok();
  }
};

// Runs the four checks. `quick`: PRAGMA quick_check instead of
// integrity_check, and the full-text index's entries are not read. Rows that cannot be read are one line of `rows`.
// Errors: a file SQLite cannot check at all (Store::CheckPages's).
Result<StoreCheck> CheckStore(Store& store, bool quick,
                              const EngineOptions& options = {});

// What the store says of its events and stories that disagrees with its
// articles (see above), one line each; empty when all agree. Copies count
// in no event (one voice each); `events` and `stories` get the numbers
// listed when not null.
Result<std::vector<std::string>> RowInconsistencies(Store& store, int64_t* events = nullptr,
                                                    int64_t* stories = nullptr);

}  // namespace newsloom

#endif  // NEWSLOOM_ENGINE_CHECK_H_
