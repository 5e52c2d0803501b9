// Runs the network-firewall plugin through the harness and looks at one check's outcome.
#ifndef SCANNER_TESTS_NETWORK_FIREWALL_PLUGIN_RUN_HPP
#define SCANNER_TESTS_NETWORK_FIREWALL_PLUGIN_RUN_HPP

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "core/check.hpp"
#include "tests/support/doctest_printers.hpp"
#include "tests/support/plugin_harness.hpp"

namespace scanner::testing::firewall {

using core::status;

/// All outcomes of one run of the plugin against `root` ("/" for the live host).
inline std::map<std::string, outcome> run_all(const std::filesystem::path& root) {
    return run_plugin(NETWORK_FIREWALL_PLUGIN, root);
}

/// The outcome of the check with benchmark id `id` ("3.4.1.1") among `all`.
inline const outcome& find_check(const std::map<std::string, outcome>& all, const std::string& id) {
    auto found = all.find(id);
    REQUIRE_MESSAGE(found != all.end(), "no check ", id);
    return found->second;
}

/// The outcome's reason and evidence, for failure messages.
inline std::string describe(const outcome& o) {
    std::string out = std::string(core::to_string(o.result.verdict)) + ": " + o.result.reason;
    for (const auto& e : o.result.observations) out += "\n  " + e.source + " | " + e.observed;
    return out;
}

}  // namespace scanner::testing::firewall

#endif
