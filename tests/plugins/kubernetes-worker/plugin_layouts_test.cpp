#include <doctest/doctest.h>

#include <functional>

#include "tests/plugins/kubernetes-worker/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;
using scanner::core::check_mode;

namespace {

struct expectation {
    const char* id;
    status verdict;
};

void check_all(const std::map<std::string, outcome>& all,
               std::initializer_list<expectation> expected) {
    for (const auto& e : expected) {
        CAPTURE(e.id);
        const outcome& o = at(all, e.id);
        CAPTURE(o.result.reason);
        CHECK(o.result.verdict == e.verdict);
        if (o.result.verdict != status::pass) CHECK_FALSE(o.result.reason.empty());
    }
}

}  // namespace

TEST_CASE("a compliant Bottlerocket node") {
    fixture_root root;
    write_bottlerocket_node(root);
    auto all = run_all(root);
    check_all(all, {{"4.1.1", status::pass},  {"4.1.2", status::pass},  {"4.1.3", status::pass},
                    {"4.1.4", status::pass},  {"4.1.5", status::pass},  {"4.1.6", status::pass},
                    {"4.1.7", status::pass},  {"4.1.8", status::pass},  {"4.1.9", status::pass},
                    {"4.1.10", status::pass}, {"4.2.1", status::pass},  {"4.2.2", status::pass},
                    {"4.2.3", status::pass},  {"4.2.4", status::pass},  {"4.2.5", status::pass},
                    {"4.2.6", status::pass},  {"4.2.7", status::skip},  {"4.2.8", status::skip},
                    {"4.2.9", status::pass},  {"4.2.10", status::skip}, {"4.2.11", status::pass},
                    {"4.2.12", status::pass}, {"4.2.13", status::pass}, {"4.2.14", status::pass},
                    {"4.2.15", status::skip}, {"4.3.1", status::pass}});

    // The evidence names the files used and where the command line came from.
    const outcome& anonymous = at(all, "4.2.1");
    CHECK(
        evidence_has(anonymous, "kubelet command line",
                     "ExecStart= in /etc/systemd/system/kubelet.service.d/exec-start.conf line 3"));
    CHECK(evidence_has(anonymous, "kubelet config",
                       "/etc/kubernetes/kubelet/config (--config /etc/kubernetes/kubelet/config)"));
    CHECK(evidence_has(anonymous, "/etc/kubernetes/kubelet/config:6",
                       "authentication.anonymous.enabled: false"));
    CHECK(
        evidence_has(at(all, "4.1.1"), std::string(bottlerocket::service), "mode 0600, owner 0:0"));

    // 4.2.10: not applicable with an exec credential plugin, and Bottlerocket's exception is a
    // note.
    const outcome& rotation = at(all, "4.2.10");
    CHECK(reason_has(rotation, "exec credential plugin /usr/bin/aws-iam-authenticator"));
    REQUIRE(rotation.result.notes.size() == 1);
    CHECK(rotation.result.notes[0].find("IAM (external) auth is used on Bottlerocket, so "
                                        "certificate rotation does not apply. See EKS CIS "
                                        "Benchmark.") != std::string::npos);

    // Manual checks carry the common reason, kube-proxy checks are automatic here.
    CHECK(at(all, "4.2.7").result.reason == "Manual check, see benchmark for audit details.");
    CHECK(shown_mode(at(all, "4.1.3")) == check_mode::automatic);
    CHECK(shown_mode(at(all, "4.3.1")) == check_mode::automatic);
}

TEST_CASE("a compliant kubeadm node") {
    fixture_root root;
    write_kubeadm_node(root);
    auto all = run_all(root);
    check_all(all, {{"4.1.1", status::pass},  {"4.1.2", status::pass},  {"4.1.3", status::skip},
                    {"4.1.4", status::skip},  {"4.1.5", status::pass},  {"4.1.6", status::pass},
                    {"4.1.7", status::pass},  {"4.1.8", status::pass},  {"4.1.9", status::pass},
                    {"4.1.10", status::pass}, {"4.2.1", status::pass},  {"4.2.2", status::pass},
                    {"4.2.3", status::pass},  {"4.2.4", status::pass},  {"4.2.5", status::pass},
                    {"4.2.6", status::pass},  {"4.2.7", status::skip},  {"4.2.8", status::skip},
                    {"4.2.9", status::pass},  {"4.2.10", status::pass}, {"4.2.11", status::pass},
                    {"4.2.12", status::pass}, {"4.2.13", status::pass}, {"4.2.14", status::pass},
                    {"4.2.15", status::skip}, {"4.3.1", status::skip}});

    // The command line comes from 10-kubeadm.conf with Environment= and kubeadm-flags.env.
    const outcome& o = at(all, "4.2.1");
    CHECK(evidence_has(o, "kubelet command line",
                       "ExecStart= in /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"));
    CHECK(evidence_has(o, "kubelet config",
                       "/var/lib/kubelet/config.yaml (--config=/var/lib/kubelet/config.yaml)"));
    CHECK(evidence_has(at(all, "4.1.5"), "/etc/kubernetes/kubelet.conf", "mode 0600"));

    // Without kube-proxy's file its checks are shown as manual.
    for (const char* id : {"4.1.3", "4.1.4", "4.3.1"}) {
        CAPTURE(id);
        CHECK(shown_mode(at(all, id)) == check_mode::manual);
        CHECK(at(all, id).result.reason == "Manual check, see benchmark for audit details.");
    }
    CHECK(at(all, "4.2.10").result.notes.empty());  // not Bottlerocket: no note
}

TEST_CASE("a compliant EKS Amazon Linux 2 node") {
    fixture_root root;
    write_eks_node(root);
    auto all = run_all(root);
    check_all(all, {{"4.1.1", status::pass},  {"4.1.2", status::pass},  {"4.1.3", status::skip},
                    {"4.1.4", status::skip},  {"4.1.5", status::pass},  {"4.1.6", status::pass},
                    {"4.1.7", status::pass},  {"4.1.8", status::pass},  {"4.1.9", status::pass},
                    {"4.1.10", status::pass}, {"4.2.1", status::pass},  {"4.2.2", status::pass},
                    {"4.2.3", status::pass},  {"4.2.4", status::pass},  {"4.2.5", status::pass},
                    {"4.2.6", status::pass},  {"4.2.7", status::skip},  {"4.2.8", status::skip},
                    {"4.2.9", status::pass},  {"4.2.10", status::skip}, {"4.2.11", status::pass},
                    {"4.2.12", status::pass}, {"4.2.13", status::pass}, {"4.2.14", status::pass},
                    {"4.2.15", status::skip}, {"4.3.1", status::skip}});
    CHECK(evidence_has(at(all, "4.2.4"), "/etc/kubernetes/kubelet/kubelet-config.json:11",
                       "readOnlyPort: 0"));
    CHECK(evidence_has(at(all, "4.1.1"), std::string(eks::service), "mode 0600"));
}
