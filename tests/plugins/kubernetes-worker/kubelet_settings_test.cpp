#include <doctest/doctest.h>

#include <string>

#include "logic/kubelet_settings.hpp"

using namespace scanner::kubernetes_worker;

namespace {

constexpr int64_t hour = int64_t{3600} * 1'000'000'000;

located_config config_at(const std::string& path, const std::string& body) {
    auto parsed = parse_kubelet_config(
        "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + body);
    REQUIRE_MESSAGE(parsed.ok(), (parsed ? "" : parsed.error().describe()));
    return {path, parsed.value()};
}

located_flags flags_from(const std::vector<std::string>& args) {
    auto parsed = parse_kubelet_flags(args);
    REQUIRE(parsed.ok());
    return {"/proc/812/cmdline", parsed.value()};
}

}  // namespace

TEST_CASE("with a --config file the kubelet's v1beta1 defaults apply") {
    auto file = config_at("/etc/kubernetes/kubelet/config", "");
    auto s = resolve_kubelet_settings(&file, {}, nullptr);
    CHECK(s.uses_config_file);
    CHECK(s.anonymous_auth.value == false);
    CHECK(s.authorization_mode.value == "Webhook");
    CHECK(s.read_only_port.value == 0);
    CHECK(s.streaming_connection_idle_timeout.value == 4 * hour);
    CHECK(s.make_iptables_util_chains.value);
    CHECK_FALSE(s.rotate_certificates.value);
    CHECK(s.rotate_kubelet_server_certificate.value);
    CHECK_FALSE(s.tls_cipher_suites.value);
    CHECK(s.pod_pids_limit.value == -1);
    CHECK_FALSE(s.seccomp_default.value);
    CHECK(s.read_only_port.origin.kind == origin_kind::kubelet_default);
    CHECK(s.read_only_port.origin.source == "/etc/kubernetes/kubelet/config");
}

TEST_CASE("without a --config file the kubelet's legacy command-line defaults apply") {
    auto flags = flags_from({"--kubeconfig=/k"});
    auto s = resolve_kubelet_settings(nullptr, {}, &flags);
    CHECK_FALSE(s.uses_config_file);
    CHECK(s.anonymous_auth.value);  // --anonymous-auth defaults to true
    CHECK(s.authorization_mode.value == "AlwaysAllow");
    CHECK(s.read_only_port.value == 10255);
    CHECK(s.streaming_connection_idle_timeout.value == 4 * hour);
    CHECK(s.anonymous_auth.origin.source.empty());
}

TEST_CASE("the config file, then drop-ins, then flags, as the kubelet applies them") {
    auto file = config_at("/etc/kubernetes/kubelet/config",
                          "readOnlyPort: 10255\n"
                          "authentication:\n  anonymous:\n    enabled: false\n"
                          "featureGates:\n  RotateKubeletServerCertificate: false\n");
    auto drop_in = config_at("/etc/kubernetes/kubelet/config.d/10-a.conf", "readOnlyPort: 1\n");
    auto flags = flags_from({"--anonymous-auth=true", "--read-only-port=0"});

    auto file_only = resolve_kubelet_settings(&file, {}, nullptr);
    CHECK(file_only.read_only_port.value == 10255);
    CHECK(file_only.read_only_port.origin.kind == origin_kind::config_file);
    CHECK(file_only.read_only_port.origin.line == 3);
    CHECK_FALSE(file_only.rotate_kubelet_server_certificate.value);

    auto with_drop_in = resolve_kubelet_settings(&file, {drop_in}, nullptr);
    CHECK(with_drop_in.read_only_port.value == 1);
    CHECK(with_drop_in.read_only_port.origin.kind == origin_kind::config_drop_in);

    auto all = resolve_kubelet_settings(&file, {drop_in}, &flags);
    CHECK(all.read_only_port.value == 0);
    CHECK(all.read_only_port.origin.kind == origin_kind::command_line);
    CHECK(all.read_only_port.origin.text == "--read-only-port=0");
    CHECK(all.anonymous_auth.value);
    CHECK(all.anonymous_auth.origin.source == "/proc/812/cmdline");
}

TEST_CASE("a zero streaming timeout in the config file is the default, on the command line not") {
    auto file = config_at("/c", "streamingConnectionIdleTimeout: 0s\n");
    auto from_file = resolve_kubelet_settings(&file, {}, nullptr);
    CHECK(from_file.streaming_connection_idle_timeout.value == 4 * hour);
    REQUIRE(from_file.streaming_zero_replaced);
    CHECK(from_file.streaming_zero_replaced->text == "0s");
    CHECK(from_file.streaming_zero_replaced->line == 3);

    auto flags = flags_from({"--streaming-connection-idle-timeout=0"});
    auto from_flag = resolve_kubelet_settings(&file, {}, &flags);
    CHECK(from_flag.streaming_connection_idle_timeout.value == 0);

    // A drop-in is merged after defaulting, so its zero stays zero.
    auto drop_in = config_at("/d/1.conf", "streamingConnectionIdleTimeout: 0s\n");
    CHECK(resolve_kubelet_settings(&file, {drop_in}, nullptr)
              .streaming_connection_idle_timeout.value == 0);
}

TEST_CASE("feature gates merge per gate, seccomp is on when either source says so") {
    auto file = config_at("/c",
                          "seccompDefault: true\n"
                          "featureGates:\n  RotateKubeletServerCertificate: true\n");
    auto flags = flags_from(
        {"--feature-gates=RotateKubeletServerCertificate=false", "--seccomp-default=false"});
    auto s = resolve_kubelet_settings(&file, {}, &flags);
    CHECK_FALSE(s.rotate_kubelet_server_certificate.value);
    CHECK(s.rotate_kubelet_server_certificate.origin.kind == origin_kind::command_line);
    CHECK(s.seccomp_default.value);
    CHECK(s.seccomp_default.origin.kind == origin_kind::config_file);

    auto on = flags_from({"--seccomp-default"});
    auto no_file = resolve_kubelet_settings(nullptr, {}, &on);
    CHECK(no_file.seccomp_default.value);
}

TEST_CASE("relative paths resolve against the config file's directory or /") {
    auto file = config_at("/etc/kubernetes/kubelet/config",
                          "authentication:\n  x509:\n    clientCAFile: pki/ca.crt\n"
                          "tlsCertFile: /abs/cert\n");
    auto s = resolve_kubelet_settings(&file, {}, nullptr);
    CHECK(s.client_ca_file.value == "/etc/kubernetes/kubelet/pki/ca.crt");
    CHECK(s.tls_cert_file.value == "/abs/cert");

    auto flags = flags_from({"--tls-private-key-file=key.pem"});
    CHECK(resolve_kubelet_settings(&file, {}, &flags).tls_private_key_file.value == "/key.pem");
}

TEST_CASE("podPidsLimit below zero in the file is the default -1") {
    auto file = config_at("/c", "podPidsLimit: -5\n");
    CHECK(resolve_kubelet_settings(&file, {}, nullptr).pod_pids_limit.value == -1);
}

TEST_CASE("describe_origin and evidence_of say where a value comes from") {
    setting_names names{"readOnlyPort", "--read-only-port"};
    setting_origin file{origin_kind::config_file, "/c", 7, "10255"};
    CHECK(describe_origin(file, names, "10255") == "readOnlyPort: 10255 (/c line 7)");
    CHECK(evidence_of(file, names, "10255") ==
          std::pair<std::string, std::string>{"/c:7", "readOnlyPort: 10255"});

    setting_origin drop_in{origin_kind::config_drop_in, "/d/1.conf", 2, "1"};
    CHECK(describe_origin(drop_in, names, "1") ==
          "readOnlyPort: 1 (/d/1.conf line 2, a --config-dir drop-in)");

    setting_origin flag{origin_kind::command_line, "/proc/9/cmdline", 0, "--read-only-port=1"};
    CHECK(describe_origin(flag, names, "1") ==
          "--read-only-port=1 on the kubelet command line (/proc/9/cmdline)");
    CHECK(evidence_of(flag, names, "1").first == "kubelet command line (/proc/9/cmdline)");

    setting_origin file_default{origin_kind::kubelet_default, "/c", 0, ""};
    CHECK(describe_origin(file_default, names, "0") ==
          "readOnlyPort is not set in /c, so the kubelet default 0 applies");
    setting_origin legacy{origin_kind::kubelet_default, "", 0, ""};
    CHECK(describe_origin(legacy, names, "10255") ==
          "the kubelet runs without --config, so its default --read-only-port=10255 applies");
    CHECK(evidence_of(legacy, names, "10255") ==
          std::pair<std::string, std::string>{"kubelet default without --config",
                                              "--read-only-port=10255"});
}
