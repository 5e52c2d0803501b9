#include "logic/loopback.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ruleset_text.hpp"

using namespace scanner::network_firewall;
using namespace scanner::network_firewall::testing;
using scanner::sdk::status;

namespace {

struct example {
    std::string save;  // iptables-save text of the family judged
    std::string nft;   // nft JSON, may be empty
    status expected;
    std::vector<std::string> reason_parts;
};

void check(const example& e, ip_family family) {
    ruleset rules;
    if (!e.save.empty()) add_save(rules, e.save, family);
    if (!e.nft.empty()) add_nft(rules, e.nft);
    auto j = judge_loopback(rules, family);
    CHECK(j.verdict == e.expected);
    for (const auto& part : e.reason_parts) {
        CHECK_MESSAGE(j.reason.find(part) != std::string::npos, "reason: ", j.reason,
                      "\nmissing: ", part);
    }
    if (e.expected == status::pass) {
        CHECK(j.reason.empty());
        CHECK_FALSE(j.evidence.empty());
    }
}

const std::string canonical_v4 =
    "-A INPUT -i lo -j ACCEPT\n-A INPUT -s 127.0.0.0/8 -j DROP\n-A OUTPUT -o lo -j ACCEPT\n";

const std::string lo_accept_json =
    R"([{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "lo"}},)"
    R"( {"accept": null}])";
const std::string spoof_drop_json =
    R"([{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}},)"
    R"( "right": {"prefix": {"addr": "127.0.0.0", "len": 8}}}}, {"drop": null}])";
const std::string lo_out_json =
    R"([{"match": {"op": "==", "left": {"meta": {"key": "oifname"}}, "right": "lo"}},)"
    R"( {"accept": null}])";

}  // namespace

TEST_CASE("judge_loopback: PASS on the benchmark's rules, however they are written") {
    const example examples[] = {
        // the benchmark's remediation, verbatim
        {filter_table("DROP", "DROP", "DROP", canonical_v4), "", status::pass, {}},
        // the same with the protocol printed as 0 or all (core-kit#349)
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -p 0 -j ACCEPT\n-A INPUT -s 127.0.0.0/8 -p all -j DROP\n"
                      "-A OUTPUT -o lo -p all -j ACCEPT\n"),
         "",
         status::pass,
         {}},
        // with ACCEPT policies: the rules are what the benchmark asks for
        {filter_table("ACCEPT", "ACCEPT", "ACCEPT", canonical_v4), "", status::pass, {}},
        // unrelated rules before, between and after, in any order
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -m conntrack --ctstate INVALID -j DROP\n"
                      "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n"
                      "-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
                      "-A INPUT -s 127.0.0.0/8 -j DROP\n-A OUTPUT -p udp -j ACCEPT\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::pass,
         {}},
        // the spoof rule limited to other interfaces may even come first
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -s 127.0.0.0/8 ! -i lo -j DROP\n-A INPUT -i lo -j ACCEPT\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::pass,
         {}},
        // REJECT stops spoofed traffic as well as DROP
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -s 127.0.0.0/8 -j REJECT\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::pass,
         {}},
        // the rules live in user chains that the base chains jump to
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -j LOOPBACK\n-A OUTPUT -j LOOPBACK-OUT\n"
                      "-A LOOPBACK -i lo -j ACCEPT\n-A LOOPBACK -s 127.0.0.0/8 -j DROP\n"
                      "-A LOOPBACK-OUT -o lo -j ACCEPT\n",
                      ":LOOPBACK - [0:0]\n:LOOPBACK-OUT - [0:0]\n"),
         "",
         status::pass,
         {}},
        // native nftables
        {"",
         inet_table("fw", "drop", "drop", "drop",
                    inet_rule("fw", "in", lo_accept_json) + "," +
                        inet_rule("fw", "in", spoof_drop_json) + "," +
                        inet_rule("fw", "out", lo_out_json)),
         status::pass,
         {}},
        // iptables holds the rules; an nftables table beside it with ACCEPT policies lets
        // loopback traffic through
        {filter_table("DROP", "DROP", "DROP", canonical_v4),
         inet_table("other", "accept", "accept", "accept"),
         status::pass,
         {}},
    };
    for (const auto& e : examples) {
        CAPTURE(e.save);
        CAPTURE(e.nft);
        check(e, ip_family::ipv4);
    }
}

TEST_CASE("judge_loopback: FAIL says which part is missing or in the way") {
    const example examples[] = {
        // nothing at all
        {filter_table("ACCEPT", "ACCEPT", "ACCEPT"),
         "",
         status::fail,
         {"INPUT does not accept traffic arriving on lo: no rule accepts it (expected `-A INPUT "
          "-i lo -j ACCEPT`)",
          "INPUT does not drop traffic from 127.0.0.0/8 arriving on other interfaces: no rule "
          "drops it (expected `-A INPUT -s 127.0.0.0/8 -j DROP` after the rule that accepts lo)",
          "OUTPUT does not accept traffic leaving on lo: no rule accepts it (expected `-A OUTPUT "
          "-o lo -j ACCEPT`)"}},
        // the spoof rule before the lo rule drops loopback traffic itself
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -s 127.0.0.0/8 -j DROP\n-A INPUT -i lo -j ACCEPT\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::fail,
         {"INPUT does not accept traffic arriving on lo: rule `-A INPUT -s 127.0.0.0/8 -j DROP` "
          "(iptables-legacy table filter chain INPUT, /usr/sbin/iptables-legacy-save:5) drops it "
          "before any rule accepts it"}},
        // a DROP policy and no lo rule
        {filter_table("DROP", "DROP", "DROP", "-A INPUT -s 127.0.0.0/8 -j DROP\n"),
         "",
         status::fail,
         {"no rule of iptables-legacy table filter chain OUTPUT accepts it before the policy "
          "DROP"}},
        // no spoof rule
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::fail,
         {"INPUT does not drop traffic from 127.0.0.0/8"}},
        // a spoof rule for one address only does not cover 127.0.0.0/8
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -s 127.0.0.1/32 -j DROP\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::fail,
         {"INPUT does not drop traffic from 127.0.0.0/8"}},
        // a spoof rule for one interface only
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -i eth0 -s 127.0.0.0/8 -j DROP\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::fail,
         {"INPUT does not drop traffic from 127.0.0.0/8"}},
        // a rule accepting everything before the spoof rule is named
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -j ACCEPT\n"
                      "-A INPUT -s 127.0.0.0/8 -j DROP\n-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::fail,
         {"rule `-A INPUT -j ACCEPT`", "accepts it first"}},
        // no OUTPUT rule
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -s 127.0.0.0/8 -j DROP\n"),
         "",
         status::fail,
         {"OUTPUT does not accept traffic leaving on lo"}},
        // the lo rule only for some protocols
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -p tcp -j ACCEPT\n-A INPUT -s 127.0.0.0/8 -j DROP\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::fail,
         {"INPUT does not accept traffic arriving on lo"}},
        // iptables is right, but a native nftables chain drops loopback traffic by its policy
        {filter_table("DROP", "DROP", "DROP", canonical_v4),
         inet_table("strict", "drop", "", ""),
         status::fail,
         {"no rule of nftables table inet strict chain in accepts it before the policy DROP"}},
        // native nftables only: the expected rules are written in nft syntax
        {"",
         inet_table("fw", "drop", "drop", "drop"),
         status::fail,
         {"(expected `iifname \"lo\" accept`)", "(expected `ip saddr 127.0.0.0/8 drop` after",
          "(expected `oifname \"lo\" accept`)"}},
    };
    for (const auto& e : examples) {
        CAPTURE(e.save);
        CAPTURE(e.nft);
        check(e, ip_family::ipv4);
    }
}

TEST_CASE("judge_loopback: IPv6 uses ::1") {
    const example examples[] = {
        // the benchmark's IPv6 remediation
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -s ::1/128 -j DROP\n"
                      "-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::pass,
         {}},
        // without the ::1 rule
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A OUTPUT -o lo -j ACCEPT\n"),
         "",
         status::fail,
         {"INPUT does not drop traffic from ::1 arriving on other interfaces",
          "(expected `-A INPUT -s ::1/128 -j DROP`"}},
    };
    for (const auto& e : examples) {
        CAPTURE(e.save);
        check(e, ip_family::ipv6);
    }
}

TEST_CASE("judge_loopback: an IPv4 rule in an inet table does not serve IPv6") {
    ruleset rules;
    add_nft(rules, inet_table("fw", "drop", "drop", "drop",
                              inet_rule("fw", "in", lo_accept_json) + "," +
                                  inet_rule("fw", "in", spoof_drop_json) + "," +
                                  inet_rule("fw", "out", lo_out_json)));
    CHECK(judge_loopback(rules, ip_family::ipv4).verdict == status::pass);
    auto v6 = judge_loopback(rules, ip_family::ipv6);
    CHECK(v6.verdict == status::fail);
    CHECK(v6.reason.find("(expected `ip6 saddr ::1 drop`") != std::string::npos);
}

TEST_CASE("judge_loopback: ERROR when a saved ruleset loops") {
    ruleset rules;
    add_save(rules,
             filter_table("DROP", "DROP", "DROP", "-A INPUT -j A\n-A A -j A\n", ":A - [0:0]\n"),
             ip_family::ipv4);
    auto j = judge_loopback(rules, ip_family::ipv4);
    CHECK(j.verdict == status::error);
    CHECK(j.reason.find("chain A jumps back into itself") != std::string::npos);
}
