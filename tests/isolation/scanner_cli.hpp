// Running the scanner executable from the tests: an installed layout in a temporary prefix that
// holds exactly the plugins a test names, and helpers to read what it printed.
#ifndef SCANNER_TESTS_ISOLATION_SCANNER_CLI_HPP
#define SCANNER_TESTS_ISOLATION_SCANNER_CLI_HPP

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/command.hpp"
#include "tests/support/fixture_root.hpp"

namespace scanner::testing {

/// <prefix>/bin/scanner with the given plugin files copied to <prefix>/lib/scanner/plugins.
class installed_scanner {
  public:
    explicit installed_scanner(const std::vector<std::filesystem::path>& plugin_files);

    /// Runs the scanner with `args` and only PATH in its environment; fails the test when it
    /// does not end within `timeout`.
    core::command_output run(std::vector<std::string> args,
                             std::chrono::seconds timeout = std::chrono::seconds(60)) const;

  private:
    fixture_root prefix_;
};

/// Every check result of a JSON report by check name; fails the test when `out` is not one JSON
/// document.
std::map<std::string, nlohmann::json> results_by_name(const std::string& out);

/// True when `text` is well-formed UTF-8.
bool valid_utf8(std::string_view text);

/// The number of result lines ("[PASS] 1.1 ...") of a text report.
std::size_t text_result_lines(const std::string& text);

}  // namespace scanner::testing

#endif
