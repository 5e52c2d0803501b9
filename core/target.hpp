// The target system as checks see it: the live host, or a root directory that every path stays in.
#ifndef SCANNER_CORE_TARGET_HPP
#define SCANNER_CORE_TARGET_HPP

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/command.hpp"
#include "core/io_result.hpp"

namespace scanner::core {

struct dir_entry {
    std::string name;
    uint32_t type = 0;  // S_IFMT bits of the entry itself (links not followed)
};

class target {
  public:
    static constexpr uint64_t default_max_file_bytes = 16u << 20;
    static constexpr uint64_t default_max_dir_entries = 1'000'000;

    /// Opens the target rooted at `root`; "/" is the live host, anything else a root directory.
    static io_result<std::shared_ptr<const target>> open(const std::string& root);
    ~target();
    target(const target&) = delete;
    target& operator=(const target&) = delete;

    bool live() const { return live_; }
    const std::string& root() const { return root_; }

    /// Whole regular file at `path` (absolute on the target). EISDIR for a directory, EINVAL for
    /// any other non-regular file (never opened, so FIFOs and devices cannot block), EFBIG when
    /// larger than `max_bytes`.
    io_result<std::string> read_file(std::string_view path,
                                     uint64_t max_bytes = default_max_file_bytes) const;
    io_result<struct ::stat> stat(std::string_view path, bool follow) const;
    io_result<std::vector<dir_entry>> list_dir(
        std::string_view path, uint64_t max_entries = default_max_dir_entries) const;
    /// /proc/sys/<name with dots as slashes>, trailing newline removed.
    io_result<std::string> read_sysctl(std::string_view name) const;
    /// First column of /proc/modules, one name per line.
    io_result<std::string> loaded_modules() const;
    /// Runs a program on the live host; ENOTSUP for a root directory.
    io_result<command_output> run_command(const std::vector<std::string>& argv,
                                          std::chrono::milliseconds timeout) const;

  private:
    target(int root_fd, std::string root, bool live);
    io_result<int> open_in_root(std::string_view path, int flags) const;

    int root_fd_;
    std::string root_;
    bool live_;
};

}  // namespace scanner::core

#endif
