// The built pack, loaded the way the scanner loads it and run against fixture roots with
// Scanner::testing: each check, each verdict it can give.
#include <doctest/doctest.h>
#include <unistd.h>

#include <string>

#include <scanner/testing/fixture_root.hpp>
#include <scanner/testing/plugin_harness.hpp>

using scanner::core::status;
using scanner::testing::fixture_root;
using scanner::testing::run_plugin;

namespace {

// Only root can give a fixture file to another owner; other users test with their own files.
const bool as_root = ::geteuid() == 0;

}  // namespace

TEST_CASE("a hardened sshd_config passes every check") {
    fixture_root root;
    root.write("/etc/ssh/sshd_config", "PermitRootLogin no\nPasswordAuthentication no\n", 0600);
    auto outcomes = run_plugin(PLUGIN_FILE, root.path());
    CHECK(outcomes.at("2.1").result.verdict == status::pass);
    CHECK(outcomes.at("2.2").result.verdict == status::pass);
    CHECK(outcomes.at("2.1").info.benchmark.name == "Example Labs OpenSSH Hardening Guide");
    if (as_root) {
        CHECK(outcomes.at("el-ssh-config-perms").result.verdict == status::pass);
        CHECK(outcomes.at("2.3").result.observations.at(0).observed == "mode 0600, owner 0:0");
    }
}

TEST_CASE("a permissive sshd_config fails each check with the value and line") {
    fixture_root root;
    root.write("/etc/ssh/sshd_config",
               "PermitRootLogin yes\nMatch User git\n"
               "  PasswordAuthentication yes\n",
               0644);
    if (as_root) root.chown("/etc/ssh/sshd_config", 1000, 1000);
    std::string owner =
        as_root ? "1000:1000" : std::to_string(::getuid()) + ":" + std::to_string(::getgid());
    auto outcomes = run_plugin(PLUGIN_FILE, root.path());
    CHECK(outcomes.at("2.1").result.verdict == status::fail);
    CHECK(outcomes.at("2.1").result.reason ==
          "PermitRootLogin is yes (/etc/ssh/sshd_config line 1), expected no");
    CHECK(outcomes.at("2.2").result.verdict == status::fail);
    CHECK(outcomes.at("2.2").result.reason ==
          "PasswordAuthentication is not set in /etc/ssh/sshd_config, so sshd uses its default "
          "yes; expected no");
    CHECK(outcomes.at("2.3").result.verdict == status::fail);
    CHECK(outcomes.at("2.3").result.reason ==
          "/etc/ssh/sshd_config has mode 0644, expected 0600 or stricter; owner " + owner +
              ", expected root:root (0:0)");
}

TEST_CASE("without an sshd_config the checks do not apply") {
    fixture_root root;
    auto outcomes = run_plugin(PLUGIN_FILE, root.path());
    for (const char* id : {"2.1", "2.2", "2.3"}) {
        CAPTURE(id);
        CHECK(outcomes.at(id).result.verdict == status::skip);
        CHECK(outcomes.at(id).result.reason ==
              "not applicable: /etc/ssh/sshd_config does not exist, so no SSH daemon is "
              "configured");
    }
}

TEST_CASE("what cannot be evaluated is ERROR with the reason") {
    fixture_root included;
    included.write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n", 0600);
    auto outcomes = run_plugin(PLUGIN_FILE, included.path());
    CHECK(outcomes.at("2.1").result.verdict == status::error);
    CHECK(outcomes.at("2.1").result.reason ==
          "cannot evaluate PermitRootLogin: /etc/ssh/sshd_config line 1 includes other files, "
          "which this pack does not read; check the value sshd uses with sshd -T");

    fixture_root looped;
    looped.symlink("/etc/ssh/sshd_config", "sshd_config");
    outcomes = run_plugin(PLUGIN_FILE, looped.path());
    for (const char* id : {"2.1", "2.2", "2.3"}) {
        CAPTURE(id);
        CHECK(outcomes.at(id).result.verdict == status::error);
        CHECK(outcomes.at(id).result.reason ==
              "cannot read /etc/ssh/sshd_config: Too many levels of symbolic links");
    }
}
