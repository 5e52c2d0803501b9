// Reading and parsing KubeletConfiguration files on the target.
#ifndef SCANNER_KUBERNETES_WORKER_CONFIG_LOADER_HPP
#define SCANNER_KUBERNETES_WORKER_CONFIG_LOADER_HPP

#include <scanner/plugin.hpp>

#include <string>
#include <vector>

#include "logic/kubelet_settings.hpp"
#include "logic/parse_result.hpp"

namespace scanner::kubernetes_worker {

/// Reads and parses the KubeletConfiguration at `path`. The error says what failed in a
/// sentence naming the file: "cannot read /x: No such file or directory", "/x line 3:
/// authentication.anonymous.enabled must be a boolean ...". Parsed files are remembered by
/// content, so the checks of one scan parse a large file once.
parse_result<located_config> load_kubelet_config(const sdk::context& ctx, const std::string& path);

/// The drop-in files of a --config-dir, as the kubelet walks it: every `*.conf` file, entries
/// in name order, subdirectories where they sort. An unreadable directory is an error.
parse_result<std::vector<std::string>> list_config_drop_ins(const sdk::context& ctx,
                                                            const std::string& directory);

}  // namespace scanner::kubernetes_worker

#endif
