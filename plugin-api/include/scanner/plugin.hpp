// Header-only C++ helper for plugin authors, on top of plugin_api.h. Optional: a plugin may use
// the C header alone. Uses the C++ standard library only and throws nothing across the ABI.
#ifndef SCANNER_PLUGIN_HPP
#define SCANNER_PLUGIN_HPP

#include <scanner/plugin_api.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::sdk {

enum class status : int32_t {
    pass = SCANNER_STATUS_PASS,
    fail = SCANNER_STATUS_FAIL,
    skip = SCANNER_STATUS_SKIP,
    error = SCANNER_STATUS_ERROR,
};

/// A value read from the target, or the errno value that explains why there is none.
template <class T>
struct io_result {
    T value{};
    int error = 0;

    explicit operator bool() const { return error == 0; }
    /// The system's description of `error`, e.g. "No such file or directory".
    std::string message() const { return std::strerror(error); }
};

/// One directory entry; `name` is valid until the check's run function returns.
struct dir_entry {
    std::string_view name;
    uint32_t type = 0;
};

/// What a command printed; the views are valid until the check's run function returns.
struct command_output {
    int32_t exit_status = 0;
    std::string_view out;
    std::string_view err;
};

/// The target system and the result sink of one running check.
class context {
  public:
    explicit context(const scanner_check_context* ctx) : ctx_(ctx) {}

    /// True on the running host, false under a root directory (image, fixture).
    bool live() const { return ctx_->target_kind == SCANNER_TARGET_LIVE; }

    /// The scan this check runs in (ABI 1.1): the same for every check of one scan, so a plugin
    /// can keep what it derived from the target for the scan's other checks. 0 from a host whose
    /// context has no such field; then nothing may be kept.
    uint64_t scan_id() const {
        constexpr auto end = offsetof(scanner_check_context, scan_id) + sizeof(uint64_t);
        return ctx_->struct_size >= end ? ctx_->scan_id : 0;
    }

    io_result<std::string_view> read_file(std::string_view path, uint64_t max_bytes = 0) const {
        std::string p(path);
        const char* data = nullptr;
        uint64_t size = 0;
        io_result<std::string_view> r;
        r.error = ctx_->read_file(ctx_, p.c_str(), max_bytes, &data, &size);
        if (r.error == 0) r.value = std::string_view(data, size);
        return r;
    }

    io_result<scanner_stat> stat(std::string_view path) const { return stat_impl(path, 1); }
    io_result<scanner_stat> lstat(std::string_view path) const { return stat_impl(path, 0); }

    io_result<std::vector<dir_entry>> list_dir(std::string_view path,
                                               uint64_t max_entries = 0) const {
        std::string p(path);
        const scanner_dir_entry* entries = nullptr;
        uint64_t count = 0;
        io_result<std::vector<dir_entry>> r;
        r.error = ctx_->list_dir(ctx_, p.c_str(), max_entries, &entries, &count);
        if (r.error != 0) return r;
        r.value.reserve(count);
        for (uint64_t i = 0; i < count; ++i) r.value.push_back({entries[i].name, entries[i].type});
        return r;
    }

    io_result<std::string_view> sysctl(std::string_view name) const {
        std::string n(name);
        const char* value = nullptr;
        io_result<std::string_view> r;
        r.error = ctx_->read_sysctl(ctx_, n.c_str(), &value);
        if (r.error == 0) r.value = value;
        return r;
    }

    /// Loaded kernel module names, one per line.
    io_result<std::string_view> loaded_modules() const {
        const char* names = nullptr;
        io_result<std::string_view> r;
        r.error = ctx_->read_loaded_modules(ctx_, &names);
        if (r.error == 0) r.value = names;
        return r;
    }

    /// Runs argv (argv[0] absolute) on a live target; ENOTSUP under a root directory.
    io_result<command_output> run(std::initializer_list<std::string_view> argv,
                                  uint32_t timeout_ms = 0) const {
        std::vector<std::string> args(argv.begin(), argv.end());
        return run(args, timeout_ms);
    }

    io_result<command_output> run(const std::vector<std::string>& args,
                                  uint32_t timeout_ms = 0) const {
        std::vector<const char*> c_args;
        for (const auto& a : args) c_args.push_back(a.c_str());
        c_args.push_back(nullptr);
        const char* out = nullptr;
        const char* err = nullptr;
        io_result<command_output> r;
        r.error =
            ctx_->run_command(ctx_, c_args.data(), timeout_ms, &r.value.exit_status, &out, &err);
        if (r.error == 0) {
            r.value.out = out;
            r.value.err = err;
        }
        return r;
    }

    void evidence(std::string_view source, std::string_view observed) const {
        std::string s(source), o(observed);
        ctx_->add_evidence(ctx_, s.c_str(), o.c_str());
    }

    void note(std::string_view text) const {
        std::string t(text);
        ctx_->add_note(ctx_, t.c_str());
    }

    void benchmark_note(std::string_view text) const {
        std::string t(text);
        ctx_->add_benchmark_note(ctx_, t.c_str());
    }

    void report(status s, std::string_view reason) const {
        std::string r(reason);
        ctx_->report(ctx_, static_cast<int32_t>(s), r.c_str());
    }

    /// Shows this result as manual (or automatic) whatever the registered mode.
    void set_mode(uint32_t mode) const { ctx_->set_mode(ctx_, mode); }

    void pass(std::string_view reason = {}) const { report(status::pass, reason); }
    void fail(std::string_view reason) const { report(status::fail, reason); }
    void skip(std::string_view reason) const { report(status::skip, reason); }
    void error(std::string_view reason) const { report(status::error, reason); }

  private:
    io_result<scanner_stat> stat_impl(std::string_view path, uint32_t follow) const {
        std::string p(path);
        io_result<scanner_stat> r;
        r.value.struct_size = sizeof(scanner_stat);
        r.error = ctx_->stat(ctx_, p.c_str(), follow, &r.value);
        return r;
    }

    const scanner_check_context* ctx_;
};

/// A check as a plugin declares it; keep instances in static storage.
struct check {
    const char* name;
    const char* id;
    const char* title;
    const scanner_benchmark* benchmark;
    uint32_t level;
    uint32_t mode;
    const char* remediation;
    void (*run)(const context& ctx);
};

/// The reason bloodhound and this project give for every manual check.
inline constexpr std::string_view manual_reason = "Manual check, see benchmark for audit details.";

/// Run function of a manual check: always SKIP with manual_reason.
inline void run_manual(const context& ctx) { ctx.skip(manual_reason); }

namespace detail {

inline void run_trampoline(const scanner_check_context* c, void* user_data) noexcept {
    context ctx(c);
    try {
        static_cast<const check*>(user_data)->run(ctx);
    } catch (const std::exception& e) {
        ctx.error(std::string("check threw an exception: ") + e.what());
    } catch (...) {
        ctx.error("check threw an exception of unknown type");
    }
}

}  // namespace detail

/// Registers each check of [first, last), which must stay alive while the plugin is loaded.
/// Returns 0, or the first non-zero result of register_check.
inline int32_t register_checks(const scanner_host_api* host, const check* first,
                               const check* last) {
    for (const check* c = first; c != last; ++c) {
        scanner_check_def def{};
        def.struct_size = sizeof(def);
        def.name = c->name;
        def.id = c->id;
        def.title = c->title;
        def.benchmark = c->benchmark;
        def.level = c->level;
        def.mode = c->mode;
        def.remediation = c->remediation;
        def.run = &detail::run_trampoline;
        def.user_data = const_cast<check*>(c);
        if (int32_t rc = host->register_check(host, &def); rc != 0) return rc;
    }
    return 0;
}

}  // namespace scanner::sdk

/// Defines the plugin's entry function, returning `descriptor` (a static scanner_plugin_descriptor)
/// to hosts of the same ABI major.
#define SCANNER_DEFINE_PLUGIN_ENTRY(descriptor)                                                \
    extern "C" SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* scanner_plugin_entry_v1( \
        uint32_t host_abi_major, uint32_t /*host_abi_minor*/) {                                \
        return host_abi_major == SCANNER_ABI_VERSION_MAJOR ? &(descriptor) : nullptr;          \
    }

#endif  // SCANNER_PLUGIN_HPP
