#include "logic/ruleset.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace scanner::network_firewall {

std::string_view text_arena::store(std::string_view text) {
    constexpr size_t block_size = 64 * 1024;
    if (text.empty()) return {};
    if (text.size() > capacity_ - used_) {
        capacity_ = std::max(block_size, text.size());
        blocks_.push_back(std::make_unique<char[]>(capacity_));
        used_ = 0;
    }
    char* copy = blocks_.back().get() + used_;
    std::memcpy(copy, text.data(), text.size());
    used_ += text.size();
    return {copy, text.size()};
}

std::string_view to_string(hook h) {
    switch (h) {
        case hook::input:
            return "input";
        case hook::forward:
            return "forward";
        case hook::output:
            return "output";
        case hook::other:
            return "other";
        case hook::none:
            break;
    }
    return "none";
}

std::string_view to_string(backend b) {
    switch (b) {
        case backend::iptables_legacy:
            return "iptables-legacy";
        case backend::iptables_nft:
            return "iptables-nft";
        case backend::iptables:
            return "iptables";
        case backend::nftables:
            break;
    }
    return "nftables";
}

std::string_view to_string(table_family f) {
    switch (f) {
        case table_family::ip:
            return "ip";
        case table_family::ip6:
            return "ip6";
        case table_family::inet:
            return "inet";
        case table_family::other:
            break;
    }
    return "other";
}

bool table::sees(ip_family f) const {
    if (family == table_family::inet) return true;
    return (family == table_family::ip && f == ip_family::ipv4) ||
           (family == table_family::ip6 && f == ip_family::ipv6);
}

std::vector<attached_chain> filter_chains_at(const ruleset& rules, ip_family family, hook h) {
    std::vector<attached_chain> found;
    for (const auto& t : rules.tables) {
        if (!t.sees(family)) continue;
        for (size_t i = 0; i < t.chains.size(); ++i) {
            if (t.chains[i].filters && t.chains[i].attached == h) found.push_back({&t, i});
        }
    }
    return found;
}

parse_error resolve_targets(table& t) {
    std::unordered_map<std::string_view, int32_t> index;
    index.reserve(t.chains.size());
    for (size_t i = 0; i < t.chains.size(); ++i) {
        index.emplace(t.chains[i].name, static_cast<int32_t>(i));
    }
    for (auto& c : t.chains) {
        for (auto& r : c.rules) {
            if (r.verdict != action::jump && r.verdict != action::go) continue;
            auto it = index.find(r.target);
            if (it == index.end()) {
                return {"rule in chain " + c.name + " jumps to chain " + r.target +
                            ", which table " + t.name + " does not define",
                        r.line};
            }
            r.target_index = it->second;
        }
    }
    return {};
}

}  // namespace scanner::network_firewall
