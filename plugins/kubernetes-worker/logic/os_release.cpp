#include "logic/os_release.hpp"

#include "logic/environment_file.hpp"

namespace scanner::kubernetes_worker {

std::string os_release_id(std::string_view text) {
    // os-release uses the shell-like KEY=VALUE syntax of environment files; the last ID wins.
    std::string id;
    for (const auto& [key, value] : parse_environment_file(text)) {
        if (key == "ID") id = value;
    }
    return id;
}

}  // namespace scanner::kubernetes_worker
