// The kubelet's systemd unit on the target: kubelet.service and its drop-ins.
#ifndef SCANNER_KUBERNETES_WORKER_KUBELET_UNIT_HPP
#define SCANNER_KUBERNETES_WORKER_KUBELET_UNIT_HPP

#include <scanner/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace scanner::kubernetes_worker {

/// systemd's unit directories, highest precedence first.
inline constexpr const char* unit_directories[] = {
    "/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system",
    "/usr/lib/systemd/system", "/lib/systemd/system"};

struct kubelet_unit {
    std::vector<std::string> files;        // unit file and drop-ins read, in applied order
    std::optional<std::string> exec_file;  // the file holding the effective ExecStart=
    int exec_line = 0;
    std::vector<std::string> args;               // the kubelet's arguments from that ExecStart=
    std::vector<std::string> unresolved;         // variables the unit uses but does not set
    std::vector<std::string> environment_files;  // EnvironmentFile= files read
    std::string error;                           // an ExecStart= that cannot be split
};

/// Reads kubelet.service (the first of unit_directories that has it; a unit masked by a link
/// to /dev/null, or any link that does not resolve, hides the whole unit) and
/// kubelet.service.d/*.conf of every unit directory (a name in a higher directory hides the same
/// name below), applies them in name order, reads the EnvironmentFile= files (a leading `-` makes
/// one optional) and expands the ExecStart= the kubelet starts with. The arguments are those after
/// the word naming the kubelet binary (or after the program, when no word does).
kubelet_unit read_kubelet_unit(const sdk::context& ctx);

/// "kubelet.service or kubelet.service.d/*.conf under /etc/systemd/system, ...": for messages.
std::string describe_unit_search();

}  // namespace scanner::kubernetes_worker

#endif
