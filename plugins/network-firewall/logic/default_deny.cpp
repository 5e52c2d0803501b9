#include "logic/default_deny.hpp"

#include <optional>

#include "logic/chain_walk.hpp"

namespace scanner::network_firewall {

namespace {

constexpr hook checked_hooks[] = {hook::input, hook::forward, hook::output};

std::string_view traffic_of(hook h) {
    switch (h) {
        case hook::input:
            return "incoming";
        case hook::forward:
            return "forwarded";
        default:
            break;
    }
    return "outgoing";
}

std::string kubernetes_explanation(ip_family family, const std::string& sign) {
    std::string text = "this host is a Kubernetes node (" + sign +
                       "): kubelet and kube-proxy set the FORWARD policy to ACCEPT because pod "
                       "and service traffic is forwarded through this chain, so this result is "
                       "expected on such nodes and the policy must stay ACCEPT there";
    if (family == ip_family::ipv4) {
        text +=
            " (Bottlerocket's own report lists 3.4.1.1 as an Exception on its Kubernetes "
            "variants)";
    }
    return text;
}

enum class chain_default { denies, lets_through, unknown };

// Judges one chain: does it deny what its rules leave undecided? If not, adds why to `failures`;
// when it cannot be followed, sets the judgement to ERROR.
chain_default judge_chain(const attached_chain& at, ip_family family, judgement& j,
                          std::vector<std::string>& failures) {
    const table& t = *at.in_table;
    const chain& c = at.get();
    chain_walker walker(t, packet_class::any(family));
    walk_outcome o = walker.walk_base(at.index);
    if (!o.problem.empty()) {
        j.verdict = sdk::status::error;
        j.reason = "cannot follow " + describe(t, c) + ": " + o.problem;
        return chain_default::unknown;
    }

    const char* policy_word = c.fallback == policy::drop ? "DROP" : "ACCEPT";
    if (o.decided_by == nullptr) {
        j.evidence.push_back({t.source, describe(t, c) + ": policy " + policy_word});
        if (o.result == fate::dropped) return chain_default::denies;
        failures.push_back("policy ACCEPT in " + describe(t, c));
        return chain_default::lets_through;
    }

    const rule& r = *o.decided_by;
    const chain& holder = *o.in_chain;
    if (o.result == fate::dropped) {
        j.evidence.push_back({locate(t, r), describe(t, holder) + ": `" + std::string(r.text) +
                                                "` drops all traffic that earlier rules leave"});
        return chain_default::denies;
    }
    j.evidence.push_back({locate(t, r), describe(t, holder) + ": `" + std::string(r.text) +
                                            "` decides all traffic before the policy " +
                                            policy_word});
    if (o.result == fate::accepted) {
        failures.push_back(describe(t, holder, r) + " accepts all traffic, so policy " +
                           policy_word + " of " + describe(t, c) + " never applies");
    } else {
        failures.push_back(describe(t, holder, r) +
                           " hands all traffic to a userspace queue, whose verdict is unknown");
    }
    return chain_default::lets_through;
}

}  // namespace

std::string kubernetes_sign(const ruleset& rules) {
    for (const auto& t : rules.tables) {
        for (const auto& c : t.chains) {
            if (c.name.rfind("KUBE-", 0) == 0) return "chain " + c.name + " in " + describe(t);
        }
    }
    return {};
}

namespace {

// Why `h` lets traffic no rule decides through, or nullopt when some chain there denies it.
// Leaves `j` as ERROR when a chain cannot be followed.
std::optional<std::string> judge_hook(const ruleset& rules, ip_family family, hook h,
                                      judgement& j) {
    auto chains = filter_chains_at(rules, family, h);
    if (chains.empty()) {
        return std::string(hook_name(h)) + " has no " + std::string(to_string(family)) +
               " filter chain, so the kernel accepts all " + std::string(traffic_of(h)) +
               " traffic";
    }
    bool denies = false;
    std::vector<std::string> failures;
    for (const auto& at : chains) {
        auto verdict = judge_chain(at, family, j, failures);
        if (verdict == chain_default::unknown) return std::nullopt;
        denies |= verdict == chain_default::denies;
    }
    if (denies) return std::nullopt;
    return std::string(hook_name(h)) + " accepts " + std::string(to_string(family)) +
           " traffic that no rule drops: " + join(failures, " and ") + "; expected policy DROP";
}

}  // namespace

judgement judge_default_deny(const ruleset& rules, ip_family family, const node_facts& node) {
    judgement j;
    std::vector<std::string> hook_failures;
    bool forward_fails = false;
    for (hook h : checked_hooks) {
        auto why = judge_hook(rules, family, h, j);
        if (!j.reason.empty()) return j;  // a chain could not be followed
        if (!why) continue;
        hook_failures.push_back(*why);
        forward_fails |= h == hook::forward;
    }

    if (hook_failures.empty()) {
        j.verdict = sdk::status::pass;
        return j;
    }
    j.verdict = sdk::status::fail;
    j.reason = join(hook_failures, "; ");
    std::string sign = node.kubernetes_sign.empty() ? kubernetes_sign(rules) : node.kubernetes_sign;
    if (forward_fails && !sign.empty()) j.reason += "; " + kubernetes_explanation(family, sign);
    return j;
}

}  // namespace scanner::network_firewall
