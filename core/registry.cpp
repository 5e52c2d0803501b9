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

// Whether stopping at the first problem (loading) or going on to find them all (auditing).
enum class problem_limit { first, all };

// A plugin on its way in: what add() commits, or what audit() hands back.
struct admission {
    plugin_record record;
    std::vector<registered_check> checks;
    std::vector<std::string> problems;
    bool initialized = false;  // init returned 0, so its shutdown is owed
};

// init may be called only on a descriptor that is complete for an ABI this host speaks.
bool initializable(const scanner_plugin_descriptor* d, abi_version host) {
    return d != nullptr && SCANNER_HAS_FIELD(d, scanner_plugin_descriptor, shutdown) &&
           d->abi_major == host.major && d->abi_minor <= host.minor && d->init != nullptr;
}

plugin_record make_record(const scanner_plugin_descriptor* d, const std::string& file,
                          std::shared_ptr<void> library) {
    auto text = [](const char* s) { return s != nullptr ? std::string(s) : std::string(); };
    plugin_record record;
    record.id = text(d->id);
    record.name = text(d->name);
    record.version = text(d->version);
    record.vendor = text(d->vendor);
    if (d->aliases != nullptr) {
        for (const char* const* a = d->aliases; *a != nullptr; ++a) record.aliases.emplace_back(*a);
    }
    record.abi_major = d->abi_major;
    record.abi_minor = d->abi_minor;
    record.file = file;
    record.shutdown = d->shutdown;
    record.library = std::move(library);
    return record;
}

// The plugin's id or aliases that plugins already accepted use, per plugin in load order.
std::vector<std::string> name_collisions(const std::vector<plugin_record>& loaded,
                                         const plugin_record& record) {
    std::vector<std::string> problems;
    std::set<std::string> new_names{record.id};
    new_names.insert(record.aliases.begin(), record.aliases.end());
    for (const auto& other : loaded) {
        if (other.id == record.id) {
            problems.push_back("duplicate plugin id '" + record.id + "' (already loaded from " +
                               other.file + ")");
            continue;
        }
        std::set<std::string> other_names{other.id};
        other_names.insert(other.aliases.begin(), other.aliases.end());
        for (const auto& name : new_names) {
            if (other_names.count(name) != 0) {
                problems.push_back("plugin name '" + name + "' is already used by plugin '" +
                                   other.id + "'");
            }
        }
    }
    return problems;
}

// Validates, then runs init and validates what it registered. With problem_limit::first the
// result holds at most the first problem, exactly as loading reports it.
admission admit(const registry& owner, const scanner_plugin_descriptor* d, const std::string& file,
                std::shared_ptr<void> library, problem_limit limit) {
    admission a;
    // In problem_limit::first, keeps only the first problem and says whether to stop there.
    auto stop = [&] {
        if (limit == problem_limit::first && a.problems.size() > 1) a.problems.resize(1);
        return limit == problem_limit::first && !a.problems.empty();
    };
    a.problems = descriptor_problems(d, host_abi);
    if (stop() || !initializable(d, host_abi)) return a;

    a.record = make_record(d, file, std::move(library));
    auto collisions = name_collisions(owner.plugins(), a.record);
    a.problems.insert(a.problems.end(), collisions.begin(), collisions.end());
    if (stop()) return a;

    pending_plugin pending{&owner, a.record.id, a.record.version, {}, {}};
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
        a.problems.emplace_back("plugin init threw an exception");
        return a;
    }
    a.initialized = rc == 0;
    if (rc != 0) a.problems.push_back("plugin init failed with code " + std::to_string(rc));
    if (limit == problem_limit::first && !pending.problems.empty()) {
        std::string reason = pending.problems.front();
        if (pending.problems.size() > 1) {
            reason += " (and " + std::to_string(pending.problems.size() - 1) + " more problems)";
        }
        a.problems.push_back(std::move(reason));
    } else {
        a.problems.insert(a.problems.end(), pending.problems.begin(), pending.problems.end());
    }
    if (rc == 0 && pending.problems.empty() && pending.checks.empty()) {
        a.problems.emplace_back("plugin registered no checks");
    }
    a.checks = std::move(pending.checks);
    stop();
    return a;
}

}  // namespace

std::vector<std::string> descriptor_problems(const scanner_plugin_descriptor* d, abi_version host) {
    if (d == nullptr) return {"entry function returned no descriptor"};
    if (!SCANNER_HAS_FIELD(d, scanner_plugin_descriptor, abi_minor)) {
        return {"descriptor is too small (struct_size " + std::to_string(d->struct_size) + ")"};
    }
    std::string host_text = version_text(host.major, host.minor);
    std::string plugin = version_text(d->abi_major, d->abi_minor);
    if (d->abi_major != host.major) {
        return {"plugin ABI " + plugin + " has a different major version than this scanner's ABI " +
                host_text};
    }
    std::vector<std::string> problems;
    if (d->abi_minor > host.minor) {
        problems.push_back("plugin ABI " + plugin + " is newer than this scanner's ABI " +
                           host_text + "; upgrade the scanner");
    }
    // Every 1.x descriptor holds at least the fields of 1.0; later fields are read only when
    // struct_size covers them.
    if (!SCANNER_HAS_FIELD(d, scanner_plugin_descriptor, shutdown)) {
        problems.push_back("descriptor is too small for ABI " + plugin + " (struct_size " +
                           std::to_string(d->struct_size) + ")");
        return problems;
    }
    if (!valid_token(d->id, false))
        problems.emplace_back("plugin id must be 1-64 characters of a-z 0-9 -");
    if (!present(d->name)) problems.emplace_back("plugin name is missing");
    if (!present(d->version)) problems.emplace_back("plugin version is missing");
    if (!present(d->vendor)) problems.emplace_back("plugin vendor is missing");
    if (d->init == nullptr) problems.emplace_back("plugin init function is missing");
    if (d->aliases != nullptr) {
        std::size_t count = 0;
        for (const char* const* a = d->aliases; *a != nullptr; ++a) {
            if (++count > 16) {
                problems.emplace_back("plugin declares more than 16 aliases");
                break;
            }
            if (!valid_token(*a, false)) {
                problems.emplace_back("plugin alias must be 1-64 characters of a-z 0-9 -");
                break;
            }
        }
    }
    return problems;
}

std::optional<std::string> validate_descriptor(const scanner_plugin_descriptor* d,
                                               abi_version host) {
    auto problems = descriptor_problems(d, host);
    if (problems.empty()) return std::nullopt;
    return std::move(problems.front());
}

std::optional<std::string> registry::add(const scanner_plugin_descriptor* d,
                                         const std::string& file, std::shared_ptr<void> library) {
    auto a = admit(*this, d, file, std::move(library), problem_limit::first);
    if (!a.problems.empty()) {
        if (a.initialized && a.record.shutdown != nullptr) a.record.shutdown();
        return std::move(a.problems.front());
    }

    a.record.check_count = a.checks.size();
    for (auto& c : a.checks) {
        c.plugin = plugins_.size();
        checks_.push_back(std::move(c));
    }
    plugins_.push_back(std::move(a.record));
    return std::nullopt;
}

plugin_audit registry::audit(const scanner_plugin_descriptor* d, const std::string& file,
                             std::shared_ptr<void> library) const {
    auto a = admit(*this, d, file, std::move(library), problem_limit::all);
    plugin_audit audit;
    if (a.initialized && a.record.shutdown != nullptr) {
        // The guard holds the library too, so the code of shutdown is still mapped when called.
        audit.shutdown_guard = std::shared_ptr<void>(
            nullptr,
            [shutdown = a.record.shutdown, library = a.record.library](void*) { shutdown(); });
    }
    audit.initialized = a.initialized;
    a.record.check_count = a.checks.size();
    audit.plugin = std::move(a.record);
    audit.checks = std::move(a.checks);
    audit.problems = std::move(a.problems);
    return audit;
}

registry::~registry() {
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) {
        if (it->shutdown != nullptr) it->shutdown();
    }
}

}  // namespace scanner::core
