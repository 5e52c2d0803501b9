// 3.4.1.1, 3.4.1.2, 3.4.2.1, 3.4.2.2: read the ruleset (live or persisted), judge, report.
#include "logic/default_deny.hpp"
#include "logic/loopback.hpp"
#include "src/checks.hpp"
#include "src/ruleset_reader.hpp"

namespace scanner::network_firewall {

namespace {

ruleset_reading read_ruleset(const sdk::context& ctx, ip_family family) {
    return ctx.live() ? read_live_ruleset(ctx, family) : read_persisted_ruleset(ctx, family);
}

void report(const sdk::context& ctx, const ruleset_reading& reading, const judgement& j) {
    for (const auto& o : reading.sources) ctx.evidence(o.source, o.observed);
    for (const auto& o : j.evidence) ctx.evidence(o.source, o.observed);
    for (const auto& note : j.notes) ctx.note(note);
    ctx.report(j.verdict, j.reason);
}

void run_default_deny(const sdk::context& ctx, ip_family family) {
    auto reading = read_ruleset(ctx, family);
    if (!reading.error.empty()) {
        for (const auto& o : reading.sources) ctx.evidence(o.source, o.observed);
        return ctx.error(reading.error);
    }
    report(ctx, reading, judge_default_deny(reading.rules, family, {kubernetes_node_sign(ctx)}));
}

void run_loopback(const sdk::context& ctx, ip_family family) {
    auto reading = read_ruleset(ctx, family);
    if (!reading.error.empty()) {
        for (const auto& o : reading.sources) ctx.evidence(o.source, o.observed);
        return ctx.error(reading.error);
    }
    report(ctx, reading, judge_loopback(reading.rules, family));
}

}  // namespace

void run_ipv4_default_deny(const sdk::context& ctx) { run_default_deny(ctx, ip_family::ipv4); }
void run_ipv4_loopback(const sdk::context& ctx) { run_loopback(ctx, ip_family::ipv4); }
void run_ipv6_default_deny(const sdk::context& ctx) { run_default_deny(ctx, ip_family::ipv6); }
void run_ipv6_loopback(const sdk::context& ctx) { run_loopback(ctx, ip_family::ipv6); }

}  // namespace scanner::network_firewall
