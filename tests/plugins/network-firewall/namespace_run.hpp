// Runs the network-firewall plugin against the live host inside a private network namespace,
// after loading rulesets into it with the real iptables-legacy, iptables-nft and nft tools.
#ifndef SCANNER_TESTS_NETWORK_FIREWALL_NAMESPACE_RUN_HPP
#define SCANNER_TESTS_NETWORK_FIREWALL_NAMESPACE_RUN_HPP

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace scanner::testing::firewall {

/// One ruleset to load: the loader (e.g. "/usr/sbin/iptables-legacy-restore") is run with a
/// file holding `content` as its last argument.
struct ruleset_load {
    std::vector<std::string> argv;
    std::string content;
};

/// What a check reported inside the namespace.
struct live_outcome {
    std::string verdict;  // "PASS", "FAIL", "SKIP" or "ERROR"
    std::string reason;
    std::vector<std::pair<std::string, std::string>> evidence;  // source, observed

    /// True when the reason contains `part`.
    bool reason_has(const std::string& part) const;
    /// True when some evidence has this source and an observation that contains `part`.
    bool evidence_has(const std::string& source, const std::string& part) const;
};

/// The result of one run: whether the namespace could be made, and the outcomes by check id.
struct namespace_run {
    /// Empty when the run happened; otherwise why not (no privilege to unshare, ...).
    std::string not_run;
    /// Set when the namespace was made but loading the rules or running the plugin failed.
    std::string failure;
    std::map<std::string, live_outcome> checks;
};

/// Forks; the child unshares its network namespace, loads `loads` in order, optionally drops to
/// uid/gid 65534 (to make the save tools fail), runs the plugin on "/" and reports back.
namespace_run run_in_namespace(const std::vector<ruleset_load>& loads, bool as_nobody = false);

/// True when a run that could not happen must fail the test rather than skip it
/// (SCANNER_REQUIRE_LIVE_TESTS=1, which CI sets: it runs as root).
bool live_tests_required();

}  // namespace scanner::testing::firewall

#endif
