#include "core/selection.hpp"

#include <algorithm>
#include <set>

namespace scanner::core {

namespace {

bool plugin_matches(const plugin_record& p, const std::string& wanted) {
    return p.id == wanted ||
           std::find(p.aliases.begin(), p.aliases.end(), wanted) != p.aliases.end();
}

bool check_matches(const registered_check& c, const std::string& wanted) {
    return c.info.name == wanted || c.info.id == wanted;
}

// The first of `wanted` that matches no check at all, if any.
const std::string* unknown_check(const registry& reg, const std::vector<std::string>& wanted) {
    for (const auto& w : wanted) {
        auto matches = [&](const registered_check& c) { return check_matches(c, w); };
        if (std::none_of(reg.checks().begin(), reg.checks().end(), matches)) return &w;
    }
    return nullptr;
}

bool any_matches(const registered_check& c, const std::vector<std::string>& wanted) {
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](const std::string& w) { return check_matches(c, w); });
}

}  // namespace

std::variant<std::vector<selected_check>, std::string> select_checks(
    const registry& reg, const selection_options& options) {
    std::set<std::size_t> plugins;
    for (const auto& wanted : options.plugins) {
        bool found = false;
        for (std::size_t i = 0; i < reg.plugins().size(); ++i) {
            if (plugin_matches(reg.plugins()[i], wanted)) {
                plugins.insert(i);
                found = true;
            }
        }
        if (!found) {
            return "unknown plugin '" + wanted + "'; 'scanner plugins' lists the loaded ones";
        }
    }
    if (options.level < 1 || options.level > 2) {
        return "level " + std::to_string(options.level) + " is invalid; use 1 or 2";
    }
    if (const auto* w = unknown_check(reg, options.checks)) {
        return "unknown check '" + *w + "'; 'scanner list --level 2' lists the checks";
    }
    if (const auto* w = unknown_check(reg, options.skips)) {
        return "unknown check '" + *w + "'; 'scanner list --level 2' lists the checks";
    }

    std::vector<selected_check> selected;
    for (const auto& c : reg.checks()) {
        if (!plugins.empty() && plugins.count(c.plugin) == 0) continue;
        if (options.checks.empty() ? c.info.level > options.level
                                   : !any_matches(c, options.checks)) {
            continue;
        }
        selected.push_back({&c, any_matches(c, options.skips)});
    }
    return selected;
}

}  // namespace scanner::core
