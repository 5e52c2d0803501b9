#include "logic/address_range.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string_view>

using scanner::network_firewall::address_range;
using scanner::network_firewall::ip_family;
using scanner::network_firewall::parse_interval;
using scanner::network_firewall::parse_prefix;

namespace {

address_range prefix(std::string_view text) {
    auto r = parse_prefix(text);
    REQUIRE_MESSAGE(r.has_value(), text);
    return *r;
}

}  // namespace

TEST_CASE("parse_prefix reads the address forms iptables-save and nft print") {
    struct example {
        std::string_view text;
        bool valid;
        ip_family family;
    };
    const example examples[] = {
        {"127.0.0.0/8", true, ip_family::ipv4},           // CIDR, as iptables-save prints it
        {"127.0.0.1", true, ip_family::ipv4},             // a host without a length
        {"10.0.0.0/255.0.0.0", true, ip_family::ipv4},    // a dotted mask (old iptables)
        {"10.0.0.0/255.0.255.0", false, {}},              // a mask with a hole has no range form
        {"0.0.0.0/0", true, ip_family::ipv4},             // everything
        {"::1/128", true, ip_family::ipv6},               // the IPv6 loopback
        {"::1", true, ip_family::ipv6},                   // ... without a length
        {"::/0", true, ip_family::ipv6},                  // everything
        {"fe80::/10", true, ip_family::ipv6},             // a compressed tail
        {"2001:db8:0:0:0:0:0:1", true, ip_family::ipv6},  // no compression
        {"::ffff:10.0.0.1", true, ip_family::ipv6},       // an embedded IPv4 tail
        {"256.0.0.1", false, {}},                         // octet out of range
        {"1.2.3", false, {}},                             // too few octets
        {"1.2.3.4/33", false, {}},                        // length beyond the family
        {"1::2::3", false, {}},                           // two gaps
        {"localhost", false, {}},                         // names are not resolved
        {"", false, {}},                                  // nothing
    };
    for (const auto& e : examples) {
        CAPTURE(e.text);
        auto r = parse_prefix(e.text);
        CHECK(r.has_value() == e.valid);
        if (r && e.valid) CHECK(r->family == e.family);
    }
}

TEST_CASE("ranges know containment and disjointness") {
    CHECK(prefix("127.0.0.0/8").contains(prefix("127.0.0.1")));
    CHECK(prefix("0.0.0.0/0").contains(prefix("127.0.0.0/8")));
    CHECK_FALSE(prefix("127.0.0.1/32").contains(prefix("127.0.0.0/8")));
    CHECK(prefix("10.0.0.0/8").disjoint(prefix("127.0.0.0/8")));
    CHECK_FALSE(prefix("127.0.0.1/32").disjoint(prefix("127.0.0.0/8")));
    CHECK(prefix("10.0.0.0/255.0.0.0") == prefix("10.0.0.0/8"));
    CHECK(prefix("10.1.2.3/8") == prefix("10.0.0.0/8"));  // host bits are ignored, as iptables does
    CHECK(prefix("::1") == prefix("0:0:0:0:0:0:0:1/128"));
    CHECK(prefix("::/0").contains(prefix("::1")));
    CHECK(prefix("::1").disjoint(prefix("127.0.0.1")));  // families never overlap
    auto interval = parse_interval("10.0.0.1-10.0.0.5");
    REQUIRE(interval.has_value());
    CHECK(interval->contains(prefix("10.0.0.4")));
    CHECK(interval->disjoint(prefix("10.0.0.6")));
    CHECK_FALSE(parse_interval("10.0.0.5-10.0.0.1").has_value());
}
