/*
 * scanner plugin ABI: the one header a check pack needs.
 *
 * A plugin is a shared library that exports one C function, SCANNER_PLUGIN_ENTRY_V1. The host
 * calls it once after loading, gets a static descriptor back, checks the ABI version, then calls
 * the descriptor's init with a host API table. init registers the plugin's checks. Later the host
 * calls each selected check's run function with a context: the check reads the target system
 * through the context and reports exactly one result.
 *
 * Rules that hold for every declaration below:
 * - Only fixed-width integers, UTF-8 `const char*` (NUL-terminated), opaque pointers and function
 *   pointers cross the boundary.
 * - Every struct starts with `struct_size`, set by whoever fills the struct to sizeof() of the
 *   struct as that side was compiled. A reader never reads a field that lies beyond struct_size.
 *   Structs only grow at the end; a field added in minor N is read only when struct_size covers it.
 * - Whatever a call receives is valid only during that call, unless the field says otherwise; the
 *   host copies everything it is given. Neither side frees memory of the other side.
 * - No C++ exception ever crosses the boundary: a plugin written in C++ catches everything in its
 *   entry, init, shutdown and run functions.
 * - Integer results of host functions are 0 on success or a positive errno value (<errno.h>), so a
 *   plugin can print them with strerror().
 *
 * ABI changelog:
 *   1.0  first version: descriptor, host API (register_check, log), check context (read_file,
 *        stat, list_dir, read_sysctl, read_loaded_modules, run_command, add_evidence, add_note,
 *        add_benchmark_note, report, set_mode).
 *   1.1  check context: scan_id, so that a plugin can keep what it learnt about the target for
 *        the other checks of the same scan.
 *
 * Compatibility promise: the host loads a plugin whose major equals the host's and whose minor is
 * not newer than the host's. A plugin built against 1.0 keeps loading in every 1.x host. A new
 * major comes with a new entry symbol name.
 *   Within a major, a new minor only adds: fields at the end of structs, and meanings for values
 *   that earlier minors refused. No field changes its offset, type or meaning, and the host reads
 *   a plugin's struct only up to the struct_size the plugin set, so a plugin never needs
 *   rebuilding for a newer host. A plugin rebuilt against a newer header requires a host of at
 *   least that minor: build against the oldest header that has what the plugin uses. The
 *   scanner's tests keep a plugin written with its own copy of the 1.0 layouts, which every 1.x
 *   host must load and run.
 */
#ifndef SCANNER_PLUGIN_API_H
#define SCANNER_PLUGIN_API_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SCANNER_ABI_VERSION_MAJOR 1
#define SCANNER_ABI_VERSION_MINOR 1

/* Name of the entry symbol of ABI major 1, as looked up by the host. */
#define SCANNER_PLUGIN_ENTRY_V1_NAME "scanner_plugin_entry_v1"

#if defined(__GNUC__)
#define SCANNER_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define SCANNER_PLUGIN_EXPORT
#endif

/* Verdict of one check. See the README for the exact meaning of each. */
enum {
    SCANNER_STATUS_PASS = 0,  /* evaluated; the target meets the recommendation */
    SCANNER_STATUS_FAIL = 1,  /* evaluated; it does not */
    SCANNER_STATUS_SKIP = 2,  /* not evaluated by design: manual, or not applicable here */
    SCANNER_STATUS_ERROR = 3, /* could not be evaluated: input missing, unreadable, malformed */
};

/* How a benchmark recommendation is assessed. */
enum {
    SCANNER_MODE_AUTOMATIC = 0,
    SCANNER_MODE_MANUAL = 1,
};

/* Severity of a log line sent to the host with log(). */
enum {
    SCANNER_LOG_DEBUG = 0,
    SCANNER_LOG_INFO = 1,
    SCANNER_LOG_WARN = 2,
    SCANNER_LOG_ERROR = 3,
};

/* Kind of target a check runs against, as returned by scanner_check_context.target_kind. */
enum {
    SCANNER_TARGET_LIVE = 0, /* the running host ("/"): /proc, /sys and commands are real */
    SCANNER_TARGET_ROOT = 1, /* a directory tree (image, container rootfs, fixture): no commands */
};

/* File type bits as in stat(2) st_mode (S_IFMT); Linux values. */
typedef struct scanner_stat {
    uint32_t struct_size;
    uint32_t mode; /* st_mode: type and permission bits */
    uint32_t uid;  /* owner as stored on the target */
    uint32_t gid;  /* group as stored on the target */
    uint64_t size; /* bytes; 0 for most /proc and /sys files */
    int64_t mtime; /* modification time, seconds since the epoch */
} scanner_stat;

/* One entry of a directory listing. */
typedef struct scanner_dir_entry {
    uint32_t struct_size;
    uint32_t type;    /* S_IFREG, S_IFDIR, S_IFLNK, ... (type bits of st_mode, not followed) */
    const char* name; /* entry name without the directory; never "." or ".." */
} scanner_dir_entry;

/* The benchmark a check belongs to. Checks of several plugins may share one benchmark: the host
 * groups results by (name, version). Strings must stay valid while the plugin is loaded. */
typedef struct scanner_benchmark {
    uint32_t struct_size;
    const char* name;    /* e.g. "CIS Bottlerocket Benchmark"; required */
    const char* version; /* e.g. "v1.0.0"; required */
    const char* url;     /* reference URL; may be NULL */
} scanner_benchmark;

typedef struct scanner_check_context scanner_check_context;

/* The view of the target system a check gets while it runs, and its way to report.
 *
 * Provided by the host for the duration of one run() call. Every function must be called from the
 * thread that runs the check, during run(), with `ctx` as its first argument. Paths are absolute
 * paths on the target ("/etc/chrony.conf"); under a root directory they resolve inside that root,
 * symlinks and ".." included. Data returned through out-pointers is owned by the host and stays
 * valid until run() returns. */
struct scanner_check_context {
    uint32_t struct_size;

    /* Opaque host data; the plugin must not touch it. */
    void* host_data;

    /* SCANNER_TARGET_LIVE or SCANNER_TARGET_ROOT. */
    uint32_t target_kind;

    /* Reads a whole regular file. Never blocks on a FIFO or device: anything that is not a
     * regular file after following symlinks gives EINVAL. `max_bytes` caps the read (0 means the
     * host's default, 16 MiB); a larger file gives EFBIG. On success *data points to *size bytes
     * followed by a NUL the size does not count. Returns 0, ENOENT, EACCES, ELOOP, EFBIG, ... */
    int32_t (*read_file)(const scanner_check_context* ctx, const char* path, uint64_t max_bytes,
                         const char** data, uint64_t* size);

    /* stat(2) of `path` into *out (whose struct_size the caller sets); follows a final symlink
     * when `follow` is non-zero, otherwise describes the link itself (lstat). */
    int32_t (*stat)(const scanner_check_context* ctx, const char* path, uint32_t follow,
                    scanner_stat* out);

    /* Lists a directory (symlinks to directories are followed for `path` itself, never for the
     * entries). At most `max_entries` entries (0 means the host's default, 1,000,000); more gives
     * E2BIG. On success *entries points to *count entries in unspecified order. */
    int32_t (*list_dir)(const scanner_check_context* ctx, const char* path, uint64_t max_entries,
                        const scanner_dir_entry** entries, uint64_t* count);

    /* Reads a sysctl by its dotted name ("fs.suid_dumpable") from /proc/sys of the target. The
     * value has its trailing newline removed; fields of multi-value sysctls are separated by tabs
     * as the kernel prints them. */
    int32_t (*read_sysctl)(const scanner_check_context* ctx, const char* name, const char** value);

    /* Names of the kernel modules loaded on the target, one per line, as /proc/modules lists
     * them. Under a root directory this is the root's /proc/modules, usually absent (ENOENT). */
    int32_t (*read_loaded_modules)(const scanner_check_context* ctx, const char** names);

    /* Runs a program on a live target: argv[0] is an absolute path, argv is NULL-terminated; no
     * shell, stdin is /dev/null, the environment is PATH and LC_ALL=C only. `timeout_ms` 0 means
     * the host's default (10 s). Refused with ENOTSUP on a root-directory target, ETIMEDOUT when
     * the program was killed for running too long. On success (the program ran, whatever its exit
     * status) *exit_status is its exit code, or 128 + signal number, and *out / *err hold its
     * output (NUL-terminated; up to 16 MiB each, the rest is dropped). */
    int32_t (*run_command)(const scanner_check_context* ctx, const char* const* argv,
                           uint32_t timeout_ms, int32_t* exit_status, const char** out,
                           const char** err);

    /* Records what the check observed and where: `source` is a path or a command line,
     * `observed` the value seen ("fs.suid_dumpable = 1"). Any number of calls. */
    void (*add_evidence)(const scanner_check_context* ctx, const char* source,
                         const char* observed);

    /* Attaches a note to this check's result that every report format shows, e.g. why a
     * platform accepts a deviation. Any number of calls. */
    void (*add_note)(const scanner_check_context* ctx, const char* note);

    /* Attaches a note to the header of the benchmark block this check belongs to (e.g. "target
     * is not Bottlerocket"). Identical notes from several checks are shown once. */
    void (*add_benchmark_note)(const scanner_check_context* ctx, const char* note);

    /* Reports the result: one of SCANNER_STATUS_*, and a reason a person can act on (required
     * for every status but PASS; may be NULL for PASS). Only the first call counts: later calls
     * return EALREADY and change nothing. A run that returns without reporting is recorded as
     * ERROR. */
    int32_t (*report)(const scanner_check_context* ctx, int32_t status, const char* reason);

    /* Changes the mode shown for this result (SCANNER_MODE_*), for a check that is automatic only
     * where a fact of the target allows it, e.g. a kube-proxy check with no kube-proxy
     * configuration present is reported as manual. Returns 0 or EINVAL. */
    int32_t (*set_mode)(const scanner_check_context* ctx, uint32_t mode);

    /* Since 1.1. Non-zero and the same for every check of one scan, whichever worker process
     * runs it; different for each scan a process runs. A plugin may keep facts it derived from
     * the target (a process search, a parsed file) under this id for the scan's other checks,
     * and must not use them for another id. */
    uint64_t scan_id;
};

/* Runs one check against the target. `user_data` is the pointer given at registration. Called at
 * most once per scan per check, never concurrently with another call into the same plugin, from
 * any host thread (or from a worker process the host forked after init). */
typedef void (*scanner_check_run_fn)(const scanner_check_context* ctx, void* user_data);

/* A check, as registered by init. The host copies every string during register_check; `benchmark`
 * is copied too. */
typedef struct scanner_check_def {
    uint32_t struct_size;
    const char* name;  /* unique, stable key, [A-Za-z0-9._-]{1,64}, e.g. "br01040100"; required */
    const char* id;    /* the benchmark's id, e.g. "1.4.1"; unique within its benchmark; required */
    const char* title; /* the benchmark's title of the recommendation; required */
    const scanner_benchmark* benchmark; /* required */
    uint32_t level;                     /* 1 or 2; level 2 includes level 1 */
    uint32_t mode;                      /* SCANNER_MODE_AUTOMATIC or SCANNER_MODE_MANUAL */
    const char* remediation;            /* how to fix a FAIL; required for automatic checks */
    scanner_check_run_fn run;           /* required */
    void* user_data;                    /* passed back to run(); may be NULL */
} scanner_check_def;

typedef struct scanner_host_api scanner_host_api;

/* What the host offers the plugin during init(). Valid only during init(); call it only from the
 * thread that called init(). */
struct scanner_host_api {
    uint32_t struct_size;

    /* Opaque host data; the plugin must not touch it. */
    void* host_data;

    /* The host's ABI version. */
    uint32_t abi_major;
    uint32_t abi_minor;

    /* The host program's version, e.g. "0.1.0". */
    const char* host_version;

    /* Registers one check. Returns 0, or EINVAL for a malformed definition and EEXIST for a
     * name or benchmark id already registered; either refusal makes the host refuse the whole
     * plugin after init returns, naming the check. */
    int32_t (*register_check)(const scanner_host_api* host, const scanner_check_def* def);

    /* Sends one log line, which the host prefixes with the plugin's id. */
    void (*log)(const scanner_host_api* host, int32_t level, const char* message);
};

/* What the plugin is. Returned by the entry function; it and every string it points to must stay
 * valid until the plugin is unloaded (static storage is the natural choice). */
typedef struct scanner_plugin_descriptor {
    uint32_t struct_size;
    uint32_t abi_major;         /* SCANNER_ABI_VERSION_MAJOR the plugin was built with */
    uint32_t abi_minor;         /* SCANNER_ABI_VERSION_MINOR the plugin was built with */
    const char* id;             /* unique, [a-z0-9-]{1,64}, e.g. "kubernetes-worker"; required */
    const char* name;           /* human-readable name; required */
    const char* version;        /* the plugin's own version, e.g. "1.0.0"; required */
    const char* vendor;         /* who ships it; required */
    const char* const* aliases; /* NULL-terminated short names for --plugins; may be NULL */

    /* Registers the plugin's checks through `host`. Returns 0 on success; anything else makes
     * the host refuse the plugin. Called once, on the host's main thread. */
    int32_t (*init)(const scanner_host_api* host);

    /* Releases what init acquired. Called once before unloading, after the last run() returned;
     * may be NULL. */
    void (*shutdown)(void);
} scanner_plugin_descriptor;

/* The entry function every plugin of ABI major 1 exports under SCANNER_PLUGIN_ENTRY_V1_NAME.
 * Receives the host's ABI version and returns the plugin's static descriptor, or NULL when the
 * plugin cannot work with that host. Must not do anything else (no I/O, no threads). */
typedef const scanner_plugin_descriptor* (*scanner_plugin_entry_v1_fn)(uint32_t host_abi_major,
                                                                       uint32_t host_abi_minor);

/* The entry function itself, declared so that a plugin's definition is checked against it. */
SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* scanner_plugin_entry_v1(
    uint32_t host_abi_major, uint32_t host_abi_minor);

#ifdef __cplusplus
}
#endif

#endif /* SCANNER_PLUGIN_API_H */
