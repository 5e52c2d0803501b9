// The outcome of parsing one input: a value, or the reason and line of the failure.
#ifndef SCANNER_KUBERNETES_WORKER_PARSE_RESULT_HPP
#define SCANNER_KUBERNETES_WORKER_PARSE_RESULT_HPP

#include <string>
#include <utility>
#include <variant>

namespace scanner::kubernetes_worker {

/// Why an input could not be used; `line` is 1-based, 0 when no line applies.
struct parse_error {
    int line = 0;
    std::string message;

    /// "line 3: <message>", or the message alone when there is no line.
    std::string describe() const {
        return line > 0 ? "line " + std::to_string(line) + ": " + message : message;
    }
};

/// A parsed value or a parse_error, in the spirit of std::expected (C++23).
template <class T>
class parse_result {
  public:
    parse_result(T value) : state_(std::move(value)) {}
    parse_result(parse_error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    const T& value() const { return std::get<T>(state_); }
    T& value() { return std::get<T>(state_); }
    const T* operator->() const { return &value(); }
    const parse_error& error() const { return std::get<parse_error>(state_); }

  private:
    std::variant<T, parse_error> state_;
};

}  // namespace scanner::kubernetes_worker

#endif
