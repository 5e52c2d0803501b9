// The check model: what a check is, and what running it produced.
#ifndef SCANNER_CORE_CHECK_HPP
#define SCANNER_CORE_CHECK_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::core {

enum class status { pass, fail, skip, error };
enum class check_mode { automatic, manual };

/// "PASS", "FAIL", "SKIP" or "ERROR".
std::string_view to_string(status s);
/// "Automatic" or "Manual".
std::string_view to_string(check_mode m);
std::optional<status> parse_status(std::string_view text);
/// Prints to_string's words, so that a failed test assertion on a status or mode is readable.
std::ostream& operator<<(std::ostream& out, status s);
std::ostream& operator<<(std::ostream& out, check_mode m);

struct benchmark_info {
    std::string name;
    std::string version;
    std::string url;

    friend bool operator==(const benchmark_info&, const benchmark_info&) = default;
};

/// A registered check, as copied from the plugin's definition.
struct check_info {
    std::string name;  // unique key, e.g. "br01040100"
    std::string id;    // the benchmark's id, e.g. "1.4.1"
    std::string title;
    benchmark_info benchmark;
    uint32_t level = 1;
    check_mode mode = check_mode::automatic;
    std::string remediation;
    std::string plugin_id;
    std::string plugin_version;
};

/// One observation a check recorded: where, and what it saw there.
struct evidence {
    std::string source;
    std::string observed;

    friend bool operator==(const evidence&, const evidence&) = default;
};

inline constexpr std::size_t max_recorded_accesses = 32;

struct check_result {
    status verdict = status::error;
    std::string reason;
    std::vector<evidence> observations;
    /// Every target access the check made ("read /etc/chrony.conf: 120 bytes"), the first
    /// max_recorded_accesses of them, then one line counting the rest.
    std::vector<std::string> accesses;
    std::vector<std::string> notes;
    std::vector<std::string> benchmark_notes;
    std::optional<check_mode> mode;  // set when the check changed the mode shown for it
    std::chrono::nanoseconds duration{0};
};

/// Orders benchmark ids numerically per component: "1.2" < "1.10" < "2".
bool id_less(std::string_view a, std::string_view b);

}  // namespace scanner::core

#endif
