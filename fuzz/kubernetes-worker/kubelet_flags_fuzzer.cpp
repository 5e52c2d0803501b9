// The kubelet's command line: split into words as systemd splits ExecStart=, parsed as the
// kubelet parses its flags, then resolved over the kubelet's defaults.
#include "fuzz/fuzz_target.hpp"
#include "logic/kubelet_flags.hpp"
#include "logic/kubelet_settings.hpp"
#include "logic/systemd_exec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::kubernetes_worker;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto words = split_systemd_words(text);
    if (!words) return 0;
    auto flags = parse_kubelet_flags(words.value());
    if (!flags) return 0;
    located_flags command_line{"/proc/1/cmdline", flags.value()};
    resolve_kubelet_settings(nullptr, {}, &command_line);
    return 0;
}
