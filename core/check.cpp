#include "core/check.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ostream>

#include "core/io_result.hpp"

namespace scanner::core {

std::string_view to_string(status s) {
    switch (s) {
        case status::pass:
            return "PASS";
        case status::fail:
            return "FAIL";
        case status::skip:
            return "SKIP";
        case status::error:
            return "ERROR";
    }
    return "ERROR";
}

std::string_view to_string(check_mode m) {
    return m == check_mode::manual ? "Manual" : "Automatic";
}

std::optional<status> parse_status(std::string_view text) {
    for (status s : {status::pass, status::fail, status::skip, status::error}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

std::ostream& operator<<(std::ostream& out, status s) { return out << to_string(s); }

std::ostream& operator<<(std::ostream& out, check_mode m) { return out << to_string(m); }

bool id_less(std::string_view a, std::string_view b) {
    while (!a.empty() && !b.empty()) {
        auto next = [](std::string_view& s) {
            std::size_t dot = s.find('.');
            std::string_view part = s.substr(0, dot);
            s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
            return part;
        };
        std::string_view pa = next(a), pb = next(b);
        unsigned long na = 0, nb = 0;
        auto ra = std::from_chars(pa.data(), pa.data() + pa.size(), na);
        auto rb = std::from_chars(pb.data(), pb.data() + pb.size(), nb);
        bool numeric = ra.ec == std::errc{} && ra.ptr == pa.data() + pa.size() &&
                       rb.ec == std::errc{} && rb.ptr == pb.data() + pb.size();
        if (numeric && na != nb) return na < nb;
        if (!numeric && pa != pb) return pa < pb;
    }
    return a.empty() && !b.empty();
}

std::string errno_message(int code) {
    char buffer[256];
    // GNU strerror_r may return a static string instead of filling the buffer.
    return ::strerror_r(code, buffer, sizeof buffer);
}

int write_fully(int fd, const char* data, std::size_t size) noexcept {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return 0;
}

}  // namespace scanner::core
