// The drop-in directory rule shared by kmod (modprobe.d) and systemd (journald.conf.d): files are
// gathered from several directories, a name in a higher-priority directory hides the same name
// in lower ones, and the survivors are applied in lexical order of their names.
#ifndef BOTTLEROCKET_OS_CONF_DIRS_HPP
#define BOTTLEROCKET_OS_CONF_DIRS_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bottlerocket_os {

/// One entry of a configuration directory, as listed (type bits of st_mode, not followed).
struct conf_dir_entry {
    std::string name;
    uint32_t type = 0;
};

/// A configuration directory and what listing it gave.
struct conf_dir_listing {
    std::string dir;  // "/etc/modprobe.d"
    std::vector<conf_dir_entry> entries;
};

/// Paths of the files that take effect, in the order they are applied. `dirs` is in priority
/// order (highest first); only names ending in `suffix` count, hidden (dot) names and
/// directories never do.
std::vector<std::string> order_conf_files(const std::vector<conf_dir_listing>& dirs,
                                          std::string_view suffix);

}  // namespace bottlerocket_os

#endif
