// IPv4 and IPv6 addresses as inclusive ranges, the one shape that prefixes ("127.0.0.0/8"),
// dotted masks ("/255.0.0.0"), single hosts and nftables ranges ("10.0.0.1-10.0.0.5") share.
#ifndef SCANNER_NETWORK_FIREWALL_ADDRESS_RANGE_HPP
#define SCANNER_NETWORK_FIREWALL_ADDRESS_RANGE_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace scanner::network_firewall {

enum class ip_family : uint8_t { ipv4, ipv6 };

/// "IPv4" or "IPv6".
std::string_view to_string(ip_family family);

/// An inclusive range of addresses of one family; IPv4 uses the first 4 bytes, the rest is zero.
struct address_range {
    ip_family family = ip_family::ipv4;
    std::array<uint8_t, 16> first{};
    std::array<uint8_t, 16> last{};

    /// True when every address of `other` lies in this range (families must match).
    bool contains(const address_range& other) const;
    /// True when no address lies in both ranges.
    bool disjoint(const address_range& other) const;

    friend bool operator==(const address_range&, const address_range&) = default;
};

/// Parses one address without a prefix ("127.0.0.1", "::1", "::ffff:10.0.0.1").
std::optional<address_range> parse_address(std::string_view text);

/// Parses "addr", "addr/len" or "addr/dotted-mask" as iptables-save prints them. A mask that is
/// not contiguous has no range form and gives nullopt.
std::optional<address_range> parse_prefix(std::string_view text);

/// Parses "first-last", as nftables prints an interval.
std::optional<address_range> parse_interval(std::string_view text);

/// The range of `address` (a single host) widened to `length` leading bits.
std::optional<address_range> make_prefix(const address_range& address, unsigned length);

/// 127.0.0.0/8 or ::1/128: the loopback source the benchmark's rules name.
address_range loopback_range(ip_family family);

}  // namespace scanner::network_firewall

#endif
