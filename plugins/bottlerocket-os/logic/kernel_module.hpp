// Whether a filesystem or protocol module is disabled the way the benchmark asks: modprobe is
// configured to run /bin/true (or /bin/false) instead of loading it, and it is not loaded now.
#ifndef BOTTLEROCKET_OS_KERNEL_MODULE_HPP
#define BOTTLEROCKET_OS_KERNEL_MODULE_HPP

#include <string>
#include <string_view>

#include "modprobe_config.hpp"
#include "verdict.hpp"

namespace bottlerocket_os {

/// What reading the loaded modules (/proc/modules) gave.
struct loaded_modules_reading {
    std::string text;
    int error = 0;
};

/// True when `module` is the name (first word) of a line of a /proc/modules listing; '-' and
/// '_' are alike, and dependents such as "crc_itu_t 16384 1 udf, Live" do not count.
bool module_loaded(std::string_view listing, std::string_view module);

/// Judges `module` into `out`: a FAIL when it is loaded or modprobe would load it, an unknown
/// when a configuration file or the loaded list could not be read (offline: absent).
void judge_module_disabled(std::string_view module, const module_policy& policy,
                           const loaded_modules_reading& loaded, bool live, findings& out);

}  // namespace bottlerocket_os

#endif
