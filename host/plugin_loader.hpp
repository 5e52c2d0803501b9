// Opening, vetting and loading plugin files.
#ifndef SCANNER_HOST_PLUGIN_LOADER_HPP
#define SCANNER_HOST_PLUGIN_LOADER_HPP

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/registry.hpp"
#include "core/report.hpp"

namespace scanner::host {

struct trust_policy {
    /// Refuse files and directories that someone other than root or the scanning user could
    /// change. Only tests turn this off.
    bool check_ownership = true;
};

/// A plugin file loaded and its entry function called, not yet added to a registry.
struct opened_plugin {
    std::shared_ptr<void> library;  // keeps the code mapped
    const scanner_plugin_descriptor* descriptor = nullptr;
    /// Every reason the trust policy has against the file and its directory, whether or not the
    /// policy was enforced.
    std::vector<std::string> trust_problems;
};

/// Opens `file` once, vets that open file and its directory (refusing it on the first trust
/// problem when `policy` enforces them), loads that same file with local, immediate binding and
/// calls its entry function. Returns the plugin, or the reason it cannot be loaded.
std::variant<opened_plugin, std::string> open_plugin(const std::filesystem::path& file,
                                                     const trust_policy& policy);

/// Opens `file` with open_plugin and adds it to `reg`. Returns the reason for refusing it, or
/// nullopt.
std::optional<std::string> load_plugin(core::registry& reg, const std::filesystem::path& file,
                                       const trust_policy& policy);

/// Loads every file; each refusal is logged as one warning and returned.
std::vector<core::plugin_failure> load_plugins(core::registry& reg,
                                               const std::vector<std::filesystem::path>& files,
                                               const trust_policy& policy);

}  // namespace scanner::host

#endif
