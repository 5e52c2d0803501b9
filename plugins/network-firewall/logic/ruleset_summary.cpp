#include "logic/ruleset_summary.hpp"

namespace scanner::network_firewall {

std::string summarize(const std::vector<table>& tables) {
    if (tables.empty()) return "no tables";
    std::string out;
    for (const auto& t : tables) {
        if (!out.empty()) out += "; ";
        out += "table ";
        if (t.managed_by == backend::nftables) out += std::string(to_string(t.family)) + " ";
        out += t.name + ":";
        size_t rules = 0;
        for (const auto& c : t.chains) {
            rules += c.rules.size();
            if (c.attached == hook::none) continue;
            out += " " + c.name;
            if (t.managed_by == backend::nftables)
                out += " (hook " + std::string(to_string(c.attached)) + ")";
            out += c.fallback == policy::drop ? " policy DROP," : " policy ACCEPT,";
        }
        out += " " + std::to_string(rules) + (rules == 1 ? " rule" : " rules");
    }
    return out;
}

}  // namespace scanner::network_firewall
