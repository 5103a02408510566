// Status and Result<T>: how newsloom reports expected failures.
//
// Bad input (an unreadable file, invalid UTF-8, a malformed JSON line, a
// newer store schema) is data, not a bug, so it travels as a value. Asserts
// are reserved for programmer errors and never fire on user input.
//
//   Status s = store->Put(article);
//   if (!s.ok()) std::cerr << s.ToString() << "\n";
//
//   Result<Article> r = ParseLine(line);
//   ASSIGN_OR_RETURN(Article a, ParseLine(line));   // inside a Status fn
//
// Thread safety: a Status is an immutable value; copies are independent.
#ifndef NEWSLOOM_BASE_STATUS_H_
#define NEWSLOOM_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace newsloom {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,         // an id, file or row that does not exist
    kInvalidArgument,  // input that can never be valid (bad UTF-8, bad JSON)
    kIoError,          // the operating system or a library failed to read/write
    kCorruption,       // stored data that does not parse
    kNotSupported,     // valid but unsupported (e.g. a newer store schema)
  };

  // An OK status.
  Status() = default;

  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return {Code::kNotFound, msg}; }
  static Status InvalidArgument(std::string_view msg) {
    return {Code::kInvalidArgument, msg};
  }
  static Status IoError(std::string_view msg) { return {Code::kIoError, msg}; }
  static Status Corruption(std::string_view msg) {
    return {Code::kCorruption, msg};
  }
  static Status NotSupported(std::string_view msg) {
    return {Code::kNotSupported, msg};
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or "<code name>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
// REQUIRES: value() only when ok(); a Result is never built from Status::OK().
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace newsloom

#define NEWSLOOM_CONCAT_INNER_(a, b) a##b
#define NEWSLOOM_CONCAT_(a, b) NEWSLOOM_CONCAT_INNER_(a, b)

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define RETURN_IF_ERROR(expr)                       \
  do {                                              \
    ::newsloom::Status _st = (expr);                \
    if (!_st.ok()) return _st;                      \
  } while (0)

// `lhs` = the value of Result `rexpr`, or returns its Status.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL_(NEWSLOOM_CONCAT_(_res_, __LINE__), lhs, rexpr)
#define ASSIGN_OR_RETURN_IMPL_(res, lhs, rexpr) \
  auto res = (rexpr);                           \
  if (!res.ok()) return res.status();           \
  lhs = std::move(res).value()

#endif  // NEWSLOOM_BASE_STATUS_H_
