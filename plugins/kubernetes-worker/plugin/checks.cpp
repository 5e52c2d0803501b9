#include "plugin/checks.hpp"

#include <array>

#include "plugin/check_runs.hpp"

namespace scanner::kubernetes_worker {

namespace {

const scanner_benchmark benchmark = {
    sizeof(scanner_benchmark),
    "CIS Kubernetes Benchmark (Worker Node)",
    "v1.11.1",
    "https://www.cisecurity.org/benchmark/kubernetes",
};

constexpr uint32_t automatic = SCANNER_MODE_AUTOMATIC;
constexpr uint32_t manual = SCANNER_MODE_MANUAL;

const std::array<sdk::check, 26> checks = {{
    {"k8s04010100", "4.1.1",
     "Ensure that the kubelet service file permissions are set to 600 or more restrictive",
     &benchmark, 1, automatic,
     "Run `chmod 600` on the unit file or drop-in that holds the kubelet's ExecStart= "
     "(on Bottlerocket /etc/systemd/system/kubelet.service.d/exec-start.conf).",
     &run_service_file_permissions},
    {"k8s04010200", "4.1.2", "Ensure that the kubelet service file ownership is set to root:root",
     &benchmark, 1, automatic,
     "Run `chown root:root` on the unit file or drop-in that holds the kubelet's ExecStart=.",
     &run_service_file_ownership},
    {"k8s04010300", "4.1.3",
     "If proxy kubeconfig file exists ensure permissions are set to 600 or more restrictive",
     &benchmark, 1, automatic, "Run `chmod 600 /etc/kubernetes/kube-proxy/kube-proxy.conf`.",
     &run_proxy_kubeconfig_permissions},
    {"k8s04010400", "4.1.4", "If proxy kubeconfig file exists ensure ownership is set to root:root",
     &benchmark, 1, automatic, "Run `chown root:root /etc/kubernetes/kube-proxy/kube-proxy.conf`.",
     &run_proxy_kubeconfig_ownership},
    {"k8s04010500", "4.1.5",
     "Ensure that the --kubeconfig kubelet.conf file permissions are set to 600 or more "
     "restrictive",
     &benchmark, 1, automatic,
     "Run `chmod 600` on the file the kubelet's --kubeconfig names (on Bottlerocket "
     "/etc/kubernetes/kubelet/kubeconfig).",
     &run_kubeconfig_permissions},
    {"k8s04010600", "4.1.6",
     "Ensure that the --kubeconfig kubelet.conf file ownership is set to root:root", &benchmark, 1,
     automatic, "Run `chown root:root` on the file the kubelet's --kubeconfig names.",
     &run_kubeconfig_ownership},
    {"k8s04010700", "4.1.7",
     "Ensure that the certificate authorities file permissions are set to 644 or more "
     "restrictive",
     &benchmark, 1, automatic,
     "Run `chmod 644` on the file the kubelet's clientCAFile (--client-ca-file) names.",
     &run_client_ca_permissions},
    {"k8s04010800", "4.1.8",
     "Ensure that the client certificate authorities file ownership is set to root:root",
     &benchmark, 1, automatic,
     "Run `chown root:root` on the file the kubelet's clientCAFile (--client-ca-file) names.",
     &run_client_ca_ownership},
    {"k8s04010900", "4.1.9",
     "If the kubelet config.yaml configuration file is being used validate permissions set to "
     "600 or more restrictive",
     &benchmark, 1, automatic,
     "Run `chmod 600` on the kubelet's --config file and each --config-dir drop-in.",
     &run_config_file_permissions},
    {"k8s04011000", "4.1.10",
     "If the kubelet config.yaml configuration file is being used validate file ownership is "
     "set to root:root",
     &benchmark, 1, automatic,
     "Run `chown root:root` on the kubelet's --config file and each --config-dir drop-in.",
     &run_config_file_ownership},
    {"k8s04020100", "4.2.1", "Ensure that the --anonymous-auth argument is set to false",
     &benchmark, 1, automatic,
     "Set authentication.anonymous.enabled: false in the kubelet's --config file, remove "
     "--anonymous-auth=true from its command line, and restart the kubelet.",
     &run_anonymous_auth},
    {"k8s04020200", "4.2.2",
     "Ensure that the --authorization-mode argument is not set to AlwaysAllow", &benchmark, 1,
     automatic,
     "Set authorization.mode: Webhook in the kubelet's --config file (or "
     "--authorization-mode=Webhook) and restart the kubelet.",
     &run_authorization_mode},
    {"k8s04020300", "4.2.3", "Ensure that the --client-ca-file argument is set as appropriate",
     &benchmark, 1, automatic,
     "Set authentication.x509.clientCAFile (or --client-ca-file) to the cluster's CA bundle, "
     "make sure the file exists, and restart the kubelet.",
     &run_client_ca_file},
    {"k8s04020400", "4.2.4", "Verify that if defined, readOnlyPort is set to 0", &benchmark, 1,
     automatic,
     "Set readOnlyPort: 0 in the kubelet's --config file (or --read-only-port=0) and restart "
     "the kubelet.",
     &run_read_only_port},
    {"k8s04020500", "4.2.5",
     "Ensure that the --streaming-connection-idle-timeout argument is not set to 0", &benchmark, 1,
     automatic,
     "Remove --streaming-connection-idle-timeout=0 from the kubelet's command line, or set "
     "streamingConnectionIdleTimeout to a non-zero duration such as 5m, and restart the kubelet.",
     &run_streaming_connection_idle_timeout},
    {"k8s04020600", "4.2.6", "Ensure that the --make-iptables-util-chains argument is set to true",
     &benchmark, 1, automatic,
     "Set makeIPTablesUtilChains: true in the kubelet's --config file (or remove "
     "--make-iptables-util-chains=false) and restart the kubelet.",
     &run_make_iptables_util_chains},
    {"k8s04020700", "4.2.7",
     "Ensure that the --hostname-override argument is not set (not valid for Bottlerocket)",
     &benchmark, 1, manual,
     "Remove --hostname-override from the kubelet's command line where the platform allows it.",
     &run_hostname_override},
    {"k8s04020800", "4.2.8",
     "Ensure that the eventRecordQPS argument is set to a level which ensures appropriate event "
     "capture",
     &benchmark, 2, manual,
     "Set eventRecordQPS to a level that captures events reliably (on Bottlerocket "
     "`apiclient set settings.kubernetes.event-qps=<n>`).",
     &run_manual},
    {"k8s04020900", "4.2.9",
     "Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as "
     "appropriate",
     &benchmark, 1, automatic,
     "Set both tlsCertFile and tlsPrivateKeyFile to existing files, or enable serverTLSBootstrap "
     "(on Bottlerocket `apiclient set settings.kubernetes.server-tls-bootstrap=true`), and "
     "restart the kubelet.",
     &run_tls_files},
    {"k8s04021000", "4.2.10", "Ensure that the --rotate-certificates argument is not set to false",
     &benchmark, 1, automatic,
     "Set rotateCertificates: true in the kubelet's --config file (or remove "
     "--rotate-certificates=false) and restart the kubelet.",
     &run_rotate_certificates},
    {"k8s04021100", "4.2.11",
     "Verify that the RotateKubeletServerCertificate argument is set to true", &benchmark, 1,
     automatic,
     "Remove RotateKubeletServerCertificate=false from featureGates and --feature-gates, and "
     "restart the kubelet.",
     &run_rotate_server_certificate_gate},
    {"k8s04021200", "4.2.12",
     "Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers", &benchmark, 1,
     automatic,
     "Set tlsCipherSuites (or --tls-cipher-suites) to suites from the benchmark's list only, "
     "e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
     "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, and restart "
     "the kubelet.",
     &run_tls_cipher_suites},
    {"k8s04021300", "4.2.13", "Ensure that a limit is set on pod PIDs", &benchmark, 1, automatic,
     "Set podPidsLimit (or --pod-max-pids) to a positive number (on Bottlerocket `apiclient set "
     "settings.kubernetes.pod-pids-limit=<n>`) and restart the kubelet.",
     &run_pod_pids_limit},
    {"k8s04021400", "4.2.14", "Ensure that the --seccomp-default parameter is set to true",
     &benchmark, 1, automatic,
     "Set seccompDefault: true (or --seccomp-default) (on Bottlerocket `apiclient set "
     "settings.kubernetes.seccomp-default=true`) and restart the kubelet.",
     &run_seccomp_default},
    {"k8s04021500", "4.2.15", "Ensure that the --IPAddressDeny is set to any", &benchmark, 2,
     manual, "Add IPAddressDeny=any (with the needed IPAddressAllow=) to the kubelet's unit.",
     &run_manual},
    {"k8s04030100", "4.3.1", "Ensure that the kube-proxy metrics service is bound to localhost",
     &benchmark, 1, automatic,
     "Set metricsBindAddress to 127.0.0.1:10249 in kube-proxy's configuration and restart "
     "kube-proxy.",
     &run_proxy_metrics_bind_address},
}};

}  // namespace

std::span<const sdk::check> worker_node_checks() { return checks; }

}  // namespace scanner::kubernetes_worker
