// A KubeletConfiguration file (kubelet.config.k8s.io/v1beta1, YAML or JSON), read with the
// kubelet's typing rules: the fields the worker-node checks need, each with the line it is on.
#ifndef SCANNER_KUBERNETES_WORKER_KUBELET_CONFIG_FILE_HPP
#define SCANNER_KUBERNETES_WORKER_KUBELET_CONFIG_FILE_HPP

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logic/parse_result.hpp"

namespace scanner::kubernetes_worker {

/// A value set in a configuration file: what it means, where it is, how it was written.
template <class T>
struct config_value {
    T value{};
    int line = 0;      // 1-based line of the key
    std::string text;  // the value as written ("0s", "true", "[...]" for lists)
};

/// The fields of a KubeletConfiguration the checks read; absent fields stay empty (the
/// kubelet's defaults are applied later, in kubelet_settings).
struct kubelet_config_file {
    std::optional<config_value<bool>> anonymous_auth;         // authentication.anonymous.enabled
    std::optional<config_value<std::string>> client_ca_file;  // authentication.x509.clientCAFile
    std::optional<config_value<std::string>> authorization_mode;             // authorization.mode
    std::optional<config_value<int64_t>> read_only_port;                     // readOnlyPort
    std::optional<config_value<int64_t>> streaming_connection_idle_timeout;  // nanoseconds
    std::optional<config_value<bool>> make_iptables_util_chains;    // makeIPTablesUtilChains
    std::optional<config_value<std::string>> tls_cert_file;         // tlsCertFile
    std::optional<config_value<std::string>> tls_private_key_file;  // tlsPrivateKeyFile
    std::optional<config_value<bool>> server_tls_bootstrap;         // serverTLSBootstrap
    std::optional<config_value<bool>> rotate_certificates;          // rotateCertificates
    std::optional<config_value<std::vector<std::string>>> tls_cipher_suites;  // tlsCipherSuites
    std::optional<config_value<int64_t>> pod_pids_limit;                      // podPidsLimit
    std::optional<config_value<bool>> seccomp_default;                        // seccompDefault
    std::map<std::string, config_value<bool>> feature_gates;                  // featureGates
};

/// Parses a KubeletConfiguration. Refused, with the line, as the kubelet refuses them: invalid
/// UTF-8, an empty file, several documents, a top level that is not a mapping, a missing or
/// different kind/apiVersion, and a known field of the wrong type (a quoted "true" where a
/// boolean belongs, an integer where a duration string belongs). Unknown fields are ignored,
/// as the kubelet's lenient decoding ignores them.
parse_result<kubelet_config_file> parse_kubelet_config(std::string_view text);

}  // namespace scanner::kubernetes_worker

#endif
