// newsloom_synth: writes a synthetic news stream (synth_stream.h) to
// standard output as JSONL in newsloom's input format, gold labels
// included.
//
//   build/bench/newsloom_synth --count 20000 --seed 7 > synth.jsonl
//   build/newsloom eval synth.jsonl --json
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "base/time.h"
#include "synth_stream.h"

int main(int argc, char** argv) {
  using newsloom::SynthOptions;
  SynthOptions options;
  uint64_t count = 1000;
  std::string start = newsloom::FormatIsoDate(options.start);
  std::string languages;

  CLI::App app{
      "Writes a deterministic synthetic news stream as JSONL (id, event, "
      "story, lang, date, source, url, title, text) to stdout: events and "
      "stories in several languages, singletons, wire copies, dates that "
      "advance.\n  newsloom_synth --count 20000 --seed 7 > synth.jsonl",
      "newsloom_synth"};
  app.add_option("--count,-n", count, "articles to write")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "stream seed")->capture_default_str();
  app.add_option("--start", start, "date of the first day (YYYY-MM-DD)")
      ->capture_default_str();
  app.add_option("--per-day", options.articles_per_day,
                 "mean articles per day (sets how many days the stream spans)")
      ->capture_default_str();
  app.add_option("--languages", languages,
                 "comma-separated subset of da,de,en,es,fr,it (default all)");
  app.add_option("--singletons", options.singleton_share,
                 "share of events with a single article")
      ->capture_default_str();
  app.add_option("--wire", options.wire_share,
                 "share of (event, language) coverage that starts with a "
                 "wire report")
      ->capture_default_str();
  app.add_option("--copies", options.copy_share,
                 "share of later articles that copy the wire report")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  newsloom::Result<newsloom::UnixSeconds> t0 = newsloom::ParseIsoTime(start);
  if (!t0.ok()) {
    std::cerr << "newsloom_synth: --start: " << t0.status().ToString() << "\n";
    return 1;
  }
  options.start = *t0;
  for (size_t pos = 0; pos < languages.size();) {
    const size_t comma = std::min(languages.find(',', pos), languages.size());
    if (comma > pos)
      options.languages.push_back(languages.substr(pos, comma - pos));
    pos = comma + 1;
  }
  auto stream = newsloom::SynthStream::Create(options);
  if (!stream.ok()) {
    std::cerr << "newsloom_synth: " << stream.status().ToString() << "\n";
    return 1;
  }
  std::string line;
  for (uint64_t i = 0; i < count; ++i) {
    line = newsloom::ToJsonLine((*stream)->Next());
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size()) {
      std::cerr << "newsloom_synth: write error on standard output\n";
      return 1;
    }
  }
  if (std::fflush(stdout) != 0) {
    std::cerr << "newsloom_synth: write error on standard output\n";
    return 1;
  }
  return 0;
}
