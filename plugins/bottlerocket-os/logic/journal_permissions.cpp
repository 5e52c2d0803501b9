#include "journal_permissions.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "file_mode.hpp"

namespace bottlerocket_os {

namespace {

constexpr std::size_t max_offenders_kept = 5;

std::string octal_permissions(uint32_t mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", mode & 07777u);
    return buf;
}

void examine_file(const std::string& path, uint32_t mode, journal_scan& scan) {
    ++scan.files;
    if ((mode & 0007u) == 0) return;
    ++scan.offender_count;
    if (scan.offenders.size() < max_offenders_kept) {
        scan.offenders.push_back(quoted(path) + " (" + octal_permissions(mode) + ")");
    }
}

}  // namespace

journal_scan scan_journal(const tree_view& tree, const std::string& root) {
    journal_scan scan;
    uint32_t root_mode = 0;
    if (int rc = tree.lstat_mode(root, root_mode); rc != 0) {
        if (rc == ENOENT) {
            scan.root_absent = true;
        } else {
            scan.unreadable.push_back(escaped(root) + ": " + std::strerror(rc));
        }
        return scan;
    }
    // The root itself is examined like any entry; a symlinked root is followed, as list() does.
    if (file_mode::is(root_mode, file_mode::regular)) {
        examine_file(root, root_mode, scan);
        return scan;
    }

    std::vector<std::string> pending{root};
    std::vector<tree_view::entry> entries;
    while (!pending.empty()) {
        std::string dir = std::move(pending.back());
        pending.pop_back();
        entries.clear();
        if (int rc = tree.list(dir, entries); rc != 0) {
            if (rc != ENOENT && !(rc == ENOTDIR && dir == root)) {
                scan.unreadable.push_back(escaped(dir) + ": " + std::strerror(rc));
            }
            continue;
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        const std::size_t first_subdir = pending.size();
        for (auto& entry : entries) {
            std::string path = dir + "/" + entry.name;
            // A listing that could not tell the type (DT_UNKNOWN) is completed by lstat.
            if ((entry.type & file_mode::type_mask) == 0) {
                uint32_t mode = 0;
                if (tree.lstat_mode(path, mode) == 0) entry.type = mode & file_mode::type_mask;
            }
            if (file_mode::is(entry.type, file_mode::directory)) {
                pending.push_back(std::move(path));
            } else if (file_mode::is(entry.type, file_mode::regular)) {
                uint32_t mode = 0;
                if (int rc = tree.lstat_mode(path, mode); rc != 0) {
                    if (rc != ENOENT) {
                        scan.unreadable.push_back(escaped(path) + ": " + std::strerror(rc));
                    }
                    continue;
                }
                if (file_mode::is(mode, file_mode::regular)) examine_file(path, mode, scan);
            }
        }
        // The stack pops the last pushed first; reversed, subdirectories are walked in name order.
        std::reverse(pending.begin() + static_cast<std::ptrdiff_t>(first_subdir), pending.end());
    }
    return scan;
}

void judge_journal_permissions(const journal_scan& scan, std::string_view root, findings& out) {
    const std::string dir(root);
    if (scan.root_absent) {
        out.observe(dir, "absent: no persistent journal files");
        out.note(dir +
                 " does not exist, so there are no journal files on disk to restrict "
                 "(journald keeps logs there only with persistent storage)");
        return;
    }
    out.observe(dir, std::to_string(scan.files) + " regular files examined, " +
                         std::to_string(scan.offender_count) + " with permissions for 'other'");
    for (const auto& problem : scan.unreadable) out.unknown("cannot read " + problem);
    if (scan.offender_count == 0) return;

    std::string reason = "file " + scan.offenders.front() + " has permissions for 'other'";
    if (scan.offender_count > 1) {
        reason += ", and " + std::to_string(scan.offender_count - 1) + " more:";
        for (std::size_t i = 1; i < scan.offenders.size(); ++i) reason += " " + scan.offenders[i];
        if (scan.offender_count > scan.offenders.size()) reason += " ...";
    }
    out.fail(reason);
}

}  // namespace bottlerocket_os
