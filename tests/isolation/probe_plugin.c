/* A fixture plugin that touches the target where a fixture root tells it to, for the hostile
 * image tests. Check probeNN reads /probe/probeNN: an operation on the first line (read, list,
 * stat, lstat or sysctl), then the path or sysctl name, verbatim to the end of the file, so
 * names may hold newlines and bytes that are not UTF-8. Success is PASS with what was seen as
 * evidence; failure is ERROR naming the path and the system's reason. */
#include <scanner/plugin_api.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const scanner_benchmark probe_benchmark = {sizeof(scanner_benchmark), "Probe Benchmark",
                                                  "v1", NULL};

/* Evidence and reasons are cut short here; the bytes stay as they are. */
#define PROBE_TEXT_MAX 1024
#define PROBE_LISTED_MAX 16

static void report_failure(const scanner_check_context* ctx, const char* op, const char* path,
                           int32_t rc) {
    char reason[PROBE_TEXT_MAX + 128];
    snprintf(reason, sizeof reason, "cannot %s %s: %s", op, path, strerror(rc));
    ctx->report(ctx, SCANNER_STATUS_ERROR, reason);
}

static void probe_read(const scanner_check_context* ctx, const char* path) {
    const char* data = NULL;
    uint64_t size = 0;
    int32_t rc = ctx->read_file(ctx, path, 0, &data, &size);
    if (rc != 0) {
        report_failure(ctx, "read", path, rc);
        return;
    }
    char observed[PROBE_TEXT_MAX];
    snprintf(observed, sizeof observed, "%.*s", (int)(size < 256 ? size : 256), data);
    ctx->add_evidence(ctx, path, observed);
    ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
}

static void probe_list(const scanner_check_context* ctx, const char* path) {
    const scanner_dir_entry* entries = NULL;
    uint64_t count = 0;
    int32_t rc = ctx->list_dir(ctx, path, 0, &entries, &count);
    if (rc != 0) {
        report_failure(ctx, "list", path, rc);
        return;
    }
    char observed[64];
    snprintf(observed, sizeof observed, "%llu entries", (unsigned long long)count);
    ctx->add_evidence(ctx, path, observed);
    for (uint64_t i = 0; i < count && i < PROBE_LISTED_MAX; ++i) {
        ctx->add_evidence(ctx, path, entries[i].name);
    }
    ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
}

static void probe_stat(const scanner_check_context* ctx, const char* path, uint32_t follow) {
    scanner_stat st = {sizeof(scanner_stat), 0, 0, 0, 0, 0};
    int32_t rc = ctx->stat(ctx, path, follow, &st);
    if (rc != 0) {
        report_failure(ctx, follow ? "stat" : "lstat", path, rc);
        return;
    }
    char observed[64];
    snprintf(observed, sizeof observed, "mode %06o size %llu", (unsigned)st.mode,
             (unsigned long long)st.size);
    ctx->add_evidence(ctx, path, observed);
    ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
}

static void probe_sysctl(const scanner_check_context* ctx, const char* name) {
    const char* value = NULL;
    int32_t rc = ctx->read_sysctl(ctx, name, &value);
    if (rc != 0) {
        report_failure(ctx, "read sysctl", name, rc);
        return;
    }
    ctx->add_evidence(ctx, name, value);
    ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
}

static void run_probe(const scanner_check_context* ctx, void* user_data) {
    const char* config_path = (const char*)user_data;
    const char* config = NULL;
    uint64_t size = 0;
    int32_t rc = ctx->read_file(ctx, config_path, PROBE_TEXT_MAX, &config, &size);
    if (rc == ENOENT) {
        char reason[128];
        snprintf(reason, sizeof reason, "no probe configured in %s", config_path);
        ctx->report(ctx, SCANNER_STATUS_SKIP, reason);
        return;
    }
    if (rc != 0) {
        report_failure(ctx, "read", config_path, rc);
        return;
    }
    const char* newline = memchr(config, '\n', size);
    if (newline == NULL) {
        ctx->report(ctx, SCANNER_STATUS_ERROR, "probe configuration has no operation line");
        return;
    }
    size_t op_size = (size_t)(newline - config);
    const char* subject = newline + 1; /* NUL-terminated by the host */
    if (op_size == 4 && memcmp(config, "read", 4) == 0) {
        probe_read(ctx, subject);
    } else if (op_size == 4 && memcmp(config, "list", 4) == 0) {
        probe_list(ctx, subject);
    } else if (op_size == 4 && memcmp(config, "stat", 4) == 0) {
        probe_stat(ctx, subject, 1);
    } else if (op_size == 5 && memcmp(config, "lstat", 5) == 0) {
        probe_stat(ctx, subject, 0);
    } else if (op_size == 6 && memcmp(config, "sysctl", 6) == 0) {
        probe_sysctl(ctx, subject);
    } else {
        ctx->report(ctx, SCANNER_STATUS_ERROR, "probe configuration has an unknown operation");
    }
}

#define PROBE_CHECK(n)                                                                 \
    {                                                                                  \
        sizeof(scanner_check_def), "probe" #n, #n, "Ensure probe " #n " reads safely", \
            &probe_benchmark, 1, SCANNER_MODE_AUTOMATIC, "nothing to fix", run_probe,  \
            (void*)"/probe/probe" #n                                                   \
    }

static const scanner_check_def probe_checks[] = {
    PROBE_CHECK(01), PROBE_CHECK(02), PROBE_CHECK(03), PROBE_CHECK(04),
    PROBE_CHECK(05), PROBE_CHECK(06), PROBE_CHECK(07), PROBE_CHECK(08),
    PROBE_CHECK(09), PROBE_CHECK(10), PROBE_CHECK(11), PROBE_CHECK(12),
    PROBE_CHECK(13), PROBE_CHECK(14), PROBE_CHECK(15), PROBE_CHECK(16),
};

static int32_t probe_init(const scanner_host_api* host) {
    for (size_t i = 0; i < sizeof probe_checks / sizeof probe_checks[0]; ++i) {
        int32_t rc = host->register_check(host, &probe_checks[i]);
        if (rc != 0) return rc;
    }
    return 0;
}

static const scanner_plugin_descriptor probe_descriptor = {
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "probe",
    "Probe checks",
    "1.0.0",
    "scanner tests",
    NULL,
    probe_init,
    NULL,
};

SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* scanner_plugin_entry_v1(uint32_t major,
                                                                               uint32_t minor) {
    (void)minor;
    return major == SCANNER_ABI_VERSION_MAJOR ? &probe_descriptor : NULL;
}
