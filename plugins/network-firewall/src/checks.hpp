// Run functions of the network-firewall checks: each reads the ruleset of the target, hands it to
// a judge and reports the judgement.
#ifndef SCANNER_NETWORK_FIREWALL_CHECKS_HPP
#define SCANNER_NETWORK_FIREWALL_CHECKS_HPP

#include <scanner/plugin.hpp>

namespace scanner::network_firewall {

/// 3.4.1.1: IPv4 default deny.
void run_ipv4_default_deny(const sdk::context& ctx);
/// 3.4.1.2: IPv4 loopback traffic.
void run_ipv4_loopback(const sdk::context& ctx);
/// 3.4.2.1: IPv6 default deny.
void run_ipv6_default_deny(const sdk::context& ctx);
/// 3.4.2.2: IPv6 loopback traffic.
void run_ipv6_loopback(const sdk::context& ctx);

}  // namespace scanner::network_firewall

#endif
