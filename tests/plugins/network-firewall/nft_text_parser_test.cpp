#include "logic/nft_text_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "logic/chain_walk.hpp"

using namespace scanner::network_firewall;

namespace {

const std::string source = "/etc/nftables.conf";

// Debian's /etc/nftables.conf as the nftables package installs it.
constexpr std::string_view debian_default = R"(#!/usr/sbin/nft -f

flush ruleset

table inet filter {
	chain input {
		type filter hook input priority filter;
	}
	chain forward {
		type filter hook forward priority filter;
	}
	chain output {
		type filter hook output priority filter;
	}
}
)";

// A hardened file in the style `nft list ruleset` prints.
constexpr std::string_view hardened = R"(flush ruleset
table inet fw {
	set blocked {
		type ipv4_addr
		flags interval
		elements = { 192.0.2.0/24,
			     198.51.100.0/24 }
	}

	chain in {
		type filter hook input priority 0; policy drop;
		ct state invalid drop
		iif "lo" counter packets 0 bytes 0 accept comment "loopback"
		iifname != "lo" ip saddr 127.0.0.0/8 log prefix "spoofed: " drop
		ip6 saddr ::1 iifname != lo reject with icmpv6 type admin-prohibited
		ct state established,related accept
		tcp dport { 22, 443 } jump services
		ip saddr @blocked drop
		meta l4proto vmap { tcp : accept, udp : drop }
	}

	chain services {
		ip saddr 10.0.0.1-10.0.0.9 accept
		return
	}

	chain out { type filter hook output priority 0; policy drop; oifname "lo" accept; }
}
table netdev early { chain ingress { type filter hook ingress device eth0 priority -500; } }
)";

packet_class lo_in(ip_family family) {
    packet_class p = packet_class::any(family);
    p.in = {interface_fact::kind::is, "lo"};
    p.source = loopback_range(family);
    return p;
}

packet_class spoofed(ip_family family) {
    packet_class p = packet_class::any(family);
    p.in = {interface_fact::kind::is_not, "lo"};
    p.source = loopback_range(family);
    return p;
}

}  // namespace

TEST_CASE("parse_nft_text reads Debian's default nftables.conf") {
    auto parsed = parse_nft_text(debian_default, source);
    REQUIRE_MESSAGE(parsed, parsed.error.message);
    REQUIRE(parsed.value.size() == 1);
    const table& t = parsed.value[0];
    CHECK(t.family == table_family::inet);
    CHECK(t.name == "filter");
    CHECK(t.source == source);
    REQUIRE(t.chains.size() == 3);
    CHECK(t.chains[0].attached == hook::input);
    CHECK(t.chains[1].attached == hook::forward);
    CHECK(t.chains[2].attached == hook::output);
    for (const auto& c : t.chains) {
        CHECK(c.filters);
        CHECK(c.fallback == policy::accept);  // no policy given: accept
        CHECK(c.rules.empty());
    }
}

TEST_CASE("parse_nft_text reads rules by meaning") {
    auto parsed = parse_nft_text(hardened, source);
    REQUIRE_MESSAGE(parsed, parsed.error.message);
    REQUIRE(parsed.value.size() == 1);  // the netdev table filters no IP hook
    const table& t = parsed.value[0];
    REQUIRE(t.chains.size() == 3);
    const chain& in = t.chains[0];
    CHECK(in.fallback == policy::drop);
    REQUIRE(in.rules.size() == 8);

    struct example {
        size_t index;
        coverage on_lo_v4;
        coverage on_spoofed_v4;
        coverage on_lo_v6;
        action verdict;
        uint32_t line;
    };
    const example examples[] = {
        // ct state invalid drop: some packets
        {0, coverage::some, coverage::some, coverage::some, action::drop, 12},
        // iif "lo" counter packets 0 bytes 0 accept comment "loopback"
        {1, coverage::all, coverage::none, coverage::all, action::accept, 13},
        // iifname != "lo" ip saddr 127.0.0.0/8 log prefix "spoofed: " drop
        {2, coverage::none, coverage::all, coverage::none, action::drop, 14},
        // ip6 saddr ::1 iifname != lo reject with icmpv6 type admin-prohibited
        {3, coverage::none, coverage::none, coverage::none, action::reject, 15},
        // ct state established,related accept
        {4, coverage::some, coverage::some, coverage::some, action::accept, 16},
        // tcp dport { 22, 443 } jump services
        {5, coverage::some, coverage::some, coverage::some, action::jump, 17},
        // ip saddr @blocked drop: a named set is not evaluated, but it is IPv4 only
        {6, coverage::some, coverage::some, coverage::none, action::drop, 18},
        // meta l4proto vmap { tcp : accept, udp : drop }: verdicts we cannot attribute
        {7, coverage::some, coverage::some, coverage::some, action::next, 19},
    };
    for (const auto& e : examples) {
        CAPTURE(e.index);
        const rule& r = in.rules[e.index];
        CHECK(covers(r, lo_in(ip_family::ipv4)) == e.on_lo_v4);
        CHECK(covers(r, spoofed(ip_family::ipv4)) == e.on_spoofed_v4);
        CHECK(covers(r, lo_in(ip_family::ipv6)) == e.on_lo_v6);
        CHECK(r.verdict == e.verdict);
        CHECK(r.line == e.line);
    }
    CHECK(covers(in.rules[3], spoofed(ip_family::ipv6)) == coverage::all);
    CHECK(in.rules[1].text == "iif \"lo\" counter packets 0 bytes 0 accept comment \"loopback\"");
    CHECK(in.rules[5].target_index == 1);
    CHECK(in.rules[7].text == "meta l4proto vmap { tcp : accept, udp : drop }");

    const chain& services = t.chains[1];
    CHECK(services.attached == hook::none);
    REQUIRE(services.rules.size() == 2);
    CHECK(services.rules[1].verdict == action::ret);

    const chain& out = t.chains[2];  // statements separated by ';' on one line
    CHECK(out.attached == hook::output);
    CHECK(out.fallback == policy::drop);
    REQUIRE(out.rules.size() == 1);
    CHECK(out.rules[0].verdict == action::accept);
}

TEST_CASE("parse_nft_text merges a table declared twice and honours flush ruleset") {
    auto parsed = parse_nft_text(
        "table ip old { chain c { type filter hook input priority 0; policy accept; } }\n"
        "flush ruleset\n"
        "table ip t { chain a { type filter hook input priority 0; policy drop; } }\n"
        "table ip t { chain b { jump a; } }\n",
        source);
    REQUIRE_MESSAGE(parsed, parsed.error.message);
    REQUIRE(parsed.value.size() == 1);
    CHECK(parsed.value[0].name == "t");
    CHECK(parsed.value[0].chains.size() == 2);
}

TEST_CASE("parse_nft_text names the line of what it cannot evaluate") {
    struct example {
        std::string_view text;
        uint32_t line;
        std::string_view message_part;
    };
    const example examples[] = {
        // included files are not read
        {"flush ruleset\ninclude \"/etc/nftables.d/*.nft\"\n", 2, "include is not evaluated"},
        // variables
        {"define lan = 10.0.0.0/8\n", 1, "variables"},
        // command style
        {"add table inet t\n", 1, "command-style"},
        // a table that never closes
        {"table inet t {\n chain c {\n", 3, "has no closing }"},
        // an unterminated string
        {"table inet t {\n chain c {\n iifname \"lo accept\n }\n}\n", 3, "unterminated string"},
        // a policy that is no verdict
        {"table inet t {\n chain c {\n type filter hook input priority 0; policy reject;\n}\n}\n",
         3, "policy must be accept or drop"},
        // a jump to nowhere
        {"table inet t {\n chain c {\n jump nowhere\n }\n}\n", 3, "jumps to chain nowhere"},
        // something else at the top level
        {"chain c { }\n", 1, "unexpected chain"},
    };
    for (const auto& e : examples) {
        CAPTURE(e.text);
        auto parsed = parse_nft_text(e.text, source);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error.line == e.line);
        CHECK_MESSAGE(parsed.error.message.find(e.message_part) != std::string::npos,
                      parsed.error.message);
    }
}
