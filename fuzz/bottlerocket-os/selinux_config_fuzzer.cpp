// /etc/selinux/config and the selinuxfs files, parsed and judged as sestatus would report them.
// The input is the config file, then NUL-separated enforce, mls, deny_unknown, checkreqprot and
// policyvers files.
#include <cerrno>
#include <vector>

#include "fuzz/fuzz_target.hpp"
#include "logic/selinux_state.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> parts;
    for (std::size_t start = 0; parts.size() < 6;) {
        std::size_t nul = input.find('\0', start);
        parts.emplace_back(input.substr(std::min(start, input.size()), nul - start));
        start = nul == std::string_view::npos ? input.size() + 1 : nul + 1;
    }
    bottlerocket_os::parse_selinux_config(parts[0]);
    auto file = [&](const char* name, const std::string& text) {
        // An empty part stands for a file that is absent.
        return bottlerocket_os::config_text{std::string("/sys/fs/selinux/") + name, text,
                                            text.empty() ? ENOENT : 0};
    };
    bottlerocket_os::selinuxfs_readings fs{
        file("enforce", parts[1]), file("mls", parts[2]), file("deny_unknown", parts[3]),
        file("checkreqprot", parts[4]), file("policyvers", parts[5])};
    for (bool live : {true, false}) {
        bottlerocket_os::findings out;
        bottlerocket_os::judge_selinux(
            {std::string(bottlerocket_os::selinux_config_path), parts[0], 0}, fs, live, out);
        out.decide();
    }
    return 0;
}
