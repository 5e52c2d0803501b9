// 2.1.1.1: chrony has a time source and chronyd runs (live: the process table; under a root
// directory: the process table the root holds, else chronyd.service being enabled).
#include <cerrno>
#include <string>

#include "checks.hpp"
#include "logic/chrony_state.hpp"
#include "logic/file_mode.hpp"
#include "logic/text.hpp"
#include "target_io.hpp"

namespace bottlerocket_os {

namespace {

constexpr std::string_view unit_name = "chronyd.service";
constexpr uint64_t comm_cap = 256;

std::string read_comm(const context& ctx, std::string_view pid) {
    auto comm = ctx.read_file("/proc/" + std::string(pid) + "/comm", comm_cap);
    return comm ? std::string(trim(comm.value)) : std::string();
}

bool is_pid(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

chronyd_process_scan scan_processes(const context& ctx) {
    chronyd_process_scan scan;
    auto procs = ctx.list_dir("/proc");
    if (!procs) {
        scan.error = procs.error;
        return scan;
    }
    for (const auto& e : procs.value) {
        if (!is_pid(e.name) || !file_mode::is(e.type, file_mode::directory)) continue;
        ++scan.processes;
        if (read_comm(ctx, e.name) == "chronyd") {
            scan.chronyd_pid = e.name;
            break;
        }
    }
    if (scan.chronyd_pid.empty()) scan.init_comm = read_comm(ctx, "1");
    return scan;
}

void find_unit_file(const context& ctx, chronyd_unit_scan& scan) {
    for (auto dir : unit_dirs) {
        const std::string path = std::string(dir) + "/" + std::string(unit_name);
        auto link = ctx.lstat(path);
        if (!link) continue;
        scan.unit_file = path;
        if (file_mode::is(link.value.mode, file_mode::symlink)) {
            auto target = ctx.stat(path);
            scan.masked = !target || file_mode::is(target.value.mode, file_mode::char_device);
        }
        return;
    }
}

void find_wants_link(const context& ctx, chronyd_unit_scan& scan) {
    for (auto dir : unit_dirs) {
        auto entries = ctx.list_dir(dir);
        if (!entries) {
            if (entries.error != ENOENT) {
                scan.unreadable.push_back(std::string(dir) + ": " + entries.message());
            }
            continue;
        }
        for (const auto& e : entries.value) {
            if (!e.name.ends_with(".wants") && !e.name.ends_with(".requires")) continue;
            const std::string link =
                std::string(dir) + "/" + std::string(e.name) + "/" + std::string(unit_name);
            if (ctx.lstat(link)) {
                scan.wants_link = link;
                return;
            }
        }
    }
}

}  // namespace

void run_chrony(const context& ctx) {
    findings out;
    judge_chrony_config(read_config(ctx, chrony_config_path), out);

    // Under a root directory a process table is used only when the root holds one (a captured
    // /proc); an image's empty /proc says nothing, so the unit's enablement stands in.
    auto processes = scan_processes(ctx);
    if (ctx.live() || processes.processes > 0) {
        judge_chronyd_running(processes, out);
    } else {
        chronyd_unit_scan scan;
        find_unit_file(ctx, scan);
        if (!scan.unit_file.empty() && !scan.masked) find_wants_link(ctx, scan);
        judge_chronyd_enabled(scan, out);
    }
    report(ctx, out.decide());
}

}  // namespace bottlerocket_os
