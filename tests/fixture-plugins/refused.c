/* One fixture plugin per reason the host refuses a plugin, selected with -DREFUSE_<REASON>.
 * Each is otherwise a valid plugin, so the refusal is due to that one defect alone. */
#include <scanner/plugin_api.h>

#include <stddef.h>

static const scanner_benchmark refused_benchmark = {sizeof(scanner_benchmark), "Refused Benchmark",
                                                    "v1", NULL};

static void run_pass(const scanner_check_context* ctx, void* user_data) {
    (void)user_data;
    ctx->report(ctx, SCANNER_STATUS_PASS, NULL);
}

#ifdef REFUSE_BAD_LEVEL
#define CHECK_LEVEL 3
#else
#define CHECK_LEVEL 1
#endif
#ifdef REFUSE_BAD_MODE
#define CHECK_MODE 7
#else
#define CHECK_MODE SCANNER_MODE_AUTOMATIC
#endif

static int32_t refused_init(const scanner_host_api* host) {
    scanner_check_def def = {sizeof(scanner_check_def),
                             "refused01",
                             "1",
                             "Ensure nothing",
                             &refused_benchmark,
                             CHECK_LEVEL,
                             CHECK_MODE,
                             "nothing",
                             run_pass,
                             NULL};
    host->register_check(host, &def);
#ifdef REFUSE_DUPLICATE_CHECK
    def.id = "2";
    host->register_check(host, &def);
#endif
#ifdef REFUSE_INIT_FAILS
    return 5;
#else
    return 0;
#endif
}

#ifdef REFUSE_DUPLICATE_PLUGIN
#define PLUGIN_ID "demo"
#else
#define PLUGIN_ID "refused"
#endif
#ifdef REFUSE_ABI_MAJOR
#define PLUGIN_ABI_MAJOR (SCANNER_ABI_VERSION_MAJOR + 1)
#else
#define PLUGIN_ABI_MAJOR SCANNER_ABI_VERSION_MAJOR
#endif
#ifdef REFUSE_ABI_MINOR_NEWER
#define PLUGIN_ABI_MINOR (SCANNER_ABI_VERSION_MINOR + 1)
#else
#define PLUGIN_ABI_MINOR SCANNER_ABI_VERSION_MINOR
#endif
#ifdef REFUSE_MISSING_FIELDS
#define PLUGIN_VENDOR NULL
#else
#define PLUGIN_VENDOR "scanner tests"
#endif

static const scanner_plugin_descriptor refused_descriptor = {sizeof(scanner_plugin_descriptor),
                                                             PLUGIN_ABI_MAJOR,
                                                             PLUGIN_ABI_MINOR,
                                                             PLUGIN_ID,
                                                             "Refused checks",
                                                             "1.0.0",
                                                             PLUGIN_VENDOR,
                                                             NULL,
                                                             refused_init,
                                                             NULL};

#ifdef REFUSE_NO_ENTRY
/* Exported under another name: the host must not find an entry. */
SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* not_the_entry(void);
SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* not_the_entry(void) {
    return &refused_descriptor;
}
#else
SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* scanner_plugin_entry_v1(uint32_t major,
                                                                               uint32_t minor) {
    (void)major;
    (void)minor;
    return &refused_descriptor;
}
#endif
