// Parser of `nft -j list ruleset`: every nf_tables table of families ip, ip6 and inet, native or
// written by iptables-nft.
#ifndef SCANNER_NETWORK_FIREWALL_NFT_JSON_PARSER_HPP
#define SCANNER_NETWORK_FIREWALL_NFT_JSON_PARSER_HPP

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// A table identified by family and name, e.g. {ip, "filter"}.
using table_key = std::pair<table_family, std::string>;

/// Parses nft's JSON ruleset into tables read from `source`, leaving out the tables in `skip`
/// (those iptables-nft-save already described in its own, more precise terms). Tables of other
/// families (arp, bridge, netdev) are left out: IPv4 and IPv6 filtering does not happen there.
/// Invalid JSON, a rule for an unknown chain or a jump to an unknown chain is an error (with the
/// line of the JSON text where it applies).
parse_result<std::vector<table>> parse_nft_json(std::string_view text, const std::string& source,
                                                const std::vector<table_key>& skip = {});

}  // namespace scanner::network_firewall

#endif
