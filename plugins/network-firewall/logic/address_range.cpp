#include "logic/address_range.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace scanner::network_firewall {

namespace {

std::optional<unsigned> parse_number(std::string_view text, int base, unsigned max) {
    if (text.empty()) return std::nullopt;
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (ec != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
    return value;
}

bool parse_ipv4(std::string_view text, uint8_t* out) {
    for (int i = 0; i < 4; ++i) {
        auto dot = text.find('.');
        if ((dot == std::string_view::npos) != (i == 3)) return false;
        auto part = text.substr(0, dot);
        if (part.size() > 3) return false;
        auto octet = parse_number(part, 10, 255);
        if (!octet) return false;
        out[i] = static_cast<uint8_t>(*octet);
        if (dot != std::string_view::npos) text.remove_prefix(dot + 1);
    }
    return true;
}

// Splits on ':' into 16-bit groups; an embedded IPv4 tail counts as two groups.
bool parse_ipv6_groups(std::string_view text, std::vector<uint16_t>& groups) {
    if (text.empty()) return true;
    while (true) {
        auto colon = text.find(':');
        auto part = text.substr(0, colon);
        if (colon == std::string_view::npos && part.find('.') != std::string_view::npos) {
            uint8_t v4[4];
            if (!parse_ipv4(part, v4)) return false;
            groups.push_back(static_cast<uint16_t>(v4[0] << 8 | v4[1]));
            groups.push_back(static_cast<uint16_t>(v4[2] << 8 | v4[3]));
            return true;
        }
        if (part.size() > 4) return false;
        auto group = parse_number(part, 16, 0xffff);
        if (!group) return false;
        groups.push_back(static_cast<uint16_t>(*group));
        if (colon == std::string_view::npos) return true;
        text.remove_prefix(colon + 1);
    }
}

bool parse_ipv6(std::string_view text, uint8_t* out) {
    std::vector<uint16_t> head, tail;
    auto gap = text.find("::");
    if (gap == std::string_view::npos) {
        if (!parse_ipv6_groups(text, head) || head.size() != 8) return false;
    } else {
        if (!parse_ipv6_groups(text.substr(0, gap), head)) return false;
        if (!parse_ipv6_groups(text.substr(gap + 2), tail)) return false;
        if (head.size() + tail.size() > 7) return false;
    }
    std::vector<uint16_t> groups(head);
    groups.resize(8 - tail.size(), 0);
    groups.insert(groups.end(), tail.begin(), tail.end());
    for (size_t i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<uint8_t>(groups[i] >> 8);
        out[2 * i + 1] = static_cast<uint8_t>(groups[i] & 0xff);
    }
    return true;
}

size_t address_bytes(ip_family family) { return family == ip_family::ipv4 ? 4 : 16; }

// Leading one bits of a dotted mask, or nullopt when the mask has a hole.
std::optional<unsigned> mask_length(const address_range& mask) {
    unsigned length = 0;
    bool ended = false;
    for (size_t i = 0; i < address_bytes(mask.family); ++i) {
        for (int bit = 7; bit >= 0; --bit) {
            bool set = (mask.first[i] >> bit) & 1;
            if (set && ended) return std::nullopt;
            if (set) ++length;
            if (!set) ended = true;
        }
    }
    return length;
}

}  // namespace

std::string_view to_string(ip_family family) { return family == ip_family::ipv4 ? "IPv4" : "IPv6"; }

bool address_range::contains(const address_range& other) const {
    return family == other.family && first <= other.first && other.last <= last;
}

bool address_range::disjoint(const address_range& other) const {
    return family != other.family || last < other.first || other.last < first;
}

std::optional<address_range> parse_address(std::string_view text) {
    address_range r;
    if (text.find(':') != std::string_view::npos) {
        r.family = ip_family::ipv6;
        if (!parse_ipv6(text, r.first.data())) return std::nullopt;
    } else if (!parse_ipv4(text, r.first.data())) {
        return std::nullopt;
    }
    r.last = r.first;
    return r;
}

std::optional<address_range> make_prefix(const address_range& address, unsigned length) {
    size_t bytes = address_bytes(address.family);
    if (length > bytes * 8) return std::nullopt;
    address_range r = address;
    for (size_t i = 0; i < bytes; ++i) {
        unsigned kept =
            length > i * 8 ? std::min<unsigned>(8, length - static_cast<unsigned>(i * 8)) : 0;
        auto host_bits = static_cast<uint8_t>(0xffu >> kept);
        r.first[i] = static_cast<uint8_t>(address.first[i] & ~host_bits);
        r.last[i] = static_cast<uint8_t>(address.first[i] | host_bits);
    }
    return r;
}

std::optional<address_range> parse_prefix(std::string_view text) {
    auto slash = text.find('/');
    auto address = parse_address(text.substr(0, slash));
    if (!address) return std::nullopt;
    if (slash == std::string_view::npos) return address;

    auto suffix = text.substr(slash + 1);
    if (auto length = parse_number(suffix, 10, 128)) return make_prefix(*address, *length);
    auto mask = parse_address(suffix);
    if (!mask || mask->family != address->family) return std::nullopt;
    auto length = mask_length(*mask);
    if (!length) return std::nullopt;
    return make_prefix(*address, *length);
}

std::optional<address_range> parse_interval(std::string_view text) {
    auto dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto low = parse_address(text.substr(0, dash));
    auto high = parse_address(text.substr(dash + 1));
    if (!low || !high || low->family != high->family || high->first < low->first) {
        return std::nullopt;
    }
    return address_range{low->family, low->first, high->first};
}

address_range loopback_range(ip_family family) {
    if (family == ip_family::ipv4) return *parse_prefix("127.0.0.0/8");
    return *parse_prefix("::1/128");
}

}  // namespace scanner::network_firewall
