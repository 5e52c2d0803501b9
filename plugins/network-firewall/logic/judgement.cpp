#include "logic/judgement.hpp"

namespace scanner::network_firewall {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    return out;
}

std::string_view hook_name(hook h) {
    switch (h) {
        case hook::input:
            return "INPUT";
        case hook::forward:
            return "FORWARD";
        case hook::output:
            return "OUTPUT";
        case hook::none:
        case hook::other:
            break;
    }
    return "(no hook)";
}

std::string describe(const table& t) {
    std::string out(to_string(t.managed_by));
    out += " table ";
    if (t.managed_by == backend::nftables) {
        out += to_string(t.family);
        out += ' ';
    }
    return out + t.name;
}

std::string describe(const table& t, const chain& c) { return describe(t) + " chain " + c.name; }

std::string locate(const table& t, const rule& r) {
    if (r.line == 0) return t.source;
    return t.source + ":" + std::to_string(r.line);
}

std::string describe(const table& t, const chain& c, const rule& r) {
    return "rule `" + std::string(r.text) + "` (" + describe(t, c) + ", " + locate(t, r) + ")";
}

}  // namespace scanner::network_firewall
