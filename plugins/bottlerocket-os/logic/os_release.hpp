// Which operating system the target is, from os-release(5), so a report on a host that is not
// Bottlerocket can say so.
#ifndef BOTTLEROCKET_OS_OS_RELEASE_HPP
#define BOTTLEROCKET_OS_OS_RELEASE_HPP

#include <optional>
#include <string>
#include <string_view>

#include "config_text.hpp"

namespace bottlerocket_os {

/// os-release(5) locations in the order they are consulted.
inline constexpr std::string_view os_release_paths[] = {"/etc/os-release", "/usr/lib/os-release"};

/// The value of `key` in os-release text: the last assignment, with shell-style quotes and
/// backslash escapes removed.
std::optional<std::string> os_release_value(std::string_view text, std::string_view key);

/// The benchmark note for a target that is not Bottlerocket, or nothing when it is. `file` is
/// the os-release that was read (its error set when none could be).
std::optional<std::string> not_bottlerocket_note(const config_text& file);

}  // namespace bottlerocket_os

#endif
