// Follows a class of packets (e.g. "arrives on lo from 127.0.0.0/8") through a chain, jumps and
// gotos included, to the verdict the chain gives every packet of the class. This is how the
// checks judge what a ruleset means rather than how its lines read.
#ifndef SCANNER_NETWORK_FIREWALL_CHAIN_WALK_HPP
#define SCANNER_NETWORK_FIREWALL_CHAIN_WALK_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logic/ruleset.hpp"

namespace scanner::network_firewall {

/// What a packet class knows about one interface of its packets.
struct interface_fact {
    enum class kind : uint8_t {
        unknown,  // any interface
        is,       // exactly `name`
        is_not,   // any interface but `name`
        absent,   // none at this hook (no output interface on input, ...)
    };
    kind what = kind::unknown;
    std::string_view name;
};

/// A set of packets described by what the checks care about; the rest is unknown.
struct packet_class {
    ip_family family = ip_family::ipv4;
    interface_fact in;
    interface_fact out;
    address_range source;
    address_range destination;

    /// Every packet of `family`: the class a default policy applies to.
    static packet_class any(ip_family family);
};

/// How much of a packet class a condition or rule matches.
enum class coverage : uint8_t { none, some, all };

/// How much of `packets` passes one test.
coverage covers(const condition& c, const packet_class& packets);
/// How much of `packets` a rule matches: all only when every test is read and passed by all.
coverage covers(const rule& r, const packet_class& packets);

/// Where the packets of a class end up in a chain.
enum class fate : uint8_t {
    accepted,      // by a rule, or by the policy when decided_by is null
    dropped,       // by a DROP or REJECT rule, or by the policy when decided_by is null
    returned,      // no rule decided: back to the caller (user chain)
    undetermined,  // handed to userspace (queue), or the walk could not finish (see problem)
};

struct walk_outcome {
    network_firewall::fate result = fate::returned;
    /// The rule that decided, or null when the end of the chain (the policy) did.
    const rule* decided_by = nullptr;
    /// The chain holding decided_by, or the base chain whose policy decided.
    const chain* in_chain = nullptr;
    /// Why the walk could not finish (a jump loop, nesting too deep); empty otherwise.
    std::string problem;
};

/// Walks the chains of one table for one packet class, remembering each chain's verdict so a
/// chain reached by many jumps is walked once.
class chain_walker {
  public:
    chain_walker(const table& t, const packet_class& packets);

    /// The verdict of base chain `chain_index` for the class, its policy included.
    walk_outcome walk_base(size_t chain_index);

  private:
    walk_outcome walk_(size_t chain_index, unsigned depth);

    const table& table_;
    packet_class packets_;
    std::vector<uint8_t> state_;  // 0 not walked, 1 being walked, 2 done
    std::vector<walk_outcome> memo_;
};

}  // namespace scanner::network_firewall

#endif
