// A sysctl's value as /proc/sys (or a hostile image's copy of it) holds it: parsed as one
// integer and judged against a requirement, on a live host and under a root.
#include "fuzz/fuzz_target.hpp"
#include "logic/sysctl_setting.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto value = bottlerocket_os::parse_sysctl_integer(text);
    // A value that parsed prints back to the same integer.
    if (value && bottlerocket_os::parse_sysctl_integer(std::to_string(*value)) != value) {
        __builtin_trap();
    }
    bottlerocket_os::sysctl_path(text);
    for (bool live : {true, false}) {
        bottlerocket_os::findings out;
        bottlerocket_os::judge_sysctl({"fs.suid_dumpable", 0}, {std::string(text), 0}, live, out);
        out.decide();
    }
    return 0;
}
