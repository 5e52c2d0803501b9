// Go durations as kubelet configurations write them ("4h0m0s", "1.5s"). A duration that parses
// prints in Go's form, which parses back to the same nanoseconds.
#include "fuzz/fuzz_target.hpp"
#include "logic/go_duration.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::kubernetes_worker;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto nanoseconds = parse_go_duration(text);
    if (nanoseconds && parse_go_duration(format_go_duration(*nanoseconds)) != nanoseconds) {
        __builtin_trap();
    }
    return 0;
}
