#include "store/fts_query.h"

#include <cstdint>
#include <vector>

namespace newsloom::store {
namespace {

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_';
}

enum class Tok { kWord, kPhrase, kStar, kOpen, kClose, kColon, kAnd, kOr, kNot, kEnd };

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
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
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
      } else {
        return Fail(std::string("near \"") + static_cast<char>(c) + "\"");
      }
    }
    tokens_.push_back({Tok::kEnd, {}});
    return Status::OK();
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

  static bool StartsPrimary(Tok t) {
    return t == Tok::kWord || t == Tok::kPhrase || t == Tok::kOpen;
  }

  Result<std::string> ParseAnd(const std::string& weight) {
    ASSIGN_OR_RETURN(std::string left, ParseNot(weight));
    for (;;) {
      if (Peek().kind == Tok::kAnd) {
        ++pos_;
      } else if (!StartsPrimary(Peek().kind)) {
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
    if (Peek().kind == Tok::kWord && Peek(1).kind == Tok::kColon) {
      const std::string& column = Peek().text;
      if (column == "title") {
        weight = "A";
      } else if (column == "text") {
        weight = "D";
      } else {
        return Fail("no such column: " + column);
      }
      pos_ += 2;
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

  // 'a' <-> 'b' <-> 'c':* for the word runs of `text`.
  Result<std::string> Lexemes(const std::string& text, bool prefix,
                              const std::string& weight) {
    std::vector<std::string> runs;
    size_t i = 0;
    while (i < text.size()) {
      if (!IsWordByte(text[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < text.size() && IsWordByte(text[j])) ++j;
      runs.push_back(text.substr(i, j - i));
      i = j;
    }
    if (runs.empty()) return Fail("a phrase without words");
    std::string out = runs.size() > 1 ? "(" : "";
    for (size_t k = 0; k < runs.size(); ++k) {
      if (k > 0) out += " <-> ";
      out += "'" + runs[k] + "'";
      const bool last = k + 1 == runs.size();
      if ((prefix && last) || !weight.empty()) {
        out += ":";
        if (prefix && last) out += "*";
        out += weight;
      }
    }
    if (runs.size() > 1) out += ")";
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

}  // namespace newsloom::store
