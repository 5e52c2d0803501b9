#include "logic/selinux_state.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace bottlerocket_os;

TEST_CASE("parse_selinux_config reads it the way libselinux does") {
    struct row {
        const char* text;
        std::optional<std::string> mode;
        std::optional<std::string> type;
    };
    const row rows[] = {
        {"SELINUX=enforcing\nSELINUXTYPE=fortified\n", "enforcing", "fortified"},  // Bottlerocket
        {"SELINUX=enforcing\r\nSELINUXTYPE=fortified\r\n", "enforcing", "fortified"},  // CRLF
        {"#SELINUX=enforcing\nSELINUX=permissive\n", "permissive", std::nullopt},      // comment
        {"SELINUX=Enforcing\n", "enforcing", std::nullopt},  // value case-insensitive
        {"SELINUX=enforcing\nSELINUX=disabled\n", "enforcing", std::nullopt},  // first wins
        {"SELINUX=bogus\nSELINUX=permissive\n", "permissive", std::nullopt},   // invalid skipped
        {" SELINUX=enforcing\n", std::nullopt, std::nullopt},  // must start the line
        {"SELINUXTYPE=targeted\nSELINUXTYPE=fortified\n", std::nullopt, "fortified"},  // last wins
        {"  selinuxtype=fortified  \n", std::nullopt, "fortified"},  // key case-insensitive
        {"# SELINUXTYPE=fortified\n", std::nullopt, std::nullopt},   // comment
    };
    for (const auto& r : rows) {
        INFO(std::string(r.text));
        auto c = parse_selinux_config(r.text);
        CHECK(c.mode == r.mode);
        CHECK(c.policy_type == r.type);
    }
}

namespace {

config_text fs_file(const char* name, const char* text, int error = 0) {
    return {std::string("/sys/fs/selinux/") + name, text, error};
}

selinuxfs_readings bottlerocket_fs() {
    return {fs_file("enforce", "1"), fs_file("mls", "1"), fs_file("deny_unknown", "1"),
            fs_file("checkreqprot", "0"), fs_file("policyvers", "33")};
}

const config_text good_config{"/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=fortified\n",
                              0};

verdict judge(const config_text& config, const selinuxfs_readings& fs, bool live) {
    findings out;
    judge_selinux(config, fs, live, out);
    return out.decide();
}

}  // namespace

TEST_CASE("judge_selinux maps each sestatus condition to its file") {
    struct row {
        const char* what;
        config_text config;
        selinuxfs_readings fs;
        bool live;
        status expected;
        const char* reason_part;
    };
    auto fs = bottlerocket_fs();
    auto permissive = fs;
    permissive.enforce.text = "0";
    auto no_mls = fs;
    no_mls.mls.text = "0";
    auto allow_unknown = fs;
    allow_unknown.deny_unknown.text = "0";
    auto checkreqprot = fs;
    checkreqprot.checkreqprot.text = "1";
    auto absent = fs;
    absent.enforce = fs_file("enforce", "", ENOENT);
    auto unreadable_mls = fs;
    unreadable_mls.mls = fs_file("mls", "", EINVAL);

    const row rows[] = {
        {"compliant", good_config, fs, true, status::pass, ""},
        {"permissive now", good_config, permissive, true, status::fail, "current mode"},
        {"no MLS", good_config, no_mls, true, status::fail, "MLS"},
        {"deny_unknown off", good_config, allow_unknown, true, status::fail, "deny_unknown"},
        {"checkreqprot", good_config, checkreqprot, true, status::fail, "memory protection"},
        {"selinuxfs absent live", good_config, absent, true, status::fail, "disabled"},
        {"selinuxfs absent offline", good_config, absent, false, status::error,
         "only known on a live host"},
        {"config permissive",
         {"/etc/selinux/config", "SELINUX=permissive\nSELINUXTYPE=fortified\n", 0},
         fs,
         true,
         status::fail,
         "mode from config file is permissive"},
        {"config targeted",
         {"/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n", 0},
         fs,
         true,
         status::fail,
         "loaded policy name is targeted"},
        {"config absent", {"/etc/selinux/config", "", ENOENT}, fs, true, status::fail, "is absent"},
        {"config a FIFO",
         {"/etc/selinux/config", "", EINVAL},
         fs,
         true,
         status::error,
         "cannot read /etc/selinux/config"},
        {"config commented",
         {"/etc/selinux/config", "#SELINUX=enforcing\n#SELINUXTYPE=fortified\n", 0},
         fs,
         true,
         status::fail,
         "expected fortified"},
        {"mls unreadable", good_config, unreadable_mls, true, status::error, "cannot read"},
        {"offline bad config wins",
         {"/etc/selinux/config", "SELINUX=disabled\n", 0},
         absent,
         false,
         status::fail,
         "expected enforcing"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.what));
        auto v = judge(r.config, r.fs, r.live);
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}
