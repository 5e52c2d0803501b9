#include "host/plugin_verify.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <optional>
#include <string_view>
#include <system_error>
#include <variant>

#include "core/check_run.hpp"
#include "core/io_result.hpp"
#include "core/process_runner.hpp"
#include "core/registry.hpp"
#include "core/target.hpp"
#include "host/plugin_loader.hpp"

namespace scanner::host {

namespace {

// What one check did when run: filled in by the wrappers below, around the plugin's run function.
struct probe {
    scanner_check_run_fn run = nullptr;
    void* user_data = nullptr;
    int reports = 0;
    int32_t status = SCANNER_STATUS_PASS;
    bool reason_given = false;
    bool threw = false;
};

// The context the check sees: the host's, with report() routed through the probe. The host's
// context comes first so the plugin's pointer converts back to this struct.
struct probe_context {
    scanner_check_context ctx;
    const scanner_check_context* host_ctx;
    probe* state;
};

int32_t probe_report(const scanner_check_context* ctx, int32_t status, const char* reason) {
    const auto* wrapped = reinterpret_cast<const probe_context*>(ctx);
    probe& p = *wrapped->state;
    if (p.reports++ == 0) {
        p.status = status;
        p.reason_given = reason != nullptr && *reason != '\0';
    }
    return wrapped->host_ctx->report(wrapped->host_ctx, status, reason);
}

void probe_run(const scanner_check_context* host_ctx, void* user_data) {
    auto* p = static_cast<probe*>(user_data);
    probe_context wrapped{*host_ctx, host_ctx, p};
    wrapped.ctx.report = &probe_report;
    try {
        p->run(&wrapped.ctx, p->user_data);
    } catch (...) {
        p->threw = true;
    }
}

// A directory with nothing in it, removed when this goes out of scope.
class empty_root {
  public:
    empty_root() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "scanner-verify-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) {
            throw std::system_error(errno, std::generic_category(), "cannot create " + tmpl);
        }
        path_ = tmpl;
    }
    ~empty_root() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    empty_root(const empty_root&) = delete;
    empty_root& operator=(const empty_root&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// The SDK's run wrapper (scanner/plugin.hpp) turns an escaping exception into this ERROR reason.
constexpr std::string_view sdk_exception_reason = "check threw an exception";

// What is wrong with how `check` behaved on an empty root, or nullopt.
std::optional<std::string> misbehaviour(const core::registered_check& check, const core::target& t,
                                        uint64_t scan_id) {
    probe p;
    p.run = check.run;
    p.user_data = check.user_data;
    core::registered_check probed = check;
    probed.run = &probe_run;
    probed.user_data = &p;
    core::check_result result = core::run_check(probed, t, scan_id);

    std::string label = "check '" + check.info.name + "' ";
    if (p.threw) return label + "threw an exception when run against an empty root";
    if (p.reports == 0) return label + "returned without reporting a result on an empty root";
    if (p.status < SCANNER_STATUS_PASS || p.status > SCANNER_STATUS_ERROR) {
        return label + "reported the invalid status " + std::to_string(p.status);
    }
    if (p.status == SCANNER_STATUS_ERROR && result.reason.starts_with(sdk_exception_reason)) {
        return label + "threw an exception when run against an empty root (" + result.reason + ")";
    }
    if (p.status != SCANNER_STATUS_PASS && !p.reason_given) {
        return label + "reported " + std::string(core::to_string(result.verdict)) +
               " without a reason on an empty root";
    }
    return std::nullopt;
}

// Runs misbehaviour() for `check` in a child process of its own: a check that crashes, exits or
// hangs is then a problem found, not the end of the verification. The child writes 'R' and the
// problem, if any; a child that ends without the 'R' ended in the check.
std::optional<std::string> isolated_misbehaviour(const core::registered_check& check,
                                                 const core::target& t, uint64_t scan_id,
                                                 const core::isolation_limits& limits) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "cannot create a pipe");
    }
    // Whatever stdio holds would otherwise be written twice if the check calls exit().
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid < 0) {
        int error = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::system_error(error, std::generic_category(), "cannot fork");
    }
    if (pid == 0) {
        ::setpgid(0, 0);  // so that whatever the check starts is killed with it
        // A crash must end the child by its signal, which the parent names, even where a
        // sanitizer's runtime or a test framework would catch it and exit instead.
        for (int signal_number : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
            ::signal(signal_number, SIG_DFL);
        const rlimit no_core{0, 0};  // a crash leaves no core file in the caller's directory
        ::setrlimit(RLIMIT_CORE, &no_core);
        ::close(fds[0]);
        ::dup2(STDERR_FILENO, STDOUT_FILENO);  // the problem list on stdout stays clean
        std::string message = "R";
        try {
            if (auto problem = misbehaviour(check, t, scan_id)) message += *problem;
        } catch (...) {
            message += "check '" + check.info.name + "' could not be run";
        }
        core::write_fully(fds[1], message.data(), message.size());
        ::_exit(0);
    }
    ::setpgid(pid, pid);
    ::close(fds[1]);

    std::string message;
    bool timed_out = false;
    auto deadline = std::chrono::steady_clock::now() + limits.check_timeout;
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int wait_ms = static_cast<int>(std::min<long long>(left.count(), INT_MAX));
        if (::poll(&p, 1, wait_ms) <= 0) continue;  // the deadline, or a signal: look again
        char buffer[4096];
        ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // end of file: the child is done
        message.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    // The child has ended or is to be ended; with it goes whatever the check left running. Its
    // group id cannot be taken by another process before the wait below reaps it.
    ::kill(-pid, SIGKILL);
    int wait_status = 0;
    while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
    }

    std::string label = "check '" + check.info.name + "' ";
    if (timed_out) {
        return label + "did not finish within " + core::format_seconds(limits.check_timeout) +
               " (--timeout) on an empty root";
    }
    if (message.empty() || message.front() != 'R') {
        return label + "ended its process on an empty root: " +
               core::worker_end_reason(wait_status, false, limits);
    }
    if (message.size() == 1) return std::nullopt;
    return message.substr(1);
}

// Loads the other plugins quietly: their own problems are not the verified plugin's.
void load_others(core::registry& reg, const std::filesystem::path& file,
                 const std::vector<std::filesystem::path>& other_plugins) {
    for (const auto& other : other_plugins) {
        std::error_code ec;
        if (other.filename() == file.filename() || std::filesystem::equivalent(other, file, ec)) {
            continue;
        }
        (void)load_plugin(reg, other, trust_policy{});
    }
}

}  // namespace

verification verify_plugin(const std::filesystem::path& file,
                           const std::vector<std::filesystem::path>& other_plugins,
                           const core::isolation_limits& limits) {
    verification v;
    core::registry reg;
    load_others(reg, file, other_plugins);

    trust_policy not_enforced;
    not_enforced.check_ownership = false;
    auto opened = open_plugin(file, not_enforced);
    if (auto* reason = std::get_if<std::string>(&opened)) {
        v.problems.push_back(*reason);
        return v;
    }
    auto& plugin = std::get<opened_plugin>(opened);
    v.problems = plugin.trust_problems;

    core::plugin_audit audit = reg.audit(plugin.descriptor, file.string(), plugin.library);
    v.plugin_id = audit.plugin.id;
    v.plugin_version = audit.plugin.version;
    v.abi_major = audit.plugin.abi_major;
    v.abi_minor = audit.plugin.abi_minor;
    v.check_count = audit.checks.size();
    v.problems.insert(v.problems.end(), audit.problems.begin(), audit.problems.end());
    for (const auto& c : audit.checks) {
        // Loading demands remediation of automatic checks only; a conforming pack has it on all.
        if (c.info.remediation.empty()) {
            v.problems.push_back("check '" + c.info.name + "': remediation is missing");
        }
    }
    if (!audit.initialized) return v;

    empty_root root;
    auto t = core::target::open(root.path().string());
    if (!t) {
        throw std::system_error(t.error, std::generic_category(),
                                "cannot open " + root.path().string());
    }
    const uint64_t scan_id = core::new_scan_id();  // the checks run as one scan
    for (const auto& c : audit.checks) {
        if (auto problem = isolated_misbehaviour(c, *t.value, scan_id, limits)) {
            v.problems.push_back(*problem);
        }
    }
    return v;
}

int verify_command(const std::filesystem::path& file,
                   const std::vector<std::filesystem::path>& other_plugins, std::ostream& out,
                   std::ostream& err, const core::isolation_limits& limits) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        err << "scanner: cannot verify plugin " << file.string() << ": "
            << (ec ? ec.message() : "no such file") << "\n";
        return 2;
    }
    verification v;
    try {
        v = verify_plugin(file, other_plugins, limits);
    } catch (const std::exception& e) {
        err << "scanner: cannot verify plugin " << file.string() << ": " << e.what() << "\n";
        return 2;
    }
    for (const auto& problem : v.problems) out << file.string() << ": " << problem << "\n";
    if (!v.problems.empty()) return 1;
    out << file.string() << ": plugin " << v.plugin_id << " " << v.plugin_version << " (ABI "
        << v.abi_major << "." << v.abi_minor << ", " << v.check_count
        << (v.check_count == 1 ? " check" : " checks") << ") conforms: no problems found\n";
    return 0;
}

}  // namespace scanner::host
