// What a worker process tells the scanner: one record per finished check, and a last word when
// its memory ran out. On the pipe each record is a 4-byte length (host byte order), then JSON.
#ifndef SCANNER_CORE_RESULT_RECORD_HPP
#define SCANNER_CORE_RESULT_RECORD_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/check.hpp"

namespace scanner::core {

/// Records larger than this are refused: a worker cannot make the scanner allocate without end.
inline constexpr std::size_t max_record_bytes = 64u << 20;

struct worker_record {
    enum class kind { result, memory_exhausted };

    kind what = kind::result;
    std::size_t check = 0;  // position of the check in the runner's list (kind::result only)
    check_result result;    // kind::result only
    /// When the check finished, on the steady clock the scanner shares with its workers: the
    /// moment the worker's next check started.
    std::chrono::steady_clock::time_point finished;
    std::string output;  // what the check wrote to stdout and stderr, possibly cut short
};

/// The framed record of a finished check; bytes that are not UTF-8 are replaced by U+FFFD.
std::string encode_result_record(std::size_t check, const check_result& result,
                                 std::string_view output,
                                 std::chrono::steady_clock::time_point finished);

/// The framed record a worker sends when an allocation failed. It is built ahead of time, as it
/// is sent from a signal handler or with no memory left.
std::string encode_memory_record();

/// Parses one record's JSON payload, or returns why it is malformed.
std::variant<worker_record, std::string> decode_record(std::string_view payload);

/// Cuts a byte stream into record payloads.
class record_stream {
  public:
    void append(std::string_view bytes);

    /// The next complete payload, or nullopt when more bytes are needed or the stream is corrupt
    /// (then error() says why, and the stream yields nothing more).
    std::optional<std::string> next();

    const std::string& error() const { return error_; }
    /// Bytes received that do not make a complete record yet.
    std::size_t pending() const { return buffer_.size() - offset_; }

  private:
    std::string buffer_;
    std::size_t offset_ = 0;
    std::string error_;
};

}  // namespace scanner::core

#endif
