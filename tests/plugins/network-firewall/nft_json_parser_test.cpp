#include "logic/nft_json_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "logic/chain_walk.hpp"

using namespace scanner::network_firewall;

namespace {

const std::string source = "/usr/sbin/nft -j list ruleset";

std::string document(std::string_view objects) {
    return R"({"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}})" +
           std::string(objects.empty() ? "" : ", ") + std::string(objects) + "]}";
}

// An inet table "fw" with base chain "in" (hook input, policy drop) holding `rules` (JSON rule
// expressions, one per element), a regular chain "sub", and the named set "local".
std::string fw_table(std::initializer_list<std::string_view> rules) {
    std::string objects =
        R"({"table": {"family": "inet", "name": "fw", "handle": 1}},)"
        R"({"set": {"family": "inet", "name": "local", "table": "fw", "type": "ipv4_addr",)"
        R"( "flags": ["interval"], "elem": [{"prefix": {"addr": "127.0.0.0", "len": 8}}]}},)"
        R"({"chain": {"family": "inet", "table": "fw", "name": "in", "handle": 1,)"
        R"( "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}},)"
        R"({"chain": {"family": "inet", "table": "fw", "name": "sub", "handle": 2}})";
    int handle = 10;
    for (auto expr : rules) {
        objects += R"(,{"rule": {"family": "inet", "table": "fw", "chain": "in", "handle": )" +
                   std::to_string(handle++) + R"(, "expr": )" + std::string(expr) + "}}";
    }
    return document(objects);
}

const rule& first_rule(const parse_result<std::vector<table>>& parsed) {
    REQUIRE_MESSAGE(parsed, parsed.error.message);
    REQUIRE(parsed.value.size() == 1);
    REQUIRE(!parsed.value[0].chains.at(0).rules.empty());
    return parsed.value[0].chains[0].rules[0];
}

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

TEST_CASE("parse_nft_json reads tables, base chains and policies") {
    SUBCASE("an empty ruleset has no tables") {
        auto parsed = parse_nft_json(document(""), source);
        REQUIRE(parsed);
        CHECK(parsed.value.empty());
    }
    SUBCASE("base chains carry hook, type and policy; regular chains none") {
        auto parsed = parse_nft_json(fw_table({}), source);
        REQUIRE(parsed);
        const table& t = parsed.value.at(0);
        CHECK(t.family == table_family::inet);
        CHECK(t.managed_by == backend::nftables);
        CHECK(t.source == source);
        REQUIRE(t.chains.size() == 2);
        CHECK(t.chains[0].attached == hook::input);
        CHECK(t.chains[0].filters);
        CHECK(t.chains[0].fallback == policy::drop);
        CHECK(t.chains[1].attached == hook::none);
        CHECK_FALSE(t.chains[1].filters);
    }
    SUBCASE("tables iptables-nft-save described, and non-IP families, are left out") {
        auto parsed = parse_nft_json(
            document(
                R"({"table": {"family": "ip", "name": "filter", "handle": 1}},)"
                R"({"chain": {"family": "ip", "table": "filter", "name": "INPUT", "handle": 1,)"
                R"( "type": "filter", "hook": "input", "prio": 0, "policy": "accept"}},)"
                R"({"table": {"family": "bridge", "name": "br", "handle": 2}},)"
                R"({"table": {"family": "ip6", "name": "filter", "handle": 3}})"),
            source, {{table_family::ip, "filter"}});
        REQUIRE(parsed);
        REQUIRE(parsed.value.size() == 1);
        CHECK(parsed.value[0].family == table_family::ip6);
    }
    SUBCASE("a nat chain hooked at output does not filter") {
        auto parsed = parse_nft_json(
            document(R"({"table": {"family": "ip", "name": "nat", "handle": 1}},)"
                     R"({"chain": {"family": "ip", "table": "nat", "name": "OUTPUT", "handle": 1,)"
                     R"( "type": "nat", "hook": "output", "prio": -100, "policy": "accept"}})"),
            source);
        REQUIRE(parsed);
        CHECK_FALSE(parsed.value.at(0).chains.at(0).filters);
    }
}

TEST_CASE("parse_nft_json reads rule statements by meaning") {
    struct example {
        std::string_view expr;
        coverage on_lo_v4;       // of IPv4 traffic arriving on lo from 127.0.0.0/8
        coverage on_spoofed_v4;  // of IPv4 traffic from 127.0.0.0/8 on another interface
        coverage on_lo_v6;       // of IPv6 traffic arriving on lo from ::1
        action verdict;
    };
    const example examples[] = {
        // iifname "lo" accept
        {R"([{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "lo"}},)"
         R"( {"accept": null}])",
         coverage::all, coverage::none, coverage::all, action::accept},
        // iif "lo" counter accept (the ifindex form prints the name)
        {R"([{"match": {"op": "==", "left": {"meta": {"key": "iif"}}, "right": "lo"}},)"
         R"( {"counter": {"packets": 0, "bytes": 0}}, {"accept": null}])",
         coverage::all, coverage::none, coverage::all, action::accept},
        // iifname != "lo" ip saddr 127.0.0.0/8 drop: IPv4 only in an inet table
        {R"([{"match": {"op": "!=", "left": {"meta": {"key": "iifname"}}, "right": "lo"}},)"
         R"( {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}},)"
         R"( "right": {"prefix": {"addr": "127.0.0.0", "len": 8}}}}, {"drop": null}])",
         coverage::none, coverage::all, coverage::none, action::drop},
        // ip6 saddr ::1 reject with icmpv6 admin-prohibited
        {R"([{"match": {"op": "==", "left": {"payload": {"protocol": "ip6", "field": "saddr"}},)"
         R"( "right": "::1"}}, {"reject": {"type": "icmpv6", "expr": "admin-prohibited"}}])",
         coverage::none, coverage::none, coverage::all, action::reject},
        // ip saddr @local drop: a named set holding 127.0.0.0/8
        {R"([{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}},)"
         R"( "right": "@local"}}, {"drop": null}])",
         coverage::all, coverage::all, coverage::none, action::drop},
        // ip saddr { 10.1.0.0-10.2.255.255 } accept: a set of an interval
        {R"([{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}},)"
         R"( "right": {"set": [{"range": ["10.1.0.0", "10.2.255.255"]}]}}}, {"accept": null}])",
         coverage::none, coverage::none, coverage::none, action::accept},
        // ct state established,related accept: only some packets
        {R"([{"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": ["established",)"
         R"( "related"]}}, {"accept": null}])",
         coverage::some, coverage::some, coverage::some, action::accept},
        // meta nfproto ipv4 log prefix "x " drop
        {R"([{"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": "ipv4"}},)"
         R"( {"log": {"prefix": "x "}}, {"drop": null}])",
         coverage::all, coverage::all, coverage::none, action::drop},
        // iifname "eth*" drop: a wildcard
        {R"([{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "eth*"}},)"
         R"( {"drop": null}])",
         coverage::none, coverage::some, coverage::none, action::drop},
        // ip protocol tcp accept: another IPv4 header field
        {R"([{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "protocol"}},)"
         R"( "right": "tcp"}}, {"accept": null}])",
         coverage::some, coverage::some, coverage::none, action::accept},
        // meta l4proto vmap { tcp : accept, udp : drop }: verdicts we cannot attribute
        {R"([{"vmap": {"key": {"meta": {"key": "l4proto"}}, "data": {"set": [["tcp",)"
         R"( {"accept": null}], ["udp", {"drop": null}]]}}}])",
         coverage::some, coverage::some, coverage::some, action::next},
        // iptables-nft: -m comment is an xt match that narrows nothing
        {R"([{"xt": {"type": "match", "name": "comment"}}, {"counter": {"packets": 0,)"
         R"( "bytes": 0}}, {"drop": null}])",
         coverage::all, coverage::all, coverage::all, action::drop},
        // iptables-nft: another xt match narrows the rule
        {R"([{"xt": {"type": "match", "name": "addrtype"}}, {"drop": null}])", coverage::some,
         coverage::some, coverage::some, action::drop},
        // queue: the verdict comes from userspace
        {R"([{"queue": {"num": 1}}])", coverage::all, coverage::all, coverage::all,
         action::unknown},
        // jump sub
        {R"([{"jump": {"target": "sub"}}])", coverage::all, coverage::all, coverage::all,
         action::jump},
    };
    for (const auto& e : examples) {
        CAPTURE(e.expr);
        auto parsed = parse_nft_json(fw_table({e.expr}), source);
        const rule& r = first_rule(parsed);
        CHECK(covers(r, lo_in(ip_family::ipv4)) == e.on_lo_v4);
        CHECK(covers(r, spoofed(ip_family::ipv4)) == e.on_spoofed_v4);
        CHECK(covers(r, lo_in(ip_family::ipv6)) == e.on_lo_v6);
        CHECK(r.verdict == e.verdict);
    }
}

TEST_CASE("parse_nft_json renders rules for evidence") {
    auto parsed = parse_nft_json(
        fw_table(
            {R"([{"match": {"op": "!=", "left": {"meta": {"key": "iifname"}}, "right": "lo"}},)"
             R"( {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field":)"
             R"( "saddr"}}, "right": {"prefix": {"addr": "127.0.0.0", "len": 8}}}},)"
             R"( {"counter": {"packets": 0, "bytes": 0}}, {"drop": null}])"}),
        source);
    CHECK(first_rule(parsed).text == "iifname != lo ip saddr 127.0.0.0/8 counter drop # handle 10");
}

TEST_CASE("parse_nft_json refuses malformed input") {
    struct example {
        std::string text;
        uint32_t line;
        std::string_view message_part;
    };
    const example examples[] = {
        // not JSON: the line of the error is named
        {"{\"nftables\": [\n{\"table\": \n}", 3, "cannot parse nft JSON"},
        // JSON without the nftables array
        {R"({"tables": []})", 0, "no \"nftables\" array"},
        // a rule for a chain that does not exist
        {document(R"({"table": {"family": "inet", "name": "t", "handle": 1}},)"
                  R"({"rule": {"family": "inet", "table": "t", "chain": "x", "expr": []}})"),
         0, "names chain x"},
        // a jump to a chain that does not exist
        {fw_table({R"([{"jump": {"target": "nowhere"}}])"}), 0, "jumps to chain nowhere"},
    };
    for (const auto& e : examples) {
        CAPTURE(e.text);
        auto parsed = parse_nft_json(e.text, source);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error.line == e.line);
        CHECK_MESSAGE(parsed.error.message.find(e.message_part) != std::string::npos,
                      parsed.error.message);
    }
}
