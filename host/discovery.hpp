// Where plugins are looked for, and which files there are plugins.
#ifndef SCANNER_HOST_DISCOVERY_HPP
#define SCANNER_HOST_DISCOVERY_HPP

#include <filesystem>
#include <string>
#include <vector>

namespace scanner::host {

/// The plugin directories in search order: each --plugin-dir, then SCANNER_PLUGIN_PATH's
/// colon-separated entries, then `installed_dir`.
std::vector<std::filesystem::path> plugin_directories(const std::vector<std::string>& from_cli,
                                                      const char* env_path,
                                                      const std::filesystem::path& installed_dir);

/// <prefix>/lib/scanner/plugins for an executable in <prefix>/bin.
std::filesystem::path installed_plugin_directory();

/// The `*.so` entries of each directory, sorted by name within a directory; missing directories
/// are passed over.
std::vector<std::filesystem::path> plugin_files(const std::vector<std::filesystem::path>& dirs);

}  // namespace scanner::host

#endif
