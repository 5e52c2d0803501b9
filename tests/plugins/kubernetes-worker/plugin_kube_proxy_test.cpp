#include <doctest/doctest.h>

#include "tests/plugins/kubernetes-worker/plugin_case.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;
using scanner::core::check_mode;

namespace {

void proxy_config(const fixture_root& r, std::string_view text, mode_t mode = 0600) {
    write_bottlerocket_node(r);
    r.write(bottlerocket::proxy, text, mode);
}

}  // namespace

TEST_CASE("4.1.3, 4.1.4 and 4.3.1 where kube-proxy's configuration exists") {
    run_cases({
        {"4.1.3 readable by all",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chmod(bottlerocket::proxy, 0644);
         },
         "4.1.3", status::fail,
         "/etc/kubernetes/kube-proxy/kube-proxy.conf has mode 0644, expected 0600 or stricter"},
        {"4.1.4 owned by a user",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chown(bottlerocket::proxy, 1000, 1000);
         },
         "4.1.4", status::fail,
         "/etc/kubernetes/kube-proxy/kube-proxy.conf is owned by 1000:1000, expected root:root"},
        {"4.1.3 a link loop cannot be examined",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::filesystem::remove(r.host_path(bottlerocket::proxy));
             r.symlink(bottlerocket::proxy, "kube-proxy.conf");
         },
         "4.1.3", status::error, "cannot stat /etc/kubernetes/kube-proxy/kube-proxy.conf"},
        {"4.1.4 a link loop cannot be examined",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::filesystem::remove(r.host_path(bottlerocket::proxy));
             r.symlink(bottlerocket::proxy, "kube-proxy.conf");
         },
         "4.1.4", status::error, "cannot stat /etc/kubernetes/kube-proxy/kube-proxy.conf"},
        {"4.3.1 metrics on every IPv4 interface",
         [](auto& r) { proxy_config(r, "metricsBindAddress: 0.0.0.0:10249\n"); }, "4.3.1",
         status::fail,
         "kube-proxy serves its metrics on every interface: metricsBindAddress: 0.0.0.0:10249 "
         "(/etc/kubernetes/kube-proxy/kube-proxy.conf line 1)"},
        {"4.3.1 metrics on every IPv6 interface",
         [](auto& r) { proxy_config(r, "{\"metricsBindAddress\": \"[::]:10249\"}"); }, "4.3.1",
         status::fail, "metricsBindAddress: [::]:10249"},
        {"4.3.1 no metricsBindAddress: kube-proxy's loopback default",
         [](auto& r) { proxy_config(r, "kind: KubeProxyConfiguration\n"); }, "4.3.1", status::pass,
         ""},
        {"4.3.1 malformed", [](auto& r) { proxy_config(r, "metricsBindAddress: [0.0.0.0]\n"); },
         "4.3.1", status::error,
         "cannot evaluate the kube-proxy configuration: /etc/kubernetes/kube-proxy/kube-proxy.conf "
         "line 1: metricsBindAddress must be a string, got a list"},
        {"4.3.1 not a regular file",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::filesystem::remove(r.host_path(bottlerocket::proxy));
             r.mkdir(bottlerocket::proxy);
         },
         "4.3.1", status::error, "cannot read /etc/kubernetes/kube-proxy/kube-proxy.conf"},
    });
}

TEST_CASE("without kube-proxy's configuration its checks are manual") {
    fixture_root root;
    write_bottlerocket_node(root);
    std::filesystem::remove(root.host_path(bottlerocket::proxy));
    auto all = run_all(root);
    for (const char* id : {"4.1.3", "4.1.4", "4.3.1"}) {
        CAPTURE(id);
        const outcome& o = at(all, id);
        CHECK(o.info.mode == check_mode::automatic);  // registered automatic
        CHECK(shown_mode(o) == check_mode::manual);   // shown manual here
        CHECK(o.result.verdict == status::skip);
        CHECK(o.result.reason == "Manual check, see benchmark for audit details.");
    }
}
