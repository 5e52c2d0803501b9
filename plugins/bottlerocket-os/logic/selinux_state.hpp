// SELinux as `sestatus` would show it, read from the files that hold the same facts.
//
// bloodhound's seven sestatus lines and where each fact lives:
//   SELinux status: enabled            selinuxfs is mounted: /sys/fs/selinux/enforce exists
//   Loaded policy name: fortified      SELINUXTYPE= in /etc/selinux/config (libselinux's
//                                      selinux_getpolicytype(), which sestatus prints, reads it
//                                      there; the kernel does not expose a policy name)
//   Current mode: enforcing            /sys/fs/selinux/enforce = 1
//   Mode from config file: enforcing   SELINUX= in /etc/selinux/config
//   Policy MLS status: enabled         /sys/fs/selinux/mls = 1
//   Policy deny_unknown status: denied /sys/fs/selinux/deny_unknown = 1
//   Memory protection checking: actual /sys/fs/selinux/checkreqprot = 0
//   (secure)
#ifndef BOTTLEROCKET_OS_SELINUX_STATE_HPP
#define BOTTLEROCKET_OS_SELINUX_STATE_HPP

#include <optional>
#include <string>
#include <string_view>

#include "config_text.hpp"
#include "verdict.hpp"

namespace bottlerocket_os {

inline constexpr std::string_view selinux_config_path = "/etc/selinux/config";
inline constexpr std::string_view selinuxfs_dir = "/sys/fs/selinux";

/// What /etc/selinux/config says, read the way libselinux reads it.
struct selinux_config {
    std::optional<std::string> mode;         // SELINUX=: first recognised value, lower-cased
    std::optional<std::string> policy_type;  // SELINUXTYPE=: last assignment
};

/// Parses /etc/selinux/config. SELINUX= counts only at the start of a line and only with a
/// value beginning enforcing, permissive or disabled (first such line wins, case-insensitive);
/// SELINUXTYPE= may be indented, its key is case-insensitive and the last one wins.
selinux_config parse_selinux_config(std::string_view text);

/// The files of selinuxfs the judge reads, each as text or errno.
struct selinuxfs_readings {
    config_text enforce;
    config_text mls;
    config_text deny_unknown;
    config_text checkreqprot;
    config_text policyvers;
};

/// Judges the seven conditions into `out`. `live` words the reason when selinuxfs is absent:
/// on a live host that means SELinux is disabled, under a root directory it is only unknown.
void judge_selinux(const config_text& config, const selinuxfs_readings& fs, bool live,
                   findings& out);

}  // namespace bottlerocket_os

#endif
