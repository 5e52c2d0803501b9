// Turning a verdict into the check's result through the context.
#ifndef SCANNER_KUBERNETES_WORKER_CHECK_REPORT_HPP
#define SCANNER_KUBERNETES_WORKER_CHECK_REPORT_HPP

#include <scanner/plugin.hpp>

#include "logic/verdict.hpp"
#include "plugin/kubelet_discovery.hpp"

namespace scanner::kubernetes_worker {

/// Records the discovery evidence (when given), the verdict's evidence, then the result.
void emit(const sdk::context& ctx, const verdict& v, const kubelet_facts* facts = nullptr);

/// The result of every check when the target has no kubelet: SKIP with where the scanner
/// looked, also shown once in the benchmark's header.
void skip_no_kubelet(const sdk::context& ctx, const kubelet_facts& facts);

}  // namespace scanner::kubernetes_worker

#endif
