// Benchmark 4.2.x and 4.3.1: verdicts on the kubelet's (and kube-proxy's) effective settings.
#ifndef SCANNER_KUBERNETES_WORKER_KUBELET_JUDGES_HPP
#define SCANNER_KUBERNETES_WORKER_KUBELET_JUDGES_HPP

#include <optional>
#include <string>

#include "logic/kube_proxy_config.hpp"
#include "logic/kubeconfig.hpp"
#include "logic/kubelet_settings.hpp"
#include "logic/permission_judges.hpp"
#include "logic/verdict.hpp"

namespace scanner::kubernetes_worker {

/// 4.2.1: anonymous requests to the kubelet must be refused.
verdict judge_anonymous_auth(const kubelet_settings& s);

/// 4.2.2: the authorization mode must not be AlwaysAllow.
verdict judge_authorization_mode(const kubelet_settings& s);

/// 4.2.3: clientCAFile must be set and name an existing file; `ca` is stat of that path
/// (ignored when the setting is empty).
verdict judge_client_ca_file(const kubelet_settings& s, const file_facts& ca);

/// 4.2.4: the unauthenticated read-only port must be 0 (disabled).
verdict judge_read_only_port(const kubelet_settings& s);

/// 4.2.5: streaming connections must time out (a timeout of 0 disables it).
verdict judge_streaming_connection_idle_timeout(const kubelet_settings& s);

/// 4.2.6: the kubelet must manage its iptables utility chains.
verdict judge_make_iptables_util_chains(const kubelet_settings& s);

/// 4.2.9: the kubelet must serve TLS with a certificate it was given: both files set and
/// present, or neither set while serverTLSBootstrap has it request one from the cluster.
verdict judge_tls_files(const kubelet_settings& s, const file_facts& cert, const file_facts& key);

/// How the kubelet authenticates to the API server, for 4.2.10.
struct client_credentials {
    std::string kubeconfig_path;                // "" in standalone mode
    std::optional<kubeconfig_user> user;        // when the kubeconfig could be read
    std::string unknown_reason;                 // why `user` is empty
    std::optional<std::string> bootstrap_flag;  // "--bootstrap-kubeconfig=..." when given
};

/// 4.2.10: client certificates must rotate. Not applicable (SKIP) when the kubelet
/// authenticates with an exec credential plugin or a token and never bootstraps a client
/// certificate: there is no certificate to rotate.
verdict judge_rotate_certificates(const kubelet_settings& s, const client_credentials& creds);

/// 4.2.11: the RotateKubeletServerCertificate feature gate must be on.
verdict judge_rotate_server_certificate_gate(const kubelet_settings& s);

/// 4.2.12: only the benchmark's strong cipher suites; unset means Go's defaults, which are not.
verdict judge_tls_cipher_suites(const kubelet_settings& s);

/// 4.2.13: pods must have a PID limit (podPidsLimit > 0).
verdict judge_pod_pids_limit(const kubelet_settings& s);

/// 4.2.14: RuntimeDefault must be the default seccomp profile.
verdict judge_seccomp_default(const kubelet_settings& s);

/// 4.3.1: kube-proxy's metrics endpoint must bind to loopback only.
verdict judge_metrics_bind_address(const kube_proxy_config& config, const std::string& path);

}  // namespace scanner::kubernetes_worker

#endif
