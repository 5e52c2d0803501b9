// Writing the report where the user asked, never leaving half a file behind.
#ifndef SCANNER_HOST_REPORT_OUTPUT_HPP
#define SCANNER_HOST_REPORT_OUTPUT_HPP

#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace scanner::host {

/// A report destination: stdout, or a file written under a temporary name and renamed into
/// place on commit. Destroying it uncommitted removes the temporary file.
class report_output {
  public:
    /// Prepares `path` (empty: stdout) before the scan runs, so an unwritable destination is a
    /// usage error before any work. Returns the reason it cannot be written on failure.
    static std::variant<std::unique_ptr<report_output>, std::string> open(const std::string& path);
    ~report_output();
    report_output(const report_output&) = delete;
    report_output& operator=(const report_output&) = delete;

    /// Writes `content` and puts it in place; returns the reason on failure.
    std::optional<std::string> commit(const std::string& content);

  private:
    report_output(std::string path, std::string temp_path, int fd);

    std::string path_;
    std::string temp_path_;
    int fd_;
};

}  // namespace scanner::host

#endif
