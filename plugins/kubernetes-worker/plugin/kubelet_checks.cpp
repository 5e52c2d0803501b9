// 4.2: the kubelet's effective settings.
#include "logic/kubeconfig.hpp"
#include "logic/kubelet_judges.hpp"
#include "plugin/check_report.hpp"
#include "plugin/check_runs.hpp"
#include "plugin/kubelet_discovery.hpp"
#include "plugin/target_files.hpp"

namespace scanner::kubernetes_worker {

namespace {

// Bottlerocket ships this exception for 4.2.10 with its own report; shown as a note, never as
// a verdict.
constexpr std::string_view bottlerocket_rotation_note =
    "Bottlerocket's own report accepts 4.2.10 as an exception: \"IAM (external) auth is used on "
    "Bottlerocket, so certificate rotation does not apply. See EKS CIS Benchmark.\"";

template <verdict (*judge)(const kubelet_settings&)>
void check_settings(const sdk::context& ctx) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    if (!facts.settings) return emit(ctx, verdict::error(facts.settings_error), &facts);
    emit(ctx, judge(*facts.settings), &facts);
}

client_credentials read_credentials(const sdk::context& ctx, const kubelet_facts& facts) {
    client_credentials creds;
    creds.bootstrap_flag = facts.bootstrap_flag;
    if (!facts.kubeconfig_path) {
        creds.unknown_reason = "the kubelet has no --kubeconfig";
        return creds;
    }
    creds.kubeconfig_path = *facts.kubeconfig_path;
    auto text = ctx.read_file(creds.kubeconfig_path, 1024 * 1024);
    if (!text) {
        creds.unknown_reason = "cannot read: " + text.message();
        return creds;
    }
    auto user = parse_kubeconfig_user(text.value);
    if (!user) {
        creds.unknown_reason =
            "cannot tell how the kubelet authenticates: " + user.error().describe();
        return creds;
    }
    creds.user = user.value();
    return creds;
}

}  // namespace

void run_anonymous_auth(const sdk::context& ctx) { check_settings<judge_anonymous_auth>(ctx); }

void run_authorization_mode(const sdk::context& ctx) {
    check_settings<judge_authorization_mode>(ctx);
}

void run_client_ca_file(const sdk::context& ctx) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    if (!facts.settings) return emit(ctx, verdict::error(facts.settings_error), &facts);
    const std::string& path = facts.settings->client_ca_file.value;
    file_facts ca = path.empty() ? file_facts{} : stat_file(ctx, path);
    emit(ctx, judge_client_ca_file(*facts.settings, ca), &facts);
}

void run_read_only_port(const sdk::context& ctx) { check_settings<judge_read_only_port>(ctx); }

void run_streaming_connection_idle_timeout(const sdk::context& ctx) {
    check_settings<judge_streaming_connection_idle_timeout>(ctx);
}

void run_make_iptables_util_chains(const sdk::context& ctx) {
    check_settings<judge_make_iptables_util_chains>(ctx);
}

void run_manual(const sdk::context& ctx) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    sdk::run_manual(ctx);
}

void run_hostname_override(const sdk::context& ctx) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    // Still a manual check; what the command line says helps the person auditing it.
    if (facts.hostname_override) ctx.evidence("kubelet command line", *facts.hostname_override);
    sdk::run_manual(ctx);
}

void run_tls_files(const sdk::context& ctx) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    if (!facts.settings) return emit(ctx, verdict::error(facts.settings_error), &facts);
    const auto& s = *facts.settings;
    auto facts_of = [&](const std::string& path) {
        return path.empty() ? file_facts{} : stat_file(ctx, path);
    };
    emit(
        ctx,
        judge_tls_files(s, facts_of(s.tls_cert_file.value), facts_of(s.tls_private_key_file.value)),
        &facts);
}

void run_rotate_certificates(const sdk::context& ctx) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    if (is_bottlerocket(ctx)) ctx.note(bottlerocket_rotation_note);
    if (!facts.settings) return emit(ctx, verdict::error(facts.settings_error), &facts);
    emit(ctx, judge_rotate_certificates(*facts.settings, read_credentials(ctx, facts)), &facts);
}

void run_rotate_server_certificate_gate(const sdk::context& ctx) {
    check_settings<judge_rotate_server_certificate_gate>(ctx);
}

void run_tls_cipher_suites(const sdk::context& ctx) {
    check_settings<judge_tls_cipher_suites>(ctx);
}

void run_pod_pids_limit(const sdk::context& ctx) { check_settings<judge_pod_pids_limit>(ctx); }

void run_seccomp_default(const sdk::context& ctx) { check_settings<judge_seccomp_default>(ctx); }

}  // namespace scanner::kubernetes_worker
