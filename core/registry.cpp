#include "core/registry.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <set>
#include <string_view>

namespace scanner::core {

namespace {

// Field `member` lies within what the other side filled in.
#define SCANNER_HAS_FIELD(ptr, type, member) \
    ((ptr)->struct_size >= offsetof(type, member) + sizeof((ptr)->member))

bool valid_token(const char* text, bool allow_upper_and_dot) {
    if (text == nullptr) return false;
    std::string_view s(text);
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [&](char c) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') return true;
        return allow_upper_and_dot && ((c >= 'A' && c <= 'Z') || c == '.' || c == '_');
    });
}

bool present(const char* text) { return text != nullptr && *text != '\0'; }

std::string version_text(uint32_t major, uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// Collects what init registers; nothing reaches the registry unless the plugin is accepted.
struct pending_plugin {
    const registry* owner;
    std::string plugin_id;
    std::string plugin_version;
    std::vector<registered_check> checks;
    std::vector<std::string> problems;
};

bool name_taken(const pending_plugin& p, const std::string& name) {
    auto same = [&](const registered_check& c) { return c.info.name == name; };
    return std::any_of(p.owner->checks().begin(), p.owner->checks().end(), same) ||
           std::any_of(p.checks.begin(), p.checks.end(), same);
}

bool id_taken(const pending_plugin& p, const benchmark_info& b, const std::string& id) {
    auto same = [&](const registered_check& c) { return c.info.id == id && c.info.benchmark == b; };
    return std::any_of(p.owner->checks().begin(), p.owner->checks().end(), same) ||
           std::any_of(p.checks.begin(), p.checks.end(), same);
}

std::optional<std::string> check_def_problem(const scanner_check_def* d) {
    if (d == nullptr || !SCANNER_HAS_FIELD(d, scanner_check_def, user_data)) {
        return "check definition is missing or too small for ABI 1.0";
    }
    std::string label = present(d->name) ? "check '" + std::string(d->name) + "'" : "a check";
    if (!valid_token(d->name, true)) {
        return label + ": name must be 1-64 characters of A-Z a-z 0-9 . _ -";
    }
    if (!present(d->id)) return label + ": id is missing";
    if (!present(d->title)) return label + ": title is missing";
    const scanner_benchmark* b = d->benchmark;
    if (b == nullptr || !SCANNER_HAS_FIELD(b, scanner_benchmark, url) || !present(b->name) ||
        !present(b->version)) {
        return label + ": benchmark name and version are required";
    }
    if (d->level < 1 || d->level > 2) {
        return label + ": level " + std::to_string(d->level) + " is invalid (expected 1 or 2)";
    }
    if (d->mode != SCANNER_MODE_AUTOMATIC && d->mode != SCANNER_MODE_MANUAL) {
        return label + ": mode " + std::to_string(d->mode) + " is invalid";
    }
    if (d->run == nullptr) return label + ": run function is missing";
    if (d->mode == SCANNER_MODE_AUTOMATIC && !present(d->remediation)) {
        return label + ": remediation is required for an automatic check";
    }
    return std::nullopt;
}

int32_t register_check(const scanner_host_api* host, const scanner_check_def* d) {
    auto* p = static_cast<pending_plugin*>(host->host_data);
    if (auto problem = check_def_problem(d)) {
        p->problems.push_back(*problem);
        return EINVAL;
    }
    registered_check c;
    c.info.name = d->name;
    c.info.id = d->id;
    c.info.title = d->title;
    c.info.benchmark = {d->benchmark->name, d->benchmark->version,
                        d->benchmark->url != nullptr ? d->benchmark->url : ""};
    c.info.level = d->level;
    c.info.mode = d->mode == SCANNER_MODE_MANUAL ? check_mode::manual : check_mode::automatic;
    c.info.remediation = d->remediation != nullptr ? d->remediation : "";
    c.info.plugin_id = p->plugin_id;
    c.info.plugin_version = p->plugin_version;
    c.run = d->run;
    c.user_data = d->user_data;
    if (name_taken(*p, c.info.name)) {
        p->problems.push_back("duplicate check name '" + c.info.name + "'");
        return EEXIST;
    }
    if (id_taken(*p, c.info.benchmark, c.info.id)) {
        p->problems.push_back("duplicate check id '" + c.info.id + "' in benchmark '" +
                              c.info.benchmark.name + "'");
        return EEXIST;
    }
    p->checks.push_back(std::move(c));
    return 0;
}

void plugin_log(const scanner_host_api* host, int32_t level, const char* message) {
    auto* p = static_cast<pending_plugin*>(host->host_data);
    std::string_view text = message != nullptr ? message : "";
    auto spd_level = level <= SCANNER_LOG_DEBUG  ? spdlog::level::debug
                     : level == SCANNER_LOG_INFO ? spdlog::level::info
                     : level == SCANNER_LOG_WARN ? spdlog::level::warn
                                                 : spdlog::level::err;
    spdlog::log(spd_level, "[{}] {}", p->plugin_id, text);
}

}  // namespace

std::optional<std::string> validate_descriptor(const scanner_plugin_descriptor* d) {
    if (d == nullptr) return "entry function returned no descriptor";
    if (!SCANNER_HAS_FIELD(d, scanner_plugin_descriptor, abi_minor)) {
        return "descriptor is too small (struct_size " + std::to_string(d->struct_size) + ")";
    }
    std::string host = version_text(SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR);
    std::string plugin = version_text(d->abi_major, d->abi_minor);
    if (d->abi_major != SCANNER_ABI_VERSION_MAJOR) {
        return "plugin ABI " + plugin + " has a different major version than this scanner's ABI " +
               host;
    }
    if (d->abi_minor > SCANNER_ABI_VERSION_MINOR) {
        return "plugin ABI " + plugin + " is newer than this scanner's ABI " + host +
               "; upgrade the scanner";
    }
    if (!SCANNER_HAS_FIELD(d, scanner_plugin_descriptor, shutdown)) {
        return "descriptor is too small for ABI " + plugin + " (struct_size " +
               std::to_string(d->struct_size) + ")";
    }
    if (!valid_token(d->id, false)) return "plugin id must be 1-64 characters of a-z 0-9 -";
    if (!present(d->name)) return "plugin name is missing";
    if (!present(d->version)) return "plugin version is missing";
    if (!present(d->vendor)) return "plugin vendor is missing";
    if (d->init == nullptr) return "plugin init function is missing";
    if (d->aliases != nullptr) {
        std::size_t count = 0;
        for (const char* const* a = d->aliases; *a != nullptr; ++a) {
            if (++count > 16) return "plugin declares more than 16 aliases";
            if (!valid_token(*a, false)) {
                return "plugin alias must be 1-64 characters of a-z 0-9 -";
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> registry::add(const scanner_plugin_descriptor* d,
                                         const std::string& file, std::shared_ptr<void> library) {
    if (auto problem = validate_descriptor(d)) return problem;

    plugin_record record;
    record.id = d->id;
    record.name = d->name;
    record.version = d->version;
    record.vendor = d->vendor;
    if (d->aliases != nullptr) {
        for (const char* const* a = d->aliases; *a != nullptr; ++a) record.aliases.emplace_back(*a);
    }
    record.abi_major = d->abi_major;
    record.abi_minor = d->abi_minor;
    record.file = file;
    record.shutdown = d->shutdown;
    record.library = std::move(library);

    std::set<std::string> new_names{record.id};
    new_names.insert(record.aliases.begin(), record.aliases.end());
    for (const auto& other : plugins_) {
        if (other.id == record.id) {
            return "duplicate plugin id '" + record.id + "' (already loaded from " + other.file +
                   ")";
        }
        std::set<std::string> other_names{other.id};
        other_names.insert(other.aliases.begin(), other.aliases.end());
        for (const auto& name : new_names) {
            if (other_names.count(name) != 0) {
                return "plugin name '" + name + "' is already used by plugin '" + other.id + "'";
            }
        }
    }

    pending_plugin pending{this, record.id, record.version, {}, {}};
    scanner_host_api host{};
    host.struct_size = sizeof host;
    host.host_data = &pending;
    host.abi_major = SCANNER_ABI_VERSION_MAJOR;
    host.abi_minor = SCANNER_ABI_VERSION_MINOR;
    host.host_version = scanner_version;
    host.register_check = &register_check;
    host.log = &plugin_log;

    int32_t rc = 0;
    try {
        rc = d->init(&host);
    } catch (...) {
        // Only reachable when a C++ plugin breaks the ABI rule; better refused than aborted.
        return std::string("plugin init threw an exception");
    }
    auto refuse = [&](std::string reason) -> std::optional<std::string> {
        if (rc == 0 && record.shutdown != nullptr) record.shutdown();
        return reason;
    };
    if (rc != 0) return refuse("plugin init failed with code " + std::to_string(rc));
    if (!pending.problems.empty()) {
        std::string reason = pending.problems.front();
        if (pending.problems.size() > 1) {
            reason += " (and " + std::to_string(pending.problems.size() - 1) + " more problems)";
        }
        return refuse(reason);
    }
    if (pending.checks.empty()) return refuse("plugin registered no checks");

    record.check_count = pending.checks.size();
    for (auto& c : pending.checks) {
        c.plugin = plugins_.size();
        checks_.push_back(std::move(c));
    }
    plugins_.push_back(std::move(record));
    return std::nullopt;
}

registry::~registry() {
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) {
        if (it->shutdown != nullptr) it->shutdown();
    }
}

}  // namespace scanner::core
