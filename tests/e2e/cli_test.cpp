// The scanner executable end to end: an installed layout in a temporary prefix, the fixture
// plugins in its plugin directory, fixture roots, and every exit code.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/command.hpp"
#include "tests/support/fixture_root.hpp"

namespace fs = std::filesystem;
using scanner::testing::fixture_root;

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// <prefix>/bin/scanner with the healthy fixture plugins in <prefix>/lib/scanner/plugins.
struct installed_scanner {
    fixture_root prefix;
    fs::path exe = prefix.host_path("/bin/scanner");
    fs::path plugin_dir = prefix.host_path("/lib/scanner/plugins");

    installed_scanner() {
        prefix.mkdir("/bin");
        prefix.mkdir("/lib/scanner/plugins");
        fs::copy_file(SCANNER_EXE, exe);
        for (const char* name : {"demo.so", "other.so"}) {
            fs::copy_file(fs::path(FIXTURE_PLUGIN_DIR) / "good" / name, plugin_dir / name);
        }
    }

    scanner::core::command_output run(std::vector<std::string> args,
                                      std::vector<std::string> env = {}) const {
        args.insert(args.begin(), exe.string());
        env.push_back("PATH=/usr/bin:/bin");
        scanner::core::command_limits limits;
        limits.timeout = std::chrono::seconds(30);
        auto r = scanner::core::run_command(args, env, limits);
        REQUIRE_MESSAGE(r, "cannot run " << exe);
        return r.value;
    }
};

// A root on which every demo check passes at level 2.
void write_compliant(const fixture_root& root) {
    root.write("/etc/demo/value", "ok\n");
    root.write("/etc/demo/secret", "s", 0600);
    root.write("/proc/sys/kernel/randomize_va_space", "2\n");
    root.write("/etc/hostname", "node-1\n");
}

std::string without_start_time(std::string text) {
    const std::string label = "Start time:      ";
    for (std::size_t at = text.find(label); at != std::string::npos;
         at = text.find(label, at + 1)) {
        std::size_t end = text.find('\n', at);
        text.replace(at + label.size(), end - at - label.size(), "<timestamp>");
    }
    return text;
}

}  // namespace

TEST_CASE("a compliant root: the text report equals the golden file, exit 0") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    auto r = s.run({"--plugins", "demo", "--level", "2", "--root", root.path().string()});
    CHECK(r.exit_status == 0);
    CHECK(r.err.empty());
    CHECK(without_start_time(r.out) == read_text(fs::path(GOLDEN_DIR) / "demo-level2.txt"));
}

TEST_CASE("a FAIL gives exit 1, an ERROR without FAIL exit 3") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    root.write("/etc/demo/value", "bad\n");
    auto failing = s.run({"--plugins", "dm", "--root", root.path().string()});
    CHECK(failing.exit_status == 1);
    CHECK(failing.out.find("[FAIL] 1.1       Ensure the demo value is ok (Automatic)\n") !=
          std::string::npos);
    CHECK(failing.out.find("Compliance check result: FAIL\n") != std::string::npos);

    fs::remove(root.host_path("/etc/demo/value"));
    auto incomplete = s.run({"--plugins", "demo", "--root", root.path().string()});
    CHECK(incomplete.exit_status == 3);
    CHECK(incomplete.out.find("[ERROR] 1.1 ") != std::string::npos);
    CHECK(incomplete.out.find("Errors:          1\n") != std::string::npos);
    CHECK(incomplete.out.find("Compliance check result: ERROR\n") != std::string::npos);
}

TEST_CASE("checks that break the rules are contained: ERROR with the reason, exit 3") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    auto r = s.run(
        {"--plugins", "other", "--level", "2", "--format", "json", "--root", root.path().string()});
    CHECK(r.exit_status == 3);
    auto results = nlohmann::json::parse(r.out)["benchmarks"][0]["results"];
    CHECK(results["other01"]["status"] == "PASS");
    CHECK(results["other02"]["status"] == "ERROR");
    CHECK(results["other02"]["reason"] == "check threw an exception: simulated parser failure");
    CHECK(results["other03"]["status"] == "ERROR");
    CHECK(results["other03"]["reason"] == "check 'other03' returned without reporting a result");
}

TEST_CASE("usage and input errors: one line on stderr, exit 2, no report") {
    installed_scanner s;
    fixture_root root;
    struct usage_case {
        const char* description;
        std::vector<std::string> args;
        const char* message;
    };
    const std::string r = root.path().string();
    const usage_case cases[] = {
        {"unknown plugin", {"--plugins", "nope", "--root", r}, "unknown plugin 'nope'"},
        {"unknown check", {"--check", "7.7", "--root", r}, "unknown check '7.7'"},
        {"unknown skip", {"--skip", "7.7", "--root", r}, "unknown check '7.7'"},
        {"level out of range", {"--level", "3", "--root", r}, "--level"},
        {"level not a number", {"--level", "x", "--root", r}, "--level"},
        {"bad format", {"--format", "yaml", "--root", r}, "--format"},
        {"unknown flag", {"--frobnicate"}, "frobnicate"},
        {"missing root", {"--root", r + "/missing"}, "cannot open root"},
        {"missing plugin dir", {"--plugin-dir", r + "/missing"}, "does not exist"},
        {"unwritable output",
         {"--root", r, "--output", r + "/no/such/dir/report"},
         "cannot write report to"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.description);
        auto out = s.run(c.args);
        CHECK(out.exit_status == 2);
        CHECK(out.out.empty());
        CHECK(out.err.find(c.message) != std::string::npos);
    }
}

TEST_CASE("--check and --skip select what runs") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    auto only = s.run({"--check", "2.1", "--check", "other01", "--root", root.path().string()});
    CHECK(only.exit_status == 0);
    CHECK(only.out.find("[PASS] 2.1 ") != std::string::npos);
    CHECK(only.out.find("[PASS] 1 ") != std::string::npos);
    CHECK(only.out.find("1.1 ") == std::string::npos);

    root.write("/etc/demo/value", "bad\n");
    auto skipped = s.run({"--plugins", "demo", "--skip", "demo0101", "--format", "json", "--root",
                          root.path().string()});
    CHECK(skipped.exit_status == 0);
    auto result = nlohmann::json::parse(skipped.out)["benchmarks"][0]["results"]["demo0101"];
    CHECK(result["status"] == "SKIP");
    CHECK(result["reason"] == "deselected with --skip");
}

TEST_CASE("the JSON report records what each check read on the target") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    auto r = s.run({"--check", "demo0101", "--check", "demo0110", "--format", "json", "--root",
                    root.path().string()});
    auto results = nlohmann::json::parse(r.out)["benchmarks"][0]["results"];
    CHECK(results["demo0101"]["accesses"] ==
          nlohmann::json::array({"read /etc/demo/value: 3 bytes"}));
    CHECK(results["demo0101"]["evidence"][0]["observed"] == "ok");
    CHECK(results["demo0110"]["accesses"] ==
          nlohmann::json::array({"stat /etc/demo/feature: No such file or directory"}));
}

TEST_CASE("the JSON report validates against docs/report.schema.json") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    root.write("/etc/demo/value", "bad\n");
    auto report = root.host_path("/report.json");
    auto r = s.run({"--level", "2", "--format", "json", "--output", report.string(), "--root",
                    root.path().string()});
    CHECK(r.exit_status == 1);
    CHECK(r.out.empty());

    scanner::core::command_limits limits;
    auto validation = scanner::core::run_command(
        {"/usr/bin/python3", "-c",
         "import json, sys, jsonschema\n"
         "schema = json.load(open(sys.argv[1]))\n"
         "jsonschema.validate(json.load(open(sys.argv[2])), schema,\n"
         "                    format_checker=jsonschema.FormatChecker())\n",
         SCHEMA_FILE, report.string()},
        {"PATH=/usr/bin:/bin"}, limits);
    REQUIRE(validation);
    CHECK_MESSAGE(validation.value.exit_status == 0, validation.value.err);
}

TEST_CASE("a report file is complete or absent: no temporary file is left behind") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    auto report = root.host_path("/out/report.txt");
    root.mkdir("/out");
    auto r =
        s.run({"--plugins", "demo", "--output", report.string(), "--root", root.path().string()});
    CHECK(r.exit_status == 0);
    CHECK(read_text(report).find("Compliance check result: PASS\n") != std::string::npos);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(root.host_path("/out"))) {
        (void)e;
        ++files;
    }
    CHECK(files == 1);
}

TEST_CASE("each refused plugin gets one warning naming it and why; the others still run") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    // In the default directory, sorted by name: demo.so loads before duplicate_plugin.so.
    for (const auto& e : fs::directory_iterator(fs::path(FIXTURE_PLUGIN_DIR) / "refused")) {
        fs::copy_file(e.path(), s.plugin_dir / e.path().filename());
    }
    auto r = s.run({"--plugins", "demo", "--root", root.path().string()});
    CHECK(r.exit_status == 3);
    CHECK(r.out.find("Compliance check result: PASS\n") != std::string::npos);

    struct refusal {
        const char* file;
        const char* reason;
    };
    const refusal expected[] = {
        {"no_entry.so", "is not a scanner plugin: it exports no scanner_plugin_entry_v1"},
        {"abi_major.so",
         "plugin ABI 2.1 has a different major version than this scanner's ABI 1.1"},
        {"abi_minor_newer.so", "plugin ABI 1.2 is newer than this scanner's ABI 1.1"},
        {"missing_fields.so", "plugin vendor is missing"},
        {"duplicate_plugin.so", "duplicate plugin id 'demo'"},
        {"duplicate_check.so", "duplicate check name 'refused01'"},
        {"bad_level.so", "check 'refused01': level 3 is invalid (expected 1 or 2)"},
        {"bad_mode.so", "check 'refused01': mode 7 is invalid"},
        {"init_fails.so", "plugin init failed with code 5"},
    };
    for (const auto& e : expected) {
        std::string line = "scanner: warning: cannot load plugin " +
                           (s.plugin_dir / e.file).string() + ": " + e.reason;
        CAPTURE(line);
        CHECK(r.err.find(line) != std::string::npos);
    }
}

TEST_CASE("plugin files and directories others could change are refused") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    fixture_root unsafe;
    unsafe.mkdir("/open", 0777);
    fs::copy_file(fs::path(FIXTURE_PLUGIN_DIR) / "good" / "demo.so",
                  unsafe.host_path("/open/demo-copy.so"));
    unsafe.mkdir("/owned");
    fs::copy_file(fs::path(FIXTURE_PLUGIN_DIR) / "good" / "demo.so",
                  unsafe.host_path("/owned/demo-copy.so"));
    unsafe.chmod("/owned/demo-copy.so", 0664);

    auto writable_dir =
        s.run({"--plugin-dir", unsafe.host_path("/open").string(), "--root", root.path().string()});
    CHECK(writable_dir.err.find("its directory is writable by group or others (mode 0777)") !=
          std::string::npos);
    auto writable_file = s.run(
        {"--plugin-dir", unsafe.host_path("/owned").string(), "--root", root.path().string()});
    CHECK(writable_file.err.find("the file is writable by group or others (mode 0664)") !=
          std::string::npos);

    if (::geteuid() != 0) {
        MESSAGE("ownership case skipped: chown needs root");
        return;
    }
    unsafe.chmod("/owned/demo-copy.so", 0644);
    unsafe.chown("/owned/demo-copy.so", 4242, 4242);
    auto foreign = s.run(
        {"--plugin-dir", unsafe.host_path("/owned").string(), "--root", root.path().string()});
    CHECK(foreign.err.find("the file is owned by uid 4242, not by root or the scanning user") !=
          std::string::npos);
}

TEST_CASE("SCANNER_PLUGIN_PATH is searched after --plugin-dir and before the default") {
    installed_scanner s;
    fixture_root root;
    write_compliant(root);
    fs::remove(s.plugin_dir / "other.so");
    auto without = s.run({"plugins"});
    CHECK(without.out.find("other ") == std::string::npos);
    auto with = s.run({"plugins"}, {"SCANNER_PLUGIN_PATH=/nonexistent:" +
                                    (fs::path(FIXTURE_PLUGIN_DIR) / "good").string()});
    CHECK(with.out.find("\nother ") != std::string::npos);
    // demo.so exists in both; the one found first wins and the second is refused by id.
    CHECK(with.err.find("duplicate plugin id 'demo'") != std::string::npos);
}

TEST_CASE("list shows what would run; plugins shows what is loaded") {
    installed_scanner s;
    auto list = s.run({"list", "--level", "2", "--plugins", "demo", "--skip", "1.2"});
    CHECK(list.exit_status == 0);
    CHECK(list.out.find("demo               demo0201     2.1       2     Automatic Ensure the "
                        "demo secret is private\n") != std::string::npos);
    CHECK(list.out.find("[--skip]") != std::string::npos);
    CHECK(list.out.find("other") == std::string::npos);

    auto plugins = s.run({"plugins"});
    CHECK(plugins.exit_status == 0);
    CHECK(plugins.out.find("demo                 Demo checks                  1.2.3     scanner "
                           "tests    1.1       5  " +
                           (s.plugin_dir / "demo.so").string()) != std::string::npos);
}

TEST_CASE("with no plugins anywhere the scanner says where it looked") {
    installed_scanner s;
    fs::remove(s.plugin_dir / "demo.so");
    fs::remove(s.plugin_dir / "other.so");
    auto r = s.run({});
    CHECK(r.exit_status == 2);
    CHECK(r.err.find("no plugins found in " + s.plugin_dir.string()) != std::string::npos);
}

TEST_CASE("--help documents the exit codes; --version prints the version") {
    installed_scanner s;
    auto help = s.run({"--help"});
    CHECK(help.exit_status == 0);
    CHECK(help.out.find("3  incomplete") != std::string::npos);
    auto version = s.run({"--version"});
    CHECK(version.exit_status == 0);
    CHECK(version.out == "0.1.0\n");
}
