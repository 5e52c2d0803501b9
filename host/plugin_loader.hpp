// Opening, vetting and loading plugin files.
#ifndef SCANNER_HOST_PLUGIN_LOADER_HPP
#define SCANNER_HOST_PLUGIN_LOADER_HPP

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "core/report.hpp"

namespace scanner::host {

struct trust_policy {
    /// Refuse files and directories that someone other than root or the scanning user could
    /// change. Only tests turn this off.
    bool check_ownership = true;
};

/// Opens `file` once, vets that open file and its directory, loads that same file with local,
/// immediate binding, and adds it to `reg`. Returns the reason for refusing it, or nullopt.
std::optional<std::string> load_plugin(core::registry& reg, const std::filesystem::path& file,
                                       const trust_policy& policy);

/// Loads every file; each refusal is logged as one warning and returned.
std::vector<core::plugin_failure> load_plugins(core::registry& reg,
                                               const std::vector<std::filesystem::path>& files,
                                               const trust_policy& policy);

}  // namespace scanner::host

#endif
