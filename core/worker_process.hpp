// The worker side of process isolation: a forked child that runs one plugin's checks one after
// another, under resource limits, and sends each result to the scanner over a pipe.
#ifndef SCANNER_CORE_WORKER_PROCESS_HPP
#define SCANNER_CORE_WORKER_PROCESS_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/registry.hpp"
#include "core/target.hpp"

namespace scanner::core {

/// Whether workers get their address-space limit (--memory-limit). Not under AddressSanitizer,
/// which reserves terabytes of shadow memory and needs address space of its own to report a
/// failed allocation.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool workers_memory_limited = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool workers_memory_limited = false;
#else
inline constexpr bool workers_memory_limited = true;
#endif
#else
inline constexpr bool workers_memory_limited = true;
#endif

/// What a worker captures of a check's stdout and stderr; writes beyond it fail with EFBIG.
inline constexpr std::size_t max_worker_output_bytes = 1u << 20;

/// A worker whose address space is within this many bytes of its limit when it dies is taken to
/// have died of the limit: a failed allocation of a smaller block leaves no more than this free.
inline constexpr std::size_t memory_exhaustion_margin = 16u << 20;

struct worker_plan {
    const std::vector<const registered_check*>* checks = nullptr;  // the runner's whole list
    std::span<const std::size_t> positions;  // the checks this worker runs, in this order
    const target* system = nullptr;
    int result_fd = -1;  // write end of the result pipe
    int output_fd = -1;  // memfd that becomes stdout and stderr; -1 for /dev/null
    pid_t parent = 0;
    uint64_t address_space_limit = 0;                 // RLIMIT_AS in bytes; 0 leaves it unset
    std::chrono::milliseconds check_timeout{10'000};  // sets the CPU time limit of each check
    uint64_t scan_id = 0;                             // the run's id, the same in every worker
};

/// Runs in the child right after fork(): detaches into its own process group, applies the
/// limits, runs the planned checks and sends one record per check, then exits. An allocation
/// failure sends a memory record first. Never returns.
[[noreturn]] void run_worker(const worker_plan& plan);

/// RLIMIT_CPU seconds a worker gets per check: the wall-clock timeout rounded up, plus one, so
/// the timeout strikes first for a single-threaded check.
uint64_t cpu_seconds_per_check(std::chrono::milliseconds check_timeout);

}  // namespace scanner::core

#endif
