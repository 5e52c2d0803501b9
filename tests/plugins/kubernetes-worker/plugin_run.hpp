// Runs the kubernetes-worker plugin on a fixture root and looks outcomes up.
#ifndef SCANNER_TESTS_KUBERNETES_WORKER_PLUGIN_RUN_HPP
#define SCANNER_TESTS_KUBERNETES_WORKER_PLUGIN_RUN_HPP

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "core/check.hpp"
#include "tests/plugins/kubernetes-worker/worker_node_root.hpp"
#include "tests/support/doctest_printers.hpp"
#include "tests/support/plugin_harness.hpp"

namespace scanner::testing::kubernetes_worker {

using core::status;

/// All outcomes of one run of the plugin against `root`, by check name and benchmark id.
inline std::map<std::string, outcome> run_all(const fixture_root& root) {
    return run_plugin(KUBERNETES_WORKER_PLUGIN, root.path());
}

/// The outcome of the check with benchmark id `id` ("4.2.1").
inline outcome run_check(const fixture_root& root, const std::string& id) {
    auto all = run_all(root);
    auto found = all.find(id);
    REQUIRE(found != all.end());
    return found->second;
}

/// The outcome `id` of a run; fails the test when it is missing.
inline const outcome& at(const std::map<std::string, outcome>& all, const std::string& id) {
    auto found = all.find(id);
    REQUIRE_MESSAGE(found != all.end(), id);
    return found->second;
}

/// The mode shown for the outcome: the one the check set, else the registered one.
inline core::check_mode shown_mode(const outcome& o) { return o.result.mode.value_or(o.info.mode); }

}  // namespace scanner::testing::kubernetes_worker

#endif
