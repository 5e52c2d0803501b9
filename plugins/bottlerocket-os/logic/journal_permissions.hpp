// Permissions of journal files (CIS Bottlerocket 4.1.2): no regular file under /var/log/journal
// grants anything to 'other'. The tree is walked without following symlinks, so a link cannot
// lead the walk outside the journal or into a loop.
#ifndef BOTTLEROCKET_OS_JOURNAL_PERMISSIONS_HPP
#define BOTTLEROCKET_OS_JOURNAL_PERMISSIONS_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "verdict.hpp"

namespace bottlerocket_os {

inline constexpr std::string_view journal_dir = "/var/log/journal";

/// A directory tree as the walk sees it; the plugin backs it with the host's target view.
class tree_view {
  public:
    virtual ~tree_view() = default;

    struct entry {
        std::string name;
        uint32_t type = 0;  // type bits of st_mode, not followed
    };

    /// Lists `path` (following `path` itself when it is a symlink); returns 0 or an errno value.
    virtual int list(const std::string& path, std::vector<entry>& out) const = 0;
    /// lstat(2) of `path`: its st_mode into `mode`; returns 0 or an errno value.
    virtual int lstat_mode(const std::string& path, uint32_t& mode) const = 0;
};

/// What the walk found.
struct journal_scan {
    bool root_absent = false;
    uint64_t files = 0;                  // regular files examined
    std::vector<std::string> offenders;  // "<path> (0644)", in walk order; at most a few kept
    uint64_t offender_count = 0;
    std::vector<std::string> unreadable;  // "<path>: <reason>"
};

/// Walks `root` depth-first: a directory's regular files in name order, then its subdirectories
/// in name order; everything else (symlinks included) is skipped, and so is an entry that
/// vanished during the walk (ENOENT).
journal_scan scan_journal(const tree_view& tree, const std::string& root);

/// Judges a scan into `out`.
void judge_journal_permissions(const journal_scan& scan, std::string_view root, findings& out);

}  // namespace bottlerocket_os

#endif
