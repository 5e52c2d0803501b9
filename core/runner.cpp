#include "core/runner.hpp"

#include <map>
#include <thread>

#include "core/check_run.hpp"

namespace scanner::core {

std::vector<check_result> threaded_runner::run(const registry& /*plugins*/,
                                               const std::vector<const registered_check*>& checks,
                                               const target& t) {
    std::vector<check_result> results(checks.size());
    const uint64_t scan_id = new_scan_id();
    std::map<std::size_t, std::vector<std::size_t>> by_plugin;
    for (std::size_t i = 0; i < checks.size(); ++i) by_plugin[checks[i]->plugin].push_back(i);

    auto run_group = [&](const std::vector<std::size_t>& group) {
        for (std::size_t i : group) results[i] = run_check(*checks[i], t, scan_id);
    };
    std::vector<std::thread> threads;
    auto it = by_plugin.begin();
    // The calling thread takes the first plugin itself: a one-plugin scan starts no thread.
    for (auto next = std::next(it); next != by_plugin.end(); ++next) {
        threads.emplace_back(run_group, std::cref(next->second));
    }
    if (it != by_plugin.end()) run_group(it->second);
    for (auto& thread : threads) thread.join();
    return results;
}

}  // namespace scanner::core
