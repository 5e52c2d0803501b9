#include "plugin/kubelet_process.hpp"

#include <sys/stat.h>
#include <algorithm>

namespace scanner::kubernetes_worker {

namespace {

bool all_digits(std::string_view name) {
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> split_nul(std::string_view data) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < data.size()) {
        size_t end = data.find('\0', start);
        if (end == std::string_view::npos) end = data.size();
        parts.emplace_back(data.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::optional<kubelet_process> search_proc(const sdk::context& ctx) {
    auto entries = ctx.list_dir("/proc");
    if (!entries) return std::nullopt;

    std::vector<unsigned long> pids;
    for (const auto& e : entries.value) {
        bool directory_like = e.type == S_IFDIR || e.type == 0;
        if (directory_like && all_digits(e.name) && e.name.size() < 11) {
            pids.push_back(std::stoul(std::string(e.name)));
        }
    }
    std::sort(pids.begin(), pids.end());

    std::optional<kubelet_process> found;
    for (unsigned long pid : pids) {
        std::string dir = "/proc/" + std::to_string(pid);
        auto comm = ctx.read_file(dir + "/comm", 4096);
        if (!comm) continue;  // the process may have exited since the listing
        std::string_view name = comm.value;
        if (!name.empty() && name.back() == '\n') name.remove_suffix(1);
        if (name != "kubelet") continue;

        auto cmdline = ctx.read_file(dir + "/cmdline");
        if (!cmdline || cmdline.value.empty()) continue;  // exited, or a zombie
        if (found) {
            ++found->others;
            continue;
        }
        auto argv = split_nul(cmdline.value);
        found = kubelet_process{
            std::to_string(pid), {argv.begin() + 1, argv.end()}, dir + "/cmdline", 0};
    }
    return found;
}

}  // namespace

std::optional<kubelet_process> find_kubelet_process(const sdk::context& ctx) {
    // One search per scan: /proc of a busy node is read once rather than by each of the 26
    // checks, and every check of the scan judges the same kubelet. The checks of one plugin never
    // run concurrently, so a plain static is safe.
    struct search_of_scan {
        uint64_t scan_id = 0;
        std::optional<kubelet_process> found;
    };
    static search_of_scan last;
    const uint64_t scan_id = ctx.scan_id();
    if (scan_id != 0 && last.scan_id == scan_id) return last.found;
    auto found = search_proc(ctx);
    if (scan_id != 0) last = {scan_id, found};
    return found;
}

}  // namespace scanner::kubernetes_worker
