// CIS Bottlerocket 3.4.1.2 / 3.4.2.2: loopback traffic is accepted, and traffic that claims a
// loopback source but arrives on another interface is dropped.
#ifndef SCANNER_NETWORK_FIREWALL_LOOPBACK_HPP
#define SCANNER_NETWORK_FIREWALL_LOOPBACK_HPP

#include "logic/judgement.hpp"
#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// PASS when, for `family`:
/// - on INPUT, a rule accepts all traffic arriving on lo from the loopback network, and no
///   filter chain at that hook drops such traffic first (its policy included);
/// - on INPUT, a DROP or REJECT rule catches all traffic from 127.0.0.0/8 (::1) arriving on any
///   other interface;
/// - on OUTPUT, a rule accepts all traffic leaving on lo, and no filter chain drops it first.
/// Rules are followed into user chains; unrelated rules may come in any order; the protocol
/// may print as "all" or "0". FAIL names what is missing or in the way; ERROR when a chain
/// cannot be followed.
judgement judge_loopback(const ruleset& rules, ip_family family);

}  // namespace scanner::network_firewall

#endif
