// kube-proxy's configuration: metricsBindAddress, and whether it binds every interface.
#include "fuzz/fuzz_target.hpp"
#include "logic/kube_proxy_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::kubernetes_worker;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parse_kube_proxy_config(text);
    binds_all_interfaces(text);
    if (parsed && parsed->metrics_bind_address) {
        binds_all_interfaces(parsed->metrics_bind_address->value);
    }
    return 0;
}
