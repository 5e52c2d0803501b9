// Choosing which registered checks a scan runs, before anything runs.
#ifndef SCANNER_CORE_SELECTION_HPP
#define SCANNER_CORE_SELECTION_HPP

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/registry.hpp"

namespace scanner::core {

struct selection_options {
    std::vector<std::string> plugins;  // ids or aliases; empty means all
    uint32_t level = 1;                // checks of this level and below
    std::vector<std::string> checks;   // names or ids; when given, only these run (any level)
    std::vector<std::string> skips;    // names or ids reported as SKIP without running
};

struct selected_check {
    const registered_check* check = nullptr;
    bool skipped_by_user = false;
};

/// The checks to report, in registry order, or a usage error naming the unknown plugin or check.
std::variant<std::vector<selected_check>, std::string> select_checks(
    const registry& reg, const selection_options& options);

}  // namespace scanner::core

#endif
