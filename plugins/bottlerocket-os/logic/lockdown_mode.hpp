// The kernel lockdown LSM's mode, from securityfs: /sys/kernel/security/lockdown lists the modes
// with the active one in brackets, "none [integrity] confidentiality".
#ifndef BOTTLEROCKET_OS_LOCKDOWN_MODE_HPP
#define BOTTLEROCKET_OS_LOCKDOWN_MODE_HPP

#include <optional>
#include <string>
#include <string_view>

#include "config_text.hpp"
#include "verdict.hpp"

namespace bottlerocket_os {

inline constexpr std::string_view lockdown_path = "/sys/kernel/security/lockdown";
inline constexpr std::string_view lsm_path = "/sys/kernel/security/lsm";

/// The bracketed (active) mode of a lockdown file, or nothing when there is not exactly one.
std::optional<std::string> parse_lockdown_mode(std::string_view text);

/// True when the comma-separated LSM list of /sys/kernel/security/lsm names "lockdown".
bool lsm_list_has_lockdown(std::string_view text);

/// Judges lockdown into `out`: PASS only for integrity, which is the mode the benchmark's audit
/// expects. `lsm` is consulted when the lockdown file is absent on a live host, to tell a kernel
/// without the lockdown LSM (FAIL) from securityfs not being mounted (unknown).
void judge_lockdown(const config_text& lockdown, const config_text& lsm, bool live, findings& out);

}  // namespace bottlerocket_os

#endif
