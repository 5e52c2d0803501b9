// 2.1.1.1 chrony on fixture roots: chrony.conf directives, and chronyd from the process table
// the root holds or, without one, from the unit's enablement.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/plugins/bottlerocket-os/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::bottlerocket;

namespace {

// A compliant root without a process table, as an image holds it.
void make_image(const fixture_root& root) {
    make_compliant(root);
    std::filesystem::remove_all(root.host_path("/proc/1"));
    std::filesystem::remove_all(root.host_path("/proc/402"));
    std::filesystem::remove_all(root.host_path("/proc/812"));
}

}  // namespace

TEST_CASE("chrony.conf directives") {
    struct row {
        const char* what;
        const char* config;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {"server directive", "server time.example.com iburst\n", status::pass, ""},
        {"CRLF", "pool 169.254.169.123 iburst\r\n", status::pass, ""},
        {"duplicated pool lines", "pool a iburst\npool a iburst\n", status::pass, ""},
        {"commented pool", "# pool 169.254.169.123 iburst\n!pool b\n", status::fail,
         "no ntp servers are configured: no pool or server directive in /etc/chrony.conf"},
        {"no sources", "driftfile /var/lib/chrony/drift\nmakestep 1.0 3\n", status::fail,
         "no pool or server directive"},
        {"pool without address", "pool\n", status::fail, "no pool or server directive"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.what));
        fixture_root root;
        make_compliant(root);
        root.write("/etc/chrony.conf", r.config);
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == r.expected);
        CHECK(reason_has(o, r.reason_part));
    }
}

TEST_CASE("chrony.conf that cannot be read is an error, not ignored") {
    SUBCASE("missing") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/etc/chrony.conf"));
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::error);
        CHECK(o.result.reason == "cannot read /etc/chrony.conf: No such file or directory");
    }
    SUBCASE("a FIFO") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/etc/chrony.conf"));
        root.mkfifo("/etc/chrony.conf");
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::error);
        CHECK(o.result.reason == "cannot read /etc/chrony.conf: Invalid argument");
    }
}

TEST_CASE("chronyd in the process table the root holds") {
    SUBCASE("running") {
        fixture_root root;
        make_compliant(root);
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::pass);
        CHECK(evidence_has(o, "/proc/812/comm", "chronyd"));
    }
    SUBCASE("not running") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove_all(root.host_path("/proc/812"));
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::fail);
        CHECK(reason_has(o, "chronyd NTP service is not running"));
    }
    SUBCASE("a process table of another PID namespace") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove_all(root.host_path("/proc/812"));
        root.write("/proc/1/comm", "bash\n");
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "host's PID namespace"));
    }
}

TEST_CASE("chronyd.service enablement when the root holds no process table") {
    SUBCASE("enabled") {
        fixture_root root;
        make_image(root);
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::pass);
        CHECK(o.result.notes.size() == 1);
        CHECK(evidence_has(o, "/etc/systemd/system/multi-user.target.wants/chronyd.service",
                           "enabled"));
    }
    SUBCASE("enabled by a vendor link") {
        fixture_root root;
        make_image(root);
        std::filesystem::remove_all(root.host_path("/etc/systemd/system"));
        root.symlink("/usr/lib/systemd/system/multi-user.target.wants/chronyd.service",
                     "../chronyd.service");
        CHECK(run_check(root, "2.1.1.1").result.verdict == status::pass);
    }
    SUBCASE("installed, not enabled") {
        fixture_root root;
        make_image(root);
        std::filesystem::remove_all(root.host_path("/etc/systemd/system"));
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::fail);
        CHECK(reason_has(o, "chronyd.service is not enabled"));
    }
    SUBCASE("masked") {
        fixture_root root;
        make_image(root);
        root.symlink("/etc/systemd/system/chronyd.service", "/dev/null");
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::fail);
        CHECK(reason_has(o, "chronyd.service is masked"));
    }
    SUBCASE("not installed") {
        fixture_root root;
        make_image(root);
        std::filesystem::remove_all(root.host_path("/etc/systemd"));
        std::filesystem::remove_all(root.host_path("/usr/lib/systemd/system"));
        auto o = run_check(root, "2.1.1.1");
        CHECK(o.result.verdict == status::fail);
        CHECK(reason_has(o, "chronyd.service is not installed"));
    }
}
