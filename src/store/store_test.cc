#include "store/store.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "store/fts_query.h"
#include "store/pg_test_schema.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace newsloom {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;  // "a\0b"s keeps the NUL

// ---- helpers ----

Article MakeArticle(int i) {
  Article a;
  a.id = "id" + std::to_string(i);
  a.input = "in.jsonl:" + std::to_string(i);
  a.external_id = "ext-" + std::to_string(i);
  a.source = "Source";
  a.url = "https://example.com/" + std::to_string(i);
  a.title = "Title " + std::to_string(i);
  a.text = "Body of article " + std::to_string(i) + ".";
  a.published = 1700000000 + i;
  a.lang = "en";
  a.lang_confidence = 0.75;
  a.gold_event = "ge";
  a.gold_story = "gs";
  return a;
}

void ExpectSameArticle(const Article& want, const Article& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.input, want.input);
  EXPECT_EQ(got.external_id, want.external_id);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.url, want.url);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.published, want.published);
  EXPECT_EQ(got.published_offset, want.published_offset);
  EXPECT_EQ(got.lang, want.lang);
  // Exact, not near: a REAL column is an IEEE double.
  EXPECT_EQ(got.lang_confidence, want.lang_confidence);
  EXPECT_EQ(got.gold_event, want.gold_event);
  EXPECT_EQ(got.gold_story, want.gold_story);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::unique_ptr<Store> OpenOrDie(const std::string& path,
                                 const StoreOptions& options = {}) {
  Result<std::unique_ptr<Store>> r = Store::Open(path, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

// Runs SQL on a file directly, behind the Store's back.
void PokeSql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// A fresh directory per test, removed afterwards.
class StoreFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::path(::testing::TempDir()) / "store_XXXXXX");
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string File(const std::string& name) const { return dir_ / name; }

  fs::path dir_;
};

// The contract every back-end keeps. Each StoreContract test runs twice:
// on SQLite (a file in a fresh directory) and on PostgreSQL (a fresh schema
// in the database named by the environment variable NEWSLOOM_TEST_POSTGRES,
// which scripts/test.sh sets after starting a private server with
// scripts/pg_test_server.sh). Without it the PostgreSQL runs skip, saying
// how to run them.
class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  bool postgres() const { return GetParam() == "postgresql"; }

  void SetUp() override {
    if (!postgres()) {
      std::string tmpl = (fs::path(::testing::TempDir()) / "store_XXXXXX");
      ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
      dir_ = tmpl;
      location_ = (dir_ / "news.db").string();
      return;
    }
    pg_ = std::make_unique<testing::PgTestSchema>("newsloom_test");
    if (!pg_->configured()) GTEST_SKIP() << testing::PgTestSchema::kSkipReason;
    ASSERT_TRUE(pg_->ok()) << pg_->error();
    location_ = pg_->uri();
  }

  void TearDown() override {
    pg_.reset();  // drops the schema
    if (!dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
  }

  void AdminSql(const std::string& sql) { EXPECT_EQ(pg_->Exec(sql), ""); }

  // Where the store of this test lives: the same for every Open().
  const std::string& Location() const { return location_; }
  // The PostgreSQL schema of this test ("" on SQLite).
  const std::string& schema() const {
    static const std::string none;
    return pg_ != nullptr ? pg_->name() : none;
  }
  std::unique_ptr<Store> Open(const StoreOptions& options = {}) {
    return OpenOrDie(location_, options);
  }

 private:
  fs::path dir_;
  std::string location_;
  std::unique_ptr<testing::PgTestSchema> pg_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// ---- round trips ----

// Articles that stress byte-exact storage.
std::vector<Article> TrickyArticles() {
  std::vector<Article> out;
  Article plain = MakeArticle(1);
  out.push_back(plain);

  Article undated = MakeArticle(2);
  undated.published = std::nullopt;
  out.push_back(undated);

  Article empty;  // every string empty except the id, lang "und"
  empty.id = "id3";
  empty.published = 0;  // the epoch is a date, not "unknown"
  out.push_back(empty);

  Article unicode = MakeArticle(4);
  unicode.source = "Ærø Avis";
  unicode.title = "Ελλάδα — 日本語 🚀";
  unicode.text = "Zürich\u00ad naïve \u200b café";
  unicode.lang = "da";
  unicode.lang_confidence = 0.1 + 0.2;  // not exactly representable
  unicode.published = -86400;           // before 1970
  out.push_back(unicode);

  Article nul = MakeArticle(5);
  nul.id = "id5\0tail"s;
  nul.title = "a\0b"s;
  nul.text = "\0leading and trailing\0"s;
  nul.gold_event = "\0"s;
  out.push_back(nul);

  Article bytes = MakeArticle(6);
  bytes.text = "\xff\xfe not UTF-8 \xc3";  // stored as given, not repaired
  bytes.published_offset = -300;  // written "-05:00"
  out.push_back(bytes);

  Article east = MakeArticle(7);
  east.published_offset = 13 * 60 + 45;  // Chatham Islands summer, "+13:45"
  out.push_back(east);
  return out;
}

void InsertAll(Store& store, const std::vector<Article>& articles) {
  for (size_t i = 0; i < articles.size(); ++i) {
    Result<int64_t> seq = store.InsertArticle(articles[i], 0);
    ASSERT_TRUE(seq.ok()) << seq.status().ToString();
    EXPECT_EQ(*seq, static_cast<int64_t>(i) + 1);
  }
}

void ExpectAllStored(Store& store, const std::vector<Article>& articles) {
  for (size_t i = 0; i < articles.size(); ++i) {
    SCOPED_TRACE("article " + std::to_string(i));
    Result<StoredArticle> got = store.GetArticle(articles[i].id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ExpectSameArticle(articles[i], got->article);
    EXPECT_EQ(got->seq, static_cast<int64_t>(i) + 1);
    EXPECT_EQ(got->event_id, 0);
    EXPECT_GT(got->ingested_at, 0);
  }
}

TEST_P(StoreContract, RoundTripEveryField) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  const std::vector<Article> articles = TrickyArticles();
  InsertAll(*store, articles);
  ExpectAllStored(*store, articles);
  EXPECT_EQ(*store->CountArticles(), static_cast<int64_t>(articles.size()));
}

// A reader's snapshot does not see what another connection commits until
// it ends (what `newsloom check` reads beside a writer).
TEST_P(StoreContract, ASnapshotSeesOneMoment) {
  auto writer = Open();
  ASSERT_NE(writer, nullptr);
  InsertAll(*writer, TrickyArticles());
  const int64_t before = *writer->CountArticles();
  StoreOptions ro;
  ro.read_only = true;
  auto reader = Open(ro);
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->BeginSnapshot().ok());
  EXPECT_EQ(*reader->CountArticles(), before);
  Article more;
  more.id = "snapshot-extra";
  more.text = "Committed while the reader reads.";
  ASSERT_TRUE(writer->Begin().ok());
  ASSERT_TRUE(writer->InsertArticle(more, 0).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(*reader->CountArticles(), before);
  EXPECT_FALSE(*reader->HasArticle("snapshot-extra"));
  ASSERT_TRUE(reader->EndSnapshot().ok());
  EXPECT_EQ(*reader->CountArticles(), before + 1);
}

// A sound store's pages and full-text index check clean, both ways, also
// after the index is made again (on PostgreSQL there is nothing of ours to
// check). Damaged files: CliTest.CheckFindsDamaged...
TEST_P(StoreContract, ASoundStoresPagesAndIndexCheckClean) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  InsertAll(*store, TrickyArticles());
  const bool sqlite = GetParam() == "sqlite";
  for (int round = 0; round < 2; ++round) {
    for (bool quick : {false, true}) {
      Result<std::optional<std::vector<std::string>>> problems = store->CheckPages(quick);
      ASSERT_TRUE(problems.ok()) << problems.status().ToString();
      EXPECT_EQ(problems->has_value(), sqlite);
      if (*problems) {
        EXPECT_TRUE((*problems)->empty()) << (**problems)[0];
      }
      problems = store->CheckTextIndex(quick);
      ASSERT_TRUE(problems.ok()) << problems.status().ToString();
      EXPECT_EQ(problems->has_value(), sqlite);
      if (*problems) {
        EXPECT_TRUE((*problems)->empty()) << (**problems)[0];
      }
    }
    const Status rebuilt = store->RebuildTextIndex();
    if (sqlite) {
      ASSERT_TRUE(rebuilt.ok()) << rebuilt.ToString();
    } else {
      EXPECT_EQ(rebuilt.code(), Status::Code::kNotSupported) << rebuilt.ToString();
    }
    EXPECT_FALSE(store->in_transaction());
  }
}

// One writer at a time: a second store claiming the writer role of the same
// file or schema is refused with advice while the first is open, and gets
// it once the first is gone; readers and repeated claims are no-ops.
TEST_P(StoreContract, OneWriterAtATime) {
  auto first = Open();
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(first->ClaimWriter().ok());
  EXPECT_TRUE(first->ClaimWriter().ok());  // idempotent
  auto second = Open();
  ASSERT_NE(second, nullptr);
  const Status refused = second->ClaimWriter();
  EXPECT_EQ(refused.code(), Status::Code::kIoError);
  EXPECT_NE(refused.message().find("is being written by another newsloom process"),
            std::string::npos)
      << refused.ToString();
  EXPECT_NE(refused.message().find("POST /api/articles"), std::string::npos);
  if (!postgres()) {
    EXPECT_NE(refused.message().find("(pid " + std::to_string(getpid()) + ")"),
              std::string::npos)
        << refused.ToString();
  }
  StoreOptions read_only;
  read_only.read_only = true;
  read_only.create_if_missing = false;
  if (!postgres()) {  // PostgreSQL stores open read-only only when current
    auto reader = Open(read_only);
    ASSERT_NE(reader, nullptr);
    EXPECT_TRUE(reader->ClaimWriter().ok());
  }
  if (!postgres()) {  // another spelling of the file meets the same lock
    const fs::path alias = fs::path(Location()).parent_path() / "alias.db";
    fs::create_symlink(Location(), alias);
    auto through_alias = OpenOrDie(alias.string());
    EXPECT_EQ(through_alias->ClaimWriter().code(), Status::Code::kIoError);
  }
  first.reset();
  EXPECT_TRUE(second->ClaimWriter().ok());
  auto memory = OpenOrDie(":memory:");
  auto other_memory = OpenOrDie(":memory:");
  EXPECT_TRUE(memory->ClaimWriter().ok());
  EXPECT_TRUE(other_memory->ClaimWriter().ok());
}

TEST_P(StoreContract, RoundTripEveryFieldAfterReopen) {
  const std::vector<Article> articles = TrickyArticles();
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    InsertAll(*store, articles);
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ExpectAllStored(*store, articles);
}

TEST_P(StoreContract, RoundTripNulInIdIsNotATruncatedId) {
  auto store = Open();
  ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 0).ok());  // "id1"
  EXPECT_FALSE(*store->HasArticle("id1\0"s));
  EXPECT_EQ(store->GetArticle("id1\0"s).status().code(),
            Status::Code::kNotFound);
}

// ---- articles ----

TEST_P(StoreContract, Articles_HasArticleAfterInsert) {
  auto store = Open();
  EXPECT_FALSE(*store->HasArticle("id1"));
  ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 0).ok());
  EXPECT_TRUE(*store->HasArticle("id1"));
  EXPECT_FALSE(*store->HasArticle("id2"));
}

TEST_P(StoreContract, Articles_DuplicateInsertFailsAndKeepsRow) {
  auto store = Open();
  ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 7).ok());
  Article changed = MakeArticle(1);
  changed.title = "replaced?";
  Result<int64_t> again = store->InsertArticle(changed, 9);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Contains(again.status().message(), "insert article id1"))
      << again.status().ToString();

  Result<StoredArticle> got = store->GetArticle("id1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->article.title, "Title 1");
  EXPECT_EQ(got->event_id, 7);
  EXPECT_EQ(got->seq, 1);
  EXPECT_EQ(*store->CountArticles(), 1);
  // The failed insert did not use up a seq.
  EXPECT_EQ(*store->InsertArticle(MakeArticle(2), 0), 2);
}

TEST_P(StoreContract, Articles_SeqIncrementsAcrossTransactions) {
  auto store = Open();
  EXPECT_EQ(*store->InsertArticle(MakeArticle(1), 0), 1);
  ASSERT_TRUE(store->Begin().ok());
  EXPECT_EQ(*store->InsertArticle(MakeArticle(2), 0), 2);
  EXPECT_EQ(*store->InsertArticle(MakeArticle(3), 0), 3);
  ASSERT_TRUE(store->Rollback().ok());
  EXPECT_EQ(*store->InsertArticle(MakeArticle(4), 0), 2);
}

TEST_P(StoreContract, Articles_EventAssignmentAndListing) {
  auto store = Open();
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(store->InsertArticle(MakeArticle(i), i % 2 ? 10 : 0).ok());
  }
  ASSERT_TRUE(store->SetArticleEvent("id2", 10).ok());
  ASSERT_TRUE(store->SetArticleEvent("id5", 20).ok());

  Result<std::vector<StoredArticle>> ten = store->ArticlesOfEvent(10);
  ASSERT_TRUE(ten.ok());
  std::vector<std::string> ids;
  for (const StoredArticle& s : *ten) ids.push_back(s.article.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"id1", "id2", "id3"}));

  EXPECT_EQ(store->ArticlesOfEvent(20)->size(), 1u);
  EXPECT_EQ(store->ArticlesOfEvent(0)->size(), 1u);  // id4
  EXPECT_TRUE(store->ArticlesOfEvent(99)->empty());
}

TEST_P(StoreContract, Articles_MissingArticleIsNotFound) {
  auto store = Open();
  Result<StoredArticle> got = store->GetArticle("nope");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(Contains(got.status().message(), "nope"));
  EXPECT_EQ(store->SetArticleEvent("nope", 1).code(), Status::Code::kNotFound);
}

// ---- events and stories ----

EventRow MakeEvent(int64_t id, int64_t story, std::optional<int64_t> first) {
  EventRow e;
  e.id = id;
  e.story_id = story;
  e.title = "event " + std::to_string(id);
  e.first_published = first;
  e.last_published = first ? std::optional<int64_t>(*first + 100) : first;
  e.article_count = id * 3;
  return e;
}

StoryRow MakeStory(int64_t id, std::optional<int64_t> last) {
  StoryRow s;
  s.id = id;
  s.title = "story " + std::to_string(id);
  s.first_published = last ? std::optional<int64_t>(*last - 1000) : last;
  s.last_published = last;
  s.event_count = 2;
  s.article_count = 5;
  return s;
}

void ExpectSameEvent(const EventRow& want, const EventRow& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.story_id, want.story_id);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.first_published, want.first_published);
  EXPECT_EQ(got.last_published, want.last_published);
  EXPECT_EQ(got.article_count, want.article_count);
  EXPECT_EQ(got.first_local, want.first_local);
  EXPECT_EQ(got.last_local, want.last_local);
}

void ExpectSameStory(const StoryRow& want, const StoryRow& got) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.first_published, want.first_published);
  EXPECT_EQ(got.last_published, want.last_published);
  EXPECT_EQ(got.event_count, want.event_count);
  EXPECT_EQ(got.article_count, want.article_count);
  EXPECT_EQ(got.first_local, want.first_local);
  EXPECT_EQ(got.last_local, want.last_local);
}

TEST_P(StoreContract, Events_PutGetReplace) {
  auto store = Open();
  EventRow e = MakeEvent(1, 100, std::nullopt);
  e.title = "Überschwemmung\0!"s;
  ASSERT_TRUE(store->PutEvent(e).ok());
  ExpectSameEvent(e, *store->GetEvent(1));

  e.story_id = 200;
  e.first_published = 5;
  e.last_published = 7;
  e.article_count = 42;
  e.first_local = 5 - 300 * 60;
  e.last_local = 7 + 330 * 60;
  ASSERT_TRUE(store->PutEvent(e).ok());
  ExpectSameEvent(e, *store->GetEvent(1));
  e.first_local = e.last_local = std::nullopt;
  ASSERT_TRUE(store->PutEvent(e).ok());
  ExpectSameEvent(e, *store->GetEvent(1));

  EXPECT_EQ(store->GetEvent(2).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store->PutEvent(MakeEvent(0, 1, 1)).code(),
            Status::Code::kInvalidArgument);
}

TEST_P(StoreContract, Events_EventsOfStoryByFirstPublishedUndatedLast) {
  auto store = Open();
  ASSERT_TRUE(store->PutEvent(MakeEvent(1, 7, 300)).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(2, 7, std::nullopt)).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(3, 7, 100)).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(4, 7, 300)).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(5, 8, 50)).ok());

  Result<std::vector<EventRow>> events = store->EventsOfStory(7);
  ASSERT_TRUE(events.ok());
  std::vector<int64_t> ids;
  for (const EventRow& e : *events) ids.push_back(e.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{3, 1, 4, 2}));
  ExpectSameEvent(MakeEvent(3, 7, 100), events->front());
  EXPECT_TRUE(store->EventsOfStory(9)->empty());
}

TEST_P(StoreContract, Stories_PutGetDelete) {
  auto store = Open();
  StoryRow s = MakeStory(4, 1000);
  ASSERT_TRUE(store->PutStory(s).ok());
  ExpectSameStory(s, *store->GetStory(4));
  s.first_local = *s.first_published + 3600;
  s.last_local = *s.last_published - 36000;
  ASSERT_TRUE(store->PutStory(s).ok());
  ExpectSameStory(s, *store->GetStory(4));
  s.title = "renamed";
  s.last_published = std::nullopt;
  s.first_local = s.last_local = std::nullopt;
  ASSERT_TRUE(store->PutStory(s).ok());
  ExpectSameStory(s, *store->GetStory(4));

  ASSERT_TRUE(store->DeleteStory(4).ok());
  EXPECT_EQ(store->GetStory(4).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store->DeleteStory(4).code(), Status::Code::kNotFound);
  EXPECT_EQ(store->PutStory(MakeStory(-1, 1)).code(),
            Status::Code::kInvalidArgument);
}

TEST_P(StoreContract, Stories_DeleteStoryLeavesEvents) {
  auto store = Open();
  ASSERT_TRUE(store->PutStory(MakeStory(1, 10)).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(1, 1, 10)).ok());
  ASSERT_TRUE(store->DeleteStory(1).ok());
  EXPECT_TRUE(store->GetEvent(1).ok());
}

TEST_P(StoreContract, Events_DeleteEventLeavesItsStoryAndOthers) {
  auto store = Open();
  ASSERT_TRUE(store->PutStory(MakeStory(1, 10)).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(1, 1, 10)).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(2, 1, 20)).ok());
  ASSERT_TRUE(store->DeleteEvent(1).ok());
  EXPECT_EQ(store->GetEvent(1).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store->DeleteEvent(1).code(), Status::Code::kNotFound);
  EXPECT_TRUE(store->GetEvent(2).ok());
  EXPECT_TRUE(store->GetStory(1).ok());
  Result<std::vector<EventRow>> left = store->EventsOfStory(1);
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ((*left)[0].id, 2);
}

// A merged event's or story's id leads to where it went, through a later
// merge of that one too; an id never merged is NotFound, live or not.
// Where `id` went, or -1 (with a failure) when the lookup failed.
int64_t WentInto(Store& store, Store::Merged kind, int64_t id) {
  Result<int64_t> into = store.MergedInto(kind, id);
  EXPECT_TRUE(into.ok()) << into.status().ToString();
  return into.ok() ? *into : -1;
}

TEST_P(StoreContract, Merged_IdsLeadToWhereTheyWent) {
  auto store = Open();
  using M = Store::Merged;
  EXPECT_EQ(store->MergedInto(M::kEvent, 5).status().code(), Status::Code::kNotFound);
  ASSERT_TRUE(store->PutMerged(M::kEvent, 5, 3).ok());
  ASSERT_TRUE(store->PutMerged(M::kStory, 5, 2).ok());  // its own table
  Result<int64_t> went = store->MergedInto(M::kEvent, 5);
  ASSERT_TRUE(went.ok()) << went.status().ToString();
  EXPECT_EQ(*went, 3);
  EXPECT_EQ(WentInto(*store, M::kStory, 5), 2);
  EXPECT_EQ(store->MergedInto(M::kEvent, 3).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store->MergedInto(M::kStory, 3).status().code(), Status::Code::kNotFound);
  ASSERT_TRUE(store->PutMerged(M::kEvent, 3, 9).ok());
  EXPECT_EQ(WentInto(*store, M::kEvent, 5), 9);
  EXPECT_EQ(WentInto(*store, M::kEvent, 3), 9);
  // Replaced by id; a loop (never written by the engine) is not followed
  // for ever.
  ASSERT_TRUE(store->PutMerged(M::kEvent, 9, 5).ok());
  EXPECT_EQ(store->MergedInto(M::kEvent, 5).status().code(), Status::Code::kCorruption);
  EXPECT_EQ(store->PutMerged(M::kEvent, 0, 1).code(), Status::Code::kInvalidArgument);
  // Forgotten (an id a replay made again): not merged, the others kept.
  ASSERT_TRUE(store->ForgetMerged(M::kEvent, 9).ok());
  ASSERT_TRUE(store->ForgetMerged(M::kEvent, 12345).ok());  // none: no error
  EXPECT_EQ(WentInto(*store, M::kEvent, 5), 9);
  EXPECT_EQ(store->MergedInto(M::kEvent, 9).status().code(), Status::Code::kNotFound);
  // 64 merges in a row are followed to their end.
  for (int64_t id = 100; id < 164; ++id) {
    ASSERT_TRUE(store->PutMerged(M::kStory, id, id + 1).ok());
  }
  EXPECT_EQ(WentInto(*store, M::kStory, 100), 164);
  EXPECT_EQ(store->PutMerged(M::kStory, 1, -2).code(), Status::Code::kInvalidArgument);
  store.reset();
  store = Open();
  EXPECT_EQ(WentInto(*store, M::kStory, 5), 2);  // kept
}

std::vector<int64_t> StoryIds(const std::vector<StoryRow>& rows) {
  std::vector<int64_t> ids;
  for (const StoryRow& s : rows) ids.push_back(s.id);
  return ids;
}

TEST_P(StoreContract, Stories_ListNewestActivityFirstNullsLast) {
  auto store = Open();
  ASSERT_TRUE(store->PutStory(MakeStory(1, 500)).ok());
  ASSERT_TRUE(store->PutStory(MakeStory(2, std::nullopt)).ok());
  ASSERT_TRUE(store->PutStory(MakeStory(3, 900)).ok());
  ASSERT_TRUE(store->PutStory(MakeStory(4, 500)).ok());
  ASSERT_TRUE(store->PutStory(MakeStory(5, std::nullopt)).ok());
  ASSERT_TRUE(store->PutStory(MakeStory(6, -20)).ok());

  EXPECT_EQ(StoryIds(*store->ListStories()),
            (std::vector<int64_t>{3, 4, 1, 6, 5, 2}));
  EXPECT_EQ(StoryIds(*store->ListStories(2)), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(store->ListStories(100)->size(), 6u);
}

// ---- state ----

TEST_P(StoreContract, State_BinaryBlobsRoundTrip) {
  auto store = Open();
  std::string blob;
  for (int i = 0; i < 256; ++i) blob.push_back(static_cast<char>(i));
  blob += blob;  // every byte value, NUL included, twice

  EXPECT_FALSE(store->GetState("cluster")->has_value());
  ASSERT_TRUE(store->PutState("cluster", blob).ok());
  EXPECT_EQ(store->GetState("cluster")->value(), blob);

  ASSERT_TRUE(store->PutState("cluster", "v2").ok());  // replaces
  EXPECT_EQ(store->GetState("cluster")->value(), "v2");

  ASSERT_TRUE(store->PutState("empty", std::string_view()).ok());
  Result<std::optional<std::string>> empty = store->GetState("empty");
  ASSERT_TRUE(empty.ok() && empty->has_value());
  EXPECT_EQ(**empty, "");

  ASSERT_TRUE(store->PutState("k\0x"s, "nul key").ok());
  EXPECT_EQ(store->GetState("k\0x"s)->value(), "nul key");
  EXPECT_FALSE(store->GetState("k")->has_value());
  ASSERT_TRUE(store->DeleteState("cluster").ok());
  EXPECT_FALSE(store->GetState("cluster")->has_value());
  EXPECT_TRUE(store->DeleteState("never put").ok());
  EXPECT_EQ(store->GetState("empty")->value(), "");  // the others stay
}

int64_t QueryIntRaw(sqlite3* db, const char* sql);

// ---- duplicates ----

TEST_P(StoreContract, Duplicates_PutGetListAndBySeq) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(store->InsertArticle(MakeArticle(i), 0).ok());
  }
  EXPECT_FALSE(store->GetDuplicate("id1")->has_value());
  EXPECT_TRUE(store->DuplicatesOf("id1")->empty());
  // Inserted out of ingest order; listed in it.
  ASSERT_TRUE(store->PutDuplicate({"id4", "id1", "id2", "near", 0.875}).ok());
  ASSERT_TRUE(store->PutDuplicate({"id2", "id1", "id1", "exact", 1}).ok());
  ASSERT_TRUE(store->PutDuplicate({"id3", "id9", "id9", "contains", 0.5}).ok());
  Result<std::optional<DuplicateRow>> got = store->GetDuplicate("id4");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->canonical_id, "id1");
  EXPECT_EQ((*got)->matched_id, "id2");
  EXPECT_EQ((*got)->kind, "near");
  EXPECT_EQ((*got)->similarity, 0.875);
  Result<std::vector<DuplicateRow>> copies = store->DuplicatesOf("id1");
  ASSERT_TRUE(copies.ok());
  ASSERT_EQ(copies->size(), 2u);
  EXPECT_EQ((*copies)[0].article_id, "id2");
  EXPECT_EQ((*copies)[1].article_id, "id4");
  // Replacing keeps one row per article.
  ASSERT_TRUE(store->PutDuplicate({"id4", "id1", "id1", "contained", 0.9}).ok());
  EXPECT_EQ((*store->GetDuplicate("id4"))->kind, "contained");
  EXPECT_EQ(store->DuplicatesOf("id1")->size(), 2u);

  Result<StoredArticle> third = store->GetArticleBySeq(3);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->article.id, "id3");
  EXPECT_EQ(store->GetArticleBySeq(99).status().code(), Status::Code::kNotFound);
}

// A file written by a version-1 newsloom gains the duplicates table and
// keeps its rows.
TEST_F(StoreFileTest, SchemaVersion1FileIsMigrated) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(File("v1.db").c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(MigrateSchema(db, StoreMigrations().first(1), File("v1.db")).ok());
    ASSERT_EQ(QueryIntRaw(db, "PRAGMA user_version"), 1);
    sqlite3_close(db);
    PokeSql(File("v1.db"),
            "INSERT INTO articles (id, seq, input, external_id, source, url,"
            " title, text, published, lang, lang_confidence, gold_event,"
            " gold_story, event_id, ingested_at) VALUES ('old', 1, '', '', '',"
            " '', 'Old', 'text', NULL, 'en', 1.0, '', '', 3, 0)");
  }
  // Read-only, it cannot be migrated: a clear error, the file untouched.
  StoreOptions read_only;
  read_only.read_only = true;
  Result<std::unique_ptr<Store>> ro = Store::Open(File("v1.db"), read_only);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), Status::Code::kNotSupported);
  EXPECT_TRUE(Contains(ro.status().message(), File("v1.db") +
                                                  " has schema version 1"))
      << ro.status().ToString();
  EXPECT_TRUE(Contains(ro.status().message(), "newsloom ingest"))
      << ro.status().ToString();

  auto store = OpenOrDie(File("v1.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  EXPECT_EQ(store->GetArticle("old")->event_id, 3);
  EXPECT_FALSE(store->GetDuplicate("old")->has_value());
  EXPECT_TRUE(store->PutDuplicate({"new", "old", "old", "exact", 1}).ok());
}

// ---- feeds ----

TEST_P(StoreContract, FeedStateAndSeenItemsSurviveReopen) {
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    EXPECT_FALSE(store->GetFeedState("http://a/feed")->has_value());
    EXPECT_FALSE(*store->FeedItemSeen("http://a/feed", "guid-1"));
    ASSERT_TRUE(store->PutFeedState({"http://a/feed", "\"v1\"",
                                     "Mon, 26 Feb 2024 10:00:00 GMT", 100})
                    .ok());
    ASSERT_TRUE(store->PutFeedState({"http://a/feed", "\"v2\"", "", 200}).ok());
    ASSERT_TRUE(store->MarkFeedItemSeen("http://a/feed", "guid-1", 200).ok());
    // Marking again is not an error.
    ASSERT_TRUE(store->MarkFeedItemSeen("http://a/feed", "guid-1", 300).ok());
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  Result<std::optional<FeedStateRow>> f = store->GetFeedState("http://a/feed");
  ASSERT_TRUE(f.ok() && f->has_value());
  EXPECT_EQ((*f)->etag, "\"v2\"");
  EXPECT_EQ((*f)->last_modified, "");
  EXPECT_EQ((*f)->checked_at, 200);
  EXPECT_TRUE(*store->FeedItemSeen("http://a/feed", "guid-1"));
  // Seen items are per feed.
  EXPECT_FALSE(*store->FeedItemSeen("http://b/feed", "guid-1"));
}

// A version-2 file (before feeds) gains the feed tables, empty, and keeps
// its articles and duplicates.
TEST_F(StoreFileTest, SchemaVersion2FileIsMigrated) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(File("v2.db").c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(MigrateSchema(db, StoreMigrations().first(2), File("v2.db")).ok());
    ASSERT_EQ(QueryIntRaw(db, "PRAGMA user_version"), 2);
    sqlite3_close(db);
    PokeSql(File("v2.db"),
            "INSERT INTO duplicates VALUES ('b', 'a', 'a', 'exact', 1.0)");
  }
  auto store = OpenOrDie(File("v2.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  EXPECT_EQ((*store->GetDuplicate("b"))->canonical_id, "a");
  EXPECT_FALSE(store->GetFeedState("http://a/feed")->has_value());
  EXPECT_TRUE(store->MarkFeedItemSeen("http://a/feed", "k", 1).ok());
}

// A writer claims the store before it migrates it (StoreOptions::
// claim_writer): one that is refused leaves an older schema as it was, for
// the process that holds the store (an older `serve`, say) to go on with.
TEST_F(StoreFileTest, ARefusedWriterMigratesNothing) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(File("v2.db").c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(MigrateSchema(db, StoreMigrations().first(2), File("v2.db")).ok());
    sqlite3_close(db);
  }
  StoreOptions writer;
  writer.claim_writer = true;
  const int lock = ::open((File("v2.db") + "-writer").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(lock, 0);
  ASSERT_EQ(::flock(lock, LOCK_EX | LOCK_NB), 0);  // as the holding process
  Result<std::unique_ptr<Store>> refused = Store::Open(File("v2.db"), writer);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(Contains(refused.status().message(), std::string(Store::kWriterTaken)))
      << refused.status().ToString();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(File("v2.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(QueryIntRaw(db, "PRAGMA user_version"), 2) << "migrated by a refused writer";
    sqlite3_close(db);
  }
  ::close(lock);
  Result<std::unique_ptr<Store>> now = Store::Open(File("v2.db"), writer);
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  EXPECT_EQ((*now)->schema_version(), Store::kSchemaVersion);
  // Claimed as it was opened: a second claim is a no-op, another writer
  // is refused.
  EXPECT_TRUE((*now)->ClaimWriter().ok());
  EXPECT_FALSE(Store::Open(File("v2.db"), writer).ok());
}

TEST_P(StoreContract, AnnotationsRoundTripByVersion) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(store->GetAnnotations("x", 1)->has_value());
  ASSERT_TRUE(store->PutAnnotations("x", 1, "{\"entities\":[]}").ok());
  EXPECT_EQ(**store->GetAnnotations("x", 1), "{\"entities\":[]}");
  EXPECT_FALSE(store->GetAnnotations("x", 2)->has_value());  // stale
  ASSERT_TRUE(store->PutAnnotations("x", 2, "{}").ok());      // replaces
  EXPECT_EQ(**store->GetAnnotations("x", 2), "{}");
  EXPECT_FALSE(store->GetAnnotations("x", 1)->has_value());
}

// ---- schema ----

TEST_F(StoreFileTest, SchemaFreshFileGetsCurrentVersion) {
  auto store = OpenOrDie(File("a.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  EXPECT_EQ(store->path(), File("a.db"));
  store.reset();
  // Recorded in the file header, and reopening keeps it.
  auto again = OpenOrDie(File("a.db"));
  EXPECT_EQ(again->schema_version(), Store::kSchemaVersion);
}

TEST_F(StoreFileTest, SchemaRefusesNewerVersion) {
  OpenOrDie(File("new.db"));
  const int newer = Store::kSchemaVersion + 1;
  PokeSql(File("new.db"),
          ("PRAGMA user_version = " + std::to_string(newer)).c_str());

  Result<std::unique_ptr<Store>> r = Store::Open(File("new.db"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotSupported);
  EXPECT_EQ(r.status().message(),
            "store " + File("new.db") + " has schema version " +
                std::to_string(newer) + "; this newsloom supports up to " +
                std::to_string(Store::kSchemaVersion) + " — upgrade newsloom");
}

TEST_F(StoreFileTest, SchemaGarbageFileIsCorruption) {
  {
    std::ofstream out(File("junk.db"), std::ios::binary);
    for (int i = 0; i < 100; ++i) out << "this is not a database\n";
  }
  Result<std::unique_ptr<Store>> r = Store::Open(File("junk.db"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption)
      << r.status().ToString();
  EXPECT_TRUE(Contains(r.status().message(), File("junk.db")))
      << r.status().ToString();
}

TEST_F(StoreFileTest, SchemaMissingDirectoryIsIoErrorNamingPath) {
  const std::string path = File("no/such/dir/x.db");
  Result<std::unique_ptr<Store>> r = Store::Open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIoError) << r.status().ToString();
  EXPECT_TRUE(Contains(r.status().message(), path)) << r.status().ToString();
}

TEST_F(StoreFileTest, SchemaMissingFileWithoutCreateIsNotFound) {
  StoreOptions options;
  options.create_if_missing = false;
  Result<std::unique_ptr<Store>> r = Store::Open(File("absent.db"), options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(Contains(r.status().message(), File("absent.db")));
  EXPECT_FALSE(fs::exists(File("absent.db")));
}

TEST_F(StoreFileTest, SchemaFolderIsRefusedNamingAFileInIt) {
  fs::create_directories(File("folder"));
  Result<std::unique_ptr<Store>> r = Store::Open(File("folder"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Contains(r.status().message(),
                       File("folder") + ": is a folder; name a store file in "
                                        "it (--db " + File("folder") +
                           "/news.db)"))
      << r.status().ToString();
}

TEST(StoreSchema, EmptyPathIsInvalid) {
  EXPECT_EQ(Store::Open("").status().code(), Status::Code::kInvalidArgument);
}

TEST_F(StoreFileTest, SchemaOtherApplicationsDatabaseIsRefused) {
  PokeSql(File("other.db"), "CREATE TABLE t (x); PRAGMA user_version = 1;");
  Result<std::unique_ptr<Store>> r = Store::Open(File("other.db"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Contains(r.status().message(), "not a newsloom store"))
      << r.status().ToString();
}

TEST_F(StoreFileTest, SchemaWalModeForFiles) {
  auto store = OpenOrDie(File("wal.db"));
  ASSERT_NE(store, nullptr);
  // WAL is persistent in the file, so a second connection sees it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(File("wal.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(
      std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))),
      "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// A VFS that passes everything to the default one and counts the
// statement journals SQLite opens (files it writes the old contents of the
// pages a statement changes to, so that the statement alone can be undone).
struct SubjournalCounter {
  static inline sqlite3_vfs* real = nullptr;
  static inline int opened = 0;
  static int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file,
                  int flags, int* out_flags) {
    if (flags & SQLITE_OPEN_SUBJOURNAL) ++opened;
    return real->xOpen(real, name, file, flags, out_flags);
  }
};

// Installs SubjournalCounter as the default VFS while it lives, and has
// SQLite write statement journals to files from their first byte (not
// after 64 KiB in memory), so that every one is counted. No connection may
// be open meanwhile (sqlite3_config needs SQLite shut down).
class CountSubjournals {
 public:
  CountSubjournals() {
    Configure(0);
    SubjournalCounter::real = sqlite3_vfs_find(nullptr);
    vfs_ = *SubjournalCounter::real;
    vfs_.zName = "newsloom-count-subjournals";
    vfs_.pNext = nullptr;
    vfs_.xOpen = &SubjournalCounter::Open;
    SubjournalCounter::opened = 0;
    sqlite3_vfs_register(&vfs_, /*makeDflt=*/1);
  }
  ~CountSubjournals() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(SubjournalCounter::real, 1);
    Configure(64 * 1024);  // SQLite's default
  }
  int opened() const { return SubjournalCounter::opened; }

 private:
  static void Configure(int spill_bytes) {
    EXPECT_EQ(sqlite3_shutdown(), SQLITE_OK);
    EXPECT_EQ(sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, spill_bytes),
              SQLITE_OK);
    EXPECT_EQ(sqlite3_initialize(), SQLITE_OK);
  }

  sqlite3_vfs vfs_;
};

// An article insert changes a row and five index entries. With RETURNING
// (a trigger to SQLite) and a UNIQUE constraint it ran with a statement
// journal: 15 KB written to a temporary file per article of a busy
// stream, more than the WAL (docs/performance.md, "The statement
// journal"). A failed insert in a transaction still leaves the others in
// it.
TEST_F(StoreFileTest, ArticleInsertsNeedNoStatementJournal) {
  CountSubjournals count;
  {
    auto store = OpenOrDie(File("stmt.db"));
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->Begin().ok());
    const int before = count.opened();  // opening and migrating may use some
    for (int i = 1; i <= 20; ++i) {
      ASSERT_EQ(*store->InsertArticle(MakeArticle(i), i), i);
    }
    EXPECT_FALSE(store->InsertArticle(MakeArticle(3), 0).ok());
    EXPECT_EQ(*store->InsertArticle(MakeArticle(21), 0), 21);
    EXPECT_EQ(count.opened(), before);
    ASSERT_TRUE(store->Commit().ok());
    EXPECT_EQ(*store->CountArticles(), 21);
    EXPECT_EQ(store->GetArticle("id3")->event_id, 3);
  }
}

// Debian builds SQLite with SECURE_DELETE: every freed page is written
// over with zeros, through the WAL and again at the checkpoint, and a
// saved clustering state frees the previous one (tens of MB). The writer
// sets secure_delete = FAST, which leaves freed pages as they are
// (docs/performance.md, "Freed pages").
TEST_F(StoreFileTest, FreedPagesAreNotWrittenOver) {
  const std::string path = File("freed.db");
  const std::string old_state = std::string(200000, 'Q') + "end";
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->PutState("cluster", old_state).ok());
    ASSERT_TRUE(store->PutState("cluster", "v2").ok());  // frees its pages
    EXPECT_EQ(store->GetState("cluster")->value(), "v2");
  }  // the last close checkpoints the WAL into the file
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  EXPECT_NE(bytes.find(std::string(4000, 'Q')), std::string::npos);
}

// The migration runner, driven by a made-up two-step history.
constexpr Migration kToyMigrations[] = {
    {1, "CREATE TABLE t (a INTEGER);"},
    {2, "ALTER TABLE t ADD COLUMN b TEXT; INSERT INTO t VALUES (1, 'x');"},
};

int64_t QueryIntRaw(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK);
  int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  return v;
}

TEST(StoreSchema, MigratesStepByStep) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  // A version-1 file...
  Result<int> v1 =
      MigrateSchema(db, std::span(kToyMigrations).first(1), ":memory:");
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(*v1, 1);
  EXPECT_EQ(QueryIntRaw(db, "PRAGMA user_version"), 1);
  // ...is brought to version 2 by running only step 2.
  Result<int> v2 = MigrateSchema(db, kToyMigrations, ":memory:");
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(*v2, 2);
  EXPECT_EQ(QueryIntRaw(db, "PRAGMA user_version"), 2);
  EXPECT_EQ(QueryIntRaw(db, "SELECT count(*) FROM t WHERE b = 'x'"), 1);
  EXPECT_EQ(QueryIntRaw(db, "PRAGMA application_id"), kStoreApplicationId);
  // Already current: nothing runs (step 2's INSERT would add a row).
  ASSERT_TRUE(MigrateSchema(db, kToyMigrations, ":memory:").ok());
  EXPECT_EQ(QueryIntRaw(db, "SELECT count(*) FROM t"), 1);
  sqlite3_close(db);
}

TEST(StoreSchema, FailedMigrationLeavesFileUntouched) {
  const Migration broken[] = {
      {1, "CREATE TABLE t (a INTEGER);"},
      {2, "CREATE TABLE u (a); THIS IS NOT SQL;"},
  };
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  Result<int> r = MigrateSchema(db, broken, "toy.db");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status().message(), "to schema version 2"))
      << r.status().ToString();
  EXPECT_EQ(QueryIntRaw(db, "PRAGMA user_version"), 0);
  EXPECT_EQ(QueryIntRaw(db, "SELECT count(*) FROM sqlite_schema"), 0);
  EXPECT_TRUE(sqlite3_get_autocommit(db));
  sqlite3_close(db);
}

// ---- transactions ----

TEST_P(StoreContract, TransactionRollbackDiscardsCommitPersists) {
  {
    auto store = Open();
    ASSERT_TRUE(store->Begin().ok());
    EXPECT_TRUE(store->in_transaction());
    ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 0).ok());
    ASSERT_TRUE(store->PutState("k", "rolled back").ok());
    ASSERT_TRUE(store->Rollback().ok());
    EXPECT_FALSE(store->in_transaction());
    EXPECT_FALSE(*store->HasArticle("id1"));
    EXPECT_FALSE(store->GetState("k")->has_value());

    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->InsertArticle(MakeArticle(2), 0).ok());
    ASSERT_TRUE(store->PutStory(MakeStory(1, 10)).ok());
    ASSERT_TRUE(store->Commit().ok());
  }
  auto store = Open();
  EXPECT_FALSE(*store->HasArticle("id1"));
  EXPECT_TRUE(*store->HasArticle("id2"));
  EXPECT_TRUE(store->GetStory(1).ok());
}

TEST_P(StoreContract, TransactionOpenAtCloseIsRolledBack) {
  {
    auto store = Open();
    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 0).ok());
  }
  EXPECT_EQ(*Open()->CountArticles(), 0);
}

TEST_P(StoreContract, Transaction_MisuseIsInvalidArgument) {
  auto store = Open();
  EXPECT_EQ(store->Commit().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(store->Rollback().code(), Status::Code::kInvalidArgument);
  ASSERT_TRUE(store->Begin().ok());
  EXPECT_EQ(store->Begin().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(store->Commit().ok());
}

TEST_P(StoreContract, Transaction_ScopedTransactionRollsBackUnlessCommitted) {
  auto store = Open();
  {
    Result<StoreTransaction> tx = StoreTransaction::Begin(*store);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 0).ok());
  }  // no Commit
  EXPECT_FALSE(store->in_transaction());
  EXPECT_FALSE(*store->HasArticle("id1"));
  {
    Result<StoreTransaction> tx = StoreTransaction::Begin(*store);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(store->InsertArticle(MakeArticle(2), 0).ok());
    ASSERT_TRUE(tx->Commit().ok());
    EXPECT_EQ(tx->Commit().code(), Status::Code::kInvalidArgument);
  }
  EXPECT_TRUE(*store->HasArticle("id2"));
}

TEST_P(StoreContract, TransactionSecondWriterGetsLockedError) {
  auto writer = Open();
  StoreOptions impatient;
  impatient.busy_timeout_ms = 0;
  auto other = Open(impatient);
  ASSERT_TRUE(writer->Begin().ok());
  ASSERT_TRUE(writer->InsertArticle(MakeArticle(1), 0).ok());

  // A reader is not blocked and does not see uncommitted rows (WAL).
  EXPECT_FALSE(*other->HasArticle("id1"));
  Result<int64_t> r = other->InsertArticle(MakeArticle(2), 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIoError);
  EXPECT_TRUE(r.status().message().starts_with(
      "insert article id2: database is locked — database is locked by "
      "another process"))
      << r.status().ToString();

  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_TRUE(*other->HasArticle("id1"));
  EXPECT_TRUE(other->InsertArticle(MakeArticle(2), 0).ok());
}

// ---- failure modes of the file (issue 10) ----
// Each gives an error that names the file and says what to do, and loses
// nothing that was committed.

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Inserts MakeArticle(first..) in one transaction each until one fails;
// returns that failure.
Status FillUntilFailure(Store& store, int first) {
  for (int i = first; i < first + 100000; ++i) {
    Article a = MakeArticle(i);
    a.text = std::string(2000, 'x');
    Result<StoreTransaction> tx = StoreTransaction::Begin(store);
    if (!tx.ok()) return tx.status();
    Result<int64_t> seq = store.InsertArticle(a, 1);
    if (!seq.ok()) return seq.status();
    RETURN_IF_ERROR(tx->Commit());
  }
  return Status::OK();
}

// A full disk, simulated: no small file system can be mounted in a test
// here, so the store's size cap (PRAGMA max_page_count) stops the file from
// growing. SQLite reports it as SQLITE_FULL, the same code the unix VFS
// gives for ENOSPC, so the store takes the same path as on a full disk.
TEST_F(StoreFileTest, FailureFullDiskNamesFileAndKeepsCommittedRows) {
  OpenOrDie(File("full.db"));  // create the schema without a cap
  StoreOptions capped;
  capped.max_file_bytes = 256 << 10;
  auto store = OpenOrDie(File("full.db"), capped);
  ASSERT_NE(store, nullptr);
  const Status s = FillUntilFailure(*store, 1);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError) << s.ToString();
  EXPECT_TRUE(Contains(s.message(), "database or disk is full")) << s.ToString();
  EXPECT_TRUE(Contains(s.message(), "the disk holding " + File("full.db") +
                                        " is full"))
      << s.ToString();
  EXPECT_FALSE(store->in_transaction());
  const int64_t committed = *store->CountArticles();
  EXPECT_GT(committed, 10);
  store.reset();

  // Space again: every committed article is there, whole, and writing
  // continues.
  auto again = OpenOrDie(File("full.db"));
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(*again->CountArticles(), committed);
  EXPECT_EQ(again->GetArticleBySeq(committed)->article.text,
            std::string(2000, 'x'));
  EXPECT_TRUE(again->InsertArticle(MakeArticle(0), 1).ok());
}

// chmod 0444 stops writes only for users other than root; tests may run as
// root, where the same read-only path is reached by opening the file
// read-only (StoreOptions::read_only, SQLITE_OPEN_READONLY) instead.
TEST_F(StoreFileTest, FailureReadOnlyFileIsRefusedForWriting) {
  {
    auto store = OpenOrDie(File("ro.db"));
    ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 1).ok());
  }
  fs::permissions(File("ro.db"), fs::perms::owner_read | fs::perms::group_read |
                                     fs::perms::others_read);
  if (access(File("ro.db").c_str(), W_OK) == 0) {
    GTEST_SKIP() << "running as root: chmod 0444 does not stop root's "
                    "writes; FailureReadOnlyStoreRefusesEveryWrite covers "
                    "the read-only path through SQLITE_OPEN_READONLY";
  }
  Result<std::unique_ptr<Store>> r = Store::Open(File("ro.db"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIoError);
  EXPECT_TRUE(Contains(r.status().message(),
                       File("ro.db") + " is read-only"))
      << r.status().ToString();
  StoreOptions read_only;
  read_only.read_only = true;
  auto reader = OpenOrDie(File("ro.db"), read_only);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(*reader->CountArticles(), 1);
}

TEST_P(StoreContract, FailureReadOnlyStoreRefusesEveryWrite) {
  {
    auto store = Open();
    ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 1).ok());
  }
  const std::string before = postgres() ? "" : ReadBytes(Location());
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = Open(read_only);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetArticle("id1")->article.title, "Title 1");

  for (const Status& s :
       {store->Begin(), store->InsertArticle(MakeArticle(2), 1).status(),
        store->PutState("k", "v"), store->PutEvent({1, 1, "e", {}, {}, 1, {}, {}})}) {
    EXPECT_EQ(s.code(), Status::Code::kIoError) << s.ToString();
    EXPECT_TRUE(Contains(s.message(), Location() + " is read-only"))
        << s.ToString();
  }
  store.reset();
  if (!postgres()) {
    EXPECT_EQ(ReadBytes(Location()), before);
  }
}

TEST_F(StoreFileTest, FailureLockedByAnotherProcessWaitsThenSaysSo) {
  OpenOrDie(File("locked.db"));
  sqlite3* other = nullptr;  // another program's connection
  ASSERT_EQ(sqlite3_open(File("locked.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr),
            SQLITE_OK);

  StoreOptions patient;
  patient.busy_timeout_ms = 300;
  auto store = OpenOrDie(File("locked.db"), patient);  // WAL: reads go on
  ASSERT_NE(store, nullptr);
  const auto start = std::chrono::steady_clock::now();
  const Status s = store->Begin();
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(s.code(), Status::Code::kIoError) << s.ToString();
  EXPECT_TRUE(Contains(s.message(), "database is locked by another process"))
      << s.ToString();
  EXPECT_TRUE(Contains(s.message(), "is writing " + File("locked.db")))
      << s.ToString();
  EXPECT_GE(waited, std::chrono::milliseconds(250));

  sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(store->Begin().ok());
  EXPECT_TRUE(store->Commit().ok());
}

// Damaged files: each is refused with Corruption naming the file, and
// left byte for byte as it was (never replaced by a new store).
TEST_F(StoreFileTest, FailureDamagedFilesAreRefusedAndLeftAlone) {
  {
    auto store = OpenOrDie(File("good.db"));
    ASSERT_TRUE(store->Begin().ok());
    for (int i = 1; i <= 300; ++i) {
      Article a = MakeArticle(i);
      a.text = std::string(1000, 'y');
      ASSERT_TRUE(store->InsertArticle(a, 1).ok());
    }
    ASSERT_TRUE(store->Commit().ok());
  }  // closing checkpoints the WAL into the file
  const std::string good = ReadBytes(File("good.db"));
  ASSERT_GT(good.size(), 100000u);
  std::string wrong_header = good;
  wrong_header.replace(0, 16, "NotSQLite format");
  std::string scribbled = good;  // the header and schema page destroyed
  for (size_t i = 0; i < 8192; ++i) scribbled[i] = static_cast<char>(i * 131);
  const struct {
    const char* name;
    std::string bytes;
  } kCases[] = {
      {"garbage.db", std::string(50000, '\x5a')},
      {"wrong_header.db", wrong_header},
      {"truncated.db", good.substr(0, good.size() / 2)},
      {"scribbled.db", scribbled},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    WriteBytes(File(c.name), c.bytes);
    Result<std::unique_ptr<Store>> r = Store::Open(File(c.name));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kCorruption)
        << r.status().ToString();
    EXPECT_TRUE(Contains(r.status().message(), "open store " + File(c.name)))
        << r.status().ToString();
    EXPECT_TRUE(Contains(r.status().message(), "is damaged or not a SQLite "
                                               "database, and was left as it is"))
        << r.status().ToString();
    EXPECT_EQ(ReadBytes(File(c.name)), c.bytes) << "the file was changed";
  }
}

TEST(StoreAdvice, NamesTheFileForEveryFailureOfTheFile) {
  for (int rc : {SQLITE_FULL, SQLITE_READONLY, SQLITE_BUSY, SQLITE_LOCKED,
                 SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_CANTOPEN, SQLITE_IOERR,
                 SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT}) {
    EXPECT_TRUE(Contains(sqlite::Advice(rc, "/x/news.db"), "/x/news.db")) << rc;
    EXPECT_TRUE(Contains(sqlite::Advice(rc, ""), "the store")) << rc;
  }
  EXPECT_EQ(sqlite::Advice(SQLITE_CONSTRAINT, "/x/news.db"), "");
}

// Speed is measured by bench/ (BM_StoreInsert), not asserted here: timed
// unit tests are flaky on a shared 2-core machine.

// ---- search (schema 5) ----

// Six stories, one event and one article each (story i: event 10+i,
// article idi), with the languages, sources and words below; story 6 is
// undated.
// Files made by SearchFixture, removed when the test binary ends (after
// every test's Store is closed).
struct SearchFiles {
  std::vector<std::string> paths;
  ~SearchFiles() {
    std::error_code ec;
    for (const std::string& p : paths) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p + suffix, ec);
    }
  }
};

// A file store, since an in-memory one keeps no full-text index (store.h).
std::unique_ptr<Store> SearchFixture(const std::string& where = "") {
  static SearchFiles files;
  std::string path = where;
  if (path.empty()) {
    path = (fs::path(::testing::TempDir()) /
            ("store_search_" + std::to_string(getpid()) + "_" +
             std::to_string(files.paths.size()) + ".db"))
               .string();
    files.paths.push_back(path);
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  }
  auto store = OpenOrDie(path);
  if (store == nullptr) return nullptr;
  const char* langs[] = {"en", "da", "en", "de", "fr", "en"};
  const char* sources[] = {"Gazette", "Bugle", "Gazette", "", "Courier", "Bugle"};
  const char* texts[] = {"The ferry left Frederikshavn.", "Færgen sejlede.",
                         "Köln votes today.", "Die Wahl in Köln.",
                         "Le ferry est parti.", "An undated ferry note."};
  for (int i = 1; i <= 6; ++i) {
    Article a = MakeArticle(i);
    a.lang = langs[i - 1];
    a.source = sources[i - 1];
    a.text = texts[i - 1];
    EXPECT_TRUE(store->InsertArticle(a, 10 + i).ok());
    EXPECT_TRUE(store->PutEvent(MakeEvent(10 + i, i, 1000 * i)).ok());
    // Story i is active until 1000 * i (story 6: never dated).
    EXPECT_TRUE(
        store->PutStory(MakeStory(i, i == 6 ? std::nullopt
                                            : std::optional<int64_t>(1000 * i)))
            .ok());
  }
  return store;
}

// Adds story 7 (event 17, active until 7000) holding `articles` to a
// SearchFixture store.
void AddStory7(Store& store, const std::vector<Article>& articles) {
  for (const Article& a : articles) ASSERT_TRUE(store.InsertArticle(a, 17).ok());
  ASSERT_TRUE(store.PutEvent(MakeEvent(17, 7, 7000)).ok());
  ASSERT_TRUE(store.PutStory(MakeStory(7, 7000)).ok());
}

std::vector<int64_t> Found(Store& store, const StoryFilter& f,
                           std::optional<StoryCursor> after = std::nullopt,
                           size_t limit = 0) {
  Result<std::vector<StoryRow>> rows = store.FindStories(f, after, limit);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? StoryIds(*rows) : std::vector<int64_t>{};
}

TEST_P(StoreContract, Search_FiltersCombineWithAnd) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  using V = std::vector<int64_t>;
  EXPECT_EQ(Found(*store, {}), (V{5, 4, 3, 2, 1, 6}));
  StoryFilter f;
  f.lang = "en";
  EXPECT_EQ(Found(*store, f), (V{3, 1, 6}));
  f.source = "Gazette";
  EXPECT_EQ(Found(*store, f), (V{3, 1}));
  f.since = 2000;  // last activity on or after
  EXPECT_EQ(Found(*store, f), (V{3}));
  f = {};
  f.until = 3000;  // first activity before (story i starts at 1000 i - 1000)
  EXPECT_EQ(Found(*store, f), (V{3, 2, 1}));
  f = {};
  f.source = "nobody";
  EXPECT_EQ(Found(*store, f), V{});
}

// since and until compare a story's first and last days, those of its
// local span (StoryRow::FirstDay, LastDay): New York's 23:30 -05:00 of 14
// February ends a story on the 14th, though it is 04:30 UTC on the 15th;
// without a local span, the instants' UTC days.
TEST_P(StoreContract, Search_SinceAndUntilReadTheOutletsDays) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  const UnixSeconds feb15 = 1707955200;  // 2024-02-15T00:00:00Z
  struct Ends {
    int64_t id;
    UnixSeconds t;
    std::optional<int> offset;  // minutes east; none: no local span
  };
  const Ends stories[] = {
      {1, feb15 + 4 * 3600 + 1800, -300},     // 14 Feb 23:30 in New York
      {2, feb15 - 1800, 120},                 // 15 Feb 01:30 in Kyiv
      {3, feb15 + 4 * 3600 + 1800, std::nullopt},  // 15 Feb, UTC
      {4, feb15 - 1800, std::nullopt},             // 14 Feb, UTC
  };
  for (const Ends& e : stories) {
    StoryRow s = MakeStory(e.id, e.t);
    s.first_published = e.t;
    if (e.offset) s.first_local = s.last_local = e.t + *e.offset * 60;
    ASSERT_TRUE(store->PutStory(s).ok());
    ExpectSameStory(s, *store->GetStory(e.id));
  }
  using V = std::vector<int64_t>;
  StoryFilter f;
  f.since = feb15;
  EXPECT_EQ(Found(*store, f), (V{3, 2}));
  f = {};
  f.until = feb15;
  EXPECT_EQ(Found(*store, f), (V{1, 4}));
  f.since = feb15 - kSecondsPerDay;
  EXPECT_EQ(Found(*store, f), (V{1, 4}));
}

// The conditions on articles hold of one article: a story whose Spanish
// article does not say what its French one does is no Spanish story about
// it (egypt.jsonl: --lang es --search Moubarak found a story whose only
// Spanish article was a page's chrome).
TEST_P(StoreContract, Search_ArticleConditionsHoldOfOneArticle) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  Article fr = MakeArticle(7);
  fr.lang = "fr";
  fr.source = "Le Monde";
  fr.text = "Moubarak quitte le pouvoir au Caire.";
  Article es = MakeArticle(8);
  es.lang = "es";
  es.source = "El Mundo";
  es.text = "Suscríbete para leer las noticias del día.";
  AddStory7(*store, {fr, es});
  using V = std::vector<int64_t>;
  StoryFilter f;
  f.query = "Moubarak";
  EXPECT_EQ(Found(*store, f), (V{7}));
  f.lang = "es";
  EXPECT_EQ(Found(*store, f), V{});
  f.lang = "fr";
  EXPECT_EQ(Found(*store, f), (V{7}));
  f.source = "El Mundo";
  EXPECT_EQ(Found(*store, f), V{});
  f.source = "Le Monde";
  EXPECT_EQ(Found(*store, f), (V{7}));
}

TEST(StoreSearch, InMemoryStoresKeepNoFullTextIndex) {
  auto store = SearchFixture(":memory:");
  ASSERT_NE(store, nullptr);
  StoryFilter f;
  f.query = "ferry";
  EXPECT_TRUE(Found(*store, f).empty());
  f.query.clear();
  f.lang = "en";
  EXPECT_FALSE(Found(*store, f).empty());  // the other filters work
}

TEST_P(StoreContract, Search_FullTextIgnoresCaseAndDiacritics) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  using V = std::vector<int64_t>;
  StoryFilter f;
  f.query = "ferry";
  EXPECT_EQ(Found(*store, f), (V{5, 1, 6}));
  f.query = "koln";
  EXPECT_EQ(Found(*store, f), (V{4, 3}));
  f.query = "KÖLN AND wahl";
  EXPECT_EQ(Found(*store, f), (V{4}));
  f.query = "title:\"Title 2\"";
  EXPECT_EQ(Found(*store, f), (V{2}));
  f.query = "ferr*";
  f.lang = "fr";
  EXPECT_EQ(Found(*store, f), (V{5}));
}

TEST_P(StoreContract, Search_MalformedQueryIsInvalidArgument) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  // ("nocolumn:x" is a word with a colon: PhrasesForPunctuatedWords.)
  for (const char* q : {"ferry AND (", "\"open", "AND", "*", "title:", "U.S. AND"}) {
    StoryFilter f;
    f.query = q;
    Result<std::vector<StoryRow>> r = store->FindStories(f, std::nullopt, 0);
    ASSERT_FALSE(r.ok()) << q;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << q;
    EXPECT_TRUE(Contains(r.status().message(), q)) << r.status().ToString();
  }
  // The connection is still usable.
  EXPECT_EQ(Found(*store, {}).size(), 6u);
}

// An exclusion with nothing before it is refused with what to write
// instead, on both back-ends (FTS5 said "no such column: ferry").
TEST_P(StoreContract, Search_LoneExclusionSaysWhatToWrite) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  for (const char* q : {"-ferry", "  -ferry wahl", "wahl OR -ferry", "(-ferry)"}) {
    StoryFilter f;
    f.query = q;
    Result<std::vector<StoryRow>> r = store->FindStories(f, std::nullopt, 0);
    ASSERT_FALSE(r.ok()) << q;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << q;
    EXPECT_TRUE(Contains(r.status().message(), q)) << r.status().ToString();
    EXPECT_TRUE(Contains(r.status().message(), "leaves out stories with ferry"))
        << r.status().ToString();
  }
  StoryFilter f;
  f.query = "wahl -ferry";
  EXPECT_TRUE(store->FindStories(f, std::nullopt, 0).ok());
}

// Words with punctuation inside, as people type them, find what they say
// on both back-ends (bare, FTS5 refused each).
TEST_P(StoreContract, Search_WordsWithPunctuationAreFound) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  Article a = MakeArticle(7);
  a.text = "Trains on Zaragoza-Teruel: the U.S. firm's 8,700 km of track.";
  AddStory7(*store, {a});
  for (const char* q : {"Zaragoza-Teruel", "U.S.", "firm's", "8,700", "Zaragoza-Ter*",
                        "Teruel - track", "text:Zaragoza-Teruel", "(U.S. OR nothing)"}) {
    StoryFilter f;
    f.query = q;
    EXPECT_EQ(Found(*store, f), (std::vector<int64_t>{7})) << q;
  }
  StoryFilter f;
  f.query = "Teruel-Zaragoza";  // a phrase: its words in this order
  EXPECT_EQ(Found(*store, f), (std::vector<int64_t>{}));
}

// Column filters in any case, left out with '-', and {column sets} find
// the same stories on both back-ends (PostgreSQL refused all but title:
// and text:).
TEST_P(StoreContract, Search_ColumnFiltersAndSets) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  Article a = MakeArticle(7);
  a.title = "Harbour crane topples";
  a.text = "The quay was closed after the storm.";
  AddStory7(*store, {a});
  using V = std::vector<int64_t>;
  for (const auto& [q, want] : std::vector<std::pair<std::string, V>>{
           {"Title:crane", V{7}},
           {"TEXT:crane", V{}},
           {"-title:crane", V{}},
           {"-text:crane", V{7}},
           {"-title:storm", V{7}},
           {"{title text}: storm", V{7}},
           {"{Title}: storm", V{}},
           {"-{title}: quay crane", V{7}},
           {"-{text}: quay", V{}},
           {"crane -title:storm", V{7}},
           {"quay -text:crane", V{7}},
           {"storm {title}: quay", V{}}}) {
    StoryFilter f;
    f.query = q;
    EXPECT_EQ(Found(*store, f), want) << q;
  }
}

TEST_P(StoreContract, Search_CursorPagesThroughEveryStoryOnce) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  // Two stories with the same activity, and the undated one at the end.
  ASSERT_TRUE(store->PutStory(MakeStory(7, 4000)).ok());
  std::vector<int64_t> all;
  std::optional<StoryCursor> cursor;
  for (int page = 0; page < 10; ++page) {
    Result<std::vector<StoryRow>> rows = store->FindStories({}, cursor, 2);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    if (rows->empty()) break;
    for (const StoryRow& s : *rows) all.push_back(s.id);
    cursor = StoryCursor{rows->back().last_published, rows->back().id};
  }
  EXPECT_EQ(all, (std::vector<int64_t>{5, 7, 4, 3, 2, 1, 6}));
}

TEST_P(StoreContract, Search_EntitiesFindStoriesAndMentions) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store
                  ->PutArticleEntities(
                      "id2", {{"@dk", "id2", "Danmark", "da", "Denmark", "LOC", 2}})
                  .ok());
  ASSERT_TRUE(store
                  ->PutArticleEntities(
                      "id1", {{"@dk", "id1", "Denmark", "en", "Denmark", "LOC", 1},
                              {"x", "id1", "X", "en", "X", "PER", 1}})
                  .ok());
  StoryFilter f;
  f.entity = "@dk";
  EXPECT_EQ(Found(*store, f), (std::vector<int64_t>{2, 1}));
  Result<std::vector<EntityMentionRow>> m = store->EntityMentions("@dk");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].article_id, "id1");  // ingest order
  EXPECT_EQ((*m)[1].form, "Danmark");
  EXPECT_EQ((*m)[1].lang, "da");
  EXPECT_EQ((*m)[1].mentions, 2);
  // By name or form, ASCII case ignored: one row per entity.
  for (const char* name : {"denmark", "DANMARK", "Denmark"}) {
    Result<std::vector<EntityMentionRow>> named = store->EntitiesNamed(name);
    ASSERT_TRUE(named.ok()) << named.status().ToString();
    ASSERT_EQ(named->size(), 1u) << name;
    EXPECT_EQ((*named)[0].key, "@dk");
    EXPECT_EQ((*named)[0].name, "Denmark");
    EXPECT_EQ((*named)[0].type, "LOC");
  }
  EXPECT_EQ(store->EntitiesNamed("denmark")->front().mentions, 2);  // rows named so
  EXPECT_TRUE(store->EntitiesNamed("Sweden")->empty());
  // Replacing an article's rows drops the old ones.
  ASSERT_TRUE(store->PutArticleEntities("id1", {}).ok());
  EXPECT_EQ(store->EntityMentions("@dk")->size(), 1u);
  EXPECT_TRUE(store->EntityMentions("nobody")->empty());
  // A row of another article is refused.
  EXPECT_EQ(store->PutArticleEntities("id1", {{"k", "id2", "K", "en", "K", "PER", 1}})
                .code(),
            Status::Code::kInvalidArgument);
}

// An article looked up by the id its input gave it, or by its URL.
TEST_P(StoreContract, Search_ArticlesCalledByInputIdOrUrl) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  auto ids = [&](std::string_view name) {
    Result<std::vector<StoredArticle>> r = store->ArticlesCalled(name);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const StoredArticle& a : *r) out.push_back(a.article.id);
    }
    return out;
  };
  EXPECT_EQ(ids("ext-3"), (std::vector<std::string>{"id3"}));
  EXPECT_EQ(ids("https://example.com/5"), (std::vector<std::string>{"id5"}));
  EXPECT_TRUE(ids("ext-99").empty());
  Article again = MakeArticle(7);
  again.external_id = "ext-3";  // another input's line with the same id
  ASSERT_TRUE(store->InsertArticle(again, 11).ok());
  EXPECT_EQ(ids("ext-3"), (std::vector<std::string>{"id3", "id7"}));
  EXPECT_EQ(store->ArticlesCalled("ext-3", 1)->size(), 1u);
}

TEST_P(StoreContract, Search_FacetsAndCounts) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  Article extra = MakeArticle(7);
  extra.lang = "sv";
  extra.source = "Bugle";
  ASSERT_TRUE(store->InsertArticle(extra, 11).ok());
  Article again = MakeArticle(8);
  again.source = "Bugle";
  ASSERT_TRUE(store->InsertArticle(again, 11).ok());
  Result<StoryFacets> f = store->GetStoryFacets(1);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->languages, (std::vector<std::string>{"en", "sv"}));
  EXPECT_EQ(f->sources, (std::vector<std::string>{"Bugle", "Gazette"}));
  EXPECT_TRUE(store->GetStoryFacets(4)->sources.empty());  // no source
  EXPECT_EQ(*store->CountStories(), 6);
}

// An article is searchable once the transaction that inserted it commits
// (SQLite indexes a transaction's articles as it commits, schema 6), or at
// once when inserted outside one; a rolled-back article never reaches the
// index, and the index stays consistent with the articles.
TEST_P(StoreContract, Search_ArticlesAreSearchableOnceCommitted) {
  auto store = SearchFixture(Location());
  ASSERT_NE(store, nullptr);
  using V = std::vector<int64_t>;
  StoryFilter f;
  f.query = "lighthouse";
  EXPECT_EQ(Found(*store, f), V{});
  auto add = [&](int i, const char* text) {
    Article a = MakeArticle(i);
    a.text = text;
    EXPECT_TRUE(store->InsertArticle(a, 10 + i).ok());
    EXPECT_TRUE(store->PutEvent(MakeEvent(10 + i, i, 1000 * i)).ok());
    EXPECT_TRUE(store->PutStory(MakeStory(i, 1000 * i)).ok());
  };
  ASSERT_TRUE(store->Begin().ok());
  add(7, "A lighthouse keeper retires.");
  ASSERT_TRUE(store->Rollback().ok());
  EXPECT_EQ(Found(*store, f), V{});
  ASSERT_TRUE(store->Begin().ok());
  add(8, "The lighthouse goes dark.");
  add(9, "A second lighthouse too.");
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(Found(*store, f), (V{9, 8}));
  add(10, "Outside a transaction, a lighthouse.");
  EXPECT_EQ(Found(*store, f), (V{10, 9, 8}));
  f.query = "ferry";  // the fixture's articles are still found
  EXPECT_EQ(Found(*store, f), (V{5, 1, 6}));
  if (!postgres()) {
    store.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(Location().c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db,
                           "INSERT INTO articles_fts (articles_fts, rank)"
                           " VALUES ('integrity-check', 1)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    EXPECT_EQ(QueryIntRaw(db, "SELECT indexed_through FROM fts_progress"), 9);
    sqlite3_close(db);
  }
}

// What EXPLAIN QUERY PLAN says of `sql` in the file at `path`: one line
// per step ("SEARCH articles USING INDEX ...").
std::string QueryPlan(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string plan;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "cannot open " + path;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr) !=
      SQLITE_OK) {
    plan = sqlite3_errmsg(db);
  }
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    plan += "\n";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return plan;
}

// A store file at schema `version` holding one article ('old', seq 1,
// "a lighthouse") in event 3 of story 8, written as that version's
// newsloom would have (its triggers included).
// The schema version `store` holds now, -1 when it cannot be read.
int StoredVersion(Store& store) {
  Result<int> v = store.StoredSchemaVersion();
  return v.ok() ? *v : -1;
}

void WriteOldStore(const std::string& path, int version) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(MigrateSchema(db, StoreMigrations().first(version), path).ok());
  ASSERT_EQ(QueryIntRaw(db, "PRAGMA user_version"), version);
  sqlite3_close(db);
  PokeSql(path,
          "INSERT INTO articles (id, seq, input, external_id, source, url,"
          " title, text, published, lang, lang_confidence, gold_event,"
          " gold_story, event_id, ingested_at) VALUES ('old', 1, '', '', '',"
          " '', 'Old news', 'a lighthouse', NULL, 'en', 1.0, '', '', 3, 0);"
          "INSERT INTO events (id, story_id, title, first_published, last_published,"
          " article_count) VALUES (3, 8, 'e', NULL, NULL, 1);"
          "INSERT INTO stories (id, title, first_published, last_published, event_count,"
          " article_count) VALUES (8, 's', NULL, NULL, 1, 1);");
}

// Into an upgraded WriteOldStore file: a second article about a
// lighthouse, in story 9, which a search then finds beside the old one's
// story 8 (the index written before the upgrade and after it).
void AddASecondLighthouse(Store& store) {
  ASSERT_TRUE(store.Begin().ok());
  Article a = MakeArticle(2);
  a.text = "Another lighthouse.";
  ASSERT_TRUE(store.InsertArticle(a, 4).ok());
  ASSERT_TRUE(store.PutEvent(MakeEvent(4, 9, 5000)).ok());
  ASSERT_TRUE(store.PutStory(MakeStory(9, 5000)).ok());
  ASSERT_TRUE(store.Commit().ok());
  StoryFilter f;
  f.query = "lighthouse";
  EXPECT_EQ(Found(store, f), (std::vector<int64_t>{9, 8}));
}

// A version-5 file (indexed by a trigger per row) keeps its index, and
// the articles inserted after the upgrade join it.
TEST_F(StoreFileTest, SchemaVersion5FileKeepsItsIndex) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v5.db"), 5));
  auto store = OpenOrDie(File("v5.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  ASSERT_NO_FATAL_FAILURE(AddASecondLighthouse(*store));
}

// Versions 7 and 9 set how the full-text index flushes and merges
// (SCHEMA.md): in a new file and in one written by version 6, whose index
// still finds its article.
TEST_F(StoreFileTest, SchemaVersions7And9SetTheIndexMerges) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v6.db"), 6));
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(File("v6.db").c_str(), &db), SQLITE_OK);
    // Version 6 indexed at commit: this article is in the index, as it
    // would have been there.
    ASSERT_EQ(sqlite3_exec(db,
                           "INSERT INTO articles_fts (articles_fts) VALUES"
                           " ('rebuild'); UPDATE fts_progress SET"
                           " indexed_through = 1",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  {
    // Read-only: older than 6 is still refused, and a file of another
    // application at 6 is not taken for ours.
    ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v5ro.db"), 5));
    StoreOptions read_only;
    read_only.read_only = true;
    Result<std::unique_ptr<Store>> v5 = Store::Open(File("v5ro.db"), read_only);
    ASSERT_FALSE(v5.ok());
    EXPECT_EQ(v5.status().code(), Status::Code::kNotSupported);
    PokeSql(File("other6.db"), "CREATE TABLE t (x); PRAGMA user_version = 6;");
    Result<std::unique_ptr<Store>> other = Store::Open(File("other6.db"), read_only);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.status().code(), Status::Code::kInvalidArgument);
    EXPECT_TRUE(Contains(other.status().message(), "not a newsloom store"))
        << other.status().ToString();
  }
  {
    // Read-only, a version-6 file is read as it is, and left at 6.
    StoreOptions read_only;
    read_only.read_only = true;
    Result<std::unique_ptr<Store>> ro = Store::Open(File("v6.db"), read_only);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ((*ro)->schema_version(), 6);
    StoryFilter f;
    f.query = "lighthouse";
    EXPECT_EQ(Found(**ro, f), (std::vector<int64_t>{8}));
    EXPECT_EQ((*ro)->GetArticle("old")->event_id, 3);
  }
  for (const char* name : {"v6.db", "new.db"}) {
    SCOPED_TRACE(name);
    auto store = OpenOrDie(File(name));
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
    store.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(File(name).c_str(), &db), SQLITE_OK);
    EXPECT_EQ(QueryIntRaw(db, "SELECT v FROM articles_fts_config"
                              " WHERE k = 'automerge'"),
              16);
    EXPECT_EQ(QueryIntRaw(db, "SELECT v FROM articles_fts_config"
                              " WHERE k = 'crisismerge'"),
              32);
    EXPECT_EQ(QueryIntRaw(db, "SELECT v FROM articles_fts_config"
                              " WHERE k = 'hashsize'"),
              33554432);
    sqlite3_close(db);
  }
  auto store = OpenOrDie(File("v6.db"));
  StoryFilter f;
  f.query = "lighthouse";
  EXPECT_EQ(Found(*store, f), (std::vector<int64_t>{8}));
}

// Version 9 flushes the full-text index at 32 MB and merges 16 segments at a
// time. A version-8 file opened read-only is read as it is; opened for
// writing it takes the new settings, and its index, written at the old
// ones, still finds its article and the ones indexed after.
TEST_F(StoreFileTest, SchemaVersion9FlushesTheIndexLess) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v8.db"), 8));
  PokeSql(File("v8.db"),
          "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
          " UPDATE fts_progress SET indexed_through = 1");
  auto setting = [&](const char* key) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(File("v8.db").c_str(), &db), SQLITE_OK);
    const int64_t v = QueryIntRaw(
        db, (std::string("SELECT v FROM articles_fts_config WHERE k = '") + key + "'")
                .c_str());
    sqlite3_close(db);
    return v;
  };
  EXPECT_EQ(setting("hashsize"), 8388608);
  // A reader of the version-8 file, kept open while a writer upgrades it
  // (as serve's pooled readers are): it reads the file as it was opened,
  // and StoredSchemaVersion says when the file has moved on.
  StoreOptions read_only;
  read_only.read_only = true;
  Result<std::unique_ptr<Store>> ro = Store::Open(File("v8.db"), read_only);
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ((*ro)->schema_version(), 8);
  EXPECT_EQ(StoredVersion(**ro), 8);
  {
    StoryFilter f;
    f.query = "lighthouse";
    EXPECT_EQ(Found(**ro, f), (std::vector<int64_t>{8}));
  }
  EXPECT_EQ(setting("hashsize"), 8388608);
  auto store = OpenOrDie(File("v8.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  EXPECT_EQ(StoredVersion(*store), Store::kSchemaVersion);
  EXPECT_EQ((*ro)->schema_version(), 8);
  EXPECT_EQ(StoredVersion(**ro), Store::kSchemaVersion);
  ro->reset();
  ASSERT_NO_FATAL_FAILURE(AddASecondLighthouse(*store));
  Result<std::optional<std::vector<std::string>>> check = store->CheckTextIndex(false);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  ASSERT_TRUE(check->has_value());
  EXPECT_TRUE((*check)->empty());
  store.reset();
  EXPECT_EQ(setting("automerge"), 16);
  EXPECT_EQ(setting("crisismerge"), 32);
  EXPECT_EQ(setting("hashsize"), 33554432);
}

// Version 10 remembers where merged events and stories went. A version-9
// file read-only has no such record (NotFound); opened for writing it gets
// the tables.
TEST_F(StoreFileTest, SchemaVersion10RemembersMergedIds) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v9.db"), 9));
  {
    StoreOptions read_only;
    read_only.read_only = true;
    Result<std::unique_ptr<Store>> ro = Store::Open(File("v9.db"), read_only);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ((*ro)->schema_version(), 9);
    EXPECT_EQ((*ro)->MergedInto(Store::Merged::kEvent, 3).status().code(),
              Status::Code::kNotFound);
    EXPECT_EQ((*ro)->MergedInto(Store::Merged::kStory, 8).status().code(),
              Status::Code::kNotFound);
    EXPECT_TRUE((*ro)->GetEvent(3).ok());
  }
  auto store = OpenOrDie(File("v9.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  ASSERT_TRUE(store->PutMerged(Store::Merged::kEvent, 2, 3).ok());
  store.reset();
  StoreOptions read_only;
  read_only.read_only = true;
  Result<std::unique_ptr<Store>> ro = Store::Open(File("v9.db"), read_only);
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ(WentInto(**ro, Store::Merged::kEvent, 2), 3);
}

// Version 11 keeps events' and stories' local spans. A version-10 file
// read-only reads none (its rows' days are the instants' UTC days, as they
// were) and filters by them; opened for writing it is upgraded, its rows
// keep none until written again, and new rows keep theirs.
TEST_F(StoreFileTest, SchemaVersion11KeepsLocalSpans) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v10.db"), 10));
  PokeSql(File("v10.db"),
          "UPDATE events SET first_published = 1707967800, last_published = 1707967800;"
          "UPDATE stories SET first_published = 1707967800, last_published = 1707967800");
  const UnixSeconds feb15 = 1707955200;  // 03:30 UTC above
  {
    StoreOptions read_only;
    read_only.read_only = true;
    Result<std::unique_ptr<Store>> ro = Store::Open(File("v10.db"), read_only);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ((*ro)->schema_version(), 10);
    EXPECT_FALSE((*ro)->GetEvent(3)->first_local || (*ro)->GetEvent(3)->last_local);
    EXPECT_FALSE((*ro)->GetStory(8)->first_local || (*ro)->GetStory(8)->last_local);
    EXPECT_EQ((*ro)->EventsOfStory(8)->size(), 1u);
    StoryFilter f;
    f.since = feb15;
    EXPECT_EQ(Found(**ro, f), (std::vector<int64_t>{8}));
  }
  auto store = OpenOrDie(File("v10.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  EXPECT_FALSE(store->GetStory(8)->first_local || store->GetStory(8)->last_local);
  StoryRow s = *store->GetStory(8);
  s.first_local = s.last_local = 1707967800 - 5 * 3600;  // 22:30 on the 14th in New York
  ASSERT_TRUE(store->PutStory(s).ok());
  ExpectSameStory(s, *store->GetStory(8));
  StoryFilter f;
  f.since = feb15;
  EXPECT_TRUE(Found(*store, f).empty());
  f = {};
  f.until = feb15;
  EXPECT_EQ(Found(*store, f), (std::vector<int64_t>{8}));
}

// Version 12 gives the rows dated before version 11 the local spans of
// their articles, as `check` computes them: an event's, of those that are
// not copies, each time moved by its offset (none, or one beyond a day,
// leaves it as it is); a story's, its events', when each dated one has
// them. Rows with spans keep theirs; undated ones stay without.
TEST_F(StoreFileTest, SchemaVersion12GivesOldRowsTheirLocalSpans) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v11.db"), 11));
  ASSERT_NO_FATAL_FAILURE(PokeSql(File("v11.db"),
          "INSERT INTO articles (id, seq, input, external_id, source, url, title, text,"
          " published, lang, lang_confidence, gold_event, gold_story, event_id,"
          " ingested_at, published_offset) VALUES"
          " ('ny', 2, '', '', '', '', 't', 'x', 1707967800, 'en', 1, '', '', 5, 0, -300),"
          " ('paris', 3, '', '', '', '', 't', 'x', 1707971400, 'fr', 1, '', '', 5, 0, 60),"
          " ('copy', 4, '', '', '', '', 't', 'x', 1707960000, 'en', 1, '', '', 5, 0, -720),"
          " ('odd', 5, '', '', '', '', 't', 'x', 1707970000, 'en', 1, '', '', 5, 0, 5000),"
          " ('utc', 6, '', '', '', '', 't', 'x', 1707900000, 'en', 1, '', '', 6, 0, NULL),"
          " ('new', 7, '', '', '', '', 't', 'x', 1708000000, 'en', 1, '', '', 7, 0, 60);"
          "INSERT INTO duplicates VALUES ('copy', 'ny', 'ny', 'exact', 1.0);"
          "INSERT INTO events VALUES"
          " (5, 11, 'e', 1707967800, 1707971400, 3, NULL, NULL),"
          " (12, 11, 'e', 1707967800, 1707967800, 1, NULL, NULL),"
          " (6, 10, 'e', 1707900000, 1707900000, 1, NULL, NULL),"
          " (7, 10, 'e', 1708000000, 1708000000, 1, 1708003600, 1708003600);"
          "INSERT INTO stories VALUES"
          " (10, 's', 1707900000, 1708000000, 2, 2, NULL, NULL),"
          " (11, 's', 1707967800, 1707971400, 2, 4, NULL, NULL);"));
  auto store = OpenOrDie(File("v11.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  auto span = [&](const auto& row) {
    return std::make_pair(row->first_local, row->last_local);
  };
  using Span = std::pair<std::optional<UnixSeconds>, std::optional<UnixSeconds>>;
  // New York's 22:30 of the 14th to Paris's 06:30 of the 15th; the copy's
  // earlier time is not counted, an offset beyond a day is none.
  EXPECT_EQ(span(store->GetEvent(5)), Span(1707967800 - 5 * 3600, 1707971400 + 3600));
  EXPECT_EQ(span(store->GetEvent(6)), Span(1707900000, 1707900000));
  EXPECT_EQ(span(store->GetEvent(7)), Span(1708003600, 1708003600));
  EXPECT_EQ(span(store->GetEvent(12)), Span());  // dated, but no article says so
  EXPECT_EQ(span(store->GetEvent(3)), Span());   // undated
  EXPECT_EQ(span(store->GetStory(10)), Span(1707900000, 1708003600));
  EXPECT_EQ(span(store->GetStory(11)), Span());  // event 12 has none
  EXPECT_EQ(span(store->GetStory(8)), Span());
}

// Version 8 keeps the offset an article's time was written with and indexes
// the lookups by input id and URL. A version-7 file read-only reads no
// offsets and finds its article by a scan; opened for writing it is
// upgraded, keeps what it had and indexes it.
TEST_F(StoreFileTest, SchemaVersion8KeepsOffsetsAndIndexesInputIds) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v7.db"), 7));
  PokeSql(File("v7.db"),
          "UPDATE articles SET external_id = 'wire-1', url = 'https://x.test/1'");
  {
    StoreOptions read_only;
    read_only.read_only = true;
    Result<std::unique_ptr<Store>> ro = Store::Open(File("v7.db"), read_only);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    EXPECT_EQ((*ro)->schema_version(), 7);
    Result<StoredArticle> old = (*ro)->GetArticle("old");
    ASSERT_TRUE(old.ok()) << old.status().ToString();
    EXPECT_FALSE(old->article.published_offset.has_value());
    Result<std::vector<StoredArticle>> called = (*ro)->ArticlesCalled("wire-1");
    ASSERT_TRUE(called.ok()) << called.status().ToString();
    ASSERT_EQ(called->size(), 1u);
    EXPECT_EQ((*called)[0].article.id, "old");
  }
  auto store = OpenOrDie(File("v7.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  Article zoned = MakeArticle(2);
  zoned.external_id = "wire-2";
  zoned.url = "https://x.test/2";
  zoned.published_offset = -300;
  Article blank = MakeArticle(3);  // no input id, no URL
  blank.external_id.clear();
  blank.url.clear();
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store->InsertArticle(zoned, 3).ok());
  ASSERT_TRUE(store->InsertArticle(blank, 3).ok());
  ASSERT_TRUE(store->Commit().ok());
  store.reset();
  store = OpenOrDie(File("v7.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetArticle(zoned.id)->article.published_offset, -300);
  EXPECT_FALSE(store->GetArticle("old")->article.published_offset.has_value());
  const std::pair<const char*, std::string> called_as[] = {
      {"wire-1", "old"},
      {"https://x.test/1", "old"},
      {"wire-2", zoned.id},
      {"https://x.test/2", zoned.id}};
  for (const auto& [name, id] : called_as) {
    SCOPED_TRACE(name);
    Result<std::vector<StoredArticle>> called = store->ArticlesCalled(name);
    ASSERT_TRUE(called.ok()) << called.status().ToString();
    ASSERT_EQ(called->size(), 1u);
    EXPECT_EQ((*called)[0].article.id, id);
  }
  EXPECT_TRUE(store->ArticlesCalled("")->empty()) << "an empty name is no article's";
  store.reset();
  // The lookup reads the indexes, not the table.
  const std::string plan = QueryPlan(File("v7.db"),
                                     "SELECT id FROM articles"
                                     " WHERE (external_id = ?1 AND external_id != '')"
                                     " OR (url = ?1 AND url != '')");
  EXPECT_TRUE(Contains(plan, "articles_by_external_id")) << plan;
  EXPECT_TRUE(Contains(plan, "articles_by_url")) << plan;
}

// An entity typed by its name or a form is found through the indexes of
// schema 8, not by reading every entity row.
TEST_F(StoreFileTest, EntitiesNamedReadsTheNameIndexes) {
  auto store = OpenOrDie(File("entities.db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 0).ok());
  ASSERT_TRUE(store->PutArticleEntities(
      "id1", {{"hosni mubarak", "id1", "Mubarak", "en", "Hosni Mubarak", "PER", 2}}).ok());
  for (const char* typed : {"hosni MUBARAK", "mubarak"}) {
    Result<std::vector<EntityMentionRow>> named = store->EntitiesNamed(typed);
    ASSERT_TRUE(named.ok()) << named.status().ToString();
    ASSERT_EQ(named->size(), 1u) << typed;
    EXPECT_EQ((*named)[0].key, "hosni mubarak");
  }
  store.reset();
  const std::string plan =
      QueryPlan(File("entities.db"),
                "SELECT x.key FROM article_entities x"
                " WHERE lower(x.name) = lower(?1) OR lower(x.form) = lower(?1)");
  EXPECT_TRUE(Contains(plan, "article_entities_by_name")) << plan;
  EXPECT_TRUE(Contains(plan, "article_entities_by_form")) << plan;
}

// A version-4 file gains the search index over the articles it holds.
TEST_F(StoreFileTest, SchemaVersion4FileIsMigratedAndIndexed) {
  ASSERT_NO_FATAL_FAILURE(WriteOldStore(File("v4.db"), 4));
  auto store = OpenOrDie(File("v4.db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  StoryFilter f;
  f.query = "lighthouse";
  EXPECT_EQ(Found(*store, f), (std::vector<int64_t>{8}));
}

}  // namespace
}  // namespace newsloom

namespace newsloom {
namespace {

// ---- PostgreSQL specifics ----

// The FTS5 query language read for PostgreSQL (fts_query.h).
TEST(StoreFtsQuery, TranslatesToTsQuery) {
  const struct {
    const char* fts5;
    const char* tsquery;
  } kGolden[] = {
      {"ferry", "'ferry'"},
      {"KÖLN AND wahl", "('KÖLN' & 'wahl')"},
      {"ferry boat", "('ferry' & 'boat')"},
      {"a OR b c", "('a' | ('b' & 'c'))"},
      {"a NOT b", "('a' & !'b')"},
      {"ferr*", "'ferr':*"},
      {"title:\"Title 2\"", "('Title':A <-> '2':A)"},
      {"text:(a OR b*)", "('a':D | 'b':*D)"},
      {"\"Frederiksen's party\"", "('Frederiksen' <-> 's' <-> 'party')"},
      {"\"say \"\"no\"\"\"", "('say' <-> 'no')"},
      {"(a OR b) AND NOT_a_keyword", "(('a' | 'b') & 'NOT_a_keyword')"},
      // One token to PostgreSQL's parser, split by FTS5: either matches.
      {"\"U.S.\"", "(('U' <-> 'S' | 'U.S'))"},
      {"\"3.5 km\"*", "(('3' <-> '5' | '3.5') <-> 'km':*)"},
      {"title:\"bbc.co.uk\"*", "(('bbc':A <-> 'co':A <-> 'uk':*A | 'bbc.co.uk':*A))"},
      {"\"Zaragoza-Teruel\"", "('Zaragoza' <-> 'Teruel')"},
      // Column names in any case, left out with '-', and {column sets}.
      {"Title:rail", "'rail':A"},
      {"-title:rail", "'rail':D"},
      {"- TEXT: rail", "'rail':A"},
      {"{title text}: rail", "'rail'"},
      {"{Title}: rail", "'rail':A"},
      {"-{title}: rail boat", "('rail':D & 'boat')"},
      {"-{text}: (a OR b)", "('a':A | 'b':A)"},
      {"crane -title:storm", "('crane' & 'storm':D)"},
      {"a {title}: b", "('a' & 'b':A)"},
  };
  for (const auto& g : kGolden) {
    Result<std::string> got = store::ToTsQuery(g.fts5);
    ASSERT_TRUE(got.ok()) << g.fts5 << ": " << got.status().ToString();
    EXPECT_EQ(*got, g.tsquery) << g.fts5;
  }
}

TEST(StoreFtsQuery, PunctuatedWordsBecomePhrases) {
  const struct {
    const char* typed;
    const char* query;
  } kGolden[] = {
      {"Zaragoza-Teruel", "\"Zaragoza-Teruel\""},
      {"U.S. AND Lyon's", "\"U.S.\" AND \"Lyon's\""},
      {"8,700 tonnes", "\"8,700\" tonnes"},
      {"title:U.S.*", "title:\"U.S.\"*"},
      {"(e-mail OR post)", "(\"e-mail\" OR post)"},
      {"a - b", "a   b"},
      {"\"as it-is\" x-y", "\"as it-is\" \"x-y\""},
      {"\"say \"\"no-one\"\"\" ok", "\"say \"\"no-one\"\"\" ok"},
      {"ferr* title:x ^first a+b KÖLN", "ferr* title:x ^first a+b KÖLN"},
      // The rest of FTS5's syntax stays as written.
      {"NEAR(rail lines, 5)", "NEAR(rail lines, 5)"},
      {"NEAR(rail lines , 5) x-y", "NEAR(rail lines , 5) \"x-y\""},
      {"{title text}: rail", "{title text}: rail"},
      {"-title:rail", "-title:rail"},
      {"- title: rail", "- title: rail"},
      {"-{title}: U.S.", "-{title}: \"U.S.\""},
      {"Title:U.S.", "Title:\"U.S.\""},
      // A colon after what is no column is a word's.
      {"10:30 meeting", "\"10:30\" meeting"},
      {"nocolumn:x", "\"nocolumn:x\""},
      // Punctuated words inside NEAR, its distance kept; NEAR ( with a space.
      {"NEAR(Zaragoza-Teruel primeras, 10)", "NEAR(\"Zaragoza-Teruel\" primeras, 10)"},
      {"NEAR (rail lines, 2)", "NEAR (rail lines, 2)"},
      // A column's colon after a space.
      {"title : rail", "title : rail"},
      {"title :U.S.", "title :\"U.S.\""},
      {"{title} :rail", "{title} :rail"},
      // + joins words; elsewhere it is a word's ("C++"); ^ stays outside.
      {"C++ rail", "\"C++\" rail"},
      {"^Zaragoza-Teruel", "^\"Zaragoza-Teruel\""},
      // A leading - leaves a word out, as search boxes read it.
      {"tanker -Lyon", "tanker NOT Lyon"},
      {"tanker -covid-19 -U.S.", "tanker NOT \"covid-19\" NOT \"U.S.\""},
      {"(a OR b) -c", "(a OR b) NOT c"},
      {"-Lyon", "-Lyon"},
      {"\"open", "\"open"},  // still refused, by FTS5 and ToTsQuery
      {"", ""},
  };
  for (const auto& g : kGolden) {
    EXPECT_EQ(store::PhrasesForPunctuatedWords(g.typed), g.query) << g.typed;
  }
  // Exclusions with nothing to leave out of, the first one named.
  for (const auto& [typed, lone] : std::vector<std::pair<std::string, std::string>>{
           {"-Lyon", "-Lyon"},
           {"-Lyon -Paris", "-Lyon"},
           {"a OR -b", "-b"},
           {"a AND (-b)", "-b"},
           {"tanker -Lyon", ""},
           {"(a OR b) -c", ""},
           {"-title:rail", ""},
           {"\"a b\" -c", ""}}) {
    std::string found;
    store::PhrasesForPunctuatedWords(typed, &found);
    EXPECT_EQ(found, lone) << typed;
  }
}

TEST(StoreFtsQuery, RefusesWhatFts5Refuses) {
  for (const char* q : {"ferry AND (", "\"open", "nocolumn:x", "AND", "*",
                        "a OR", "(a", "a)", "NEAR(a b)", "a - b", "\"\"",
                        "{title text: x", "{}: x", "{body}: x", "-{title text}: x",
                        "-x"}) {
    Result<std::string> got = store::ToTsQuery(q);
    ASSERT_FALSE(got.ok()) << q << " -> " << *got;
    EXPECT_EQ(got.status().code(), Status::Code::kInvalidArgument) << q;
    EXPECT_TRUE(Contains(got.status().message(), q)) << got.status().ToString();
  }
}

TEST(StorePostgres, MessagesNeverShowThePassword) {
  EXPECT_EQ(Store::DisplayLocation("postgresql://ann:s3cret@db.example/news"),
            "postgresql://ann@db.example/news");
  EXPECT_EQ(Store::DisplayLocation("postgres://db/news?user=ann&password=s3cret&x=1"),
            "postgres://db/news?user=ann&password=***&x=1");
  EXPECT_EQ(Store::DisplayLocation("news.db"), "news.db");
  // A server that is not there: IoError naming the URI, less the password.
  Result<std::unique_ptr<Store>> r = Store::Open(
      "postgresql://ann:s3cret@/news?host=/nonexistent-socket-dir&connect_timeout=2");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIoError);
  EXPECT_TRUE(Contains(r.status().message(), "postgresql://ann@/news"))
      << r.status().ToString();
  EXPECT_FALSE(Contains(r.status().message(), "s3cret")) << r.status().ToString();
  EXPECT_TRUE(Contains(r.status().message(), "check that the PostgreSQL server runs"))
      << r.status().ToString();
}

// A schema that holds another application's "articles" is not taken over.
TEST_P(StoreContract, PostgresRefusesAForeignSchema) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only (SQLite: SchemaOtherApplicationsDatabaseIsRefused)";
  ASSERT_TRUE(Open() != nullptr);  // a store: fine, and opened again
  ASSERT_TRUE(Open() != nullptr);
  AdminSql("CREATE SCHEMA " + schema() + "_other");
  AdminSql("CREATE TABLE " + schema() + "_other.articles (x int)");
  const std::string other =
      Location().substr(0, Location().rfind("%3D") + 3) + schema() + "_other";
  Result<std::unique_ptr<Store>> r = Store::Open(other);
  AdminSql("DROP SCHEMA " + schema() + "_other CASCADE");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << r.status().ToString();
  EXPECT_TRUE(Contains(r.status().message(), "not a newsloom store"))
      << r.status().ToString();
}

// A PostgreSQL store made at schema 7 (the tables of 5 to 7 are the same)
// is read as it is when opened read-only, its offsets NULL, and upgraded by
// the first writer: the column and indexes of schema 8 (SQLite:
// SchemaVersion8KeepsOffsetsAndIndexesInputIds).
TEST_P(StoreContract, PostgresUpgradesASchema7Store) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only (SQLite: StoreFileTest.SchemaVersion8...)";
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    Article old = MakeArticle(1);
    old.external_id = "wire-1";
    ASSERT_TRUE(store->InsertArticle(old, 0).ok());
    ASSERT_TRUE(store->PutStory(MakeStory(8, 5000)).ok());
  }
  StoreOptions claim;
  claim.claim_writer = true;
  auto writer = Open(claim);  // a running writer, of the older schema's time
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->ClaimWriter().ok());
  const std::string s = schema() + ".";
  AdminSql("DROP INDEX " + s + "articles_by_external_id; DROP INDEX " + s +
           "articles_by_url; ALTER TABLE " + s +
           "articles DROP COLUMN published_offset; ALTER TABLE " + s +
           "events DROP COLUMN first_local, DROP COLUMN last_local; ALTER TABLE " + s +
           "stories DROP COLUMN first_local, DROP COLUMN last_local; UPDATE " + s +
           "newsloom_meta SET value = '7' WHERE key = 'schema_version'");
  // A second writer is refused before it upgrades anything.
  Result<std::unique_ptr<Store>> refused = Store::Open(Location(), claim);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(Contains(refused.status().message(), "writer")) << refused.status().ToString();
  writer.reset();
  {
    StoreOptions ro;
    ro.read_only = true;
    auto reader = Open(ro);
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->schema_version(), 7);
    Result<std::vector<StoredArticle>> called = reader->ArticlesCalled("wire-1");
    ASSERT_TRUE(called.ok()) << called.status().ToString();
    ASSERT_EQ(called->size(), 1u);
    EXPECT_FALSE((*called)[0].article.published_offset.has_value());
    ExpectSameStory(MakeStory(8, 5000), *reader->GetStory(8));  // no local span
    StoryFilter f;
    f.since = 4000;
    EXPECT_EQ(Found(*reader, f), (std::vector<int64_t>{8}));
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
  Article zoned = MakeArticle(2);
  zoned.published_offset = 330;  // "+05:30"
  ASSERT_TRUE(store->InsertArticle(zoned, 0).ok());
  StoryRow story = MakeStory(8, 5000);
  ExpectSameStory(story, *store->GetStory(8));
  story.first_local = *story.first_published + 330 * 60;
  story.last_local = *story.last_published + 330 * 60;
  ASSERT_TRUE(store->PutStory(story).ok());
  ExpectSameStory(story, *store->GetStory(8));
  // From 7 to the current version in one step, written as such (the
  // writer's schema_version() is what it migrated to; this reads the
  // database).
  EXPECT_EQ(StoredVersion(*store), Store::kSchemaVersion);
  store.reset();
  store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetArticle("id2")->article.published_offset, 330);
  EXPECT_EQ(store->ArticlesCalled("wire-1")->size(), 1u);
  store.reset();
  // Version 9 changed only SQLite's index: a version-8 database is read as
  // it is and numbered 9 by its first writer.
  AdminSql("UPDATE " + s + "newsloom_meta SET value = '8' WHERE key = 'schema_version'");
  {
    StoreOptions ro;
    ro.read_only = true;
    auto reader = Open(ro);  // kept open while the writer upgrades
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->schema_version(), 8);
    EXPECT_EQ(StoredVersion(*reader), 8);
    EXPECT_EQ(reader->GetArticle("id2")->article.published_offset, 330);
    store = Open();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schema_version(), Store::kSchemaVersion);
    EXPECT_EQ(store->GetArticle("id2")->article.published_offset, 330);
    EXPECT_EQ(reader->schema_version(), 8);
    EXPECT_EQ(StoredVersion(*reader), Store::kSchemaVersion);  // as written
  }
  store.reset();
  // Version 10 added the tables of merged ids: a version-9 database read
  // as it is finds none, and its first writer adds them.
  AdminSql("DROP TABLE " + s + "merged_events; DROP TABLE " + s +
           "merged_stories; UPDATE " + s +
           "newsloom_meta SET value = '9' WHERE key = 'schema_version'");
  {
    StoreOptions ro;
    ro.read_only = true;
    auto reader = Open(ro);
    ASSERT_NE(reader, nullptr);
    EXPECT_EQ(reader->schema_version(), 9);
    EXPECT_EQ(reader->MergedInto(Store::Merged::kEvent, 1).status().code(),
              Status::Code::kNotFound);
  }
  store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(StoredVersion(*store), Store::kSchemaVersion);
  ASSERT_TRUE(store->PutMerged(Store::Merged::kEvent, 1, 2).ok());
  EXPECT_EQ(WentInto(*store, Store::Merged::kEvent, 1), 2);
  // Version 12 gave the rows dated without local spans those of their
  // articles (SQLite: StoreFileTest.SchemaVersion12GivesOldRowsTheirLocalSpans).
  Article ny = MakeArticle(3);
  ny.published_offset = -300;
  ASSERT_TRUE(store->InsertArticle(ny, 4).ok());
  ASSERT_TRUE(store->PutEvent(MakeEvent(4, 9, ny.published)).ok());
  ASSERT_TRUE(store->PutStory(MakeStory(9, ny.published)).ok());
  store.reset();
  AdminSql("UPDATE " + s + "newsloom_meta SET value = '11' WHERE key = 'schema_version'");
  store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(StoredVersion(*store), Store::kSchemaVersion);
  const UnixSeconds local = *ny.published - 5 * 3600;
  EXPECT_EQ(store->GetEvent(4)->first_local, local);
  EXPECT_EQ(store->GetEvent(4)->last_local, local);
  EXPECT_EQ(store->GetStory(9)->first_local, local);
  EXPECT_EQ(store->GetStory(9)->last_local, local);
}

}  // namespace
}  // namespace newsloom

namespace newsloom {
namespace {

// A connection the server drops (a restart, an idle timeout) is made again
// when nothing was in progress; a transaction it cut off is reported as
// lost, never as committed, and the store goes on.
TEST_P(StoreContract, PostgresReconnectsAfterTheServerDropsTheConnection) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only";
  const std::string name = "victim_" + schema();
  auto store = OpenOrDie(Location() + "&application_name=" + name);
  ASSERT_NE(store, nullptr);
  const std::string kill =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
      " WHERE application_name = '" + name + "'";
  ASSERT_TRUE(store->InsertArticle(MakeArticle(1), 0).ok());
  AdminSql(kill);
  Result<bool> has = store->HasArticle("id1");  // reconnects
  ASSERT_TRUE(has.ok()) << has.status().ToString();
  EXPECT_TRUE(*has);
  AdminSql(kill);
  EXPECT_TRUE(store->InsertArticle(MakeArticle(2), 0).ok());  // its own transaction

  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store->InsertArticle(MakeArticle(3), 0).ok());
  AdminSql(kill);
  EXPECT_FALSE(store->PutState("k", "v").ok());
  const Status committed = store->Commit();
  EXPECT_EQ(committed.code(), Status::Code::kIoError) << committed.ToString();
  EXPECT_TRUE(Contains(committed.message(), "none of it is stored"))
      << committed.ToString();
  EXPECT_FALSE(store->in_transaction());
  EXPECT_FALSE(*store->HasArticle("id3"));
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store->InsertArticle(MakeArticle(3), 0).ok());
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(*store->CountArticles(), 3);
}

}  // namespace
}  // namespace newsloom
