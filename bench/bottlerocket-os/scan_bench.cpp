// Times a level-2 scan of a compliant Bottlerocket fixture root with the bottlerocket-os plugin,
// beside a baseline that opens and reads every file of that root with plain syscalls. Each side
// runs in its own child process so that its peak RSS is its own.
//
// usage: bottlerocket_os_bench [iterations] [extra journal files] [plugin.so]
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "core/runner.hpp"
#include "core/target.hpp"
#include "host/plugin_loader.hpp"
#include "tests/plugins/bottlerocket-os/compliant_root.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

struct figures {
    double median_ms = 0;
    double mean_ms = 0;
    long peak_rss_kib = 0;
    long checks = 0;
};

std::vector<std::string> regular_files(const std::filesystem::path& root) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
        if (e.is_regular_file() && !e.is_symlink()) files.push_back(e.path().string());
    }
    return files;
}

void read_all(const std::vector<std::string>& files) {
    char buffer[65536];
    for (const auto& f : files) {
        int fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        while (::read(fd, buffer, sizeof buffer) > 0) {
        }
        ::close(fd);
    }
}

// Runs `body` `iterations` times in a child; the child sends back per-iteration times.
template <class Body>
figures measure_in_child(int iterations, Body body) {
    int fds[2];
    if (::pipe(fds) != 0) std::exit(2);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::vector<double> times = body(iterations);
        long checks = times.empty() ? 0 : static_cast<long>(times.back());
        times.pop_back();
        (void)!::write(fds[1], &checks, sizeof checks);
        (void)!::write(fds[1], times.data(), times.size() * sizeof(double));
        ::_exit(0);
    }
    ::close(fds[1]);
    figures f;
    std::vector<double> times(static_cast<std::size_t>(iterations));
    (void)!::read(fds[0], &f.checks, sizeof f.checks);
    std::size_t want = times.size() * sizeof(double), got = 0;
    while (got < want) {
        ssize_t n = ::read(fds[0], reinterpret_cast<char*>(times.data()) + got, want - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fds[0]);
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    f.peak_rss_kib = usage.ru_maxrss;

    double sum = 0;
    for (double t : times) sum += t;
    f.mean_ms = sum / static_cast<double>(times.size());
    std::sort(times.begin(), times.end());
    f.median_ms = times[times.size() / 2];
    return f;
}

double elapsed_ms(clock_type::time_point start) {
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    const int extra_journal = argc > 2 ? std::max(0, std::atoi(argv[2])) : 0;
    const std::string plugin = argc > 3 ? argv[3] : BOTTLEROCKET_OS_PLUGIN;

    scanner::testing::fixture_root root;
    scanner::testing::bottlerocket::make_compliant(root);
    for (int i = 0; i < extra_journal; ++i) {
        root.write("/var/log/journal/bench/f" + std::to_string(i) + ".journal", "", 0640);
    }
    const auto files = regular_files(root.path());

    auto baseline = measure_in_child(iterations, [&](int n) {
        std::vector<double> times;
        for (int i = 0; i < n; ++i) {
            auto start = clock_type::now();
            read_all(files);
            times.push_back(elapsed_ms(start));
        }
        times.push_back(0);
        return times;
    });

    auto scan = measure_in_child(iterations, [&](int n) {
        std::vector<double> times;
        scanner::core::registry reg;
        scanner::host::trust_policy policy;
        policy.check_ownership = false;
        if (auto reason = scanner::host::load_plugin(reg, plugin, policy)) {
            std::fprintf(stderr, "cannot load plugin %s: %s\n", plugin.c_str(), reason->c_str());
            ::_exit(2);
        }
        auto target = scanner::core::target::open(root.path().string());
        if (!target) ::_exit(2);
        std::vector<const scanner::core::registered_check*> checks;
        for (const auto& c : reg.checks()) {
            if (c.info.level <= 2) checks.push_back(&c);
        }
        scanner::core::threaded_runner runner;
        for (int i = 0; i < n; ++i) {
            auto start = clock_type::now();
            auto results = runner.run(reg, checks, *target.value);
            times.push_back(elapsed_ms(start));
            for (const auto& r : results) {
                if (r.verdict != scanner::core::status::pass &&
                    r.verdict != scanner::core::status::skip) {
                    std::fprintf(stderr, "unexpected result: %s\n", r.reason.c_str());
                    ::_exit(2);
                }
            }
        }
        times.push_back(static_cast<double>(checks.size()));
        return times;
    });

    std::printf(
        "bottlerocket-os level-2 scan: %ld checks, fixture root of %zu files, %d "
        "iterations each\n",
        scan.checks, files.size(), iterations);
    std::printf("%-26s %14s %14s %14s\n", "", "median/scan", "mean/scan", "peak RSS");
    std::printf("%-26s %11.3f ms %11.3f ms %10.1f MiB\n", "plugin scan (level 2)", scan.median_ms,
                scan.mean_ms, static_cast<double>(scan.peak_rss_kib) / 1024);
    std::printf("%-26s %11.3f ms %11.3f ms %10.1f MiB\n", "baseline: open+read files",
                baseline.median_ms, baseline.mean_ms,
                static_cast<double>(baseline.peak_rss_kib) / 1024);
    std::printf(
        "%-26s %13.1fx %13.1fx %13.2fx\n", "ratio scan/baseline",
        scan.median_ms / baseline.median_ms, scan.mean_ms / baseline.mean_ms,
        static_cast<double>(scan.peak_rss_kib) / static_cast<double>(baseline.peak_rss_kib));
    return 0;
}
