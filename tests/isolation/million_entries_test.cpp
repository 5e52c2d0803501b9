// A directory with more entries than list_dir's cap: the listing fails with E2BIG instead of
// growing without bound, in the scanner and in a worker, and its memory cost is measured. Its own
// executable, so the peak memory of its child processes is the scan's alone.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/target.hpp"
#include "tests/isolation/scanner_cli.hpp"

namespace fs = std::filesystem;
using scanner::core::target;

namespace {

constexpr std::size_t entry_count = target::default_max_dir_entries + 1;

// A root tree on tmpfs where there is one: a million directory entries on a disk take minutes.
class big_root {
  public:
    big_root() {
        fs::path base = fs::is_directory("/dev/shm") ? "/dev/shm" : fs::temp_directory_path();
        std::string tmpl = (base / "scanner-million-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path_ = tmpl;
        fs::permissions(path_, fs::perms(0755));
        fs::create_directories(path_ / "var/log/journal");
        fs::create_directories(path_ / "probe");
        std::ofstream(path_ / "probe/probe01") << "list\n/var/log/journal";
        std::ofstream(path_ / "seed") << "";

        // Hard links to one file: a directory entry each, without an inode each.
        int dir = ::open((path_ / "var/log/journal").c_str(), O_DIRECTORY | O_CLOEXEC);
        int root = ::open(path_.c_str(), O_DIRECTORY | O_CLOEXEC);
        REQUIRE(dir >= 0);
        REQUIRE(root >= 0);
        char name[32];
        std::size_t linked = 0;
        for (std::size_t i = 0; i < entry_count; ++i) {
            std::snprintf(name, sizeof name, "system@%07zu.journal", i);
            if (::linkat(root, "seed", dir, name, 0) == 0) ++linked;
        }
        REQUIRE(linked == entry_count);
        ::close(dir);
        ::close(root);
    }
    ~big_root() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    big_root(const big_root&) = delete;
    big_root& operator=(const big_root&) = delete;

    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

const big_root& shared_root() {
    static big_root root;
    return root;
}

// Peak resident memory of this process in KiB since the last reset_peak_memory().
long peak_memory_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

bool reset_peak_memory() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    return static_cast<bool>(clear.flush());
}

long current_memory_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

}  // namespace

TEST_CASE("list_dir stops at its cap with E2BIG, within bounded memory") {
    const auto& root = shared_root();
    auto t = target::open(root.path().string());
    REQUIRE(t);

    bool measured = reset_peak_memory();
    long before = current_memory_kib();
    auto listing = t.value->list_dir("/var/log/journal");
    long peak = peak_memory_kib();
    CHECK(listing.error == E2BIG);
    CHECK(listing.value.empty());
    if (measured) {
        long cost_mib = (peak - before) / 1024;
        MESSAGE("list_dir of " << entry_count << " entries: E2BIG after at most " << cost_mib
                               << " MiB");
        CHECK(cost_mib < 160);
    }

    // A cap the caller chooses is honoured the same way.
    CHECK(t.value->list_dir("/var/log/journal", 10).error == E2BIG);
}

TEST_CASE("a scan listing a million entries gives ERROR with the reason, in bounded memory") {
    const auto& root = shared_root();
    scanner::testing::installed_scanner scanner({PROBE_PLUGIN});
    // Sanitizer builds list a million entries far slower than the default timeout allows.
    auto r = scanner.run({"--format", "json", "--plugins", "probe", "--check", "probe01",
                          "--timeout", "120", "--root", root.path().string()},
                         std::chrono::seconds(180));
    CHECK(r.exit_status == 3);
    auto results = scanner::testing::results_by_name(r.out);
    CHECK(results["probe01"]["status"] == "ERROR");
    CHECK(results["probe01"]["reason"] == "cannot list /var/log/journal: Argument list too long");

    rusage children{};
    REQUIRE(::getrusage(RUSAGE_CHILDREN, &children) == 0);
    long peak_mib = children.ru_maxrss / 1024;
    MESSAGE("peak memory of the scanner or its worker: " << peak_mib << " MiB");
    CHECK(peak_mib < 256);
}
