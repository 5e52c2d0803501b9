// Process isolation: each plugin's checks run in a forked worker process, so that a plugin that
// crashes, hangs, exits or exhausts its memory costs only the check it was running.
#ifndef SCANNER_CORE_PROCESS_RUNNER_HPP
#define SCANNER_CORE_PROCESS_RUNNER_HPP

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/runner.hpp"

namespace scanner::core {

struct isolation_limits {
    /// Wall-clock time one check may take before its worker is killed (--timeout).
    std::chrono::milliseconds check_timeout{10'000};
    /// Wall-clock time the whole run may take; unfinished checks are then ERROR (--deadline).
    std::chrono::milliseconds scan_deadline{300'000};
    /// Address space a worker may map beyond what it inherits from the scanner (--memory-limit).
    uint64_t memory_limit_mib = 512;
    /// Workers running at the same time; 0 means one per processor, at least 8.
    unsigned max_workers = 0;
};

/// Runs each plugin's checks one after another in a worker process forked for that plugin, and
/// different plugins' workers side by side. The scanner process multiplexes the workers with
/// poll() on one thread: it must be single-threaded when run() forks. A worker that dies, hangs
/// or sends garbage yields ERROR for the check it was running, with the reason, and a fresh
/// worker goes on with the plugin's next check.
class process_runner final : public runner {
  public:
    explicit process_runner(isolation_limits limits = {}) : limits_(limits) {}

    std::vector<check_result> run(const registry& plugins,
                                  const std::vector<const registered_check*>& checks,
                                  const target& t) override;

  private:
    isolation_limits limits_;
};

/// "10 s", "1.5 s": a duration as the reasons and the documentation print it.
std::string format_seconds(std::chrono::milliseconds duration);

/// The reason recorded for the check a worker was running when it ended, from its wait status
/// and whether it reported running out of memory first.
std::string worker_end_reason(int wait_status, bool memory_exhausted,
                              const isolation_limits& limits);

}  // namespace scanner::core

#endif
