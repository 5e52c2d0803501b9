#include "kernel_module.hpp"

#include <cerrno>
#include <cstring>

#include "text.hpp"

namespace bottlerocket_os {

namespace {

// Paths and rules come from the target and may be hostile: escaped before they reach a report.
std::string where(const modprobe_rule& rule) {
    return escaped(rule.path) + ":" + std::to_string(rule.line);
}

void judge_configuration(const std::string& name, const module_policy& policy, findings& out) {
    for (const auto& file : policy.unreadable) {
        out.unknown("cannot read " + escaped(file.path) + ": " + std::strerror(file.error) +
                    " (it may hold an install rule for " + name + ")");
    }

    if (policy.install) {
        const auto& rule = *policy.install;
        out.observe(where(rule), escaped("install " + rule.module + " " + rule.command));
        if (!policy.unreadable.empty()) return;
        if (!is_disabling_command(rule.command)) {
            out.fail("modprobe runs " + quoted(rule.command) + " for " + name + " (" + where(rule) +
                     "), expected /bin/true or /bin/false");
        }
        return;
    }

    for (const auto& rule : policy.blacklists)
        out.observe(where(rule), escaped("blacklist " + rule.module));
    if (!policy.unreadable.empty()) return;
    std::string reason = "modprobe for " + name + " is not disabled: no \"install " + name +
                         " /bin/true\" rule in /etc/modprobe.d, /run/modprobe.d, "
                         "/usr/lib/modprobe.d or /lib/modprobe.d";
    if (!policy.blacklists.empty()) {
        reason += " (blacklist in " + where(policy.blacklists.front()) +
                  " only stops loading by alias, not \"modprobe " + name + "\")";
    }
    out.fail(reason);
}

}  // namespace

bool module_loaded(std::string_view listing, std::string_view module) {
    const std::string wanted = normalize_module_name(module);
    for (auto line : split_lines(listing)) {
        auto words = split_words(line);
        if (!words.empty() && normalize_module_name(words.front()) == wanted) return true;
    }
    return false;
}

void judge_module_disabled(std::string_view module, const module_policy& policy,
                           const loaded_modules_reading& loaded, bool live, findings& out) {
    const std::string name(module);
    judge_configuration(name, policy, out);

    if (loaded.error == ENOENT && !live) {
        out.unknown("whether " + name +
                    " is loaded is only known on a live host (/proc/modules is absent under "
                    "the root)");
    } else if (loaded.error != 0) {
        out.unknown("cannot read /proc/modules: " + std::string(std::strerror(loaded.error)));
    } else if (module_loaded(loaded.text, module)) {
        out.observe("/proc/modules", name + " loaded");
        out.fail(name + " is currently loaded (/proc/modules)");
    } else {
        out.observe("/proc/modules", name + " not loaded");
    }
}

}  // namespace bottlerocket_os
