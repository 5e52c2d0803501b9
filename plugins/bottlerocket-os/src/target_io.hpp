// The thin layer between the judges and the host: reads the target through sdk::context into
// the plain values the judges take, and reports a verdict back.
#ifndef BOTTLEROCKET_OS_TARGET_IO_HPP
#define BOTTLEROCKET_OS_TARGET_IO_HPP

#include <scanner/plugin.hpp>

#include <cstdint>
#include <span>
#include <string_view>

#include "logic/conf_dirs.hpp"
#include "logic/config_text.hpp"
#include "logic/verdict.hpp"

namespace bottlerocket_os {

using scanner::sdk::context;

/// Configuration files are small; anything larger is refused rather than parsed.
inline constexpr uint64_t config_read_cap = 1 << 20;

/// Reads a configuration file. A character device (a unit masked by a link to /dev/null) reads
/// as empty, as it does for kmod and systemd.
config_text read_config(const context& ctx, std::string_view path);

/// Lists a configuration directory; `error` gets 0 or the errno value (ENOENT for an absent one).
conf_dir_listing list_config_dir(const context& ctx, std::string_view dir, int& error);

/// The files of a set of drop-in directories.
struct conf_files {
    std::vector<config_text> applied;     // readable or not, in the order they apply
    std::vector<config_text> unlistable;  // directories that exist but cannot be listed
};

/// Reads the files of `dirs` (highest priority first) whose names end in `suffix`. Dangling
/// links are skipped, as kmod and systemd skip them.
conf_files read_conf_dirs(const context& ctx, std::span<const std::string_view> dirs,
                          std::string_view suffix);

/// Adds the benchmark note when the target is not Bottlerocket, then reports `v`.
void report(const context& ctx, const verdict& v);

}  // namespace bottlerocket_os

#endif
