// A temporary root tree for tests: files are written at target paths ("/etc/chrony.conf") and
// the whole tree is removed when the fixture goes out of scope.
#ifndef SCANNER_TESTS_FIXTURE_ROOT_HPP
#define SCANNER_TESTS_FIXTURE_ROOT_HPP

#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace scanner::testing {

class fixture_root {
  public:
    fixture_root();
    ~fixture_root();
    fixture_root(const fixture_root&) = delete;
    fixture_root& operator=(const fixture_root&) = delete;

    /// The directory to pass as --root.
    const std::filesystem::path& path() const { return path_; }

    /// Where `target_path` ("/etc/x") lives on the host.
    std::filesystem::path host_path(std::string_view target_path) const;

    /// Writes a file (creating parent directories), then sets its mode exactly.
    void write(std::string_view target_path, std::string_view content, mode_t mode = 0644) const;
    void mkdir(std::string_view target_path, mode_t mode = 0755) const;
    /// Creates a symlink at `target_path` whose content is `link_content`, verbatim.
    void symlink(std::string_view target_path, std::string_view link_content) const;
    void mkfifo(std::string_view target_path) const;
    void chown(std::string_view target_path, uid_t uid, gid_t gid) const;
    void chmod(std::string_view target_path, mode_t mode) const;

  private:
    std::filesystem::path path_;
};

}  // namespace scanner::testing

#endif
