// 1.4.1-1.4.4, 3.1.1, 3.2.1-3.2.7 on fixture roots.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/plugins/bottlerocket-os/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::bottlerocket;

namespace {

// Which check reads which sysctl, and a wrong value for it.
struct sysctl_case {
    const char* name;
    const char* id;
    const char* wrong;
};
const sysctl_case sysctl_cases[] = {
    {"fs.suid_dumpable", "1.4.1", "1"},
    {"kernel.randomize_va_space", "1.4.2", "1"},
    {"kernel.unprivileged_bpf_disabled", "1.4.3", "2"},
    {"user.max_user_namespaces", "1.4.4", "15000"},
    {"net.ipv4.conf.all.send_redirects", "3.1.1", "1"},
    {"net.ipv4.conf.default.send_redirects", "3.1.1", "1"},
    {"net.ipv4.conf.all.accept_source_route", "3.2.1", "1"},
    {"net.ipv4.conf.default.accept_source_route", "3.2.1", "1"},
    {"net.ipv6.conf.all.accept_source_route", "3.2.1", "1"},
    {"net.ipv6.conf.default.accept_source_route", "3.2.1", "1"},
    {"net.ipv4.conf.all.accept_redirects", "3.2.2", "1"},
    {"net.ipv4.conf.default.accept_redirects", "3.2.2", "1"},
    {"net.ipv6.conf.all.accept_redirects", "3.2.2", "1"},
    {"net.ipv6.conf.default.accept_redirects", "3.2.2", "1"},
    {"net.ipv4.conf.all.secure_redirects", "3.2.3", "1"},
    {"net.ipv4.conf.default.secure_redirects", "3.2.3", "1"},
    {"net.ipv4.conf.all.log_martians", "3.2.4", "0"},
    {"net.ipv4.conf.default.log_martians", "3.2.4", "0"},
    {"net.ipv4.icmp_echo_ignore_broadcasts", "3.2.5", "0"},
    {"net.ipv4.icmp_ignore_bogus_error_responses", "3.2.6", "0"},
    {"net.ipv4.tcp_syncookies", "3.2.7", "0"},
};

std::string proc_path(std::string_view name) {
    std::string path = "/proc/sys/";
    for (char c : name) path += c == '.' ? '/' : c;
    return path;
}

}  // namespace

TEST_CASE("each sysctl check fails on a wrong value of each of its keys") {
    for (const auto& c : sysctl_cases) {
        INFO(std::string(c.name));
        fixture_root root;
        make_compliant(root);
        write_sysctl(root, c.name, c.wrong);
        auto o = run_check(root, c.id);
        CHECK(o.result.verdict == status::fail);
        std::string expected_value;
        for (const auto& s : compliant_sysctls) {
            if (s.name == c.name) expected_value = s.value;
        }
        CHECK(o.result.reason == std::string(c.name) + " = " + c.wrong + ", expected " +
                                     expected_value + " (" + proc_path(c.name) + ")");
        CHECK(evidence_has(o, proc_path(c.name), std::string(c.name) + " = " + c.wrong));
    }
}

TEST_CASE("a sysctl of 10 where 1 is expected fails") {
    fixture_root root;
    make_compliant(root);
    write_sysctl(root, "net.ipv4.tcp_syncookies", "10");
    auto o = run_check(root, "3.2.7");
    CHECK(o.result.verdict == status::fail);
    CHECK(o.result.reason ==
          "net.ipv4.tcp_syncookies = 10, expected 1 (/proc/sys/net/ipv4/tcp_syncookies)");
}

TEST_CASE("a sysctl file with CRLF passes") {
    fixture_root root;
    make_compliant(root);
    root.write("/proc/sys/fs/suid_dumpable", "0\r\n");
    CHECK(run_check(root, "1.4.1").result.verdict == status::pass);
}

TEST_CASE("a missing sysctl under a root is only known on a live host") {
    fixture_root root;
    make_compliant(root);
    std::filesystem::remove(root.host_path("/proc/sys/kernel/unprivileged_bpf_disabled"));
    auto o = run_check(root, "1.4.3");
    CHECK(o.result.verdict == status::error);
    CHECK(o.result.reason ==
          "kernel.unprivileged_bpf_disabled is only known on a live host "
          "(/proc/sys/kernel/unprivileged_bpf_disabled is absent under the root)");
}

TEST_CASE("an unreadable sysctl is an error naming the file and the system's reason") {
    SUBCASE("a directory where the file should be") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/proc/sys/fs/suid_dumpable"));
        root.mkdir("/proc/sys/fs/suid_dumpable");
        auto o = run_check(root, "1.4.1");
        CHECK(o.result.verdict == status::error);
        CHECK(o.result.reason ==
              "cannot read fs.suid_dumpable (/proc/sys/fs/suid_dumpable): Is a directory");
    }
    SUBCASE("a FIFO where the file should be") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/proc/sys/kernel/randomize_va_space"));
        root.mkfifo("/proc/sys/kernel/randomize_va_space");
        auto o = run_check(root, "1.4.2");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "cannot read kernel.randomize_va_space"));
    }
    SUBCASE("a value that is not a number") {
        fixture_root root;
        make_compliant(root);
        write_sysctl(root, "user.max_user_namespaces", "none");
        auto o = run_check(root, "1.4.4");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "\"none\" is not an integer"));
    }
}

TEST_CASE("one wrong key of a multi-key check fails even when another is missing") {
    fixture_root root;
    make_compliant(root);
    write_sysctl(root, "net.ipv4.conf.all.accept_redirects", "1");
    std::filesystem::remove_all(root.host_path("/proc/sys/net/ipv6"));
    auto o = run_check(root, "3.2.2");
    CHECK(o.result.verdict == status::fail);
    CHECK(reason_has(o, "net.ipv4.conf.all.accept_redirects = 1, expected 0"));
    CHECK(reason_has(o, "also not evaluated: net.ipv6.conf.all.accept_redirects"));
}
