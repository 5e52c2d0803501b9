// The part of modprobe.d(5) that decides whether a module can be loaded: `install <module>
// <command>` (modprobe runs the command instead of loading; the first rule that matches wins, as
// kmod does) and `blacklist <module>` (only alias lookups are ignored). This stands in for
// `modprobe -n -v <module>`, which prints the install command when one applies.
#ifndef BOTTLEROCKET_OS_MODPROBE_CONFIG_HPP
#define BOTTLEROCKET_OS_MODPROBE_CONFIG_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config_text.hpp"

namespace bottlerocket_os {

/// The modprobe.d directories in kmod's priority order (highest first).
inline constexpr std::string_view modprobe_dirs[] = {"/etc/modprobe.d", "/run/modprobe.d",
                                                     "/usr/lib/modprobe.d", "/lib/modprobe.d"};

/// One `install` or `blacklist` line.
struct modprobe_rule {
    enum class kind { install, blacklist };
    kind type = kind::install;
    std::string module;   // as written, '-' already normalised to '_'; may be a glob
    std::string command;  // install only: the rest of the line, trimmed
    std::string path;
    int line = 0;
};

/// The `install` and `blacklist` rules of one file, in order. Lines joined by a trailing
/// backslash count as one; lines whose first non-blank character is '#' are comments.
std::vector<modprobe_rule> parse_modprobe_config(std::string_view text, std::string_view path);

/// Module names treat '-' and '_' alike; kmod keeps the '_' form ("crc-itu-t" -> "crc_itu_t").
/// Bracket expressions of a glob are left as written.
std::string normalize_module_name(std::string_view name);

/// fnmatch(3)-style match of `name` against an install/blacklist `pattern` (*, ?, [...]).
bool glob_match(std::string_view pattern, std::string_view name);

/// What the configuration says about one module.
struct module_policy {
    std::optional<modprobe_rule> install;   // the rule modprobe would run, if any
    std::vector<modprobe_rule> blacklists;  // every blacklist line naming it
    std::vector<config_text> unreadable;    // files that could hold an earlier install rule
};

/// Resolves `module` over `files` (in the order they are applied): the first matching install
/// rule, every blacklist, and the unreadable files that precede the install rule (or all of
/// them when there is none), since any of those could hold a rule that wins.
module_policy resolve_module_policy(std::string_view module, const std::vector<config_text>& files);

/// True when an install command stops the module from loading: exactly /bin/true or /bin/false,
/// nothing chained after it (modprobe hands the command to a shell).
bool is_disabling_command(std::string_view command);

}  // namespace bottlerocket_os

#endif
