// CIS Bottlerocket 3.4.1.1 / 3.4.2.1: traffic that no rule allows is dropped on INPUT, FORWARD
// and OUTPUT.
#ifndef SCANNER_NETWORK_FIREWALL_DEFAULT_DENY_HPP
#define SCANNER_NETWORK_FIREWALL_DEFAULT_DENY_HPP

#include <string>

#include "logic/judgement.hpp"
#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// What the judges know about the host beyond its ruleset.
struct node_facts {
    /// Why the host is taken for a Kubernetes node ("/etc/kubernetes/kubelet/config exists");
    /// empty when nothing outside the ruleset says so.
    std::string kubernetes_sign;
};

/// The first sign in the ruleset itself that kubelet or kube-proxy manage it (a KUBE-* chain),
/// or an empty string.
std::string kubernetes_sign(const ruleset& rules);

/// PASS when, at each of the three hooks, some filter chain drops (or rejects) every packet of
/// `family` that its rules do not decide: a DROP policy, or an unconditional DROP/REJECT rule
/// reached by all such packets. FAIL names every hook that lets such traffic through and why.
/// ERROR when a chain cannot be followed (a jump loop in a saved file).
judgement judge_default_deny(const ruleset& rules, ip_family family, const node_facts& node);

}  // namespace scanner::network_firewall

#endif
