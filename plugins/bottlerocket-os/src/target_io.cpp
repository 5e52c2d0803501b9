#include "target_io.hpp"

#include <cerrno>

#include "logic/file_mode.hpp"
#include "logic/os_release.hpp"

namespace bottlerocket_os {

namespace {

void note_target_os(const context& ctx) {
    config_text release;
    for (auto path : os_release_paths) {
        release = read_config(ctx, path);
        if (release.error != ENOENT) break;
    }
    if (auto note = not_bottlerocket_note(release)) ctx.benchmark_note(*note);
}

}  // namespace

config_text read_config(const context& ctx, std::string_view path) {
    config_text file;
    file.path = path;
    auto read = ctx.read_file(path, config_read_cap);
    if (read) {
        file.text = read.value;
        return file;
    }
    file.error = read.error;
    if (read.error == EINVAL) {
        auto st = ctx.stat(path);
        if (st && file_mode::is(st.value.mode, file_mode::char_device)) file.error = 0;
    }
    return file;
}

conf_dir_listing list_config_dir(const context& ctx, std::string_view dir, int& error) {
    conf_dir_listing listing;
    listing.dir = dir;
    auto entries = ctx.list_dir(dir);
    error = entries.error;
    if (!entries) return listing;
    listing.entries.reserve(entries.value.size());
    for (const auto& e : entries.value) listing.entries.push_back({std::string(e.name), e.type});
    return listing;
}

conf_files read_conf_dirs(const context& ctx, std::span<const std::string_view> dirs,
                          std::string_view suffix) {
    conf_files files;
    std::vector<conf_dir_listing> listings;
    for (auto dir : dirs) {
        int error = 0;
        auto listing = list_config_dir(ctx, dir, error);
        // Neither kmod nor systemd finds drop-ins where no directory is.
        if (error != 0 && error != ENOENT && error != ENOTDIR) {
            files.unlistable.push_back({std::string(dir), {}, error});
            continue;
        }
        listings.push_back(std::move(listing));
    }
    for (const auto& path : order_conf_files(listings, suffix)) {
        auto file = read_config(ctx, path);
        if (file.error == ENOENT) continue;
        files.applied.push_back(std::move(file));
    }
    return files;
}

void report(const context& ctx, const verdict& v) {
    note_target_os(ctx);
    for (const auto& e : v.evidence) ctx.evidence(e.source, e.observed);
    for (const auto& n : v.notes) ctx.note(n);
    ctx.report(v.state, v.reason);
}

}  // namespace bottlerocket_os
