#include <doctest/doctest.h>

#include "tests/plugins/kubernetes-worker/plugin_case.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;

namespace {

const std::string override_drop_in = "/etc/systemd/system/kubelet.service.d/zz-override.conf";

// A Bottlerocket node whose compliant configuration has `from` replaced by `to`.
std::function<void(const fixture_root&)> config_edit(std::string from, std::string to) {
    return [from, to](const fixture_root& r) {
        write_bottlerocket_node(r);
        std::string body = compliant_kubelet_config_body();
        auto at = body.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        body.replace(at, from.size(), to);
        write_kubelet_config(r, bottlerocket::config, body);
    };
}

// A Bottlerocket node with `lines` appended to its compliant configuration.
std::function<void(const fixture_root&)> config_adds(std::string lines) {
    return [lines](const fixture_root& r) {
        write_bottlerocket_node(r);
        write_kubelet_config(r, bottlerocket::config, compliant_kubelet_config_body() + lines);
    };
}

// A Bottlerocket node whose kubelet gets `flags` from an operator's drop-in, as in
// `systemctl edit kubelet`: the configuration file itself stays compliant.
std::function<void(const fixture_root&)> unit_flags(std::string flags) {
    return [flags](const fixture_root& r) {
        write_bottlerocket_node(r);
        r.write(override_drop_in,
                "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --kubeconfig "
                "/etc/kubernetes/kubelet/kubeconfig --config /etc/kubernetes/kubelet/config " +
                    flags + "\n",
                0600);
    };
}

}  // namespace

TEST_CASE("4.2.1 to 4.2.6 on fixture roots") {
    run_cases({
        {"4.2.1 anonymous auth in the file",
         config_edit("  anonymous:\n    enabled: false", "  anonymous:\n    enabled: true"),
         "4.2.1", status::fail,
         "anonymous requests to the kubelet are allowed: authentication.anonymous.enabled: true "
         "(/etc/kubernetes/kubelet/config line 6)"},
        {"4.2.1 --anonymous-auth=true in a drop-in", unit_flags("--anonymous-auth=true"), "4.2.1",
         status::fail,
         "--anonymous-auth=true on the kubelet command line (ExecStart= in "
         "/etc/systemd/system/kubelet.service.d/zz-override.conf line 3)"},
        {"4.2.1 absent from the file", config_edit("  anonymous:\n    enabled: false\n", ""),
         "4.2.1", status::pass, ""},
        {"4.2.2 AlwaysAllow in the file", config_edit("mode: Webhook", "mode: AlwaysAllow"),
         "4.2.2", status::fail, "the kubelet authorizes every request (AlwaysAllow)"},
        {"4.2.2 --authorization-mode AlwaysAllow in a drop-in",
         unit_flags("--authorization-mode AlwaysAllow"), "4.2.2", status::fail,
         "--authorization-mode AlwaysAllow on the kubelet command line"},
        {"4.2.3 the CA file is missing",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::filesystem::remove(r.host_path(bottlerocket::ca));
         },
         "4.2.3", status::fail, "the client CA file /etc/kubernetes/pki/ca.crt does not exist"},
        {"4.2.3 no client CA set",
         config_edit("    clientCAFile: /etc/kubernetes/pki/ca.crt\n", ""), "4.2.3", status::fail,
         "no client CA file is set, so client certificates are not verified"},
        {"4.2.3 --client-ca-file names an existing file",
         [](auto& r) {
             unit_flags("--client-ca-file=/srv/ca.pem")(r);
             r.write("/srv/ca.pem", "x", 0644);
         },
         "4.2.3", status::pass, ""},
        {"4.2.4 readOnlyPort 10255 in the file",
         config_edit("readOnlyPort: 0", "readOnlyPort: 10255"), "4.2.4", status::fail,
         "the unauthenticated read-only port 10255 is open, expected 0: readOnlyPort: 10255 "
         "(/etc/kubernetes/kubelet/config line 15)"},
        {"4.2.4 readOnlyPort absent: the kubelet's default 0", config_edit("readOnlyPort: 0\n", ""),
         "4.2.4", status::pass, ""},
        {"4.2.4 --read-only-port 10255 in a drop-in", unit_flags("--read-only-port 10255"), "4.2.4",
         status::fail, "--read-only-port 10255 on the kubelet command line"},
        {"4.2.5 0s in the file is the default", config_adds("streamingConnectionIdleTimeout: 0s\n"),
         "4.2.5", status::pass, ""},
        {"4.2.5 5m in the file", config_adds("streamingConnectionIdleTimeout: 5m\n"), "4.2.5",
         status::pass, ""},
        {"4.2.5 --streaming-connection-idle-timeout=0 in a drop-in",
         unit_flags("--streaming-connection-idle-timeout=0"), "4.2.5", status::fail,
         "idle streaming connections never time out (timeout 0s): "
         "--streaming-connection-idle-timeout=0 on the kubelet command line"},
        {"4.2.5 an integer where a duration belongs",
         config_adds("streamingConnectionIdleTimeout: 0\n"), "4.2.5", status::error,
         "/etc/kubernetes/kubelet/config line 27: streamingConnectionIdleTimeout must be a "
         "duration string such as \"4h0m0s\", got the integer 0"},
        {"4.2.6 makeIPTablesUtilChains false", config_adds("makeIPTablesUtilChains: false\n"),
         "4.2.6", status::fail,
         "makeIPTablesUtilChains: false (/etc/kubernetes/kubelet/config line 27)"},
        {"4.2.6 --make-iptables-util-chains=false", unit_flags("--make-iptables-util-chains=false"),
         "4.2.6", status::fail, "--make-iptables-util-chains=false on the kubelet command line"},
    });
}

TEST_CASE("4.2.9 to 4.2.14 on fixture roots") {
    run_cases({
        {"4.2.9 both files set and present",
         [](auto& r) {
             config_adds(
                 "tlsCertFile: /var/lib/kubelet/pki/kubelet.crt\n"
                 "tlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n")(r);
             r.write("/var/lib/kubelet/pki/kubelet.crt", "c", 0644);
             r.write("/var/lib/kubelet/pki/kubelet.key", "k", 0600);
         },
         "4.2.9", status::pass, ""},
        {"4.2.9 the key is not set",
         [](auto& r) {
             config_adds("tlsCertFile: /var/lib/kubelet/pki/kubelet.crt\n")(r);
             r.write("/var/lib/kubelet/pki/kubelet.crt", "c", 0644);
         },
         "4.2.9", status::fail, "tlsPrivateKeyFile is not set while tlsCertFile is"},
        {"4.2.9 the key file is missing",
         [](auto& r) {
             config_adds(
                 "tlsCertFile: /var/lib/kubelet/pki/kubelet.crt\n"
                 "tlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key\n")(r);
             r.write("/var/lib/kubelet/pki/kubelet.crt", "c", 0644);
         },
         "4.2.9", status::fail,
         "the kubelet's serving certificate files are missing: /var/lib/kubelet/pki/kubelet.key "
         "does not exist"},
        {"4.2.9 no files and no bootstrap: self-signed",
         config_edit("serverTLSBootstrap: true", "serverTLSBootstrap: false"), "4.2.9",
         status::fail, "the kubelet serves a self-signed certificate"},
        {"4.2.10 rotateCertificates true", config_adds("rotateCertificates: true\n"), "4.2.10",
         status::pass, ""},
        {"4.2.10 false with a client certificate",
         [](auto& r) {
             write_kubeadm_node(r);
             std::string body = compliant_kubelet_config_body() + "rotateCertificates: false\n";
             write_kubelet_config(r, kubeadm::config, body);
         },
         "4.2.10", status::fail,
         "client certificates do not rotate: rotateCertificates: false "
         "(/var/lib/kubelet/config.yaml line 27); the kubelet bootstraps a client certificate "
         "(--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf)"},
        {"4.2.10 --rotate-certificates=false with a certificate kubeconfig",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write(bottlerocket::kubeconfig,
                     "users:\n- name: k\n  user:\n    client-certificate-data: AAAA\n", 0600);
             r.write(override_drop_in,
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                     "/etc/kubernetes/kubelet/config --kubeconfig "
                     "/etc/kubernetes/kubelet/kubeconfig --rotate-certificates=false\n",
                     0600);
         },
         "4.2.10", status::fail, "--rotate-certificates=false on the kubelet command line"},
        {"4.2.10 false with an unreadable kubeconfig",
         [](auto& r) {
             write_eks_node(r);
             r.write(eks::kubeconfig, "{", 0600);
         },
         "4.2.10", status::fail,
         "client certificates do not rotate: rotateCertificates is not set in "
         "/etc/kubernetes/kubelet/kubelet-config.json, so the kubelet default false applies"},
        {"4.2.11 the gate off in the file",
         config_edit("RotateKubeletServerCertificate: true",
                     "RotateKubeletServerCertificate: false"),
         "4.2.11", status::fail, "the RotateKubeletServerCertificate feature gate is off"},
        {"4.2.11 the gate off by flag",
         unit_flags("--feature-gates=RotateKubeletServerCertificate=false"), "4.2.11", status::fail,
         "--feature-gates=RotateKubeletServerCertificate=false on the kubelet command line"},
        {"4.2.12 a weak suite in the file",
         config_edit("  - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                     "  - TLS_RSA_WITH_AES_256_GCM_SHA384"),
         "4.2.12", status::fail,
         "outside the benchmark's strong list (TLS_RSA_WITH_AES_256_GCM_SHA384)"},
        {"4.2.12 no suites set",
         config_edit("tlsCipherSuites:\n"
                     "  - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n"
                     "  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n"
                     "  - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384\n"
                     "  - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n",
                     ""),
         "4.2.12", status::fail, "the kubelet accepts Go's default cipher suites"},
        {"4.2.12 weak suites by flag", unit_flags("--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA"),
         "4.2.12", status::fail, "(TLS_RSA_WITH_RC4_128_SHA)"},
        {"4.2.13 podPidsLimit -1", config_edit("podPidsLimit: 1048576", "podPidsLimit: -1"),
         "4.2.13", status::fail, "the number of PIDs per pod is not limited (podPidsLimit -1)"},
        {"4.2.13 podPidsLimit absent", config_edit("podPidsLimit: 1048576\n", ""), "4.2.13",
         status::fail, "podPidsLimit is not set in /etc/kubernetes/kubelet/config"},
        {"4.2.13 --pod-max-pids=4096 fixes an absent limit",
         [](auto& r) {
             config_edit("podPidsLimit: 1048576\n", "")(r);
             r.write(override_drop_in,
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                     "/etc/kubernetes/kubelet/config --pod-max-pids=4096\n",
                     0600);
         },
         "4.2.13", status::pass, ""},
        {"4.2.14 seccompDefault false",
         config_edit("seccompDefault: true", "seccompDefault: false"), "4.2.14", status::fail,
         "containers without a seccomp profile run unconfined"},
        {"4.2.14 --seccomp-default fixes it",
         [](auto& r) {
             config_edit("seccompDefault: true", "seccompDefault: false")(r);
             r.write(override_drop_in,
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                     "/etc/kubernetes/kubelet/config --seccomp-default\n",
                     0600);
         },
         "4.2.14", status::pass, ""},
    });
}

TEST_CASE("a configuration the kubelet refuses makes every setting check an ERROR") {
    const std::pair<std::string_view, std::string_view> broken[] = {
        {"authentication:\n  anonymous:\n    enabled: \"false\"\n",
         "/etc/kubernetes/kubelet/config line 5: authentication.anonymous.enabled must be a "
         "boolean (true or false), got the quoted string \"false\""},
        {"a: 1\n---\nb: 2\n",
         "/etc/kubernetes/kubelet/config line 5: the file holds 2 YAML documents"},
        {"tlsCipherSuites: [\n", "/etc/kubernetes/kubelet/config line 4: cannot parse YAML"},
    };
    for (const auto& [body, reason] : broken) {
        CAPTURE(body);
        fixture_root root;
        write_bottlerocket_node(root);
        write_kubelet_config(root, bottlerocket::config, body);
        auto all = run_all(root);
        for (const char* id :
             {"4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5", "4.2.6", "4.2.9", "4.2.10", "4.2.11",
              "4.2.12", "4.2.13", "4.2.14", "4.1.7", "4.1.8"}) {
            CAPTURE(id);
            const outcome& o = at(all, id);
            CHECK(o.result.verdict == status::error);
            std::string expected =
                "cannot evaluate the kubelet configuration: " + std::string(reason);
            CHECK(o.result.reason.substr(0, expected.size()) == expected);
        }
        // The permission checks still judge the file itself.
        CHECK(at(all, "4.1.9").result.verdict == status::pass);
    }

    // Empty, not UTF-8, no kind: also refused.
    const std::pair<std::string, std::string_view> raw[] = {
        {"", "the file is empty"},
        {"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nx: \xff\n",
         "line 3: the file contains bytes that are not valid UTF-8"},
        {"readOnlyPort: 0\n", "kind or apiVersion is missing"},
    };
    for (const auto& [text, reason] : raw) {
        CAPTURE(reason);
        fixture_root root;
        write_bottlerocket_node(root);
        root.write(bottlerocket::config, text, 0600);
        outcome o = run_check(root, "4.2.4");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, reason));
    }
}

TEST_CASE("4.2.7 shows a --hostname-override it finds, and stays manual") {
    fixture_root root;
    write_bottlerocket_node(root);
    root.write("/etc/systemd/system/kubelet.service.d/zz-hostname.conf",
               "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
               "/etc/kubernetes/kubelet/config --hostname-override ip-10-0-0-1.ec2.internal\n",
               0600);
    outcome o = run_check(root, "4.2.7");
    CHECK(o.result.verdict == status::skip);
    CHECK(o.result.reason == "Manual check, see benchmark for audit details.");
    CHECK(evidence_has(o, "kubelet command line", "--hostname-override ip-10-0-0-1.ec2.internal"));
}

TEST_CASE("the kubelet's manual checks") {
    fixture_root root;
    write_bottlerocket_node(root);
    auto all = run_all(root);
    for (const char* id : {"4.2.7", "4.2.8", "4.2.15"}) {
        CAPTURE(id);
        CHECK(at(all, id).result.verdict == status::skip);
        CHECK(at(all, id).result.reason == "Manual check, see benchmark for audit details.");
    }
}

TEST_CASE("a 10 MB configuration is read whole") {
    fixture_root root;
    write_bottlerocket_node(root);
    std::string body = compliant_kubelet_config_body();
    while (body.size() < 10 * 1024 * 1024) {
        body +=
            "unknownField" + std::to_string(body.size()) + ": \"" + std::string(100, 'x') + "\"\n";
    }
    body += "readOnlyPort: 10255\n";  // the later duplicate wins, at the very end
    write_kubelet_config(root, bottlerocket::config, body);
    auto all = run_all(root);
    CHECK(at(all, "4.2.4").result.verdict == status::fail);
    CHECK(reason_has(at(all, "4.2.4"), "readOnlyPort: 10255"));
    CHECK(at(all, "4.2.1").result.verdict == status::pass);
}
