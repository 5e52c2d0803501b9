#include "logic/os_release.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace bottlerocket_os;

TEST_CASE("os_release_value") {
    struct row {
        const char* text;
        std::optional<std::string> id;
    };
    const row rows[] = {
        {"NAME=Bottlerocket\nID=bottlerocket\n", "bottlerocket"},  // plain
        {"ID=\"debian\"\n", "debian"},                             // double quotes
        {"ID='ubuntu'\r\n", "ubuntu"},                             // single quotes, CRLF
        {"#ID=bottlerocket\nID=debian\n", "debian"},               // comment
        {"ID_LIKE=bottlerocket\n", std::nullopt},                  // another key
        {"ID=\"a\\\"b\"\n", "a\"b"},                               // escape
    };
    for (const auto& r : rows) {
        INFO(std::string(r.text));
        CHECK(os_release_value(r.text, "ID") == r.id);
    }
}

TEST_CASE("not_bottlerocket_note") {
    CHECK_FALSE(not_bottlerocket_note({"/etc/os-release", "ID=bottlerocket\n", 0}));
    CHECK(not_bottlerocket_note({"/etc/os-release", "ID=debian\n", 0}) ==
          "target is not Bottlerocket (ID=debian in /etc/os-release); checks evaluated as "
          "written for Bottlerocket");
    CHECK(not_bottlerocket_note({"/usr/lib/os-release", "", ENOENT})->find("no /etc/os-release") !=
          std::string::npos);
    CHECK(not_bottlerocket_note({"/etc/os-release", "", EINVAL})
              ->find("cannot read /etc/os-release: Invalid argument") != std::string::npos);
}
