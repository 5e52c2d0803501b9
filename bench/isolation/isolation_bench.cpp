// Times a full level-2 scan with process isolation beside the same scan in-process: the healthy
// fixture plugins and every built-in plugin found in lib/scanner/plugins, against a root holding
// the built-in plugins' compliant fixtures. Two comparisons, each interleaved run by run so both
// sides see the same machine: the runners alone (plugins loaded once), and the whole scanner
// executable (--isolation process against --isolation none).
//
// usage: isolation_bench [iterations]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/command.hpp"
#include "core/process_runner.hpp"
#include "core/registry.hpp"
#include "core/runner.hpp"
#include "core/target.hpp"
#include "host/discovery.hpp"
#include "host/plugin_loader.hpp"
#include "tests/support/fixture_root.hpp"
#ifdef BENCH_BOTTLEROCKET_ROOT
#include "tests/plugins/bottlerocket-os/compliant_root.hpp"
#endif
#ifdef BENCH_WORKER_ROOT
#include "tests/plugins/kubernetes-worker/worker_node_root.hpp"
#endif

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

struct series {
    std::vector<double> ms;

    double median() const {
        auto sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted[sorted.size() / 2];
    }
    double mean() const {
        double sum = 0;
        for (double t : ms) sum += t;
        return sum / static_cast<double>(ms.size());
    }
};

template <class Body>
double time_ms(Body body) {
    auto start = clock_type::now();
    body();
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

void print_pair(const char* what, const series& isolated, const series& inside) {
    std::printf("%s\n", what);
    std::printf("  %-22s median %8.3f ms   mean %8.3f ms\n", "--isolation process",
                isolated.median(), isolated.mean());
    std::printf("  %-22s median %8.3f ms   mean %8.3f ms\n", "--isolation none", inside.median(),
                inside.mean());
    std::printf("  ratio process/none     median %8.2fx  (+%.3f ms per scan)\n",
                isolated.median() / inside.median(), isolated.median() - inside.median());
}

void write_root(const scanner::testing::fixture_root& root) {
#ifdef BENCH_BOTTLEROCKET_ROOT
    scanner::testing::bottlerocket::make_compliant(root);
#endif
#ifdef BENCH_WORKER_ROOT
    scanner::testing::kubernetes_worker::write_bottlerocket_node(root);
#endif
    root.write("/etc/demo/value", "ok\n");
    root.write("/etc/demo/secret", "s", 0600);
    root.write("/proc/sys/kernel/randomize_va_space", "2\n");
    root.write("/etc/hostname", "node-1\n");
}

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    scanner::testing::fixture_root root;
    write_root(root);

    auto files = scanner::host::plugin_files({FIXTURE_PLUGIN_DIR, BUILTIN_PLUGIN_DIR});
    scanner::core::registry reg;
    scanner::host::trust_policy policy;
    policy.check_ownership = false;
    for (const auto& f : files) {
        if (auto reason = scanner::host::load_plugin(reg, f, policy)) {
            std::fprintf(stderr, "cannot load plugin %s: %s\n", f.c_str(), reason->c_str());
            return 2;
        }
    }
    auto target = scanner::core::target::open(root.path().string());
    if (!target) return 2;
    std::vector<const scanner::core::registered_check*> checks;
    for (const auto& c : reg.checks()) checks.push_back(&c);

    std::printf("full level-2 scan: %zu checks of %zu plugins:", checks.size(),
                reg.plugins().size());
    for (const auto& p : reg.plugins()) std::printf(" %s", p.id.c_str());
    std::printf("\n%d iterations each, interleaved\n\n", iterations);

    // The threaded runner joins its threads before returning, so the process is single-threaded
    // again whenever the process runner forks.
    scanner::core::process_runner isolated;
    scanner::core::threaded_runner inside;
    series runner_isolated, runner_inside;
    for (int i = 0; i < iterations; ++i) {
        runner_isolated.ms.push_back(time_ms([&] { isolated.run(reg, checks, *target.value); }));
        runner_inside.ms.push_back(time_ms([&] { inside.run(reg, checks, *target.value); }));
        // Joined threads linger in /proc for a moment; let them go before the next fork.
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    print_pair("runner alone (plugins loaded once):", runner_isolated, runner_inside);

    std::vector<std::string> args{
        SCANNER_EXE, "--plugin-dir", FIXTURE_PLUGIN_DIR, "--level",           "2",
        "--format",  "json",         "--root",           root.path().string()};
    std::vector<std::string> env{"PATH=/usr/bin:/bin"};
    scanner::core::command_limits limits;
    series cli_isolated, cli_inside;
    int cli_iterations = std::max(1, iterations / 4);
    for (int i = 0; i < cli_iterations; ++i) {
        cli_isolated.ms.push_back(time_ms([&] {
            auto a = args;
            a.insert(a.end(), {"--isolation", "process"});
            if (!scanner::core::run_command(a, env, limits)) std::exit(2);
        }));
        cli_inside.ms.push_back(time_ms([&] {
            auto a = args;
            a.insert(a.end(), {"--isolation", "none"});
            if (!scanner::core::run_command(a, env, limits)) std::exit(2);
        }));
    }
    std::printf("\n");
    print_pair("whole scanner executable (load, scan, report):", cli_isolated, cli_inside);
    return 0;
}
