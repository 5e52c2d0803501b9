// A KubeletConfiguration file (YAML or JSON) as an image holds it: parsed, then resolved over the
// kubelet's defaults as the checks resolve it.
#include "fuzz/fuzz_target.hpp"
#include "logic/kubelet_config_file.hpp"
#include "logic/kubelet_settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::kubernetes_worker;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parse_kubelet_config(text);
    if (!parsed) return 0;
    located_config file{"/etc/kubernetes/kubelet/config", parsed.value()};
    resolve_kubelet_settings(&file, {}, nullptr);
    resolve_kubelet_settings(nullptr, {file}, nullptr);
    return 0;
}
