// kube-proxy's configuration file (KubeProxyConfiguration), as far as the benchmark reads it.
#ifndef SCANNER_KUBERNETES_WORKER_KUBE_PROXY_CONFIG_HPP
#define SCANNER_KUBERNETES_WORKER_KUBE_PROXY_CONFIG_HPP

#include <optional>
#include <string>
#include <string_view>

#include "logic/kubelet_config_file.hpp"
#include "logic/parse_result.hpp"

namespace scanner::kubernetes_worker {

/// kube-proxy's default metricsBindAddress (its v1alpha1 defaults): loopback only.
inline constexpr std::string_view kube_proxy_default_metrics_bind_address = "127.0.0.1:10249";

struct kube_proxy_config {
    std::optional<config_value<std::string>> metrics_bind_address;  // metricsBindAddress
};

/// Reads metricsBindAddress from a kube-proxy configuration (YAML or JSON). A file without the
/// field (a kubeconfig, or a configuration relying on the default) parses with it empty.
/// Refused with the line: syntax errors, invalid UTF-8, no or several documents, a top level
/// that is not a mapping, a metricsBindAddress that is not a string.
parse_result<kube_proxy_config> parse_kube_proxy_config(std::string_view text);

/// True when `address` ("host:port", "[v6]:port" or a bare host) binds every interface:
/// 0.0.0.0, ::, or an empty host.
bool binds_all_interfaces(std::string_view address);

}  // namespace scanner::kubernetes_worker

#endif
