// 4.1: permissions and ownership of the kubelet's files, found by discovery.
#include <vector>

#include "logic/permission_judges.hpp"
#include "plugin/check_report.hpp"
#include "plugin/check_runs.hpp"
#include "plugin/kubelet_discovery.hpp"
#include "plugin/target_files.hpp"

namespace scanner::kubernetes_worker {

namespace {

enum class file_rule { mode_600, mode_644, owned_by_root };

verdict judge_file(const file_facts& file, file_rule rule) {
    switch (rule) {
        case file_rule::mode_600:
            return judge_permissions(file, mask_600);
        case file_rule::mode_644:
            return judge_permissions(file, mask_644);
        case file_rule::owned_by_root:
            break;
    }
    return judge_root_ownership(file);
}

void judge_files(const sdk::context& ctx, const kubelet_facts& facts,
                 const std::vector<std::string>& paths, file_rule rule) {
    std::vector<verdict> verdicts;
    for (const auto& path : paths) verdicts.push_back(judge_file(stat_file(ctx, path), rule));
    emit(ctx, combine(verdicts), &facts);
}

void check_service_file(const sdk::context& ctx, file_rule rule) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    if (!facts.service_file) {
        return emit(ctx,
                    verdict::error("cannot find the kubelet service file: " +
                                   facts.service_not_found_reason),
                    &facts);
    }
    judge_files(ctx, facts, {*facts.service_file}, rule);
}

void check_kubeconfig(const sdk::context& ctx, file_rule rule) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    if (!facts.kubeconfig_path) {
        std::string source = facts.command_line_source.value_or("the kubelet command line");
        if (facts.standalone) {
            return emit(ctx,
                        verdict::skip("not applicable: the kubelet runs in standalone mode, "
                                      "without --kubeconfig (" +
                                      source + ")"),
                        &facts);
        }
        return emit(ctx,
                    verdict::error("cannot find the kubelet's kubeconfig: " + facts.settings_error),
                    &facts);
    }
    judge_files(ctx, facts, {*facts.kubeconfig_path}, rule);
}

void check_client_ca(const sdk::context& ctx, file_rule rule) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    if (!facts.settings) return emit(ctx, verdict::error(facts.settings_error), &facts);
    const std::string& path = facts.settings->client_ca_file.value;
    if (path.empty()) {
        return emit(ctx,
                    verdict::skip("not applicable: the kubelet has no client CA file set "
                                  "(authentication.x509.clientCAFile, --client-ca-file); 4.2.3 "
                                  "reports that"),
                    &facts);
    }
    judge_files(ctx, facts, {path}, rule);
}

void check_config_files(const sdk::context& ctx, file_rule rule) {
    auto facts = discover_kubelet(ctx);
    if (!facts.found) return skip_no_kubelet(ctx, facts);
    std::vector<std::string> paths = facts.drop_in_paths;
    if (facts.config_path) paths.insert(paths.begin(), *facts.config_path);
    if (paths.empty()) {
        std::string source = facts.command_line_source.value_or("the kubelet command line");
        return emit(ctx,
                    verdict::skip("not applicable: the kubelet runs without a --config file (" +
                                  source + ")"),
                    &facts);
    }
    judge_files(ctx, facts, paths, rule);
}

}  // namespace

void run_service_file_permissions(const sdk::context& ctx) {
    check_service_file(ctx, file_rule::mode_600);
}

void run_service_file_ownership(const sdk::context& ctx) {
    check_service_file(ctx, file_rule::owned_by_root);
}

void run_kubeconfig_permissions(const sdk::context& ctx) {
    check_kubeconfig(ctx, file_rule::mode_600);
}

void run_kubeconfig_ownership(const sdk::context& ctx) {
    check_kubeconfig(ctx, file_rule::owned_by_root);
}

void run_client_ca_permissions(const sdk::context& ctx) {
    check_client_ca(ctx, file_rule::mode_644);
}

void run_client_ca_ownership(const sdk::context& ctx) {
    check_client_ca(ctx, file_rule::owned_by_root);
}

void run_config_file_permissions(const sdk::context& ctx) {
    check_config_files(ctx, file_rule::mode_600);
}

void run_config_file_ownership(const sdk::context& ctx) {
    check_config_files(ctx, file_rule::owned_by_root);
}

}  // namespace scanner::kubernetes_worker
