// Kernel parameters (sysctls) as the benchmark requires them: exact integer values, read from
// /proc/sys, never matched as text (so "10" is not "1").
#ifndef BOTTLEROCKET_OS_SYSCTL_SETTING_HPP
#define BOTTLEROCKET_OS_SYSCTL_SETTING_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "verdict.hpp"

namespace bottlerocket_os {

/// A sysctl and the value the benchmark requires of it.
struct sysctl_requirement {
    std::string_view name;  // dotted, "fs.suid_dumpable"
    int64_t expected;
};

/// What reading a sysctl gave: its value, or the errno value that explains why there is none.
struct sysctl_reading {
    std::string value;
    int error = 0;
};

/// Where the kernel exposes `name`: "fs.suid_dumpable" -> "/proc/sys/fs/suid_dumpable".
std::string sysctl_path(std::string_view name);

/// The integer a sysctl file holds ("1\n", " 2 "), or nothing when it is not one integer.
std::optional<int64_t> parse_sysctl_integer(std::string_view value);

/// Judges one reading against its requirement into `out`: evidence always, a failure when the
/// value differs, an unknown when it could not be read or parsed. `live` words the reason for
/// a sysctl that is absent under a root directory, where it is only known at run time.
void judge_sysctl(const sysctl_requirement& requirement, const sysctl_reading& reading, bool live,
                  findings& out);

}  // namespace bottlerocket_os

#endif
