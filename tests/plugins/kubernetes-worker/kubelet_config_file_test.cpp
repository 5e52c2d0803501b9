#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "logic/kubelet_config_file.hpp"

using namespace scanner::kubernetes_worker;

namespace {

const std::string header =
    "apiVersion: kubelet.config.k8s.io/v1beta1\n"
    "kind: KubeletConfiguration\n";

// The error of parsing header + body, or "" when it parses.
std::string error_of(std::string_view body, bool with_header = true) {
    auto parsed = parse_kubelet_config((with_header ? header : "") + std::string(body));
    return parsed ? "" : parsed.error().describe();
}

kubelet_config_file parse_ok(std::string_view body) {
    auto parsed = parse_kubelet_config(header + std::string(body));
    REQUIRE_MESSAGE(parsed.ok(), (parsed ? "" : parsed.error().describe()));
    return parsed.value();
}

}  // namespace

TEST_CASE("parse_kubelet_config reads Bottlerocket's YAML layout with lines and text") {
    auto c = parse_ok(
        "authentication:\n"
        "  anonymous:\n"
        "    enabled: false\n"
        "  webhook:\n"
        "    enabled: true\n"
        "  x509:\n"
        "    clientCAFile: \"/etc/kubernetes/pki/ca.crt\"\n"
        "authorization:\n"
        "  mode: Webhook\n"
        "readOnlyPort: 0\n"
        "streamingConnectionIdleTimeout: 4h0m0s\n"
        "serverTLSBootstrap: true\n"
        "featureGates:\n"
        "  RotateKubeletServerCertificate: true\n"
        "podPidsLimit: 1024\n"
        "tlsCipherSuites:\n"
        "  - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n");
    REQUIRE(c.anonymous_auth);
    CHECK(c.anonymous_auth->value == false);
    CHECK(c.anonymous_auth->line == 5);
    CHECK(c.client_ca_file->value == "/etc/kubernetes/pki/ca.crt");
    CHECK(c.authorization_mode->value == "Webhook");
    CHECK(c.read_only_port->value == 0);
    CHECK(c.streaming_connection_idle_timeout->value == int64_t{4} * 3600 * 1'000'000'000);
    CHECK(c.streaming_connection_idle_timeout->text == "4h0m0s");
    CHECK(c.server_tls_bootstrap->value);
    CHECK(c.feature_gates.at("RotateKubeletServerCertificate").value);
    CHECK(c.pod_pids_limit->value == 1024);
    CHECK(c.tls_cipher_suites->value.size() == 1);
    CHECK_FALSE(c.rotate_certificates);  // absent fields stay empty
    CHECK_FALSE(c.seccomp_default);
}

TEST_CASE("parse_kubelet_config reads EKS's JSON layout") {
    auto parsed = parse_kubelet_config(
        "{\n"
        "  \"kind\": \"KubeletConfiguration\",\n"
        "  \"apiVersion\": \"kubelet.config.k8s.io/v1beta1\",\n"
        "  \"authentication\": {\"anonymous\": {\"enabled\": false}},\n"
        "  \"readOnlyPort\": 0,\n"
        "  \"streamingConnectionIdleTimeout\": \"0s\",\n"
        "  \"tlsCipherSuites\": [\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\"]\n"
        "}\n");
    REQUIRE(parsed.ok());
    CHECK(parsed->anonymous_auth->value == false);
    CHECK(parsed->anonymous_auth->line == 4);
    CHECK(parsed->streaming_connection_idle_timeout->value == 0);
    CHECK(parsed->tls_cipher_suites->value.front() == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
}

TEST_CASE("parse_kubelet_config types values as the kubelet's YAML reader does") {
    // YAML 1.1 booleans are booleans for the kubelet.
    CHECK(parse_ok("rotateCertificates: yes\n").rotate_certificates->value);
    CHECK_FALSE(parse_ok("rotateCertificates: off\n").rotate_certificates->value);
    // A whole float decodes into an integer field.
    CHECK(parse_ok("readOnlyPort: 10255.0\n").read_only_port->value == 10255);
    // Hexadecimal integers.
    CHECK(parse_ok("readOnlyPort: 0x0\n").read_only_port->value == 0);
    // A quoted duration is a string like a plain one.
    CHECK(parse_ok("streamingConnectionIdleTimeout: \"5m\"\n")
              .streaming_connection_idle_timeout->value == int64_t{300} * 1'000'000'000);
    // A quoted "0" is the duration zero, which Go accepts without a unit.
    CHECK(parse_ok("streamingConnectionIdleTimeout: \"0\"\n")
              .streaming_connection_idle_timeout->value == 0);
    // Null means unset.
    CHECK_FALSE(parse_ok("readOnlyPort: ~\nauthentication:\n").read_only_port);
    // !!str forces a string.
    CHECK(parse_ok("authorization:\n  mode: !!str Webhook\n").authorization_mode->value ==
          "Webhook");
    // Unknown fields are ignored, like the kubelet's lenient decoding does.
    CHECK_FALSE(parse_ok("someFutureField: {a: 1}\n").read_only_port);
    // A duplicated key: the last one wins.
    CHECK(parse_ok("readOnlyPort: 10255\nreadOnlyPort: 0\n").read_only_port->value == 0);
}

TEST_CASE("parse_kubelet_config resolves anchors, aliases and merge keys") {
    auto c = parse_ok(
        "defaults: &auth\n"
        "  anonymous:\n"
        "    enabled: false\n"
        "authentication: *auth\n"
        "base: &base {readOnly: 1}\n"
        "featureGates:\n"
        "  <<: {RotateKubeletServerCertificate: false, SeccompDefault: true}\n"
        "  RotateKubeletServerCertificate: true\n");
    CHECK(c.anonymous_auth->value == false);
    // An explicit key beats the merged one.
    CHECK(c.feature_gates.at("RotateKubeletServerCertificate").value);
    CHECK(c.feature_gates.at("SeccompDefault").value);
}

namespace {

struct error_case {
    std::string_view name;
    std::string_view text;
    bool with_header;
    std::string_view expected;  // the whole describe() text
};

}  // namespace

TEST_CASE("parse_kubelet_config refuses what the kubelet refuses, naming the line") {
    const error_case cases[] = {
        {"empty file", "", false, "the file is empty (it holds no YAML document)"},
        {"comments only", "# nothing here\n", false,
         "the file is empty (it holds no YAML document)"},
        {"several documents", "a: 1\n---\nb: 2\n", true,
         "line 5: the file holds 2 YAML documents; a configuration file must hold exactly one"},
        {"invalid UTF-8", "clusterDomain: caf\xe9\n", true,
         "line 3: the file contains bytes that are not valid UTF-8"},
        {"syntax error", "authentication: [\n", true,
         "line 4: cannot parse YAML: end of sequence flow not found"},
        {"top level is a list", "- a\n", false,
         "line 1: the top level must be a mapping, got a list"},
        {"no kind", "readOnlyPort: 0\n", false,
         "line 1: kind or apiVersion is missing; the kubelet needs kind: KubeletConfiguration and "
         "apiVersion: kubelet.config.k8s.io/v1beta1"},
        {"wrong kind", "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeProxyConfiguration\n",
         false,
         "line 2: kind must be KubeletConfiguration, got the string \"KubeProxyConfiguration\""},
        {"quoted boolean", "authentication:\n  anonymous:\n    enabled: \"false\"\n", true,
         "line 5: authentication.anonymous.enabled must be a boolean (true or false), got the "
         "quoted string \"false\""},
        {"integer where a duration belongs", "streamingConnectionIdleTimeout: 0\n", true,
         "line 3: streamingConnectionIdleTimeout must be a duration string such as \"4h0m0s\", got "
         "the integer 0"},
        {"invalid duration", "streamingConnectionIdleTimeout: 4 hours\n", true,
         "line 3: streamingConnectionIdleTimeout = \"4 hours\" is not a valid duration"},
        {"string where an integer belongs", "readOnlyPort: \"0\"\n", true,
         "line 3: readOnlyPort must be an integer, got the quoted string \"0\""},
        {"fraction where an integer belongs", "podPidsLimit: 1.5\n", true,
         "line 3: podPidsLimit must be an integer, got the number 1.5"},
        {"int32 overflow", "readOnlyPort: 4294967296\n", true,
         "line 3: readOnlyPort = 4294967296 is out of range"},
        {"boolean where a string belongs", "authorization:\n  mode: on\n", true,
         "line 4: authorization.mode must be a string (quote it), got the boolean on"},
        {"scalar where a mapping belongs", "authentication: true\n", true,
         "line 3: authentication must be a mapping, got the boolean true"},
        {"mapping where a list belongs", "tlsCipherSuites: {a: b}\n", true,
         "line 3: tlsCipherSuites must be a list of strings, got a mapping"},
        {"integer in a list of strings", "tlsCipherSuites: [1]\n", true,
         "line 3: tlsCipherSuites[] must be a string, got the integer 1"},
        {"string as a feature gate", "featureGates:\n  RotateKubeletServerCertificate: \"yes\"\n",
         true,
         "line 4: featureGates.RotateKubeletServerCertificate must be a boolean (true or false), "
         "got the quoted string \"yes\""},
        {"merge of a scalar", "featureGates:\n  <<: 1\n", true,
         "line 4: a merge key (<<) must name a mapping"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(error_of(c.text, c.with_header) == c.expected);
    }
}

TEST_CASE("parse_kubelet_config survives hostile inputs") {
    // A 10 MB file of unknown fields parses; the fields that matter are still found.
    std::string big = header;
    big.reserve(11 * 1024 * 1024);
    for (int i = 0; big.size() < 10 * 1024 * 1024; ++i) {
        big += "field" + std::to_string(i) + ": \"" + std::string(100, 'x') + "\"\n";
    }
    big += "readOnlyPort: 10255\n";
    auto parsed = parse_kubelet_config(big);
    REQUIRE(parsed.ok());
    CHECK(parsed->read_only_port->value == 10255);

    // Deep nesting is refused with an error, never a crash.
    std::string deep = header + "x: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    CHECK_FALSE(parse_kubelet_config(deep).ok());
    std::string deep_block = header + "x:\n";
    for (int i = 1; i < 5000; ++i) deep_block += std::string(i, ' ') + "- \n";
    CHECK_NOTHROW(parse_kubelet_config(deep_block));

    // A merge key that merges itself stops.
    CHECK(error_of("featureGates: &g\n  <<: *g\n").find("merge keys (<<)") != std::string::npos);

    // Merge keys that multiply (each level merges ten aliases of the one below) are refused.
    std::string laughs = "l0: &l0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 0}\n";
    for (int level = 1; level <= 9; ++level) {
        std::string prev = "*l" + std::to_string(level - 1);
        laughs += "l" + std::to_string(level) + ": &l" + std::to_string(level) + "\n  <<: [";
        for (int k = 0; k < 10; ++k) laughs += (k ? ", " : "") + prev;
        laughs += "]\n";
    }
    laughs += "featureGates:\n  <<: *l9\n";
    CHECK(error_of(laughs).find("expand to too many entries") != std::string::npos);

    // A NUL byte inside a value.
    CHECK_NOTHROW(parse_kubelet_config(header + std::string("a: \"x\0y\"\n", 10)));
}
