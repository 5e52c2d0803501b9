// The plugin on a live host: each verdict of each check on rulesets loaded with the real
// iptables-legacy, iptables-nft and nft tools, each run in a private network namespace so the
// host's own firewall is neither read nor touched. Needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/plugins/network-firewall/namespace_run.hpp"

using namespace scanner::testing::firewall;

namespace {

const std::vector<std::string> automatic_ids = {"3.4.1.1", "3.4.1.2", "3.4.2.1", "3.4.2.2"};

// The four rulesets every backend is tested with: the verdicts they give, per check id.
struct scenario {
    std::string name;
    std::string ipv4;  // iptables-restore text
    std::string ipv6;  // ip6tables-restore text
    std::string nft;   // nft -f text, for the native nftables backend
    const char* default_deny;
    const char* loopback;
};

std::string iptables_file(const char* policy, const std::string& rules,
                          const std::string& chains = {}) {
    return std::string("*filter\n:INPUT ") + policy + " [0:0]\n:FORWARD " + policy +
           " [0:0]\n:OUTPUT " + policy + " [0:0]\n" + chains + rules + "COMMIT\n";
}

std::string nft_file(const char* policy, const std::string& input_rules,
                     const std::string& output_rules, const std::string& chains = {}) {
    return std::string("table inet fw {\n") + chains +
           "  chain input {\n    type filter hook input priority 0; policy " + policy + ";\n" +
           input_rules +
           "  }\n  chain forward {\n    type filter hook forward priority 0; policy " + policy +
           ";\n  }\n  chain output {\n    type filter hook output priority 0; policy " + policy +
           ";\n" + output_rules + "  }\n}\n";
}

std::vector<scenario> scenarios() {
    const std::string lo_v4 =
        "-A INPUT -i lo -j ACCEPT\n-A INPUT -s 127.0.0.0/8 -j DROP\n-A OUTPUT -o lo -j ACCEPT\n";
    const std::string lo_v6 =
        "-A INPUT -i lo -j ACCEPT\n-A INPUT -s ::1/128 -j DROP\n-A OUTPUT -o lo -j ACCEPT\n";
    // The same rules kept in user chains, with unrelated rules around them.
    const std::string chains = ":LOOPBACK - [0:0]\n";
    const std::string jump_v4 =
        "-A INPUT -m conntrack --ctstate INVALID -j DROP\n-A INPUT -j LOOPBACK\n"
        "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A OUTPUT -o lo -p all -j ACCEPT\n"
        "-A LOOPBACK -i lo -j ACCEPT\n-A LOOPBACK -s 127.0.0.0/8 ! -i lo -j DROP\n";
    const std::string jump_v6 =
        "-A INPUT -j LOOPBACK\n-A OUTPUT -o lo -j ACCEPT\n"
        "-A LOOPBACK -i lo -j ACCEPT\n-A LOOPBACK -s ::1/128 -j DROP\n";
    const std::string nft_in =
        "    iif \"lo\" accept\n    ip saddr 127.0.0.0/8 drop\n    ip6 saddr ::1 drop\n";
    const std::string nft_out = "    oifname \"lo\" accept\n";
    const std::string nft_chain =
        "  chain loopback {\n    iifname \"lo\" accept\n    iifname != \"lo\" ip saddr "
        "127.0.0.0/8 drop\n    ip6 saddr ::1 counter drop\n  }\n";
    return {
        {"compliant", iptables_file("DROP", lo_v4), iptables_file("DROP", lo_v6),
         nft_file("drop", nft_in, nft_out), "PASS", "PASS"},
        {"default deny without loopback rules", iptables_file("DROP", ""),
         iptables_file("DROP", ""), nft_file("drop", "", ""), "PASS", "FAIL"},
        {"loopback rules in a user chain, policies ACCEPT",
         iptables_file("ACCEPT", jump_v4, chains), iptables_file("ACCEPT", jump_v6, chains),
         nft_file("accept", "    ct state invalid drop\n    jump loopback\n", nft_out, nft_chain),
         "FAIL", "PASS"},
        {"open", iptables_file("ACCEPT", ""), iptables_file("ACCEPT", ""),
         nft_file("accept", "", ""), "FAIL", "FAIL"},
    };
}

// Runs, or says plainly why it cannot; returns false when the caller should stop.
bool ran(const namespace_run& run) {
    if (!run.not_run.empty()) {
        if (live_tests_required()) FAIL("live test required but cannot run: ", run.not_run);
        MESSAGE("skipped: this live test needs root to create a network namespace (", run.not_run,
                ")");
        return false;
    }
    REQUIRE_MESSAGE(run.failure.empty(), run.failure);
    REQUIRE(run.checks.size() == 6);
    return true;
}

std::string dump(const live_outcome& o) {
    std::string out = o.verdict + ": " + o.reason;
    for (const auto& [source, observed] : o.evidence) out += "\n  " + source + " | " + observed;
    return out;
}

void check_verdicts(const namespace_run& run, const scenario& s) {
    for (const auto& id : automatic_ids) {
        const live_outcome& o = run.checks.at(id);
        const char* expected = id.ends_with(".1") ? s.default_deny : s.loopback;
        CHECK_MESSAGE(o.verdict == expected, id, " ", dump(o));
    }
    for (const char* id : {"3.4.1.3", "3.4.2.3"}) CHECK(run.checks.at(id).verdict == "SKIP");
}

void test_iptables_backend(const std::string& variant) {
    for (const auto& s : scenarios()) {
        CAPTURE(s.name);
        auto run = run_in_namespace({{{"/usr/sbin/iptables-" + variant + "-restore"}, s.ipv4},
                                     {{"/usr/sbin/ip6tables-" + variant + "-restore"}, s.ipv6}});
        if (!ran(run)) return;
        check_verdicts(run, s);
        const auto& deny = run.checks.at("3.4.1.1");
        CHECK_MESSAGE(deny.evidence_has("/usr/sbin/iptables-" + variant + "-save",
                                        "backend iptables-" + variant + ": table filter"),
                      dump(deny));
        CHECK(run.checks.at("3.4.2.2").evidence_has("/usr/sbin/ip6tables-" + variant + "-save",
                                                    "backend iptables-" + variant));
    }
}

}  // namespace

TEST_CASE("live, iptables-legacy: every verdict of each automatic check") {
    test_iptables_backend("legacy");
}

TEST_CASE("live, iptables-nft: every verdict of each automatic check") {
    test_iptables_backend("nft");
}

TEST_CASE("live, native nftables: every verdict of each automatic check") {
    for (const auto& s : scenarios()) {
        CAPTURE(s.name);
        auto run = run_in_namespace({{{"/usr/sbin/nft", "-f"}, s.nft}});
        if (!ran(run)) return;
        check_verdicts(run, s);
        const auto& deny = run.checks.at("3.4.2.1");
        CHECK_MESSAGE(deny.evidence_has("/usr/sbin/nft -j list table inet fw",
                                        "backend nftables: table inet fw"),
                      dump(deny));
        CHECK(deny.evidence_has("/usr/sbin/nft -j list tables",
                                "backend nftables: 1 native table for IPv6"));
    }
}

TEST_CASE("live: FAIL names the policy and the missing rules") {
    auto run =
        run_in_namespace({{{"/usr/sbin/iptables-nft-restore"}, iptables_file("ACCEPT", "")}});
    if (!ran(run)) return;
    const auto& deny = run.checks.at("3.4.1.1");
    CHECK_MESSAGE(deny.reason_has("INPUT accepts IPv4 traffic that no rule drops: policy ACCEPT in "
                                  "iptables-nft table filter chain INPUT; expected policy DROP"),
                  dump(deny));
    const auto& loopback = run.checks.at("3.4.1.2");
    CHECK(loopback.reason_has("(expected `-A INPUT -i lo -j ACCEPT`)"));
    // nothing loaded for IPv6: no chain at any hook
    CHECK(run.checks.at("3.4.2.1").reason_has("INPUT has no IPv6 filter chain"));
}

TEST_CASE("live: an empty namespace has no firewall at all") {
    auto run = run_in_namespace({});
    if (!ran(run)) return;
    for (const auto& id : automatic_ids) CHECK(run.checks.at(id).verdict == "FAIL");
    CHECK(run.checks.at("3.4.1.1").reason_has("FORWARD has no IPv4 filter chain"));
}

TEST_CASE("live: backends combine as the kernel runs them") {
    SUBCASE("legacy ACCEPT policies, native nftables drops: default deny holds") {
        auto run =
            run_in_namespace({{{"/usr/sbin/iptables-legacy-restore"}, iptables_file("ACCEPT", "")},
                              {{"/usr/sbin/nft", "-f"}, nft_file("drop", "", "")}});
        if (!ran(run)) return;
        const auto& deny = run.checks.at("3.4.1.1");
        CHECK_MESSAGE(deny.verdict == "PASS", dump(deny));
        CHECK(deny.evidence_has("/usr/sbin/iptables-legacy-save", "policy ACCEPT"));
        CHECK(deny.evidence_has("/usr/sbin/nft -j list table inet fw", "policy DROP"));
    }
    SUBCASE("loopback rules in legacy, but an nftables chain drops lo traffic") {
        auto run = run_in_namespace(
            {{{"/usr/sbin/iptables-legacy-restore"},
              iptables_file("DROP",
                            "-A INPUT -i lo -j ACCEPT\n-A INPUT -s 127.0.0.0/8 -j DROP\n"
                            "-A OUTPUT -o lo -j ACCEPT\n")},
             {{"/usr/sbin/nft", "-f"}, nft_file("drop", "", "    oif lo accept\n")}});
        if (!ran(run)) return;
        const auto& loopback = run.checks.at("3.4.1.2");
        CHECK_MESSAGE(loopback.verdict == "FAIL", dump(loopback));
        CHECK(
            loopback.reason_has("no rule of nftables table inet fw chain input accepts it before "
                                "the policy DROP"));
    }
    SUBCASE("iptables-nft tables are read from iptables-nft-save, not twice from nft") {
        auto run = run_in_namespace(
            {{{"/usr/sbin/iptables-nft-restore"},
              iptables_file("DROP",
                            "-A INPUT -i lo -m comment --comment \"loopback\" -j ACCEPT\n"
                            "-A INPUT -s 127.0.0.0/8 -j DROP\n"
                            "-A OUTPUT -o lo -j ACCEPT\n")}});
        if (!ran(run)) return;
        const auto& loopback = run.checks.at("3.4.1.2");
        CHECK_MESSAGE(loopback.verdict == "PASS", dump(loopback));
        CHECK_MESSAGE(loopback.evidence_has("/usr/sbin/nft -j list tables",
                                            "backend nftables: 0 native tables for IPv4, 1 read "
                                            "from iptables-nft-save"),
                      dump(loopback));
    }
}

TEST_CASE("live: a Kubernetes node's FORWARD ACCEPT fails 3.4.1.1 with the reason") {
    auto run = run_in_namespace(
        {{{"/usr/sbin/iptables-nft-restore"},
          "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT DROP [0:0]\n"
          ":KUBE-FORWARD - [0:0]\n-A FORWARD -m comment --comment \"kubernetes forwarding rules\" "
          "-j KUBE-FORWARD\nCOMMIT\n"}});
    if (!ran(run)) return;
    const auto& deny = run.checks.at("3.4.1.1");
    CHECK(deny.verdict == "FAIL");
    CHECK_MESSAGE(deny.reason_has("this host is a Kubernetes node (chain KUBE-FORWARD in "
                                  "iptables-nft table filter): kubelet and kube-proxy set the "
                                  "FORWARD policy to ACCEPT"),
                  dump(deny));
    CHECK(deny.reason_has("Bottlerocket's own report lists 3.4.1.1 as an Exception"));
}

TEST_CASE("live: ERROR names the command that failed and what it printed") {
    auto run = run_in_namespace({}, true);  // the save tools refuse a user that is not root
    if (!ran(run)) return;
    for (const auto& id : automatic_ids) {
        const auto& o = run.checks.at(id);
        CHECK(o.verdict == "ERROR");
        CHECK_MESSAGE(o.reason_has("tables-legacy-save exited with status 1: "), dump(o));
    }
}
