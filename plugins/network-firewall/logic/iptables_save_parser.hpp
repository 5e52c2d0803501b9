// Parser of the iptables-save format (iptables-save / ip6tables-save output, and the files that
// iptables-restore loads at boot: /etc/iptables/rules.v4, /etc/sysconfig/iptables, ...).
#ifndef SCANNER_NETWORK_FIREWALL_IPTABLES_SAVE_PARSER_HPP
#define SCANNER_NETWORK_FIREWALL_IPTABLES_SAVE_PARSER_HPP

#include <string>
#include <string_view>
#include <vector>

#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// Where a saved ruleset comes from: which program manages it, the command line or file it was
/// read from, and whether it holds IPv4 (iptables) or IPv6 (ip6tables) rules.
struct save_origin {
    network_firewall::backend managed_by = backend::iptables_legacy;
    std::string source;
    ip_family family = ip_family::ipv4;
};

/// Parses iptables-save text into one table per `*name` block. Counters ("[0:0]"), comments and
/// blank lines are accepted; anything iptables-restore would refuse (a rule outside a table, an
/// undeclared chain, a table without COMMIT, an address of the wrong family) is an error naming
/// the line.
parse_result<std::vector<table>> parse_iptables_save(std::string_view text,
                                                     const save_origin& origin);

/// True when iptables-save text was written by the nf_tables variant ("(nf_tables)" in its
/// header), which is how a plain /usr/sbin/iptables-save reveals its backend.
bool written_by_nft_variant(std::string_view text);

}  // namespace scanner::network_firewall

#endif
