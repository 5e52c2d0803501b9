#include "core/worker_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <string>

#include "core/check_run.hpp"
#include "core/io_result.hpp"
#include "core/result_record.hpp"

namespace scanner::core {

namespace {

// Exit status of a worker whose parent is gone; nobody reads it, it only ends the process.
constexpr int exit_lost_parent = 70;
constexpr int exit_out_of_memory = 71;

// Used by the signal handler and the new handler, which can rely on nothing else.
int result_fd = -1;
char memory_record[64];
std::size_t memory_record_size = 0;
alignas(16) char alternate_stack[64 * 1024];

// True when no block of the margin's size can be mapped any more. Async-signal-safe.
bool address_space_exhausted() {
    void* probe = ::mmap(nullptr, memory_exhaustion_margin, PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (probe == MAP_FAILED) return errno == ENOMEM;
    ::munmap(probe, memory_exhaustion_margin);
    return false;
}

void send_memory_record() { write_fully(result_fd, memory_record, memory_record_size); }

extern "C" void on_fatal_signal(int signal_number) {
    int saved = errno;
    if (address_space_exhausted()) send_memory_record();
    errno = saved;
    // SA_RESETHAND restored the default action and SA_NODEFER lets it strike now, so the
    // scanner sees the very signal the check died of.
    ::raise(signal_number);
}

void on_allocation_failure() {
    send_memory_record();
    ::_exit(exit_out_of_memory);
}

void install_crash_handlers() {
    stack_t stack{};
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    ::sigaltstack(&stack, nullptr);

    struct sigaction action {};
    action.sa_handler = &on_fatal_signal;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    for (int s : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE}) ::sigaction(s, &action, nullptr);
    std::set_new_handler(&on_allocation_failure);
}

void restore_signal_defaults() {
    // The scanner ignores SIGPIPE; so does the worker, so a write to a gone parent fails.
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD}) ::signal(s, SIG_DFL);
    // Output beyond the cap fails with EFBIG instead of killing the check.
    ::signal(SIGXFSZ, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

void set_limit(int resource, rlim_t soft, rlim_t hard) {
    rlimit limit{soft, hard};
    ::setrlimit(resource, &limit);
}

uint64_t cpu_seconds_used() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    // Rounded up: the limit must never fall below what was already spent.
    return static_cast<uint64_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1;
}

void redirect_standard_streams(int output_fd) {
    int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    int out = output_fd >= 0 ? output_fd : null_fd;
    if (out >= 0) {
        ::dup2(out, STDOUT_FILENO);
        ::dup2(out, STDERR_FILENO);
    }
    if (null_fd > STDERR_FILENO) ::close(null_fd);
}

// What the check wrote to stdout and stderr since the last call; empties the capture.
std::string take_output(int output_fd) {
    std::fflush(stdout);
    std::fflush(stderr);
    std::clearerr(stdout);
    std::clearerr(stderr);
    std::cout.clear();
    std::cerr.clear();
    if (output_fd < 0) return {};
    off_t end = ::lseek(output_fd, 0, SEEK_CUR);
    if (end <= 0) return {};
    std::string output(
        std::min<std::size_t>(static_cast<std::size_t>(end), max_worker_output_bytes), '\0');
    ssize_t n = ::pread(output_fd, output.data(), output.size(), 0);
    output.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    if (::ftruncate(output_fd, 0) == 0) ::lseek(output_fd, 0, SEEK_SET);
    return output;
}

}  // namespace

uint64_t cpu_seconds_per_check(std::chrono::milliseconds check_timeout) {
    auto seconds = (check_timeout.count() + 999) / 1000;
    return static_cast<uint64_t>(std::max<std::chrono::milliseconds::rep>(seconds, 1)) + 1;
}

void run_worker(const worker_plan& plan) {
    // Its own process group, so a timeout kills whatever the check started too; and it dies with
    // the scanner, whatever kills the scanner.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != plan.parent) ::_exit(exit_lost_parent);

    result_fd = plan.result_fd;
    std::string record = encode_memory_record();
    memory_record_size = std::min(record.size(), sizeof memory_record);
    std::memcpy(memory_record, record.data(), memory_record_size);

    restore_signal_defaults();
    redirect_standard_streams(plan.output_fd);

    uint64_t per_check = cpu_seconds_per_check(plan.check_timeout);
    set_limit(RLIMIT_CORE, 0, 0);
    set_limit(RLIMIT_FSIZE, max_worker_output_bytes, max_worker_output_bytes);
    uint64_t cpu_budget = cpu_seconds_used() + per_check * plan.positions.size() + 1;
    set_limit(RLIMIT_CPU, cpu_budget, cpu_budget);
    if (workers_memory_limited && plan.address_space_limit > 0) {
        set_limit(RLIMIT_AS, plan.address_space_limit, plan.address_space_limit);
    }
    install_crash_handlers();

    for (std::size_t position : plan.positions) {
        set_limit(RLIMIT_CPU, std::min(cpu_seconds_used() + per_check, cpu_budget), cpu_budget);
        check_result result = run_check(*(*plan.checks)[position], *plan.system, plan.scan_id);
        std::string output = take_output(plan.output_fd);
        std::string framed =
            encode_result_record(position, result, output, std::chrono::steady_clock::now());
        if (write_fully(plan.result_fd, framed.data(), framed.size()) != 0) {
            ::_exit(exit_lost_parent);
        }
    }
    ::_exit(0);
}

}  // namespace scanner::core
