// The registry: accepted plugins and the checks they registered.
#ifndef SCANNER_CORE_REGISTRY_HPP
#define SCANNER_CORE_REGISTRY_HPP

#include <scanner/plugin_api.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/check.hpp"

namespace scanner::core {

/// The scanner's own version, reported to plugins and in reports.
inline constexpr const char* scanner_version = "0.1.0";

struct plugin_record {
    std::string id;
    std::string name;
    std::string version;
    std::string vendor;
    std::vector<std::string> aliases;
    uint32_t abi_major = 0;
    uint32_t abi_minor = 0;
    std::string file;
    std::size_t check_count = 0;
    void (*shutdown)() = nullptr;
    std::shared_ptr<void> library;  // keeps the plugin's code mapped while the registry lives
};

struct registered_check {
    check_info info;
    scanner_check_run_fn run = nullptr;
    void* user_data = nullptr;
    std::size_t plugin = 0;  // index into registry::plugins()
};

/// A plugin ABI version, major.minor.
struct abi_version {
    uint32_t major = 0;
    uint32_t minor = 0;
};

/// The ABI this scanner was compiled with.
inline constexpr abi_version host_abi{SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR};

/// Why a host of ABI `host` cannot accept a descriptor, or nullopt. Reads nothing beyond
/// d->struct_size.
std::optional<std::string> validate_descriptor(const scanner_plugin_descriptor* d,
                                               abi_version host = host_abi);

/// Every reason validate_descriptor could give, in the same order. Stops early only where
/// reading on is unsafe: no descriptor, one too small, or one of another ABI major.
std::vector<std::string> descriptor_problems(const scanner_plugin_descriptor* d,
                                             abi_version host = host_abi);

/// What registry::audit found out about one plugin.
struct plugin_audit {
    plugin_record plugin;
    std::vector<registered_check> checks;  // the checks it registered validly
    std::vector<std::string> problems;     // every reason add() would refuse it; empty if none
    bool initialized = false;              // init ran and returned 0: its checks may be run
    std::shared_ptr<void> shutdown_guard;  // calls the plugin's shutdown when the last copy goes
};

class registry {
  public:
    registry() = default;
    ~registry();
    registry(const registry&) = delete;
    registry& operator=(const registry&) = delete;

    /// Validates the descriptor, runs its init and validates every check it registers. Returns
    /// the reason for refusing the plugin, or nullopt when it was accepted; a refused plugin
    /// leaves nothing behind.
    std::optional<std::string> add(const scanner_plugin_descriptor* descriptor,
                                   const std::string& file, std::shared_ptr<void> library);

    /// Validates the descriptor and runs init as add() does, but adds nothing and goes on past
    /// the first problem, for conformance checks. Plugins already added count for duplicates.
    /// init is not called when the ABI version or the descriptor's size make calling it unsafe.
    plugin_audit audit(const scanner_plugin_descriptor* descriptor, const std::string& file,
                       std::shared_ptr<void> library) const;

    const std::vector<plugin_record>& plugins() const { return plugins_; }
    const std::vector<registered_check>& checks() const { return checks_; }

  private:
    std::vector<plugin_record> plugins_;
    std::vector<registered_check> checks_;
};

}  // namespace scanner::core

#endif
