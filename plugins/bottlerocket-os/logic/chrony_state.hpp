// Time synchronisation by chrony (CIS Bottlerocket 2.1.1.1): /etc/chrony.conf names a time source
// with a `pool` or `server` directive, and chronyd runs (live) or is enabled (under a root).
#ifndef BOTTLEROCKET_OS_CHRONY_STATE_HPP
#define BOTTLEROCKET_OS_CHRONY_STATE_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config_text.hpp"
#include "verdict.hpp"

namespace bottlerocket_os {

inline constexpr std::string_view chrony_config_path = "/etc/chrony.conf";

/// One time source directive of chrony.conf.
struct chrony_source {
    std::string directive;  // "pool" or "server", lower-cased
    std::string address;
    int line = 0;
};

/// The `pool` and `server` directives of a chrony.conf, as chronyd reads them: directive names
/// are case-insensitive, a line whose first non-blank character is #, %, ; or ! is a comment, and
/// a directive without an address is not a source.
std::vector<chrony_source> parse_chrony_sources(std::string_view text);

/// Judges the configuration into `out`: unreadable is unknown, no source is a FAIL.
void judge_chrony_config(const config_text& config, findings& out);

/// What the process table showed (live, or a process table captured under a root).
struct chronyd_process_scan {
    int error = 0;              // listing /proc failed
    std::size_t processes = 0;  // process directories seen
    std::string chronyd_pid;    // empty when no process is named chronyd
    std::string init_comm;      // /proc/1/comm, empty when unreadable
};

/// Judges a running chronyd into `out`. A process table whose PID 1 is not an init (the scanner
/// runs in its own PID namespace) cannot show chronyd's absence: that is unknown, not a FAIL.
void judge_chronyd_running(const chronyd_process_scan& scan, findings& out);

/// Unit directories in systemd's priority order (highest first).
inline constexpr std::string_view unit_dirs[] = {"/etc/systemd/system", "/run/systemd/system",
                                                 "/usr/lib/systemd/system", "/lib/systemd/system"};

/// What the unit directories of a root showed (offline).
struct chronyd_unit_scan {
    std::string unit_file;                // where chronyd.service was found, empty when nowhere
    bool masked = false;                  // the unit file found first links to /dev/null or nowhere
    std::string wants_link;               // a *.wants/ or *.requires/ entry for it, empty when none
    std::vector<std::string> unreadable;  // directories that could not be listed, with errno text
};

/// Judges an enabled chronyd.service into `out` (under a root directory, where running
/// processes are not known).
void judge_chronyd_enabled(const chronyd_unit_scan& scan, findings& out);

}  // namespace bottlerocket_os

#endif
