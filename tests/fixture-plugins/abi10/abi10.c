/* A plugin frozen at ABI 1.0: it spells out the 1.0 layout of every struct it shares with the
 * host instead of including plugin_api.h, so it stays a 1.0 plugin however the header grows.
 * Every later 1.x host must keep loading it and running its checks (the ABI promise). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { abi10_pass = 0, abi10_fail = 1, abi10_error = 3 };

typedef struct abi10_stat {
    uint32_t struct_size;
    uint32_t mode;
    uint32_t uid;
    uint32_t gid;
    uint64_t size;
    int64_t mtime;
} abi10_stat;

typedef struct abi10_benchmark {
    uint32_t struct_size;
    const char* name;
    const char* version;
    const char* url;
} abi10_benchmark;

typedef struct abi10_context abi10_context;
struct abi10_context {
    uint32_t struct_size;
    void* host_data;
    uint32_t target_kind;
    int32_t (*read_file)(const abi10_context* ctx, const char* path, uint64_t max_bytes,
                         const char** data, uint64_t* size);
    int32_t (*stat)(const abi10_context* ctx, const char* path, uint32_t follow, abi10_stat* out);
    void* list_dir;
    void* read_sysctl;
    void* read_loaded_modules;
    void* run_command;
    void (*add_evidence)(const abi10_context* ctx, const char* source, const char* observed);
    void* add_note;
    void* add_benchmark_note;
    int32_t (*report)(const abi10_context* ctx, int32_t status, const char* reason);
    void* set_mode;
};

typedef struct abi10_check_def {
    uint32_t struct_size;
    const char* name;
    const char* id;
    const char* title;
    const abi10_benchmark* benchmark;
    uint32_t level;
    uint32_t mode;
    const char* remediation;
    void (*run)(const abi10_context* ctx, void* user_data);
    void* user_data;
} abi10_check_def;

typedef struct abi10_host_api abi10_host_api;
struct abi10_host_api {
    uint32_t struct_size;
    void* host_data;
    uint32_t abi_major;
    uint32_t abi_minor;
    const char* host_version;
    int32_t (*register_check)(const abi10_host_api* host, const abi10_check_def* def);
    void (*log)(const abi10_host_api* host, int32_t level, const char* message);
};

typedef struct abi10_descriptor {
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    const char* id;
    const char* name;
    const char* version;
    const char* vendor;
    const char* const* aliases;
    int32_t (*init)(const abi10_host_api* host);
    void (*shutdown)(void);
} abi10_descriptor;

/* The sizes of ABI 1.0 on LP64, as tests/core/abi_header_test.c pins them for the header. */
_Static_assert(sizeof(void*) != 8 || sizeof(abi10_descriptor) == 72, "not the 1.0 descriptor");
_Static_assert(sizeof(void*) != 8 || sizeof(abi10_check_def) == 72, "not the 1.0 check");
_Static_assert(sizeof(void*) != 8 || sizeof(abi10_context) == 112, "not the 1.0 context");
_Static_assert(sizeof(abi10_stat) == 32, "not the 1.0 stat");

static const abi10_benchmark abi10_benchmark_def = {sizeof(abi10_benchmark), "ABI 1.0 Benchmark",
                                                    "v1.0", NULL};

/* PASS when /etc/abi10/value holds "1.0", FAIL otherwise. */
static void run_value(const abi10_context* ctx, void* user_data) {
    (void)user_data;
    const char* data = NULL;
    uint64_t size = 0;
    int32_t rc = ctx->read_file(ctx, "/etc/abi10/value", 0, &data, &size);
    if (rc != 0) {
        char reason[256];
        snprintf(reason, sizeof reason, "cannot read /etc/abi10/value: %s", strerror(rc));
        ctx->report(ctx, abi10_error, reason);
        return;
    }
    ctx->add_evidence(ctx, "/etc/abi10/value", data);
    if (size == 3 && memcmp(data, "1.0", 3) == 0) {
        ctx->report(ctx, abi10_pass, NULL);
        return;
    }
    ctx->report(ctx, abi10_fail, "value is not 1.0 (/etc/abi10/value)");
}

/* PASS when /etc/abi10/value is writable by its owner only; reads the 1.0-sized stat. */
static void run_mode(const abi10_context* ctx, void* user_data) {
    (void)user_data;
    abi10_stat st = {sizeof(abi10_stat), 0, 0, 0, 0, 0};
    int32_t rc = ctx->stat(ctx, "/etc/abi10/value", 1, &st);
    if (rc != 0) {
        char reason[256];
        snprintf(reason, sizeof reason, "cannot stat /etc/abi10/value: %s", strerror(rc));
        ctx->report(ctx, abi10_error, reason);
        return;
    }
    if ((st.mode & 022) != 0) {
        ctx->report(ctx, abi10_fail, "/etc/abi10/value is writable by group or others");
        return;
    }
    ctx->report(ctx, abi10_pass, NULL);
}

static const abi10_check_def abi10_checks[] = {
    {sizeof(abi10_check_def), "abi10value", "1", "Ensure the value is 1.0", &abi10_benchmark_def, 1,
     0, "write 1.0 to /etc/abi10/value", run_value, NULL},
    {sizeof(abi10_check_def), "abi10mode", "2", "Ensure the value is private", &abi10_benchmark_def,
     1, 0, "chmod go-w /etc/abi10/value", run_mode, NULL},
};

static int32_t abi10_init(const abi10_host_api* host) {
    for (size_t i = 0; i < sizeof abi10_checks / sizeof abi10_checks[0]; ++i) {
        int32_t rc = host->register_check(host, &abi10_checks[i]);
        if (rc != 0) return rc;
    }
    return 0;
}

static const abi10_descriptor abi10_plugin = {
    sizeof(abi10_descriptor), 1,    0,          "abi10", "ABI 1.0 checks", "1.0.0",
    "scanner tests",          NULL, abi10_init, NULL};

__attribute__((visibility("default"))) const abi10_descriptor* scanner_plugin_entry_v1(
    uint32_t host_abi_major, uint32_t host_abi_minor);

__attribute__((visibility("default"))) const abi10_descriptor* scanner_plugin_entry_v1(
    uint32_t host_abi_major, uint32_t host_abi_minor) {
    (void)host_abi_minor;
    return host_abi_major == 1 ? &abi10_plugin : NULL;
}
