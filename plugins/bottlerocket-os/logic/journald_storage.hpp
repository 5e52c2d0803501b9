// journald's effective Storage= setting, resolved the way systemd reads journald.conf: the main
// file, then the drop-ins of journald.conf.d (a name in /etc hides it in /run, /run hides
// /usr/local/lib, which hides /usr/lib) in lexical order of name; the last valid assignment in
// the [Journal] section wins.
#ifndef BOTTLEROCKET_OS_JOURNALD_STORAGE_HPP
#define BOTTLEROCKET_OS_JOURNALD_STORAGE_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config_text.hpp"
#include "verdict.hpp"

namespace bottlerocket_os {

inline constexpr std::string_view journald_main_config = "/etc/systemd/journald.conf";

/// The journald.conf.d directories in systemd's priority order (highest first).
inline constexpr std::string_view journald_dropin_dirs[] = {
    "/etc/systemd/journald.conf.d", "/run/systemd/journald.conf.d",
    "/usr/local/lib/systemd/journald.conf.d", "/usr/lib/systemd/journald.conf.d"};

/// One Storage= line of the [Journal] section.
struct storage_assignment {
    std::string value;
    bool valid = false;  // volatile, persistent, auto or none; systemd ignores anything else
    std::string path;
    int line = 0;
};

/// The Storage= assignments of one file's [Journal] section, in order. Lines starting with # or
/// ; are comments; a trailing backslash joins the next line.
std::vector<storage_assignment> parse_journald_storage(std::string_view text,
                                                       std::string_view path);

/// What the files say, applied in order.
struct journald_storage {
    std::optional<storage_assignment> effective;  // the last valid assignment
    std::vector<storage_assignment> ignored;      // invalid values systemd skips
    std::vector<config_text> unreadable;          // files applied after `effective`
};

/// Resolves the files (in the order systemd applies them; absent ones carry ENOENT and are
/// skipped, as systemd skips them).
journald_storage resolve_journald_storage(const std::vector<config_text>& files);

/// Judges Storage=persistent into `out`; unset means journald's default, auto.
void judge_journald_storage(const journald_storage& storage, findings& out);

}  // namespace bottlerocket_os

#endif
