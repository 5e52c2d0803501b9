// 4.1.3, 4.1.4 and 4.3.1: kube-proxy's configuration, automatic only where it exists.
#include <cerrno>

#include "logic/kube_proxy_config.hpp"
#include "logic/kubelet_judges.hpp"
#include "plugin/check_report.hpp"
#include "plugin/check_runs.hpp"
#include "plugin/kubelet_discovery.hpp"
#include "plugin/target_files.hpp"

namespace scanner::kubernetes_worker {

namespace {

constexpr uint64_t max_proxy_config_bytes = 4 * 1024 * 1024;

// True when the check can run automatically; otherwise it has already reported (manual, or
// no kubelet at all).
bool proxy_config_present(const sdk::context& ctx, file_facts& proxy) {
    proxy = stat_file(ctx, std::string(kube_proxy_config_path));
    if (proxy.error != ENOENT && proxy.error != ENOTDIR) return true;

    // Without kube-proxy's file the benchmark leaves the audit to a person, as bloodhound does.
    ctx.set_mode(SCANNER_MODE_MANUAL);
    auto facts = discover_kubelet(ctx);
    if (!facts.found) {
        skip_no_kubelet(ctx, facts);
    } else {
        sdk::run_manual(ctx);
    }
    return false;
}

void check_proxy_file(const sdk::context& ctx, bool ownership) {
    file_facts proxy;
    if (!proxy_config_present(ctx, proxy)) return;
    emit(ctx, ownership ? judge_root_ownership(proxy) : judge_permissions(proxy, mask_600));
}

}  // namespace

void run_proxy_kubeconfig_permissions(const sdk::context& ctx) { check_proxy_file(ctx, false); }

void run_proxy_kubeconfig_ownership(const sdk::context& ctx) { check_proxy_file(ctx, true); }

void run_proxy_metrics_bind_address(const sdk::context& ctx) {
    file_facts proxy;
    if (!proxy_config_present(ctx, proxy)) return;
    auto text = ctx.read_file(proxy.path, max_proxy_config_bytes);
    if (!text) return ctx.error("cannot read " + proxy.path + ": " + text.message());
    auto config = parse_kube_proxy_config(text.value);
    if (!config) {
        const auto& e = config.error();
        std::string where =
            e.line > 0 ? proxy.path + " line " + std::to_string(e.line) : proxy.path;
        return ctx.error("cannot evaluate the kube-proxy configuration: " + where + ": " +
                         e.message);
    }
    emit(ctx, judge_metrics_bind_address(config.value(), proxy.path));
}

}  // namespace scanner::kubernetes_worker
