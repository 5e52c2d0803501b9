// A finished scan, grouped per benchmark: what the report writers print.
#ifndef SCANNER_CORE_REPORT_HPP
#define SCANNER_CORE_REPORT_HPP

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/check.hpp"
#include "core/selection.hpp"

namespace scanner::core {

struct check_entry {
    const check_info* info = nullptr;
    check_result result;

    /// The mode to show: the check's registered mode unless it changed it while running.
    check_mode mode() const { return result.mode.value_or(info->mode); }
};

struct benchmark_report {
    benchmark_info benchmark;
    std::vector<check_entry> results;  // in benchmark id order
    std::vector<std::string> notes;    // benchmark notes of its checks, each once
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    std::size_t errors = 0;
    status overall = status::skip;
};

struct plugin_failure {
    std::string file;
    std::string reason;
};

struct scan_report {
    std::string hostname;
    std::string root;
    uint32_t level = 1;
    std::chrono::system_clock::time_point started;
    std::vector<benchmark_report> benchmarks;  // ordered by benchmark name, then version
    std::vector<plugin_failure> plugin_failures;
    status overall = status::skip;
};

/// FAIL if any check failed, else ERROR if any could not be evaluated, else PASS if any passed,
/// else SKIP: a report never reads PASS while a check has FAIL or ERROR.
status overall_status(std::size_t passed, std::size_t failed, std::size_t errors);

/// Groups results per benchmark; results[i] belongs to checks[i].
scan_report build_report(const std::vector<selected_check>& checks,
                         std::vector<check_result> results, uint32_t level,
                         std::chrono::system_clock::time_point started);

/// 0 compliant, 1 a check failed, 3 incomplete (an ERROR or a plugin that could not load).
int exit_code(const scan_report& report);

}  // namespace scanner::core

#endif
