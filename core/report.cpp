#include "core/report.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace scanner::core {

status overall_status(std::size_t passed, std::size_t failed, std::size_t errors) {
    if (failed > 0) return status::fail;
    if (errors > 0) return status::error;
    if (passed > 0) return status::pass;
    return status::skip;
}

scan_report build_report(const std::vector<selected_check>& checks,
                         std::vector<check_result> results, uint32_t level,
                         std::chrono::system_clock::time_point started) {
    scan_report report;
    report.level = level;
    report.started = started;

    std::map<std::pair<std::string, std::string>, benchmark_report> groups;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const check_info& info = checks[i].check->info;
        auto& group = groups[{info.benchmark.name, info.benchmark.version}];
        group.benchmark = info.benchmark;
        for (const auto& note : results[i].benchmark_notes) {
            if (std::find(group.notes.begin(), group.notes.end(), note) == group.notes.end()) {
                group.notes.push_back(note);
            }
        }
        group.results.push_back({&info, std::move(results[i])});
    }

    std::size_t passed = 0, failed = 0, errors = 0;
    for (auto& [key, group] : groups) {
        std::stable_sort(group.results.begin(), group.results.end(),
                         [](const check_entry& a, const check_entry& b) {
                             return id_less(a.info->id, b.info->id);
                         });
        for (const auto& entry : group.results) {
            switch (entry.result.verdict) {
                case status::pass:
                    ++group.passed;
                    break;
                case status::fail:
                    ++group.failed;
                    break;
                case status::skip:
                    ++group.skipped;
                    break;
                case status::error:
                    ++group.errors;
                    break;
            }
        }
        group.overall = overall_status(group.passed, group.failed, group.errors);
        passed += group.passed;
        failed += group.failed;
        errors += group.errors;
        report.benchmarks.push_back(std::move(group));
    }
    report.overall = overall_status(passed, failed, errors);
    return report;
}

int exit_code(const scan_report& report) {
    if (report.overall == status::fail) return 1;
    if (report.overall == status::error || !report.plugin_failures.empty()) return 3;
    return 0;
}

}  // namespace scanner::core
