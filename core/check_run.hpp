// Running one registered check: the C context a plugin sees, bridged to the target.
#ifndef SCANNER_CORE_CHECK_RUN_HPP
#define SCANNER_CORE_CHECK_RUN_HPP

#include "core/check.hpp"
#include "core/registry.hpp"
#include "core/target.hpp"

namespace scanner::core {

/// Calls the check's run function with a context over `t` and returns what it reported: the
/// first report counts. A check that never reports, or reports an invalid status, yields ERROR.
check_result run_check(const registered_check& check, const target& t);

}  // namespace scanner::core

#endif
