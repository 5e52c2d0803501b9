#include "conf_dirs.hpp"

#include <map>

#include "file_mode.hpp"

namespace bottlerocket_os {

std::vector<std::string> order_conf_files(const std::vector<conf_dir_listing>& dirs,
                                          std::string_view suffix) {
    // std::map orders names bytewise, as strcmp does in kmod and systemd.
    std::map<std::string, std::string, std::less<>> chosen;
    for (const auto& listing : dirs) {
        for (const auto& entry : listing.entries) {
            const auto& name = entry.name;
            if (name.empty() || name.front() == '.') continue;
            if (name.size() <= suffix.size() || !name.ends_with(suffix)) continue;
            if (file_mode::is(entry.type, file_mode::directory)) continue;
            chosen.try_emplace(name, listing.dir + "/" + name);
        }
    }

    std::vector<std::string> paths;
    paths.reserve(chosen.size());
    for (auto& [name, path] : chosen) paths.push_back(std::move(path));
    return paths;
}

}  // namespace bottlerocket_os
