// 1.3.1 dm-verity, 1.5.1 SELinux and 1.5.2 lockdown on fixture roots.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/plugins/bottlerocket-os/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::bottlerocket;

TEST_CASE("dm-verity from /proc/cmdline") {
    SUBCASE("root not on dm-0") {
        fixture_root root;
        make_compliant(root);
        root.write("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/nvme0n1p3 ro\n");
        auto o = run_check(root, "1.3.1");
        CHECK(o.result.verdict == status::fail);
        CHECK(reason_has(o, "root=/dev/nvme0n1p3, expected /dev/dm-0 (/proc/cmdline)"));
        CHECK(reason_has(o, "no dm-mod.create"));
    }
    SUBCASE("the words anywhere but in the verity table do not count") {
        fixture_root root;
        make_compliant(root);
        root.write("/proc/cmdline",
                   "root=/dev/dm-0 note=dm-mod.create=root,,,ro,0 x=restart_on_corruption\n");
        CHECK(run_check(root, "1.3.1").result.verdict == status::fail);
    }
    SUBCASE("no /proc/cmdline under the root") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/proc/cmdline"));
        auto o = run_check(root, "1.3.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "the kernel command line is only known on a live host"));
    }
    SUBCASE("a FIFO as /proc/cmdline") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/proc/cmdline"));
        root.mkfifo("/proc/cmdline");
        auto o = run_check(root, "1.3.1");
        CHECK(o.result.verdict == status::error);
        CHECK(o.result.reason == "cannot read /proc/cmdline: Invalid argument");
    }
}

TEST_CASE("SELinux from selinuxfs and /etc/selinux/config") {
    struct row {
        const char* what;
        const char* path;
        const char* content;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {"permissive now", "/sys/fs/selinux/enforce", "0", status::fail,
         "current mode is not enforcing: /sys/fs/selinux/enforce = 0, expected 1"},
        {"no MLS", "/sys/fs/selinux/mls", "0", status::fail, "policy MLS status"},
        {"unknown allowed", "/sys/fs/selinux/deny_unknown", "0", status::fail, "deny_unknown"},
        {"checkreqprot", "/sys/fs/selinux/checkreqprot", "1", status::fail, "memory protection"},
        {"config permissive", "/etc/selinux/config", "SELINUX=permissive\nSELINUXTYPE=fortified\n",
         status::fail, "mode from config file is permissive, expected enforcing"},
        {"config targeted", "/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n",
         status::fail, "loaded policy name is targeted, expected fortified"},
        {"config commented", "/etc/selinux/config", "#SELINUX=enforcing\n#SELINUXTYPE=fortified\n",
         status::fail, "expected enforcing"},
        {"config CRLF", "/etc/selinux/config", "SELINUX=enforcing\r\nSELINUXTYPE=fortified\r\n",
         status::pass, ""},
        {"config repeated lines", "/etc/selinux/config",
         "SELINUX=enforcing\nSELINUX=enforcing\nSELINUXTYPE=fortified\nSELINUXTYPE=fortified\n",
         status::pass, ""},
        {"enforce CRLF", "/sys/fs/selinux/enforce", "1\r\n", status::pass, ""},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.what));
        fixture_root root;
        make_compliant(root);
        root.write(r.path, r.content);
        auto o = run_check(root, "1.5.1");
        CAPTURE(o.result.reason);
        CHECK(o.result.verdict == r.expected);
        CHECK(reason_has(o, r.reason_part));
    }
}

TEST_CASE("SELinux inputs that cannot be read") {
    SUBCASE("selinuxfs absent under a root") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove_all(root.host_path("/sys/fs/selinux"));
        auto o = run_check(root, "1.5.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "SELinux's running state is only known on a live host"));
    }
    SUBCASE("a FIFO as /etc/selinux/config") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/etc/selinux/config"));
        root.mkfifo("/etc/selinux/config");
        auto o = run_check(root, "1.5.1");
        CHECK(o.result.verdict == status::error);
        CHECK(o.result.reason == "cannot read /etc/selinux/config: Invalid argument");
    }
    SUBCASE("/etc/selinux/config absent: libselinux's defaults do not comply") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/etc/selinux/config"));
        auto o = run_check(root, "1.5.1");
        CHECK(o.result.verdict == status::fail);
        CHECK(reason_has(o, "loaded policy name is targeted"));
    }
}

TEST_CASE("lockdown from securityfs") {
    struct row {
        const char* content;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {"none [integrity] confidentiality\r\n", status::pass, ""},
        {"[none] integrity confidentiality\n", status::fail,
         "lockdown mode is none, expected integrity (/sys/kernel/security/lockdown)"},
        {"none integrity [confidentiality]\n", status::fail, "lockdown mode is confidentiality"},
        {"none integrity confidentiality\n", status::error, "cannot parse"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.content));
        fixture_root root;
        make_compliant(root);
        root.write("/sys/kernel/security/lockdown", r.content);
        auto o = run_check(root, "1.5.2");
        CHECK(o.result.verdict == r.expected);
        CHECK(reason_has(o, r.reason_part));
    }

    SUBCASE("absent under a root") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/sys/kernel/security/lockdown"));
        auto o = run_check(root, "1.5.2");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "the lockdown mode is only known on a live host"));
    }
}
