// 1.1.1.1 and 3.3.1: the udf and sctp modules are disabled in modprobe.d and not loaded. The
// modprobe.d files stand in for `modprobe -n -v`, /proc/modules for the loaded list.
#include <string_view>

#include "checks.hpp"
#include "logic/kernel_module.hpp"
#include "target_io.hpp"

namespace bottlerocket_os {

namespace {

void run_module_disabled(const context& ctx, std::string_view module) {
    auto files = read_conf_dirs(ctx, modprobe_dirs, ".conf");
    // A directory that cannot be listed may hold any name, so it could come first.
    std::vector<config_text> ordered = std::move(files.unlistable);
    for (auto& file : files.applied) ordered.push_back(std::move(file));

    loaded_modules_reading loaded;
    auto read = ctx.loaded_modules();
    loaded.error = read.error;
    if (read) loaded.text = read.value;

    findings out;
    judge_module_disabled(module, resolve_module_policy(module, ordered), loaded, ctx.live(), out);
    report(ctx, out.decide());
}

}  // namespace

void run_udf_disabled(const context& ctx) { run_module_disabled(ctx, "udf"); }

void run_sctp_disabled(const context& ctx) { run_module_disabled(ctx, "sctp"); }

}  // namespace bottlerocket_os
