// An EnvironmentFile= of the kubelet's unit (kubeadm-flags.env and the like).
#include "fuzz/fuzz_target.hpp"
#include "logic/environment_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    scanner::kubernetes_worker::parse_environment_file(text);
    return 0;
}
