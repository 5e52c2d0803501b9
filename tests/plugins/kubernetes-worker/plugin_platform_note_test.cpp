#include <doctest/doctest.h>

#include "tests/plugins/kubernetes-worker/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;

namespace {

const std::string note =
    "Bottlerocket's own report accepts 4.2.10 as an exception: \"IAM (external) auth is used on "
    "Bottlerocket, so certificate rotation does not apply. See EKS CIS Benchmark.\"";

}  // namespace

TEST_CASE("4.2.10 carries Bottlerocket's exception as a note, never as the verdict") {
    SUBCASE("rotation on: PASS with the note") {
        fixture_root root;
        write_bottlerocket_node(root);
        write_kubelet_config(root, bottlerocket::config,
                             compliant_kubelet_config_body() + "rotateCertificates: true\n");
        outcome o = run_check(root, "4.2.10");
        CHECK(o.result.verdict == status::pass);
        CHECK(o.result.notes == std::vector<std::string>{note});
    }
    SUBCASE("client certificate and rotation off: FAIL with the note") {
        fixture_root root;
        write_bottlerocket_node(root);
        root.write(bottlerocket::kubeconfig,
                   "users:\n- name: k\n  user:\n    client-certificate: /pki/client.pem\n", 0600);
        outcome o = run_check(root, "4.2.10");
        CHECK(o.result.verdict == status::fail);
        CHECK(o.result.notes == std::vector<std::string>{note});
    }
    SUBCASE("a broken configuration: ERROR with the note") {
        fixture_root root;
        write_bottlerocket_node(root);
        write_kubelet_config(root, bottlerocket::config, "rotateCertificates: 1\n");
        outcome o = run_check(root, "4.2.10");
        CHECK(o.result.verdict == status::error);
        CHECK(o.result.notes == std::vector<std::string>{note});
    }
    SUBCASE("the same node without Bottlerocket's os-release: no note") {
        fixture_root root;
        write_bottlerocket_node(root);
        root.write("/etc/os-release", "ID=amzn\n");
        outcome o = run_check(root, "4.2.10");
        CHECK(o.result.verdict == status::skip);
        CHECK(o.result.notes.empty());
    }
    SUBCASE("only the rotation check carries it") {
        fixture_root root;
        write_bottlerocket_node(root);
        auto all = run_all(root);
        for (const auto& [key, o] : all) {
            if (o.info.id != "4.2.10") CHECK(o.result.notes.empty());
        }
    }
}
