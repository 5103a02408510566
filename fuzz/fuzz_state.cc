// The clustering and duplicate-detection states a store keeps (its `state`
// table, src/store/SCHEMA.md): a damaged or hostile store file hands these
// decoders arbitrary bytes. Byte 0 picks the decoder (odd: the clusterer's,
// even: the duplicate detector's); the rest is the blob.
//
// Decode either refuses the blob with a Status or gives an object that
// works: it encodes to bytes that decode again (the clusterer's to the same
// bytes; the duplicate detector's to as many bytes and the same answers),
// and it takes one more article (matched and added, clustered)
// and encodes after that too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cluster/online_clusterer.h"
#include "dedup/detector.h"

namespace {

using namespace newsloom;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "fuzz_state: %s\n", what);
  std::abort();
}

void Clusterer(std::string_view blob) {
  Result<std::unique_ptr<OnlineClusterer>> c = OnlineClusterer::Decode(blob);
  if (!c.ok()) return;
  const std::string once = (*c)->Encode();
  Result<std::unique_ptr<OnlineClusterer>> again = OnlineClusterer::Decode(once);
  if (!again.ok()) Fail("a clusterer state it wrote does not decode");
  if ((*again)->Encode() != once) Fail("a clusterer state does not round-trip");
  ClusterInput in;
  in.time = 1709000000;
  in.time_offset = 60;
  in.lang = "en";
  in.title = "Leaders meet in Paris on Ukraine";
  in.title_words = {"leader", "meet", "pari", "ukrain"};
  in.words = {"leader", "meet", "pari", "ukrain", "confer", "aid", "leader"};
  in.lede_words = {"leader", "meet", "pari"};
  in.names = {"paris", "ukraine", "macron"};
  in.times = {"md:02-26", "wd:1"};
  in.numbers = {"20"};
  in.title_dates = {"md:02-26"};
  in.line_keys = {OutletLineKey("example.org", "Sign up for our newsletter today")};
  (*c)->IsOutletLine(in.line_keys[0]);
  const Assignment a = (*c)->Add(in);
  if (a.event_id <= 0 || a.story_id <= 0) Fail("an article placed in no event");
  (*c)->TakeChanges();
  // Decode bounds the id and article counters and the article counts at
  // 2^62, which no stream reaches; a damaged blob may hold one right at
  // the bound, and the article just added carries it over. That state is
  // refused for exactly that reason (the damage is reported one article
  // later); any other refusal is a bug.
  Result<std::unique_ptr<OnlineClusterer>> after = OnlineClusterer::Decode((*c)->Encode());
  if (!after.ok()) {
    const std::string why = after.status().ToString();
    if (why.find("counters out of range") == std::string::npos &&
        why.find("counts out of range") == std::string::npos) {
      Fail("the clusterer's state after one more article does not decode");
    }
  }
}

void Detector(std::string_view blob) {
  Result<std::unique_ptr<DuplicateDetector>> d = DuplicateDetector::Decode(blob);
  if (!d.ok()) return;
  // The index's table is saved in slot order, which depends on the
  // table's size and history (a decoded table is sized for its entries and
  // filled in the saved order, so runs that wrapped around its end land
  // elsewhere): the bytes of a round trip may be in another order, but
  // hold the same entries (so as many bytes), and the two detectors give
  // the same answers.
  const std::string once = (*d)->Encode();
  Result<std::unique_ptr<DuplicateDetector>> again = DuplicateDetector::Decode(once);
  if (!again.ok() || (*again)->Encode().size() != once.size()) {
    Fail("a duplicate-detector state does not round-trip");
  }
  Signature sig;
  (*d)->Sign("Leaders meet in Paris",
             "Leaders of twenty countries met in Paris on Monday to discuss "
             "more aid for Ukraine, the French president said.",
             &sig);
  const DuplicateMatch m = (*d)->Match(sig);
  const DuplicateMatch m2 = (*again)->Match(sig);
  if (m.kind != m2.kind || m.canonical != m2.canonical ||
      m.matched != m2.matched || m.similarity != m2.similarity) {
    Fail("a decoded duplicate detector answers otherwise");
  }
  (*d)->Add(sig, 1u << 30, m, 1709000000);
  if (!DuplicateDetector::Decode((*d)->Encode()).ok()) {
    Fail("the detector's state after one more article does not decode");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view blob(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    Clusterer(blob);
  } else {
    Detector(blob);
  }
  return 0;
}
