// The kubelet's command line, read as its flag parser (spf13/pflag) reads it.
#ifndef SCANNER_KUBERNETES_WORKER_KUBELET_FLAGS_HPP
#define SCANNER_KUBERNETES_WORKER_KUBELET_FLAGS_HPP

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "logic/parse_result.hpp"

namespace scanner::kubernetes_worker {

/// A flag's value and the argument it came from, e.g. "--read-only-port=0".
template <class T>
struct flag_value {
    T value{};
    std::string text;
};

/// The kubelet flags the worker-node checks need; a flag not given stays empty.
struct kubelet_flags {
    std::optional<flag_value<std::string>> config;                         // --config
    std::optional<flag_value<std::string>> config_dir;                     // --config-dir
    std::optional<flag_value<std::string>> kubeconfig;                     // --kubeconfig
    std::optional<flag_value<std::string>> bootstrap_kubeconfig;           // --bootstrap-kubeconfig
    std::optional<flag_value<std::string>> hostname_override;              // --hostname-override
    std::optional<flag_value<bool>> anonymous_auth;                        // --anonymous-auth
    std::optional<flag_value<std::string>> authorization_mode;             // --authorization-mode
    std::optional<flag_value<std::string>> client_ca_file;                 // --client-ca-file
    std::optional<flag_value<int64_t>> read_only_port;                     // --read-only-port
    std::optional<flag_value<int64_t>> streaming_connection_idle_timeout;  // nanoseconds
    std::optional<flag_value<bool>> make_iptables_util_chains;    // --make-iptables-util-chains
    std::optional<flag_value<std::string>> tls_cert_file;         // --tls-cert-file
    std::optional<flag_value<std::string>> tls_private_key_file;  // --tls-private-key-file
    std::optional<flag_value<bool>> rotate_server_certificates;   // --rotate-server-certificates
    std::optional<flag_value<bool>> rotate_certificates;          // --rotate-certificates
    std::optional<flag_value<std::vector<std::string>>> tls_cipher_suites;  // --tls-cipher-suites
    std::optional<flag_value<int64_t>> pod_max_pids;                        // --pod-max-pids
    std::optional<flag_value<bool>> seccomp_default;                        // --seccomp-default
    std::map<std::string, flag_value<bool>> feature_gates;                  // --feature-gates
    std::vector<std::string> positional;  // words that are no flag's value (the kubelet refuses
                                          // them; a wrapper's own arguments end up here too)
};

/// Parses the arguments after the program name. Accepts `--flag=value` and `--flag value`,
/// `--flag` alone for boolean flags, `_` for `-` in names, repeated flags (the last wins;
/// feature gates and cipher suites accumulate as in pflag), `--` to end the flags. A value the
/// kubelet would refuse (`--read-only-port=abc`, `--anonymous-auth=maybe`) is an error naming
/// the argument.
parse_result<kubelet_flags> parse_kubelet_flags(const std::vector<std::string>& args);

}  // namespace scanner::kubernetes_worker

#endif
