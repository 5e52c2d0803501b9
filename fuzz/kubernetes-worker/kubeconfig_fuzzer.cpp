// The kubelet's kubeconfig: the user of its current context and how it authenticates.
#include "fuzz/fuzz_target.hpp"
#include "logic/kubeconfig.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    scanner::kubernetes_worker::parse_kubeconfig_user(text);
    return 0;
}
