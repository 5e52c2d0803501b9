#include "logic/lockdown_mode.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace bottlerocket_os;

TEST_CASE("parse_lockdown_mode takes the bracketed mode") {
    struct row {
        const char* text;
        std::optional<std::string> expected;
    };
    const row rows[] = {
        {"none [integrity] confidentiality\n", "integrity"},          // Bottlerocket
        {"[none] integrity confidentiality", "none"},                 // off
        {"none integrity [confidentiality]\r\n", "confidentiality"},  // CRLF
        {"none integrity confidentiality", std::nullopt},             // no active mode
        {"[none] [integrity]", std::nullopt},                         // two is malformed
        {"", std::nullopt},                                           // empty
    };
    for (const auto& r : rows) {
        INFO(std::string(r.text));
        CHECK(parse_lockdown_mode(r.text) == r.expected);
    }
}

TEST_CASE("lsm_list_has_lockdown reads the comma list") {
    CHECK(lsm_list_has_lockdown("capability,lockdown,yama,selinux\n"));
    CHECK_FALSE(lsm_list_has_lockdown("capability,yama,apparmor"));
    CHECK_FALSE(lsm_list_has_lockdown("capability,nolockdown"));
}

TEST_CASE("judge_lockdown") {
    const config_text lsm_with{"/sys/kernel/security/lsm", "capability,lockdown,selinux", 0};
    const config_text lsm_without{"/sys/kernel/security/lsm", "capability,selinux", 0};
    const config_text lsm_absent{"/sys/kernel/security/lsm", "", ENOENT};
    auto file = [](const char* text, int error = 0) {
        return config_text{"/sys/kernel/security/lockdown", text, error};
    };
    struct row {
        config_text lockdown;
        config_text lsm;
        bool live;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {file("none [integrity] confidentiality"), lsm_with, true, status::pass, ""},
        {file("[none] integrity confidentiality"), lsm_with, true, status::fail,
         "lockdown mode is none, expected integrity"},
        {file("none integrity [confidentiality]"), lsm_with, true, status::fail, "confidentiality"},
        {file("garbage"), lsm_with, true, status::error, "cannot parse"},
        {file("", ENOENT), lsm_without, true, status::fail, "without the lockdown LSM"},
        {file("", ENOENT), lsm_with, true, status::error, "cannot read"},
        {file("", ENOENT), lsm_absent, true, status::error, "cannot read"},
        {file("", ENOENT), lsm_absent, false, status::error, "only known on a live host"},
        {file("", EINVAL), lsm_with, false, status::error, "cannot read"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.lockdown.text);
        findings out;
        judge_lockdown(r.lockdown, r.lsm, r.live, out);
        auto v = out.decide();
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}
