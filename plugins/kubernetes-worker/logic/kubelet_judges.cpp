#include "logic/kubelet_judges.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <string_view>
#include <vector>

#include "logic/go_duration.hpp"

namespace scanner::kubernetes_worker {

namespace {

constexpr setting_names anonymous_auth{"authentication.anonymous.enabled", "--anonymous-auth"};
constexpr setting_names authorization_mode{"authorization.mode", "--authorization-mode"};
constexpr setting_names client_ca_file{"authentication.x509.clientCAFile", "--client-ca-file"};
constexpr setting_names read_only_port{"readOnlyPort", "--read-only-port"};
constexpr setting_names streaming_timeout{"streamingConnectionIdleTimeout",
                                          "--streaming-connection-idle-timeout"};
constexpr setting_names iptables_chains{"makeIPTablesUtilChains", "--make-iptables-util-chains"};
constexpr setting_names tls_cert_file{"tlsCertFile", "--tls-cert-file"};
constexpr setting_names tls_private_key_file{"tlsPrivateKeyFile", "--tls-private-key-file"};
constexpr setting_names server_tls_bootstrap{"serverTLSBootstrap", "--rotate-server-certificates"};
constexpr setting_names rotate_certificates{"rotateCertificates", "--rotate-certificates"};
constexpr setting_names server_certificate_gate{"featureGates.RotateKubeletServerCertificate",
                                                "--feature-gates=RotateKubeletServerCertificate"};
constexpr setting_names cipher_suites{"tlsCipherSuites", "--tls-cipher-suites"};
constexpr setting_names pod_pids_limit{"podPidsLimit", "--pod-max-pids"};
constexpr setting_names seccomp_default{"seccompDefault", "--seccomp-default"};

// Benchmark 4.2.12's strong suites, plus the names Go also accepts for the two ChaCha20 suites
// (the same suites under their IANA names).
constexpr std::array<std::string_view, 8> strong_cipher_suites{
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",       "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
};

std::string text_of(bool v) { return v ? "true" : "false"; }
std::string text_of(int64_t v) { return std::to_string(v); }
std::string text_of(const std::string& v) { return v.empty() ? "\"\"" : v; }

template <class T>
evidence_entry evidence(const setting<T>& s, const setting_names& names, const std::string& v) {
    auto [source, observed] = evidence_of(s.origin, names, v);
    return {source, observed};
}

template <class T>
std::string where(const setting<T>& s, const setting_names& names, const std::string& v) {
    return describe_origin(s.origin, names, v);
}

// The common shape: a boolean setting that must have `wanted`.
verdict judge_bool(const setting<bool>& s, const setting_names& names, bool wanted,
                   std::string_view failure) {
    std::string v = text_of(s.value);
    std::vector<evidence_entry> seen{evidence(s, names, v)};
    if (s.value == wanted) return verdict::pass(seen);
    return verdict::fail(std::string(failure) + ": " + where(s, names, v), seen);
}

std::string path_reason(const file_facts& f) {
    return f.error == ENOENT ? "does not exist" : "cannot be examined (" + f.error_text + ")";
}

}  // namespace

verdict judge_anonymous_auth(const kubelet_settings& s) {
    return judge_bool(s.anonymous_auth, anonymous_auth, false,
                      "anonymous requests to the kubelet are allowed");
}

verdict judge_authorization_mode(const kubelet_settings& s) {
    const auto& mode = s.authorization_mode;
    std::string v = text_of(mode.value);
    std::vector<evidence_entry> seen{evidence(mode, authorization_mode, v)};
    if (mode.value != "AlwaysAllow") return verdict::pass(seen);
    return verdict::fail(
        "the kubelet authorizes every request (AlwaysAllow): " + where(mode, authorization_mode, v),
        seen);
}

verdict judge_client_ca_file(const kubelet_settings& s, const file_facts& ca) {
    const auto& file = s.client_ca_file;
    std::string v = text_of(file.value);
    std::vector<evidence_entry> seen{evidence(file, client_ca_file, v)};
    if (file.value.empty()) {
        return verdict::fail("no client CA file is set, so client certificates are not verified: " +
                                 where(file, client_ca_file, v),
                             seen);
    }
    if (ca.error == 0) {
        seen.push_back({ca.path, "exists"});
        return verdict::pass(seen);
    }
    seen.push_back({ca.path, ca.error_text});
    std::string reason = "the client CA file " + ca.path + " " + path_reason(ca) + " (" +
                         where(file, client_ca_file, v) + ")";
    if (ca.error != ENOENT)
        return verdict::error("cannot examine " + ca.path + ": " + ca.error_text, seen);
    return verdict::fail(reason, seen);
}

verdict judge_read_only_port(const kubelet_settings& s) {
    const auto& port = s.read_only_port;
    std::string v = text_of(port.value);
    std::vector<evidence_entry> seen{evidence(port, read_only_port, v)};
    if (port.value == 0) return verdict::pass(seen);
    return verdict::fail("the unauthenticated read-only port " + v +
                             " is open, expected 0: " + where(port, read_only_port, v),
                         seen);
}

verdict judge_streaming_connection_idle_timeout(const kubelet_settings& s) {
    const auto& timeout = s.streaming_connection_idle_timeout;
    std::string v = format_go_duration(timeout.value);
    std::vector<evidence_entry> seen;
    if (s.streaming_zero_replaced) {
        const auto& zero = *s.streaming_zero_replaced;
        seen.push_back({zero.source + ":" + std::to_string(zero.line),
                        std::string(streaming_timeout.key) + ": " + zero.text +
                            " (a zero duration the kubelet replaces with its default 4h0m0s)"});
    }
    seen.push_back(evidence(timeout, streaming_timeout, v));
    if (timeout.value != 0) return verdict::pass(seen);
    return verdict::fail("idle streaming connections never time out (timeout 0s): " +
                             where(timeout, streaming_timeout, v),
                         seen);
}

verdict judge_make_iptables_util_chains(const kubelet_settings& s) {
    return judge_bool(s.make_iptables_util_chains, iptables_chains, true,
                      "the kubelet does not manage its iptables utility chains");
}

verdict judge_tls_files(const kubelet_settings& s, const file_facts& cert, const file_facts& key) {
    std::string cv = text_of(s.tls_cert_file.value);
    std::string kv = text_of(s.tls_private_key_file.value);
    std::vector<evidence_entry> seen{evidence(s.tls_cert_file, tls_cert_file, cv),
                                     evidence(s.tls_private_key_file, tls_private_key_file, kv)};
    bool has_cert = !s.tls_cert_file.value.empty();
    bool has_key = !s.tls_private_key_file.value.empty();

    if (!has_cert && !has_key) {
        std::string b = text_of(s.server_tls_bootstrap.value);
        std::string g = text_of(s.rotate_kubelet_server_certificate.value);
        seen.push_back(evidence(s.server_tls_bootstrap, server_tls_bootstrap, b));
        seen.push_back(evidence(s.rotate_kubelet_server_certificate, server_certificate_gate, g));
        // With serverTLSBootstrap (and its feature gate) the kubelet requests a serving
        // certificate from the API server; otherwise it makes itself a self-signed one.
        if (s.server_tls_bootstrap.value && s.rotate_kubelet_server_certificate.value) {
            return verdict::pass(seen);
        }
        if (s.server_tls_bootstrap.value) {
            return verdict::fail(
                "no serving certificate is set and serverTLSBootstrap cannot request one while "
                "the RotateKubeletServerCertificate feature gate is off (the kubelet refuses this "
                "combination): " +
                    where(s.rotate_kubelet_server_certificate, server_certificate_gate, g),
                seen);
        }
        return verdict::fail(
            "no tlsCertFile and tlsPrivateKeyFile are set and serverTLSBootstrap is off, so the "
            "kubelet serves a self-signed certificate: " +
                where(s.tls_cert_file, tls_cert_file, cv),
            seen);
    }
    if (!has_cert || !has_key) {
        const auto& missing = has_cert ? s.tls_private_key_file : s.tls_cert_file;
        const auto& names = has_cert ? tls_private_key_file : tls_cert_file;
        return verdict::fail(
            std::string(names.key) + " is not set while " +
                std::string(has_cert ? tls_cert_file.key : tls_private_key_file.key) +
                " is: " + where(missing, names, "\"\""),
            seen);
    }

    std::vector<std::string> problems;
    for (const file_facts* f : {&cert, &key}) {
        seen.push_back({f->path, f->error == 0 ? "exists" : f->error_text});
        if (f->error != 0 && f->error != ENOENT) {
            return verdict::error("cannot examine " + f->path + ": " + f->error_text, seen);
        }
        if (f->error == ENOENT) problems.push_back(f->path + " does not exist");
    }
    if (problems.empty()) return verdict::pass(seen);
    std::string reason = "the kubelet's serving certificate files are missing: ";
    for (size_t i = 0; i < problems.size(); ++i) reason += (i ? ", " : "") + problems[i];
    return verdict::fail(reason, seen);
}

verdict judge_rotate_certificates(const kubelet_settings& s, const client_credentials& creds) {
    const auto& rotate = s.rotate_certificates;
    std::string v = text_of(rotate.value);
    std::vector<evidence_entry> seen{evidence(rotate, rotate_certificates, v)};
    if (rotate.value) return verdict::pass(seen);

    std::string failure =
        "client certificates do not rotate: " + where(rotate, rotate_certificates, v);
    if (creds.bootstrap_flag) {
        seen.push_back({"kubelet command line", *creds.bootstrap_flag});
        return verdict::fail(failure + "; the kubelet bootstraps a client certificate (" +
                                 *creds.bootstrap_flag + ")",
                             seen);
    }
    if (!creds.user) {
        if (!creds.unknown_reason.empty())
            seen.push_back({creds.kubeconfig_path, creds.unknown_reason});
        return verdict::fail(failure, seen);
    }

    const auto& user = *creds.user;
    std::string source = creds.kubeconfig_path + ":" + std::to_string(user.line);
    switch (user.kind) {
        case client_auth_kind::exec_plugin:
            seen.push_back({source, "user " + user.name + " authenticates with the exec plugin " +
                                        user.detail});
            return verdict::skip(
                "not applicable: the kubelet authenticates to the API server with "
                "the exec credential plugin " +
                    user.detail + " (" + creds.kubeconfig_path + ", user " + user.name +
                    "), not with a client certificate that could rotate",
                seen);
        case client_auth_kind::token:
            seen.push_back({source, "user " + user.name + " authenticates with a bearer token"});
            return verdict::skip(
                "not applicable: the kubelet authenticates to the API server with "
                "a bearer token (" +
                    creds.kubeconfig_path + ", user " + user.name +
                    "), not with a client certificate that could rotate",
                seen);
        case client_auth_kind::client_certificate:
            seen.push_back(
                {source, "user " + user.name + " authenticates with a client certificate"});
            break;
        case client_auth_kind::other:
            seen.push_back({source, "user " + user.name});
            break;
    }
    return verdict::fail(failure, seen);
}

verdict judge_rotate_server_certificate_gate(const kubelet_settings& s) {
    return judge_bool(s.rotate_kubelet_server_certificate, server_certificate_gate, true,
                      "the RotateKubeletServerCertificate feature gate is off");
}

verdict judge_tls_cipher_suites(const kubelet_settings& s) {
    const auto& suites = s.tls_cipher_suites;
    std::string v = "Go's default suites";
    if (suites.value) {
        v = "[";
        for (size_t i = 0; i < suites.value->size(); ++i) v += (i ? ", " : "") + (*suites.value)[i];
        v += "]";
    }
    std::vector<evidence_entry> seen{evidence(suites, cipher_suites, v)};
    if (!suites.value || suites.value->empty()) {
        std::string origin = where(suites, cipher_suites, v);
        if (suites.origin.kind == origin_kind::kubelet_default) {
            origin = suites.origin.source.empty()
                         ? "the kubelet runs without --config and without --tls-cipher-suites"
                         : "tlsCipherSuites is not set in " + suites.origin.source;
        }
        return verdict::fail(
            "the kubelet accepts Go's default cipher suites, which include suites outside the "
            "benchmark's strong list: " +
                origin,
            seen);
    }
    std::vector<std::string> weak;
    for (const auto& suite : *suites.value) {
        if (std::find(strong_cipher_suites.begin(), strong_cipher_suites.end(), suite) ==
            strong_cipher_suites.end()) {
            weak.push_back(suite);
        }
    }
    if (weak.empty()) return verdict::pass(seen);
    std::string list;
    for (size_t i = 0; i < weak.size(); ++i) list += (i ? ", " : "") + weak[i];
    return verdict::fail("the kubelet allows cipher suites outside the benchmark's strong list (" +
                             list + "): " + where(suites, cipher_suites, v),
                         seen);
}

verdict judge_pod_pids_limit(const kubelet_settings& s) {
    const auto& limit = s.pod_pids_limit;
    std::string v = text_of(limit.value);
    std::vector<evidence_entry> seen{evidence(limit, pod_pids_limit, v)};
    if (limit.value > 0) return verdict::pass(seen);
    return verdict::fail("the number of PIDs per pod is not limited (podPidsLimit " + v +
                             "): " + where(limit, pod_pids_limit, v),
                         seen);
}

verdict judge_seccomp_default(const kubelet_settings& s) {
    return judge_bool(s.seccomp_default, seccomp_default, true,
                      "containers without a seccomp profile run unconfined");
}

verdict judge_metrics_bind_address(const kube_proxy_config& config, const std::string& path) {
    const auto& address = config.metrics_bind_address;
    if (!address || address->value.empty()) {
        return verdict::pass({{path, "metricsBindAddress is not set; kube-proxy's default is " +
                                         std::string(kube_proxy_default_metrics_bind_address)}});
    }
    std::vector<evidence_entry> seen{
        {path + ":" + std::to_string(address->line), "metricsBindAddress: " + address->text}};
    if (!binds_all_interfaces(address->value)) return verdict::pass(seen);
    return verdict::fail(
        "kube-proxy serves its metrics on every interface: metricsBindAddress: " + address->text +
            " (" + path + " line " + std::to_string(address->line) + ")",
        seen);
}

}  // namespace scanner::kubernetes_worker
