#include "tests/isolation/scanner_cli.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace fs = std::filesystem;

namespace scanner::testing {

installed_scanner::installed_scanner(const std::vector<fs::path>& plugin_files) {
    prefix_.mkdir("/bin");
    prefix_.mkdir("/lib/scanner/plugins");
    fs::copy_file(SCANNER_EXE, prefix_.host_path("/bin/scanner"));
    for (const auto& file : plugin_files) {
        fs::copy_file(file, prefix_.host_path("/lib/scanner/plugins") / file.filename());
    }
}

core::command_output installed_scanner::run(std::vector<std::string> args,
                                            std::chrono::seconds timeout) const {
    args.insert(args.begin(), prefix_.host_path("/bin/scanner").string());
    core::command_limits limits;
    limits.timeout = timeout;
    // The sanitizers' options must reach the scanner in sanitizer builds.
    std::vector<std::string> env{"PATH=/usr/bin:/bin"};
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (const char* value = std::getenv(name)) env.push_back(std::string(name) + "=" + value);
    }
    auto r = core::run_command(args, env, limits);
    REQUIRE_MESSAGE(
        r, "cannot run the scanner, or it did not end in time: " << core::errno_message(r.error));
    return r.value;
}

std::map<std::string, nlohmann::json> results_by_name(const std::string& out) {
    auto doc = nlohmann::json::parse(out, nullptr, false);
    REQUIRE_MESSAGE(!doc.is_discarded(), "stdout is not one JSON document: " << out.substr(0, 300));
    std::map<std::string, nlohmann::json> results;
    for (const auto& benchmark : doc.at("benchmarks")) {
        for (const auto& [name, result] : benchmark.at("results").items()) results[name] = result;
    }
    return results;
}

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80           ? 1
                             : (byte >> 5) == 0x6  ? 2
                             : (byte >> 4) == 0xe  ? 3
                             : (byte >> 3) == 0x1e ? 4
                                                   : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
        }
        i += length;
    }
    return true;
}

std::size_t text_result_lines(const std::string& text) {
    std::istringstream in(text);
    std::size_t count = 0;
    for (std::string line; std::getline(in, line);) {
        for (const char* tag : {"[PASS] ", "[FAIL] ", "[SKIP] ", "[ERROR] "}) {
            if (line.rfind(tag, 0) == 0) ++count;
        }
    }
    return count;
}

}  // namespace scanner::testing
