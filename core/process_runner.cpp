#include "core/process_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <span>
#include <thread>
#include <utility>
#include <variant>

#include "core/check_run.hpp"
#include "core/report_writers.hpp"
#include "core/result_record.hpp"
#include "core/worker_process.hpp"

namespace scanner::core {

namespace {

using steady = std::chrono::steady_clock;

// A killed worker normally ends within milliseconds; one stuck in the kernel (a hung FUSE
// read) is given up on after this, since it can no longer run plugin code.
constexpr std::chrono::milliseconds kill_grace{1000};
// Without pidfds, how often the scanner looks for ended workers.
constexpr int poll_slice_ms = 10;
// With pidfds the scanner sleeps until a worker ends or a timeout is due, and reads the result
// pipes then, so a healthy check costs it no wake-up; it also reads them this often, so that a
// pipe never stays full and blocks its worker for long.
constexpr std::chrono::milliseconds drain_interval{50};
// Room for the results of a few thousand checks in a worker's pipe.
constexpr int result_pipe_bytes = 1 << 20;
// What one wake-up reads from one worker, so a chatty worker cannot starve the others.
constexpr std::size_t max_read_per_wakeup = 1u << 20;

class unique_fd {
  public:
    unique_fd() = default;
    explicit unique_fd(int fd) : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        reset(std::exchange(other.fd_, -1));
        return *this;
    }
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;
    ~unique_fd() { reset(); }

    int get() const { return fd_; }
    void reset(int fd = -1) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

  private:
    int fd_ = -1;
};

// One plugin's checks and the worker process currently running them.
struct lane {
    std::string plugin_id;
    std::vector<std::size_t> positions;  // into the runner's list, in run order
    std::size_t done = 0;                // positions[0, done) have a result
    pid_t pid = -1;
    unique_fd results;  // read end of the result pipe
    unique_fd output;   // the memfd the worker's stdout and stderr write to
    unique_fd exited;   // pidfd: readable once the worker has ended
    record_stream stream;
    bool results_closed = false;
    bool memory_exhausted = false;
    bool reaped = false;  // waited for already: its pid may belong to someone else now
    steady::time_point forked;
    steady::time_point check_started;

    bool running() const { return pid > 0; }
    bool finished() const { return done == positions.size(); }
};

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
    errno = ENOSYS;
    return -1;
#endif
}

// The scanner's own address space, which every worker inherits.
uint64_t address_space_bytes() {
    std::FILE* statm = std::fopen("/proc/self/statm", "re");
    if (statm == nullptr) return 0;
    unsigned long long pages = 0;
    int matched = std::fscanf(statm, "%llu", &pages);
    std::fclose(statm);
    if (matched != 1) return 0;
    return pages * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

// Threads of this process, from /proc/self/stat (field 20), or 0 when it cannot be read.
long thread_count() {
    std::FILE* stat = std::fopen("/proc/self/stat", "re");
    if (stat == nullptr) return 0;
    char buffer[1024];
    std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, stat);
    std::fclose(stat);
    buffer[n] = '\0';
    // The command name (field 2) may hold spaces and parentheses; fields count from its end.
    const char* field = std::strrchr(buffer, ')');
    for (int i = 2; field != nullptr && i < 20; ++i) field = std::strchr(field + 1, ' ');
    return field != nullptr ? std::strtol(field + 1, nullptr, 10) : 0;
}

int milliseconds_until(steady::time_point when, steady::time_point now) {
    if (when <= now) return 0;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(when - now).count();
    return static_cast<int>(std::min<long long>(left, 60'000));
}

// Runs the checks of one runner call: the lanes, their workers, and the results so far.
class session {
  public:
    session(const isolation_limits& limits, const std::vector<const registered_check*>& checks,
            const target& system);
    std::vector<check_result> run();

  private:
    std::size_t running_count() const;
    void start(lane& l);
    void wait_for_events(steady::time_point now);
    void service(lane& l);
    void pump(lane& l);
    void accept(lane& l, worker_record record);
    void worker_ended(lane& l, int wait_status);
    void time_out(lane& l);
    void refuse_stream(lane& l, const std::string& why);
    void pass_deadline();
    void kill_worker(lane& l);
    void release(lane& l);
    void fail_current(lane& l, std::string reason);
    void fail_rest(lane& l, const std::string& reason);
    void continue_lane(lane& l);
    void log_output(const lane& l, std::size_t position, std::string_view output) const;
    void log_captured_output(const lane& l) const;
    void reap_killed(std::chrono::milliseconds wait);

    const isolation_limits& limits_;
    const std::vector<const registered_check*>& checks_;
    const target& system_;
    std::vector<check_result> results_;
    std::vector<lane> lanes_;
    std::vector<std::pair<pid_t, unique_fd>> killed_;  // sent SIGKILL, not reaped yet
    uint64_t address_space_limit_ = 0;
    const uint64_t scan_id_ = new_scan_id();  // a fresh worker after a crash keeps the same id
    unsigned max_workers_ = 1;
    steady::time_point deadline_;
    bool have_pidfds_ = true;
};

session::session(const isolation_limits& limits, const std::vector<const registered_check*>& checks,
                 const target& system)
    : limits_(limits), checks_(checks), system_(system), results_(checks.size()) {
    std::map<std::size_t, std::size_t> lane_of_plugin;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        auto [it, added] = lane_of_plugin.try_emplace(checks[i]->plugin, lanes_.size());
        if (added) {
            lanes_.emplace_back();
            lanes_.back().plugin_id = checks[i]->info.plugin_id;
        }
        lanes_[it->second].positions.push_back(i);
    }
    if (limits_.memory_limit_mib > 0) {
        address_space_limit_ = address_space_bytes() + (limits_.memory_limit_mib << 20);
    }
    max_workers_ = limits_.max_workers > 0 ? limits_.max_workers
                                           : std::max(8u, std::thread::hardware_concurrency());
    deadline_ = steady::now() + limits_.scan_deadline;
}

std::vector<check_result> session::run() {
    // fork() copies only the calling thread: a lock another thread held stays held in the worker.
    // A thread that was just joined lingers in /proc for a moment, so a count above one is
    // looked at again before it is believed.
    long threads = thread_count();
    for (int retry = 0; threads > 1 && retry < 5; ++retry) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        threads = thread_count();
    }
    if (threads > 1) {
        spdlog::warn(
            "forking worker processes from a scanner running {} threads; a plugin may "
            "have started threads in its init",
            threads);
    }
    // Whatever sits in the scanner's stdio buffers would otherwise be written again by workers.
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);

    std::size_t next_lane = 0;
    for (;;) {
        while (next_lane < lanes_.size() && running_count() < max_workers_) {
            start(lanes_[next_lane++]);
        }
        if (running_count() == 0) {
            if (next_lane == lanes_.size()) break;
            continue;
        }
        auto now = steady::now();
        if (now >= deadline_) {
            pass_deadline();
            break;
        }
        wait_for_events(now);
        for (auto& l : lanes_) {
            if (l.running()) service(l);
        }
        reap_killed(std::chrono::milliseconds(0));
    }
    reap_killed(kill_grace);
    return std::move(results_);
}

std::size_t session::running_count() const {
    return static_cast<std::size_t>(
        std::count_if(lanes_.begin(), lanes_.end(), [](const lane& l) { return l.running(); }));
}

void session::start(lane& l) {
    if (l.finished()) return;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        fail_rest(l,
                  "cannot start a worker process: cannot create a pipe: " + errno_message(errno));
        return;
    }
    unique_fd read_end(fds[0]);
    unique_fd write_end(fds[1]);
    // Without a memfd the worker's output goes to /dev/null; the scan itself is unaffected.
    unique_fd output(::memfd_create("scanner-worker-output", MFD_CLOEXEC));

    worker_plan plan;
    plan.checks = &checks_;
    plan.positions = std::span<const std::size_t>(l.positions).subspan(l.done);
    plan.system = &system_;
    plan.result_fd = write_end.get();
    plan.output_fd = output.get();
    plan.parent = ::getpid();
    plan.address_space_limit = address_space_limit_;
    plan.check_timeout = limits_.check_timeout;
    plan.scan_id = scan_id_;

    pid_t pid = ::fork();
    if (pid < 0) {
        fail_rest(l, "cannot start a worker process: " + errno_message(errno));
        return;
    }
    if (pid == 0) {
        ::close(read_end.get());
        run_worker(plan);
    }
    // Also done by the child: whichever runs first, kill(-pid) reaches the worker afterwards.
    ::setpgid(pid, pid);
    ::fcntl(read_end.get(), F_SETFL, O_NONBLOCK);
    // The default of 64 KiB still works, with more read-outs: a larger pipe is only a saving.
    ::fcntl(read_end.get(), F_SETPIPE_SZ, result_pipe_bytes);

    l.pid = pid;
    l.results = std::move(read_end);
    l.output = std::move(output);
    l.exited = unique_fd(open_pidfd(pid));
    if (l.exited.get() < 0) have_pidfds_ = false;
    l.stream = record_stream();
    l.results_closed = false;
    l.memory_exhausted = false;
    l.reaped = false;
    l.forked = steady::now();
    l.check_started = l.forked;
    spdlog::debug("[{}] started worker process {} for {} check(s)", l.plugin_id, pid,
                  plan.positions.size());
}

void session::wait_for_events(steady::time_point now) {
    std::vector<pollfd> fds;
    steady::time_point wake = std::min(deadline_, now + drain_interval);
    for (const auto& l : lanes_) {
        if (!l.running()) continue;
        if (!have_pidfds_ && !l.results_closed) fds.push_back({l.results.get(), POLLIN, 0});
        if (l.exited.get() >= 0) fds.push_back({l.exited.get(), POLLIN, 0});
        wake = std::min(wake, l.check_started + limits_.check_timeout);
    }
    int timeout = milliseconds_until(wake, now);
    if (!have_pidfds_) timeout = std::min(timeout, poll_slice_ms);
    if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) {
        spdlog::error("cannot wait for worker processes: {}", errno_message(errno));
    }
}

void session::service(lane& l) {
    pump(l);
    if (!l.running()) return;
    int wait_status = 0;
    if (::waitpid(l.pid, &wait_status, WNOHANG) == l.pid) {
        l.reaped = true;
        // Whatever the worker sent before it ended is in the pipe now.
        pump(l);
        if (l.running()) worker_ended(l, wait_status);
        return;
    }
    if (!l.finished() && steady::now() >= l.check_started + limits_.check_timeout) time_out(l);
}

void session::pump(lane& l) {
    char buffer[65536];
    for (std::size_t total = 0; !l.results_closed && total < max_read_per_wakeup;) {
        ssize_t n = ::read(l.results.get(), buffer, sizeof buffer);
        if (n > 0) {
            l.stream.append(std::string_view(buffer, static_cast<std::size_t>(n)));
            total += static_cast<std::size_t>(n);
        } else if (n == 0) {
            l.results_closed = true;
        } else if (errno != EINTR) {
            break;
        }
    }
    while (auto payload = l.stream.next()) {
        auto decoded = decode_record(*payload);
        if (auto* problem = std::get_if<std::string>(&decoded)) {
            refuse_stream(l, *problem);
            return;
        }
        auto& record = std::get<worker_record>(decoded);
        if (record.what == worker_record::kind::memory_exhausted) {
            l.memory_exhausted = true;
            continue;
        }
        if (l.finished() || record.check != l.positions[l.done]) {
            refuse_stream(l, "record names check position " + std::to_string(record.check) +
                                 ", which is not the one running");
            return;
        }
        accept(l, std::move(record));
    }
    if (!l.stream.error().empty()) refuse_stream(l, l.stream.error());
}

void session::accept(lane& l, worker_record record) {
    std::size_t position = l.positions[l.done];
    if (!record.output.empty()) {
        log_output(l, position, record.output);
        record.result.notes.push_back(fmt::format(
            "the plugin wrote {}{} bytes to stdout or stderr during this check; run with -vv to "
            "log them",
            record.output.size() >= max_worker_output_bytes ? "at least " : "",
            record.output.size()));
    }
    results_[position] = std::move(record.result);
    ++l.done;
    // The next check started when this one finished, however late the scanner reads of it.
    l.check_started = std::clamp(record.finished, l.check_started, steady::now());
}

void session::worker_ended(lane& l, int wait_status) {
    if (l.finished()) {
        std::chrono::duration<double, std::milli> lifetime = steady::now() - l.forked;
        spdlog::debug(
            "[{}] worker process {} ended with wait status {:#x} after its last check, "
            "{:.3f} ms after it started",
            l.plugin_id, l.pid, wait_status, lifetime.count());
        release(l);
        return;
    }
    log_captured_output(l);
    const auto& check = checks_[l.positions[l.done]]->info;
    std::string reason = worker_end_reason(wait_status, l.memory_exhausted, limits_);
    spdlog::warn("[{}] check {}: {}", l.plugin_id, check.name, reason);
    fail_current(l, std::move(reason));
    release(l);
    continue_lane(l);
}

void session::time_out(lane& l) {
    kill_worker(l);
    log_captured_output(l);
    const auto& check = checks_[l.positions[l.done]]->info;
    std::string reason = "timed out after " + format_seconds(limits_.check_timeout) +
                         " (--timeout); its worker process was killed";
    spdlog::warn("[{}] check {}: {}", l.plugin_id, check.name, reason);
    fail_current(l, std::move(reason));
    release(l);
    continue_lane(l);
}

void session::refuse_stream(lane& l, const std::string& why) {
    kill_worker(l);
    spdlog::warn("[{}] worker process sent a malformed result record: {}", l.plugin_id, why);
    if (!l.finished()) {
        log_captured_output(l);
        fail_current(l, "worker process sent a malformed result record: " + why);
    }
    release(l);
    continue_lane(l);
}

void session::pass_deadline() {
    std::string reason = "scan deadline of " + format_seconds(limits_.scan_deadline) +
                         " passed (--deadline) before this check finished";
    spdlog::warn("scan deadline of {} passed; ending the unfinished checks",
                 format_seconds(limits_.scan_deadline));
    for (auto& l : lanes_) {
        if (l.running()) {
            kill_worker(l);
            log_captured_output(l);
            release(l);
        }
        fail_rest(l, reason);
    }
}

void session::kill_worker(lane& l) {
    if (l.reaped) return;
    ::kill(-l.pid, SIGKILL);
    ::kill(l.pid, SIGKILL);
    // Wait for it, so that a fresh worker never runs plugin code beside a dying one.
    auto give_up = steady::now() + kill_grace;
    for (;;) {
        int wait_status = 0;
        pid_t done = ::waitpid(l.pid, &wait_status, WNOHANG);
        if (done == l.pid || (done < 0 && errno != EINTR)) return;
        auto now = steady::now();
        if (now >= give_up) break;
        if (l.exited.get() >= 0) {
            pollfd fd{l.exited.get(), POLLIN, 0};
            ::poll(&fd, 1, milliseconds_until(give_up, now));
        } else {
            ::usleep(1000);
        }
    }
    spdlog::warn("[{}] worker process {} has not ended {} after SIGKILL; going on without it",
                 l.plugin_id, l.pid, format_seconds(kill_grace));
    killed_.emplace_back(l.pid, std::move(l.exited));
}

void session::release(lane& l) {
    // Whatever the worker left behind in its process group goes with it. Its pid cannot have
    // been reused: the group still holds the number while any member lives.
    ::kill(-l.pid, SIGKILL);
    l.pid = -1;
    l.results.reset();
    l.output.reset();
    l.exited.reset();
    l.stream = record_stream();
}

void session::fail_current(lane& l, std::string reason) {
    auto now = steady::now();
    check_result& r = results_[l.positions[l.done]];
    r = check_result{};
    r.verdict = status::error;
    r.reason = std::move(reason);
    r.duration = now - l.check_started;
    ++l.done;
    l.check_started = now;
}

void session::fail_rest(lane& l, const std::string& reason) {
    for (; !l.finished(); ++l.done) {
        check_result& r = results_[l.positions[l.done]];
        r = check_result{};
        r.verdict = status::error;
        r.reason = reason;
    }
}

void session::continue_lane(lane& l) {
    if (!l.finished()) start(l);
}

void session::log_output(const lane& l, std::size_t position, std::string_view output) const {
    if (!spdlog::should_log(spdlog::level::debug)) return;
    const std::string& name = checks_[position]->info.name;
    while (!output.empty()) {
        std::size_t end = output.find('\n');
        std::string_view line = output.substr(0, end);
        // Plugin output goes to a terminal; its control characters must not drive that terminal.
        spdlog::debug("[{}] {} output: {}", l.plugin_id, name, escape_controls(line, true));
        output = end == std::string_view::npos ? std::string_view{} : output.substr(end + 1);
    }
}

// The output of a check whose worker ended before reporting, read from the shared memfd.
void session::log_captured_output(const lane& l) const {
    if (l.output.get() < 0 || l.finished() || !spdlog::should_log(spdlog::level::debug)) return;
    struct ::stat st {};
    if (::fstat(l.output.get(), &st) != 0 || st.st_size <= 0) return;
    std::string output(
        std::min<std::size_t>(static_cast<std::size_t>(st.st_size), max_worker_output_bytes), '\0');
    ssize_t n = ::pread(l.output.get(), output.data(), output.size(), 0);
    if (n <= 0) return;
    output.resize(static_cast<std::size_t>(n));
    log_output(l, l.positions[l.done], output);
}

void session::reap_killed(std::chrono::milliseconds wait) {
    auto give_up = steady::now() + wait;
    for (auto it = killed_.begin(); it != killed_.end();) {
        int wait_status = 0;
        pid_t done = ::waitpid(it->first, &wait_status, WNOHANG);
        auto now = steady::now();
        if (done == 0 && now < give_up) {
            if (it->second.get() >= 0) {
                pollfd fd{it->second.get(), POLLIN, 0};
                ::poll(&fd, 1, milliseconds_until(give_up, now));
            } else {
                ::usleep(1000);
            }
            continue;
        }
        if (done == 0) {
            ++it;
            continue;
        }
        it = killed_.erase(it);
    }
}

}  // namespace

std::string format_seconds(std::chrono::milliseconds duration) {
    if (duration.count() % 1000 == 0) return fmt::format("{} s", duration.count() / 1000);
    return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000.0);
}

std::string worker_end_reason(int wait_status, bool memory_exhausted,
                              const isolation_limits& limits) {
    if (memory_exhausted) {
        return fmt::format("exceeded the {} MiB memory limit (--memory-limit)",
                           limits.memory_limit_mib);
    }
    if (WIFSIGNALED(wait_status)) {
        int number = WTERMSIG(wait_status);
        const char* description = ::sigdescr_np(number);
        std::string signal_text =
            fmt::format("signal {} ({})", number, description != nullptr ? description : "?");
        if (number == SIGXCPU) {
            return fmt::format("exceeded the CPU time limit of {} s per check; killed by {}",
                               cpu_seconds_per_check(limits.check_timeout), signal_text);
        }
        return "worker process killed by " + signal_text + " while running this check";
    }
    if (WIFEXITED(wait_status)) {
        return fmt::format("worker process exited with status {} while running this check",
                           WEXITSTATUS(wait_status));
    }
    return fmt::format("worker process ended with wait status {:#x} while running this check",
                       wait_status);
}

std::vector<check_result> process_runner::run(const registry& /*plugins*/,
                                              const std::vector<const registered_check*>& checks,
                                              const target& t) {
    if (checks.empty()) return {};
    return session(limits_, checks, t).run();
}

}  // namespace scanner::core
