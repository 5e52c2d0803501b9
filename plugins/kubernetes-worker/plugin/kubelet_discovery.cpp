#include "plugin/kubelet_discovery.hpp"

#include "logic/kubelet_flags.hpp"
#include "plugin/config_loader.hpp"
#include "plugin/kubelet_process.hpp"
#include "plugin/kubelet_unit.hpp"
#include "plugin/target_files.hpp"

namespace scanner::kubernetes_worker {

namespace {

/// Where distributions put the kubelet's files when nothing names them.
struct known_layout {
    const char* name;
    const char* config;
    const char* kubeconfig;
};

constexpr known_layout known_layouts[] = {
    {"Bottlerocket", "/etc/kubernetes/kubelet/config", "/etc/kubernetes/kubelet/kubeconfig"},
    {"kubeadm", "/var/lib/kubelet/config.yaml", "/etc/kubernetes/kubelet.conf"},
    {"EKS on Amazon Linux 2", "/etc/kubernetes/kubelet/kubelet-config.json",
     "/var/lib/kubelet/kubeconfig"},
    {"EKS on Amazon Linux 2023", "/etc/kubernetes/kubelet/config.json",
     "/var/lib/kubelet/kubeconfig"},
};

std::string describe_layout_search() {
    std::string files;
    for (const auto& layout : known_layouts) {
        files += (files.empty() ? "" : ", ") + std::string(layout.config);
    }
    return files;
}

void load_settings(const sdk::context& ctx, kubelet_facts& facts, const located_flags* flags,
                   const std::optional<std::string>& config_dir) {
    std::optional<located_config> file;
    if (facts.config_path) {
        auto loaded = load_kubelet_config(ctx, *facts.config_path);
        if (!loaded) {
            facts.settings_error =
                "cannot evaluate the kubelet configuration: " + loaded.error().message;
            return;
        }
        file = loaded.value();
    }

    std::vector<located_config> drop_ins;
    if (config_dir) {
        auto paths = list_config_drop_ins(ctx, *config_dir);
        if (!paths) {
            facts.settings_error =
                "cannot evaluate the kubelet configuration: " + paths.error().message;
            return;
        }
        facts.drop_in_paths = paths.value();
        for (const auto& path : facts.drop_in_paths) {
            facts.evidence.push_back({"kubelet config drop-in", path});
            auto loaded = load_kubelet_config(ctx, path);
            if (!loaded) {
                facts.settings_error =
                    "cannot evaluate the kubelet configuration: " + loaded.error().message;
                return;
            }
            drop_ins.push_back(loaded.value());
        }
    }
    facts.settings = resolve_kubelet_settings(file ? &*file : nullptr, drop_ins, flags);
}

void use_command_line(const sdk::context& ctx, kubelet_facts& facts,
                      const std::vector<std::string>& args) {
    auto flags = parse_kubelet_flags(args);
    if (!flags) {
        facts.settings_error = "cannot evaluate the kubelet command line (" +
                               *facts.command_line_source + "): " + flags.error().message;
        return;
    }
    const kubelet_flags& f = flags.value();
    if (f.config) {
        facts.config_path = absolute_path(f.config->value);
        facts.evidence.push_back(
            {"kubelet config", *facts.config_path + " (" + f.config->text + ")"});
    }
    std::optional<std::string> config_dir;
    if (f.config_dir && !f.config_dir->value.empty())
        config_dir = absolute_path(f.config_dir->value);
    if (f.kubeconfig && !f.kubeconfig->value.empty()) {
        facts.kubeconfig_path = absolute_path(f.kubeconfig->value);
    } else {
        facts.standalone = true;
    }
    if (f.bootstrap_kubeconfig) facts.bootstrap_flag = f.bootstrap_kubeconfig->text;
    if (f.hostname_override) facts.hostname_override = f.hostname_override->text;
    for (const auto& word : f.positional) {
        facts.evidence.push_back({"kubelet command line", "argument ignored: " + word});
    }

    located_flags located{*facts.command_line_source, f};
    load_settings(ctx, facts, &located, config_dir);
}

bool use_known_layout(const sdk::context& ctx, kubelet_facts& facts) {
    for (const auto& layout : known_layouts) {
        if (!ctx.stat(layout.config)) continue;
        facts.config_path = layout.config;
        facts.kubeconfig_path = layout.kubeconfig;
        facts.evidence.push_back({"kubelet config", std::string(layout.config) + " (the " +
                                                        layout.name +
                                                        " layout; no kubelet command line found)"});
        load_settings(ctx, facts, nullptr, std::nullopt);
        return true;
    }
    return false;
}

}  // namespace

kubelet_facts discover_kubelet(const sdk::context& ctx) {
    kubelet_facts facts;
    kubelet_unit unit = read_kubelet_unit(ctx);
    if (unit.exec_file) {
        facts.service_file = unit.exec_file;
    } else {
        facts.service_not_found_reason =
            "no ExecStart= for the kubelet in " + describe_unit_search();
    }

    if (auto process = find_kubelet_process(ctx)) {
        facts.found = true;
        facts.command_line_source = process->source;
        facts.evidence.push_back({"kubelet command line", process->source});
        if (process->others > 0) {
            facts.evidence.push_back(
                {"/proc", std::to_string(process->others) + " more kubelet processes ignored"});
        }
        use_command_line(ctx, facts, process->args);
        return facts;
    }

    if (unit.exec_file) {
        facts.found = true;
        facts.command_line_source =
            "ExecStart= in " + *unit.exec_file + " line " + std::to_string(unit.exec_line);
        facts.evidence.push_back({"kubelet command line", *facts.command_line_source});
        for (const auto& name : unit.unresolved) {
            facts.evidence.push_back({*unit.exec_file, "$" + name + " is not set by the unit"});
        }
        if (!unit.error.empty()) {
            facts.settings_error = "cannot evaluate the kubelet command line (" +
                                   *facts.command_line_source + "): " + unit.error;
            return facts;
        }
        use_command_line(ctx, facts, unit.args);
        return facts;
    }

    if (use_known_layout(ctx, facts)) {
        facts.found = true;
        return facts;
    }

    facts.not_found_reason = "no kubelet configuration found: no kubelet process in /proc, " +
                             facts.service_not_found_reason + ", and none of " +
                             describe_layout_search();
    return facts;
}

}  // namespace scanner::kubernetes_worker
