#include "plugin/check_report.hpp"

namespace scanner::kubernetes_worker {

void emit(const sdk::context& ctx, const verdict& v, const kubelet_facts* facts) {
    if (facts != nullptr) {
        for (const auto& e : facts->evidence) ctx.evidence(e.source, e.observed);
    }
    for (const auto& e : v.evidence) ctx.evidence(e.source, e.observed);
    ctx.report(v.status, v.reason);
}

void skip_no_kubelet(const sdk::context& ctx, const kubelet_facts& facts) {
    ctx.benchmark_note(facts.not_found_reason);
    ctx.skip(facts.not_found_reason);
}

}  // namespace scanner::kubernetes_worker
