// Small reads of the target shared by the checks.
#ifndef SCANNER_KUBERNETES_WORKER_TARGET_FILES_HPP
#define SCANNER_KUBERNETES_WORKER_TARGET_FILES_HPP

#include <scanner/plugin.hpp>

#include <string>

#include "logic/permission_judges.hpp"

namespace scanner::kubernetes_worker {

/// stat(2) of `path` on the target, following symlinks; a failure is kept in the result.
file_facts stat_file(const sdk::context& ctx, const std::string& path);

/// True when the target's /etc/os-release (or /usr/lib/os-release) says ID=bottlerocket.
bool is_bottlerocket(const sdk::context& ctx);

/// `path` made absolute against "/", the working directory systemd gives a service.
std::string absolute_path(const std::string& path);

}  // namespace scanner::kubernetes_worker

#endif
