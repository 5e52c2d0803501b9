#include "logic/sysctl_setting.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace bottlerocket_os;

TEST_CASE("sysctl_path maps dotted names to /proc/sys") {
    CHECK(sysctl_path("fs.suid_dumpable") == "/proc/sys/fs/suid_dumpable");
    CHECK(sysctl_path("net.ipv4.conf.all.send_redirects") ==
          "/proc/sys/net/ipv4/conf/all/send_redirects");
}

TEST_CASE("parse_sysctl_integer reads exactly one integer") {
    struct row {
        const char* text;
        std::optional<int64_t> expected;
    };
    const row rows[] = {
        {"1", 1},               // the kernel's plain value
        {"0\n", 0},             // with its newline
        {"1\r", 1},             // a CRLF fixture leaves a carriage return
        {"  2  ", 2},           // surrounding blanks
        {"10", 10},             // 10 is ten, never "1" followed by something
        {"-1", -1},             // negative values exist (kernel.perf_event_paranoid)
        {"", std::nullopt},     // empty file
        {"1 0", std::nullopt},  // a multi-value sysctl is not one integer
        {"one", std::nullopt},  // words
        {"0x1", std::nullopt},  // hex is not how the kernel prints these
    };
    for (const auto& r : rows) {
        INFO(std::string(r.text));
        CHECK(parse_sysctl_integer(r.text) == r.expected);
    }
}

TEST_CASE("judge_sysctl decides per reading") {
    struct row {
        const char* value;
        int error;
        bool live;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {"0", 0, true, status::pass, ""},  // required value
        {"1", 0, true, status::fail,
         "fs.suid_dumpable = 1, expected 0 (/proc/sys/fs/suid_dumpable)"},
        {"2", 0, false, status::fail, "= 2, expected 0"},    // offline fixture holding /proc
        {"00", 0, true, status::pass, ""},                   // same integer, other spelling
        {"x", 0, true, status::error, "is not an integer"},  // malformed
        {"", ENOENT, true, status::error, "No such file"},   // absent on a live kernel
        {"", ENOENT, false, status::error, "only known on a live host"},    // absent offline
        {"", EINVAL, true, status::error, "cannot read fs.suid_dumpable"},  // not a file
    };
    for (const auto& r : rows) {
        INFO(std::string(r.value));
        CAPTURE(r.error);
        findings out;
        judge_sysctl({"fs.suid_dumpable", 0}, {r.value, r.error}, r.live, out);
        auto v = out.decide();
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}

TEST_CASE("a value of 10 does not pass where 1 is required") {
    findings out;
    judge_sysctl({"net.ipv4.tcp_syncookies", 1}, {"10", 0}, true, out);
    auto v = out.decide();
    CHECK(v.state == status::fail);
    CHECK(v.reason ==
          "net.ipv4.tcp_syncookies = 10, expected 1 (/proc/sys/net/ipv4/tcp_syncookies)");
}

TEST_CASE("a wrong value is a finding even when another key is unreadable") {
    findings out;
    judge_sysctl({"net.ipv4.conf.all.send_redirects", 0}, {"1", 0}, true, out);
    judge_sysctl({"net.ipv4.conf.default.send_redirects", 0}, {"", EACCES}, true, out);
    auto v = out.decide();
    CHECK(v.state == status::fail);
    CHECK(v.reason.find("also not evaluated") != std::string::npos);
    CHECK(v.evidence.size() == 1);
}
