// Finding the kubelet's real configuration on the target, through the host's context only:
// the running kubelet's command line, else its systemd unit, else a known distribution layout.
#ifndef SCANNER_KUBERNETES_WORKER_KUBELET_DISCOVERY_HPP
#define SCANNER_KUBERNETES_WORKER_KUBELET_DISCOVERY_HPP

#include <scanner/plugin.hpp>

#include <optional>
#include <string>
#include <vector>

#include "logic/kubelet_settings.hpp"
#include "logic/permission_judges.hpp"
#include "logic/verdict.hpp"

namespace scanner::kubernetes_worker {

/// Where kube-proxy's configuration is on Bottlerocket; the kube-proxy checks are automatic
/// only where it exists (as in Bottlerocket's report).
inline constexpr std::string_view kube_proxy_config_path =
    "/etc/kubernetes/kube-proxy/kube-proxy.conf";

/// What the checks know about the kubelet of the target.
struct kubelet_facts {
    bool found = false;                    // a command line or a configuration file was found
    std::string not_found_reason;          // when !found: "no kubelet configuration found: ..."
    std::vector<evidence_entry> evidence;  // where the command line and files came from

    std::optional<std::string> command_line_source;  // "/proc/812/cmdline", "ExecStart= in ..."
    std::optional<std::string> service_file;  // the unit file holding the effective ExecStart=
    std::string service_not_found_reason;     // when service_file is empty

    std::optional<std::string> config_path;  // --config, or a known layout's file
    std::vector<std::string> drop_in_paths;  // --config-dir files, in merge order
    std::optional<std::string> kubeconfig_path;
    bool standalone = false;                    // the command line is known and has no --kubeconfig
    std::optional<std::string> bootstrap_flag;  // "--bootstrap-kubeconfig=..." as given
    std::optional<std::string> hostname_override;  // "--hostname-override=..." as given

    std::optional<kubelet_settings> settings;  // empty when something could not be read
    std::string settings_error;                // why settings is empty
};

/// Looks for the kubelet in this order: a process whose /proc/<pid>/comm is "kubelet" (on a
/// live target; under a root directory only a persisted /proc counts); kubelet.service and its
/// kubelet.service.d/*.conf drop-ins in systemd's unit directories (ExecStart=, Environment=,
/// EnvironmentFile=); then the files of the Bottlerocket, kubeadm and EKS layouts. Reads and
/// parses the configuration the command line names, with its drop-ins.
kubelet_facts discover_kubelet(const sdk::context& ctx);

}  // namespace scanner::kubernetes_worker

#endif
