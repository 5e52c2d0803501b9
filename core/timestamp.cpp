#include "core/timestamp.hpp"

#include <fmt/format.h>

#include <ctime>

namespace scanner::core {

std::string format_timestamp(std::chrono::system_clock::time_point t) {
    auto since_epoch = t.time_since_epoch();
    auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
    long long nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count();
    std::time_t whole = static_cast<std::time_t>(seconds.count());
    std::tm utc{};
    ::gmtime_r(&whole, &utc);

    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
    std::string fraction;
    if (nanos == 0) {
        // whole seconds print no fraction
    } else if (nanos % 1'000'000 == 0) {
        fraction = fmt::format(".{:03}", nanos / 1'000'000);
    } else if (nanos % 1'000 == 0) {
        fraction = fmt::format(".{:06}", nanos / 1'000);
    } else {
        fraction = fmt::format(".{:09}", nanos);
    }
    return std::string(date) + fraction + "Z";
}

}  // namespace scanner::core
