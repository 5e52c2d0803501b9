#include <doctest/doctest.h>

#include "tests/plugins/kubernetes-worker/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;
using scanner::core::check_mode;

TEST_CASE("the plugin registers the 26 worker-node checks of CIS Kubernetes v1.11.1") {
    struct expected_check {
        const char* name;
        const char* id;
        uint32_t level;
        check_mode mode;
        const char* title;
    };
    const check_mode a = check_mode::automatic;
    const check_mode m = check_mode::manual;
    const expected_check expected[] = {
        {"k8s04010100", "4.1.1", 1, a,
         "Ensure that the kubelet service file permissions are set to 600 or more restrictive"},
        {"k8s04010200", "4.1.2", 1, a,
         "Ensure that the kubelet service file ownership is set to root:root"},
        {"k8s04010300", "4.1.3", 1, a,
         "If proxy kubeconfig file exists ensure permissions are set to 600 or more restrictive"},
        {"k8s04010400", "4.1.4", 1, a,
         "If proxy kubeconfig file exists ensure ownership is set to root:root"},
        {"k8s04010500", "4.1.5", 1, a,
         "Ensure that the --kubeconfig kubelet.conf file permissions are set to 600 or more "
         "restrictive"},
        {"k8s04010600", "4.1.6", 1, a,
         "Ensure that the --kubeconfig kubelet.conf file ownership is set to root:root"},
        {"k8s04010700", "4.1.7", 1, a,
         "Ensure that the certificate authorities file permissions are set to 644 or more "
         "restrictive"},
        {"k8s04010800", "4.1.8", 1, a,
         "Ensure that the client certificate authorities file ownership is set to root:root"},
        {"k8s04010900", "4.1.9", 1, a,
         "If the kubelet config.yaml configuration file is being used validate permissions set "
         "to 600 or more restrictive"},
        {"k8s04011000", "4.1.10", 1, a,
         "If the kubelet config.yaml configuration file is being used validate file ownership is "
         "set to root:root"},
        {"k8s04020100", "4.2.1", 1, a, "Ensure that the --anonymous-auth argument is set to false"},
        {"k8s04020200", "4.2.2", 1, a,
         "Ensure that the --authorization-mode argument is not set to AlwaysAllow"},
        {"k8s04020300", "4.2.3", 1, a,
         "Ensure that the --client-ca-file argument is set as appropriate"},
        {"k8s04020400", "4.2.4", 1, a, "Verify that if defined, readOnlyPort is set to 0"},
        {"k8s04020500", "4.2.5", 1, a,
         "Ensure that the --streaming-connection-idle-timeout argument is not set to 0"},
        {"k8s04020600", "4.2.6", 1, a,
         "Ensure that the --make-iptables-util-chains argument is set to true"},
        {"k8s04020700", "4.2.7", 1, m,
         "Ensure that the --hostname-override argument is not set (not valid for Bottlerocket)"},
        {"k8s04020800", "4.2.8", 2, m,
         "Ensure that the eventRecordQPS argument is set to a level which ensures appropriate "
         "event capture"},
        {"k8s04020900", "4.2.9", 1, a,
         "Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as "
         "appropriate"},
        {"k8s04021000", "4.2.10", 1, a,
         "Ensure that the --rotate-certificates argument is not set to false"},
        {"k8s04021100", "4.2.11", 1, a,
         "Verify that the RotateKubeletServerCertificate argument is set to true"},
        {"k8s04021200", "4.2.12", 1, a,
         "Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers"},
        {"k8s04021300", "4.2.13", 1, a, "Ensure that a limit is set on pod PIDs"},
        {"k8s04021400", "4.2.14", 1, a,
         "Ensure that the --seccomp-default parameter is set to true"},
        {"k8s04021500", "4.2.15", 2, m, "Ensure that the --IPAddressDeny is set to any"},
        {"k8s04030100", "4.3.1", 1, a,
         "Ensure that the kube-proxy metrics service is bound to localhost"},
    };

    fixture_root root;
    auto all = run_all(root);
    CHECK(all.size() == 2 * std::size(expected));  // keyed by name and by id
    for (const auto& e : expected) {
        CAPTURE(e.name);
        const outcome& o = at(all, e.name);
        CHECK(o.info.id == e.id);
        CHECK(o.info.level == e.level);
        CHECK(o.info.mode == e.mode);
        CHECK(o.info.title == e.title);
        CHECK(o.info.benchmark.name == "CIS Kubernetes Benchmark (Worker Node)");
        CHECK(o.info.benchmark.version == "v1.11.1");
        CHECK(o.info.benchmark.url == "https://www.cisecurity.org/benchmark/kubernetes");
        CHECK(o.info.plugin_id == "kubernetes-worker");
        CHECK(o.info.plugin_version == "1.0.0");
        CHECK_FALSE(o.info.remediation.empty());
    }
}
