#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "logic/kubelet_flags.hpp"

using namespace scanner::kubernetes_worker;

namespace {

kubelet_flags parse_ok(const std::vector<std::string>& args) {
    auto parsed = parse_kubelet_flags(args);
    REQUIRE_MESSAGE(parsed.ok(), (parsed ? "" : parsed.error().message));
    return parsed.value();
}

}  // namespace

TEST_CASE("parse_kubelet_flags reads Bottlerocket's command line") {
    auto f = parse_ok({"--cloud-provider", "external", "--kubeconfig",
                       "/etc/kubernetes/kubelet/kubeconfig", "--config",
                       "/etc/kubernetes/kubelet/config",
                       "--container-runtime-endpoint=unix:///run/containerd/containerd.sock",
                       "--node-ip", "192.168.84.28", "--register-with-taints", "",
                       "--pod-infra-container-image", "pause:3.1"});
    CHECK(f.config->value == "/etc/kubernetes/kubelet/config");
    CHECK(f.config->text == "--config /etc/kubernetes/kubelet/config");
    CHECK(f.kubeconfig->value == "/etc/kubernetes/kubelet/kubeconfig");
    CHECK_FALSE(f.anonymous_auth);
    CHECK(f.positional.empty());
}

TEST_CASE("parse_kubelet_flags follows pflag's syntax") {
    // --flag=value.
    CHECK(parse_ok({"--read-only-port=10255"}).read_only_port->value == 10255);
    // --flag value.
    CHECK(parse_ok({"--read-only-port", "0"}).read_only_port->value == 0);
    // A boolean flag alone means true.
    CHECK(parse_ok({"--anonymous-auth"}).anonymous_auth->value);
    // A boolean flag never takes the next argument: it becomes a positional word.
    auto f = parse_ok({"--anonymous-auth", "false"});
    CHECK(f.anonymous_auth->value);
    CHECK(f.positional == std::vector<std::string>{"false"});
    // Go's ParseBool spellings.
    CHECK_FALSE(parse_ok({"--anonymous-auth=0"}).anonymous_auth->value);
    CHECK_FALSE(parse_ok({"--anonymous-auth=F"}).anonymous_auth->value);
    // Underscores normalize to dashes.
    CHECK(parse_ok({"--read_only_port=5"}).read_only_port->value == 5);
    // The last occurrence wins.
    CHECK(parse_ok({"--read-only-port=1", "--read-only-port=0"}).read_only_port->value == 0);
    // Durations as Go reads them.
    CHECK(parse_ok({"--streaming-connection-idle-timeout=0"})
              .streaming_connection_idle_timeout->value == 0);
    CHECK(parse_ok({"--streaming-connection-idle-timeout", "5m"})
              .streaming_connection_idle_timeout->value == int64_t{300} * 1'000'000'000);
    // Integers as Go's ParseInt(s, 0, n) reads them.
    CHECK(parse_ok({"--pod-max-pids=0x10"}).pod_max_pids->value == 16);
    CHECK(parse_ok({"--pod-max-pids=-1"}).pod_max_pids->value == -1);
    // --rotate-server-certificates is serverTLSBootstrap.
    CHECK(parse_ok({"--rotate-server-certificates"}).rotate_server_certificates->value);
    // `--` ends the flags.
    CHECK_FALSE(parse_ok({"--", "--anonymous-auth"}).anonymous_auth);
    // Unknown flags are skipped with their value, and a shorthand with its value.
    auto skipped = parse_ok({"--node-labels", "a=b", "-v", "2", "--seccomp-default"});
    CHECK(skipped.seccomp_default->value);
    CHECK(skipped.positional.empty());
    // An unknown boolean flag does not swallow the next word.
    auto boolean = parse_ok({"--fail-swap-on", "--config", "/c"});
    CHECK(boolean.config->value == "/c");
}

TEST_CASE("parse_kubelet_flags accumulates feature gates and cipher suites") {
    auto f = parse_ok({"--feature-gates=RotateKubeletServerCertificate=false, SeccompDefault=true",
                       "--feature-gates", "RotateKubeletServerCertificate=true",
                       "--tls-cipher-suites=A,B", "--tls-cipher-suites=C"});
    CHECK(f.feature_gates.at("RotateKubeletServerCertificate").value);
    CHECK(f.feature_gates.at("SeccompDefault").value);
    CHECK(f.tls_cipher_suites->value == std::vector<std::string>{"A", "B", "C"});
    // An empty list.
    CHECK(parse_ok({"--tls-cipher-suites="}).tls_cipher_suites->value.empty());
}

TEST_CASE("parse_kubelet_flags refuses values the kubelet refuses") {
    const std::pair<std::vector<std::string>, std::string> cases[] = {
        // Not a boolean.
        {{"--anonymous-auth=maybe"},
         "invalid kubelet argument --anonymous-auth=maybe: expected true or false"},
        // Not an integer.
        {{"--read-only-port", "abc"},
         "invalid kubelet argument --read-only-port abc: expected an integer in range"},
        // Out of int32 range.
        {{"--read-only-port=4294967296"},
         "invalid kubelet argument --read-only-port=4294967296: expected an integer in range"},
        // Not a duration.
        {{"--streaming-connection-idle-timeout=5"},
         "invalid kubelet argument --streaming-connection-idle-timeout=5: expected a duration "
         "such as 4h0m0s"},
        // A malformed gate.
        {{"--feature-gates=RotateKubeletServerCertificate"},
         "invalid kubelet argument --feature-gates=RotateKubeletServerCertificate: expected "
         "name=true or name=false pairs"},
        // A value-taking flag at the end.
        {{"--config"}, "invalid kubelet argument --config: the flag needs a value"},
    };
    for (const auto& [args, message] : cases) {
        CAPTURE(message);
        auto parsed = parse_kubelet_flags(args);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message == message);
    }
}
