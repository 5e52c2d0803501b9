#include "logic/loopback.hpp"

#include <optional>

#include "logic/chain_walk.hpp"

namespace scanner::network_firewall {

namespace {

// The benchmark's own rules, in the syntax of the tool that manages the host's tables.
struct expected_rules {
    std::string accept_in;
    std::string drop_spoofed;
    std::string accept_out;
};

expected_rules expected_for(const ruleset& rules, ip_family family) {
    bool any = false;
    bool nft_only = true;
    for (const auto& t : rules.tables) {
        if (!t.sees(family)) continue;
        any = true;
        nft_only &= t.managed_by == backend::nftables;
    }
    if (any && nft_only) {
        return {"iifname \"lo\" accept",
                family == ip_family::ipv4 ? "ip saddr 127.0.0.0/8 drop" : "ip6 saddr ::1 drop",
                "oifname \"lo\" accept"};
    }
    return {"-A INPUT -i lo -j ACCEPT",
            family == ip_family::ipv4 ? "-A INPUT -s 127.0.0.0/8 -j DROP"
                                      : "-A INPUT -s ::1/128 -j DROP",
            "-A OUTPUT -o lo -j ACCEPT"};
}

class loopback_judge {
  public:
    loopback_judge(const ruleset& rules, ip_family family, judgement& j)
        : rules_(rules), family_(family), j_(j) {}

    /// Every filter chain at `h` lets `packets` through, and one accepts them by a rule.
    /// Returns why not, or nullopt; sets broken() when a chain cannot be followed.
    std::optional<std::string> accepted(hook h, const packet_class& packets, std::string_view what,
                                        const std::string& expected) {
        bool by_rule = false;
        bool blocked_by_rule = false;
        std::vector<std::string> blockers;
        for (const auto& at : filter_chains_at(rules_, family_, h)) {
            auto o = walk(at, packets);
            if (broken_) return std::nullopt;
            const table& t = *at.in_table;
            if (o.decided_by == nullptr) {
                bool drops = o.result == fate::dropped;
                j_.evidence.push_back({t.source, describe(t, at.get()) + ": no rule decides " +
                                                     std::string(what) + ", policy " +
                                                     (drops ? "DROP" : "ACCEPT") + " applies"});
                if (drops) {
                    blockers.push_back("no rule of " + describe(t, at.get()) +
                                       " accepts it before the policy DROP");
                }
                continue;
            }
            const rule& r = *o.decided_by;
            j_.evidence.push_back(
                {locate(t, r), describe(t, *o.in_chain) + ": `" + std::string(r.text) + "` " +
                                   std::string(verb(o.result)) + " " + std::string(what)});
            blocked_by_rule |= o.result != fate::accepted;
            if (o.result == fate::accepted) {
                by_rule = true;
            } else if (o.result == fate::dropped) {
                blockers.push_back(describe(t, *o.in_chain, r) +
                                   " drops it before any rule "
                                   "accepts it");
            } else {
                blockers.push_back(describe(t, *o.in_chain, r) + " hands it to a userspace queue");
            }
        }
        std::string head = std::string(hook_name(h)) + " does not accept " + std::string(what);
        if (!blockers.empty()) {
            return head + ": " + join(blockers, " and ") + " (expected `" + expected + "`" +
                   (blocked_by_rule ? " before any rule that drops it)" : ")");
        }
        if (!by_rule) return head + ": no rule accepts it (expected `" + expected + "`)";
        return std::nullopt;
    }

    /// Some filter chain at INPUT drops `packets` by a rule. Returns why not, or nullopt.
    std::optional<std::string> dropped(const packet_class& packets, std::string_view what,
                                       const std::string& expected) {
        bool by_rule = false;
        std::vector<std::string> accepters;
        for (const auto& at : filter_chains_at(rules_, family_, hook::input)) {
            auto o = walk(at, packets);
            if (broken_) return std::nullopt;
            const table& t = *at.in_table;
            if (o.decided_by == nullptr) {
                j_.evidence.push_back(
                    {t.source, describe(t, at.get()) + ": no rule drops " + std::string(what) +
                                   ", policy " + (o.result == fate::dropped ? "DROP" : "ACCEPT") +
                                   " applies"});
                continue;
            }
            const rule& r = *o.decided_by;
            j_.evidence.push_back(
                {locate(t, r), describe(t, *o.in_chain) + ": `" + std::string(r.text) + "` " +
                                   std::string(verb(o.result)) + " " + std::string(what)});
            if (o.result == fate::dropped) by_rule = true;
            if (o.result == fate::accepted) {
                accepters.push_back(describe(t, *o.in_chain, r) + " accepts it first");
            }
        }
        if (by_rule) return std::nullopt;
        std::string why = "INPUT does not drop " + std::string(what) + ": no rule drops it";
        if (!accepters.empty()) why += " (" + join(accepters, " and ") + ")";
        return why + " (expected `" + expected + "` after the rule that accepts lo)";
    }

    bool broken() const { return broken_; }

  private:
    walk_outcome walk(const attached_chain& at, const packet_class& packets) {
        chain_walker walker(*at.in_table, packets);
        walk_outcome o = walker.walk_base(at.index);
        if (!o.problem.empty()) {
            broken_ = true;
            j_.verdict = sdk::status::error;
            j_.reason = "cannot follow " + describe(*at.in_table, at.get()) + ": " + o.problem;
        }
        return o;
    }

    static std::string_view verb(fate f) {
        if (f == fate::accepted) return "accepts";
        if (f == fate::dropped) return "drops";
        return "queues";
    }

    const ruleset& rules_;
    ip_family family_;
    judgement& j_;
    bool broken_ = false;
};

}  // namespace

judgement judge_loopback(const ruleset& rules, ip_family family) {
    judgement j;
    const address_range loopback = loopback_range(family);
    const std::string loopback_text = family == ip_family::ipv4 ? "127.0.0.0/8" : "::1";
    const expected_rules expected = expected_for(rules, family);
    loopback_judge judge(rules, family, j);

    // Loopback traffic runs from the loopback network to it; spoofed traffic claims a loopback
    // source on another interface, to any destination.
    auto loopback_class = [&](interface_fact in, interface_fact out, bool to_loopback) {
        packet_class p = packet_class::any(family);
        p.in = in;
        p.out = out;
        p.source = loopback;
        if (to_loopback) p.destination = loopback;
        return p;
    };
    const interface_fact lo{interface_fact::kind::is, "lo"};
    const interface_fact not_lo{interface_fact::kind::is_not, "lo"};
    const interface_fact none{interface_fact::kind::absent, {}};
    const packet_class on_lo_in = loopback_class(lo, none, true);
    const packet_class spoofed = loopback_class(not_lo, none, false);
    const packet_class on_lo_out = loopback_class(none, lo, true);

    std::vector<std::string> failures;
    if (auto why =
            judge.accepted(hook::input, on_lo_in, "traffic arriving on lo", expected.accept_in)) {
        failures.push_back(*why);
    }
    if (judge.broken()) return j;
    if (auto why = judge.dropped(spoofed,
                                 "traffic from " + loopback_text + " arriving on other interfaces",
                                 expected.drop_spoofed)) {
        failures.push_back(*why);
    }
    if (judge.broken()) return j;
    if (auto why =
            judge.accepted(hook::output, on_lo_out, "traffic leaving on lo", expected.accept_out)) {
        failures.push_back(*why);
    }
    if (judge.broken()) return j;

    j.verdict = failures.empty() ? sdk::status::pass : sdk::status::fail;
    j.reason = join(failures, "; ");
    return j;
}

}  // namespace scanner::network_firewall
