#include "logic/go_duration.hpp"

#include <array>
#include <cstddef>

namespace scanner::kubernetes_worker {

namespace {

constexpr uint64_t max_magnitude = uint64_t{1} << 63;

struct unit_entry {
    std::string_view name;
    uint64_t nanoseconds;
};

// "µs" is accepted with both the micro sign (U+00B5) and the Greek small mu (U+03BC), like Go.
constexpr std::array<unit_entry, 8> units{{
    {"ns", 1},
    {"us", 1'000},
    {"\xc2\xb5s", 1'000},
    {"\xce\xbcs", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<uint64_t> unit_nanoseconds(std::string_view name) {
    for (const auto& u : units) {
        if (u.name == name) return u.nanoseconds;
    }
    return std::nullopt;
}

// Consumes leading digits; nullopt on overflow past 2^63, which Go reports as invalid.
std::optional<uint64_t> leading_int(std::string_view& s) {
    uint64_t value = 0;
    size_t i = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
        if (value > max_magnitude / 10) return std::nullopt;
        value = value * 10 + static_cast<uint64_t>(s[i] - '0');
        if (value > max_magnitude) return std::nullopt;
    }
    s.remove_prefix(i);
    return value;
}

struct fraction {
    uint64_t digits = 0;
    double scale = 1;
};

// Consumes the digits after a '.', keeping as many as fit without overflow (Go does the same).
fraction leading_fraction(std::string_view& s) {
    fraction f;
    bool overflow = false;
    size_t i = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
        if (overflow) continue;
        if (f.digits > (max_magnitude - 1) / 10) {
            overflow = true;
            continue;
        }
        uint64_t next = f.digits * 10 + static_cast<uint64_t>(s[i] - '0');
        if (next > max_magnitude) {
            overflow = true;
            continue;
        }
        f.digits = next;
        f.scale *= 10;
    }
    s.remove_prefix(i);
    return f;
}

// Writes v / 10^precision's fractional digits without trailing zeros; returns the integer part.
uint64_t format_fraction(std::string& out, uint64_t v, int precision) {
    std::string digits;
    bool printed = false;
    for (int i = 0; i < precision; ++i) {
        uint64_t digit = v % 10;
        printed = printed || digit != 0;
        if (printed) digits.insert(digits.begin(), static_cast<char>('0' + digit));
        v /= 10;
    }
    if (printed) out.insert(0, "." + digits);
    return v;
}

}  // namespace

std::optional<int64_t> parse_go_duration(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s == "0") return 0;
    if (s.empty()) return std::nullopt;

    uint64_t total = 0;
    while (!s.empty()) {
        if (!(s[0] == '.' || is_digit(s[0]))) return std::nullopt;

        size_t before = s.size();
        auto whole = leading_int(s);
        if (!whole) return std::nullopt;
        bool has_whole = before != s.size();

        fraction frac;
        bool has_fraction = false;
        if (!s.empty() && s[0] == '.') {
            s.remove_prefix(1);
            size_t before_fraction = s.size();
            frac = leading_fraction(s);
            has_fraction = before_fraction != s.size();
        }
        if (!has_whole && !has_fraction) return std::nullopt;

        size_t unit_length = 0;
        while (unit_length < s.size() && s[unit_length] != '.' && !is_digit(s[unit_length])) {
            ++unit_length;
        }
        if (unit_length == 0) return std::nullopt;
        auto unit = unit_nanoseconds(s.substr(0, unit_length));
        if (!unit) return std::nullopt;
        s.remove_prefix(unit_length);

        uint64_t value = *whole;
        if (value > max_magnitude / *unit) return std::nullopt;
        value *= *unit;
        if (frac.digits > 0) {
            value += static_cast<uint64_t>(static_cast<double>(frac.digits) *
                                           (static_cast<double>(*unit) / frac.scale));
            if (value > max_magnitude) return std::nullopt;
        }
        total += value;
        if (total > max_magnitude) return std::nullopt;
    }

    if (negative) return static_cast<int64_t>(0 - total);
    if (total > max_magnitude - 1) return std::nullopt;
    return static_cast<int64_t>(total);
}

std::string format_go_duration(int64_t nanoseconds) {
    if (nanoseconds == 0) return "0s";
    bool negative = nanoseconds < 0;
    uint64_t u =
        negative ? 0 - static_cast<uint64_t>(nanoseconds) : static_cast<uint64_t>(nanoseconds);

    std::string out;
    if (u < 1'000'000'000) {
        // Below one second Go switches to the largest unit that keeps an integer part.
        if (u < 1'000) {
            out = std::to_string(u) + "ns";
        } else if (u < 1'000'000) {
            out = "\xc2\xb5s";
            u = format_fraction(out, u, 3);
            out.insert(0, std::to_string(u));
        } else {
            out = "ms";
            u = format_fraction(out, u, 6);
            out.insert(0, std::to_string(u));
        }
    } else {
        out = "s";
        u = format_fraction(out, u, 9);
        out.insert(0, std::to_string(u % 60));
        u /= 60;
        if (u > 0) {
            out.insert(0, std::to_string(u % 60) + "m");
            u /= 60;
            if (u > 0) out.insert(0, std::to_string(u) + "h");
        }
    }
    return negative ? "-" + out : out;
}

}  // namespace scanner::kubernetes_worker
