#include "logic/dm_verity.hpp"

#include <doctest/doctest.h>

using namespace bottlerocket_os;

namespace {

constexpr const char* good =
    "BOOT_IMAGE=/vmlinuz root=/dev/dm-0 rootwait ro dm-mod.create=\"root,,,ro,0 1884160 verity 1 "
    "PARTUUID=a/PARTNROFF=1 PARTUUID=a/PARTNROFF=2 4096 4096 235520 1 sha256 d1 s1 2 "
    "restart_on_corruption ignore_zero_blocks\" -- systemd.log_target=journal\n";

verdict judge(std::string_view cmdline) {
    findings out;
    judge_dm_verity(cmdline, "/proc/cmdline", out);
    return out.decide();
}

}  // namespace

TEST_CASE("parse_kernel_cmdline splits like the kernel") {
    auto params = parse_kernel_cmdline("a=1 b=\"x y\" c \"d=e f\" -- root=/dev/sda");
    REQUIRE(params.size() == 4);
    CHECK(params[0].name == "a");
    CHECK(params[1].value == "x y");  // quoted value keeps its blank
    CHECK_FALSE(params[2].has_value);
    CHECK(params[3].name == "d");  // a quoted whole parameter
    CHECK(params[3].value == "e f");
}

TEST_CASE("judge_dm_verity") {
    struct row {
        std::string cmdline;
        status expected;
        const char* reason_part;
    };
    const std::string g = good;
    const row rows[] = {
        {g, status::pass, ""},  // Bottlerocket's command line
        {"root=/dev/xvda1 ro", status::fail, "root=/dev/xvda1, expected /dev/dm-0"},
        {"root=/dev/dm-0 ro", status::fail, "no dm-mod.create"},
        // root= after "--" belongs to init, not the kernel
        {"ro dm-mod.create=\"root,,,ro,0 8 verity 1 a b 4096 4096 1 1 sha256 d s 1 "
         "restart_on_corruption\" -- root=/dev/dm-0",
         status::fail, "root=<unset>"},
        // the last root= wins, as in the kernel
        {"root=/dev/dm-0 root=/dev/xvda1 " + g.substr(g.find("dm-mod")), status::fail,
         "root=/dev/xvda1"},
        // without restart_on_corruption, even if the word appears elsewhere
        {"root=/dev/dm-0 foo=restart_on_corruption dm-mod.create=\"root,,,ro,0 8 verity 1 a b "
         "4096 4096 1 1 sha256 d s\"",
         status::fail, "lacks restart_on_corruption"},
        {"root=/dev/dm-0 dm-mod.create=\"root,,,rw,0 8 verity 1 a b 4096 4096 1 1 sha256 d s 1 "
         "restart_on_corruption\"",
         status::fail, "not read-only"},
        {"root=/dev/dm-0 dm-mod.create=\"root,,,ro,0 8 linear /dev/sda 0\"", status::fail,
         "not a verity target"},
        {"root=/dev/dm-0 dm-mod.create=\"usr,,,ro,0 8 verity 1 a b 4096 4096 1 1 sha256 d s 1 "
         "restart_on_corruption\"",
         status::fail, "no device named root"},
        // dm_mod.create is the same parameter for the kernel
        {"root=/dev/dm-0 dm_mod.create=\"root,,,ro,0 8 verity 1 a b 4096 4096 1 1 sha256 d s 1 "
         "restart_on_corruption\"",
         status::pass, ""},
        {std::string(good).replace(g.find('\n'), 1, "\r\n"), status::pass, ""},  // CRLF
    };
    for (const auto& r : rows) {
        CAPTURE(r.cmdline);
        auto v = judge(r.cmdline);
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}
