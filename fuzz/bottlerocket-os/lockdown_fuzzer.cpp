// securityfs: the lockdown mode file and the LSM list, parsed and judged. The input is the
// lockdown file, then a NUL, then the LSM list.
#include "fuzz/fuzz_target.hpp"
#include "logic/lockdown_mode.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t nul = input.find('\0');
    std::string lockdown(input.substr(0, nul));
    std::string lsm(nul == std::string_view::npos ? "" : input.substr(nul + 1));
    bottlerocket_os::parse_lockdown_mode(lockdown);
    bottlerocket_os::lsm_list_has_lockdown(lsm);
    for (bool live : {true, false}) {
        bottlerocket_os::findings out;
        bottlerocket_os::judge_lockdown({std::string(bottlerocket_os::lockdown_path), lockdown, 0},
                                        {std::string(bottlerocket_os::lsm_path), lsm, 0}, live,
                                        out);
        out.decide();
    }
    return 0;
}
