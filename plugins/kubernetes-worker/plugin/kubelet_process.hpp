// The running kubelet, found through /proc of the target.
#ifndef SCANNER_KUBERNETES_WORKER_KUBELET_PROCESS_HPP
#define SCANNER_KUBERNETES_WORKER_KUBELET_PROCESS_HPP

#include <scanner/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

namespace scanner::kubernetes_worker {

struct kubelet_process {
    std::string pid;
    std::vector<std::string> args;  // the arguments after the program name
    std::string source;             // "/proc/<pid>/cmdline"
    size_t others = 0;              // further kubelet processes, ignored
};

/// The kubelet process with the lowest pid: a /proc/<pid> whose comm is "kubelet" and whose
/// cmdline (NUL-separated) can be read. Empty when /proc is absent (a root directory without a
/// persisted /proc) or no kubelet runs. Searched once per scan (sdk::context::scan_id).
std::optional<kubelet_process> find_kubelet_process(const sdk::context& ctx);

}  // namespace scanner::kubernetes_worker

#endif
