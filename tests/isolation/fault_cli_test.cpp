// Misbehaving plugins end to end through the scanner executable: each fault alone, then all of
// them beside the healthy fixture plugins, in JSON and in text.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/worker_process.hpp"
#include "tests/isolation/scanner_cli.hpp"
#include "tests/support/fixture_root.hpp"

namespace fs = std::filesystem;
using scanner::testing::fixture_root;
using scanner::testing::installed_scanner;
using scanner::testing::results_by_name;

namespace {

fs::path fault_plugin(const std::string& kind) {
    return fs::path(FIXTURE_PLUGIN_DIR) / "faults" / (kind + ".so");
}

fs::path good_plugin(const std::string& name) {
    return fs::path(FIXTURE_PLUGIN_DIR) / "good" / (name + ".so");
}

// A root on which every demo and other check that can pass does.
void write_compliant(const fixture_root& root) {
    root.write("/etc/demo/value", "ok\n");
    root.write("/etc/demo/secret", "s", 0600);
    root.write("/proc/sys/kernel/randomize_va_space", "2\n");
    root.write("/etc/hostname", "node-1\n");
}

struct fault_case {
    const char* kind;
    std::vector<std::string> faulty_checks;  // check-name suffixes after "fault-<kind>"
    const char* reason;                      // part of the reason each of them gets
    std::vector<std::string> args;
};

// Every fault; the memory fault only where workers have a memory limit.
const std::vector<fault_case>& fault_cases() {
    static const std::vector<fault_case> cases = [] {
        std::vector<fault_case> all{
            // A wild write: the worker dies of SIGSEGV.
            {"segfault", {"-fault"}, "killed by signal 11 (Segmentation fault)", {}},
            // abort(): SIGABRT.
            {"abort", {"-fault"}, "killed by signal 6 (Aborted)", {}},
            // exit(0) mid-check: a clean exit status must not pass for a finished worker.
            {"exit", {"-fault"}, "exited with status 0 while running this check", {}},
            // pause() forever with SIGTERM ignored: only the timeout ends it.
            {"hang", {"-fault"}, "timed out after 1 s (--timeout)", {"--timeout", "1"}},
            // A C++ exception thrown through the C run function.
            {"throw", {"-fault"}, "threw an exception", {}},
            // operator new until it fails, and malloc() until it returns NULL.
            {"memory",
             {"-fault", "-fault-malloc"},
             "exceeded the 64 MiB memory limit (--memory-limit)",
             {"--memory-limit", "64"}},
        };
        if (!scanner::core::workers_memory_limited) all.pop_back();
        return all;
    }();
    return cases;
}

}  // namespace

TEST_CASE("each fault costs only its check: ERROR with the reason, the next check runs, exit 3") {
    for (const auto& c : fault_cases()) {
        CAPTURE(c.kind);
        installed_scanner scanner({fault_plugin(c.kind)});
        fixture_root root;
        std::vector<std::string> args{"--format", "json", "--root", root.path().string()};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = scanner.run(args);

        CHECK(r.exit_status == 3);
        auto results = results_by_name(r.out);
        std::string id = std::string("fault-") + c.kind;
        CHECK(results.size() == 2 + c.faulty_checks.size());
        CHECK(results[id + "-before"]["status"] == "PASS");
        CHECK(results[id + "-after"]["status"] == "PASS");
        for (const auto& suffix : c.faulty_checks) {
            const auto& faulty = results[id + suffix];
            CAPTURE(faulty.dump());
            CHECK(faulty["status"] == "ERROR");
            CHECK(faulty["reason"].get<std::string>().find(c.reason) != std::string::npos);
            CHECK(faulty["plugin"]["id"] == id);
        }
    }
}

TEST_CASE("a crash is logged as a warning that names the plugin and the check") {
    installed_scanner scanner({fault_plugin("segfault")});
    fixture_root root;
    auto r = scanner.run({"--root", root.path().string()});
    CHECK(r.exit_status == 3);
    CHECK(r.err.find("[fault-segfault] check fault-segfault-fault: worker process killed by "
                     "signal 11 (Segmentation fault)") != std::string::npos);
}

TEST_CASE("a plugin writing to stdout and stderr cannot touch the report; -vv logs what it wrote") {
    installed_scanner scanner({fault_plugin("output")});
    fixture_root root;

    auto json = scanner.run({"--format", "json", "-vv", "--root", root.path().string()});
    CHECK(json.exit_status == 0);
    auto results = results_by_name(json.out);
    const auto& noisy = results["fault-output-fault"];
    // Its verdict stands; a note says it wrote more than the capture keeps.
    CHECK(noisy["status"] == "PASS");
    REQUIRE(noisy["notes"].size() == 1);
    CHECK(noisy["notes"][0].get<std::string>().find("wrote at least 1048576 bytes to stdout or "
                                                    "stderr") != std::string::npos);
    CHECK(results["fault-output-after"]["notes"].empty());
    CHECK(json.out.find("fake") == std::string::npos);
    CHECK(json.err.find("[fault-output] fault-output-fault output: complaint on stderr") !=
          std::string::npos);
    // printf's text had no newline before std::cout's, so the two share a line.
    CHECK(json.err.find("[fault-output] fault-output-fault output: \\x1b[2JPASS from std::cout") !=
          std::string::npos);
    // Its terminal escape sequence reaches the log spelled out, never as the raw byte.
    CHECK(json.err.find("\\x1b[2J") != std::string::npos);
    CHECK(json.err.find('\x1b') == std::string::npos);

    auto text = scanner.run({"--root", root.path().string()});
    CHECK(text.exit_status == 0);
    CHECK(scanner::testing::text_result_lines(text.out) == 3);
    CHECK(text.out.find("fake") == std::string::npos);
    CHECK(text.out.find("PASS from std::cout") == std::string::npos);
    // Without -vv the output is not logged at all.
    CHECK(text.err.find("complaint") == std::string::npos);
}

TEST_CASE("every fault beside the healthy plugins: a complete report, clean stdout, exit 3") {
    std::vector<fs::path> plugins{good_plugin("demo"), good_plugin("other")};
    std::size_t fault_checks = 0;
    for (const auto& c : fault_cases()) {
        plugins.push_back(fault_plugin(c.kind));
        fault_checks += 2 + c.faulty_checks.size();
    }
    plugins.push_back(fault_plugin("output"));
    fault_checks += 3;
    installed_scanner scanner(plugins);
    fixture_root root;
    write_compliant(root);
    std::vector<std::string> limits{"--timeout", "1", "--memory-limit", "64", "--level", "2"};

    auto start = std::chrono::steady_clock::now();
    std::vector<std::string> args{"--format", "json", "--root", root.path().string()};
    args.insert(args.end(), limits.begin(), limits.end());
    auto json = scanner.run(args);
    auto elapsed = std::chrono::steady_clock::now() - start;
    // The hang costs its timeout once; everything else runs beside it.
    CHECK(elapsed < std::chrono::seconds(15));

    CHECK(json.exit_status == 3);
    auto results = results_by_name(json.out);
    CHECK(results.size() == 5 + 3 + fault_checks);
    // The healthy plugins' verdicts are those of a scan without faulty neighbours.
    for (const char* name : {"demo0101", "demo0103", "demo0201", "other01"}) {
        CAPTURE(name);
        CHECK(results[name]["status"] == "PASS");
    }
    CHECK(results["demo0102"]["status"] == "SKIP");
    CHECK(results["other02"]["status"] == "ERROR");
    for (const auto& c : fault_cases()) {
        std::string id = std::string("fault-") + c.kind;
        CAPTURE(id);
        CHECK(results[id + "-before"]["status"] == "PASS");
        CHECK(results[id + "-after"]["status"] == "PASS");
        for (const auto& suffix : c.faulty_checks) {
            CHECK(results[id + suffix]["status"] == "ERROR");
            CHECK(results[id + suffix]["reason"].get<std::string>().find(c.reason) !=
                  std::string::npos);
        }
    }

    args = {"--root", root.path().string()};
    args.insert(args.end(), limits.begin(), limits.end());
    auto text = scanner.run(args);
    CHECK(text.exit_status == 3);
    CHECK(scanner::testing::valid_utf8(text.out));
    CHECK(scanner::testing::text_result_lines(text.out) == results.size());
}

TEST_CASE("the scan deadline ends unfinished checks with ERROR, naming the deadline") {
    installed_scanner scanner({fault_plugin("hang"), good_plugin("demo")});
    fixture_root root;
    write_compliant(root);
    auto start = std::chrono::steady_clock::now();
    auto r = scanner.run(
        {"--format", "json", "--timeout", "30", "--deadline", "1", "--root", root.path().string()});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));

    CHECK(r.exit_status == 3);
    auto results = results_by_name(r.out);
    CHECK(results["fault-hang-before"]["status"] == "PASS");
    for (const char* name : {"fault-hang-fault", "fault-hang-after"}) {
        CAPTURE(name);
        CHECK(results[name]["status"] == "ERROR");
        CHECK(results[name]["reason"] ==
              "scan deadline of 1 s passed (--deadline) before this check finished");
    }
    CHECK(results["demo0101"]["status"] == "PASS");
}

TEST_CASE("--isolation none gives the healthy plugins the same verdicts, in the scanner itself") {
    installed_scanner scanner({good_plugin("demo"), good_plugin("other")});
    fixture_root root;
    write_compliant(root);
    root.write("/etc/demo/value", "not ok\n");
    std::vector<std::string> args{"--format", "json",   "--level",
                                  "2",        "--root", root.path().string()};
    auto isolated = scanner.run(args);
    args.insert(args.end(), {"--isolation", "none"});
    auto inside = scanner.run(args);

    CHECK(isolated.exit_status == 1);
    CHECK(inside.exit_status == 1);
    auto a = results_by_name(isolated.out);
    auto b = results_by_name(inside.out);
    REQUIRE(a.size() == b.size());
    for (auto& [name, result] : a) {
        CAPTURE(name);
        result.erase("duration_us");
        b[name].erase("duration_us");
        CHECK(result == b[name]);
    }
}

TEST_CASE("isolation flags are validated: exit 2 and a message") {
    installed_scanner scanner({good_plugin("demo")});
    const std::vector<std::vector<std::string>> bad{
        {"--isolation", "thread"},  // not a mode
        {"--timeout", "0"},         // must be positive
        {"--timeout", "-1"},        // must be positive
        {"--deadline", "soon"},     // not a number
        {"--memory-limit", "1"},    // below 16 MiB
    };
    for (const auto& args : bad) {
        CAPTURE(args[0] + " " + args[1]);
        auto r = scanner.run(args);
        CHECK(r.exit_status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(args[0]) != std::string::npos);
    }
}
