#include "plugin/kubelet_unit.hpp"

#include <sys/stat.h>
#include <algorithm>
#include <map>

#include "logic/environment_file.hpp"
#include "logic/systemd_exec.hpp"
#include "logic/systemd_unit.hpp"

namespace scanner::kubernetes_worker {

namespace {

constexpr uint64_t max_unit_bytes = 1024 * 1024;

std::string_view basename_of(std::string_view path) {
    size_t slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<unit_file_text> read_unit_files(const sdk::context& ctx) {
    std::vector<unit_file_text> files;
    for (const char* dir : unit_directories) {
        std::string path = std::string(dir) + "/kubelet.service";
        auto text = ctx.read_file(path, max_unit_bytes);
        if (text) {
            files.push_back({path, std::string(text.value)});
            break;
        }
        // A masked unit is a link to /dev/null: not a regular file on a live host, a dangling
        // link under a root directory. systemd then ignores the drop-ins too.
        if (text.error == EINVAL) return files;
        auto link = ctx.lstat(path);
        if (link && (link.value.mode & S_IFMT) == S_IFLNK) return files;
        if (text.error != ENOENT && text.error != ENOTDIR) break;
    }

    // Drop-ins by name: the highest directory that has a name wins, then they apply in name order.
    std::map<std::string, std::string> drop_ins;
    for (const char* dir : unit_directories) {
        std::string drop_in_dir = std::string(dir) + "/kubelet.service.d";
        auto entries = ctx.list_dir(drop_in_dir);
        if (!entries) continue;
        for (const auto& e : entries.value) {
            std::string name(e.name);
            if (!ends_with(name, ".conf") || drop_ins.count(name) != 0) continue;
            drop_ins[name] = drop_in_dir + "/" + name;
        }
    }
    for (const auto& [name, path] : drop_ins) {
        auto text = ctx.read_file(path, max_unit_bytes);
        if (text) files.push_back({path, std::string(text.value)});
    }
    return files;
}

unit_environment build_environment(const sdk::context& ctx, const service_plan& plan,
                                   std::vector<std::string>& files_read) {
    unit_environment env;
    for (const auto& d : plan.environment) {
        for (auto& [key, value] : parse_environment_assignments(d.value)) env[key] = value;
    }
    // Settings from EnvironmentFile= override Environment= ones (systemd.exec(5)).
    for (const auto& d : plan.environment_files) {
        auto words = split_systemd_words(d.value);
        if (!words) continue;
        for (std::string path : words.value()) {
            if (!path.empty() && path.front() == '-') path.erase(0, 1);
            auto text = ctx.read_file(path, max_unit_bytes);
            if (!text) continue;
            files_read.push_back(path);
            for (auto& [key, value] : parse_environment_file(text.value)) env[key] = value;
        }
    }
    return env;
}

}  // namespace

kubelet_unit read_kubelet_unit(const sdk::context& ctx) {
    kubelet_unit unit;
    auto files = read_unit_files(ctx);
    for (const auto& f : files) unit.files.push_back(f.path);

    service_plan plan = plan_service(files);
    if (!plan.exec_start) return unit;
    unit.exec_file = plan.exec_start->file;
    unit.exec_line = plan.exec_start->line;

    unit_environment env = build_environment(ctx, plan, unit.environment_files);
    auto command = parse_exec_start(plan.exec_start->value, env);
    if (!command) {
        unit.error = command.error().message;
        return unit;
    }
    unit.unresolved = command->unresolved;

    const auto& argv = command->argv;
    auto kubelet_word = std::find_if(
        argv.begin(), argv.end(), [](const std::string& w) { return basename_of(w) == "kubelet"; });
    auto first_arg = kubelet_word == argv.end() ? argv.begin() + 1 : kubelet_word + 1;
    unit.args.assign(first_arg, argv.end());
    return unit;
}

std::string describe_unit_search() {
    std::string dirs;
    for (const char* dir : unit_directories) dirs += (dirs.empty() ? "" : ", ") + std::string(dir);
    return "kubelet.service or kubelet.service.d/*.conf under " + dirs;
}

}  // namespace scanner::kubernetes_worker
