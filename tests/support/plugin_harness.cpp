#include "tests/support/plugin_harness.hpp"

#include <stdexcept>

#include "core/registry.hpp"
#include "core/runner.hpp"
#include "core/target.hpp"
#include "host/plugin_loader.hpp"

namespace scanner::testing {

std::map<std::string, outcome> run_plugin(const std::filesystem::path& plugin_file,
                                          const std::filesystem::path& root) {
    core::registry reg;
    host::trust_policy policy;
    policy.check_ownership = false;
    if (auto reason = host::load_plugin(reg, plugin_file, policy)) {
        throw std::runtime_error("cannot load plugin " + plugin_file.string() + ": " + *reason);
    }
    auto target = core::target::open(root.string());
    if (!target) {
        throw std::runtime_error("cannot open root " + root.string() + ": " +
                                 core::errno_message(target.error));
    }

    std::vector<const core::registered_check*> checks;
    for (const auto& c : reg.checks()) checks.push_back(&c);
    core::threaded_runner runner;
    auto results = runner.run(reg, checks, *target.value);

    std::map<std::string, outcome> outcomes;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        outcome o{checks[i]->info, results[i]};
        outcomes[o.info.id] = o;
        outcomes[o.info.name] = std::move(o);
    }
    return outcomes;
}

}  // namespace scanner::testing
