// Builds rulesets for judge tests from the texts the tools print.
#ifndef SCANNER_TESTS_NETWORK_FIREWALL_RULESET_TEXT_HPP
#define SCANNER_TESTS_NETWORK_FIREWALL_RULESET_TEXT_HPP

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "logic/iptables_save_parser.hpp"
#include "logic/nft_json_parser.hpp"
#include "logic/ruleset.hpp"

namespace scanner::network_firewall::testing {

/// Adds the tables of iptables-save text, as the given backend would print them.
inline void add_save(ruleset& rules, std::string_view text, ip_family family,
                     backend managed_by = backend::iptables_legacy) {
    std::string tool = family == ip_family::ipv4 ? "iptables" : "ip6tables";
    std::string source = "/usr/sbin/" + tool + "-" +
                         (managed_by == backend::iptables_nft ? "nft" : "legacy") + "-save";
    auto parsed = parse_iptables_save(text, {managed_by, source, family});
    REQUIRE_MESSAGE(parsed, parsed.error.message);
    for (auto& t : parsed.value) rules.tables.push_back(std::move(t));
}

/// Adds the tables of nft's JSON ruleset.
inline void add_nft(ruleset& rules, std::string_view json) {
    auto parsed = parse_nft_json(json, "/usr/sbin/nft -j list ruleset");
    REQUIRE_MESSAGE(parsed, parsed.error.message);
    for (auto& t : parsed.value) rules.tables.push_back(std::move(t));
}

/// An IPv4 filter table with the given policies and rules, as iptables-save prints it.
inline std::string filter_table(std::string_view input, std::string_view forward,
                                std::string_view output, std::string_view rules = {},
                                std::string_view user_chains = {}) {
    return "*filter\n:INPUT " + std::string(input) + " [0:0]\n:FORWARD " + std::string(forward) +
           " [0:0]\n:OUTPUT " + std::string(output) + " [0:0]\n" + std::string(user_chains) +
           std::string(rules) + "COMMIT\n";
}

/// An nft JSON ruleset with table inet `name`: base chains in/fwd/out with the given policies
/// (empty: no such chain) and `rules` (JSON rule objects, comma-separated).
inline std::string inet_table(std::string_view name, std::string_view input,
                              std::string_view forward, std::string_view output,
                              std::string_view rules = {}) {
    std::string objects =
        R"({"table": {"family": "inet", "name": ")" + std::string(name) + R"(", "handle": 1}})";
    auto base = [&](std::string_view chain, std::string_view hook_name, std::string_view policy) {
        if (policy.empty()) return;
        objects += R"(,{"chain": {"family": "inet", "table": ")" + std::string(name) +
                   R"(", "name": ")" + std::string(chain) +
                   R"(", "handle": 1, "type": "filter", "hook": ")" + std::string(hook_name) +
                   R"(", "prio": 0, "policy": ")" + std::string(policy) + R"("}})";
    };
    base("in", "input", input);
    base("fwd", "forward", forward);
    base("out", "output", output);
    if (!rules.empty()) objects += "," + std::string(rules);
    return R"({"nftables": [)" + objects + "]}";
}

/// One JSON rule of table inet `table_name`, chain `chain`, with expression list `expr`.
inline std::string inet_rule(std::string_view table_name, std::string_view chain,
                             std::string_view expr) {
    return R"({"rule": {"family": "inet", "table": ")" + std::string(table_name) +
           R"(", "chain": ")" + std::string(chain) + R"(", "handle": 9, "expr": )" +
           std::string(expr) + "}}";
}

}  // namespace scanner::network_firewall::testing

#endif
