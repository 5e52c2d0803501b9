#ifndef SCANNER_CORE_TIMESTAMP_HPP
#define SCANNER_CORE_TIMESTAMP_HPP

#include <chrono>
#include <string>

namespace scanner::core {

/// RFC 3339 in UTC as Bottlerocket's report prints it: the fraction has 0, 3, 6 or 9 digits,
/// the fewest that show the time exactly ("2023-11-20T12:17:08.379361248Z").
std::string format_timestamp(std::chrono::system_clock::time_point t);

}  // namespace scanner::core

#endif
