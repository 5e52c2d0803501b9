// 1.5.1 SELinux (selinuxfs and /etc/selinux/config in place of sestatus) and 1.5.2 lockdown
// (securityfs).
#include <string>

#include "checks.hpp"
#include "logic/lockdown_mode.hpp"
#include "logic/selinux_state.hpp"
#include "target_io.hpp"

namespace bottlerocket_os {

namespace {

config_text read_selinuxfs(const context& ctx, std::string_view name) {
    return read_config(ctx, std::string(selinuxfs_dir) + "/" + std::string(name));
}

}  // namespace

void run_selinux(const context& ctx) {
    selinuxfs_readings fs;
    fs.enforce = read_selinuxfs(ctx, "enforce");
    fs.mls = read_selinuxfs(ctx, "mls");
    fs.deny_unknown = read_selinuxfs(ctx, "deny_unknown");
    fs.checkreqprot = read_selinuxfs(ctx, "checkreqprot");
    fs.policyvers = read_selinuxfs(ctx, "policyvers");

    findings out;
    judge_selinux(read_config(ctx, selinux_config_path), fs, ctx.live(), out);
    report(ctx, out.decide());
}

void run_lockdown(const context& ctx) {
    findings out;
    judge_lockdown(read_config(ctx, lockdown_path), read_config(ctx, lsm_path), ctx.live(), out);
    report(ctx, out.decide());
}

}  // namespace bottlerocket_os
