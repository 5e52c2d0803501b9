// Runs every judge of the network-firewall plugin on parsed tables, so that each ruleset a parser
// accepts is also walked: jumps, gotos, loops and policies of any shape.
#ifndef SCANNER_FUZZ_NETWORK_FIREWALL_JUDGE_TABLES_HPP
#define SCANNER_FUZZ_NETWORK_FIREWALL_JUDGE_TABLES_HPP

#include <utility>
#include <vector>

#include "logic/default_deny.hpp"
#include "logic/loopback.hpp"
#include "logic/ruleset_summary.hpp"

namespace scanner::fuzz {

inline void judge_tables(std::vector<network_firewall::table> tables) {
    using namespace network_firewall;
    summarize(tables);
    ruleset rules;
    rules.tables = std::move(tables);
    kubernetes_sign(rules);
    for (ip_family family : {ip_family::ipv4, ip_family::ipv6}) {
        judge_default_deny(rules, family, node_facts{});
        judge_loopback(rules, family);
    }
}

}  // namespace scanner::fuzz

#endif
