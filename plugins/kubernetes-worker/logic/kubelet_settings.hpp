// The kubelet's effective settings: its defaults, overlaid with the --config file, the
// --config-dir drop-ins and the command-line flags, in the order the kubelet applies them.
#ifndef SCANNER_KUBERNETES_WORKER_KUBELET_SETTINGS_HPP
#define SCANNER_KUBERNETES_WORKER_KUBELET_SETTINGS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logic/kubelet_config_file.hpp"
#include "logic/kubelet_flags.hpp"

namespace scanner::kubernetes_worker {

enum class origin_kind { config_file, config_drop_in, command_line, kubelet_default };

/// Where an effective setting comes from.
struct setting_origin {
    origin_kind kind = origin_kind::kubelet_default;
    std::string source;  // the file, or where the command line was read; for a default, the
                         // --config file that leaves the field unset ("" without --config)
    int line = 0;        // 1-based line in a file, 0 otherwise
    std::string text;    // as written: "0s", "--anonymous-auth=true"
};

/// One effective setting and its origin.
template <class T>
struct setting {
    T value{};
    setting_origin origin;
};

/// The settings the worker-node checks judge. Paths are absolute: a relative path in the
/// --config file is taken from that file's directory, as the kubelet does; a relative path
/// elsewhere from "/", the working directory systemd gives services.
struct kubelet_settings {
    bool uses_config_file = false;  // --config given: the v1beta1 defaults, else the legacy ones
    setting<bool> anonymous_auth;
    setting<std::string> authorization_mode;
    setting<std::string> client_ca_file;
    setting<int64_t> read_only_port;
    setting<int64_t> streaming_connection_idle_timeout;     // nanoseconds
    std::optional<setting_origin> streaming_zero_replaced;  // a 0 in --config the default replaced
    setting<bool> make_iptables_util_chains;
    setting<std::string> tls_cert_file;
    setting<std::string> tls_private_key_file;
    setting<bool> server_tls_bootstrap;
    setting<bool> rotate_certificates;
    setting<bool> rotate_kubelet_server_certificate;                     // the feature gate
    setting<std::optional<std::vector<std::string>>> tls_cipher_suites;  // nullopt: Go's defaults
    setting<int64_t> pod_pids_limit;
    setting<bool> seccomp_default;
};

/// A parsed KubeletConfiguration file and its path on the target.
struct located_config {
    std::string path;
    kubelet_config_file config;
};

/// Parsed kubelet flags and where they were read ("/proc/812/cmdline", a unit file).
struct located_flags {
    std::string source;
    kubelet_flags flags;
};

/// Applies, in the kubelet's order: the defaults (v1beta1 defaults with a --config file, the
/// kubelet's legacy command-line defaults without one: anonymous auth on, AlwaysAllow,
/// read-only port 10255), the --config file (where a zero streamingConnectionIdleTimeout is
/// replaced by the 4h default), the drop-ins in order (values taken as written), then the
/// flags. Any argument may be absent.
kubelet_settings resolve_kubelet_settings(const located_config* file,
                                          const std::vector<located_config>& drop_ins,
                                          const located_flags* command_line);

/// How a setting is named in the configuration file and on the command line.
struct setting_names {
    std::string_view key;   // "authentication.anonymous.enabled"
    std::string_view flag;  // "--anonymous-auth"
};

/// A sentence part naming where a value comes from, e.g.
/// "authentication.anonymous.enabled: true (/etc/kubernetes/kubelet/config line 4)",
/// "--anonymous-auth=true on the kubelet command line (/proc/812/cmdline)",
/// "readOnlyPort is not set in /etc/kubernetes/kubelet/config; the kubelet default is 0".
std::string describe_origin(const setting_origin& origin, const setting_names& names,
                            std::string_view value);

/// The evidence pair for a setting: source ("/etc/kubernetes/kubelet/config:4", "kubelet
/// command line (/proc/812/cmdline)", "kubelet default") and what was observed there.
std::pair<std::string, std::string> evidence_of(const setting_origin& origin,
                                                const setting_names& names, std::string_view value);

}  // namespace scanner::kubernetes_worker

#endif
