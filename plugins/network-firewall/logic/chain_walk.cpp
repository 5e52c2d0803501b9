#include "logic/chain_walk.hpp"

namespace scanner::network_firewall {

namespace {

// The kernel's own limits are lower (nftables allows 16 nested jumps); a saved file may not be.
constexpr unsigned max_depth = 256;

address_range whole(ip_family family) {
    return *make_prefix(*parse_address(family == ip_family::ipv4 ? "0.0.0.0" : "::"), 0);
}

coverage negate(coverage c, bool negated) {
    if (!negated || c == coverage::some) return c;
    return c == coverage::all ? coverage::none : coverage::all;
}

bool name_matches(const condition& c, std::string_view name) {
    if (c.wildcard) return name.substr(0, c.name.size()) == c.name;
    return name == c.name;
}

coverage covers_interface(const condition& c, const interface_fact& fact) {
    bool matches_every_name = c.wildcard && c.name.empty();
    switch (fact.what) {
        case interface_fact::kind::is:
            return name_matches(c, fact.name) ? coverage::all : coverage::none;
        case interface_fact::kind::absent:
            return name_matches(c, "") ? coverage::all : coverage::none;
        case interface_fact::kind::is_not:
            if (matches_every_name) return coverage::all;
            if (!c.wildcard && c.name == fact.name) return coverage::none;
            return coverage::some;
        case interface_fact::kind::unknown:
            break;
    }
    return matches_every_name ? coverage::all : coverage::some;
}

coverage covers_address(const condition& c, const address_range& packets) {
    bool disjoint_from_all = true;
    for (size_t i = 0; i < c.ranges.size(); ++i) {
        if (c.ranges[i].contains(packets)) return coverage::all;
        if (!c.ranges[i].disjoint(packets)) disjoint_from_all = false;
    }
    return disjoint_from_all ? coverage::none : coverage::some;
}

}  // namespace

packet_class packet_class::any(ip_family family) {
    packet_class p;
    p.family = family;
    p.source = whole(family);
    p.destination = whole(family);
    return p;
}

coverage covers(const condition& c, const packet_class& packets) {
    switch (c.what) {
        case field::in_interface:
            return negate(covers_interface(c, packets.in), c.negated);
        case field::out_interface:
            return negate(covers_interface(c, packets.out), c.negated);
        case field::source:
        case field::destination:
            // A header of the other family never matches, negated or not (inet tables).
            if (c.family != packets.family) return coverage::none;
            return negate(
                covers_address(c, c.what == field::source ? packets.source : packets.destination),
                c.negated);
        case field::family:
            break;
    }
    return negate(c.family == packets.family ? coverage::all : coverage::none, c.negated);
}

coverage covers(const rule& r, const packet_class& packets) {
    coverage result = r.opaque_tests > 0 ? coverage::some : coverage::all;
    for (const auto& c : r.conditions) {
        auto one = covers(c, packets);
        if (one == coverage::none) return coverage::none;
        if (one == coverage::some) result = coverage::some;
    }
    return result;
}

chain_walker::chain_walker(const table& t, const packet_class& packets)
    : table_(t), packets_(packets), state_(t.chains.size(), 0), memo_(t.chains.size()) {}

walk_outcome chain_walker::walk_base(size_t chain_index) {
    walk_outcome o = walk_(chain_index, 0);
    if (o.result != fate::returned) return o;
    const chain& base = table_.chains[chain_index];
    return {base.fallback == policy::drop ? fate::dropped : fate::accepted, nullptr, &base, {}};
}

walk_outcome chain_walker::walk_(size_t chain_index, unsigned depth) {
    const chain& c = table_.chains[chain_index];
    if (state_[chain_index] == 2) return memo_[chain_index];
    if (state_[chain_index] == 1) {
        return {fate::undetermined, nullptr, &c, "chain " + c.name + " jumps back into itself"};
    }
    if (depth > max_depth) {
        return {fate::undetermined, nullptr, &c,
                "jumps nest deeper than " + std::to_string(max_depth) + " chains at " + c.name};
    }
    state_[chain_index] = 1;

    walk_outcome o{fate::returned, nullptr, &c, {}};
    for (const auto& r : c.rules) {
        // A rule with a test the walker cannot see (ports, state) never takes a whole class: most
        // rules of a large ruleset are such, so that is checked before any address is compared.
        if (r.verdict == action::next || r.opaque_tests > 0 ||
            covers(r, packets_) != coverage::all) {
            continue;
        }
        if (r.verdict == action::jump || r.verdict == action::go) {
            walk_outcome sub = walk_(static_cast<size_t>(r.target_index), depth + 1);
            if (sub.result == fate::returned && r.verdict == action::jump) continue;
            if (sub.result == fate::returned) sub = {fate::returned, &r, &c, {}};
            o = std::move(sub);
            break;
        }
        fate f = fate::undetermined;
        if (r.verdict == action::accept) f = fate::accepted;
        if (r.verdict == action::drop || r.verdict == action::reject) f = fate::dropped;
        if (r.verdict == action::ret) f = fate::returned;
        o = {f, &r, &c, {}};
        break;
    }

    state_[chain_index] = 2;
    memo_[chain_index] = o;
    return o;
}

}  // namespace scanner::network_firewall
