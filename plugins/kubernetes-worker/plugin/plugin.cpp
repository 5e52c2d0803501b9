// The kubernetes-worker plugin's entry: its descriptor and the registration of its checks.
#include <scanner/plugin.hpp>

#include "plugin/checks.hpp"

namespace {

int32_t init(const scanner_host_api* host) {
    try {
        auto checks = scanner::kubernetes_worker::worker_node_checks();
        return scanner::sdk::register_checks(host, checks.data(), checks.data() + checks.size());
    } catch (...) {
        return EINVAL;  // nothing may unwind into the host
    }
}

const char* const aliases[] = {"k8s", nullptr};

const scanner_plugin_descriptor descriptor = {
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "kubernetes-worker",
    "CIS Kubernetes Benchmark worker node checks",
    "1.0.0",
    "scanner project",
    aliases,
    &init,
    nullptr,
};

}  // namespace

SCANNER_DEFINE_PLUGIN_ENTRY(descriptor)
