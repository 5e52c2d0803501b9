// Conformance checking of one plugin file (scanner plugins --verify FILE), for a vendor's CI.
#ifndef SCANNER_HOST_PLUGIN_VERIFY_HPP
#define SCANNER_HOST_PLUGIN_VERIFY_HPP

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/process_runner.hpp"

namespace scanner::host {

/// What verify_plugin found.
struct verification {
    std::string plugin_id;  // empty when the descriptor could not be read
    std::string plugin_version;
    uint32_t abi_major = 0;
    uint32_t abi_minor = 0;
    std::size_t check_count = 0;        // checks registered validly
    std::vector<std::string> problems;  // one line each; empty when the plugin conforms
};

/// Loads `file` as a scan would, beside `other_plugins` (the installed ones, so that clashing
/// plugin ids, aliases and check names show), and lists every conformance problem: unsafe owner
/// or mode of the file and its directory, each reason the host would refuse the plugin, checks
/// without remediation, and checks that throw, return without reporting, report an invalid status
/// or a non-PASS status without a reason when run once against an empty root directory. Other
/// plugins of the same file name as `file` are passed over: installing `file` replaces them.
/// Each check runs in a child process of its own, so one that crashes, exits or outlives
/// `limits.check_timeout` is a problem listed (with how it ended), and the others still run;
/// what checks write to stdout goes to stderr, keeping the list clean.
verification verify_plugin(const std::filesystem::path& file,
                           const std::vector<std::filesystem::path>& other_plugins,
                           const core::isolation_limits& limits = {});

/// scanner plugins --verify FILE: verifies `file` beside `other_plugins` and prints one line per
/// problem to `out`, or a one-line summary when there is none. Returns the exit code: 0 when the
/// plugin conforms, 1 when it has problems, 2 when `file` does not exist or cannot be verified
/// (said on `err`).
int verify_command(const std::filesystem::path& file,
                   const std::vector<std::filesystem::path>& other_plugins, std::ostream& out,
                   std::ostream& err, const core::isolation_limits& limits = {});

}  // namespace scanner::host

#endif
