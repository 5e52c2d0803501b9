// The plugin's checks as registered, and whole-root runs: compliant, empty, not Bottlerocket.
#include <doctest/doctest.h>

#include <scanner/plugin.hpp>

#include "tests/plugins/bottlerocket-os/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::bottlerocket;

namespace {

struct expected_check {
    const char* name;
    const char* id;
    uint32_t level;
    scanner::core::check_mode mode;
    const char* title;
};

constexpr auto automatic = scanner::core::check_mode::automatic;
constexpr auto manual = scanner::core::check_mode::manual;

// Reference §3.2, without the 3.4 firewall checks.
const expected_check expected_checks[] = {
    {"br01010101", "1.1.1.1", 2, automatic, "Ensure mounting of udf filesystems is disabled"},
    {"br01020100", "1.2.1", 1, manual, "Ensure software update repositories are configured"},
    {"br01030100", "1.3.1", 1, automatic, "Ensure dm-verity is configured"},
    {"br01040100", "1.4.1", 1, automatic, "Ensure setuid programs do not create core dumps"},
    {"br01040200", "1.4.2", 1, automatic,
     "Ensure address space layout randomization (ASLR) is enabled"},
    {"br01040300", "1.4.3", 1, automatic, "Ensure unprivileged eBPF is disabled"},
    {"br01040400", "1.4.4", 2, automatic, "Ensure user namespaces are disabled"},
    {"br01050100", "1.5.1", 1, automatic, "Ensure SELinux is configured"},
    {"br01050200", "1.5.2", 2, automatic, "Ensure Lockdown is configured"},
    {"br01060000", "1.6", 1, manual,
     "Ensure updates, patches, and additional security software are installed"},
    {"br02010101", "2.1.1.1", 1, automatic, "Ensure chrony is configured"},
    {"br03010100", "3.1.1", 2, automatic, "Ensure packet redirect sending is disabled"},
    {"br03020100", "3.2.1", 2, automatic, "Ensure source routed packets are not accepted"},
    {"br03020200", "3.2.2", 2, automatic, "Ensure ICMP redirects are not accepted"},
    {"br03020300", "3.2.3", 2, automatic, "Ensure secure ICMP redirects are not accepted"},
    {"br03020400", "3.2.4", 2, automatic, "Ensure suspicious packets are logged"},
    {"br03020500", "3.2.5", 1, automatic, "Ensure broadcast ICMP requests are ignored"},
    {"br03020600", "3.2.6", 1, automatic, "Ensure bogus ICMP responses are ignored"},
    {"br03020700", "3.2.7", 1, automatic, "Ensure TCP SYN Cookies is enabled"},
    {"br03030100", "3.3.1", 2, automatic, "Ensure SCTP is disabled"},
    {"br04010101", "4.1.1.1", 1, automatic,
     "Ensure journald is configured to write logs to persistent disk"},
    {"br04010200", "4.1.2", 1, automatic, "Ensure permissions on journal files are configured"},
};

}  // namespace

TEST_CASE("the plugin registers the 22 checks exactly as the reference lists them") {
    fixture_root root;
    make_compliant(root);
    auto all = run_all(root);
    CHECK(all.size() == 2 * std::size(expected_checks));  // keyed by name and by id

    for (const auto& e : expected_checks) {
        INFO(std::string(e.name));
        REQUIRE(all.count(e.name) == 1);
        const auto& info = all.at(e.name).info;
        CHECK(info.id == e.id);
        CHECK(info.title == e.title);
        CHECK(info.level == e.level);
        CHECK(info.mode == e.mode);
        CHECK(info.benchmark.name == "CIS Bottlerocket Benchmark");
        CHECK(info.benchmark.version == "v1.0.0");
        CHECK(info.benchmark.url == "https://www.cisecurity.org/benchmark/bottlerocket");
        CHECK(info.plugin_id == "bottlerocket-os");
        CHECK(info.plugin_version == "1.0.0");
        CHECK_FALSE(info.remediation.empty());
    }
}

TEST_CASE("remediations name the Bottlerocket setting") {
    fixture_root root;
    make_compliant(root);
    auto all = run_all(root);
    const std::pair<const char*, const char*> settings[] = {
        {"1.1.1.1", "apiclient set settings.kernel.modules.udf.allowed=false"},
        {"3.3.1", "apiclient set settings.kernel.modules.sctp.allowed=false"},
        {"1.4.1",
         "apiclient set --json '{\"kernel\": {\"sysctl\": {\"fs.suid_dumpable\": \"0\"}}}'"},
        {"3.2.4", "\"net.ipv4.conf.default.log_martians\": \"1\""},
        {"1.5.2", "apiclient set settings.kernel.lockdown=integrity"},
        {"2.1.1.1", "time-servers"},
        {"4.1.1.1", "Storage=persistent"},
    };
    for (const auto& [id, setting] : settings) {
        INFO(std::string(id));
        CHECK(all.at(id).info.remediation.find(setting) != std::string::npos);
    }
}

TEST_CASE("a compliant Bottlerocket root passes every automatic check") {
    fixture_root root;
    make_compliant(root);
    for (const auto& [key, o] : run_all(root)) {
        CAPTURE(key);
        CAPTURE(o.result.reason);
        CHECK(o.result.benchmark_notes.empty());
        if (o.info.mode == scanner::core::check_mode::manual) {
            CHECK(o.result.verdict == status::skip);
            CHECK(o.result.reason == scanner::sdk::manual_reason);
        } else {
            CHECK(o.result.verdict == status::pass);
            CHECK_FALSE(o.result.observations.empty());
        }
    }
}

TEST_CASE("an empty root never passes a run-time fact") {
    fixture_root root;
    auto all = run_all(root);
    // Facts that exist only while the system runs are not evaluable from an empty image.
    for (const char* id : {"1.3.1", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.5.2", "3.1.1", "3.2.1",
                           "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.2.6", "3.2.7"}) {
        INFO(std::string(id));
        CHECK(all.at(id).result.verdict == status::error);
        CHECK(reason_has(all.at(id), "only known on a live host"));
    }
    // What the image itself shows to be wrong stays a finding.
    CHECK(all.at("1.1.1.1").result.verdict == status::fail);  // no install rule for udf
    CHECK(all.at("3.3.1").result.verdict == status::fail);    // nor for sctp
    CHECK(all.at("1.5.1").result.verdict == status::fail);    // no /etc/selinux/config
    CHECK(all.at("2.1.1.1").result.verdict == status::fail);  // chronyd not installed
    CHECK(reason_has(all.at("2.1.1.1"), "cannot read /etc/chrony.conf"));
    CHECK(all.at("4.1.1.1").result.verdict == status::fail);  // Storage= not set
    CHECK(all.at("4.1.2").result.verdict == status::pass);    // no journal files at all
    CHECK(all.at("4.1.2").result.notes.size() == 1);
}

TEST_CASE("a target that is not Bottlerocket is noted and still evaluated") {
    fixture_root root;
    make_compliant(root);
    root.write("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
    const std::string note =
        "target is not Bottlerocket (ID=debian in /etc/os-release); checks evaluated as written "
        "for Bottlerocket";
    for (const auto& [key, o] : run_all(root)) {
        CAPTURE(key);
        if (o.info.mode == scanner::core::check_mode::manual) continue;
        CHECK(o.result.verdict == status::pass);
        REQUIRE(o.result.benchmark_notes.size() == 1);
        CHECK(o.result.benchmark_notes.front() == note);
    }
}

TEST_CASE("os-release falls back to /usr/lib/os-release") {
    fixture_root root;
    make_compliant(root);
    std::filesystem::remove(root.host_path("/etc/os-release"));
    root.write("/usr/lib/os-release", "ID=bottlerocket\n");
    CHECK(run_check(root, "1.4.1").result.benchmark_notes.empty());
}
