#include <doctest/doctest.h>

#include "logic/environment_file.hpp"

using namespace scanner::kubernetes_worker;

TEST_CASE("parse_environment_file reads KEY=VALUE lines as systemd does") {
    auto vars = parse_environment_file(
        "# kubeadm-flags.env\n"
        "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///run/containerd.sock "
        "--pod-infra-container-image=registry.k8s.io/pause:3.9\"\n"
        "; comment\n"
        "\n"
        "PLAIN = value with spaces   \n"
        "SINGLE='it''s'\n"
        "ESCAPED=\"a \\\"quoted\\\" word\"\n"
        "CONTINUED=one \\\n"
        "two\n"
        "no assignment here\n");
    REQUIRE(vars.size() == 5);
    CHECK(vars[0].first == "KUBELET_KUBEADM_ARGS");
    CHECK(vars[0].second ==
          "--container-runtime-endpoint=unix:///run/containerd.sock "
          "--pod-infra-container-image=registry.k8s.io/pause:3.9");
    CHECK(vars[1] == std::pair<std::string, std::string>{"PLAIN", "value with spaces"});
    CHECK(vars[2].second == "its");
    CHECK(vars[3].second == "a \"quoted\" word");
    CHECK(vars[4].second == "one two");
}
