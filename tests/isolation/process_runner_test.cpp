// The process runner through its C++ interface: the same results as in-process for healthy
// plugins, every fault contained, the limits, and no process left behind.
#include <doctest/doctest.h>
#include <signal.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/process_runner.hpp"
#include "core/registry.hpp"
#include "core/runner.hpp"
#include "core/target.hpp"
#include "core/worker_process.hpp"
#include "host/plugin_loader.hpp"
#include "tests/support/fixture_root.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scanner::core::check_result;
using scanner::core::isolation_limits;
using scanner::core::process_runner;
using scanner::core::status;
using scanner::testing::fixture_root;

namespace {

// A registry holding the named fixture plugins, and a root to scan.
struct scan_fixture {
    scanner::core::registry reg;
    fixture_root root;
    std::shared_ptr<const scanner::core::target> target;

    explicit scan_fixture(const std::vector<std::string>& plugin_files) {
        scanner::host::trust_policy policy;
        policy.check_ownership = false;
        for (const auto& file : plugin_files) {
            auto problem =
                scanner::host::load_plugin(reg, fs::path(FIXTURE_PLUGIN_DIR) / file, policy);
            REQUIRE_MESSAGE(!problem, file << ": " << *problem);
        }
        root.write("/etc/demo/value", "ok\n");
        root.write("/etc/demo/secret", "s", 0600);
        root.write("/proc/sys/kernel/randomize_va_space", "2\n");
        root.write("/etc/hostname", "node-1\n");
        auto opened = scanner::core::target::open(root.path().string());
        REQUIRE(opened);
        target = opened.value;
    }

    std::vector<const scanner::core::registered_check*> all_checks() const {
        std::vector<const scanner::core::registered_check*> checks;
        for (const auto& c : reg.checks()) checks.push_back(&c);
        return checks;
    }

    // Results by check name.
    std::map<std::string, check_result> run(scanner::core::runner& runner) const {
        auto checks = all_checks();
        auto results = runner.run(reg, checks, *target);
        REQUIRE(results.size() == checks.size());
        std::map<std::string, check_result> by_name;
        for (std::size_t i = 0; i < checks.size(); ++i) {
            by_name[checks[i]->info.name] = std::move(results[i]);
        }
        return by_name;
    }
};

bool no_child_left() {
    int wait_status = 0;
    return ::waitpid(-1, &wait_status, WNOHANG) < 0 && errno == ECHILD;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("healthy plugins give exactly the results they give in-process") {
    scan_fixture f({"good/demo.so", "good/other.so"});
    process_runner isolated;
    scanner::core::threaded_runner inside;
    auto a = f.run(isolated);
    auto b = f.run(inside);
    REQUIRE(a.size() == b.size());
    for (const auto& [name, result] : a) {
        CAPTURE(name);
        const auto& expected = b[name];
        CHECK(result.verdict == expected.verdict);
        CHECK(result.reason == expected.reason);
        CHECK(result.observations == expected.observations);
        CHECK(result.accesses == expected.accesses);
        CHECK(result.notes == expected.notes);
        CHECK(result.benchmark_notes == expected.benchmark_notes);
        CHECK(result.mode == expected.mode);
        CHECK(result.duration > 0ns);
    }
    CHECK(no_child_left());
}

TEST_CASE("every fault is ERROR with its reason and the plugin's other checks still run") {
    std::vector<std::string> plugins{"faults/segfault.so", "faults/abort.so", "faults/exit.so",
                                     "faults/hang.so",     "faults/throw.so", "good/demo.so"};
    if (scanner::core::workers_memory_limited) plugins.push_back("faults/memory.so");
    scan_fixture f(plugins);
    isolation_limits limits;
    limits.check_timeout = 1s;
    limits.memory_limit_mib = 64;
    process_runner runner(limits);
    auto start = std::chrono::steady_clock::now();
    auto results = f.run(runner);
    CHECK(std::chrono::steady_clock::now() - start < 10s);

    std::map<std::string, std::string> expected_reasons{
        {"fault-segfault-fault",
         "worker process killed by signal 11 (Segmentation fault) while running this check"},
        {"fault-abort-fault",
         "worker process killed by signal 6 (Aborted) while running this check"},
        {"fault-exit-fault", "worker process exited with status 0 while running this check"},
        {"fault-hang-fault", "timed out after 1 s (--timeout); its worker process was killed"},
        {"fault-throw-fault", "check 'fault-throw-fault' threw an exception"},
    };
    if (scanner::core::workers_memory_limited) {
        for (const char* name : {"fault-memory-fault", "fault-memory-fault-malloc"}) {
            expected_reasons[name] = "exceeded the 64 MiB memory limit (--memory-limit)";
        }
    }
    for (const auto& [name, reason] : expected_reasons) {
        CAPTURE(name);
        CHECK(results[name].verdict == status::error);
        CHECK(results[name].reason == reason);
    }
    for (const auto& [name, result] : results) {
        if (expected_reasons.count(name) != 0) continue;
        CAPTURE(name);
        CHECK(result.verdict != status::error);
    }
    // A hung check's duration is the time it was given.
    CHECK(results["fault-hang-fault"].duration >= 1s);
    CHECK(no_child_left());
}

TEST_CASE("one worker at a time still runs every plugin to the end") {
    scan_fixture f({"faults/segfault.so", "faults/abort.so", "good/demo.so", "good/other.so"});
    isolation_limits limits;
    limits.max_workers = 1;
    process_runner runner(limits);
    auto results = f.run(runner);
    CHECK(results.size() == 3 + 3 + 5 + 3);
    CHECK(results["fault-segfault-after"].verdict == status::pass);
    CHECK(results["fault-abort-after"].verdict == status::pass);
    CHECK(results["demo0101"].verdict == status::pass);
    CHECK(no_child_left());
}

TEST_CASE("the deadline ends the hung check and those after it, and no later") {
    scan_fixture f({"faults/hang.so", "good/demo.so"});
    isolation_limits limits;
    limits.check_timeout = 30s;
    limits.scan_deadline = 500ms;
    process_runner runner(limits);
    auto start = std::chrono::steady_clock::now();
    auto results = f.run(runner);
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed >= 500ms);
    CHECK(elapsed < 5s);
    CHECK(results["fault-hang-before"].verdict == status::pass);
    for (const char* name : {"fault-hang-fault", "fault-hang-after"}) {
        CAPTURE(name);
        CHECK(results[name].verdict == status::error);
        CHECK(results[name].reason ==
              "scan deadline of 0.5 s passed (--deadline) before this check finished");
    }
    CHECK(results["demo0101"].verdict == status::pass);
    CHECK(no_child_left());
}

TEST_CASE("the output of a check is a note on its result, not on its neighbours'") {
    scan_fixture f({"faults/output.so"});
    process_runner runner;
    auto results = f.run(runner);
    REQUIRE(results["fault-output-fault"].notes.size() == 1);
    CHECK(contains(results["fault-output-fault"].notes[0], "at least 1048576 bytes"));
    CHECK(results["fault-output-before"].notes.empty());
    CHECK(results["fault-output-after"].notes.empty());
}

TEST_CASE("forking from a process that runs other threads is logged as a warning") {
    scan_fixture f({"good/demo.so"});
    std::ostringstream log;
    auto previous = spdlog::default_logger();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::ostream_sink_st>(log)));
    std::promise<void> release;
    std::thread other([done = release.get_future()]() mutable { done.wait(); });

    process_runner runner;
    auto results = f.run(runner);
    release.set_value();
    other.join();
    spdlog::set_default_logger(previous);

    CHECK(results["demo0101"].verdict == status::pass);
    CAPTURE(log.str());
    CHECK(contains(log.str(), "forking worker processes from a scanner running 2 threads"));
}

TEST_CASE("nothing to run starts no worker") {
    scan_fixture f({"good/demo.so"});
    process_runner runner;
    CHECK(runner.run(f.reg, {}, *f.target).empty());
    CHECK(no_child_left());
}

TEST_CASE("how a worker ended becomes the reason of the check it was running") {
    isolation_limits limits;
    limits.check_timeout = 10s;
    limits.memory_limit_mib = 512;
    struct end_case {
        int wait_status;
        bool memory_exhausted;
        const char* reason;
    };
    const end_case cases[] = {
        // Killed by a signal: the number and the system's name for it.
        {SIGSEGV, false,
         "worker process killed by signal 11 (Segmentation fault) while running this check"},
        // RLIMIT_CPU: the per-check CPU limit is the timeout rounded up, plus one second.
        {SIGXCPU, false,
         "exceeded the CPU time limit of 11 s per check; killed by signal 24 (CPU time limit "
         "exceeded)"},
        // exit(3) from the plugin.
        {3 << 8, false, "worker process exited with status 3 while running this check"},
        // A memory record before the crash names the memory limit, whatever the signal.
        {SIGSEGV, true, "exceeded the 512 MiB memory limit (--memory-limit)"},
        // The new handler's exit after its memory record.
        {71 << 8, true, "exceeded the 512 MiB memory limit (--memory-limit)"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.wait_status);
        CHECK(scanner::core::worker_end_reason(c.wait_status, c.memory_exhausted, limits) ==
              c.reason);
    }
}

TEST_CASE("durations print in whole seconds where they are whole") {
    CHECK(scanner::core::format_seconds(10s) == "10 s");
    CHECK(scanner::core::format_seconds(1500ms) == "1.5 s");
    CHECK(scanner::core::format_seconds(250ms) == "0.25 s");
    CHECK(scanner::core::cpu_seconds_per_check(10s) == 11);
    CHECK(scanner::core::cpu_seconds_per_check(1500ms) == 3);
    CHECK(scanner::core::cpu_seconds_per_check(1ms) == 2);
}

namespace {

// Reports PASS with the context's scan_id as its only evidence.
void report_scan_id(const scanner_check_context* ctx, void*) {
    ctx->add_evidence(ctx, "scan_id", std::to_string(ctx->scan_id).c_str());
    ctx->report(ctx, SCANNER_STATUS_PASS, nullptr);
}

}  // namespace

TEST_CASE("scan_id: one per run, shared by every check and every worker of it") {
    scanner::core::registry reg;
    fixture_root root;
    auto opened = scanner::core::target::open(root.path().string());
    REQUIRE(opened);
    // Two plugins' worth of checks (two workers, or two threads), two checks each.
    std::vector<scanner::core::registered_check> defs;
    for (std::size_t plugin = 0; plugin < 2; ++plugin) {
        for (int n = 0; n < 2; ++n) {
            scanner::core::registered_check c;
            c.info.name = "scan-id-" + std::to_string(plugin) + "-" + std::to_string(n);
            c.run = &report_scan_id;
            c.plugin = plugin;
            defs.push_back(c);
        }
    }
    std::vector<const scanner::core::registered_check*> checks;
    for (const auto& c : defs) checks.push_back(&c);

    auto ids_of_run = [&](scanner::core::runner& runner) {
        std::vector<std::string> ids;
        for (const auto& r : runner.run(reg, checks, *opened.value)) {
            REQUIRE(r.verdict == status::pass);
            REQUIRE(r.observations.size() == 1);
            ids.push_back(r.observations[0].observed);
        }
        return ids;
    };
    process_runner isolated;
    scanner::core::threaded_runner inside;
    std::set<std::string> seen;
    for (scanner::core::runner* runner :
         std::initializer_list<scanner::core::runner*>{&isolated, &inside, &isolated, &inside}) {
        auto ids = ids_of_run(*runner);
        CHECK(ids[0] != "0");
        CHECK(std::count(ids.begin(), ids.end(), ids[0]) == 4);
        CHECK(seen.insert(ids[0]).second);  // never the id of an earlier run
    }
    CHECK(no_child_left());
}
