#include "dedup/detector.h"

#include "base/coding.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsloom {
namespace {

// A fictional wire report, written for this test: five paragraphs.
const char kWireTitle[] = "Storm closes harbour bridge as river rises";
const char kWire[] =
    "The harbour bridge in Eastport was closed on Tuesday morning after the "
    "river rose above the warning mark for the first time in eleven years, "
    "the city council said.\n\n"
    "Engineers from the regional roads agency inspected the supports overnight "
    "and found debris piled against two of the piers, a council spokeswoman "
    "told reporters at a briefing outside the town hall.\n\n"
    "Traffic was diverted through the old quarter, where queues stretched for "
    "several kilometres during the morning rush. Buses to the airport ran with "
    "delays of up to forty minutes.\n\n"
    "Forecasters expect the rain to ease by Thursday, but warned that the "
    "river would keep rising until the weekend as water from the hills "
    "reaches the valley.\n\n"
    "Residents of the lower streets were advised to move cars and valuables to "
    "higher ground, and sandbags were handed out at three fire stations.";

const char kLocalParagraph[] =
    "In Northfield, the parish hall opened its doors to families who left "
    "their homes near the canal, and volunteers served soup until midnight. "
    "The school on Mill Lane will stay closed until further notice, its head "
    "teacher wrote to parents, and the Saturday market has been moved to the "
    "car park behind the library for as long as the square stays flooded.";

const char kLocalParagraph2[] =
    "Further downstream, the ferry between Eastport and the islands was "
    "suspended for the day, and the harbour master said that boats moored "
    "along the east quay should be checked by their owners before nightfall. "
    "Anglers were told to keep away from the weir, where the current had "
    "already carried off a footbridge and two wooden jetties.";

const char kOtherTitle[] = "Council approves budget for new library";
const char kOther[] =
    "After three hours of debate, councillors voted by a narrow majority to "
    "fund the new central library, which will open in two years on the site "
    "of the former bus depot. Opponents said the money should go to repairing "
    "roads instead, while supporters pointed to the growing number of "
    "students who use the reading rooms every evening.";

std::string Paragraphs(int from, int to) {
  std::string text = kWire, out;
  size_t start = 0;
  for (int i = 0; start != std::string::npos; ++i) {
    const size_t end = text.find("\n\n", start);
    if (i >= from && i < to) {
      if (!out.empty()) out += "\n\n";
      out += text.substr(start, end == std::string::npos ? end : end - start);
    }
    start = end == std::string::npos ? end : end + 2;
  }
  return out;
}

struct Seen {
  std::string title, text;
};

// Feeds `earlier` (keys 1, 2, ...) and returns the verdict on `last`.
DuplicateMatch Verdict(const std::vector<Seen>& earlier, const Seen& last,
                       const DedupOptions& options = {}) {
  DuplicateDetector d(options);
  Signature sig;
  uint64_t key = 1;
  for (const Seen& s : earlier) {
    d.Sign(s.title, s.text, &sig);
    d.Add(sig, key++, d.Match(sig), std::nullopt);
  }
  d.Sign(last.title, last.text, &sig);
  return d.Match(sig);
}

TEST(DuplicateDetectorTest, Kinds) {
  const Seen wire{kWireTitle, kWire};
  struct Case {
    const char* what;
    Seen article;
    DuplicateKind kind;
  };
  const std::string retyped = [] {
    std::string t = kWire;
    for (size_t p; (p = t.find("'")) != std::string::npos;)
      t.replace(p, 1, "’");
    return "  " + t + "\n";
  }();
  const std::string edited = [] {
    std::string t = kWire;
    t.replace(t.find("eleven years"), 12, "a decade");
    t.replace(t.find("forty minutes"), 13, "half an hour");
    return t;
  }();
  const Case kCases[] = {
      {"same words, other typography",
       {"STORM CLOSES HARBOUR BRIDGE AS RIVER RISES", retyped},
       DuplicateKind::kExact},
      // A new headline over a text this short (about 230 shingles): the
      // headline guard wants 250 shared shingles
      // (LongerStoryUnderANewHeadline).
      {"new headline, short text",
       {"Eastport bridge shut by flood", kWire},
       DuplicateKind::kNone},
      {"edited headline",
       {std::string(kWireTitle) + " - Valley Herald", kWire},
       DuplicateKind::kNear},
      {"two phrases edited", {kWireTitle, edited}, DuplicateKind::kNear},
      {"a local paragraph added",
       {kWireTitle, std::string(kWire) + "\n\n" + kLocalParagraph + "\n\n" +
                        kLocalParagraph2},
       DuplicateKind::kContains},
      {"the first three paragraphs",
       {kWireTitle, Paragraphs(0, 3)},
       DuplicateKind::kContained},
      {"unrelated", {kOtherTitle, kOther}, DuplicateKind::kNone},
      {"empty", {"", ""}, DuplicateKind::kNone},
      {"one word", {"", "Storm"}, DuplicateKind::kNone},
      {"the headline alone", {kWireTitle, ""}, DuplicateKind::kNone},
  };
  for (const Case& c : kCases) {
    const DuplicateMatch m = Verdict({wire}, c.article);
    EXPECT_EQ(DuplicateKindName(m.kind), DuplicateKindName(c.kind)) << c.what;
    if (m.is_duplicate()) {
      EXPECT_EQ(m.canonical, 1u) << c.what;
      EXPECT_EQ(m.matched, 1u) << c.what;
      EXPECT_GT(m.similarity, 0.6) << c.what;
      EXPECT_LE(m.similarity, 1.0) << c.what;
    }
  }
}

TEST(DuplicateDetectorTest, LongerStoryUnderANewHeadline) {
  const std::string text =
      std::string(kWire) + "\n\n" + kLocalParagraph + "\n\n" + kLocalParagraph2;
  const DuplicateMatch m =
      Verdict({{kWireTitle, text}}, {"Eastport bridge shut by flood", text});
  EXPECT_EQ(m.kind, DuplicateKind::kNear);
  EXPECT_GT(m.similarity, 0.9);
}

TEST(DuplicateDetectorTest, KindNamesRoundTrip) {
  for (DuplicateKind k :
       {DuplicateKind::kNone, DuplicateKind::kExact, DuplicateKind::kNear,
        DuplicateKind::kContains, DuplicateKind::kContained}) {
    EXPECT_EQ(ParseDuplicateKind(DuplicateKindName(k)), k);
  }
  EXPECT_EQ(ParseDuplicateKind("copy"), std::nullopt);
}

// Site-template pages: the same furniture under different headlines is
// not a copy; under one headline it is.
TEST(DuplicateDetectorTest, HeadlineGuardAgainstTemplatePages) {
  const std::string furniture =
      "Please sign in to continue reading. Create a free account to read "
      "three stories a month, or subscribe for unlimited access to our "
      "journalism on every device. Already a member? Log in with your email "
      "address and password below. Forgot your password? We will send you a "
      "link to reset it within a few minutes.";
  const DuplicateMatch other_headline =
      Verdict({{"Two injured in crash on ring road", furniture}},
              {"Council votes to close swimming pool", furniture});
  EXPECT_EQ(other_headline.kind, DuplicateKind::kNone);
  const DuplicateMatch same_headline =
      Verdict({{"Two injured in crash on ring road", furniture}},
              {"Two injured in crash on ring road", furniture});
  EXPECT_EQ(same_headline.kind, DuplicateKind::kExact);
  // A whole article under a new headline is still a copy (kinds above).
}

// A wire story another outlet published under its own headline is a copy
// at a length the guard refuses within one outlet or between articles of
// unknown outlets (fewer than 250 shared shingles); furniture shared
// between outlets (shorter than 150) is still not.
TEST(DuplicateDetectorTest, AShorterStoryReHeadlinedByAnotherOutlet) {
  std::string story;  // 200 words, none repeated
  for (int i = 0; i < 200; ++i) story += "w" + std::to_string(i * 7919 % 100003) + " ";
  const std::string furniture = story.substr(0, story.find("w" + std::to_string(90 * 7919 % 100003)));
  struct Case {
    const char* first_outlet;
    const char* second_outlet;
    const std::string* text;
    bool copy;
  } cases[] = {
      {"Wireline", "Harbour Post", &story, true},
      {"Wireline", "Wireline", &story, false},
      {"Wireline", "", &story, false},
      {"", "", &story, false},
      {"Wireline", "Harbour Post", &furniture, false},
  };
  for (const Case& c : cases) {
    DuplicateDetector d;
    Signature sig;
    d.Sign("Flash floods force hundreds from homes", *c.text, c.first_outlet, &sig);
    d.Add(sig, 1, d.Match(sig), 1700000000);
    d.Sign("Torrential rain floods towns in the south-east", *c.text, c.second_outlet, &sig);
    EXPECT_EQ(d.Match(sig).is_duplicate(), c.copy)
        << c.first_outlet << " / " << c.second_outlet << ", " << c.text->size() << " bytes";
    // The outlet is kept with the saved state.
    Result<std::unique_ptr<DuplicateDetector>> saved = DuplicateDetector::Decode(d.Encode());
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    EXPECT_EQ((*saved)->Match(sig).is_duplicate(), c.copy) << "after decoding";
  }
}

TEST(DuplicateDetectorTest, GroupsKeepTheFirstArticleAsCanonical) {
  DuplicateDetector d;
  Signature sig;
  std::vector<DuplicateMatch> matches;
  const std::vector<Seen> stream = {
      {kWireTitle, kWire},             // 1: canonical
      {kOtherTitle, kOther},           // 2: unrelated
      {kWireTitle, Paragraphs(0, 3)},  // 3: contained
      {std::string(kWireTitle) + " - Courier", Paragraphs(0, 3)},  // 4: ~3
      {kWireTitle, kWire},  // 5: exact of 1
  };
  uint64_t key = 1;
  for (const Seen& s : stream) {
    d.Sign(s.title, s.text, &sig);
    matches.push_back(d.Match(sig));
    d.Add(sig, key++, matches.back(), std::nullopt);
  }
  EXPECT_FALSE(matches[0].is_duplicate());
  EXPECT_FALSE(matches[1].is_duplicate());
  EXPECT_EQ(matches[2].canonical, 1u);
  EXPECT_EQ(matches[2].kind, DuplicateKind::kContained);
  // Article 4 is nearest to 3 but joins 3's group, and is compared with
  // the canonical when that pair passes too.
  EXPECT_EQ(matches[3].canonical, 1u);
  EXPECT_EQ(matches[3].matched, 1u);
  EXPECT_EQ(matches[3].kind, DuplicateKind::kContained);
  EXPECT_EQ(matches[4].canonical, 1u);
  EXPECT_EQ(matches[4].kind, DuplicateKind::kExact);
  EXPECT_EQ(matches[4].similarity, 1.0);
}

// A text repeated thousands of times: every copy still joins the first
// one's group, while the index holds each shared band for at most
// max_docs_per_band of them (unbounded, every copy collected and sorted
// all earlier ones: quadratic, 146 s for 20,000 copies in `ingest`).
TEST(DuplicateDetectorTest, ThousandsOfCopiesStayInOneGroupInBoundedWork) {
  DedupOptions options;
  options.max_docs_per_band = 8;
  DuplicateDetector d(options);
  Signature sig;
  for (uint64_t key = 1; key <= 3000; ++key) {
    d.Sign(kWireTitle, std::string(kWire) + " Copy " + std::to_string(key) + ".",
           &sig);
    const DuplicateMatch m = d.Match(sig);
    if (key == 1) {
      EXPECT_FALSE(m.is_duplicate());
    } else {
      ASSERT_TRUE(m.is_duplicate()) << key;
      EXPECT_EQ(m.canonical, 1u) << key;
    }
    d.Add(sig, key, m, std::nullopt);
  }
  // The band keeps the newest: after the first ones leave the window, a
  // copy still finds the group.
  DedupIndex index(options);
  std::vector<DedupIndex::DocId> candidates;
  for (int i = 0; i < 100; ++i) index.Add(sig, {});
  index.Candidates(sig, &candidates);
  ASSERT_EQ(candidates.size(), options.max_docs_per_band);
  EXPECT_EQ(candidates.front(), 100u - options.max_docs_per_band + 1);
  // Saved and read back, the table is the same, and so is eviction; saved
  // once more after the eviction, it reads back (the count of entries it
  // writes is the table's).
  auto round_trip = [&options](const DedupIndex& from) {
    std::string blob;
    Encoder e(&blob);
    from.Encode(&e);
    DedupIndex to(options);
    Decoder d(blob);
    EXPECT_EQ(to.Decode(&d, 3), DedupIndex::DecodeResult::kOk);
    return to;
  };
  DedupIndex copy = round_trip(index);
  for (DedupIndex* x : {&index, &copy}) {
    x->EvictBefore(95);
    x->Candidates(sig, &candidates);
    EXPECT_EQ(candidates,
              (std::vector<DedupIndex::DocId>{95, 96, 97, 98, 99, 100}));
  }
  round_trip(copy).Candidates(sig, &candidates);
  EXPECT_EQ(candidates.size(), 6u);
}

// Adds StreamClock::kRank articles (keys first_key, ...) unlike the
// others, published at `t`: they bring the stream's clock to `t`.
void AddLater(DuplicateDetector* d, UnixSeconds t, uint64_t first_key) {
  Signature sig;
  for (uint64_t k = 0; k < StreamClock::kRank; ++k) {
    d->Sign("Later " + std::to_string(k),
            std::string(kOther) + " Later " + std::to_string(k), &sig);
    d->Add(sig, first_key + k, d->Match(sig), t);
  }
}

TEST(DuplicateDetectorTest, ArticlesLeaveTheWindow) {
  DedupOptions options;
  options.window_days = 3;
  DuplicateDetector d(options);
  Signature sig;
  const UnixSeconds day = 86400, t0 = 1700000000;
  d.Sign(kWireTitle, kWire, &sig);
  d.Add(sig, 1, d.Match(sig), t0);
  d.Sign(kOtherTitle, kOther, &sig);
  d.Add(sig, 2, d.Match(sig), t0 + 2 * day);
  d.Sign(kWireTitle, kWire, &sig);
  EXPECT_TRUE(d.Match(sig).is_duplicate());  // two days later
  // The stream's clock is its StreamClock::kRank-th newest time: it reaches
  // t0 + 4 days with that many articles, and the wire report leaves.
  AddLater(&d, t0 + 4 * day, 100);
  EXPECT_EQ(d.index().size(), StreamClock::kRank + 1);
  d.Sign(kWireTitle, kWire, &sig);
  EXPECT_FALSE(d.Match(sig).is_duplicate());
  // Undated articles age with the stream's clock.
  d.Add(sig, 4, {}, std::nullopt);
  EXPECT_EQ(d.index().doc(d.index().end() - 1).minute,
            static_cast<int32_t>((t0 + 4 * day) / 60));

  options.max_articles = 2;
  DuplicateDetector small(options);
  for (uint64_t k = 1; k <= 5; ++k) {
    small.Sign(kOtherTitle, std::string(kOther) + " " + std::to_string(k),
               &sig);
    small.Add(sig, k, {}, std::nullopt);
  }
  EXPECT_EQ(small.index().size(), 2u);
}

// Undated articles before the first dated one age from its date: a dated
// article between an undated report and its copy does not make the window
// drop the report (it did: the report had no age, counted as older than
// any window).
TEST(DuplicateDetectorTest, UndatedArticlesBeforeTheFirstDateStayInTheWindow) {
  DedupOptions options;
  options.window_days = 3;
  DuplicateDetector d(options);
  Signature sig;
  const UnixSeconds day = 86400, t0 = 1700000000;
  d.Sign(kWireTitle, kWire, &sig);
  d.Add(sig, 1, d.Match(sig), std::nullopt);
  d.Sign(kOtherTitle, kOther, &sig);
  d.Add(sig, 2, d.Match(sig), t0);
  EXPECT_EQ(d.index().size(), 2u);
  EXPECT_EQ(d.index().doc(d.index().first()).minute, static_cast<int32_t>(t0 / 60));
  d.Sign(kWireTitle, kWire, &sig);
  const DuplicateMatch copy = d.Match(sig);
  EXPECT_EQ(copy.kind, DuplicateKind::kExact);
  EXPECT_EQ(copy.canonical, 1u);
  // And they leave with it.
  AddLater(&d, t0 + 4 * day, 100);
  d.Sign(kWireTitle, kWire, &sig);
  EXPECT_FALSE(d.Match(sig).is_duplicate());
}

// A few articles dated far ahead (a typo's 2099) do not empty the window:
// the stream's clock is its StreamClock::kRank-th newest time. With the
// newest, the copy below was not recognised, nor any copy of an article
// from before the 2099 one.
TEST(DuplicateDetectorTest, ArticlesDatedFarAheadDoNotEmptyTheWindow) {
  DedupOptions options;
  options.window_days = 3;
  DuplicateDetector d(options);
  Signature sig;
  const UnixSeconds day = 86400, t0 = 1700000000;
  d.Sign(kWireTitle, kWire, &sig);
  d.Add(sig, 1, d.Match(sig), t0);
  for (uint64_t k = 0; k + 1 < StreamClock::kRank; ++k) {
    d.Sign("Year 2099", std::string(kOther) + " Ahead " + std::to_string(k),
           &sig);
    d.Add(sig, 10 + k, d.Match(sig), t0 + 75 * 365 * day);
  }
  d.Sign(kWireTitle, kWire, &sig);
  const DuplicateMatch copy = d.Match(sig);
  EXPECT_EQ(copy.kind, DuplicateKind::kExact);
  EXPECT_EQ(copy.canonical, 1u);
  d.Add(sig, 2, copy, t0 + day);
  // The stream's own articles still age it out.
  AddLater(&d, t0 + 5 * day, 100);
  d.Sign(kWireTitle, kWire, &sig);
  EXPECT_FALSE(d.Match(sig).is_duplicate());
}

// While the stream's clock is behind (after a jump in dates, or behind an
// old first article) new articles keep their own dates: their copies are
// found once the clock has caught up (a first version aged them from the
// lagging clock, and they left the window as it caught up).
TEST(DuplicateDetectorTest, ArticlesAheadOfALaggingClockStay) {
  const UnixSeconds day = 86400, t0 = 1700000000;
  auto text = [](int k) {
    return std::string(kOther) + " Item " + std::to_string(k) + ".";
  };
  for (const UnixSeconds before : {t0 - 60 * day, t0 - 365 * day}) {
    DuplicateDetector d;  // a window of 14 days
    Signature sig;
    const int earlier = before == t0 - 60 * day ? 20 : 1;
    for (int k = 0; k < earlier; ++k) {
      d.Sign("Earlier " + std::to_string(k), text(1000 + k), &sig);
      d.Add(sig, 1000 + k, d.Match(sig), before);
    }
    for (int k = 0; k < 20; ++k) {
      d.Sign("Now " + std::to_string(k), text(k), &sig);
      d.Add(sig, k, d.Match(sig), t0 + k * 60);
    }
    d.Sign("Now 3", text(3), &sig);
    const DuplicateMatch copy = d.Match(sig);
    EXPECT_EQ(copy.kind, DuplicateKind::kExact) << before;
    EXPECT_EQ(copy.canonical, 3u) << before;
  }
}

// Older articles added after a newer one (a backfill) put the clock back;
// the newer one stays (a first version dropped any article a window ahead
// of the clock once it was first in the queue).
TEST(DuplicateDetectorTest, ABackfillKeepsTheNewerArticle) {
  const UnixSeconds day = 86400, t0 = 1700000000;
  DuplicateDetector d;  // a window of 14 days
  Signature sig;
  d.Sign(kWireTitle, kWire, &sig);
  d.Add(sig, 1, d.Match(sig), t0 + 30 * day);
  for (int k = 0; k < 20; ++k) {
    d.Sign("Earlier " + std::to_string(k),
           std::string(kOther) + " Item " + std::to_string(k) + ".", &sig);
    d.Add(sig, 10 + k, d.Match(sig), t0 + (k % 10) * day);
  }
  d.Sign(kWireTitle, kWire, &sig);
  const DuplicateMatch copy = d.Match(sig);
  EXPECT_EQ(copy.kind, DuplicateKind::kExact);
  EXPECT_EQ(copy.canonical, 1u);
}

TEST(DuplicateDetectorTest, HugeAndTinyInputsHaveDefinedResults) {
  std::string huge;
  while (huge.size() < (10u << 20)) huge += "buffalo ";
  DuplicateDetector d;
  Signature sig;
  d.Sign("", huge, &sig);
  EXPECT_FALSE(d.Match(sig).is_duplicate());
  d.Add(sig, 1, {}, std::nullopt);
  d.Sign("", huge, &sig);
  const DuplicateMatch again = d.Match(sig);
  EXPECT_EQ(again.kind, DuplicateKind::kExact);  // the same 10 MB twice
  d.Sign("", "buffalo buffalo buffalo", &sig);   // too short to judge
  EXPECT_FALSE(d.Match(sig).is_duplicate());
  d.Add(sig, 2, {}, std::nullopt);
  EXPECT_EQ(d.index().size(), 1u);  // and not indexed
}

TEST(DuplicateDetectorTest, StateRoundTrip) {
  DuplicateDetector d;
  Signature sig;
  d.Sign(kWireTitle, kWire, &sig);
  d.Add(sig, 7, {}, 1700000000);
  const std::string blob = d.Encode();
  Result<std::unique_ptr<DuplicateDetector>> copy =
      DuplicateDetector::Decode(blob);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  (*copy)->Sign(kWireTitle, kWire, &sig);
  const DuplicateMatch m = (*copy)->Match(sig);
  EXPECT_EQ(m.kind, DuplicateKind::kExact);
  EXPECT_EQ(m.canonical, 7u);

  std::string newer = blob;
  newer[0] = 9;  // version 9
  EXPECT_EQ(DuplicateDetector::Decode(newer).status().code(),
            Status::Code::kNotSupported);
  EXPECT_EQ(DuplicateDetector::Decode(blob.substr(0, blob.size() / 2))
                .status()
                .code(),
            Status::Code::kCorruption);
  EXPECT_EQ(DuplicateDetector::Decode(blob + "x").status().code(),
            Status::Code::kCorruption);
  DedupOptions other;
  other.shingle_words = 3;
  Result<std::unique_ptr<DuplicateDetector>> fresh =
      DuplicateDetector::Decode(blob, other);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->index().size(), 0u);
}

}  // namespace
}  // namespace newsloom
