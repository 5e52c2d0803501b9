// chrony.conf: its pool and server directives, and the judgement of the configuration.
#include "fuzz/fuzz_target.hpp"
#include "logic/chrony_state.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    bottlerocket_os::parse_chrony_sources(text);
    bottlerocket_os::findings out;
    bottlerocket_os::judge_chrony_config(
        {std::string(bottlerocket_os::chrony_config_path), text, 0}, out);
    out.decide();
    return 0;
}
