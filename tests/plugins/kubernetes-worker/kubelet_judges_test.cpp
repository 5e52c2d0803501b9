#include <doctest/doctest.h>

#include <cerrno>
#include <functional>
#include <string>

#include "logic/kubelet_judges.hpp"

using namespace scanner::kubernetes_worker;
using scanner::sdk::status;

namespace {

const std::string config_path = "/etc/kubernetes/kubelet/config";

// Settings from a config file body and optional flags, as the plugin resolves them.
kubelet_settings settings(const std::string& body, const std::vector<std::string>& args = {},
                          bool with_file = true) {
    located_config file;
    if (with_file) {
        auto parsed = parse_kubelet_config(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + body);
        REQUIRE_MESSAGE(parsed.ok(), (parsed ? "" : parsed.error().describe()));
        file = {config_path, parsed.value()};
    }
    auto flags = parse_kubelet_flags(args);
    REQUIRE(flags.ok());
    located_flags command_line{"/etc/systemd/system/kubelet.service.d/exec-start.conf",
                               flags.value()};
    return resolve_kubelet_settings(with_file ? &file : nullptr, {}, &command_line);
}

file_facts existing(const std::string& path) { return {path, 0, "", 0100600, 0, 0}; }
file_facts missing(const std::string& path) {
    return {path, ENOENT, "No such file or directory", 0, 0, 0};
}
file_facts unreadable(const std::string& path) {
    return {path, EACCES, "Permission denied", 0, 0, 0};
}

struct judge_case {
    std::string_view name;
    std::function<verdict()> judge;
    status expected;
    std::string_view reason;  // the whole reason
};

void check_cases(const std::vector<judge_case>& cases) {
    for (const auto& c : cases) {
        CAPTURE(c.name);
        verdict v = c.judge();
        CHECK(v.status == c.expected);
        CHECK(v.reason == c.reason);
        CHECK_FALSE(v.evidence.empty());
    }
}

}  // namespace

TEST_CASE("4.2.1 judge_anonymous_auth") {
    check_cases({
        {"disabled in the file",
         [] {
             return judge_anonymous_auth(
                 settings("authentication:\n  anonymous:\n    enabled: false\n"));
         },
         status::pass, ""},
        {"absent: the v1beta1 default is false", [] { return judge_anonymous_auth(settings("")); },
         status::pass, ""},
        {"enabled in the file",
         [] {
             return judge_anonymous_auth(
                 settings("authentication:\n  anonymous:\n    enabled: true\n"));
         },
         status::fail,
         "anonymous requests to the kubelet are allowed: authentication.anonymous.enabled: true "
         "(/etc/kubernetes/kubelet/config line 5)"},
        {"a flag in the unit overrides the file",
         [] {
             return judge_anonymous_auth(settings(
                 "authentication:\n  anonymous:\n    enabled: false\n", {"--anonymous-auth=true"}));
         },
         status::fail,
         "anonymous requests to the kubelet are allowed: --anonymous-auth=true on the kubelet "
         "command line (/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
        {"no --config: the legacy default is true",
         [] { return judge_anonymous_auth(settings("", {}, false)); }, status::fail,
         "anonymous requests to the kubelet are allowed: the kubelet runs without --config, so "
         "its default --anonymous-auth=true applies"},
    });
}

TEST_CASE("4.2.2 judge_authorization_mode") {
    check_cases({
        {"Webhook",
         [] { return judge_authorization_mode(settings("authorization:\n  mode: Webhook\n")); },
         status::pass, ""},
        {"absent: Webhook by default", [] { return judge_authorization_mode(settings("")); },
         status::pass, ""},
        {"AlwaysAllow in the file",
         [] { return judge_authorization_mode(settings("authorization:\n  mode: AlwaysAllow\n")); },
         status::fail,
         "the kubelet authorizes every request (AlwaysAllow): authorization.mode: AlwaysAllow "
         "(/etc/kubernetes/kubelet/config line 4)"},
        {"AlwaysAllow on the command line",
         [] {
             return judge_authorization_mode(settings("", {"--authorization-mode=AlwaysAllow"}));
         },
         status::fail,
         "the kubelet authorizes every request (AlwaysAllow): --authorization-mode=AlwaysAllow on "
         "the kubelet command line (/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
    });
}

TEST_CASE("4.2.3 judge_client_ca_file") {
    const std::string ca =
        "authentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n";
    check_cases({
        {"set and present",
         [&] { return judge_client_ca_file(settings(ca), existing("/etc/kubernetes/pki/ca.crt")); },
         status::pass, ""},
        {"not set", [] { return judge_client_ca_file(settings(""), missing("")); }, status::fail,
         "no client CA file is set, so client certificates are not verified: "
         "authentication.x509.clientCAFile is not set in /etc/kubernetes/kubelet/config, so the "
         "kubelet default \"\" applies"},
        {"set but missing",
         [&] { return judge_client_ca_file(settings(ca), missing("/etc/kubernetes/pki/ca.crt")); },
         status::fail,
         "the client CA file /etc/kubernetes/pki/ca.crt does not exist "
         "(authentication.x509.clientCAFile: /etc/kubernetes/pki/ca.crt "
         "(/etc/kubernetes/kubelet/config line 5))"},
        {"cannot be examined",
         [&] {
             return judge_client_ca_file(settings(ca), unreadable("/etc/kubernetes/pki/ca.crt"));
         },
         status::error, "cannot examine /etc/kubernetes/pki/ca.crt: Permission denied"},
    });
}

TEST_CASE("4.2.4 judge_read_only_port") {
    check_cases({
        {"0", [] { return judge_read_only_port(settings("readOnlyPort: 0\n")); }, status::pass, ""},
        {"absent: the kubelet's default is 0, not a parse failure",
         [] { return judge_read_only_port(settings("")); }, status::pass, ""},
        {"10255 in the file",
         [] { return judge_read_only_port(settings("readOnlyPort: 10255\n")); }, status::fail,
         "the unauthenticated read-only port 10255 is open, expected 0: readOnlyPort: 10255 "
         "(/etc/kubernetes/kubelet/config line 3)"},
        {"10255 on the command line",
         [] {
             return judge_read_only_port(
                 settings("readOnlyPort: 0\n", {"--read-only-port", "10255"}));
         },
         status::fail,
         "the unauthenticated read-only port 10255 is open, expected 0: --read-only-port 10255 on "
         "the kubelet command line (/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
        {"no --config: the legacy default 10255",
         [] { return judge_read_only_port(settings("", {}, false)); }, status::fail,
         "the unauthenticated read-only port 10255 is open, expected 0: the kubelet runs without "
         "--config, so its default --read-only-port=10255 applies"},
    });
}

TEST_CASE("4.2.5 judge_streaming_connection_idle_timeout") {
    check_cases({
        {"4h0m0s",
         [] {
             return judge_streaming_connection_idle_timeout(
                 settings("streamingConnectionIdleTimeout: 4h0m0s\n"));
         },
         status::pass, ""},
        {"0s in the file is replaced by the 4h default",
         [] {
             return judge_streaming_connection_idle_timeout(
                 settings("streamingConnectionIdleTimeout: 0s\n"));
         },
         status::pass, ""},
        {"0 on the command line disables the timeout",
         [] {
             return judge_streaming_connection_idle_timeout(
                 settings("", {"--streaming-connection-idle-timeout=0"}));
         },
         status::fail,
         "idle streaming connections never time out (timeout 0s): "
         "--streaming-connection-idle-timeout=0 on the kubelet command line "
         "(/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
    });
    // The replaced zero is in the evidence.
    auto v =
        judge_streaming_connection_idle_timeout(settings("streamingConnectionIdleTimeout: 0s\n"));
    CHECK(v.evidence.front().source == "/etc/kubernetes/kubelet/config:3");
}

TEST_CASE("4.2.6 judge_make_iptables_util_chains") {
    check_cases({
        {"absent: true by default", [] { return judge_make_iptables_util_chains(settings("")); },
         status::pass, ""},
        {"false in the file",
         [] {
             return judge_make_iptables_util_chains(settings("makeIPTablesUtilChains: false\n"));
         },
         status::fail,
         "the kubelet does not manage its iptables utility chains: makeIPTablesUtilChains: false "
         "(/etc/kubernetes/kubelet/config line 3)"},
        {"false on the command line",
         [] {
             return judge_make_iptables_util_chains(
                 settings("", {"--make-iptables-util-chains=false"}));
         },
         status::fail,
         "the kubelet does not manage its iptables utility chains: "
         "--make-iptables-util-chains=false on the kubelet command line "
         "(/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
    });
}

TEST_CASE("4.2.9 judge_tls_files") {
    const std::string both = "tlsCertFile: /pki/kubelet.crt\ntlsPrivateKeyFile: /pki/kubelet.key\n";
    check_cases({
        {"both set and present",
         [&] {
             return judge_tls_files(settings(both), existing("/pki/kubelet.crt"),
                                    existing("/pki/kubelet.key"));
         },
         status::pass, ""},
        {"neither set, serverTLSBootstrap requests the certificate",
         [] {
             return judge_tls_files(settings("serverTLSBootstrap: true\n"), missing(""),
                                    missing(""));
         },
         status::pass, ""},
        {"neither set, bootstrap by flag",
         [] {
             return judge_tls_files(settings("", {"--rotate-server-certificates"}), missing(""),
                                    missing(""));
         },
         status::pass, ""},
        {"neither set, no bootstrap: self-signed",
         [] { return judge_tls_files(settings(""), missing(""), missing("")); }, status::fail,
         "no tlsCertFile and tlsPrivateKeyFile are set and serverTLSBootstrap is off, so the "
         "kubelet serves a self-signed certificate: tlsCertFile is not set in "
         "/etc/kubernetes/kubelet/config, so the kubelet default \"\" applies"},
        {"bootstrap without its feature gate",
         [] {
             return judge_tls_files(settings("serverTLSBootstrap: true\nfeatureGates:\n"
                                             "  RotateKubeletServerCertificate: false\n"),
                                    missing(""), missing(""));
         },
         status::fail,
         "no serving certificate is set and serverTLSBootstrap cannot request one while the "
         "RotateKubeletServerCertificate feature gate is off (the kubelet refuses this "
         "combination): "
         "featureGates.RotateKubeletServerCertificate: false (/etc/kubernetes/kubelet/config line "
         "5)"},
        {"only the certificate set",
         [] {
             return judge_tls_files(settings("tlsCertFile: /pki/kubelet.crt\n"),
                                    existing("/pki/kubelet.crt"), missing(""));
         },
         status::fail,
         "tlsPrivateKeyFile is not set while tlsCertFile is: tlsPrivateKeyFile is not set in "
         "/etc/kubernetes/kubelet/config, so the kubelet default \"\" applies"},
        {"the key file is missing",
         [&] {
             return judge_tls_files(settings(both), existing("/pki/kubelet.crt"),
                                    missing("/pki/kubelet.key"));
         },
         status::fail,
         "the kubelet's serving certificate files are missing: /pki/kubelet.key does not exist"},
        {"the key file cannot be examined",
         [&] {
             return judge_tls_files(settings(both), existing("/pki/kubelet.crt"),
                                    unreadable("/pki/kubelet.key"));
         },
         status::error, "cannot examine /pki/kubelet.key: Permission denied"},
    });
}

TEST_CASE("4.2.10 judge_rotate_certificates") {
    client_credentials exec_user{"/etc/kubernetes/kubelet/kubeconfig",
                                 kubeconfig_user{"kubelet", client_auth_kind::exec_plugin,
                                                 "/usr/bin/aws-iam-authenticator", 12},
                                 "", std::nullopt};
    client_credentials token_user = exec_user;
    token_user.user->kind = client_auth_kind::token;
    client_credentials cert_user = exec_user;
    cert_user.user->kind = client_auth_kind::client_certificate;
    client_credentials unknown{"/k", std::nullopt, "cannot read: No such file or directory",
                               std::nullopt};
    client_credentials bootstrap = exec_user;
    bootstrap.bootstrap_flag = "--bootstrap-kubeconfig=/b";

    check_cases({
        {"true",
         [&] {
             return judge_rotate_certificates(settings("rotateCertificates: true\n"), cert_user);
         },
         status::pass, ""},
        {"false with a client certificate",
         [&] { return judge_rotate_certificates(settings(""), cert_user); }, status::fail,
         "client certificates do not rotate: rotateCertificates is not set in "
         "/etc/kubernetes/kubelet/config, so the kubelet default false applies"},
        {"false with an exec plugin: not applicable",
         [&] { return judge_rotate_certificates(settings(""), exec_user); }, status::skip,
         "not applicable: the kubelet authenticates to the API server with the exec credential "
         "plugin /usr/bin/aws-iam-authenticator (/etc/kubernetes/kubelet/kubeconfig, user "
         "kubelet), not with a client certificate that could rotate"},
        {"false with a token: not applicable",
         [&] { return judge_rotate_certificates(settings(""), token_user); }, status::skip,
         "not applicable: the kubelet authenticates to the API server with a bearer token "
         "(/etc/kubernetes/kubelet/kubeconfig, user kubelet), not with a client certificate that "
         "could rotate"},
        {"false with a bootstrap kubeconfig",
         [&] { return judge_rotate_certificates(settings(""), bootstrap); }, status::fail,
         "client certificates do not rotate: rotateCertificates is not set in "
         "/etc/kubernetes/kubelet/config, so the kubelet default false applies; the kubelet "
         "bootstraps a client certificate (--bootstrap-kubeconfig=/b)"},
        {"false by flag, kubeconfig unreadable",
         [&] {
             return judge_rotate_certificates(
                 settings("rotateCertificates: true\n", {"--rotate-certificates=false"}), unknown);
         },
         status::fail,
         "client certificates do not rotate: --rotate-certificates=false on the kubelet command "
         "line (/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
    });
}

TEST_CASE("4.2.11 judge_rotate_server_certificate_gate") {
    check_cases({
        {"absent: on by default", [] { return judge_rotate_server_certificate_gate(settings("")); },
         status::pass, ""},
        {"off in the file",
         [] {
             return judge_rotate_server_certificate_gate(
                 settings("featureGates:\n  RotateKubeletServerCertificate: false\n"));
         },
         status::fail,
         "the RotateKubeletServerCertificate feature gate is off: "
         "featureGates.RotateKubeletServerCertificate: false (/etc/kubernetes/kubelet/config line "
         "4)"},
        {"off by flag",
         [] {
             return judge_rotate_server_certificate_gate(
                 settings("", {"--feature-gates=RotateKubeletServerCertificate=false"}));
         },
         status::fail,
         "the RotateKubeletServerCertificate feature gate is off: "
         "--feature-gates=RotateKubeletServerCertificate=false on the kubelet command line "
         "(/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
    });
}

TEST_CASE("4.2.12 judge_tls_cipher_suites") {
    check_cases({
        {"strong suites only",
         [] {
             return judge_tls_cipher_suites(
                 settings("tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "
                          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256]\n"));
         },
         status::pass, ""},
        {"unset: Go's defaults", [] { return judge_tls_cipher_suites(settings("")); }, status::fail,
         "the kubelet accepts Go's default cipher suites, which include suites outside the "
         "benchmark's strong list: tlsCipherSuites is not set in /etc/kubernetes/kubelet/config"},
        {"an empty list is Go's defaults too",
         [] { return judge_tls_cipher_suites(settings("tlsCipherSuites: []\n")); }, status::fail,
         "the kubelet accepts Go's default cipher suites, which include suites outside the "
         "benchmark's strong list: tlsCipherSuites: [] (/etc/kubernetes/kubelet/config line 3)"},
        {"a weak suite on the command line",
         [] {
             return judge_tls_cipher_suites(
                 settings("", {"--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_"
                               "WITH_AES_128_GCM_SHA256"}));
         },
         status::fail,
         "the kubelet allows cipher suites outside the benchmark's strong list "
         "(TLS_RSA_WITH_AES_128_GCM_SHA256): "
         "--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_GCM_"
         "SHA256 "
         "on the kubelet command line (/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
    });
}

TEST_CASE("4.2.13 judge_pod_pids_limit") {
    check_cases({
        {"1024", [] { return judge_pod_pids_limit(settings("podPidsLimit: 1024\n")); },
         status::pass, ""},
        {"absent: -1", [] { return judge_pod_pids_limit(settings("")); }, status::fail,
         "the number of PIDs per pod is not limited (podPidsLimit -1): podPidsLimit is not set in "
         "/etc/kubernetes/kubelet/config, so the kubelet default -1 applies"},
        {"0 by flag",
         [] { return judge_pod_pids_limit(settings("podPidsLimit: 10\n", {"--pod-max-pids=0"})); },
         status::fail,
         "the number of PIDs per pod is not limited (podPidsLimit 0): --pod-max-pids=0 on the "
         "kubelet command line (/etc/systemd/system/kubelet.service.d/exec-start.conf)"},
    });
}

TEST_CASE("4.2.14 judge_seccomp_default") {
    check_cases({
        {"true", [] { return judge_seccomp_default(settings("seccompDefault: true\n")); },
         status::pass, ""},
        {"by flag", [] { return judge_seccomp_default(settings("", {"--seccomp-default"})); },
         status::pass, ""},
        {"absent", [] { return judge_seccomp_default(settings("")); }, status::fail,
         "containers without a seccomp profile run unconfined: seccompDefault is not set in "
         "/etc/kubernetes/kubelet/config, so the kubelet default false applies"},
    });
}

TEST_CASE("4.3.1 judge_metrics_bind_address") {
    const std::string path = "/etc/kubernetes/kube-proxy/kube-proxy.conf";
    auto config = [](std::string address) {
        kube_proxy_config c;
        c.metrics_bind_address = config_value<std::string>{address, 4, address};
        return c;
    };
    check_cases({
        {"loopback", [&] { return judge_metrics_bind_address(config("127.0.0.1:10249"), path); },
         status::pass, ""},
        {"absent: the loopback default",
         [&] { return judge_metrics_bind_address(kube_proxy_config{}, path); }, status::pass, ""},
        {"all IPv4 interfaces",
         [&] { return judge_metrics_bind_address(config("0.0.0.0:10249"), path); }, status::fail,
         "kube-proxy serves its metrics on every interface: metricsBindAddress: 0.0.0.0:10249 "
         "(/etc/kubernetes/kube-proxy/kube-proxy.conf line 4)"},
        {"all IPv6 interfaces",
         [&] { return judge_metrics_bind_address(config("[::]:10249"), path); }, status::fail,
         "kube-proxy serves its metrics on every interface: metricsBindAddress: [::]:10249 "
         "(/etc/kubernetes/kube-proxy/kube-proxy.conf line 4)"},
    });
}

TEST_CASE("binds_all_interfaces reads host:port forms") {
    CHECK(binds_all_interfaces("0.0.0.0:10249"));          // IPv4 any
    CHECK(binds_all_interfaces("[::]:10249"));             // IPv6 any, bracketed
    CHECK(binds_all_interfaces("::"));                     // IPv6 any, bare
    CHECK(binds_all_interfaces(":10249"));                 // empty host
    CHECK(binds_all_interfaces("0.0.0.0"));                // no port
    CHECK_FALSE(binds_all_interfaces("127.0.0.1:10249"));  // loopback
    CHECK_FALSE(binds_all_interfaces("[::1]:10249"));      // IPv6 loopback
    CHECK_FALSE(binds_all_interfaces("::1"));              // IPv6 loopback, bare
}
