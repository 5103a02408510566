#include "ingest/reader.h"

#include <dirent.h>
#include <sys/stat.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "base/ascii.h"
#include "base/flat_u64_map.h"
#include "base/utf8.h"
#include "html/encoding.h"
#include "ingest/byte_source.h"
#include "ingest/html_page.h"
#include "ingest/jsonl.h"
#include "ingest/line_reader.h"
#include "ingest/messages.h"
#include "ingest/plain_text.h"

namespace newsloom {

// `where` names a file as the file system spells it, which may hold a line
// break or an escape sequence, and messages may quote a path or a field:
// printed, each stays one safe line.
std::string IngestError::ToString() const {
  return PrintableText(where + (warning ? ": warning: " : ": ") + message);
}

std::string IngestNote::ToString() const {
  return PrintableText(where + ": note: " + message);
}

namespace {

using ingest_internal::FormatCap;
using ingest_internal::OverCapMessage;

// How many bytes to look at, at most, to sniff a stream's format.
constexpr size_t kMaxSniffBytes = 64 << 10;
constexpr size_t kSniffChunk = 4 << 10;

// kXml: an XML document that is neither a web page nor a feed.
// kJson: one JSON document (an article object or an array of them).
enum class Format { kText, kJsonl, kJson, kHtml, kFeed, kXml, kSniff };

struct FileKind {
  Format format = Format::kSniff;
  bool gzip = false;
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// The kind a file name promises, or nullopt for an unsupported name.
std::optional<FileKind> KindFromName(std::string_view name) {
  std::string lower = AsciiLowerCopy(name);
  std::string_view base = lower;
  FileKind kind;
  kind.gzip = EndsWith(base, ".gz");
  if (kind.gzip) base.remove_suffix(3);
  if (EndsWith(base, ".txt")) {
    kind.format = Format::kText;
  } else if (EndsWith(base, ".jsonl") || EndsWith(base, ".ndjson")) {
    kind.format = Format::kJsonl;
  } else if (EndsWith(base, ".json")) {
    kind.format = Format::kJson;
  } else if (EndsWith(base, ".html") || EndsWith(base, ".htm") ||
             EndsWith(base, ".xhtml")) {
    kind.format = Format::kHtml;
  } else if (EndsWith(base, ".rss") || EndsWith(base, ".atom")) {
    kind.format = Format::kFeed;
  } else {
    return std::nullopt;
  }
  return kind;
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  return EndsWith(dir, "/") ? dir + name : dir + "/" + name;
}

std::string ErrnoMessage(int err) {
  std::string msg = std::strerror(err);
  if (!msg.empty() && msg[0] >= 'A' && msg[0] <= 'Z') msg[0] += 'a' - 'A';
  return msg;
}

// Reads the first bytes of `src` into `prefix`: at least two (for the gzip
// magic) and up to the first non-space byte, within kMaxSniffBytes.
Status Peek(ByteSource& src, std::string* prefix) {
  for (;;) {
    const std::string_view seen = StripBom(*prefix);
    const bool has_content = std::any_of(
        seen.begin(), seen.end(), [](char c) { return !IsAsciiSpace(c); });
    if ((prefix->size() >= 2 && has_content) ||
        prefix->size() >= kMaxSniffBytes) {
      return Status::OK();
    }
    const size_t old = prefix->size();
    prefix->resize(old + kSniffChunk);
    Result<size_t> got = src.Read(prefix->data() + old, kSniffChunk);
    prefix->resize(old + (got.ok() ? *got : 0));
    if (!got.ok()) return got.status();
    if (*got == 0) return Status::OK();
  }
}

// JSONL when the first byte after a BOM and white space is '{', one JSON
// document when it is '[' (an array of articles), a feed
// when the document element is a feed's (LooksLikeFeed), HTML when the
// input starts like a web page (LooksLikeHtml), other XML (an XML
// declaration) refused, else plain text.
Format SniffFormat(std::string_view prefix) {
  const std::string_view s = TrimAscii(StripBom(prefix));
  if (!s.empty() && s[0] == '{') return Format::kJsonl;
  if (!s.empty() && s[0] == '[') {
    // An array of objects, or an empty one; "[Photo] Bridge opens" is text.
    const std::string_view rest = TrimAscii(s.substr(1));
    if (!rest.empty() && (rest[0] == '{' || rest[0] == ']')) {
      return Format::kJson;
    }
  }
  if (LooksLikeFeed(s)) return Format::kFeed;
  if (LooksLikeHtml(s)) return Format::kHtml;
  return s.starts_with("<?xml") ? Format::kXml : Format::kText;
}

// (device, inode): identifies a folder across symlinks.
using FolderKey = std::pair<dev_t, ino_t>;

class Reader {
 public:
  Reader(const ReadOptions& options,
         const std::function<void(Article&&)>& on_article,
         const std::function<void(const IngestError&)>& on_error,
         const std::function<void(const IngestNote&)>& on_note)
      : options_(options),
        on_article_(on_article),
        on_error_(on_error),
        on_note_(on_note) {}

  const ReadStats& stats() const { return stats_; }

  // An input as named by the user: a path or "-".
  void ReadInput(const std::string& input);

  // A stream of unknown format named `name` (stdin, an istream).
  void ReadUnnamedStream(std::unique_ptr<ByteSource> src,
                         const std::string& name) {
    ++stats_.files;
    ReadSource(std::move(src), name, FileKind(), std::nullopt, nullptr);
  }

 private:
  void ReadFolder(const std::string& path);
  void ReadFolderEntry(const std::string& path, const std::string& name);
  void ReadFile(const std::string& path, FileKind kind,
                std::optional<size_t> size);
  void ReadSource(std::unique_ptr<ByteSource> src, const std::string& name,
                  FileKind kind, std::optional<size_t> size,
                  const std::string* regular_file);
  bool GzipFileIsSound(const std::string& path);
  void ReadText(ByteSource& src, const std::string& name,
                std::optional<size_t> size, Format format);
  void ReadJsonl(ByteSource& src, const std::string& name, size_t max_total);
  void ReadFeed(std::string_view bytes, const std::string& name);
  void ReadJsonDocumentBytes(std::string_view bytes, const std::string& name);

  void Emit(Article&& a) {
    ++stats_.articles;
    // Not over a URL's site: that is the article's outlet (OutletOf).
    if (a.source.empty() && a.url.empty()) a.source = std::string(TrimAscii(options_.source));
    if (on_article_) on_article_(std::move(a));
  }
  void Report(const std::string& where, std::string message, bool warning) {
    ++(warning ? stats_.warnings : stats_.errors);
    if (on_error_) on_error_(IngestError{where, std::move(message), warning});
  }
  void Error(const std::string& where, std::string message) {
    Report(where, std::move(message), false);
  }
  void Warn(const std::string& where, std::string message) {
    Report(where, std::move(message), true);
  }
  void Note(const std::string& where, std::string message) {
    ++stats_.notes;
    if (on_note_) on_note_(IngestNote{where, std::move(message)});
  }

  const ReadOptions& options_;
  const std::function<void(Article&&)>& on_article_;
  const std::function<void(const IngestError&)>& on_error_;
  const std::function<void(const IngestNote&)>& on_note_;
  ReadStats stats_;
  std::vector<std::pair<FolderKey, std::string>> open_folders_;  // the path
  std::map<FolderKey, std::string> read_folders_;  // first path of each
};

void Reader::ReadInput(const std::string& input) {
  if (input == "-") {
    ReadUnnamedStream(NewFdSource(0, /*owns_fd=*/false), "-");
    return;
  }
  struct stat st;
  if (::stat(input.c_str(), &st) != 0) {
    Error(input, ErrnoMessage(errno) + "; skipped");
  } else if (S_ISDIR(st.st_mode)) {
    ReadFolder(input);
  } else if (S_ISREG(st.st_mode)) {
    const std::optional<FileKind> kind = KindFromName(BaseName(input));
    ReadFile(input, kind.value_or(FileKind()), static_cast<size_t>(st.st_size));
  } else {  // a FIFO or device named on purpose: stream and sniff
    ReadFile(input, FileKind(), std::nullopt);
  }
}

void Reader::ReadFolder(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    Error(path, ErrnoMessage(errno) + "; skipped");
    return;
  }
  const FolderKey key{st.st_dev, st.st_ino};
  for (const auto& [open_key, open_path] : open_folders_) {
    if (open_key == key) {
      Error(path, "folder loop: leads back to " + open_path + "; skipped");
      return;
    }
  }
  if (auto it = read_folders_.find(key); it != read_folders_.end()) {
    Warn(path, "folder already read as " + it->second + "; skipped");
    return;
  }
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    Error(path, ErrnoMessage(errno) + "; skipped");
    return;
  }
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.') names.emplace_back(entry->d_name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  read_folders_.emplace(key, path);
  open_folders_.emplace_back(key, path);
  for (const std::string& name : names) {
    ReadFolderEntry(JoinPath(path, name), name);
  }
  open_folders_.pop_back();
}

void Reader::ReadFolderEntry(const std::string& path, const std::string& name) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    Error(path, ErrnoMessage(errno) + "; skipped");
    return;
  }
  if (S_ISLNK(st.st_mode)) {
    if (!options_.follow_symlinks) {
      ++stats_.skipped_files;
      return;
    }
    if (::stat(path.c_str(), &st) != 0) {
      Error(path, "broken symbolic link: " + ErrnoMessage(errno) + "; skipped");
      return;
    }
  }
  if (S_ISDIR(st.st_mode)) {
    ReadFolder(path);
    return;
  }
  const std::optional<FileKind> kind = KindFromName(name);
  if (!S_ISREG(st.st_mode) || !kind) {
    ++stats_.skipped_files;
    return;
  }
  ReadFile(path, *kind, static_cast<size_t>(st.st_size));
}

void Reader::ReadFile(const std::string& path, FileKind kind,
                      std::optional<size_t> size) {
  ++stats_.files;
  if (size && *size > options_.max_file_bytes) {
    Error(path, OverCapMessage("file", *size, "one input file",
                               options_.max_file_bytes, "--max-file-bytes"));
    return;
  }
  Result<std::unique_ptr<ByteSource>> src = OpenFileSource(path);
  if (!src.ok()) {
    Error(path, src.status().message() + "; skipped");
    return;
  }
  ReadSource(std::move(src).value(), path, kind, size, size ? &path : nullptr);
}

// `size` is the stored size of the file, when known; `regular_file` its
// path when it can be opened again. The gzip magic wins over a name without
// ".gz"; a ".gz" name is trusted (zlib reports a bad header).
void Reader::ReadSource(std::unique_ptr<ByteSource> src,
                        const std::string& name, FileKind kind,
                        std::optional<size_t> size,
                        const std::string* regular_file) {
  std::string prefix;
  if (!kind.gzip) {
    if (Status s = Peek(*src, &prefix); !s.ok()) {
      Error(name, s.message() + "; skipped");
      return;
    }
    kind.gzip = HasGzipMagic(prefix);
    src = NewPrefixedSource(std::move(prefix), std::move(src));
    prefix.clear();
  }
  if (kind.gzip) {
    src = NewGzipSource(std::move(src));
    size.reset();
  }
  // A UTF-16 file (its byte-order mark first: Windows' "Unicode") is read
  // whole and decoded, so that its lines read as UTF-8 ones do (JSONL read
  // as UTF-8 reported every line invalid, a JSON Feed was "binary"); plain
  // text and web pages decode their own.
  std::string decoded;  // outlives `src` when it is read from
  if (kind.format != Format::kText && kind.format != Format::kHtml) {
    std::string head;
    if (Status s = Peek(*src, &head); !s.ok()) {
      Error(name, s.message() + "; skipped");
      return;
    }
    if (const std::string_view charset = Utf16ByteOrder(head); !charset.empty()) {
      std::string all = std::move(head);
      char buf[1 << 16];
      for (;;) {
        Result<size_t> got = src->Read(buf, sizeof buf);
        if (!got.ok()) {
          Error(name, got.status().message() + "; skipped");
          return;
        }
        if (*got == 0) break;
        all.append(buf, *got);
        if (all.size() > options_.max_file_bytes) {
          Error(name, OverCapMessage("UTF-16 file", all.size(), "one input file",
                                     options_.max_file_bytes, "--max-file-bytes"));
          return;
        }
      }
      Result<std::string> utf8 = ConvertToUtf8(std::string_view(all).substr(2), charset);
      if (!utf8.ok()) {
        Error(name, utf8.status().message() + "; skipped");
        return;
      }
      decoded = std::move(*utf8);
      Note(name, "UTF-16 (" + std::string(charset) + ") text, read as its UTF-8");
      src = NewMemorySource(decoded);
    } else {
      src = NewPrefixedSource(std::move(head), std::move(src));
    }
  }
  if (kind.format == Format::kSniff) {
    if (Status s = Peek(*src, &prefix); !s.ok()) {
      Error(name, s.message() + "; skipped");
      return;
    }
    kind.format = SniffFormat(prefix);
    src = NewPrefixedSource(std::move(prefix), std::move(src));
  }
  if (kind.format == Format::kJsonl) {
    // Plain text is read whole, so its CRC is checked before it is parsed;
    // JSONL streams, so a damaged file is checked in a first pass.
    if (kind.gzip && regular_file && !GzipFileIsSound(*regular_file)) return;
    // A file has a size, and the file cap bounds it; a stream (stdin, a
    // pipe) has none: a feed piped in for days is read to its end, its
    // memory bounded by the line and article caps as any JSONL's is.
    ReadJsonl(*src, name,
              regular_file ? options_.max_file_bytes : SIZE_MAX);
  } else {
    ReadText(*src, name, size, kind.format);
  }
  if (std::string note = src->Note(); !note.empty()) Warn(name, std::move(note));
}

// Reports a damaged gzip file once and returns false. A truncated one is
// sound: its lines before the cut are read, then the cut is reported.
bool Reader::GzipFileIsSound(const std::string& path) {
  Result<std::unique_ptr<ByteSource>> src = OpenFileSource(path);
  Status error;
  if (src.ok() && CheckGzip(**src, &error) != GzipHealth::kDamaged) return true;
  Error(path, (src.ok() ? error : src.status()).message() + "; skipped");
  return false;
}

// A whole file is one article (plain text, or a web page: kHtml), or a
// feed of articles (kFeed).
void Reader::ReadText(ByteSource& src, const std::string& name,
                      std::optional<size_t> size, Format format) {
  if (format == Format::kXml) {
    Error(name, "an XML document that is neither a web page nor a feed "
                "(RSS, Atom); skipped");
    return;
  }
  const bool feed = format == Format::kFeed;
  const bool html = format == Format::kHtml || feed;
  const bool json = format == Format::kJson;
  const size_t cap = json   ? options_.max_line_bytes
                     : html ? options_.max_page_bytes
                            : options_.max_article_bytes;
  const char* cap_name = json   ? "one JSON document (read whole, like a "
                                  "JSONL line; for more, write JSONL: "
                                  "jq -c '.[]')"
                         : feed ? "one web page or feed"
                         : html ? "one web page"
                                : "one article";
  const char* flag = json   ? "--max-line-bytes"
                     : html ? "--max-page-bytes"
                            : "--max-article-bytes";
  if (size && *size > cap) {
    Error(name, OverCapMessage("file", *size, cap_name, cap, flag));
    return;
  }
  std::string bytes;
  if (size) bytes.reserve(*size);
  Result<bool> ended = ReadUpTo(src, cap, &bytes);
  if (!ended.ok()) {
    Error(name, ended.status().message() + "; skipped");
    return;
  }
  if (!*ended) {
    Error(name, std::string(json   ? "JSON document"
                            : feed ? "feed"
                            : html ? "page"
                                   : "text") +
                    " is over the cap of " +
                    FormatCap(cap) + " for " + cap_name + " (" + flag +
                    "); skipped");
    return;
  }
  if (bytes.empty()) {
    Error(name, "empty file; skipped");
    return;
  }
  if (feed) {
    ReadFeed(bytes, name);
    return;
  }
  if (json) {
    ReadJsonDocumentBytes(bytes, name);
    return;
  }
  std::vector<std::string> notes;
  Result<Article> article =
      html ? ParseHtmlPage(bytes, name, options_)
           : ParsePlainText(bytes, name, options_, &notes);
  for (std::string& note : notes) Note(name, std::move(note));
  if (article.ok()) {
    Emit(std::move(article).value());
  } else {
    Error(name, article.status().message());
  }
}

void Reader::ReadFeed(std::string_view bytes, const std::string& name) {
  if (!options_.read_feed) {
    Error(name, "a feed (RSS, Atom), and this reader was given no feed "
                "reader (ReadOptions::read_feed); skipped");
    return;
  }
  FeedFileItems items = options_.read_feed(bytes, name, options_);
  for (auto& [where, message] : items.warnings) Warn(where, std::move(message));
  for (auto& [where, message] : items.errors) Error(where, std::move(message));
  for (Article& a : items.articles) Emit(std::move(a));
  if (items.articles.empty() && items.errors.empty()) {
    Error(name, "a feed with no items; skipped");
  }
}

void Reader::ReadJsonDocumentBytes(std::string_view bytes,
                                   const std::string& name) {
  std::vector<Article> articles;
  std::vector<IngestError> problems;
  bool json_feed = false;
  const Status s = ReadJsonDocument(bytes, name, options_, &articles,
                                    &problems, &json_feed);
  if (json_feed) {
    ReadFeed(bytes, name);
    return;
  }
  if (!s.ok()) {
    Error(name, s.message() + "; skipped");
    return;
  }
  for (IngestError& p : problems) {
    Report(p.where, std::move(p.message), p.warning);
  }
  for (Article& a : articles) Emit(std::move(a));
  if (articles.empty() && problems.empty()) {
    Error(name, "an empty JSON array; skipped");
  }
}

void Reader::ReadJsonl(ByteSource& src, const std::string& name,
                       size_t max_total) {
  LineReader lines(src, options_.max_line_bytes, max_total);
  bool any_line = false;
  std::vector<std::string> warnings;
  // By the XXH3 of Article::external_id (0 read as 1), not the id itself:
  // 24 bytes an id in a flat array, about 12 MB at kMaxJsonlIdsChecked, where
  // a FlatStringMap of the strings held 35 MB to the end of the file (the
  // peak of a long ingest, docs/performance.md). Two ids of one file would
  // have to share a 64-bit hash to be taken for one.
  struct SeenId {
    uint64_t article = 0;  // XXH3 of Article::id of its first line
    uint64_t line = 0;
  };
  FlatU64Map<SeenId> seen_ids;
  while (lines.Next()) {
    const std::string where = name + ":" + std::to_string(lines.line_number());
    if (lines.oversized()) {
      any_line = true;
      Error(where, "line is over the cap of " +
                       FormatCap(options_.max_line_bytes) +
                       " (--max-line-bytes); skipped");
      continue;
    }
    if (TrimAscii(StripBom(lines.line())).empty()) continue;
    any_line = true;
    warnings.clear();
    Result<Article> article =
        ParseJsonLine(lines.line(), where, options_, &warnings);
    for (std::string& w : warnings) Warn(where, std::move(w));
    if (article.ok()) {
      const Article& a = *article;
      if (!a.external_id.empty()) {
        const uint64_t key = std::max<uint64_t>(
            1, XXH3_64bits(a.external_id.data(), a.external_id.size()));
        const uint64_t article_hash = XXH3_64bits(a.id.data(), a.id.size());
        SeenId* seen = seen_ids.Find(key);
        if (seen == nullptr && seen_ids.size() < kMaxJsonlIdsChecked) {
          *seen_ids.Insert(key).first = {article_hash, lines.line_number()};
        } else if (seen != nullptr && seen->article != article_hash) {
          Warn(where, "id \"" + ingest_internal::OneLine(a.external_id, 60) + "\" is also line " +
                          std::to_string(seen->line) +
                          "'s, with another url or text: both are stored, as two "
                          "articles (an article is known by its url, else by its "
                          "title and text)");
        }
      }
      Emit(std::move(article).value());
    } else {
      Error(where, article.status().message());
    }
  }
  if (!lines.status().ok()) {
    Error(name, lines.status().message() +
                    (any_line ? "; articles from the lines before were kept"
                              : "; nothing read"));
  } else if (!any_line) {
    Error(name, lines.bytes_read() == 0 ? "empty file; skipped"
                                        : "only white space; skipped");
  }
}

}  // namespace

bool IsIngestibleName(std::string_view name) {
  return !name.empty() && name[0] != '.' && KindFromName(name).has_value();
}

bool LooksLikeFeed(std::string_view prefix) {
  std::string_view s = TrimAscii(StripBom(prefix));
  // Skip the XML declaration, processing instructions (a stylesheet),
  // comments, a doctype and the white space between them.
  for (;;) {
    size_t end = std::string_view::npos;
    if (s.starts_with("<?")) {
      end = s.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (s.starts_with("<!--")) {
      end = s.find("-->");
      if (end != std::string_view::npos) end += 3;
    } else if (s.starts_with("<!")) {
      end = s.find('>');
      if (end != std::string_view::npos) end += 1;
    } else {
      break;
    }
    if (end == std::string_view::npos) return false;
    s = TrimAscii(s.substr(end));
  }
  for (std::string_view root : {"<rss", "<feed", "<rdf:rdf"}) {
    if (s.size() > root.size() &&
        AsciiLowerCopy(s.substr(0, root.size())) == root) {
      const char next = s[root.size()];
      if (IsAsciiSpace(next) || next == '>' || next == '/') return true;
    }
  }
  return false;
}

ReadStats ReadInputs(const std::vector<std::string>& inputs,
                     const ReadOptions& options,
                     const std::function<void(Article&&)>& on_article,
                     const std::function<void(const IngestError&)>& on_error,
                     const std::function<void(const IngestNote&)>& on_note) {
  Reader reader(options, on_article, on_error, on_note);
  for (const std::string& input : inputs) reader.ReadInput(input);
  return reader.stats();
}

ReadStats ReadStream(std::istream& in, std::string_view name,
                     const ReadOptions& options,
                     const std::function<void(Article&&)>& on_article,
                     const std::function<void(const IngestError&)>& on_error,
                     const std::function<void(const IngestNote&)>& on_note) {
  Reader reader(options, on_article, on_error, on_note);
  reader.ReadUnnamedStream(NewIstreamSource(in), std::string(name));
  return reader.stats();
}

}  // namespace newsloom
