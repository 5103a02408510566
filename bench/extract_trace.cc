// Prints every text block of a web page with the extractor's verdict: for
// working on src/html/content.cc. Usage: newsloom_extract_trace PAGE[.gz]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "html/content.h"
#include "html/dom.h"
#include "html/encoding.h"
#include "html/metadata.h"
#include "ingest/byte_source.h"

int main(int argc, char** argv) {
  using namespace newsloom;
  if (argc != 2) {
    std::cerr << "usage: newsloom_extract_trace PAGE[.gz]\n";
    return 1;
  }
  Result<std::unique_ptr<ByteSource>> file = OpenFileSource(argv[1]);
  if (!file.ok()) {
    std::cerr << file.status().ToString() << "\n";
    return 1;
  }
  std::unique_ptr<ByteSource> src = std::move(file).value();
  std::string bytes;
  if (std::string_view(argv[1]).ends_with(".gz")) {
    src = NewGzipSource(std::move(src));
  }
  if (!ReadUpTo(*src, size_t{1} << 30, &bytes).ok()) return 1;
  const PageEncoding enc = SniffEncoding(bytes);
  Result<std::string> utf8 = ConvertToUtf8(bytes, enc.charset);
  if (!utf8.ok()) return 1;
  Result<HtmlDocument> doc = ParseHtml(*utf8);
  if (!doc.ok()) return 1;
  const PageMetadata md = ExtractMetadata(*doc, "");
  std::vector<BlockTrace> trace;
  const MainContent content = ExtractMainContent(*doc, md.title, {}, &trace);
  std::printf("title: %s\ncontainer: %u <%s>\n", md.title.c_str(),
              content.container,
              content.container == HtmlNode::kNone
                  ? ""
                  : std::string(TagName(doc->node(content.container).tag)).c_str());
  for (const BlockTrace& t : trace) {
    std::string text = t.text.substr(0, 110);
    for (char& c : text) if (c == '\n') c = ' ';
    std::printf("%-10s %-10s %s L%.2f | %s\n",
                std::string(BlockVerdictName(t.verdict)).c_str(),
                t.verdict == BlockVerdict::kFurniture
                    ? std::string(ChromeKindName(t.furniture)).c_str()
                    : "",
                t.good ? "G" : "-", t.link_density, text.c_str());
  }
}
