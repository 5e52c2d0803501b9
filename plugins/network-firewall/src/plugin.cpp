// The network-firewall check pack: section 3.4 of the CIS Bottlerocket Benchmark v1.0.0, judged
// on the ruleset the kernel enforces (or the image persists), whichever backend wrote it. Its
// checks join the bottlerocket-os plugin's in the same benchmark block.
#include <scanner/plugin.hpp>

#include <cerrno>
#include <exception>
#include <iterator>

#include "src/checks.hpp"

namespace scanner::network_firewall {

namespace {

using sdk::check;
using sdk::run_manual;

constexpr uint32_t automatic = SCANNER_MODE_AUTOMATIC;
constexpr uint32_t manual = SCANNER_MODE_MANUAL;

const scanner_benchmark cis_bottlerocket{sizeof(scanner_benchmark), "CIS Bottlerocket Benchmark",
                                         "v1.0.0",
                                         "https://www.cisecurity.org/benchmark/bottlerocket"};

const check checks[] = {
    {"br03040101", "3.4.1.1", "Ensure IPv4 default deny firewall policy", &cis_bottlerocket, 2,
     automatic,
     "Allow the traffic the host needs, then set the policies to DROP: iptables -P INPUT DROP; "
     "iptables -P FORWARD DROP; iptables -P OUTPUT DROP (nftables: policy drop; in each filter "
     "base chain). On Bottlerocket, apply them from a bootstrap container. On Kubernetes nodes "
     "leave FORWARD at ACCEPT: pod networking needs it.",
     &run_ipv4_default_deny},
    {"br03040102", "3.4.1.2", "Ensure IPv4 loopback traffic is configured", &cis_bottlerocket, 2,
     automatic,
     "iptables -A INPUT -i lo -j ACCEPT; iptables -A OUTPUT -o lo -j ACCEPT; iptables -A INPUT "
     "-s 127.0.0.0/8 -j DROP, the lo rule before the 127.0.0.0/8 rule (nftables: iifname \"lo\" "
     "accept; oifname \"lo\" accept; ip saddr 127.0.0.0/8 drop). On Bottlerocket, apply them "
     "from a bootstrap container.",
     &run_ipv4_loopback},
    {"br03040103", "3.4.1.3", "Ensure IPv4 outbound and established connections are configured",
     &cis_bottlerocket, 1, manual,
     "Allow new outbound and established inbound connections as site policy requires, e.g. "
     "iptables -A OUTPUT -p tcp -m state --state NEW,ESTABLISHED -j ACCEPT and iptables -A INPUT "
     "-p tcp -m state --state ESTABLISHED -j ACCEPT, likewise for udp and icmp.",
     &run_manual},
    {"br03040201", "3.4.2.1", "Ensure IPv6 default deny firewall policy", &cis_bottlerocket, 2,
     automatic,
     "Allow the traffic the host needs, then set the policies to DROP: ip6tables -P INPUT DROP; "
     "ip6tables -P FORWARD DROP; ip6tables -P OUTPUT DROP (nftables: policy drop; in each filter "
     "base chain of an ip6 or inet table). On Bottlerocket, apply them from a bootstrap "
     "container.",
     &run_ipv6_default_deny},
    {"br03040202", "3.4.2.2", "Ensure IPv6 loopback traffic is configured", &cis_bottlerocket, 2,
     automatic,
     "ip6tables -A INPUT -i lo -j ACCEPT; ip6tables -A OUTPUT -o lo -j ACCEPT; ip6tables -A "
     "INPUT -s ::1 -j DROP, the lo rule before the ::1 rule (nftables: iifname \"lo\" accept; "
     "oifname \"lo\" accept; ip6 saddr ::1 drop). On Bottlerocket, apply them from a bootstrap "
     "container.",
     &run_ipv6_loopback},
    {"br03040203", "3.4.2.3", "Ensure IPv6 outbound and established connections are configured",
     &cis_bottlerocket, 1, manual,
     "Allow new outbound and established inbound connections as site policy requires, e.g. "
     "ip6tables -A OUTPUT -p tcp -m state --state NEW,ESTABLISHED -j ACCEPT and ip6tables -A "
     "INPUT -p tcp -m state --state ESTABLISHED -j ACCEPT, likewise for udp and icmpv6.",
     &run_manual},
};

int32_t init(const scanner_host_api* host) {
    try {
        return sdk::register_checks(host, std::begin(checks), std::end(checks));
    } catch (const std::exception&) {
        return ENOMEM;
    }
}

const char* const aliases[] = {"firewall", nullptr};

const scanner_plugin_descriptor descriptor{
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "network-firewall",
    "CIS Bottlerocket Benchmark: firewall checks (section 3.4)",
    "1.0.0",
    "scanner project",
    aliases,
    &init,
    nullptr,
};

}  // namespace

}  // namespace scanner::network_firewall

SCANNER_DEFINE_PLUGIN_ENTRY(scanner::network_firewall::descriptor)
