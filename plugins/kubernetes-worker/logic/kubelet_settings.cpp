#include "logic/kubelet_settings.hpp"

namespace scanner::kubernetes_worker {

namespace {

// SetDefaults_KubeletConfiguration (pkg/kubelet/apis/config/v1beta1/defaults.go) gives
// streamingConnectionIdleTimeout 4h, makeIPTablesUtilChains true, anonymous auth false,
// authorization mode Webhook, podPidsLimit -1 and seccompDefault false; readOnlyPort,
// rotateCertificates and serverTLSBootstrap keep their zero values (0, false, false).
constexpr int64_t four_hours = int64_t{4} * 3600 * 1'000'000'000;

// The RotateKubeletServerCertificate feature gate is beta and on by default since 1.12.
constexpr bool rotate_server_certificate_gate_default = true;

// The kubelet's applyLegacyDefaults (cmd/kubelet/app/options/options.go) keeps the old
// command-line defaults when no --config file is given.
constexpr int64_t legacy_read_only_port = 10255;

std::string directory_of(const std::string& path) {
    size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) return "/";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string absolute_from(const std::string& directory, const std::string& path) {
    if (path.empty() || path.front() == '/') return path;
    return directory.back() == '/' ? directory + path : directory + "/" + path;
}

template <class T>
void apply_file(setting<T>& s, const std::optional<config_value<T>>& v, origin_kind kind,
                const std::string& path) {
    if (!v) return;
    s.value = v->value;
    s.origin = setting_origin{kind, path, v->line, v->text};
}

void apply_file(setting<std::optional<std::vector<std::string>>>& s,
                const std::optional<config_value<std::vector<std::string>>>& v, origin_kind kind,
                const std::string& path) {
    if (!v) return;
    s.value = v->value;
    s.origin = setting_origin{kind, path, v->line, v->text};
}

template <class T>
void apply_flag(setting<T>& s, const std::optional<flag_value<T>>& v, const std::string& source) {
    if (!v) return;
    s.value = v->value;
    s.origin = setting_origin{origin_kind::command_line, source, 0, v->text};
}

void apply_flag(setting<std::optional<std::vector<std::string>>>& s,
                const std::optional<flag_value<std::vector<std::string>>>& v,
                const std::string& source) {
    if (!v) return;
    s.value = v->value;
    s.origin = setting_origin{origin_kind::command_line, source, 0, v->text};
}

void apply_gate(setting<bool>& s, const std::map<std::string, config_value<bool>>& gates,
                origin_kind kind, const std::string& path) {
    auto it = gates.find("RotateKubeletServerCertificate");
    if (it == gates.end()) return;
    s.value = it->second.value;
    s.origin = setting_origin{kind, path, it->second.line, it->second.text};
}

kubelet_settings defaults(bool uses_config_file, const std::string& file_path) {
    kubelet_settings s;
    s.uses_config_file = uses_config_file;
    setting_origin d{origin_kind::kubelet_default, uses_config_file ? file_path : "", 0, ""};
    s.anonymous_auth = {!uses_config_file, d};
    s.authorization_mode = {uses_config_file ? "Webhook" : "AlwaysAllow", d};
    s.client_ca_file = {"", d};
    s.read_only_port = {uses_config_file ? 0 : legacy_read_only_port, d};
    s.streaming_connection_idle_timeout = {four_hours, d};
    s.make_iptables_util_chains = {true, d};
    s.tls_cert_file = {"", d};
    s.tls_private_key_file = {"", d};
    s.server_tls_bootstrap = {false, d};
    s.rotate_certificates = {false, d};
    s.rotate_kubelet_server_certificate = {rotate_server_certificate_gate_default, d};
    s.tls_cipher_suites = {std::nullopt, d};
    s.pod_pids_limit = {-1, d};
    s.seccomp_default = {false, d};
    return s;
}

void apply_config(kubelet_settings& s, const located_config& located, origin_kind kind) {
    const auto& c = located.config;
    const auto& p = located.path;
    apply_file(s.anonymous_auth, c.anonymous_auth, kind, p);
    apply_file(s.authorization_mode, c.authorization_mode, kind, p);
    apply_file(s.client_ca_file, c.client_ca_file, kind, p);
    apply_file(s.read_only_port, c.read_only_port, kind, p);
    apply_file(s.streaming_connection_idle_timeout, c.streaming_connection_idle_timeout, kind, p);
    apply_file(s.make_iptables_util_chains, c.make_iptables_util_chains, kind, p);
    apply_file(s.tls_cert_file, c.tls_cert_file, kind, p);
    apply_file(s.tls_private_key_file, c.tls_private_key_file, kind, p);
    apply_file(s.server_tls_bootstrap, c.server_tls_bootstrap, kind, p);
    apply_file(s.rotate_certificates, c.rotate_certificates, kind, p);
    apply_gate(s.rotate_kubelet_server_certificate, c.feature_gates, kind, p);
    apply_file(s.tls_cipher_suites, c.tls_cipher_suites, kind, p);
    apply_file(s.pod_pids_limit, c.pod_pids_limit, kind, p);
    apply_file(s.seccomp_default, c.seccomp_default, kind, p);

    // Relative paths in the --config file are relative to its directory (configfiles.Load);
    // drop-ins are merged as raw JSON, so theirs stay relative to the working directory.
    std::string base = kind == origin_kind::config_file ? directory_of(p) : "/";
    for (auto* path : {&s.client_ca_file, &s.tls_cert_file, &s.tls_private_key_file}) {
        if (path->origin.kind == kind && path->origin.source == p) {
            path->value = absolute_from(base, path->value);
        }
    }
}

// Defaulting runs when the --config file is decoded, before drop-ins and flags are applied.
void default_config_file(kubelet_settings& s) {
    if (s.streaming_connection_idle_timeout.value == 0) {
        s.streaming_zero_replaced = s.streaming_connection_idle_timeout.origin;
        s.streaming_connection_idle_timeout = {
            four_hours, {origin_kind::kubelet_default, s.streaming_zero_replaced->source, 0, ""}};
    }
    if (s.pod_pids_limit.value < 0) s.pod_pids_limit.value = -1;
}

void apply_flags(kubelet_settings& s, const located_flags& located) {
    const auto& f = located.flags;
    const auto& src = located.source;
    apply_flag(s.anonymous_auth, f.anonymous_auth, src);
    apply_flag(s.authorization_mode, f.authorization_mode, src);
    apply_flag(s.client_ca_file, f.client_ca_file, src);
    apply_flag(s.read_only_port, f.read_only_port, src);
    apply_flag(s.streaming_connection_idle_timeout, f.streaming_connection_idle_timeout, src);
    apply_flag(s.make_iptables_util_chains, f.make_iptables_util_chains, src);
    apply_flag(s.tls_cert_file, f.tls_cert_file, src);
    apply_flag(s.tls_private_key_file, f.tls_private_key_file, src);
    apply_flag(s.server_tls_bootstrap, f.rotate_server_certificates, src);
    apply_flag(s.rotate_certificates, f.rotate_certificates, src);
    apply_flag(s.tls_cipher_suites, f.tls_cipher_suites, src);
    apply_flag(s.pod_pids_limit, f.pod_max_pids, src);
    if (auto it = f.feature_gates.find("RotateKubeletServerCertificate");
        it != f.feature_gates.end()) {
        s.rotate_kubelet_server_certificate = {
            it->second.value, {origin_kind::command_line, src, 0, it->second.text}};
    }
    // The kubelet enables seccomp by default when the flag OR the configuration says so.
    if (f.seccomp_default && f.seccomp_default->value)
        apply_flag(s.seccomp_default, f.seccomp_default, src);

    for (auto* path : {&s.client_ca_file, &s.tls_cert_file, &s.tls_private_key_file}) {
        if (path->origin.kind == origin_kind::command_line)
            path->value = absolute_from("/", path->value);
    }
}

}  // namespace

kubelet_settings resolve_kubelet_settings(const located_config* file,
                                          const std::vector<located_config>& drop_ins,
                                          const located_flags* command_line) {
    kubelet_settings s = defaults(file != nullptr, file != nullptr ? file->path : "");
    if (file != nullptr) {
        apply_config(s, *file, origin_kind::config_file);
        default_config_file(s);
    }
    for (const auto& drop_in : drop_ins) apply_config(s, drop_in, origin_kind::config_drop_in);
    if (command_line != nullptr) apply_flags(s, *command_line);
    return s;
}

std::string describe_origin(const setting_origin& origin, const setting_names& names,
                            std::string_view value) {
    std::string key(names.key);
    switch (origin.kind) {
        case origin_kind::config_file:
            return key + ": " + origin.text + " (" + origin.source + " line " +
                   std::to_string(origin.line) + ")";
        case origin_kind::config_drop_in:
            return key + ": " + origin.text + " (" + origin.source + " line " +
                   std::to_string(origin.line) + ", a --config-dir drop-in)";
        case origin_kind::command_line:
            return origin.text + " on the kubelet command line (" + origin.source + ")";
        case origin_kind::kubelet_default:
            break;
    }
    if (origin.source.empty()) {
        return "the kubelet runs without --config, so its default " + std::string(names.flag) +
               "=" + std::string(value) + " applies";
    }
    return key + " is not set in " + origin.source + ", so the kubelet default " +
           std::string(value) + " applies";
}

std::pair<std::string, std::string> evidence_of(const setting_origin& origin,
                                                const setting_names& names,
                                                std::string_view value) {
    std::string key(names.key);
    switch (origin.kind) {
        case origin_kind::config_file:
        case origin_kind::config_drop_in:
            return {origin.source + ":" + std::to_string(origin.line), key + ": " + origin.text};
        case origin_kind::command_line:
            return {"kubelet command line (" + origin.source + ")", origin.text};
        case origin_kind::kubelet_default:
            break;
    }
    if (origin.source.empty()) {
        return {"kubelet default without --config",
                std::string(names.flag) + "=" + std::string(value)};
    }
    return {"kubelet default", key + " = " + std::string(value)};
}

}  // namespace scanner::kubernetes_worker
