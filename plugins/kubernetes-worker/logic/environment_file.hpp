// The files systemd's EnvironmentFile= names: KEY=VALUE lines.
#ifndef SCANNER_KUBERNETES_WORKER_ENVIRONMENT_FILE_HPP
#define SCANNER_KUBERNETES_WORKER_ENVIRONMENT_FILE_HPP

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scanner::kubernetes_worker {

/// The assignments of an environment file, in order. Blank lines and lines starting with `#`
/// or `;` are skipped; a value in single or double quotes loses its quotes (in double quotes
/// `\"`, `\\`, `\$` and `` \` `` are unescaped); an unquoted value is trimmed, and a trailing
/// backslash joins the next line. Lines without `=` are ignored, as systemd ignores them.
std::vector<std::pair<std::string, std::string>> parse_environment_file(std::string_view text);

}  // namespace scanner::kubernetes_worker

#endif
