// The firewall as the kernel runs it, whatever wrote it: tables of chains of rules, each rule a
// list of conditions and an action. iptables-save text, nft JSON and nft text all parse into it.
#ifndef SCANNER_NETWORK_FIREWALL_RULESET_HPP
#define SCANNER_NETWORK_FIREWALL_RULESET_HPP

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "logic/address_range.hpp"

namespace scanner::network_firewall {

/// The netfilter hook a base chain is attached to; `none` for a chain reached only by jumps.
enum class hook : uint8_t { none, input, forward, output, other };

/// "input", "forward", "output", ...
std::string_view to_string(hook h);

/// What a rule does to the packets it matches.
enum class action : uint8_t {
    next,     // no verdict (counter, LOG, MARK, ...): the packet goes on to the next rule
    accept,   // ACCEPT / accept
    drop,     // DROP / drop
    reject,   // REJECT / reject
    ret,      // RETURN / return: back to the calling chain, or the policy of a base chain
    jump,     // to `target`, then back here unless it decides
    go,       // goto `target`: its RETURN ends the calling chain too
    unknown,  // decided elsewhere (NFQUEUE, queue): neither accept nor drop is certain
};

/// The address ranges of one test, any of which matches: one for iptables, a set's elements for
/// nftables. The first is kept inline so the common case costs no allocation.
class range_list {
  public:
    void push_back(const address_range& r) {
        if (size_ == 0) {
            first_ = r;
        } else {
            more_.push_back(r);
        }
        ++size_;
    }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const address_range& operator[](size_t i) const { return i == 0 ? first_ : more_[i - 1]; }
    const address_range& at(size_t i) const {
        return i == 0 && size_ > 0 ? first_ : more_.at(i - 1);
    }

  private:
    address_range first_;
    std::vector<address_range> more_;
    size_t size_ = 0;
};

/// Holds the texts of a table's rules in large blocks: one allocation per block rather than one
/// per rule. The views it hands out stay valid as long as the arena, even when it is moved.
class text_arena {
  public:
    text_arena() = default;
    text_arena(text_arena&&) noexcept = default;
    text_arena& operator=(text_arena&&) noexcept = default;
    text_arena(const text_arena&) = delete;
    text_arena& operator=(const text_arena&) = delete;
    ~text_arena() = default;

    /// Copies `text` into the arena and returns the copy.
    std::string_view store(std::string_view text);

  private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    size_t used_ = 0;
    size_t capacity_ = 0;
};

/// What a condition tests. Tests of anything else (ports, conntrack state, marks) are only
/// counted, in rule::opaque_tests: the checks never need their values.
enum class field : uint8_t {
    in_interface,   // -i / iifname / iif
    out_interface,  // -o / oifname / oif
    source,         // -s / ip saddr / ip6 saddr
    destination,    // -d / ip daddr / ip6 daddr
    family,         // meta nfproto, or a protocol header that implies one (inet tables)
};

/// One test a packet must pass for the rule to apply.
struct condition {
    field what = field::in_interface;
    bool negated = false;
    /// Interface tests: `name` is a prefix when `wildcard` ("eth+" in iptables, "eth*" in nft).
    std::string name;
    bool wildcard = false;
    /// Address and family tests: the family tested.
    ip_family family = ip_family::ipv4;
    /// Address tests: the packet's address lies in any of these.
    range_list ranges;
};

/// One rule: the tests a packet must pass, and what happens to it then.
struct rule {
    std::vector<condition> conditions;
    /// How many further tests narrow the rule to some packets only (ports, state, marks, sets
    /// and expressions the parsers do not evaluate).
    uint16_t opaque_tests = 0;
    network_firewall::action verdict = action::next;
    /// For jump and go: the chain name, and its index in the table once resolved.
    std::string target;
    int32_t target_index = -1;
    /// The rule as its source prints it, for evidence; stored in its table's arena.
    std::string_view text;
    /// 1-based line in the source, 0 when the source has no lines (JSON).
    uint32_t line = 0;
};

/// The default verdict of a base chain.
enum class policy : uint8_t { accept, drop };

/// A chain: a base chain attached to a hook with its policy, or a user chain reached by jumps.
struct chain {
    std::string name;
    network_firewall::hook attached = hook::none;
    /// Base chain of type filter (nftables), or a built-in chain of iptables' filter table.
    bool filters = false;
    network_firewall::policy fallback = policy::accept;
    std::vector<rule> rules;
};

/// Which program manages a table; every one that has tables applies at once. A persisted
/// iptables file has no backend until a host loads it: `iptables` stands for either.
enum class backend : uint8_t { iptables_legacy, iptables_nft, nftables, iptables };

/// "iptables-legacy", "iptables-nft", "nftables" or "iptables".
std::string_view to_string(backend b);

/// Family of a table as nftables names them; iptables tables are ip or ip6.
enum class table_family : uint8_t { ip, ip6, inet, other };

/// "ip", "ip6", "inet" or "other".
std::string_view to_string(table_family f);

/// One table of one backend, as one source listed it.
struct table {
    network_firewall::backend managed_by = backend::nftables;
    /// Command line or file the table was read from.
    std::string source;
    table_family family = table_family::ip;
    std::string name;
    std::vector<chain> chains;
    /// Owns the texts of the rules.
    text_arena texts;

    /// True when packets of `f` traverse this table's base chains.
    bool sees(ip_family f) const;
};

/// Everything the kernel enforces (or an image persists) for both families.
struct ruleset {
    std::vector<table> tables;
};

/// A base chain of type filter attached to a hook, as the judges walk it.
struct attached_chain {
    const table* in_table = nullptr;
    size_t index = 0;

    const chain& get() const { return in_table->chains[index]; }
};

/// The filter chains that packets of `family` traverse at `h`, across every table and backend:
/// the kernel runs each of them, and a packet passes the hook only if none drops it.
std::vector<attached_chain> filter_chains_at(const ruleset& rules, ip_family family, hook h);

/// What went wrong reading a source: a message, and the 1-based line where it applies (0: none).
struct parse_error {
    std::string message;
    uint32_t line = 0;
};

/// A parsed value or the error that prevented it.
template <class T>
struct parse_result {
    T value{};
    parse_error error;
    bool failed = false;

    explicit operator bool() const { return !failed; }

    static parse_result fail(std::string message, uint32_t line = 0) {
        parse_result r;
        r.error = {std::move(message), line};
        r.failed = true;
        return r;
    }
};

/// Resolves every jump and goto of `t` to a chain index; a target that names no chain is an error
/// naming the rule's line.
parse_error resolve_targets(table& t);

}  // namespace scanner::network_firewall

#endif
