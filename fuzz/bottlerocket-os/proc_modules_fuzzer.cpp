// /proc/modules: whether a module is loaded, and the judgement of a disabled module with it.
// The first line of the input is the module name, the rest the listing.
#include "fuzz/fuzz_target.hpp"
#include "logic/kernel_module.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t newline = input.find('\n');
    std::string_view module = input.substr(0, newline);
    std::string_view listing = newline == std::string_view::npos ? "" : input.substr(newline + 1);
    bottlerocket_os::module_loaded(listing, module);
    bottlerocket_os::module_loaded(listing, "udf");
    for (bool live : {true, false}) {
        bottlerocket_os::findings out;
        bottlerocket_os::judge_module_disabled("cramfs", {}, {std::string(listing), 0}, live, out);
        out.decide();
    }
    return 0;
}
