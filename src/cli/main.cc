// newsloom: news articles in, stories out. See `newsloom --help`.
#include <malloc.h>
#include <sqlite3.h>
#include <unicode/uversion.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "cli/commands.h"
#include "feed/feed_file.h"

#ifdef NEWSLOOM_JEMALLOC
// jemalloc's control interface (<jemalloc/jemalloc.h> would declare malloc
// and friends again).
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp,
                       void* newp, size_t newlen);
#endif

namespace newsloom {
namespace {

// What `newsloom --version` prints: the release, and the libraries and
// malloc this binary runs with, for bug reports.
std::string VersionText() {
  std::string malloc_name = "glibc";
#ifdef NEWSLOOM_JEMALLOC
  const char* version = nullptr;
  size_t size = sizeof version;
  malloc_name = "jemalloc";
  if (mallctl("version", &version, &size, nullptr, 0) == 0 &&
      version != nullptr) {
    const std::string_view v(version);  // "5.3.0-0-g54eaed1..."
    malloc_name += " ";
    malloc_name += v.substr(0, v.find('-'));
  }
#endif
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  return std::string("newsloom 0.1.0\nSQLite ") + sqlite3_libversion() +
         ", ICU " + icu_text + ", malloc: " + malloc_name;
}

// A whole number from `lo` to `hi`, in digits only. CLI11 alone would wrap
// "-100" or a value past 2^64 into a size_t and so turn a cap off.
CLI::Validator Count(uint64_t lo, uint64_t hi) {
  const std::string range =
      "from " + std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        uint64_t v = 0;
        const char* end = text.data() + text.size();
        const auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || p != end || v < lo || v > hi) {
          return "must be a whole number " + range + ", not '" + text + "'";
        }
        return std::string();
      },
      range);
}

// A number of seconds from `lo` to `hi` (a finite decimal: "0.5", "30").
CLI::Validator Seconds(double lo, double hi) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "from %g to %g", lo, hi);
  const std::string range = buf;
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() ||
            !std::isfinite(v) || v < lo || v > hi) {
          return "must be a number " + range + ", not '" + text + "'";
        }
        return std::string();
      },
      range);
}

constexpr uint64_t kMaxBytesCap = uint64_t{1} << 40;  // 1 TiB
constexpr uint64_t kMaxCount = 1'000'000'000'000;

constexpr char kDescription[] =
    "newsloom groups news articles from many outlets and languages into\n"
    "events (one real-world happening) and stories (related events over\n"
    "days), online as they arrive, and keeps them in an embedded store.\n\n"
    "Exit codes: 0 success; 1 nothing done (bad usage, unusable store);\n"
    "2 done, but some inputs were reported on stderr and skipped.";

constexpr char kInputHelp[] =
    "Files or folders (recursive): .txt (one article), .html/.htm (one web "
    "page, its article extracted), .jsonl/.ndjson (one article per line: id, "
    "title, text, date, lang, source, url; published and site stand in for a "
    "missing date and source), .json (one such article object "
    "or an array of them), .rss/.atom (a saved feed: "
    "one article per item, from the feed's own text; nothing is fetched), "
    "any of them gzip-compressed (.gz); '-' reads standard input";

void AddReadOptions(CLI::App* cmd, ReadOptions* r) {
  r->read_feed = ReadFeedFile;
  cmd->add_option("--max-article-bytes", r->max_article_bytes,
                  "Largest article text accepted; larger ones are reported "
                  "and skipped")
      ->check(Count(1, kMaxBytesCap))
      ->capture_default_str();
  cmd->add_option("--max-line-bytes", r->max_line_bytes,
                  "Longest JSONL line accepted; longer lines are reported "
                  "and skipped")
      ->check(Count(1, kMaxBytesCap))
      ->capture_default_str();
  cmd->add_option("--max-file-bytes", r->max_file_bytes,
                  "Largest input file (after decompression) read; standard "
                  "input and pipes are streams and are read to their end")
      ->check(Count(1, kMaxBytesCap))
      ->capture_default_str();
  cmd->add_flag("--keep-text-chrome{false}", r->drop_text_chrome,
                "Keep lines of page chrome in .txt articles (\"2 min read\", "
                "captions, teasers, a news feed at the end) and a leading date "
                "header (\"date 2024-03-05\", read as the publication day either "
                "way); by default chrome is dropped and reported, the header "
                "dropped");
  cmd->add_option("--max-page-bytes", r->max_page_bytes,
                  "Largest web page (.html) or feed file (.rss, .atom) "
                  "accepted; larger ones are reported and skipped")
      ->check(Count(1, kMaxBytesCap))
      ->capture_default_str();
}

// --source: the outlet of articles whose input names none. `stores`: the
// command keeps articles (ingest), else it only reads them.
void AddSource(CLI::App* cmd, ReadOptions* r, bool stores) {
  std::string help =
      "Outlet of the articles whose input names neither a source nor a URL "
      "(.txt files, JSONL lines without \"source\" and \"url\"; a URL's "
      "site is its article's outlet); without it such articles are listed "
      "under their file name";
  if (stores) {
    help += ", counted apart from outlets in reports. Stored as the "
            "articles' source (`stories --outlet` finds it); an article "
            "already in the store keeps the outlet it was stored with";
  }
  cmd->add_option("--source", r->source, help)
      ->type_name("NAME")
      ->check([](const std::string& given) -> std::string {
        const std::string_view s = TrimAscii(given);
        if (s.empty()) return "is blank";
        if (s.size() > 200) return "is over 200 bytes";
        if (!IsValidUtf8(s)) return "is not UTF-8";
        for (const unsigned char c : s) {
          if (c < 0x20 || c == 0x7f) return "has a control character";
        }
        return {};
      });
}

// `writes`: the command creates a missing store (ingest, watch, serve);
// the others only read one.
void AddDb(CLI::App* cmd, std::string* db, bool writes) {
  cmd->add_option("--db", *db,
                  writes ? "Store: a SQLite file (created when missing), :memory:, or "
                           "a PostgreSQL database as a URI, "
                           "postgresql://USER@HOST/DB (tables created on first use; "
                           "add ?options=-csearch_path%3DSCHEMA to use a schema)"
                         : "Store to read: a SQLite file that `newsloom ingest` made, or "
                           "a PostgreSQL database as a URI, postgresql://USER@HOST/DB "
                           "(add ?options=-csearch_path%3DSCHEMA for a schema)")
      ->envname("NEWSLOOM_DB")
      ->capture_default_str();
}

void AddExplain(CLI::App* cmd, std::string* file) {
  cmd->add_option("--explain", *file,
                  "Write one JSON line per article to FILE saying why it went "
                  "to its event and story: the candidate events with their "
                  "join-model features and scores against the threshold, "
                  "those not scored and why (out of the time window, a "
                  "follow-up's other date), the stories compared, and the "
                  "decision in a sentence (\"why\"). '-' writes them to "
                  "standard output (`cluster` prints its stories after "
                  "them). Slower; the clusters are the same")
      ->type_name("FILE");
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{kDescription, "newsloom"};
  app.set_version_flag("--version", std::function<std::string()>(VersionText),
                       "Print the version, the libraries and the malloc of "
                       "this binary, and exit");
  app.require_subcommand(1);
  app.footer(
      "Run `newsloom COMMAND --help` for a command's options.\n"
      "Environment: NEWSLOOM_DB (the store when --db is not given; not read by "
      "annotate), "
      "NEWSLOOM_DICT_DIR (FreeDict dictionaries; default /usr/share/dictd), "
      "NEWSLOOM_CACHE_DIR (their parsed tables; default ~/.cache/newsloom, "
      "`none`: no cache), NEWSLOOM_NER_MODELS (the entity models' folder; "
      "default the build's models/ner).");
  int code = kExitOk;

  IngestOptions ingest;
  auto* ingest_cmd = app.add_subcommand(
      "ingest",
      "Read articles into the store and cluster them into events and "
      "stories. Re-ingesting an article already stored changes nothing.\n"
      "Example: newsloom ingest articles/ feed.jsonl.gz --db news.db");
  ingest_cmd->add_option("inputs", ingest.inputs, kInputHelp)->required();
  AddDb(ingest_cmd, &ingest.db, /*writes=*/true);
  AddReadOptions(ingest_cmd, &ingest.read);
  AddSource(ingest_cmd, &ingest.read, /*stores=*/true);
  ingest_cmd->add_option("--batch", ingest.batch,
                         "Articles read before they are sorted by date and "
                         "clustered")
      ->check(Count(1, kMaxCount))
      ->capture_default_str();
  ingest_cmd->add_option("--commit-every", ingest.commit_every,
                         "Articles per store transaction: larger writes less "
                         "(a commit rewrites every page its articles "
                         "touched) but keeps other writers of the store "
                         "waiting longer; a crash loses at most the "
                         "uncommitted ones, and running the same ingest "
                         "again stores them. The clusters do not depend on "
                         "it")
      ->check(Count(1, kMaxCount))
      ->capture_default_str();
  ingest_cmd->add_option("--state-every", ingest.state_every,
                         "Articles between two saves of the clustering state "
                         "(tens of MB on a long stream; 0: at every commit). "
                         "Between saves the stored articles are the log: "
                         "after a crash the next run replays at most this "
                         "many, and clusters as if it had never stopped")
      ->check(Count(0, kMaxCount))
      ->capture_default_str();
  ingest_cmd->add_flag("-q,--quiet", ingest.quiet, "Print only errors");
  ingest_cmd->add_option("--progress", ingest.progress_every,
                         "Every N articles, print a JSON line on stderr with "
                         "the articles done, CPU and wall seconds and memory "
                         "(0: never)")
      ->check(Count(0, kMaxCount));
  ingest_cmd->add_flag("--annotate", ingest.annotate,
                       "Then annotate the stories that got new articles "
                       "(entities, dates, quotes) and keep the annotations "
                       "in the store for show, reports and the API");
  AddExplain(ingest_cmd, &ingest.explain);
  ingest_cmd->callback([&] { code = RunIngest(ingest); });

  ClusterCommandOptions cluster;
  auto* cluster_cmd = app.add_subcommand(
      "cluster",
      "One-shot: cluster the inputs in a fresh in-memory store and print the "
      "stories (nothing is saved).\n"
      "Example: newsloom cluster ../shared/seeds --json");
  cluster_cmd->add_option("inputs", cluster.ingest.inputs, kInputHelp)->required();
  cluster_cmd->add_flag("--json", cluster.json,
                        "Print {\"stories\":[{id,title,events:[{id,title,"
                        "articles:[{id,input,title,lang,date,duplicate_of,"
                        "duplicate_kind,similarity}]}]}]} (the duplicate "
                        "fields are null for an article that copies nothing)");
  AddReadOptions(cluster_cmd, &cluster.ingest.read);
  AddSource(cluster_cmd, &cluster.ingest.read, /*stores=*/false);
  AddExplain(cluster_cmd, &cluster.ingest.explain);
  cluster_cmd->callback([&] { code = RunCluster(cluster); });

  AnnotateOptions annotate;
  auto* annotate_cmd = app.add_subcommand(
      "annotate",
      "Who, where, when, said what: the entities (people, organisations, "
      "places; one key and name across languages), dates (ISO values, "
      "relative ones resolved against the publication day or, for undated "
      "articles, the days their story pins down) and quotations (direct and "
      "indirect, with speakers) of every input article, with byte offsets "
      "into its text. The inputs are clustered in memory first; nothing is "
      "saved. With --db instead of inputs: annotate the stories of a store "
      "again and keep the annotations (after upgrading newsloom: `ingest "
      "--annotate` annotates only the stories that get new articles).\n"
      "Examples: newsloom annotate ../shared/seeds --json\n"
      "          newsloom annotate --db news.db --story 12");
  annotate_cmd->add_option("inputs", annotate.ingest.inputs, kInputHelp);
  annotate_cmd->add_option("--db", annotate.store,
                           "Instead of inputs: the store (a SQLite file or a "
                           "postgresql:// URI) whose stories are annotated "
                           "again, the annotations kept in it (one transaction "
                           "per story: an interrupted run keeps the stories "
                           "done). Not read from NEWSLOOM_DB: give it");
  annotate_cmd->add_option("--story", annotate.stories,
                           "With --db: only this story (repeatable); default all")
      ->allow_extra_args(false)
      ->check(Count(1, kMaxCount));
  annotate_cmd->add_flag("-q,--quiet", annotate.quiet, "With --db: print only errors");
  annotate_cmd->add_flag(
      "--json", annotate.json,
      "Print {\"articles\":[{id,input,title,lang,date,story,event,"
      "entities:[{text,key,name,type,start,end}],dates:[{text,value,type,"
      "anchor,start,end}],quotes:[{text,speaker,speaker_key,kind,source,"
      "start,end,speaker_start,speaker_end}]}]}");
  AddReadOptions(annotate_cmd, &annotate.ingest.read);
  AddSource(annotate_cmd, &annotate.ingest.read, /*stores=*/false);
  annotate_cmd->callback([&] { code = RunAnnotate(annotate); });

  TimelineCommandOptions timeline;
  auto* timeline_cmd = app.add_subcommand(
      "timeline",
      "Treat all inputs as one story and print its timeline: the days its "
      "articles say things happened on (mentions of a day, relative ones "
      "resolved against each article's publication day, plus publication "
      "days), each with the sentence most articles agree with, cited to "
      "its article and bytes. Nothing is saved.\n"
      "Example: newsloom timeline ../shared/seeds --json");
  timeline_cmd->add_option("inputs", timeline.ingest.inputs, kInputHelp)->required();
  timeline_cmd->add_flag("--json", timeline.json,
                         "Print {\"timeline\":[{\"date\":\"YYYY-MM-DD\",\"text\","
                         "\"score\",\"citations\":[{\"article\",\"outlet\","
                         "\"start\",\"end\"}]}]}");
  timeline_cmd->add_option("--dates", timeline.dates,
                           "Days on the timeline, best supported first (0: "
                           "every day supported twice: named by two articles, or "
                           "by one and published on)")
      ->check(Count(0, kMaxCount))
      ->capture_default_str();
  AddReadOptions(timeline_cmd, &timeline.ingest.read);
  AddSource(timeline_cmd, &timeline.ingest.read, /*stores=*/false);
  timeline_cmd->callback([&] { code = RunTimeline(timeline); });

  ReportOptions report;
  auto* report_cmd = app.add_subcommand(
      "report",
      "Write a story's report: headline, cited summaries (one per language), "
      "events, the dated timeline, how each outlet covered it (articles, "
      "first and last report, facts most or only one outlet reports, figures "
      "that differ, quotes carried) and its entities. Every sentence cites "
      "its article and bytes; the HTML is one self-contained page (no "
      "network) with SVG charts, readable on a phone.\n"
      "Examples: newsloom report 1 --format html --out story1.html\n"
      "          newsloom report --all --format html --out reports/");
  report_cmd->add_option("story", report.id, "Story number (see `newsloom stories`)");
  report_cmd->add_flag("--all", report.all, "Every story, one file each in --out DIR");
  AddDb(report_cmd, &report.db, /*writes=*/false);
  report_cmd->add_option("--format", report.format, "json, md or html")
      ->check(CLI::IsMember({"json", "md", "html"}))
      ->capture_default_str();
  report_cmd->add_option("--out", report.out,
                         "File to write (a folder with --all); default: stdout");
  report_cmd->callback([&] {
    if (report.all && !report.id.empty()) {
      throw CLI::ValidationError("report",
                                 "give a story number or --all, not both");
    }
    if (!report.all && report.id.empty()) {
      throw CLI::ValidationError("report", "give a story number or --all");
    }
    if (report.all && report.out.empty()) {
      throw CLI::ValidationError("report", "--all needs --out DIR");
    }
    code = RunReport(report);
  });

  StoriesOptions stories;
  auto* stories_cmd = app.add_subcommand(
      "stories",
      "List the stories in the store, most recently active first. Filters "
      "combine: --search, --entity, --lang and --outlet keep stories with an "
      "article that matches them all (--lang es --search X: a Spanish article "
      "that says X); --since and --until look at the story's own first and "
      "last days.\n"
      "Example: newsloom stories --db news.db --search 'Macron AND Paris' "
      "--since 2024-02-01 --limit 20");
  AddDb(stories_cmd, &stories.db, /*writes=*/false);
  stories_cmd->add_option("--search", stories.search,
                          "Full-text query over the articles' titles and texts "
                          "(SQLite FTS5: words, \"a phrase\", prefix*, AND/OR/NOT, "
                          "title:word; case and accents ignored; a word with punctuation inside, "
                          "Zaragoza-Teruel or U.S., is a phrase of its parts; 'a -b' is a NOT b; a query cannot start with -b)")
      ->type_name("QUERY");
  stories_cmd->add_option("--entity", stories.entity,
                          "An entity's key, as `show` prints it beside the name "
                          "(\"@ua\" for Ukraine, \"emanuel makron\"), or its name or a "
                          "form (\"Ukraine\", \"ukraine\") when that names one entity; "
                          "needs articles annotated (`ingest --annotate`, `annotate --db`)")
      ->type_name("KEY|NAME");
  stories_cmd->add_option("--lang", stories.lang, "An article language (ISO 639-1: en, da)")
      ->type_name("LANG");
  stories_cmd->add_option("--outlet", stories.outlet,
                          "An article's outlet (its source as given), exactly")
      ->type_name("NAME");
  stories_cmd->add_option("--since", stories.since,
                          "Stories active on or after this day (YYYY-MM-DD; a story's days are "
                          "those its outlets dated its articles)")
      ->type_name("DAY");
  stories_cmd->add_option("--until", stories.until,
                          "Stories that began on or before this day (YYYY-MM-DD)")
      ->type_name("DAY");
  stories_cmd->add_option("--limit", stories.limit, "At most this many (0: all)")
      ->check(Count(0, kMaxCount))
      ->capture_default_str();
  stories_cmd->add_flag("--json", stories.json, "Print JSON");
  stories_cmd->callback([&] { code = RunStories(stories); });

  ShowOptions show;
  auto* show_cmd = app.add_subcommand(
      "show",
      "Show a story (its number) with its events, articles and entity table, "
      "the story of an event (e<number>), or an article (its 16-hex-digit id, "
      "the id its input gave it, such as a JSONL \"id\", or its URL) "
      "with its text, what it copies and its copies. The entities are the "
      "annotations the store keeps (`ingest --annotate`, `annotate --db`); a "
      "story without them is annotated now, which takes longer on a large one.\n"
      "Example: newsloom show 1 --db news.db");
  show_cmd->add_option("id", show.id,
                       "Story number, e<event number>, article id, input id or URL")
      ->required();
  AddDb(show_cmd, &show.db, /*writes=*/false);
  show_cmd->add_flag("--json", show.json, "Print JSON");
  show_cmd->callback([&] { code = RunShow(show); });

  CheckOptions check;
  auto* check_cmd = app.add_subcommand(
      "check",
      "Check a store: SQLite's check of every page and index (damage from a "
      "disk, a copy taken mid-write), that its articles, events and stories "
      "agree, that the full-text index search reads holds every article as "
      "it was indexed, and that its saved clustering state decodes. "
      "Read-only, unless a repair option is given. Exit 0: "
      "sound; 2: problems found, each printed; 1: cannot be checked.\n"
      "Example: newsloom check --db news.db");
  AddDb(check_cmd, &check.db, /*writes=*/false);
  check_cmd->add_flag("--quick", check.quick,
                      "SQLite's quick_check: pages, not indexes against their tables, "
                      "and the full-text index's entries are not read (faster on a "
                      "large store)");
  check_cmd->add_flag("--rebuild-search-index", check.rebuild_search_index,
                      "First make the full-text index again from the stored articles "
                      "(when a check found it damaged), then check. Writes: refused "
                      "while another newsloom process writes the store");
  check_cmd->add_flag("--forget-saved-state", check.forget_saved_state,
                      "First forget the saved clustering state (when a check found "
                      "it damaged), then check: the next ingest, watch or serve "
                      "replays every stored article into a new one (about 1,500 a "
                      "second) and rewrites the events and stories. Writes: refused "
                      "while another newsloom process writes the store");
  check_cmd->add_flag("--json", check.json,
                      "Print JSON: {store, ok, pages, rows, search, state, articles, events, "
                      "stories}");
  check_cmd->callback([&] { code = RunCheck(check); });

  EvalOptions eval;
  auto* eval_cmd = app.add_subcommand(
      "eval",
      "Stream labelled JSONL (fields event, story) through the pipeline in "
      "date order and score the clusters: BCubed, pairwise, ARI, docs/s.\n"
      "Example: newsloom eval ../shared/data/clustering/basil-dev.jsonl --json");
  eval_cmd->add_option("inputs", eval.inputs, "Labelled JSONL file(s)")->required();
  eval_cmd->add_option("--level", eval.level, "Score events or stories")
      ->check(CLI::IsMember({"event", "story"}))
      ->capture_default_str();
  eval_cmd->add_flag("--json", eval.json, "Print JSON");
  eval_cmd->add_option("--model", eval.model,
                       "Event join model file to use instead of the shipped "
                       "one (written by `newsloom train`)");
  eval_cmd->add_option(
      "--predictions", eval.predictions,
      "Write one JSON line per article to this file, in date order: input "
      "(file:line), id, gold event and story, and the predicted event and "
      "story (ids of this run), for error analysis");
  eval_cmd->add_flag(
      "--explain", eval.explain,
      "With --predictions, each line also says why the article went where "
      "it did: its candidate events with their join-model features and "
      "scores, the stories compared (the fields of `ingest --explain`; "
      "slower, so the docs/s figure is not the engine's)")
      ->needs("--predictions");
  AddReadOptions(eval_cmd, &eval.read);
  eval_cmd->callback([&] { code = RunEval(eval); });

  ExtractCommandOptions extract;
  auto* extract_cmd = app.add_subcommand(
      "extract",
      "Show what newsloom reads from inputs: the main text and metadata of "
      "web pages (navigation, ads, share bars, related stories and captions "
      "dropped), the cleaned text of .txt articles (page chrome dropped and "
      "reported on stderr). Nothing is stored.\n"
      "Example: newsloom extract page.html.gz --jsonl");
  extract_cmd->add_option("inputs", extract.inputs, kInputHelp)->required();
  extract_cmd->add_flag("--jsonl", extract.jsonl,
                        "One JSON object per input: {\"input\",\"title\","
                        "\"text\",\"published\",\"authors\",\"url\","
                        "\"site\",\"lang\"}");
  AddReadOptions(extract_cmd, &extract.read);
  AddSource(extract_cmd, &extract.read, /*stores=*/false);
  extract_cmd->callback([&] { code = RunExtract(extract); });

  EvalExtractionOptions eval_extraction;
  auto* eval_extraction_cmd = app.add_subcommand(
      "eval-extraction",
      "Score the web-page extractor on a folder of labelled pages "
      "(ground-truth.json {id: {articleBody, url}} and html/<id>.html.gz): "
      "article-body precision, recall and F1 over word 4-shingles, and "
      "pages/s on one thread.\n"
      "Example: newsloom eval-extraction ../shared/data/extraction");
  eval_extraction_cmd->add_option("dir", eval_extraction.dir, "The folder")
      ->required();
  eval_extraction_cmd->add_flag("--json", eval_extraction.json, "Print JSON");
  eval_extraction_cmd->add_flag("--per-page", eval_extraction.per_page,
                                "Also score each page");
  eval_extraction_cmd->add_option("--dump", eval_extraction.dump,
                                  "Write each page's extracted text to "
                                  "DUMP/<id>.txt");
  eval_extraction_cmd->add_option("--runs", eval_extraction.runs,
                                  "Timed passes over the pages (pages/s is "
                                  "their median)")
      ->check(Count(1, 1000))
      ->capture_default_str();
  eval_extraction_cmd->callback(
      [&] { code = RunEvalExtraction(eval_extraction); });

  EvalAnnotationsOptions eval_annotations;
  auto* eval_annotations_cmd = app.add_subcommand(
      "eval-annotations",
      "Score the annotators on labelled corpora: entities on a CoNLL file "
      "(conlleval exact match), time expressions on TimeML folders or a "
      "BIO TSV (TempEval-3 relaxed/strict span F1 and value F1), quotations "
      "on a PolNeAR folder (content recall and source accuracy).\n"
      "Example: newsloom eval-annotations --entities "
      "../shared/data/entities/conll2003-en.dev.conll --json");
  eval_annotations_cmd->add_option("--entities", eval_annotations.entities,
                                   "CoNLL file of tagged tokens");
  eval_annotations_cmd->add_option(
      "--timex", eval_annotations.timex,
      "Folder of TimeML .tml files, a .tml file or a BIO TSV; several "
      "separated by commas are scored together (e.g. "
      "../shared/data/timex/timebank,../shared/data/timex/aquaint)");
  eval_annotations_cmd->add_option("--quotes", eval_annotations.quotes,
                                   "PolNeAR folder (text/, attributions/)");
  eval_annotations_cmd->add_option("--lang", eval_annotations.lang,
                                   "Language of the corpus (default: from "
                                   "the file name, e.g. conll2002-es -> es)");
  eval_annotations_cmd->add_flag("--json", eval_annotations.json, "Print JSON");
  eval_annotations_cmd->callback([&] {
    const auto& o = eval_annotations;
    int given = !o.entities.empty() + !o.timex.empty() + !o.quotes.empty();
    if (given != 1) {
      throw CLI::ValidationError(
          "eval-annotations", "give exactly one of --entities, --timex, --quotes");
    }
    if (!o.entities.empty()) code = RunEvalEntities(o);
    else if (!o.timex.empty()) code = RunEvalTimex(o);
    else code = RunEvalQuotes(o);
  });

  DupsOptions dups;
  auto* dups_cmd = app.add_subcommand(
      "dups",
      "List the duplicate groups of the inputs: exact copies, near copies "
      "(MinHash of word shingles) and copies with additions (containment), "
      "comparing each article with those published before it. In memory; "
      "nothing is stored. Ids are the input's own (JSONL id, or the file "
      "path).\n"
      "Example: newsloom dups ../shared/data/clustering/gva-dev.jsonl --json");
  dups_cmd->add_option("inputs", dups.inputs, kInputHelp)->required();
  dups_cmd->add_flag("--json", dups.json,
                     "Print {\"groups\":[{\"canonical\":ID,\"outlets\":[...],"
                     "\"members\":[{\"id\":ID,\"kind\":K,\"similarity\":S}]}]}; "
                     "kinds exact, near, contains, contained");
  AddReadOptions(dups_cmd, &dups.read);
  AddSource(dups_cmd, &dups.read, /*stores=*/false);
  dups_cmd->callback([&] { code = RunDups(dups); });

  WatchOptions watch;
  double timeout_s = watch.fetch.total_timeout.count() / 1000.0;
  double host_delay_s = watch.fetch.per_host_delay.count() / 1000.0;
  auto* watch_cmd = app.add_subcommand(
      "watch",
      "Poll feeds (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed; http(s) URLs, "
      "file:// URLs or paths) and ingest their new items: each new item's "
      "page is fetched and its article extracted as for an .html input (the "
      "feed's own text when the page cannot be fetched), then clustered and "
      "stored as by `ingest`. Feeds are fetched with conditional GET "
      "(ETag/Last-Modified); what was seen is kept in the store, so a "
      "restart ingests nothing twice. A feed that is down, times out, "
      "answers an error or is malformed is reported on one line and the "
      "others go on. Runs until SIGINT/SIGTERM unless --once.\n"
      "Example: newsloom watch --feeds feeds.txt --interval 10m --db news.db");
  watch_cmd->add_option("--feeds", watch.feeds_file,
                        "File listing one feed URL or path per line ('#' "
                        "starts a comment)")
      ->required();
  watch_cmd->add_option("--interval", watch.interval,
                        "Time between polls: 30s, 10m, 1h")
      ->capture_default_str();
  watch_cmd->add_flag("--once", watch.once, "Poll once and exit");
  AddDb(watch_cmd, &watch.db, /*writes=*/true);
  watch_cmd->add_option("--timeout", timeout_s,
                        "Seconds one request (feed or page) may take")
      ->check(Seconds(0.001, 86400))
      ->capture_default_str();
  watch_cmd->add_option("--host-delay", host_delay_s,
                        "Least seconds between two requests to one host")
      ->check(Seconds(0, 86400))
      ->capture_default_str();
  watch_cmd->add_option("--max-fetch-bytes", watch.fetch.max_bytes,
                        "Largest feed or page downloaded; larger transfers "
                        "are aborted and reported")
      ->check(Count(1, kMaxBytesCap))
      ->capture_default_str();
  watch_cmd->add_flag("-q,--quiet", watch.quiet,
                      "Print only errors and warnings");
  AddReadOptions(watch_cmd, &watch.read);
  watch_cmd->callback([&] {
    // At least 1 ms: libcurl reads a timeout of 0 as none.
    watch.fetch.total_timeout = std::chrono::milliseconds(
        std::max<int64_t>(1, std::llround(timeout_s * 1000)));
    watch.fetch.per_host_delay =
        std::chrono::milliseconds(std::llround(host_delay_s * 1000));
    code = RunWatch(watch);
  });

  ServeCommandOptions serve;
  auto* serve_cmd = app.add_subcommand(
      "serve",
      "Serve the store over HTTP: the JSON API of docs/api.md (stories with "
      "full-text, entity, language, outlet and date filters; stories with "
      "their reports; events; articles; entities; ingest by POST; "
      "/api/openapi.json; /metrics for Prometheus) and the web UI at /. "
      "Listens on loopback only unless told otherwise. Writes (POST "
      "/api/articles) need the bearer token of --token-file, or "
      "--allow-anonymous-writes. Posted articles are clustered, stored and "
      "annotated as by `ingest --annotate`. Runs until SIGINT/SIGTERM, then "
      "answers the requests in hand and commits every accepted article.\n"
      "Example: newsloom serve --db news.db --token-file ~/.newsloom-token\n"
      "         curl -H \"Authorization: Bearer $(cat ~/.newsloom-token)\" "
      "-H 'Content-Type: application/json' -d @article.json "
      "http://127.0.0.1:8080/api/articles");
  AddDb(serve_cmd, &serve.db, /*writes=*/true);
  serve_cmd->add_option("--listen", serve.listen,
                        "HOST:PORT to listen on (port 0: any free port; "
                        "0.0.0.0 opens it to the network)")
      ->capture_default_str();
  serve_cmd->add_option("--token-file", serve.token_file,
                        "File whose one line is the bearer token POST "
                        "requests must send (keep it chmod 600)");
  serve_cmd->add_flag("--allow-anonymous-writes", serve.allow_anonymous_writes,
                      "Without --token-file, accept POST from anyone who can "
                      "connect (by default writes are refused with 403)");
  serve_cmd->add_option("--allow-host", serve.allow_hosts,
                        "A host name requests may be for besides localhost and "
                        "127.0.0.1, such as the name a reverse proxy in front passes "
                        "on (repeatable); a server on a loopback address refuses "
                        "other names with 421, against DNS rebinding")
      ->type_name("NAME");
  serve_cmd->add_option("--web-dir", serve.web_dir,
                        "Serve the UI from this folder (e.g. web/static) "
                        "instead of the copy built into the binary: for UI "
                        "development, edit and reload");
  serve_cmd->add_option("--threads", serve.threads,
                        "Request workers; a connection holds one while it is "
                        "open, so this is also how many clients are served at "
                        "once (while others wait, a kept-alive connection idle "
                        "for 0.5 s, or served for 2 s, is closed)")
      ->check(Count(1, 1024))
      ->capture_default_str();
  serve_cmd->add_option("--max-request-bytes", serve.max_request_bytes,
                        "Largest request body accepted; larger ones get 413")
      ->check(Count(1, kMaxBytesCap))
      ->capture_default_str();
  serve_cmd->add_option("--watch-dir", serve.watch_dir,
                        "Also ingest the files that appear (or change) in this "
                        "folder, as `ingest` reads them, every 2 s; files "
                        "there at start are read too (stored articles are "
                        "skipped)");
  serve_cmd->add_option("--feeds", serve.feeds_file,
                        "Also poll the feeds listed in this file, as `newsloom "
                        "watch --feeds` does, every --interval");
  serve_cmd->add_option("--interval", serve.interval,
                        "Time between feed polls: 30s, 10m, 1h")
      ->capture_default_str();
  serve_cmd->add_flag("-q,--quiet", serve.quiet, "Print only errors");
  AddReadOptions(serve_cmd, &serve.read);
  serve_cmd->callback([&] { code = RunServe(serve); });

  TrainOptions train;
  auto* train_cmd = app.add_subcommand(
      "train",
      "Fit the event join model on labelled JSONL files (each one stream, "
      "replayed in date order with its gold events; every file weighs the "
      "same) and write the model file. The shipped model is models/event.model.\n"
      "Example: newsloom train ../shared/data/clustering/*-dev.jsonl "
      "--out models/event.model");
  train_cmd->add_option("inputs", train.inputs, "Labelled JSONL file(s)")->required();
  train_cmd->add_option("--out", train.out, "Model file to write (default: stdout)");
  train_cmd->add_option("--l2", train.l2, "L2 penalty on the weights")
      ->check(Seconds(0, 1e6))
      ->capture_default_str();
  AddReadOptions(train_cmd, &train.read);
  train_cmd->callback([&] { code = RunTrain(train); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitFatal;
  }
  // Output that never reached its file (a full disk, /dev/full) is a
  // failure, not a success with nothing said.
  errno = 0;
  std::cout.flush();  // flushes stdout too (synced with stdio)
  int write_error = std::cout.good() ? 0 : errno;
  if (std::fflush(stdout) != 0) write_error = errno;
  if (write_error == 0 && (std::ferror(stdout) || !std::cout.good())) {
    write_error = EIO;
  }
  if (write_error != 0) {
    std::cerr << "newsloom: cannot write standard output: "
              << std::strerror(write_error) << "\n";
    return kExitFatal;
  }
  return code;
}

}  // namespace newsloom

int main(int argc, char** argv) {
#ifndef NEWSLOOM_JEMALLOC
  // With glibc's malloc (NEWSLOOM_ALLOCATOR=system, sanitizer builds):
  // per-article buffers of a few hundred KB are freed and allocated again
  // for every article; glibc's defaults hand them back to the kernel each
  // time (mmap above 128 KB, trim above 128 KB free), and the page faults
  // of getting them back cost about 5% of the pipeline (perf, gva-dev).
  // Keep up to 64 MB cached in the process instead. jemalloc keeps freed
  // pages for a while by itself (its dirty-page decay).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
  return newsloom::Main(argc, argv);
}
