// The kernel command line (/proc/cmdline): split as the kernel splits it, and judged for
// dm-verity on the root filesystem.
#include "fuzz/fuzz_target.hpp"
#include "logic/dm_verity.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view cmdline(reinterpret_cast<const char*>(data), size);
    bottlerocket_os::parse_kernel_cmdline(cmdline);
    bottlerocket_os::findings out;
    bottlerocket_os::judge_dm_verity(cmdline, "/proc/cmdline", out);
    out.decide();
    return 0;
}
