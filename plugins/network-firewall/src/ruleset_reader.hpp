// The thin layer that reads the firewall of the target through sdk::context: live, from the save
// commands of every backend; under a root directory, from the files the image persists.
#ifndef SCANNER_NETWORK_FIREWALL_RULESET_READER_HPP
#define SCANNER_NETWORK_FIREWALL_RULESET_READER_HPP

#include <scanner/plugin.hpp>

#include <string>
#include <vector>

#include "logic/judgement.hpp"
#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// The ruleset of one family, where it was read, or why it could not be read.
struct ruleset_reading {
    ruleset rules;
    /// One entry per command run or file read, naming its backend and what it held.
    std::vector<observation> sources;
    /// Non-empty when the ruleset could not be read: the reason for an ERROR.
    std::string error;
};

/// On a live target: runs iptables-legacy-save and iptables-nft-save (or, when a host has
/// neither, iptables-save, whose header names its backend) and `nft -j list ruleset`, each that
/// is installed, and combines every table they list. Tables iptables-nft-save printed are taken
/// from it rather than from nft, which shows its untranslated matches only as opaque "xt".
ruleset_reading read_live_ruleset(const sdk::context& ctx, ip_family family);

/// Under a root directory: the iptables-restore file of the family (/etc/iptables/rules.v4,
/// else /etc/sysconfig/iptables; rules.v6 / ip6tables for IPv6) and /etc/nftables.conf, each
/// that exists. With none, an error saying that firewall state is only known on a live host.
ruleset_reading read_persisted_ruleset(const sdk::context& ctx, ip_family family);

/// What Kubernetes leaves on a node outside the ruleset ("/etc/kubernetes/kubelet/config
/// exists"), or an empty string.
std::string kubernetes_node_sign(const sdk::context& ctx);

}  // namespace scanner::network_firewall

#endif
