// Parser of the nft text syntax as /etc/nftables.conf holds it and `nft list ruleset` prints
// it, for offline scans. It reads the declarative subset a persisted ruleset is written in:
// `flush ruleset`, `table <family> <name> { ... }` with chains (base chain type, hook, priority,
// policy) and rules; sets, maps and other table objects are skipped.
#ifndef SCANNER_NETWORK_FIREWALL_NFT_TEXT_PARSER_HPP
#define SCANNER_NETWORK_FIREWALL_NFT_TEXT_PARSER_HPP

#include <string>
#include <string_view>
#include <vector>

#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// Parses nft text read from `source`. Rule statements outside the vocabulary the checks judge
/// (interfaces, IPv4/IPv6 addresses, nfproto, verdicts, counter, log, comment) count as
/// conditions that only some packets meet. What this subset cannot evaluate without running nft
/// (include, define and $variables, command-style `add rule ...`) is an error naming the line,
/// as are unbalanced braces and a jump to a chain the table does not define.
parse_result<std::vector<table>> parse_nft_text(std::string_view text, const std::string& source);

}  // namespace scanner::network_firewall

#endif
