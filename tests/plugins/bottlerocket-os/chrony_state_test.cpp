#include "logic/chrony_state.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace bottlerocket_os;

TEST_CASE("parse_chrony_sources reads directives, not comments") {
    struct row {
        const char* text;
        std::size_t sources;
    };
    const row rows[] = {
        {"pool 169.254.169.123 iburst\n", 1},     // Bottlerocket's directive
        {"server time.example.com iburst\n", 1},  // a server counts too
        {"# pool 169.254.169.123\n", 0},          // comment
        {"! pool a\n% pool b\n; pool c\n", 0},    // chrony's other comment characters
        {"   pool a\r\n", 1},                     // indented, CRLF
        {"POOL a\n", 1},                          // directives are case-insensitive
        {"pool\n", 0},                            // no address: not a source
        {"poolx a\nmakestep 1 3\ndriftfile /var/lib/chrony/drift\n", 0},  // other directives
        {"pool a\npool a\n", 2},                                          // repeats are two lines
        {"", 0},                                                          // empty file
    };
    for (const auto& r : rows) {
        INFO(std::string(r.text));
        CHECK(parse_chrony_sources(r.text).size() == r.sources);
    }
}

TEST_CASE("judge_chrony_config") {
    struct row {
        config_text config;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {{"/etc/chrony.conf", "pool a iburst\n", 0}, status::pass, ""},
        {{"/etc/chrony.conf", "#pool a iburst\n", 0}, status::fail, "no ntp servers"},
        {{"/etc/chrony.conf", "", ENOENT}, status::error, "cannot read /etc/chrony.conf"},
        {{"/etc/chrony.conf", "", EINVAL}, status::error, "cannot read /etc/chrony.conf"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.config.text);
        findings out;
        judge_chrony_config(r.config, out);
        auto v = out.decide();
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}

TEST_CASE("judge_chronyd_running") {
    struct row {
        chronyd_process_scan scan;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {{0, 90, "812", ""}, status::pass, ""},                       // running
        {{0, 90, "", "systemd"}, status::fail, "not running"},        // host, absent
        {{0, 3, "", "bash"}, status::error, "host's PID namespace"},  // a container
        {{0, 3, "", ""}, status::error, "unreadable"},                // no /proc/1/comm
        {{EACCES, 0, "", ""}, status::error, "cannot list /proc"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.reason_part));
        findings out;
        judge_chronyd_running(r.scan, out);
        auto v = out.decide();
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}

TEST_CASE("judge_chronyd_enabled") {
    const std::string unit = "/usr/lib/systemd/system/chronyd.service";
    const std::string link = "/etc/systemd/system/multi-user.target.wants/chronyd.service";
    struct row {
        chronyd_unit_scan scan;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {{unit, false, link, {}}, status::pass, ""},
        {{unit, false, "", {}}, status::fail, "not enabled"},
        {{"", false, "", {}}, status::fail, "not installed"},
        {{"/etc/systemd/system/chronyd.service", true, "", {}}, status::fail, "masked"},
        {{unit, false, "", {"/etc/systemd/system: Permission denied"}},
         status::error,
         "cannot list"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.reason_part));
        findings out;
        judge_chronyd_enabled(r.scan, out);
        auto v = out.decide();
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
        CHECK(v.notes.size() == 1);
    }
}
