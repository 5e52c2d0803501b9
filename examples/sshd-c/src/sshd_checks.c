/* Example Corp SSH Baseline: a check pack in plain C, with plugin_api.h alone.
 *
 * Each check reads the target through the context the host passes (never the file system
 * directly, so the same check works on the live host and on a mounted image), hands what it read
 * to the judges in sshd_config.c, and reports exactly one result. */
#include <scanner/plugin_api.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sshd_config.h"

#define SSHD_CONFIG "/etc/ssh/sshd_config"

static const scanner_benchmark baseline = {sizeof(scanner_benchmark), "Example Corp SSH Baseline",
                                           "v1.0.0", "https://example.com/ssh-baseline"};

/* Reports the result of a target read that failed; returns 1 when it did. An absent
 * sshd_config means no SSH daemon is configured here: not applicable rather than an error. */
static int report_unreadable(const scanner_check_context* ctx, int32_t rc) {
    if (rc == 0) return 0;
    char reason[256];
    if (rc == ENOENT) {
        ctx->add_evidence(ctx, SSHD_CONFIG, "absent");
        ctx->report(ctx, SCANNER_STATUS_SKIP,
                    "not applicable: " SSHD_CONFIG
                    " does not exist, so no SSH daemon is "
                    "configured");
        return 1;
    }
    snprintf(reason, sizeof reason, "cannot read " SSHD_CONFIG ": %s", strerror(rc));
    ctx->report(ctx, SCANNER_STATUS_ERROR, reason);
    return 1;
}

/* The keyword a check judges, and what it must be. */
typedef struct keyword_rule {
    const char* keyword;
    const char* required;
    const char* default_value; /* sshd's own default, from sshd_config(5) */
} keyword_rule;

static const keyword_rule permit_root_login = {"PermitRootLogin", "no", "prohibit-password"};
static const keyword_rule password_authentication = {"PasswordAuthentication", "no", "yes"};

static void run_keyword(const scanner_check_context* ctx, void* user_data) {
    const keyword_rule* rule = user_data;
    const char* data = NULL;
    uint64_t size = 0;
    if (report_unreadable(ctx, ctx->read_file(ctx, SSHD_CONFIG, 0, &data, &size))) return;

    sshd_setting setting;
    sshd_find_setting(data, (size_t)size, rule->keyword, &setting);
    char observed[128];
    if (setting.line != 0) {
        snprintf(observed, sizeof observed, "%s %s (line %u)", rule->keyword, setting.value,
                 setting.line);
    } else {
        snprintf(observed, sizeof observed, "%s not set", rule->keyword);
    }
    ctx->add_evidence(ctx, SSHD_CONFIG, observed);

    sshd_verdict verdict;
    sshd_judge_setting(&setting, rule->keyword, rule->required, rule->default_value, SSHD_CONFIG,
                       &verdict);
    ctx->report(ctx, verdict.status, verdict.reason);
}

static void run_file_mode(const scanner_check_context* ctx, void* user_data) {
    (void)user_data;
    scanner_stat st = {sizeof(scanner_stat), 0, 0, 0, 0, 0};
    if (report_unreadable(ctx, ctx->stat(ctx, SSHD_CONFIG, 1, &st))) return;

    char observed[96];
    snprintf(observed, sizeof observed, "mode %04o, owner %u:%u", (unsigned)(st.mode & 07777),
             (unsigned)st.uid, (unsigned)st.gid);
    ctx->add_evidence(ctx, SSHD_CONFIG, observed);
    sshd_verdict verdict;
    sshd_judge_file_mode(st.mode, st.uid, st.gid, SSHD_CONFIG, &verdict);
    ctx->report(ctx, verdict.status, verdict.reason);
}

static const scanner_check_def checks[] = {
    {sizeof(scanner_check_def), "ec-ssh-root-login", "1.1", "Ensure SSH root login is disabled",
     &baseline, 1, SCANNER_MODE_AUTOMATIC,
     "Set \"PermitRootLogin no\" in " SSHD_CONFIG " before any Match block, and in every Match "
     "block that sets it, then reload sshd (systemctl reload ssh).",
     run_keyword, (void*)&permit_root_login},
    {sizeof(scanner_check_def), "ec-ssh-password-auth", "1.2",
     "Ensure SSH password authentication is disabled", &baseline, 1, SCANNER_MODE_AUTOMATIC,
     "Set \"PasswordAuthentication no\" in " SSHD_CONFIG " before any Match block, and in every "
     "Match block that sets it, then reload sshd (systemctl reload ssh).",
     run_keyword, (void*)&password_authentication},
    {sizeof(scanner_check_def), "ec-ssh-config-perms", "1.3",
     "Ensure permissions on " SSHD_CONFIG " are configured", &baseline, 1, SCANNER_MODE_AUTOMATIC,
     "chown root:root " SSHD_CONFIG " && chmod 0600 " SSHD_CONFIG, run_file_mode, NULL},
};

static int32_t init(const scanner_host_api* host) {
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; ++i) {
        int32_t rc = host->register_check(host, &checks[i]);
        if (rc != 0) return rc;
    }
    return 0;
}

static const scanner_plugin_descriptor descriptor = {
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "example-sshd-c",
    "Example Corp SSH checks",
    "1.0.0",
    "Example Corp",
    NULL,
    init,
    NULL,
};

SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* scanner_plugin_entry_v1(
    uint32_t host_abi_major, uint32_t host_abi_minor) {
    (void)host_abi_minor;
    return host_abi_major == SCANNER_ABI_VERSION_MAJOR ? &descriptor : NULL;
}
