// Runs one plugin's checks against a root tree without the CLI, for plugin tests.
#ifndef SCANNER_TESTS_PLUGIN_HARNESS_HPP
#define SCANNER_TESTS_PLUGIN_HARNESS_HPP

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/check.hpp"

namespace scanner::testing {

struct outcome {
    core::check_info info;
    core::check_result result;
};

/// Loads `plugin_file` (bypassing the ownership checks), runs all of its checks of level 1 and 2
/// against `root` ("/" means the live host) in-process, and returns the outcomes keyed by check
/// name ("br01040100") and by benchmark id ("1.4.1"). Throws std::runtime_error when the plugin
/// cannot be loaded or registers invalid checks.
std::map<std::string, outcome> run_plugin(const std::filesystem::path& plugin_file,
                                          const std::filesystem::path& root);

/// True when the outcome's reason contains `part`.
inline bool reason_has(const outcome& o, std::string_view part) {
    return o.result.reason.find(part) != std::string::npos;
}

/// True when some evidence has this source and an observation containing `part`.
inline bool evidence_has(const outcome& o, std::string_view source, std::string_view part) {
    for (const auto& e : o.result.observations) {
        if (e.source == source && e.observed.find(part) != std::string::npos) return true;
    }
    return false;
}

}  // namespace scanner::testing

#endif
