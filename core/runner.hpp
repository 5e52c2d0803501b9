// Runners execute the selected checks; a process-isolating runner can replace the threaded one.
#ifndef SCANNER_CORE_RUNNER_HPP
#define SCANNER_CORE_RUNNER_HPP

#include <vector>

#include "core/check.hpp"
#include "core/registry.hpp"
#include "core/target.hpp"

namespace scanner::core {

class runner {
  public:
    virtual ~runner() = default;
    /// Runs every check of `checks` against `t`; result i belongs to checks[i].
    virtual std::vector<check_result> run(const registry& plugins,
                                          const std::vector<const registered_check*>& checks,
                                          const target& t) = 0;
};

/// Runs different plugins on different threads and the checks of one plugin one after another,
/// as the ABI promises plugins that calls into them are never concurrent.
class threaded_runner final : public runner {
  public:
    std::vector<check_result> run(const registry& plugins,
                                  const std::vector<const registered_check*>& checks,
                                  const target& t) override;
};

}  // namespace scanner::core

#endif
