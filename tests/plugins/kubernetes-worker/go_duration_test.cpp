#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "logic/go_duration.hpp"

using scanner::kubernetes_worker::format_go_duration;
using scanner::kubernetes_worker::parse_go_duration;

namespace {

constexpr int64_t second = 1'000'000'000;

struct parse_case {
    std::string_view text;
    std::optional<int64_t> expected;
};

}  // namespace

TEST_CASE("parse_go_duration reads what Go's time.ParseDuration reads") {
    const parse_case cases[] = {
        {"4h0m0s", 4 * 3600 * second},             // the kubelet's own way of writing its default
        {"0s", 0},                                 // zero with a unit
        {"0", 0},                                  // a lone zero needs no unit
        {"5m", 300 * second},                      // one component
        {"1h30m", 5400 * second},                  // several components
        {"1.5h", 5400 * second},                   // fractions
        {".5s", second / 2},                       // a fraction without an integer part
        {"5.s", 5 * second},                       // an integer with an empty fraction
        {"300ms", 300'000'000},                    // milliseconds
        {"2us", 2'000},                            // microseconds, ASCII
        {"2\xc2\xb5s", 2'000},                     // microseconds, micro sign
        {"2\xce\xbcs", 2'000},                     // microseconds, Greek mu
        {"7ns", 7},                                // nanoseconds
        {"-1m", -60 * second},                     // negative
        {"+1m", 60 * second},                      // explicit plus
        {"2562047h47m16.854775807s", INT64_MAX},   // the largest duration
        {"-2562047h47m16.854775808s", INT64_MIN},  // the smallest duration
        {"", std::nullopt},                        // empty
        {"4", std::nullopt},                       // a number without a unit
        {"4x", std::nullopt},                      // an unknown unit
        {"h", std::nullopt},                       // a unit without a number
        {".s", std::nullopt},                      // a dot without digits
        {"1h 30m", std::nullopt},                  // spaces are not allowed
        {"2562048h", std::nullopt},                // overflow
        {"-", std::nullopt},                       // a sign alone
        {"1H", std::nullopt},                      // units are case-sensitive
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(parse_go_duration(c.text) == c.expected);
    }
}

TEST_CASE("format_go_duration prints what Go's Duration.String prints") {
    const std::pair<int64_t, std::string_view> cases[] = {
        {0, "0s"},                                 // zero
        {4 * 3600 * second, "4h0m0s"},             // hours keep zero minutes and seconds
        {90 * second, "1m30s"},                    // minutes and seconds
        {3 * second / 2, "1.5s"},                  // fractions of a second
        {300'000'000, "300ms"},                    // below a second: milliseconds
        {1'500'000, "1.5ms"},                      // fractional milliseconds
        {2'000, "2\xc2\xb5s"},                     // microseconds with the micro sign
        {7, "7ns"},                                // nanoseconds
        {-60 * second, "-1m0s"},                   // negative
        {INT64_MIN, "-2562047h47m16.854775808s"},  // the smallest duration
    };
    for (const auto& [ns, text] : cases) {
        CAPTURE(text);
        CHECK(format_go_duration(ns) == text);
    }
}
