// scanner plugins --verify: every conformance problem of one plugin file, one line each.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "core/command.hpp"
#include "host/plugin_loader.hpp"
#include "host/plugin_verify.hpp"
#include "tests/support/fixture_root.hpp"

namespace fs = std::filesystem;
using namespace scanner;

namespace {

const fs::path fixture_dir = FIXTURE_PLUGINS_DIR;
const std::vector<fs::path> good_plugins = {fixture_dir / "good" / "demo.so",
                                            fixture_dir / "good" / "other.so"};

std::vector<std::string> problems_of(const fs::path& file,
                                     const std::vector<fs::path>& others = good_plugins) {
    return host::verify_plugin(file, others).problems;
}

using lines = std::vector<std::string>;

void run_nothing(const scanner_check_context*, void*) {}

// Registers two checks of an invalid level.
int32_t init_two_bad_checks(const scanner_host_api* host) {
    static const scanner_benchmark benchmark{sizeof benchmark, "Inline Benchmark", "v1", nullptr};
    scanner_check_def def{
        sizeof def, "bad1",       "1",    "Ensure one", &benchmark, 3, SCANNER_MODE_AUTOMATIC,
        "fix it",   &run_nothing, nullptr};
    host->register_check(host, &def);
    def.name = "bad2";
    def.id = "2";
    host->register_check(host, &def);
    return 0;
}

}  // namespace

TEST_CASE("each refused fixture: the refusal reason, and only that") {
    struct row {
        const char* file;
        lines problems;
    };
    const row rows[] = {
        {"no_entry.so", {"is not a scanner plugin: it exports no scanner_plugin_entry_v1"}},
        {"abi_major.so",
         {"plugin ABI 2.1 has a different major version than this scanner's ABI 1.1"}},
        {"abi_minor_newer.so",
         {"plugin ABI 1.2 is newer than this scanner's ABI 1.1; upgrade the scanner"}},
        {"missing_fields.so", {"plugin vendor is missing"}},
        // Its id is the demo plugin's, installed beside it.
        {"duplicate_plugin.so",
         {"duplicate plugin id 'demo' (already loaded from " +
          (fixture_dir / "good" / "demo.so").string() + ")"}},
        {"duplicate_check.so", {"duplicate check name 'refused01'"}},
        {"bad_level.so", {"check 'refused01': level 3 is invalid (expected 1 or 2)"}},
        {"bad_mode.so", {"check 'refused01': mode 7 is invalid"}},
        {"init_fails.so", {"plugin init failed with code 5"}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.file);
        CHECK(problems_of(fixture_dir / "refused" / r.file) == r.problems);
    }
}

TEST_CASE("the good fixtures: demo and the 1.0 plugin conform, other's broken checks show") {
    auto demo = host::verify_plugin(fixture_dir / "good" / "demo.so", good_plugins);
    CHECK(demo.problems.empty());
    CHECK(demo.plugin_id == "demo");
    CHECK(demo.check_count == 5);
    CHECK(problems_of(fixture_dir / "abi10" / "abi10.so").empty());
    CHECK(problems_of(fixture_dir / "good" / "other.so") ==
          lines{"check 'other02' threw an exception when run against an empty root (check threw "
                "an exception: simulated parser failure)",
                "check 'other03' returned without reporting a result on an empty root"});
}

TEST_CASE("a plugin with many problems: all of them, in order, where loading names the first") {
    CHECK(problems_of(NONCONFORMING_PLUGIN) ==
          lines{
              "plugin name is missing",
              "plugin vendor is missing",
              "check 'nc01': level 3 is invalid (expected 1 or 2)",
              "duplicate check name 'nc02'",
              "check 'nc04': remediation is required for an automatic check",
              "check 'nc03': remediation is missing",
              "check 'nc02' returned without reporting a result on an empty root",
              "check 'nc05' reported FAIL without a reason on an empty root",
              "check 'nc06' reported the invalid status 9",
          });
    // Normal loading is unchanged: the first problem alone refuses the plugin.
    core::registry reg;
    CHECK(host::load_plugin(reg, NONCONFORMING_PLUGIN, host::trust_policy{}) ==
          "plugin name is missing");
    CHECK(reg.plugins().empty());
}

TEST_CASE("audit lists invalid checks apart; loading still joins them in one reason") {
    scanner_plugin_descriptor d{sizeof d,
                                SCANNER_ABI_VERSION_MAJOR,
                                SCANNER_ABI_VERSION_MINOR,
                                "inline",
                                "Inline checks",
                                "1.0.0",
                                "scanner tests",
                                nullptr,
                                &init_two_bad_checks,
                                nullptr};
    core::registry reg;
    auto audit = reg.audit(&d, "inline.so", nullptr);
    CHECK(audit.problems == lines{"check 'bad1': level 3 is invalid (expected 1 or 2)",
                                  "check 'bad2': level 3 is invalid (expected 1 or 2)"});
    CHECK(audit.initialized);
    CHECK(reg.plugins().empty());
    CHECK(reg.add(&d, "inline.so", nullptr) ==
          "check 'bad1': level 3 is invalid (expected 1 or 2) (and 1 more problems)");

    CHECK(reg.audit(nullptr, "none.so", nullptr).problems ==
          lines{"entry function returned no descriptor"});
}

TEST_CASE("unsafe owner and modes of the file and its directory are each a problem") {
    testing::fixture_root dir;
    dir.mkdir("/plugins", 0777);
    fs::path copy = dir.host_path("/plugins/demo.so");
    fs::copy_file(fixture_dir / "good" / "demo.so", copy);
    dir.chmod("/plugins/demo.so", 0666);
    lines expected{
        "the file is writable by group or others (mode 0666); run chmod go-w on it",
        "its directory is writable by group or others (mode 0777); run chmod go-w on it"};
    if (::geteuid() == 0) {
        dir.chown("/plugins/demo.so", 4242, 4242);
        expected.insert(expected.begin(),
                        "the file is owned by uid 4242, not by root or the "
                        "scanning user");
    }
    CHECK(problems_of(copy, {}) == expected);
}

TEST_CASE("verify_command: problem lines or one summary line, and the exit code") {
    std::ostringstream out, err;
    CHECK(host::verify_command(fixture_dir / "good" / "demo.so", good_plugins, out, err) == 0);
    CHECK(out.str() == (fixture_dir / "good" / "demo.so").string() +
                           ": plugin demo 1.2.3 (ABI 1.1, 5 checks) conforms: no problems found\n");
    CHECK(err.str().empty());

    out.str("");
    CHECK(host::verify_command(fixture_dir / "refused" / "bad_mode.so", {}, out, err) == 1);
    CHECK(out.str() == (fixture_dir / "refused" / "bad_mode.so").string() +
                           ": check 'refused01': mode 7 is invalid\n");

    out.str("");
    CHECK(host::verify_command("/nonexistent/x.so", {}, out, err) == 2);
    CHECK(out.str().empty());
    CHECK(err.str() == "scanner: cannot verify plugin /nonexistent/x.so: no such file\n");
}

TEST_CASE("a check that crashes, exits or hangs is a problem listed, and the others still run") {
    core::isolation_limits limits;
    limits.check_timeout = std::chrono::milliseconds(500);
    struct row {
        const char* fault;
        std::string problem;
    };
    const row rows[] = {
        {"segfault",
         "check 'fault-segfault-fault' ended its process on an empty root: worker process killed "
         "by signal 11 (Segmentation fault) while running this check"},
        {"abort",
         "check 'fault-abort-fault' ended its process on an empty root: worker process killed by "
         "signal 6 (Aborted) while running this check"},
        {"exit",
         "check 'fault-exit-fault' ended its process on an empty root: worker process exited with "
         "status 0 while running this check"},
        {"hang",
         "check 'fault-hang-fault' did not finish within 0.5 s (--timeout) on an empty root"},
        {"throw", "check 'fault-throw-fault' threw an exception when run against an empty root"},
    };
    for (const auto& r : rows) {
        INFO(r.fault);
        auto file = fixture_dir / "faults" / (std::string(r.fault) + ".so");
        auto v = host::verify_plugin(file, {}, limits);
        // The healthy checks before and after the faulty one raise nothing.
        CHECK(v.check_count == 3);
        CHECK(v.problems == lines{r.problem});
    }
}

TEST_CASE("the command line: scanner plugins --verify FILE exits 0, 1 or 2") {
    auto run = [](std::vector<std::string> args) {
        args.insert(args.begin(), SCANNER_EXE);
        core::command_limits limits;
        limits.timeout = std::chrono::seconds(30);
        auto r = core::run_command(args, {"PATH=/usr/bin:/bin"}, limits);
        REQUIRE(r);
        return r.value;
    };
    auto clean = run({"plugins", "--verify", (fixture_dir / "good" / "demo.so").string()});
    CHECK(clean.exit_status == 0);
    CHECK(clean.out.find("conforms: no problems found\n") != std::string::npos);

    auto broken = run({"plugins", "--verify", NONCONFORMING_PLUGIN});
    CHECK(broken.exit_status == 1);
    CHECK(std::count(broken.out.begin(), broken.out.end(), '\n') == 9);

    // The limits of the command line apply; the verification outlives the crash.
    auto crashed = run({"--timeout", "1", "plugins", "--verify",
                        (fixture_dir / "faults" / "segfault.so").string()});
    CHECK(crashed.exit_status == 1);
    CHECK(crashed.out ==
          (fixture_dir / "faults" / "segfault.so").string() +
              ": check 'fault-segfault-fault' ended its process on an empty root: worker process "
              "killed by signal 11 (Segmentation fault) while running this check\n");
    auto hung = run(
        {"--timeout", "1", "plugins", "--verify", (fixture_dir / "faults" / "hang.so").string()});
    CHECK(hung.exit_status == 1);
    CHECK(hung.out.find("did not finish within 1 s (--timeout)") != std::string::npos);

    CHECK(run({"plugins", "--verify"}).exit_status == 2);
    CHECK(run({"plugins", "--verify", "/nonexistent/x.so"}).exit_status == 2);
}
