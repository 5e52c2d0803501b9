// modprobe.d configuration: its install and blacklist rules, a module's policy resolved over it,
// the glob match of its patterns and the judgement of the module. The first line of the input
// is the module name, the rest the file.
#include "fuzz/fuzz_target.hpp"
#include "logic/kernel_module.hpp"
#include "logic/modprobe_config.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t newline = input.find('\n');
    std::string module(input.substr(0, newline));
    std::string text(newline == std::string_view::npos ? "" : input.substr(newline + 1));
    const std::string path = "/etc/modprobe.d/fuzz.conf";

    auto rules = bottlerocket_os::parse_modprobe_config(text, path);
    for (const auto& rule : rules) {
        bottlerocket_os::glob_match(rule.module, module);
        bottlerocket_os::is_disabling_command(rule.command);
    }
    bottlerocket_os::normalize_module_name(module);
    auto policy = bottlerocket_os::resolve_module_policy(module, {{path, text, 0}});
    bottlerocket_os::findings out;
    bottlerocket_os::judge_module_disabled(module, policy, {"", 0}, true, out);
    out.decide();
    return 0;
}
