#include "logic/kernel_module.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace bottlerocket_os;

TEST_CASE("module_loaded matches the module name column only") {
    struct row {
        const char* listing;
        bool expected;
    };
    const row rows[] = {
        {"udf 139264 0 - Live 0x0\n", true},           // /proc/modules line
        {"udf\n", true},                               // names only, as the host gives
        {"udf\r\n", true},                             // CRLF
        {"crc_itu_t 16384 1 udf, Live 0x0\n", false},  // udf as a dependent
        {"my_udf 1 0 - Live 0x0\n", false},            // a longer name
        {"", false},                                   // nothing loaded
        {"ext4 1 0 - Live\nudf 1 0 - Live\n", true},   // not on the first line
    };
    for (const auto& r : rows) {
        INFO(std::string(r.listing));
        CHECK(module_loaded(r.listing, "udf") == r.expected);
    }
}

namespace {

verdict judge(const std::vector<config_text>& files, loaded_modules_reading loaded,
              bool live = true) {
    findings out;
    judge_module_disabled("udf", resolve_module_policy("udf", files), loaded, live, out);
    return out.decide();
}

}  // namespace

TEST_CASE("judge_module_disabled over configuration and load state") {
    const config_text disabled{"/etc/modprobe.d/m.conf", "install udf /bin/true\n", 0};
    const config_text disabled_false{"/etc/modprobe.d/m.conf", "install udf /bin/false\n", 0};
    const config_text blacklisted{"/etc/modprobe.d/m.conf", "blacklist udf\n", 0};
    const config_text chained{"/etc/modprobe.d/m.conf",
                              "install udf /bin/true; modprobe --ignore-install udf\n", 0};
    const config_text commented{"/etc/modprobe.d/m.conf", "#install udf /bin/true\n", 0};
    const config_text fifo{"/etc/modprobe.d/a.conf", "", EINVAL};
    const loaded_modules_reading none{"ext4\n", 0};
    const loaded_modules_reading udf{"udf\n", 0};
    const loaded_modules_reading absent{"", ENOENT};

    struct row {
        std::vector<config_text> files;
        loaded_modules_reading loaded;
        bool live;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {{disabled}, none, true, status::pass, ""},                          // compliant
        {{disabled_false}, none, true, status::pass, ""},                    // /bin/false too
        {{disabled}, udf, true, status::fail, "udf is currently loaded"},    // loaded anyway
        {{}, none, true, status::fail, "modprobe for udf is not disabled"},  // no rule
        {{blacklisted}, none, true, status::fail, "only stops loading by alias"},
        {{chained}, none, true, status::fail, "expected /bin/true or /bin/false"},
        {{commented}, none, true, status::fail, "not disabled"},  // comment ignored
        {{fifo, disabled}, none, true, status::error, "cannot read /etc/modprobe.d/a.conf"},
        {{disabled, fifo}, none, true, status::pass, ""},  // rule came first
        {{disabled}, absent, false, status::error, "only known on a live host"},
        {{}, absent, false, status::fail, "not disabled"},  // FAIL stands offline
        {{disabled}, absent, true, status::error, "cannot read /proc/modules"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.reason_part));
        auto v = judge(r.files, r.loaded, r.live);
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}

TEST_CASE("names from the target cannot forge lines of a report") {
    const config_text hostile{"/etc/modprobe.d/a\n[PASS] 1.1.1.1.conf", "", EINVAL};
    const config_text rule{"/etc/modprobe.d/b.conf", "install udf /bin/sh\x1b[2J\n", 0};
    auto v = judge({hostile, rule}, {"", 0});
    CHECK(v.state == status::error);
    CHECK(v.reason.find('\n') == std::string::npos);
    CHECK(v.reason.find("a\\x0a[PASS]") != std::string::npos);
    for (const auto& e : v.evidence) {
        CHECK(e.observed.find('\x1b') == std::string::npos);
    }
}
