// 1.4.1-1.4.4, 3.1.1, 3.2.1-3.2.7: kernel parameters read from /proc/sys of the target.
#include <initializer_list>

#include "checks.hpp"
#include "logic/sysctl_setting.hpp"
#include "target_io.hpp"

namespace bottlerocket_os {

namespace {

void run_sysctls(const context& ctx, std::initializer_list<sysctl_requirement> requirements) {
    findings out;
    for (const auto& requirement : requirements) {
        auto read = ctx.sysctl(requirement.name);
        sysctl_reading reading;
        reading.error = read.error;
        if (read) reading.value = read.value;
        judge_sysctl(requirement, reading, ctx.live(), out);
    }
    report(ctx, out.decide());
}

}  // namespace

void run_suid_dumpable(const context& ctx) { run_sysctls(ctx, {{"fs.suid_dumpable", 0}}); }

void run_aslr(const context& ctx) { run_sysctls(ctx, {{"kernel.randomize_va_space", 2}}); }

void run_unprivileged_bpf(const context& ctx) {
    run_sysctls(ctx, {{"kernel.unprivileged_bpf_disabled", 1}});
}

void run_user_namespaces(const context& ctx) {
    run_sysctls(ctx, {{"user.max_user_namespaces", 0}});
}

void run_send_redirects(const context& ctx) {
    run_sysctls(ctx, {{"net.ipv4.conf.all.send_redirects", 0},
                      {"net.ipv4.conf.default.send_redirects", 0}});
}

void run_source_route(const context& ctx) {
    run_sysctls(ctx, {{"net.ipv4.conf.all.accept_source_route", 0},
                      {"net.ipv4.conf.default.accept_source_route", 0},
                      {"net.ipv6.conf.all.accept_source_route", 0},
                      {"net.ipv6.conf.default.accept_source_route", 0}});
}

void run_accept_redirects(const context& ctx) {
    run_sysctls(ctx, {{"net.ipv4.conf.all.accept_redirects", 0},
                      {"net.ipv4.conf.default.accept_redirects", 0},
                      {"net.ipv6.conf.all.accept_redirects", 0},
                      {"net.ipv6.conf.default.accept_redirects", 0}});
}

void run_secure_redirects(const context& ctx) {
    run_sysctls(ctx, {{"net.ipv4.conf.all.secure_redirects", 0},
                      {"net.ipv4.conf.default.secure_redirects", 0}});
}

void run_log_martians(const context& ctx) {
    run_sysctls(ctx,
                {{"net.ipv4.conf.all.log_martians", 1}, {"net.ipv4.conf.default.log_martians", 1}});
}

void run_icmp_broadcasts(const context& ctx) {
    run_sysctls(ctx, {{"net.ipv4.icmp_echo_ignore_broadcasts", 1}});
}

void run_bogus_icmp_responses(const context& ctx) {
    run_sysctls(ctx, {{"net.ipv4.icmp_ignore_bogus_error_responses", 1}});
}

void run_tcp_syncookies(const context& ctx) { run_sysctls(ctx, {{"net.ipv4.tcp_syncookies", 1}}); }

}  // namespace bottlerocket_os
