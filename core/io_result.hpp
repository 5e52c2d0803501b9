// The return type of routine I/O that may fail: a value, or the errno value explaining why not.
#ifndef SCANNER_CORE_IO_RESULT_HPP
#define SCANNER_CORE_IO_RESULT_HPP

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

}  // namespace scanner::core

#endif
