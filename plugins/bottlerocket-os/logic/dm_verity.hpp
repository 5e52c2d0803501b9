// dm-verity on the root filesystem, read from the kernel command line: the kernel mounts
// root=/dev/dm-0, and dm-mod.create builds that device as a read-only verity target that restarts
// the machine on corruption (Bottlerocket's boot configuration; CIS Bottlerocket 1.3.1).
#ifndef BOTTLEROCKET_OS_DM_VERITY_HPP
#define BOTTLEROCKET_OS_DM_VERITY_HPP

#include <string>
#include <string_view>
#include <vector>

#include "verdict.hpp"

namespace bottlerocket_os {

/// One kernel parameter: "root=/dev/dm-0" -> {"root", "/dev/dm-0", true}.
struct kernel_parameter {
    std::string name;
    std::string value;
    bool has_value = false;
};

/// The kernel's own parameters of a command line, as the kernel splits them: whitespace outside
/// double quotes separates, quotes are removed, and everything after "--" belongs to init.
std::vector<kernel_parameter> parse_kernel_cmdline(std::string_view cmdline);

/// Judges a kernel command line (read from `source`) into `out`.
void judge_dm_verity(std::string_view cmdline, std::string_view source, findings& out);

}  // namespace bottlerocket_os

#endif
