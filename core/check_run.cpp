#include "core/check_run.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace scanner::core {

namespace {

// Everything one run hands to the plugin lives here until run() returns.
struct run_state {
    const target& system;
    const registered_check& check;
    check_result result;
    bool reported = false;
    std::size_t access_count = 0;
    std::deque<std::string> strings;
    std::deque<std::vector<dir_entry>> listings;
    std::deque<std::vector<scanner_dir_entry>> c_listings;
};

run_state& state_of(const scanner_check_context* ctx) {
    return *static_cast<run_state*>(ctx->host_data);
}

const char* keep(run_state& s, std::string text) {
    s.strings.push_back(std::move(text));
    return s.strings.back().c_str();
}

std::string text_or_empty(const char* text) { return text != nullptr ? text : ""; }

// Records one access to the target, as evidence of what the check looked at.
void record_access(run_state& s, std::string_view what, std::string_view subject, int rc,
                   std::string_view outcome = {}) {
    ++s.access_count;
    auto& accesses = s.result.accesses;
    if (s.access_count <= max_recorded_accesses) {
        std::string line = std::string(what) + " " + std::string(subject) + ": ";
        line += rc == 0 ? std::string(outcome) : errno_message(rc);
        accesses.push_back(std::move(line));
        return;
    }
    std::string more =
        "and " + std::to_string(s.access_count - max_recorded_accesses) + " more accesses";
    if (s.access_count == max_recorded_accesses + 1) {
        accesses.push_back(std::move(more));
    } else {
        accesses.back() = std::move(more);
    }
}

int32_t ctx_read_file(const scanner_check_context* ctx, const char* path, uint64_t max_bytes,
                      const char** data, uint64_t* size) {
    if (path == nullptr || data == nullptr || size == nullptr) return EINVAL;
    auto& s = state_of(ctx);
    auto r = s.system.read_file(path, max_bytes == 0 ? target::default_max_file_bytes : max_bytes);
    record_access(s, "read", path, r.error, std::to_string(r.value.size()) + " bytes");
    if (!r) return r.error;
    *size = r.value.size();
    *data = keep(s, std::move(r.value));
    return 0;
}

int32_t ctx_stat(const scanner_check_context* ctx, const char* path, uint32_t follow,
                 scanner_stat* out) {
    if (path == nullptr || out == nullptr || out->struct_size < sizeof(uint32_t)) return EINVAL;
    auto& s = state_of(ctx);
    auto r = s.system.stat(path, follow != 0);
    record_access(s, follow != 0 ? "stat" : "lstat", path, r.error, "ok");
    if (!r) return r.error;
    scanner_stat full{};
    full.struct_size = sizeof full;
    full.mode = r.value.st_mode;
    full.uid = r.value.st_uid;
    full.gid = r.value.st_gid;
    full.size = static_cast<uint64_t>(r.value.st_size);
    full.mtime = r.value.st_mtim.tv_sec;
    // Fill only as much as the plugin's struct holds.
    uint32_t caller_size = out->struct_size;
    std::memcpy(out, &full, std::min<std::size_t>(caller_size, sizeof full));
    out->struct_size = std::min<uint32_t>(caller_size, sizeof full);
    return 0;
}

int32_t ctx_list_dir(const scanner_check_context* ctx, const char* path, uint64_t max_entries,
                     const scanner_dir_entry** entries, uint64_t* count) {
    if (path == nullptr || entries == nullptr || count == nullptr) return EINVAL;
    auto& s = state_of(ctx);
    auto r =
        s.system.list_dir(path, max_entries == 0 ? target::default_max_dir_entries : max_entries);
    if (!r) return r.error;
    s.listings.push_back(std::move(r.value));
    auto& listing = s.listings.back();
    s.c_listings.emplace_back();
    auto& c_listing = s.c_listings.back();
    c_listing.reserve(listing.size());
    for (const auto& e : listing) {
        c_listing.push_back({sizeof(scanner_dir_entry), e.type, e.name.c_str()});
    }
    *entries = c_listing.data();
    *count = c_listing.size();
    return 0;
}

int32_t ctx_read_sysctl(const scanner_check_context* ctx, const char* name, const char** value) {
    if (name == nullptr || value == nullptr) return EINVAL;
    auto& s = state_of(ctx);
    auto r = s.system.read_sysctl(name);
    record_access(s, "sysctl", name, r.error, r.value);
    if (!r) return r.error;
    *value = keep(s, std::move(r.value));
    return 0;
}

int32_t ctx_read_loaded_modules(const scanner_check_context* ctx, const char** names) {
    if (names == nullptr) return EINVAL;
    auto& s = state_of(ctx);
    auto r = s.system.loaded_modules();
    record_access(s, "read", "/proc/modules", r.error, "ok");
    if (!r) return r.error;
    *names = keep(s, std::move(r.value));
    return 0;
}

int32_t ctx_run_command(const scanner_check_context* ctx, const char* const* argv,
                        uint32_t timeout_ms, int32_t* exit_status, const char** out,
                        const char** err) {
    if (argv == nullptr || argv[0] == nullptr || exit_status == nullptr || out == nullptr ||
        err == nullptr) {
        return EINVAL;
    }
    auto& s = state_of(ctx);
    std::vector<std::string> args;
    for (const char* const* a = argv; *a != nullptr; ++a) args.emplace_back(*a);
    auto timeout = std::chrono::milliseconds(timeout_ms == 0 ? 10'000 : timeout_ms);
    auto r = s.system.run_command(args, timeout);
    std::string command_line;
    for (const auto& a : args) command_line += (command_line.empty() ? "" : " ") + a;
    record_access(s, "run", command_line, r.error,
                  "exit status " + std::to_string(r.value.exit_status));
    if (!r) return r.error;
    *exit_status = r.value.exit_status;
    *out = keep(s, std::move(r.value.out));
    *err = keep(s, std::move(r.value.err));
    return 0;
}

void ctx_add_evidence(const scanner_check_context* ctx, const char* source, const char* observed) {
    state_of(ctx).result.observations.push_back({text_or_empty(source), text_or_empty(observed)});
}

void ctx_add_note(const scanner_check_context* ctx, const char* note) {
    if (note != nullptr && *note != '\0') state_of(ctx).result.notes.emplace_back(note);
}

void ctx_add_benchmark_note(const scanner_check_context* ctx, const char* note) {
    if (note != nullptr && *note != '\0') state_of(ctx).result.benchmark_notes.emplace_back(note);
}

int32_t ctx_report(const scanner_check_context* ctx, int32_t code, const char* reason) {
    auto& s = state_of(ctx);
    if (s.reported) return EALREADY;
    s.reported = true;
    std::string text = text_or_empty(reason);
    if (code < SCANNER_STATUS_PASS || code > SCANNER_STATUS_ERROR) {
        s.result.verdict = status::error;
        s.result.reason = "check reported an invalid status " + std::to_string(code);
        return EINVAL;
    }
    s.result.verdict = static_cast<status>(code);
    if (text.empty() && s.result.verdict != status::pass) {
        text = "check reported " + std::string(to_string(s.result.verdict)) + " without a reason";
    }
    s.result.reason = std::move(text);
    return 0;
}

int32_t ctx_set_mode(const scanner_check_context* ctx, uint32_t mode) {
    if (mode != SCANNER_MODE_AUTOMATIC && mode != SCANNER_MODE_MANUAL) return EINVAL;
    state_of(ctx).result.mode =
        mode == SCANNER_MODE_MANUAL ? check_mode::manual : check_mode::automatic;
    return 0;
}

}  // namespace

uint64_t new_scan_id() {
    static std::atomic<uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

check_result run_check(const registered_check& check, const target& t, uint64_t scan_id) {
    run_state state{t, check, {}, false, 0, {}, {}, {}};
    scanner_check_context ctx{};
    ctx.struct_size = sizeof ctx;
    ctx.host_data = &state;
    ctx.target_kind = t.live() ? SCANNER_TARGET_LIVE : SCANNER_TARGET_ROOT;
    ctx.read_file = &ctx_read_file;
    ctx.stat = &ctx_stat;
    ctx.list_dir = &ctx_list_dir;
    ctx.read_sysctl = &ctx_read_sysctl;
    ctx.read_loaded_modules = &ctx_read_loaded_modules;
    ctx.run_command = &ctx_run_command;
    ctx.add_evidence = &ctx_add_evidence;
    ctx.add_note = &ctx_add_note;
    ctx.add_benchmark_note = &ctx_add_benchmark_note;
    ctx.report = &ctx_report;
    ctx.set_mode = &ctx_set_mode;
    ctx.scan_id = scan_id;

    auto start = std::chrono::steady_clock::now();
    try {
        check.run(&ctx, check.user_data);
    } catch (...) {
        // Only reachable when a C++ plugin breaks the ABI rule; the scan goes on.
        state.reported = true;
        state.result.verdict = status::error;
        state.result.reason = "check '" + check.info.name + "' threw an exception";
    }
    state.result.duration = std::chrono::steady_clock::now() - start;
    if (!state.reported) {
        state.result.verdict = status::error;
        state.result.reason = "check '" + check.info.name + "' returned without reporting a result";
    }
    return std::move(state.result);
}

}  // namespace scanner::core
