// A check's verdict as the pure judges produce it, and the wording they share for pointing a
// reader at a chain or a rule.
#ifndef SCANNER_NETWORK_FIREWALL_JUDGEMENT_HPP
#define SCANNER_NETWORK_FIREWALL_JUDGEMENT_HPP

#include <scanner/plugin.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// One observation: where (a command line or file, with a line when there is one) and what.
struct observation {
    std::string source;
    std::string observed;

    friend bool operator==(const observation&, const observation&) = default;
};

/// Status, reason (empty for PASS), evidence and notes of one check.
struct judgement {
    sdk::status verdict = sdk::status::error;
    std::string reason;
    std::vector<observation> evidence;
    std::vector<std::string> notes;
};

/// The parts joined by `separator`.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// "INPUT", "FORWARD" or "OUTPUT": the benchmark's names for the hooks.
std::string_view hook_name(hook h);

/// "iptables-nft table filter" or "nftables table inet fw".
std::string describe(const table& t);

/// "iptables-nft table filter chain INPUT" or "nftables table inet fw chain in".
std::string describe(const table& t, const chain& c);

/// Where a rule was read: "/usr/sbin/iptables-save:7", or the source alone when it has no lines.
std::string locate(const table& t, const rule& r);

/// "rule `-A INPUT -j ACCEPT` (iptables-nft table filter chain INPUT, /usr/sbin/...:7)".
std::string describe(const table& t, const chain& c, const rule& r);

}  // namespace scanner::network_firewall

#endif
