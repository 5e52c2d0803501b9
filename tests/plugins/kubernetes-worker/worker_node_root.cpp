#include "tests/plugins/kubernetes-worker/worker_node_root.hpp"

namespace scanner::testing::kubernetes_worker {

namespace {

constexpr std::string_view ca_pem =
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

constexpr std::string_view exec_kubeconfig = R"(apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /etc/kubernetes/pki/ca.crt
    server: https://example.eks.amazonaws.com
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubelet
  name: kubelet
current-context: kubelet
users:
- name: kubelet
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: /usr/bin/aws-iam-authenticator
      args: [token, -i, example]
)";

}  // namespace

std::string kubelet_config_header() {
    return "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";
}

std::string compliant_kubelet_config_body() {
    return "address: 0.0.0.0\n"
           "authentication:\n"
           "  anonymous:\n"
           "    enabled: false\n"
           "  webhook:\n"
           "    cacheTTL: 2m0s\n"
           "    enabled: true\n"
           "  x509:\n"
           "    clientCAFile: /etc/kubernetes/pki/ca.crt\n"
           "authorization:\n"
           "  mode: Webhook\n"
           "clusterDomain: cluster.local\n"
           "readOnlyPort: 0\n"
           "serverTLSBootstrap: true\n"
           "featureGates:\n"
           "  RotateKubeletServerCertificate: true\n"
           "tlsCipherSuites:\n"
           "  - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n"
           "  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n"
           "  - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384\n"
           "  - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n"
           "podPidsLimit: 1048576\n"
           "seccompDefault: true\n"
           "protectKernelDefaults: true\n";
}

void write_kubelet_config(const fixture_root& root, std::string_view path, std::string_view body) {
    root.write(path, kubelet_config_header() + std::string(body), 0600);
}

void write_bottlerocket_node(const fixture_root& root) {
    root.write("/etc/os-release", "NAME=Bottlerocket\nID=bottlerocket\nVERSION_ID=1.26.1\n");
    root.write("/usr/lib/systemd/system/kubelet.service",
               "[Unit]\nDescription=Kubelet\n\n[Service]\n"
               "EnvironmentFile=/etc/kubernetes/kubelet/env\n"
               "ExecStart=/usr/bin/kubelet\n"
               "Restart=always\n");
    root.write("/etc/kubernetes/kubelet/env",
               "NODE_IP=192.168.84.28\nNODE_LABELS=a=b,c=d\nNODE_TAINTS=\n"
               "POD_INFRA_CONTAINER_IMAGE=602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/"
               "pause:3.1-eksbuild.1\n",
               0600);
    root.write(bottlerocket::service,
               "[Service]\n"
               "ExecStart=\n"
               "ExecStart=/usr/bin/kubelet \\\n"
               "    --cloud-provider external \\\n"
               "    --kubeconfig /etc/kubernetes/kubelet/kubeconfig \\\n"
               "    --config /etc/kubernetes/kubelet/config \\\n"
               "    --container-runtime-endpoint=unix:///run/containerd/containerd.sock \\\n"
               "    --containerd=/run/containerd/containerd.sock \\\n"
               "    --root-dir /var/lib/kubelet \\\n"
               "    --cert-dir /var/lib/kubelet/pki \\\n"
               "    --node-ip ${NODE_IP} \\\n"
               "    --node-labels \"${NODE_LABELS}\" \\\n"
               "    --register-with-taints \"${NODE_TAINTS}\" \\\n"
               "    --pod-infra-container-image ${POD_INFRA_CONTAINER_IMAGE}\n",
               0600);
    write_kubelet_config(root, bottlerocket::config, compliant_kubelet_config_body());
    root.write(bottlerocket::kubeconfig, exec_kubeconfig, 0600);
    root.write(bottlerocket::ca, ca_pem, 0644);
    root.write(bottlerocket::proxy,
               "apiVersion: kubeproxy.config.k8s.io/v1alpha1\n"
               "kind: KubeProxyConfiguration\n"
               "clientConnection:\n"
               "  kubeconfig: /etc/kubernetes/kube-proxy/kubeconfig\n"
               "metricsBindAddress: 127.0.0.1:10249\n",
               0600);
}

void write_kubeadm_node(const fixture_root& root) {
    root.write("/etc/os-release", "NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\n");
    root.write("/usr/lib/systemd/system/kubelet.service",
               "[Unit]\nDescription=kubelet: The Kubernetes Node Agent\n\n[Service]\n"
               "ExecStart=/usr/bin/kubelet\nRestart=always\n");
    root.write(kubeadm::service,
               "# Note: This dropin only works with kubeadm and kubelet v1.11+\n"
               "[Service]\n"
               "Environment=\"KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/"
               "bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf\"\n"
               "Environment=\"KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml\"\n"
               "EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env\n"
               "EnvironmentFile=-/etc/default/kubelet\n"
               "ExecStart=\n"
               "ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS "
               "$KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS\n",
               0600);
    root.write("/var/lib/kubelet/kubeadm-flags.env",
               "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///var/run/containerd/"
               "containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.9\"\n");
    write_kubelet_config(root, kubeadm::config,
                         compliant_kubelet_config_body() +
                             "rotateCertificates: true\n"
                             "cgroupDriver: systemd\n"
                             "staticPodPath: /etc/kubernetes/manifests\n");
    root.write(kubeadm::kubeconfig,
               "apiVersion: v1\nkind: Config\n"
               "clusters:\n- cluster:\n    server: https://10.0.0.10:6443\n  name: kubernetes\n"
               "contexts:\n- context:\n    cluster: kubernetes\n    user: system:node:n1\n"
               "  name: system:node:n1@kubernetes\n"
               "current-context: system:node:n1@kubernetes\n"
               "users:\n- name: system:node:n1\n  user:\n"
               "    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n"
               "    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n",
               0600);
    root.write(kubeadm::ca, ca_pem, 0644);
}

void write_eks_node(const fixture_root& root) {
    root.write("/etc/os-release", "NAME=\"Amazon Linux\"\nID=\"amzn\"\nVERSION_ID=\"2\"\n");
    root.write(eks::service,
               "[Unit]\nDescription=Kubernetes Kubelet\n\n[Service]\n"
               "ExecStartPre=/sbin/iptables -P FORWARD ACCEPT -w 5\n"
               "ExecStart=/usr/bin/kubelet --cloud-provider aws \\\n"
               "    --config /etc/kubernetes/kubelet/kubelet-config.json \\\n"
               "    --kubeconfig /var/lib/kubelet/kubeconfig \\\n"
               "    --container-runtime-endpoint unix:///run/containerd/containerd.sock \\\n"
               "    $KUBELET_ARGS $KUBELET_EXTRA_ARGS\n\n"
               "Restart=on-failure\n",
               0600);
    root.write("/etc/systemd/system/kubelet.service.d/10-kubelet-args.conf",
               "[Service]\nEnvironment='KUBELET_ARGS=--node-ip=10.0.0.1 "
               "--pod-infra-container-image=602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/"
               "pause:3.5 --v=2'\n",
               0600);
    root.write(eks::config,
               "{\n"
               "  \"kind\": \"KubeletConfiguration\",\n"
               "  \"apiVersion\": \"kubelet.config.k8s.io/v1beta1\",\n"
               "  \"address\": \"0.0.0.0\",\n"
               "  \"authentication\": {\n"
               "    \"anonymous\": {\"enabled\": false},\n"
               "    \"webhook\": {\"cacheTTL\": \"2m0s\", \"enabled\": true},\n"
               "    \"x509\": {\"clientCAFile\": \"/etc/kubernetes/pki/ca.crt\"}\n"
               "  },\n"
               "  \"authorization\": {\"mode\": \"Webhook\"},\n"
               "  \"readOnlyPort\": 0,\n"
               "  \"serverTLSBootstrap\": true,\n"
               "  \"featureGates\": {\"RotateKubeletServerCertificate\": true},\n"
               "  \"tlsCipherSuites\": [\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"],\n"
               "  \"podPidsLimit\": 4096,\n"
               "  \"seccompDefault\": true,\n"
               "  \"streamingConnectionIdleTimeout\": \"4h0m0s\"\n"
               "}\n",
               0600);
    root.write(eks::kubeconfig, exec_kubeconfig, 0600);
    root.write(eks::ca, ca_pem, 0644);
}

}  // namespace scanner::testing::kubernetes_worker
