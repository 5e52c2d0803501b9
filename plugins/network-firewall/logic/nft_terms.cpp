#include "logic/nft_terms.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace scanner::network_firewall {

table_family nft_table_family(std::string_view name) {
    if (name == "ip") return table_family::ip;
    if (name == "ip6") return table_family::ip6;
    if (name == "inet") return table_family::inet;
    return table_family::other;
}

hook nft_hook(std::string_view name) {
    if (name == "input") return hook::input;
    if (name == "forward") return hook::forward;
    if (name == "output") return hook::output;
    return hook::other;
}

condition nft_interface_condition(field what, bool negated, std::string_view name) {
    condition c;
    c.what = what;
    c.negated = negated;
    if (!name.empty() && name.back() == '*' && (name.size() < 2 || name[name.size() - 2] != '\\')) {
        c.wildcard = true;
        name.remove_suffix(1);
    }
    c.name.reserve(name.size());
    for (size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '\\' && i + 1 < name.size()) ++i;
        c.name += name[i];
    }
    return c;
}

std::optional<action> nft_verdict(std::string_view word) {
    if (word == "accept") return action::accept;
    if (word == "drop") return action::drop;
    if (word == "reject") return action::reject;
    if (word == "return") return action::ret;
    if (word == "jump") return action::jump;
    if (word == "goto") return action::go;
    if (word == "queue") return action::unknown;
    if (word == "continue") return action::next;
    return std::nullopt;
}

bool nft_passive_statement(std::string_view word) {
    static constexpr std::array<std::string_view, 19> passive = {
        "counter", "log",        "mangle",   "meta", "ct",  "notrack", "dup",
        "fwd",     "snat",       "dnat",     "nat",  "set", "map",     "secmark",
        "tproxy",  "masquerade", "redirect", "flow", "last"};
    return std::find(passive.begin(), passive.end(), word) != passive.end();
}

}  // namespace scanner::network_firewall
