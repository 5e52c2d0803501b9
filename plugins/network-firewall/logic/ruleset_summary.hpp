// One line per source for the evidence: which tables a backend holds, their base chains'
// policies and how many rules they have.
#ifndef SCANNER_NETWORK_FIREWALL_RULESET_SUMMARY_HPP
#define SCANNER_NETWORK_FIREWALL_RULESET_SUMMARY_HPP

#include <string>
#include <vector>

#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// "table filter: INPUT policy DROP, FORWARD policy ACCEPT, OUTPUT policy DROP, 12 rules; ..."
/// or "no tables".
std::string summarize(const std::vector<table>& tables);

}  // namespace scanner::network_firewall

#endif
