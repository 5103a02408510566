#include "store/schema.h"

#include <string>

#include "base/article.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace newsloom {

// Schema version 12: the local spans of the rows dated before version 11,
// from their articles. An event's are the earliest and latest local times
// of its articles that are not copies (Article::published_offset moves a
// time, as LocalTime does: none, or one beyond a day, leaves it as it is);
// a story's are its events', when each of its dated events has them. What
// `check` holds the rows to, and what the Engine restores in a clustering
// state saved before version 11 (Engine::RestoreLocalSpans), so that no
// event or story keeps the UTC days of its instants after an upgrade.
// Rows already given spans are left as they are. PostgreSQL's upgrade
// runs the same statements (postgres.cc).
// The literals below are kMaxUtcOffsetMinutes (base/article.h).
static_assert(kMaxUtcOffsetMinutes == 1440);
const char kLocalSpansFromArticles[] = R"sql(
UPDATE events SET (first_local, last_local) = (
  SELECT min(t), max(t) FROM (
    SELECT a.published + CASE WHEN a.published_offset BETWEEN -1440 AND 1440
                              THEN a.published_offset * 60 ELSE 0 END AS t
    FROM articles a
    WHERE a.event_id = events.id AND a.published IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.article_id = a.id)) AS times)
WHERE first_local IS NULL AND first_published IS NOT NULL;
UPDATE stories SET (first_local, last_local) = (
  SELECT min(e.first_local), max(e.last_local) FROM events e
  WHERE e.story_id = stories.id)
WHERE first_local IS NULL AND first_published IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.story_id = stories.id
                  AND e.first_published IS NOT NULL AND e.first_local IS NULL);
)sql";

namespace {

// Schema version 1. Described column by column in SCHEMA.md; keep the two
// in step. STRICT tables make SQLite reject a value of the wrong type
// instead of silently storing it.
constexpr const char kSchemaV1[] = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value ANY
) STRICT;

CREATE TABLE articles (
  id              TEXT PRIMARY KEY NOT NULL,
  seq             INTEGER NOT NULL UNIQUE,
  input           TEXT NOT NULL,
  external_id     TEXT NOT NULL,
  source          TEXT NOT NULL,
  url             TEXT NOT NULL,
  title           TEXT NOT NULL,
  text            TEXT NOT NULL,
  published       INTEGER,
  lang            TEXT NOT NULL,
  lang_confidence REAL NOT NULL,
  gold_event      TEXT NOT NULL,
  gold_story      TEXT NOT NULL,
  event_id        INTEGER NOT NULL DEFAULT 0,
  ingested_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX articles_by_event ON articles (event_id, seq);

CREATE TABLE events (
  id              INTEGER PRIMARY KEY,
  story_id        INTEGER NOT NULL,
  title           TEXT NOT NULL,
  first_published INTEGER,
  last_published  INTEGER,
  article_count   INTEGER NOT NULL
) STRICT;
CREATE INDEX events_by_story ON events (story_id, first_published, id);

CREATE TABLE stories (
  id              INTEGER PRIMARY KEY,
  title           TEXT NOT NULL,
  first_published INTEGER,
  last_published  INTEGER,
  event_count     INTEGER NOT NULL,
  article_count   INTEGER NOT NULL
) STRICT;
CREATE INDEX stories_by_activity ON stories (last_published DESC, id DESC);

CREATE TABLE state (
  key   TEXT PRIMARY KEY NOT NULL,
  value BLOB NOT NULL
) STRICT;

INSERT INTO meta (key, value)
  VALUES ('created_at', CAST(strftime('%s', 'now') AS INTEGER));
)sql";

// Schema version 2: duplicate articles (src/dedup), one row per copy.
constexpr const char kSchemaV2[] = R"sql(
CREATE TABLE duplicates (
  article_id   TEXT PRIMARY KEY NOT NULL,
  canonical_id TEXT NOT NULL,
  matched_id   TEXT NOT NULL,
  kind         TEXT NOT NULL,
  similarity   REAL NOT NULL
) STRICT;
CREATE INDEX duplicates_by_canonical ON duplicates (canonical_id);
)sql";

// Schema version 3: what `newsloom watch` remembers about each feed (its
// HTTP validators) and the items it has already taken, so a restart does
// not ingest them again.
constexpr const char kSchemaV3[] = R"sql(
CREATE TABLE feeds (
  url           TEXT PRIMARY KEY NOT NULL,
  etag          TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  checked_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE feed_items (
  feed_url TEXT NOT NULL,
  item_key TEXT NOT NULL,
  seen_at  INTEGER NOT NULL,
  PRIMARY KEY (feed_url, item_key)
) STRICT, WITHOUT ROWID;
)sql";

// Schema version 4: each article's annotations (entities, dates,
// quotations; src/engine/annotations.h) as the JSON `newsloom annotate`
// prints, computed on first request and kept. `version` is the annotator's:
// a newer annotator recomputes rows of an older one.
constexpr const char kSchemaV4[] = R"sql(
CREATE TABLE annotations (
  article_id TEXT PRIMARY KEY NOT NULL,
  version    INTEGER NOT NULL,
  json       TEXT NOT NULL
) STRICT;
)sql";

// Schema version 5: what `newsloom serve` searches by (docs/api.md). An
// FTS5 index over the titles and bodies of articles, kept in step with
// `articles` by triggers (articles are never deleted, and title and text
// never change, but the update trigger keeps the index right if they did),
// rebuilt here from the articles a version-4 file already holds; the
// entities of each article, from its annotations, one row per form; and
// the indexes behind the story filters by language and outlet.
constexpr const char kSchemaV5[] = R"sql(
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='seq',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text)
    VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text)
    VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

CREATE TABLE article_entities (
  key        TEXT NOT NULL,
  article_id TEXT NOT NULL,
  form       TEXT NOT NULL,
  lang       TEXT NOT NULL,
  name       TEXT NOT NULL,
  type       TEXT NOT NULL,
  mentions   INTEGER NOT NULL,
  PRIMARY KEY (key, article_id, form)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_entities_by_article ON article_entities (article_id);

CREATE INDEX articles_by_lang ON articles (lang, event_id);
CREATE INDEX articles_by_source ON articles (source, event_id);
)sql";

// Schema version 6: the full-text index is kept in bulk, not by a trigger
// per row. Indexing each article as it was inserted, interleaved with the
// clustering, cost about a third of `ingest`; one INSERT ... SELECT of the
// transaction's new articles just before it commits costs a third of that
// (docs/performance.md). `fts_progress.indexed_through` is the last
// `articles.seq` the index holds; the SQLite back-end indexes every article
// after it and moves it in the same transaction, so a committed article is
// always searchable. The update and delete triggers (newsloom never fires
// them) touch the index only for articles it holds.
constexpr const char kSchemaV6[] = R"sql(
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_update;
DROP TRIGGER articles_fts_delete;
CREATE TABLE fts_progress (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL
) STRICT;
INSERT INTO fts_progress VALUES (1, (SELECT coalesce(max(seq), 0) FROM articles));
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN old.seq <= (SELECT indexed_through FROM fts_progress)
BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text)
    VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN old.seq <= (SELECT indexed_through FROM fts_progress)
BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
)sql";

// Schema version 7: how the full-text index merges its segments. FTS5
// writes the terms of each commit as a new segment (several, at its default
// 1 MB hash) and by default merges every 4 segments of a level into one of
// the next, so each term is rewritten once per level. Flushing at 8 MB (one
// segment per commit of `ingest`) and merging 8 at a time rewrites each term
// less often: `ingest` of 50,000 synthetic articles took 4-8 % less time,
// gva-dev's 5 %, and searches were as fast (docs/performance.md, "The
// full-text index's merges"). Both settings are kept in
// `articles_fts_config`.
constexpr const char kSchemaV7[] = R"sql(
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);
)sql";

// Schema version 8: the UTC offset each article's time was written with
// (Article::published_offset: the outlet's day is the article's), and
// indexes for `show ID`, the API's /api/articles/{id} and feeds' item
// lookups by input id or URL, which scanned the whole table (partial: the
// articles without either cost nothing), and for entities looked up by a
// name or form (`stories --entity "Hosni Mubarak"`, the API's entity=),
// which scanned every entity row of every annotated article.
constexpr const char kSchemaV8[] = R"sql(
ALTER TABLE articles ADD COLUMN published_offset INTEGER;
CREATE INDEX articles_by_external_id ON articles (external_id) WHERE external_id != '';
CREATE INDEX articles_by_url ON articles (url) WHERE url != '';
CREATE INDEX article_entities_by_name ON article_entities (lower(name));
CREATE INDEX article_entities_by_form ON article_entities (lower(form));
)sql";

// Schema version 9: the full-text index flushes at 32 MB and merges 16
// segments at a time. A commit of `ingest` (6,000 articles, about 8 MB of
// text) gathered more than 8 MB of terms and was written as two segments
// or more; at 32 MB it is one, and 16 to a level rewrites each term on
// fewer levels. Indexing 50,000 synthetic articles in commits of 6,000 took
// 1.69 CPU s against 2.11, and their whole `ingest` 11.5-11.8 s against
// 12.0-12.5 s wall; searches 5 % slower at 50,000 articles, peak memory of
// the writer 8-10 MB more. `crisismerge` (FTS5's default 16, the level at
// which a whole level is merged at once inside one commit) goes to 32, so
// that the merges of 16 stay spread over later commits: in commits of 50
// articles (serve's POSTs) the slowest commit's indexing took 183 ms at
// 16 against 25 ms at 32 and 19.5 ms at schema 8's settings
// (docs/performance.md, "The full-text index at 32 MB and 16 to a level").
constexpr const char kSchemaV9[] = R"sql(
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 32);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 33554432);
)sql";

// Schema version 10: where merged events and stories went. A second look
// (cluster/online_clusterer.h) merges an event that still holds its one
// article into another, and the event's story goes with it when it held
// no other event; their rows are deleted. Each such id keeps a row here,
// the id it was merged into, so that `show`, `report` and the API lead a
// link to it (handed out by an earlier answer) to where its articles are.
// A row never names a live event or story: a replay that makes one again
// under its id drops the row (Store::ForgetMerged).
constexpr const char kSchemaV10[] = R"sql(
CREATE TABLE merged_events (
  id      INTEGER PRIMARY KEY,
  into_id INTEGER NOT NULL
) STRICT;
CREATE TABLE merged_stories (
  id      INTEGER PRIMARY KEY,
  into_id INTEGER NOT NULL
) STRICT;
)sql";

// Schema version 11: events' and stories' local spans. The earliest and
// latest local times of their articles (each time moved by the UTC offset
// it was written in: ExtendLocalSpan, base/time.h), so that `stories`,
// `show` and the API give the days their outlets dated them, as an
// article's date and the report do: a story whose last article is New
// York's 23:30 -05:00 of 14 February was listed under the 15th. NULL for
// the rows already there, until version 12 (kLocalSpansFromArticles).
constexpr const char kSchemaV11[] = R"sql(
ALTER TABLE events ADD COLUMN first_local INTEGER;
ALTER TABLE events ADD COLUMN last_local INTEGER;
ALTER TABLE stories ADD COLUMN first_local INTEGER;
ALTER TABLE stories ADD COLUMN last_local INTEGER;
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2},
    {3, kSchemaV3},
    {4, kSchemaV4},
    {5, kSchemaV5},
    {6, kSchemaV6},
    {7, kSchemaV7},
    {8, kSchemaV8},
    {9, kSchemaV9},
    {10, kSchemaV10},
    {11, kSchemaV11},
    {12, kLocalSpansFromArticles},
};

constexpr bool MigrationsAreConsecutive() {
  for (size_t i = 0; i < std::size(kMigrations); ++i) {
    if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
  }
  return std::size(kMigrations) == Store::kSchemaVersion;
}
static_assert(MigrationsAreConsecutive(),
              "kMigrations must hold versions 1..Store::kSchemaVersion");

struct Header {
  int64_t version = 0;
  int64_t application_id = 0;
  int64_t objects = 0;  // tables, indexes, ... in sqlite_schema
};

Result<Header> ReadHeader(sqlite3* db, std::string_view path) {
  const std::string what = "read schema of store " + std::string(path);
  Header h;
  ASSIGN_OR_RETURN(h.version,
                   sqlite::QueryInt(db, "PRAGMA user_version", what));
  ASSIGN_OR_RETURN(h.application_id,
                   sqlite::QueryInt(db, "PRAGMA application_id", what));
  ASSIGN_OR_RETURN(
      h.objects,
      sqlite::QueryInt(db, "SELECT count(*) FROM sqlite_schema", what));
  return h;
}

// A file is ours when it carries our application id, or is still empty.
Status CheckOwner(const Header& h, std::string_view path) {
  const bool ours = h.application_id == kStoreApplicationId ||
                    (h.application_id == 0 && h.objects == 0 && h.version == 0);
  if (ours) return Status::OK();
  return Status::InvalidArgument(
      "store " + std::string(path) +
      " is a SQLite database but not a newsloom store (application_id " +
      std::to_string(h.application_id) + ", user_version " +
      std::to_string(h.version) + ")");
}

Status CheckNotNewer(const Header& h, int latest, std::string_view path) {
  if (h.version <= latest) return Status::OK();
  return Status::NotSupported(
      "store " + std::string(path) + " has schema version " +
      std::to_string(h.version) + "; this newsloom supports up to " +
      std::to_string(latest) + " — upgrade newsloom");
}

Status CheckHeader(const Header& h, int latest, std::string_view path) {
  RETURN_IF_ERROR(CheckOwner(h, path));
  return CheckNotNewer(h, latest, path);
}

// PRAGMAs take no bound parameters; the values are our own integers.
Status SetHeaderField(sqlite3* db, const char* field, int64_t value,
                      std::string_view what) {
  std::string sql =
      std::string("PRAGMA ") + field + " = " + std::to_string(value);
  return sqlite::Exec(db, sql.c_str(), what);
}

Status ApplyStep(sqlite3* db, const Migration& m, std::string_view path) {
  const std::string what = "migrate store " + std::string(path) +
                           " to schema version " + std::to_string(m.version);
  RETURN_IF_ERROR(sqlite::Exec(db, m.sql, what));
  RETURN_IF_ERROR(
      SetHeaderField(db, "application_id", kStoreApplicationId, what));
  return SetHeaderField(db, "user_version", m.version, what);
}

// Runs inside the migration transaction: re-reads the header, since another
// connection may have migrated the file since we last looked.
Status MigrateLocked(sqlite3* db, std::span<const Migration> migrations,
                     std::string_view path) {
  const int latest = migrations.back().version;
  ASSIGN_OR_RETURN(Header h, ReadHeader(db, path));
  RETURN_IF_ERROR(CheckHeader(h, latest, path));
  for (const Migration& m : migrations) {
    if (m.version > h.version) RETURN_IF_ERROR(ApplyStep(db, m, path));
  }
  return Status::OK();
}

}  // namespace

std::span<const Migration> StoreMigrations() { return kMigrations; }

Result<int> MigrateSchema(sqlite3* db, std::span<const Migration> migrations,
                          std::string_view path) {
  const int latest = migrations.back().version;
  ASSIGN_OR_RETURN(Header h, ReadHeader(db, path));
  RETURN_IF_ERROR(CheckHeader(h, latest, path));
  if (h.version == latest) return latest;

  const std::string what = "migrate store " + std::string(path);
  RETURN_IF_ERROR(sqlite::Exec(db, "BEGIN IMMEDIATE", what));
  Status s = MigrateLocked(db, migrations, path);
  if (!s.ok()) {
    (void)sqlite::Exec(db, "ROLLBACK", what);  // `s` is the error to report
    return s;
  }
  RETURN_IF_ERROR(sqlite::Exec(db, "COMMIT", what));
  return latest;
}

}  // namespace newsloom
