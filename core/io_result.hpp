// The return type of routine I/O that may fail: a value, or the errno value explaining why not.
#ifndef SCANNER_CORE_IO_RESULT_HPP
#define SCANNER_CORE_IO_RESULT_HPP

#include <cstddef>
#include <string>
#include <utility>

namespace scanner::core {

template <class T>
struct io_result {
    T value{};
    int error = 0;

    static io_result failure(int code) {
        io_result r;
        r.error = code;
        return r;
    }
    static io_result success(T v) {
        io_result r;
        r.value = std::move(v);
        return r;
    }
    explicit operator bool() const { return error == 0; }
};

/// strerror() as a std::string, thread-safe.
std::string errno_message(int code);

/// Writes all `size` bytes to `fd`, resuming after short writes and EINTR. Returns 0, or the errno
/// value of the write(2) that failed. Async-signal-safe.
int write_fully(int fd, const char* data, std::size_t size) noexcept;

}  // namespace scanner::core

#endif
