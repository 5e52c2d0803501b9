// The 26 worker-node checks of the CIS Kubernetes Benchmark v1.11.1 (section 4).
#ifndef SCANNER_KUBERNETES_WORKER_CHECKS_HPP
#define SCANNER_KUBERNETES_WORKER_CHECKS_HPP

#include <scanner/plugin.hpp>

#include <span>

namespace scanner::kubernetes_worker {

/// The checks in benchmark order, in static storage.
std::span<const sdk::check> worker_node_checks();

}  // namespace scanner::kubernetes_worker

#endif
