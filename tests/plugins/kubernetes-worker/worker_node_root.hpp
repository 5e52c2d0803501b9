// Fixture roots of compliant Kubernetes worker nodes in the three layouts the plugin knows:
// Bottlerocket, kubeadm, and EKS on Amazon Linux. Tests start from one and change one thing.
#ifndef SCANNER_TESTS_KUBERNETES_WORKER_WORKER_NODE_ROOT_HPP
#define SCANNER_TESTS_KUBERNETES_WORKER_WORKER_NODE_ROOT_HPP

#include <string>
#include <string_view>

#include "tests/support/fixture_root.hpp"

namespace scanner::testing::kubernetes_worker {

/// Paths of the Bottlerocket layout (as Bottlerocket's own report reads them).
namespace bottlerocket {
inline constexpr std::string_view service = "/etc/systemd/system/kubelet.service.d/exec-start.conf";
inline constexpr std::string_view config = "/etc/kubernetes/kubelet/config";
inline constexpr std::string_view kubeconfig = "/etc/kubernetes/kubelet/kubeconfig";
inline constexpr std::string_view ca = "/etc/kubernetes/pki/ca.crt";
inline constexpr std::string_view proxy = "/etc/kubernetes/kube-proxy/kube-proxy.conf";
}  // namespace bottlerocket

namespace kubeadm {
inline constexpr std::string_view service =
    "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf";
inline constexpr std::string_view config = "/var/lib/kubelet/config.yaml";
inline constexpr std::string_view kubeconfig = "/etc/kubernetes/kubelet.conf";
inline constexpr std::string_view ca = "/etc/kubernetes/pki/ca.crt";
}  // namespace kubeadm

namespace eks {
inline constexpr std::string_view service = "/etc/systemd/system/kubelet.service";
inline constexpr std::string_view config = "/etc/kubernetes/kubelet/kubelet-config.json";
inline constexpr std::string_view kubeconfig = "/var/lib/kubelet/kubeconfig";
inline constexpr std::string_view ca = "/etc/kubernetes/pki/ca.crt";
}  // namespace eks

/// A KubeletConfiguration body every automatic 4.2 check passes on (YAML, after the header).
std::string compliant_kubelet_config_body();

/// The YAML header every KubeletConfiguration needs.
std::string kubelet_config_header();

/// A Bottlerocket node: os-release, kubelet.service with exec-start.conf, the kubelet config,
/// an exec-plugin kubeconfig, the CA and kube-proxy's configuration, modes as Bottlerocket
/// ships them (0600 files, 0644 CA). rotateCertificates is not set, as on Bottlerocket.
void write_bottlerocket_node(const fixture_root& root);

/// A kubeadm node: the packaged kubelet.service and 10-kubeadm.conf with Environment= and
/// EnvironmentFile= (kubeadm-flags.env), /var/lib/kubelet/config.yaml, kubelet.conf with a
/// client certificate; no kube-proxy file.
void write_kubeadm_node(const fixture_root& root);

/// An EKS Amazon Linux 2 node: /etc/systemd/system/kubelet.service with a drop-in setting
/// $KUBELET_ARGS, the JSON kubelet-config.json, an exec-plugin kubeconfig; no kube-proxy file.
void write_eks_node(const fixture_root& root);

/// Writes a kubelet configuration (header + body) at `path` with mode 0600.
void write_kubelet_config(const fixture_root& root, std::string_view path, std::string_view body);

}  // namespace scanner::testing::kubernetes_worker

#endif
