// 1.1.1.1 (udf) and 3.3.1 (sctp) on fixture roots: modprobe.d in place of `modprobe -n -v`.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/plugins/bottlerocket-os/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::bottlerocket;

namespace {

constexpr const char* allowed_conf = "/etc/modprobe.d/modules-allowed.conf";

// A compliant root whose modprobe.d holds only `config` at `path`.
void with_config(const fixture_root& root, const std::string& path, const std::string& config) {
    make_compliant(root);
    std::filesystem::remove(root.host_path(allowed_conf));
    if (!path.empty()) root.write(path, config);
}

}  // namespace

TEST_CASE("udf and sctp: configuration cases") {
    struct row {
        const char* what;
        const char* path;
        const char* config;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {"install /bin/true", "/etc/modprobe.d/m.conf",
         "install udf /bin/true\ninstall sctp /bin/true\n", status::pass, ""},
        {"install /bin/false", "/etc/modprobe.d/m.conf",
         "install udf /bin/false\ninstall sctp /bin/false\n", status::pass, ""},
        {"CRLF", "/etc/modprobe.d/m.conf", "install udf /bin/true\r\ninstall sctp /bin/true\r\n",
         status::pass, ""},
        {"in /lib/modprobe.d", "/lib/modprobe.d/m.conf",
         "install udf /bin/true\ninstall sctp /bin/true\n", status::pass, ""},
        {"in /run/modprobe.d", "/run/modprobe.d/m.conf",
         "install udf /bin/true\ninstall sctp /bin/true\n", status::pass, ""},
        {"duplicated lines", "/etc/modprobe.d/m.conf",
         "install udf /bin/true\ninstall udf /bin/true\ninstall sctp /bin/true\n"
         "install sctp /bin/true\n",
         status::pass, ""},
        {"no configuration", "", "", status::fail, "is not disabled"},
        {"commented out", "/etc/modprobe.d/m.conf",
         "# install udf /bin/true\n#install sctp /bin/true\n", status::fail, "is not disabled"},
        {"blacklist only", "/etc/modprobe.d/m.conf", "blacklist udf\nblacklist sctp\n",
         status::fail, "only stops loading by alias"},
        {"file name without .conf", "/etc/modprobe.d/m.disabled",
         "install udf /bin/true\ninstall sctp /bin/true\n", status::fail, "is not disabled"},
        {"chained command", "/etc/modprobe.d/m.conf",
         "install udf /bin/true; /sbin/modprobe --ignore-install udf\n"
         "install sctp /bin/true && /sbin/modprobe --ignore-install sctp\n",
         status::fail, "expected /bin/true or /bin/false"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.what));
        fixture_root root;
        with_config(root, r.path, r.config);
        auto all = run_all(root);
        for (const char* id : {"1.1.1.1", "3.3.1"}) {
            INFO(std::string(id));
            const auto& o = all.at(id);
            CAPTURE(o.result.reason);
            CHECK(o.result.verdict == r.expected);
            CHECK(reason_has(o, r.reason_part));
        }
    }
}

TEST_CASE("a name in /etc/modprobe.d hides the same name in /usr/lib/modprobe.d") {
    fixture_root root;
    with_config(root, "/usr/lib/modprobe.d/modules.conf", "install udf /bin/true\n");
    root.write("/etc/modprobe.d/modules.conf", "# emptied by the administrator\n");
    auto o = run_check(root, "1.1.1.1");
    CHECK(o.result.verdict == status::fail);
}

TEST_CASE("the first install rule in name order wins") {
    fixture_root root;
    with_config(root, "/usr/lib/modprobe.d/10-udf.conf",
                "install udf /sbin/modprobe --ignore-install udf\n");
    root.write("/etc/modprobe.d/20-udf.conf", "install udf /bin/true\n");
    auto o = run_check(root, "1.1.1.1");
    CHECK(o.result.verdict == status::fail);
    CHECK(reason_has(o, "/usr/lib/modprobe.d/10-udf.conf:1"));
}

TEST_CASE("a loaded module fails even when modprobe is disabled") {
    fixture_root root;
    make_compliant(root);
    root.write("/proc/modules",
               "udf 139264 0 - Live 0x0000000000000000\n"
               "sctp 434176 2 - Live 0x0000000000000000\n");
    auto all = run_all(root);
    CHECK(all.at("1.1.1.1").result.verdict == status::fail);
    CHECK(all.at("1.1.1.1").result.reason == "udf is currently loaded (/proc/modules)");
    CHECK(all.at("3.3.1").result.reason == "sctp is currently loaded (/proc/modules)");
}

TEST_CASE("a module named only as a dependent is not loaded") {
    fixture_root root;
    make_compliant(root);
    root.write("/proc/modules",
               "crc_itu_t 16384 1 udf, Live 0x0\nlibcrc32c 16384 1 sctp, Live 0x0\n");
    auto all = run_all(root);
    CHECK(all.at("1.1.1.1").result.verdict == status::pass);
    CHECK(all.at("3.3.1").result.verdict == status::pass);
}

TEST_CASE("unreadable inputs of the module checks") {
    SUBCASE("no /proc/modules under the root") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path("/proc/modules"));
        auto o = run_check(root, "1.1.1.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "only known on a live host"));
    }
    SUBCASE("a FIFO in modprobe.d before the rule") {
        fixture_root root;
        make_compliant(root);
        root.mkfifo("/etc/modprobe.d/00-pipe.conf");
        auto o = run_check(root, "3.3.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "cannot read /etc/modprobe.d/00-pipe.conf: Invalid argument"));
    }
    SUBCASE("a FIFO in modprobe.d after the rule does not matter") {
        fixture_root root;
        make_compliant(root);
        root.mkfifo("/etc/modprobe.d/zz-pipe.conf");
        CHECK(run_check(root, "3.3.1").result.verdict == status::pass);
    }
    SUBCASE("a configuration file larger than the read cap") {
        fixture_root root;
        make_compliant(root);
        root.write("/etc/modprobe.d/00-huge.conf", std::string((1 << 20) + 1, '#'));
        auto o = run_check(root, "1.1.1.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "cannot read /etc/modprobe.d/00-huge.conf: File too large"));
    }
    SUBCASE("a dangling link in modprobe.d is skipped, as kmod skips it") {
        fixture_root root;
        make_compliant(root);
        root.symlink("/etc/modprobe.d/00-gone.conf", "/nowhere.conf");
        CHECK(run_check(root, "1.1.1.1").result.verdict == status::pass);
    }
}
