#include "logic/default_deny.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ruleset_text.hpp"

using namespace scanner::network_firewall;
using namespace scanner::network_firewall::testing;
using scanner::sdk::status;

namespace {

struct example {
    std::string save;       // IPv4 iptables-legacy-save text
    std::string nft;        // nft JSON, may be empty
    std::string node_sign;  // node_facts::kubernetes_sign
    status expected;
    std::vector<std::string> reason_parts;
};

void check(const example& e) {
    ruleset rules;
    if (!e.save.empty()) add_save(rules, e.save, ip_family::ipv4);
    if (!e.nft.empty()) add_nft(rules, e.nft);
    auto j = judge_default_deny(rules, ip_family::ipv4, {e.node_sign});
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

}  // namespace

TEST_CASE("judge_default_deny: PASS when every hook drops what no rule decides") {
    const example examples[] = {
        // the benchmark's remediation: three DROP policies
        {filter_table("DROP", "DROP", "DROP"), "", "", status::pass, {}},
        // allow rules for some traffic do not weaken a DROP policy
        {filter_table("DROP", "DROP", "DROP",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n"
                      "-A OUTPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"),
         "",
         "",
         status::pass,
         {}},
        // a final unconditional DROP or REJECT rule denies like a DROP policy
        {filter_table("ACCEPT", "ACCEPT", "ACCEPT",
                      "-A INPUT -i lo -j ACCEPT\n-A INPUT -j DROP\n"
                      "-A FORWARD -p all -j REJECT --reject-with icmp-port-unreachable\n"
                      "-A OUTPUT -m comment --comment \"deny the rest\" -j DROP\n"),
         "",
         "",
         status::pass,
         {}},
        // ... also when it sits in a user chain every packet jumps to
        {filter_table("ACCEPT", "DROP", "DROP",
                      "-A INPUT -j GUARD\n-A GUARD -j LOG\n-A GUARD -j DROP\n", ":GUARD - [0:0]\n"),
         "",
         "",
         status::pass,
         {}},
        // a user chain that returns leaves the packet to the DROP policy
        {filter_table("DROP", "DROP", "DROP", "-A INPUT -j CHECK\n-A CHECK -j RETURN\n",
                      ":CHECK - [0:0]\n"),
         "",
         "",
         status::pass,
         {}},
        // a goto to a chain that ends lets the DROP policy of the base chain decide
        {filter_table("DROP", "DROP", "DROP", "-A INPUT -g CHECK\n", ":CHECK - [0:0]\n"),
         "",
         "",
         status::pass,
         {}},
        // iptables ACCEPT everywhere, but a native nftables chain drops at each hook: the kernel
        // runs both, so unmatched traffic is dropped
        {filter_table("ACCEPT", "ACCEPT", "ACCEPT"),
         inet_table("fw", "drop", "drop", "drop"),
         "",
         status::pass,
         {}},
    };
    for (const auto& e : examples) {
        CAPTURE(e.save);
        CAPTURE(e.nft);
        check(e);
    }
}

TEST_CASE("judge_default_deny: FAIL names each hook that lets unmatched traffic through") {
    const example examples[] = {
        // the default of a fresh host: every policy ACCEPT
        {filter_table("ACCEPT", "ACCEPT", "ACCEPT"),
         "",
         "",
         status::fail,
         {"INPUT accepts IPv4 traffic that no rule drops: policy ACCEPT in iptables-legacy table "
          "filter chain INPUT; expected policy DROP",
          "FORWARD accepts", "OUTPUT accepts"}},
        // one hook open
        {filter_table("DROP", "DROP", "ACCEPT"),
         "",
         "",
         status::fail,
         {"OUTPUT accepts IPv4 traffic"}},
        // a DROP policy made moot by a rule that accepts everything first
        {filter_table("DROP", "DROP", "DROP", "-A INPUT -p 0 -j ACCEPT\n"),
         "",
         "",
         status::fail,
         {"rule `-A INPUT -p 0 -j ACCEPT` (iptables-legacy table filter chain INPUT, "
          "/usr/sbin/iptables-legacy-save:5) accepts all traffic, so policy DROP of "
          "iptables-legacy table filter chain INPUT never applies"}},
        // ... or by a user chain that accepts everything
        {filter_table("DROP", "DROP", "DROP", "-A FORWARD -j OPEN\n-A OPEN -j ACCEPT\n",
                      ":OPEN - [0:0]\n"),
         "",
         "",
         status::fail,
         {"FORWARD accepts", "`-A OPEN -j ACCEPT`"}},
        // a last DROP rule that only some traffic reaches is no default
        {filter_table("ACCEPT", "DROP", "DROP", "-A INPUT -i eth0 -j DROP\n"),
         "",
         "",
         status::fail,
         {"policy ACCEPT in iptables-legacy table filter chain INPUT"}},
        // a queue decides in userspace: not a default deny the scanner can see
        {filter_table("DROP", "DROP", "DROP", "-A OUTPUT -j NFQUEUE --queue-num 0\n"),
         "",
         "",
         status::fail,
         {"hands all traffic to a userspace queue"}},
        // no firewall at all: nothing is attached to the hooks
        {"",
         "",
         "",
         status::fail,
         {"INPUT has no IPv4 filter chain, so the kernel accepts all incoming traffic",
          "FORWARD has no IPv4 filter chain", "OUTPUT has no IPv4 filter chain"}},
        // native nftables only, forward hook without a chain
        {"",
         inet_table("fw", "drop", "", "drop"),
         "",
         status::fail,
         {"FORWARD has no IPv4 filter chain, so the kernel accepts all forwarded traffic"}},
        // native nftables with policy accept names the table and chain
        {"",
         inet_table("fw", "accept", "drop", "drop"),
         "",
         status::fail,
         {"policy ACCEPT in nftables table inet fw chain in"}},
        // a Kubernetes node (kube-proxy's chains): FORWARD ACCEPT is expected there, and said so
        {filter_table("DROP", "ACCEPT", "DROP", "-A FORWARD -j KUBE-FORWARD\n",
                      ":KUBE-FORWARD - [0:0]\n"),
         "",
         "",
         status::fail,
         {"FORWARD accepts IPv4 traffic",
          "this host is a Kubernetes node (chain KUBE-FORWARD in "
          "iptables-legacy table filter)",
          "kubelet and kube-proxy set the FORWARD policy to ACCEPT",
          "Bottlerocket's own report lists 3.4.1.1 as an Exception"}},
        // ... or kubelet's configuration, when the ruleset has no KUBE- chain yet
        {filter_table("DROP", "ACCEPT", "DROP"),
         "",
         "/etc/kubernetes/kubelet/config exists",
         status::fail,
         {"Kubernetes node (/etc/kubernetes/kubelet/config exists)"}},
    };
    for (const auto& e : examples) {
        CAPTURE(e.save);
        CAPTURE(e.nft);
        check(e);
    }
}

TEST_CASE("judge_default_deny: no Kubernetes explanation when FORWARD is not the problem") {
    ruleset rules;
    add_save(rules,
             filter_table("ACCEPT", "DROP", "DROP", "-A INPUT -j KUBE-FIREWALL\n",
                          ":KUBE-FIREWALL - [0:0]\n"),
             ip_family::ipv4);
    auto j = judge_default_deny(rules, ip_family::ipv4, {});
    CHECK(j.verdict == status::fail);
    CHECK(j.reason.find("Kubernetes") == std::string::npos);
}

TEST_CASE("judge_default_deny: ERROR when a saved ruleset loops") {
    ruleset rules;
    add_save(rules,
             filter_table("DROP", "DROP", "DROP", "-A INPUT -j A\n-A A -j B\n-A B -j A\n",
                          ":A - [0:0]\n:B - [0:0]\n"),
             ip_family::ipv4);
    auto j = judge_default_deny(rules, ip_family::ipv4, {});
    CHECK(j.verdict == status::error);
    CHECK(j.reason ==
          "cannot follow iptables-legacy table filter chain INPUT: chain A jumps back into itself");
}

TEST_CASE("judge_default_deny: each family sees only its own tables") {
    ruleset rules;
    add_save(rules, filter_table("DROP", "DROP", "DROP"), ip_family::ipv4);
    CHECK(judge_default_deny(rules, ip_family::ipv4, {}).verdict == status::pass);
    auto v6 = judge_default_deny(rules, ip_family::ipv6, {});
    CHECK(v6.verdict == status::fail);
    CHECK(v6.reason.find("INPUT has no IPv6 filter chain") != std::string::npos);
    CHECK(v6.reason.find("Bottlerocket") == std::string::npos);

    add_nft(rules, inet_table("fw", "drop", "drop", "drop"));  // inet covers both
    CHECK(judge_default_deny(rules, ip_family::ipv6, {}).verdict == status::pass);
}
