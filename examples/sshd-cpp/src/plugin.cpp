// Example Labs OpenSSH Hardening Guide: a check pack in C++ with the SDK's helper, plugin.hpp.
//
// Each check reads the target through sdk::context (never the file system directly, so the same
// check works on the live host and on a mounted image), hands what it read to the judges in
// sshd_config.cpp, and reports exactly one result. The helper catches anything a check throws and
// reports it as ERROR, so no exception crosses into the scanner.
#include <scanner/plugin.hpp>

#include <cerrno>
#include <iterator>
#include <string>

#include "sshd_config.hpp"

namespace example_labs {

namespace {

using scanner::sdk::context;

constexpr std::string_view sshd_config_path = "/etc/ssh/sshd_config";

const scanner_benchmark hardening_guide{sizeof(scanner_benchmark),
                                        "Example Labs OpenSSH Hardening Guide", "v2.0",
                                        "https://example.org/openssh-hardening"};

constexpr keyword_rule permit_root_login{"PermitRootLogin", "no", "prohibit-password"};
constexpr keyword_rule password_authentication{"PasswordAuthentication", "no", "yes"};

// Reports a failed read of the target; an absent sshd_config means no SSH daemon is configured
// here, which makes the checks not applicable rather than unevaluable.
template <class T>
void report_unreadable(const context& ctx, const scanner::sdk::io_result<T>& failed) {
    if (failed.error == ENOENT) {
        ctx.evidence(sshd_config_path, "absent");
        ctx.skip("not applicable: " + std::string(sshd_config_path) +
                 " does not exist, so no SSH daemon is configured");
        return;
    }
    ctx.error("cannot read " + std::string(sshd_config_path) + ": " + failed.message());
}

void check_keyword(const context& ctx, const keyword_rule& rule) {
    auto config = ctx.read_file(sshd_config_path);
    if (!config) return report_unreadable(ctx, config);

    sshd_setting setting = find_setting(config.value, rule.keyword);
    std::string keyword(rule.keyword);
    ctx.evidence(sshd_config_path, setting.line != 0 ? keyword + " " + setting.value + " (line " +
                                                           std::to_string(setting.line) + ")"
                                                     : keyword + " not set");
    verdict v = judge_setting(setting, rule, sshd_config_path);
    ctx.report(v.status, v.reason);
}

void run_root_login(const context& ctx) { check_keyword(ctx, permit_root_login); }

void run_password_authentication(const context& ctx) {
    check_keyword(ctx, password_authentication);
}

void run_config_permissions(const context& ctx) {
    auto st = ctx.stat(sshd_config_path);
    if (!st) return report_unreadable(ctx, st);

    ctx.evidence(sshd_config_path, describe_file_mode(st.value.mode, st.value.uid, st.value.gid));
    verdict v = judge_file_mode(st.value.mode, st.value.uid, st.value.gid, sshd_config_path);
    ctx.report(v.status, v.reason);
}

const scanner::sdk::check checks[] = {
    {"el-ssh-root-login", "2.1", "Ensure SSH root login is disabled", &hardening_guide, 1,
     SCANNER_MODE_AUTOMATIC,
     "Set \"PermitRootLogin no\" in /etc/ssh/sshd_config before any Match block, and in every "
     "Match block that sets it, then reload sshd (systemctl reload ssh).",
     &run_root_login},
    {"el-ssh-password-auth", "2.2", "Ensure SSH password authentication is disabled",
     &hardening_guide, 1, SCANNER_MODE_AUTOMATIC,
     "Set \"PasswordAuthentication no\" in /etc/ssh/sshd_config before any Match block, and in "
     "every Match block that sets it, then reload sshd (systemctl reload ssh).",
     &run_password_authentication},
    {"el-ssh-config-perms", "2.3", "Ensure permissions on /etc/ssh/sshd_config are configured",
     &hardening_guide, 1, SCANNER_MODE_AUTOMATIC,
     "chown root:root /etc/ssh/sshd_config && chmod 0600 /etc/ssh/sshd_config",
     &run_config_permissions},
};

int32_t init(const scanner_host_api* host) {
    return scanner::sdk::register_checks(host, std::begin(checks), std::end(checks));
}

const scanner_plugin_descriptor descriptor{
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "example-sshd-cpp",
    "Example Labs OpenSSH checks",
    "2.0.0",
    "Example Labs",
    nullptr,
    &init,
    nullptr,
};

}  // namespace

}  // namespace example_labs

SCANNER_DEFINE_PLUGIN_ENTRY(example_labs::descriptor)
