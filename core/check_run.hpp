// Running one registered check: the C context a plugin sees, bridged to the target.
#ifndef SCANNER_CORE_CHECK_RUN_HPP
#define SCANNER_CORE_CHECK_RUN_HPP

#include "core/check.hpp"
#include "core/registry.hpp"
#include "core/target.hpp"

namespace scanner::core {

/// A fresh scan id for the context's `scan_id`: non-zero, never repeated within this process.
/// A runner takes one per run() and hands the same id to every check of that run.
uint64_t new_scan_id();

/// Calls the check's run function with a context over `t` and returns what it reported: the
/// first report counts. A check that never reports, or reports an invalid status, yields ERROR.
check_result run_check(const registered_check& check, const target& t, uint64_t scan_id);

}  // namespace scanner::core

#endif
