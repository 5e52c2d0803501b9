#include "host/discovery.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>
#include <system_error>

namespace scanner::host {

std::vector<std::filesystem::path> plugin_directories(const std::vector<std::string>& from_cli,
                                                      const char* env_path,
                                                      const std::filesystem::path& installed_dir) {
    std::vector<std::filesystem::path> dirs(from_cli.begin(), from_cli.end());
    std::string_view rest = env_path != nullptr ? env_path : "";
    while (!rest.empty()) {
        std::size_t colon = rest.find(':');
        std::string_view entry = rest.substr(0, colon);
        if (!entry.empty()) dirs.emplace_back(entry);
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
    dirs.push_back(installed_dir);
    return dirs;
}

std::filesystem::path installed_plugin_directory() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "/usr/local/lib/scanner/plugins";
    return exe.parent_path().parent_path() / "lib" / "scanner" / "plugins";
}

std::vector<std::filesystem::path> plugin_files(const std::vector<std::filesystem::path>& dirs) {
    std::vector<std::filesystem::path> files;
    for (const auto& dir : dirs) {
        std::error_code ec;
        std::vector<std::filesystem::path> found;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".so") found.push_back(entry.path());
        }
        if (ec) {
            spdlog::debug("passing over plugin directory {}: {}", dir.string(), ec.message());
            continue;
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

}  // namespace scanner::host
