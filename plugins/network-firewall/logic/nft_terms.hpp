// nftables vocabulary shared by the JSON and the text parser: families, hooks, interface names,
// and which statements are verdicts, conditions or neither.
#ifndef SCANNER_NETWORK_FIREWALL_NFT_TERMS_HPP
#define SCANNER_NETWORK_FIREWALL_NFT_TERMS_HPP

#include <optional>
#include <string_view>

#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// "ip", "ip6", "inet"; anything else (arp, bridge, netdev) is `other`.
table_family nft_table_family(std::string_view name);

/// "input", "forward", "output" map to themselves; other hooks to hook::other.
hook nft_hook(std::string_view name);

/// An iifname/oifname test: a trailing "*" makes `name` a prefix, "\*" is a literal star.
condition nft_interface_condition(field what, bool negated, std::string_view name);

/// "accept", "drop", "reject", "return", "jump", "goto", "queue", "continue"; nullopt for a word
/// that is no verdict.
std::optional<action> nft_verdict(std::string_view word);

/// Keys of JSON statements that act on a packet without deciding whether it matches or where it
/// goes (counter, log, mangling, NAT, set updates): they neither narrow a rule nor end it. In
/// JSON every test is a "match" statement, so "meta" and "ct" here are their "set" forms.
bool nft_passive_statement(std::string_view key);

}  // namespace scanner::network_firewall

#endif
