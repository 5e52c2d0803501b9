// The run functions of the worker-node checks, one per recommendation.
#ifndef SCANNER_KUBERNETES_WORKER_CHECK_RUNS_HPP
#define SCANNER_KUBERNETES_WORKER_CHECK_RUNS_HPP

#include <scanner/plugin.hpp>

namespace scanner::kubernetes_worker {

// 4.1: configuration files (file_checks.cpp, kube_proxy_checks.cpp).
void run_service_file_permissions(const sdk::context& ctx);      // 4.1.1
void run_service_file_ownership(const sdk::context& ctx);        // 4.1.2
void run_proxy_kubeconfig_permissions(const sdk::context& ctx);  // 4.1.3
void run_proxy_kubeconfig_ownership(const sdk::context& ctx);    // 4.1.4
void run_kubeconfig_permissions(const sdk::context& ctx);        // 4.1.5
void run_kubeconfig_ownership(const sdk::context& ctx);          // 4.1.6
void run_client_ca_permissions(const sdk::context& ctx);         // 4.1.7
void run_client_ca_ownership(const sdk::context& ctx);           // 4.1.8
void run_config_file_permissions(const sdk::context& ctx);       // 4.1.9
void run_config_file_ownership(const sdk::context& ctx);         // 4.1.10

// 4.2: the kubelet (kubelet_checks.cpp).
void run_anonymous_auth(const sdk::context& ctx);                     // 4.2.1
void run_authorization_mode(const sdk::context& ctx);                 // 4.2.2
void run_client_ca_file(const sdk::context& ctx);                     // 4.2.3
void run_read_only_port(const sdk::context& ctx);                     // 4.2.4
void run_streaming_connection_idle_timeout(const sdk::context& ctx);  // 4.2.5
void run_make_iptables_util_chains(const sdk::context& ctx);          // 4.2.6
void run_hostname_override(const sdk::context& ctx);                  // 4.2.7
void run_manual(const sdk::context& ctx);                             // 4.2.8, 4.2.15
void run_tls_files(const sdk::context& ctx);                          // 4.2.9
void run_rotate_certificates(const sdk::context& ctx);                // 4.2.10
void run_rotate_server_certificate_gate(const sdk::context& ctx);     // 4.2.11
void run_tls_cipher_suites(const sdk::context& ctx);                  // 4.2.12
void run_pod_pids_limit(const sdk::context& ctx);                     // 4.2.13
void run_seccomp_default(const sdk::context& ctx);                    // 4.2.14

// 4.3: kube-proxy (kube_proxy_checks.cpp).
void run_proxy_metrics_bind_address(const sdk::context& ctx);  // 4.3.1

}  // namespace scanner::kubernetes_worker

#endif
