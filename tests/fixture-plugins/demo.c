/* A small plugin in plain C, using plugin_api.h alone: the end-to-end tests drive it through the
 * real CLI. Every check reads a file under /etc/demo of the target. */
#include <scanner/plugin_api.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const scanner_benchmark demo_benchmark = {sizeof(scanner_benchmark), "Demo Benchmark",
                                                 "v1.0.0", "https://example.com/demo"};

static void report_read_error(const scanner_check_context* ctx, const char* path, int32_t rc) {
    char reason[512];
    snprintf(reason, sizeof reason, "cannot read %s: %s", path, strerror(rc));
    ctx->report(ctx, SCANNER_STATUS_ERROR, reason);
}

/* PASS when /etc/demo/value holds "ok", FAIL otherwise. */
static void run_value(const scanner_check_context* ctx, void* user_data) {
    (void)user_data;
    const char* data = NULL;
    uint64_t size = 0;
    int32_t rc = ctx->read_file(ctx, "/etc/demo/value", 0, &data, &size);
    if (rc != 0) {
        report_read_error(ctx, "/etc/demo/value", rc);
        return;
    }
    if (size > 0 && data[size - 1] == '\n') --size;
    char observed[128];
    snprintf(observed, sizeof observed, "%.*s", (int)(size < 100 ? size : 100), data);
    ctx->add_evidence(ctx, "/etc/demo/value", observed);
    if (size == 2 && memcmp(data, "ok", 2) == 0) {
        ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
        return;
    }
    char reason[256];
    snprintf(reason, sizeof reason, "value is '%s', expected 'ok' (/etc/demo/value)", observed);
    ctx->report(ctx, SCANNER_STATUS_FAIL, reason);
}

static void run_manual(const scanner_check_context* ctx, void* user_data) {
    (void)user_data;
    ctx->report(ctx, SCANNER_STATUS_SKIP, "Manual check, see benchmark for audit details.");
}

/* PASS when /etc/demo/secret grants nothing to group and others. */
static void run_secret(const scanner_check_context* ctx, void* user_data) {
    (void)user_data;
    scanner_stat st = {sizeof(scanner_stat), 0, 0, 0, 0, 0};
    int32_t rc = ctx->stat(ctx, "/etc/demo/secret", 1, &st);
    if (rc != 0) {
        report_read_error(ctx, "/etc/demo/secret", rc);
        return;
    }
    char mode[64];
    snprintf(mode, sizeof mode, "mode %04o", (unsigned)(st.mode & 07777));
    ctx->add_evidence(ctx, "/etc/demo/secret", mode);
    if ((st.mode & 077) == 0) {
        ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
        return;
    }
    char reason[128];
    snprintf(reason, sizeof reason, "/etc/demo/secret has %s, expected 0600 or stricter", mode);
    ctx->report(ctx, SCANNER_STATUS_FAIL, reason);
}

/* PASS when the sysctl kernel.randomize_va_space is 2. */
static void run_sysctl(const scanner_check_context* ctx, void* user_data) {
    (void)user_data;
    const char* value = NULL;
    int32_t rc = ctx->read_sysctl(ctx, "kernel.randomize_va_space", &value);
    if (rc != 0) {
        report_read_error(ctx, "/proc/sys/kernel/randomize_va_space", rc);
        return;
    }
    ctx->add_evidence(ctx, "/proc/sys/kernel/randomize_va_space", value);
    if (strcmp(value, "2") == 0) {
        ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
        return;
    }
    char reason[128];
    snprintf(reason, sizeof reason, "kernel.randomize_va_space = %s, expected 2", value);
    ctx->report(ctx, SCANNER_STATUS_FAIL, reason);
}

/* SKIP (not applicable) when /etc/demo/feature is absent, with a note and a benchmark note. */
static void run_feature(const scanner_check_context* ctx, void* user_data) {
    (void)user_data;
    scanner_stat st = {sizeof(scanner_stat), 0, 0, 0, 0, 0};
    ctx->add_benchmark_note(ctx, "demo target");
    int32_t rc = ctx->stat(ctx, "/etc/demo/feature", 1, &st);
    if (rc == ENOENT) {
        ctx->set_mode(ctx, SCANNER_MODE_MANUAL);
        ctx->report(ctx, SCANNER_STATUS_SKIP, "/etc/demo/feature is absent: not applicable");
        return;
    }
    if (rc != 0) {
        report_read_error(ctx, "/etc/demo/feature", rc);
        return;
    }
    ctx->add_note(ctx, "feature present; accepted by the demo platform");
    ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
}

#define DEMO_CHECK(name, id, title, level, mode, run)                             \
    {                                                                             \
        sizeof(scanner_check_def), name, id, title, &demo_benchmark, level, mode, \
            "set it right in /etc/demo", run, NULL                                \
    }

static const scanner_check_def demo_checks[] = {
    DEMO_CHECK("demo0101", "1.1", "Ensure the demo value is ok", 1, SCANNER_MODE_AUTOMATIC,
               run_value),
    DEMO_CHECK("demo0102", "1.2", "Ensure the demo is reviewed", 1, SCANNER_MODE_MANUAL,
               run_manual),
    DEMO_CHECK("demo0103", "1.3", "Ensure ASLR is enabled", 1, SCANNER_MODE_AUTOMATIC, run_sysctl),
    DEMO_CHECK("demo0110", "1.10", "Ensure the optional feature is accepted", 1,
               SCANNER_MODE_AUTOMATIC, run_feature),
    DEMO_CHECK("demo0201", "2.1", "Ensure the demo secret is private", 2, SCANNER_MODE_AUTOMATIC,
               run_secret),
};

static int32_t demo_init(const scanner_host_api* host) {
    for (size_t i = 0; i < sizeof demo_checks / sizeof demo_checks[0]; ++i) {
        int32_t rc = host->register_check(host, &demo_checks[i]);
        if (rc != 0) return rc;
    }
    host->log(host, SCANNER_LOG_DEBUG, "demo checks registered");
    return 0;
}

static const char* const demo_aliases[] = {"dm", NULL};

static const scanner_plugin_descriptor demo_descriptor = {
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "demo",
    "Demo checks",
    "1.2.3",
    "scanner tests",
    demo_aliases,
    demo_init,
    NULL,
};

SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* scanner_plugin_entry_v1(uint32_t major,
                                                                               uint32_t minor) {
    (void)minor;
    return major == SCANNER_ABI_VERSION_MAJOR ? &demo_descriptor : NULL;
}
