// Times level-2 scans with the kubernetes-worker plugin beside baselines, in one run:
//  - a compliant Bottlerocket fixture root;
//  - the same root with a 10 MB kubelet configuration (changed every iteration, so nothing is
//    reused between scans), beside one parse of that text: every check needs the configuration,
//    and the ratio shows what it costs them together;
//  - the live host ("/"), beside one listing of /proc with a read of every comm: the plugin
//    searches /proc once per scan (its scan_id), not once per check.
//
// usage: kubernetes_worker_bench [iterations] [plugin.so]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "core/runner.hpp"
#include "core/target.hpp"
#include "host/plugin_loader.hpp"
#include "logic/kubelet_config_file.hpp"
#include "tests/plugins/kubernetes-worker/worker_node_root.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
namespace kw = scanner::testing::kubernetes_worker;

double median_ms(int iterations, const std::function<void(int)>& body) {
    std::vector<double> times;
    for (int i = 0; i < iterations; ++i) {
        auto start = clock_type::now();
        body(i);
        times.push_back(
            std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::string big_config_body(int iteration) {
    std::string body = kw::compliant_kubelet_config_body();
    body.reserve(11 * 1024 * 1024);
    for (int i = 0; body.size() < 10 * 1024 * 1024; ++i) {
        body += "unknownField" + std::to_string(i) + ": \"" + std::string(100, 'x') + "\"\n";
    }
    return body + "# iteration " + std::to_string(iteration) + "\n";
}

struct scanner_session {
    scanner::core::registry reg;
    std::vector<const scanner::core::registered_check*> checks;

    explicit scanner_session(const std::string& plugin) {
        scanner::host::trust_policy policy;
        policy.check_ownership = false;
        if (auto reason = scanner::host::load_plugin(reg, plugin, policy)) {
            std::fprintf(stderr, "cannot load plugin %s: %s\n", plugin.c_str(), reason->c_str());
            std::exit(2);
        }
        for (const auto& c : reg.checks()) checks.push_back(&c);
    }

    void scan(const std::string& root) {
        auto target = scanner::core::target::open(root);
        if (!target) std::exit(2);
        scanner::core::threaded_runner runner;
        auto results = runner.run(reg, checks, *target.value);
        for (const auto& r : results) {
            if (r.verdict == scanner::core::status::error) {
                std::fprintf(stderr, "unexpected ERROR: %s\n", r.reason.c_str());
                std::exit(2);
            }
        }
    }
};

void read_proc_comms() {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
        std::string name = e.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream comm(e.path() / "comm");
        std::string line;
        std::getline(comm, line);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    const std::string plugin = argc > 2 ? argv[2] : KUBERNETES_WORKER_PLUGIN;
    scanner_session session(plugin);

    scanner::testing::fixture_root small;
    kw::write_bottlerocket_node(small);
    double small_scan = median_ms(iterations, [&](int) { session.scan(small.path().string()); });

    scanner::testing::fixture_root big;
    kw::write_bottlerocket_node(big);
    std::vector<std::string> bodies;
    for (int i = 0; i < iterations; ++i) bodies.push_back(big_config_body(i));
    double big_scan = median_ms(iterations, [&](int i) {
        kw::write_kubelet_config(big, kw::bottlerocket::config, bodies[static_cast<size_t>(i)]);
        session.scan(big.path().string());
    });
    double big_parse = median_ms(iterations, [&](int i) {
        auto parsed = scanner::kubernetes_worker::parse_kubelet_config(
            kw::kubelet_config_header() + bodies[static_cast<size_t>(i)]);
        if (!parsed) std::exit(2);
    });
    double write_only = median_ms(iterations, [&](int i) {
        kw::write_kubelet_config(big, kw::bottlerocket::config, bodies[static_cast<size_t>(i)]);
    });

    double live_scan = median_ms(iterations, [&](int) { session.scan("/"); });
    double proc_once = median_ms(iterations, [&](int) { read_proc_comms(); });

    std::printf("kubernetes-worker level-2 scans, %zu checks, median of %d iterations\n",
                session.checks.size(), iterations);
    std::printf("%-52s %10.3f ms\n", "scan, compliant Bottlerocket root", small_scan);
    std::printf("%-52s %10.3f ms\n", "scan, same root with a 10 MB config (incl. rewrite)",
                big_scan);
    std::printf("%-52s %10.3f ms\n", "  baseline: rewrite the 10 MB config only", write_only);
    std::printf("%-52s %10.3f ms\n", "  baseline: one parse of the 10 MB config", big_parse);
    std::printf("%-52s %10.2fx\n", "  ratio (scan - rewrite) / one parse",
                (big_scan - write_only) / big_parse);
    std::printf("%-52s %10.3f ms\n", "scan, live host (/)", live_scan);
    std::printf("%-52s %10.3f ms\n", "  baseline: list /proc, read every comm once", proc_once);
    std::printf("%-52s %10.2fx\n", "  ratio scan / baseline", live_scan / proc_once);
    return 0;
}
