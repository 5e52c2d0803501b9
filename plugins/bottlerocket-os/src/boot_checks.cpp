// 1.3.1: dm-verity, from the kernel command line the target booted with.
#include <cerrno>
#include <cstring>
#include <string>

#include "checks.hpp"
#include "logic/dm_verity.hpp"
#include "target_io.hpp"

namespace bottlerocket_os {

void run_dm_verity(const context& ctx) {
    constexpr std::string_view path = "/proc/cmdline";
    findings out;
    auto cmdline = read_config(ctx, path);
    if (cmdline.error == ENOENT && !ctx.live()) {
        out.unknown(
            "the kernel command line is only known on a live host (/proc/cmdline is "
            "absent under the root)");
    } else if (cmdline.error != 0) {
        out.unknown("cannot read /proc/cmdline: " + std::string(std::strerror(cmdline.error)));
    } else {
        judge_dm_verity(cmdline.text, path, out);
    }
    report(ctx, out.decide());
}

}  // namespace bottlerocket_os
