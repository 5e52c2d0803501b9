#include <doctest/doctest.h>

#include "tests/plugins/kubernetes-worker/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;
using scanner::core::check_mode;

namespace {

const std::string not_found =
    "no kubelet configuration found: no kubelet process in /proc, no ExecStart= for the kubelet "
    "in kubelet.service or kubelet.service.d/*.conf under /etc/systemd/system, "
    "/run/systemd/system, /usr/local/lib/systemd/system, /usr/lib/systemd/system, "
    "/lib/systemd/system, and none of /etc/kubernetes/kubelet/config, "
    "/var/lib/kubelet/config.yaml, /etc/kubernetes/kubelet/kubelet-config.json, "
    "/etc/kubernetes/kubelet/config.json";

}  // namespace

TEST_CASE("a host without a kubelet: every check SKIP with one reason") {
    fixture_root root;
    root.write("/etc/os-release", "ID=debian\n");
    root.write("/etc/systemd/system/sshd.service", "[Service]\nExecStart=/usr/sbin/sshd -D\n");
    root.write("/etc/kubernetes/pki/ca.crt", "x");  // a CA alone is no kubelet
    root.write("/proc/1/comm", "systemd\n");
    root.write("/proc/1/cmdline", std::string("/sbin/init\0", 11));

    auto all = run_all(root);
    REQUIRE(all.size() == 52);
    for (const auto& [key, o] : all) {
        CAPTURE(key);
        CHECK(o.result.verdict == status::skip);
        CHECK(o.result.reason == not_found);
        CHECK(o.result.benchmark_notes == std::vector<std::string>{not_found});
    }
    CHECK(shown_mode(at(all, "4.3.1")) == check_mode::manual);
}

TEST_CASE("kube-proxy's checks still run where only kube-proxy is configured") {
    fixture_root root;
    root.write("/etc/kubernetes/kube-proxy/kube-proxy.conf", "metricsBindAddress: 0.0.0.0:10249\n",
               0600);
    auto all = run_all(root);
    CHECK(at(all, "4.1.3").result.verdict == status::pass);
    CHECK(at(all, "4.3.1").result.verdict == status::fail);
    CHECK(at(all, "4.2.1").result.reason == not_found);
}
