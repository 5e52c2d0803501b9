// Running a program without a shell, with a deadline and bounded output.
#ifndef SCANNER_CORE_COMMAND_HPP
#define SCANNER_CORE_COMMAND_HPP

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/io_result.hpp"

namespace scanner::core {

struct command_output {
    int exit_status = 0;  // exit code, or 128 + signal number
    std::string out;
    std::string err;
};

struct command_limits {
    std::chrono::milliseconds timeout{10'000};
    std::size_t max_output = 16u << 20;  // per stream; the rest is read and dropped
};

/// Runs argv[0] (an absolute path) with stdin on /dev/null and only `env` as its environment.
/// Fails with ETIMEDOUT after killing the program's process group when the timeout passes, and
/// with the errno of posix_spawn when the program cannot be started.
io_result<command_output> run_command(const std::vector<std::string>& argv,
                                      const std::vector<std::string>& env,
                                      const command_limits& limits);

}  // namespace scanner::core

#endif
