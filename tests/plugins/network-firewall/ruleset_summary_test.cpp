#include "logic/ruleset_summary.hpp"

#include <doctest/doctest.h>

#include "ruleset_text.hpp"

using namespace scanner::network_firewall;
using namespace scanner::network_firewall::testing;

TEST_CASE("summarize names each table's base chains, policies and rule count") {
    struct example {
        std::string save;  // iptables-save text, may be empty
        std::string nft;   // nft JSON, may be empty
        std::string_view expected;
    };
    const example examples[] = {
        // nothing listed
        {"", "", "no tables"},
        // an iptables table: built-in chains in order, user chains counted in the rules only
        {filter_table("DROP", "ACCEPT", "DROP", "-A INPUT -j X\n-A X -j ACCEPT\n", ":X - [0:0]\n"),
         "", "table filter: INPUT policy DROP, FORWARD policy ACCEPT, OUTPUT policy DROP, 2 rules"},
        // an nftables table names its family and each chain's hook
        {"", inet_table("fw", "drop", "", "accept"),
         "table inet fw: in (hook input) policy DROP, out (hook output) policy ACCEPT, 0 rules"},
        // several tables
        {filter_table("DROP", "DROP", "DROP", "-A INPUT -i lo -j ACCEPT\n"),
         inet_table("fw", "", "drop", ""),
         "table filter: INPUT policy DROP, FORWARD policy DROP, OUTPUT policy DROP, 1 rule; "
         "table inet fw: fwd (hook forward) policy DROP, 0 rules"},
    };
    for (const auto& e : examples) {
        CAPTURE(e.save);
        CAPTURE(e.nft);
        ruleset rules;
        if (!e.save.empty()) add_save(rules, e.save, ip_family::ipv4);
        if (!e.nft.empty()) add_nft(rules, e.nft);
        CHECK(summarize(rules.tables) == e.expected);
    }
}
