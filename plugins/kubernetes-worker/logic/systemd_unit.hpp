// The [Service] section of a systemd unit and its drop-ins, as systemd combines them: which
// ExecStart= is in effect and which Environment=/EnvironmentFile= settings apply to it.
#ifndef SCANNER_KUBERNETES_WORKER_SYSTEMD_UNIT_HPP
#define SCANNER_KUBERNETES_WORKER_SYSTEMD_UNIT_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::kubernetes_worker {

/// One `Key=value` line of a [Service] section, continuation lines joined.
struct unit_directive {
    std::string key;
    std::string value;
    std::string file;  // the unit file or drop-in it is written in
    int line = 0;      // 1-based line where the directive starts
};

/// The [Service] directives of one unit file, in order. Comment lines (`#`, `;`) are skipped,
/// also inside a continuation; a trailing `\` joins the next line with a space, as in systemd.
std::vector<unit_directive> parse_service_directives(std::string_view text, std::string_view file);

/// A unit file's content with its path, in the order systemd applies them (unit, then drop-ins
/// sorted by file name).
struct unit_file_text {
    std::string path;
    std::string text;
};

/// What the combined unit says about starting the service.
struct service_plan {
    std::optional<unit_directive> exec_start;  // the ExecStart= in effect, if any
    size_t exec_start_count = 0;               // how many remain after resets (systemd wants 1)
    std::vector<unit_directive> environment;   // Environment= lines after the last reset
    std::vector<unit_directive> environment_files;  // EnvironmentFile= lines after the last reset
};

/// Applies the files in order: an empty `ExecStart=` (or `Environment=`, `EnvironmentFile=`)
/// clears what came before it, a non-empty one adds to it.
service_plan plan_service(const std::vector<unit_file_text>& files);

}  // namespace scanner::kubernetes_worker

#endif
