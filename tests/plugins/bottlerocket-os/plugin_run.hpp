// Runs the bottlerocket-os plugin on a fixture root and looks up one check's outcome.
#ifndef SCANNER_TESTS_BOTTLEROCKET_OS_PLUGIN_RUN_HPP
#define SCANNER_TESTS_BOTTLEROCKET_OS_PLUGIN_RUN_HPP

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "core/check.hpp"
#include "tests/plugins/bottlerocket-os/compliant_root.hpp"
#include "tests/support/doctest_printers.hpp"
#include "tests/support/plugin_harness.hpp"

namespace scanner::testing::bottlerocket {

using core::status;

/// All outcomes of one run of the plugin against `root`.
inline std::map<std::string, outcome> run_all(const fixture_root& root) {
    return run_plugin(BOTTLEROCKET_OS_PLUGIN, root.path());
}

/// The outcome of the check with benchmark id `id` ("1.4.1").
inline outcome run_check(const fixture_root& root, const std::string& id) {
    auto all = run_all(root);
    auto found = all.find(id);
    REQUIRE(found != all.end());
    return found->second;
}

}  // namespace scanner::testing::bottlerocket

#endif
