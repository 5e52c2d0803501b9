#include <doctest/doctest.h>

#include "logic/kube_proxy_config.hpp"

using namespace scanner::kubernetes_worker;

TEST_CASE("parse_kube_proxy_config reads metricsBindAddress") {
    auto set = parse_kube_proxy_config(
        "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n"
        "metricsBindAddress: 0.0.0.0:10249\n");
    REQUIRE(set.ok());
    CHECK(set->metrics_bind_address->value == "0.0.0.0:10249");
    CHECK(set->metrics_bind_address->line == 3);

    // A kubeconfig has no metricsBindAddress: kube-proxy's default applies.
    auto kubeconfig = parse_kube_proxy_config("apiVersion: v1\nkind: Config\nusers: []\n");
    REQUIRE(kubeconfig.ok());
    CHECK_FALSE(kubeconfig->metrics_bind_address);

    // JSON works too.
    CHECK(parse_kube_proxy_config("{\"metricsBindAddress\": \"127.0.0.1:10249\"}").ok());
}

TEST_CASE("parse_kube_proxy_config errors name the line") {
    CHECK(parse_kube_proxy_config("metricsBindAddress: [a]\n").error().describe() ==
          "line 1: metricsBindAddress must be a string, got a list");
    CHECK(parse_kube_proxy_config("").error().message ==
          "the file is empty (it holds no YAML document)");
    CHECK(parse_kube_proxy_config("- a\n").error().message ==
          "the top level must be a mapping, got a list");
}
