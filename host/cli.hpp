// The command line: what the user asked for.
#ifndef SCANNER_HOST_CLI_HPP
#define SCANNER_HOST_CLI_HPP

#include <optional>
#include <string>
#include <vector>

#include "core/process_runner.hpp"
#include "core/selection.hpp"

namespace scanner::host {

enum class command { scan, list, plugins };

struct cli_options {
    command what = command::scan;
    core::selection_options selection;
    std::string format = "text";
    std::string output;  // empty: stdout
    std::string root = "/";
    std::vector<std::string> plugin_dirs;
    std::string isolation = "process";  // process: a worker per plugin; none: in-process
    core::isolation_limits limits;      // --timeout, --deadline, --memory-limit
    std::string verify_file;            // scanner plugins --verify FILE
    int verbosity = 0;                  // -1 quiet, 0 warnings, 1 info (-v), 2 debug (-vv)
};

/// Parses argv. Returns the options, or the exit code when parsing ended the run (0 after
/// --help or --version, 2 after a usage error, which has been printed).
std::variant<cli_options, int> parse_cli(int argc, char** argv);

}  // namespace scanner::host

#endif
