// Status and Result<T>: errors as values at module boundaries.
//
// Exceptions from Xapian, ICU or RapidJSON never cross a module boundary:
// each module catches them where they arise and returns a Status.  The code
// tells the caller *whose* fault it is, which is what the CLI (exit codes)
// and the HTTP layer (status codes) need to decide what to answer.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace seedgraph {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller's input is wrong (bad JSON, bad code, ...)
    kNotFound,         // no such record (or one the caller may not see)
    kPermissionDenied, // the caller's role may not do this
    kIOError,          // the environment failed (disk, lock, corrupt index)
    kAborted,          // the index changed while being read: try again
    kGone,             // what the caller refers to existed and is gone (an expired cursor)
    kInternal,         // a bug
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status PermissionDenied(std::string m) { return Status(Code::kPermissionDenied, std::move(m)); }
  static Status IOError(std::string m) { return Status(Code::kIOError, std::move(m)); }
  static Status Gone(std::string m) { return Status(Code::kGone, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }
  static Status Aborted(std::string m) { return Status(Code::kAborted, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}    // NOLINT: implicit by design
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace seedgraph
