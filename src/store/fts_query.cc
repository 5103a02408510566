#include "store/fts_query.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/ascii.h"

namespace newsloom::store {
namespace {

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_';
}

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// kColumns: a {column set} (text: the weights of its columns, "A" and/or
// "D"); kMinus: a '-' before a column filter or set.
enum class Tok {
  kWord, kPhrase, kStar, kOpen, kClose, kColon, kColumns, kMinus, kAnd, kOr, kNot, kEnd
};

struct Token {
  Tok kind;
  std::string text;  // kWord, kPhrase
};

class Parser {
 public:
  explicit Parser(std::string_view q) : q_(q) {}

  Result<std::string> Parse() {
    RETURN_IF_ERROR(Lex());
    ASSIGN_OR_RETURN(std::string out, ParseOr(""));
    if (Peek().kind != Tok::kEnd) return Fail("unexpected text after the query");
    return out;
  }

 private:
  Status Fail(std::string_view why) const {
    return Status::InvalidArgument("search query \"" + std::string(q_) +
                                   "\": syntax error: " + std::string(why));
  }

  Status Lex() {
    size_t i = 0;
    while (i < q_.size()) {
      const unsigned char c = q_[i];
      if (IsSpace(c)) {
        ++i;
      } else if (c == '"') {
        std::string text;
        ++i;
        for (;;) {
          if (i >= q_.size()) return Fail("unterminated \"phrase");
          if (q_[i] == '"') {
            if (i + 1 < q_.size() && q_[i + 1] == '"') {  // "" is a quote
              text += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          text += q_[i++];
        }
        tokens_.push_back({Tok::kPhrase, std::move(text)});
      } else if (IsWordByte(c)) {
        size_t j = i;
        while (j < q_.size() && IsWordByte(q_[j])) ++j;
        std::string word(q_.substr(i, j - i));
        i = j;
        if (word == "AND") {
          tokens_.push_back({Tok::kAnd, {}});
        } else if (word == "OR") {
          tokens_.push_back({Tok::kOr, {}});
        } else if (word == "NOT") {
          tokens_.push_back({Tok::kNot, {}});
        } else if (word == "NEAR" && i < q_.size() && q_[i] == '(') {
          return Fail("NEAR(...) is not supported on PostgreSQL");
        } else {
          tokens_.push_back({Tok::kWord, std::move(word)});
        }
      } else if (c == '*') {
        tokens_.push_back({Tok::kStar, {}}), ++i;
      } else if (c == '(') {
        tokens_.push_back({Tok::kOpen, {}}), ++i;
      } else if (c == ')') {
        tokens_.push_back({Tok::kClose, {}}), ++i;
      } else if (c == ':') {
        tokens_.push_back({Tok::kColon, {}}), ++i;
      } else if (c == '-') {
        tokens_.push_back({Tok::kMinus, {}}), ++i;
      } else if (c == '{') {
        const size_t close = q_.find('}', i);
        if (close == std::string_view::npos) return Fail("missing \"}\"");
        std::string weights;
        for (size_t k = i + 1; k < close;) {
          if (IsSpace(q_[k])) {
            ++k;
            continue;
          }
          size_t j = k;
          while (j < close && !IsSpace(q_[j])) ++j;
          ASSIGN_OR_RETURN(const std::string w, WeightOf(q_.substr(k, j - k)));
          if (weights.find(w) == std::string::npos) weights += w;
          k = j;
        }
        if (weights.empty()) return Fail("an empty {column set}");
        tokens_.push_back({Tok::kColumns, std::move(weights)});
        i = close + 1;
      } else {
        return Fail(std::string("near \"") + static_cast<char>(c) + "\"");
      }
    }
    tokens_.push_back({Tok::kEnd, {}});
    return Status::OK();
  }

  // "A" for the title column, "D" for the text, in any case, as FTS5 reads
  // column names.
  Result<std::string> WeightOf(std::string_view column) const {
    const std::string lower = AsciiLowerCopy(column);
    if (lower == "title") return std::string("A");
    if (lower == "text") return std::string("D");
    return Fail("no such column: " + std::string(column));
  }

  const Token& Peek(size_t ahead = 0) const {
    const size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }

  // weight: "" (any column), "A" (title) or "D" (text).
  Result<std::string> ParseOr(const std::string& weight) {
    ASSIGN_OR_RETURN(std::string left, ParseAnd(weight));
    while (Peek().kind == Tok::kOr) {
      ++pos_;
      ASSIGN_OR_RETURN(std::string right, ParseAnd(weight));
      left = "(" + left + " | " + right + ")";
    }
    return left;
  }

  // Whether a primary starts at the next token: a word, a phrase, a group,
  // a {column set}, or '-' before a column filter or set ("crane
  // -title:storm" is "crane AND text:storm").
  bool StartsPrimary() const {
    const Tok t = Peek().kind;
    if (t == Tok::kMinus) {
      return (Peek(1).kind == Tok::kWord || Peek(1).kind == Tok::kColumns) &&
             Peek(2).kind == Tok::kColon;
    }
    return t == Tok::kWord || t == Tok::kPhrase || t == Tok::kOpen || t == Tok::kColumns;
  }

  Result<std::string> ParseAnd(const std::string& weight) {
    ASSIGN_OR_RETURN(std::string left, ParseNot(weight));
    for (;;) {
      if (Peek().kind == Tok::kAnd) {
        ++pos_;
      } else if (!StartsPrimary()) {
        return left;
      }
      ASSIGN_OR_RETURN(std::string right, ParseNot(weight));
      left = "(" + left + " & " + right + ")";
    }
  }

  Result<std::string> ParseNot(const std::string& weight) {
    ASSIGN_OR_RETURN(std::string left, ParsePrimary(weight));
    while (Peek().kind == Tok::kNot) {
      ++pos_;
      ASSIGN_OR_RETURN(std::string right, ParsePrimary(weight));
      left = "(" + left + " & !" + right + ")";
    }
    return left;
  }

  Result<std::string> ParsePrimary(std::string weight) {
    // A column filter (title:, Text:), a {column set}:, either with '-'
    // before it for the other columns.
    const bool minus = Peek().kind == Tok::kMinus;
    const size_t at = minus ? 1 : 0;
    if ((Peek(at).kind == Tok::kWord || Peek(at).kind == Tok::kColumns) &&
        Peek(at + 1).kind == Tok::kColon) {
      std::string columns;
      if (Peek(at).kind == Tok::kWord) {
        ASSIGN_OR_RETURN(columns, WeightOf(Peek(at).text));
      } else {
        columns = Peek(at).text;
      }
      if (minus) {
        std::string others;
        for (const char* w : {"A", "D"}) {
          if (columns.find(w) == std::string::npos) others += w;
        }
        if (others.empty()) return Fail("every column left out");
        columns = others;
      }
      weight = columns.size() == 1 ? columns : "";
      pos_ += at + 2;
    } else if (minus) {
      return Fail("near \"-\"");
    }
    const Token& t = Peek();
    if (t.kind == Tok::kOpen) {
      ++pos_;
      ASSIGN_OR_RETURN(std::string inner, ParseOr(weight));
      if (Peek().kind != Tok::kClose) return Fail("missing \")\"");
      ++pos_;
      return inner;
    }
    if (t.kind != Tok::kWord && t.kind != Tok::kPhrase) {
      return Fail(t.kind == Tok::kEnd ? "the query ends too early"
                                      : "expected a word or a \"phrase\"");
    }
    ++pos_;
    bool prefix = false;
    if (Peek().kind == Tok::kStar) {
      prefix = true;
      ++pos_;
    }
    return Lexemes(t.text, prefix, weight);
  }

  // 'a' <-> 'b' <-> 'c':* for the word runs of `text`. A piece (between
  // spaces) whose words are joined by '.' or '/' ("U.S.", "3.5",
  // "bbc.co.uk") is one token to PostgreSQL's parser where FTS5 splits
  // it, so it may match either way: ('U' <-> 'S' | 'U.S').
  Result<std::string> Lexemes(const std::string& text, bool prefix,
                              const std::string& weight) {
    struct Piece {
      std::vector<std::string> runs;
      std::string whole;  // "" unless PostgreSQL reads it as one token
    };
    std::vector<Piece> pieces;
    size_t total = 0;
    size_t i = 0;
    while (i < text.size()) {
      if (IsSpace(text[i])) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < text.size() && !IsSpace(text[end])) ++end;
      Piece p;
      size_t first = std::string::npos, last = 0;
      for (size_t k = i; k < end;) {
        if (!IsWordByte(text[k])) {
          ++k;
          continue;
        }
        size_t j = k;
        while (j < end && IsWordByte(text[j])) ++j;
        p.runs.push_back(text.substr(k, j - k));
        if (first == std::string::npos) first = k;
        last = j;
        k = j;
      }
      if (p.runs.size() > 1) {
        const std::string_view inner(text.data() + first, last - first);
        if (std::all_of(inner.begin(), inner.end(), [](unsigned char c) {
              return IsWordByte(c) || c == '.' || c == '/';
            })) {
          p.whole = std::string(inner);
        }
      }
      total += p.runs.size();
      if (!p.runs.empty()) pieces.push_back(std::move(p));
      i = end;
    }
    if (pieces.empty()) return Fail("a phrase without words");
    const auto lexeme = [&](const std::string& word, bool star) {
      std::string out = "'" + word + "'";
      if (star || !weight.empty()) {
        out += ":";
        if (star) out += "*";
        out += weight;
      }
      return out;
    };
    std::string out = total > 1 ? "(" : "";
    for (size_t k = 0; k < pieces.size(); ++k) {
      if (k > 0) out += " <-> ";
      const Piece& p = pieces[k];
      const bool star = prefix && k + 1 == pieces.size();
      if (!p.whole.empty()) out += "(";
      for (size_t r = 0; r < p.runs.size(); ++r) {
        if (r > 0) out += " <-> ";
        out += lexeme(p.runs[r], star && r + 1 == p.runs.size());
      }
      if (!p.whole.empty()) out += " | " + lexeme(p.whole, star) + ")";
    }
    if (total > 1) out += ")";
    return out;
  }

  std::string_view q_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::string> ToTsQuery(std::string_view query) {
  return Parser(query).Parse();
}

std::string PhrasesForPunctuatedWords(std::string_view q, std::string* lone_exclusion) {
  const auto ends_chunk = [](unsigned char c) {
    return IsSpace(c) || c == '(' || c == ')' || c == '"' || c == '{';
  };
  // What FTS5 reads as it is: a word (letters, digits, _), with ^ before it
  // (the first word), * after it (a prefix), and words joined by +
  // (a phrase), or a lone +.
  const auto plain = [](std::string_view s) {
    if (s == "+") return true;
    if (s.starts_with('^')) s.remove_prefix(1);
    if (s.ends_with('*')) s.remove_suffix(1);
    if (s.empty() || s.front() == '+' || s.back() == '+') return false;
    char before = 0;
    for (const char c : s) {
      if (c == '+' && before == '+') return false;
      if (c != '+' && !IsWordByte(static_cast<unsigned char>(c))) return false;
      before = c;
    }
    return true;
  };
  const auto is_column = [](std::string_view name) {
    const std::string lower = AsciiLowerCopy(name);
    return lower == "title" || lower == "text";
  };
  // The length of the column filter `s` starts with ("title:", "-Text:"),
  // or 0.
  const auto column_filter = [&](std::string_view s) -> size_t {
    const size_t name = s.starts_with('-') ? 1 : 0;
    size_t k = name;
    while (k < s.size() && IsWordByte(s[k]) && static_cast<unsigned char>(s[k]) < 0x80) ++k;
    if (k == name || k >= s.size() || s[k] != ':' || !is_column(s.substr(name, k - name))) {
      return 0;
    }
    return k + 1;
  };
  // From q[i] on: a "phrase" ("" a quote inside it), or a {column set} with
  // the ':' after it; their end, or i when there is none at i.
  const auto verbatim_end = [&](size_t i) {
    if (q[i] == '"') {
      size_t j = i + 1;
      while (j < q.size()) {
        if (q[j] == '"' && (j + 1 >= q.size() || q[j + 1] != '"')) break;
        j += q[j] == '"' ? 2 : 1;
      }
      return std::min(j + 1, q.size());
    }
    if (q[i] == '{' || (q[i] == '-' && i + 1 < q.size() && q[i + 1] == '{')) {
      const size_t close = q.find('}', i);
      if (close == std::string_view::npos) return q.size();
      return close + 1 < q.size() && q[close + 1] == ':' ? close + 2 : close + 1;
    }
    return i;
  };
  // The chunk as FTS5 should read it: as it is, or quoted ("U.S." with ^
  // before and * after it outside the quotes); "" for punctuation alone.
  const auto word = [&](std::string_view chunk) -> std::string {
    if (plain(chunk)) return std::string(chunk);
    if (std::none_of(chunk.begin(), chunk.end(), IsWordByte)) return "";
    std::string out;
    if (chunk.starts_with('^')) {
      out += '^';
      chunk.remove_prefix(1);
    }
    const bool prefix = chunk.back() == '*';
    if (prefix) chunk.remove_suffix(1);
    out += '"';
    out.append(chunk);
    out += '"';
    if (prefix) out += '*';
    return out;
  };
  std::string out;
  std::string_view last;  // the previous chunk, for "title :x"
  bool term_before = false;  // a word or phrase was written: "a -b" is "a NOT b"
  size_t i = 0;
  while (i < q.size()) {
    if (const size_t end = verbatim_end(i); end > i) {
      out.append(q.substr(i, end - i));
      last = q.substr(i, end - i);
      term_before = q[i] == '"';
      i = end;
      continue;
    }
    if (ends_chunk(q[i])) {
      if (q[i] == '(') term_before = false;
      if (q[i] == ')') term_before = true;
      out += q[i++];
      continue;
    }
    size_t j = i;
    while (j < q.size() && !ends_chunk(q[j])) ++j;
    std::string_view chunk = q.substr(i, j - i);
    const std::string_view previous = last;
    last = chunk;
    i = j;
    size_t open = i;
    while (open < q.size() && IsSpace(q[open])) ++open;
    if (chunk == "NEAR" && open < q.size() && q[open] == '(') {
      // NEAR(a b-c, 5): its words rewritten like any others, the distance
      // after the last comma kept.
      size_t close = open + 1;
      while (close < q.size() && q[close] != ')') {
        const size_t end = verbatim_end(close);
        close = end > close ? end : close + 1;
      }
      std::string_view inner = q.substr(open + 1, std::min(close, q.size()) - open - 1);
      std::string_view distance;
      if (const size_t comma = inner.rfind(','); comma != std::string_view::npos) {
        const std::string_view tail = inner.substr(comma + 1);
        if (std::all_of(tail.begin(), tail.end(),
                        [](unsigned char c) { return IsSpace(c) || (c >= '0' && c <= '9'); })) {
          distance = inner.substr(comma);
          inner = inner.substr(0, comma);
        }
      }
      out.append(chunk);
      out.append(q.substr(i, open + 1 - i));
      out += PhrasesForPunctuatedWords(inner);
      out.append(distance);
      if (close < q.size()) out += ')';
      i = std::min(close + 1, q.size());
      term_before = true;
      continue;
    }
    if (chunk.starts_with(':') && (is_column(previous) || previous.ends_with('}'))) {
      out += ':';  // "title : rail", "title :rail"
      chunk.remove_prefix(1);
      out += word(chunk);
      term_before = !chunk.empty();
      continue;
    }
    if (const size_t filter = column_filter(chunk); filter > 0) {
      out.append(chunk.substr(0, filter));
      chunk.remove_prefix(filter);
      out += word(chunk);
      term_before = !chunk.empty();
      continue;
    }
    if (chunk == "-") {
      // Kept before a column filter or set ("- title: x": every column but
      // the title); elsewhere punctuation alone, dropped.
      const std::string_view next = q.substr(open);
      out += next.starts_with('{') || column_filter(next.substr(0, next.find(' '))) > 0
                 ? "-" : " ";
      continue;
    }
    if (chunk.size() > 1 && chunk[0] == '-' && IsWordByte(static_cast<unsigned char>(chunk[1]))) {
      // "tanker -Lyon", "tanker -covid-19": without Lyon, without "covid-19",
      // as search boxes read it; first in the query, with nothing to leave
      // out of, as written (refused).
      if (term_before) {
        out += "NOT ";
        out += word(chunk.substr(1));
      } else {
        out.append(chunk);
      }
      if (!term_before && lone_exclusion != nullptr && lone_exclusion->empty()) {
        *lone_exclusion = std::string(chunk);
      }
      continue;
    }
    const std::string w = word(chunk);
    out += w.empty() ? " " : w;
    term_before = !w.empty() && chunk != "AND" && chunk != "OR" && chunk != "NOT";
  }
  return out;
}

}  // namespace newsloom::store
