#include "logic/iptables_save_parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <unordered_map>
#include <utility>

namespace scanner::network_firewall {

namespace {

constexpr std::array<std::string_view, 5> builtin_chains = {"PREROUTING", "INPUT", "FORWARD",
                                                            "OUTPUT", "POSTROUTING"};

bool is_builtin(std::string_view chain_name) {
    return std::find(builtin_chains.begin(), builtin_chains.end(), chain_name) !=
           builtin_chains.end();
}

hook hook_of(std::string_view chain_name) {
    if (chain_name == "INPUT") return hook::input;
    if (chain_name == "FORWARD") return hook::forward;
    if (chain_name == "OUTPUT") return hook::output;
    return is_builtin(chain_name) ? hook::other : hook::none;
}

// Every blank iptables-save writes is at or below ' '; no printable character is.
bool is_space(char c) { return static_cast<unsigned char>(c) <= ' ' && c != '\0'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// "[packets:bytes]" as iptables-save -c prints it.
bool is_counters(std::string_view s) {
    if (s.size() < 5 || s.front() != '[' || s.back() != ']') return false;
    auto inner = s.substr(1, s.size() - 2);
    auto colon = inner.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon + 1 == inner.size()) return false;
    return std::all_of(inner.begin(), inner.end(),
                       [](char c) { return (c >= '0' && c <= '9') || c == ':'; }) &&
           inner.find(':', colon + 1) == std::string_view::npos;
}

// Splits a rule line on blanks; a double-quoted argument (with \" and \\ escapes) is one token,
// quotes included. Returns false for an unterminated quote.
bool tokenize(std::string_view line, std::vector<std::string_view>& tokens) {
    tokens.clear();
    const char* p = line.data();
    const char* end = p + line.size();
    while (p < end) {
        if (is_space(*p)) {
            ++p;
            continue;
        }
        const char* start = p;
        if (*p == '"') {
            ++p;
            while (p < end && *p != '"') p += *p == '\\' ? 2 : 1;
            if (p >= end) return false;
            ++p;
        } else {
            while (p < end && !is_space(*p)) ++p;
        }
        tokens.emplace_back(start, static_cast<size_t>(p - start));
    }
    return true;
}

std::string_view unquote(std::string_view s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
    return s;
}

enum class option {
    none,
    source,
    destination,
    in_interface,
    out_interface,
    protocol,
    fragment,
    match,
    jump,
    go,
    counters,
    only_ipv4,
    only_ipv6,
};

// Called for every word of every rule: a switch on the short form, a short scan for the long one.
option option_of(std::string_view t) {
    if (t.size() == 2 && t[0] == '-') {
        switch (t[1]) {
            case 's':
                return option::source;
            case 'd':
                return option::destination;
            case 'i':
                return option::in_interface;
            case 'o':
                return option::out_interface;
            case 'p':
                return option::protocol;
            case 'f':
                return option::fragment;
            case 'm':
                return option::match;
            case 'j':
                return option::jump;
            case 'g':
                return option::go;
            case 'c':
                return option::counters;
            case '4':
                return option::only_ipv4;
            case '6':
                return option::only_ipv6;
            default:
                return option::none;
        }
    }
    if (t.size() < 5 || t[0] != '-' || t[1] != '-') return option::none;
    static constexpr std::pair<std::string_view, option> long_options[] = {
        {"--source", option::source},
        {"--src", option::source},
        {"--destination", option::destination},
        {"--dst", option::destination},
        {"--in-interface", option::in_interface},
        {"--out-interface", option::out_interface},
        {"--protocol", option::protocol},
        {"--fragment", option::fragment},
        {"--match", option::match},
        {"--jump", option::jump},
        {"--goto", option::go},
        {"--set-counters", option::counters},
        {"--ipv4", option::only_ipv4},
        {"--ipv6", option::only_ipv6},
    };
    for (const auto& [name, o] : long_options) {
        if (name == t) return o;
    }
    return option::none;
}

// Who owns the extension options that follow: the protocol (--dport), a match module or the
// target (--reject-with). Outside of these an unknown option is an error.
enum class owner { none, protocol, match, target };

struct rule_parser {
    const save_origin& origin;
    std::vector<std::string_view>& tokens;
    size_t pos = 0;
    rule parsed;
    std::string raw_target;
    bool excluded = false;
    std::string error;

    bool at_option() const {
        if (pos >= tokens.size()) return false;
        if (option_of(tokens[pos]) != option::none) return true;
        return tokens[pos] == "!" && pos + 1 < tokens.size() &&
               option_of(tokens[pos + 1]) != option::none;
    }

    std::optional<std::string_view> argument(std::string_view opt, bool& negated) {
        if (pos < tokens.size() && tokens[pos] == "!") {  // the old "-s ! addr" spelling
            negated = !negated;
            ++pos;
        }
        if (pos >= tokens.size()) {
            error = "option " + std::string(opt) + " needs an argument";
            return std::nullopt;
        }
        return unquote(tokens[pos++]);
    }

    bool address(field what, std::string_view opt, bool negated) {
        auto text = argument(opt, negated);
        if (!text) return false;
        auto range = parse_prefix(*text);
        if (!range) {
            error = "cannot parse address " + std::string(*text);
            return false;
        }
        if (range->family != origin.family) {
            error = "address " + std::string(*text) + " is not an " +
                    std::string(to_string(origin.family)) + " address";
            return false;
        }
        condition c;
        c.what = what;
        c.negated = negated;
        c.family = origin.family;
        c.ranges.push_back(*range);
        parsed.conditions.push_back(std::move(c));
        return true;
    }

    bool interface(field what, std::string_view opt, bool negated) {
        auto text = argument(opt, negated);
        if (!text) return false;
        condition c;
        c.what = what;
        c.negated = negated;
        c.wildcard = !text->empty() && text->back() == '+';
        c.name = std::string(c.wildcard ? text->substr(0, text->size() - 1) : *text);
        parsed.conditions.push_back(std::move(c));
        return true;
    }

    void opaque() { ++parsed.opaque_tests; }

    bool run() {
        owner current = owner::none;
        bool protocol_options = false;
        while (pos < tokens.size()) {
            bool negated = false;
            if (!at_option()) {
                if (current == owner::none) {
                    error = "unexpected " + std::string(tokens[pos]);
                    return false;
                }
                if (current == owner::protocol && !protocol_options) {
                    opaque();  // --dport and friends narrow the rule to some packets
                    protocol_options = true;
                }
                ++pos;
                continue;
            }
            if (tokens[pos] == "!") {
                negated = true;
                ++pos;
            }
            auto opt_text = tokens[pos++];
            current = owner::none;
            switch (option_of(opt_text)) {
                case option::source:
                    if (!address(field::source, opt_text, negated)) return false;
                    break;
                case option::destination:
                    if (!address(field::destination, opt_text, negated)) return false;
                    break;
                case option::in_interface:
                    if (!interface(field::in_interface, opt_text, negated)) return false;
                    break;
                case option::out_interface:
                    if (!interface(field::out_interface, opt_text, negated)) return false;
                    break;
                case option::protocol: {
                    auto proto = argument(opt_text, negated);
                    if (!proto) return false;
                    // "all" and "0" both mean any protocol: iptables prints either (core-kit#349).
                    if ((*proto != "all" && *proto != "0") || negated) opaque();
                    current = owner::protocol;
                    protocol_options = false;
                    break;
                }
                case option::fragment:
                    opaque();
                    break;
                case option::match: {
                    auto module = argument(opt_text, negated);
                    if (!module) return false;
                    if (*module != "comment") opaque();
                    current = owner::match;
                    break;
                }
                case option::jump:
                case option::go: {
                    auto target = argument(opt_text, negated);
                    if (!target) return false;
                    raw_target = std::string(*target);
                    parsed.verdict = option_of(opt_text) == option::go ? action::go : action::jump;
                    current = owner::target;
                    break;
                }
                case option::counters:
                    if (pos + 2 > tokens.size()) {
                        error = "option " + std::string(opt_text) + " needs two arguments";
                        return false;
                    }
                    pos += 2;
                    break;
                case option::only_ipv4:
                    excluded = origin.family != ip_family::ipv4;
                    break;
                case option::only_ipv6:
                    excluded = origin.family != ip_family::ipv6;
                    break;
                case option::none:
                    break;
            }
        }
        return true;
    }
};

// Maps a -j target that names no chain of the table to the verdict it has.
action builtin_target(std::string_view target) {
    if (target == "ACCEPT") return action::accept;
    if (target == "DROP") return action::drop;
    if (target == "REJECT") return action::reject;
    if (target == "RETURN") return action::ret;
    if (target == "NFQUEUE" || target == "QUEUE") return action::unknown;
    return action::next;  // LOG, MARK, CT, ...: extensions that let the packet go on
}

struct pending_table {
    table t;
    uint32_t line = 0;
    std::unordered_map<std::string, size_t> chain_index;
    std::vector<std::string> raw_targets;  // per rule, in order of chains then rules
};

class save_parser {
  public:
    save_parser(std::string_view text, const save_origin& origin) : text_(text), origin_(origin) {}

    parse_result<std::vector<table>> run() {
        uint32_t line_no = 0;
        size_t start = 0;
        while (start <= text_.size()) {
            auto end = text_.find('\n', start);
            if (end == std::string_view::npos) end = text_.size();
            ++line_no;
            auto line = trim(text_.substr(start, end - start));
            start = end + 1;
            if (line.empty() || line.front() == '#') continue;
            if (!line_(line, line_no)) {
                return parse_result<std::vector<table>>::fail(error_,
                                                              error_line_ ? error_line_ : line_no);
            }
        }
        if (open_) {
            return parse_result<std::vector<table>>::fail(
                "table " + open_->t.name + " has no COMMIT", open_->line);
        }
        parse_result<std::vector<table>> r;
        r.value = std::move(tables_);
        return r;
    }

  private:
    bool line_(std::string_view line, uint32_t line_no) {
        if (line.front() == '*') return open_table_(line.substr(1), line_no);
        if (line == "COMMIT") return commit_();
        if (!open_) return fail_("expected *table before " + std::string(first_word_(line)));
        if (line.front() == ':') return declare_chain_(line.substr(1));
        if (line.front() == '[') {
            auto blank = line.find_first_of(" \t");
            if (!is_counters(line.substr(0, blank))) return fail_("cannot parse counters");
            line = trim(line.substr(blank == std::string_view::npos ? line.size() : blank));
        }
        return rule_(line, line_no);
    }

    bool open_table_(std::string_view name, uint32_t line_no) {
        if (open_)
            return fail_("table " + open_->t.name + " has no COMMIT before *" + std::string(name));
        if (name.empty()) return fail_("missing table name after *");
        open_.emplace();
        last_chain_ = nullptr;
        open_->line = line_no;
        open_->t.managed_by = origin_.managed_by;
        open_->t.source = origin_.source;
        open_->t.family = origin_.family == ip_family::ipv4 ? table_family::ip : table_family::ip6;
        open_->t.name = std::string(name);
        return true;
    }

    bool declare_chain_(std::string_view decl) {
        std::vector<std::string_view> words;
        if (!tokenize(decl, words) || words.size() < 2 || words.size() > 3) {
            return fail_("cannot parse chain declaration :" + std::string(decl));
        }
        if (words.size() == 3 && !is_counters(words[2])) return fail_("cannot parse counters");
        auto name = words[0];
        auto policy_word = words[1];
        bool builtin = is_builtin(name);
        chain c;
        c.name = std::string(name);
        c.attached = hook_of(name);
        c.filters = open_->t.name == "filter" && c.attached != hook::none;
        if (builtin) {
            if (policy_word == "ACCEPT") {
                c.fallback = policy::accept;
            } else if (policy_word == "DROP") {
                c.fallback = policy::drop;
            } else {
                return fail_("built-in chain " + c.name + " has policy " +
                             std::string(policy_word) + ", expected ACCEPT or DROP");
            }
        } else if (policy_word != "-") {
            return fail_("user-defined chain " + c.name + " has policy " +
                         std::string(policy_word) + ", expected -");
        }
        if (!open_->chain_index.emplace(c.name, open_->t.chains.size()).second) {
            return fail_("chain " + c.name + " is declared twice");
        }
        open_->t.chains.push_back(std::move(c));
        last_chain_ = nullptr;  // the push may have moved the chains
        return true;
    }

    bool rule_(std::string_view line, uint32_t line_no) {
        if (!tokenize(line, tokens_)) return fail_("unterminated quote");
        // A line of counters alone ("[0:0]") leaves nothing to read as a command.
        if (tokens_.empty()) return fail_("a line holds packet counters but no rule");
        auto command = tokens_[0];
        if (command != "-A" && command != "--append" && command != "-I" && command != "--insert") {
            return fail_("unexpected " + std::string(command) + ", expected -A, :chain or COMMIT");
        }
        if (tokens_.size() < 2) return fail_(std::string(command) + " needs a chain name");
        // Rules of one chain come together: look the name up only when it changes.
        // last_chain_name_ views a chain's name: read it only while last_chain_ is valid.
        if (last_chain_ == nullptr || tokens_[1] != last_chain_name_) {
            auto it = open_->chain_index.find(std::string(tokens_[1]));
            if (it == open_->chain_index.end()) {
                return fail_("chain " + std::string(tokens_[1]) + " is not declared in table " +
                             open_->t.name);
            }
            last_chain_ = &open_->t.chains[it->second];
            last_chain_name_ = last_chain_->name;
        }
        auto& rules = last_chain_->rules;

        size_t first_option = 2;
        size_t insert_at = rules.size();
        bool insert = command == "-I" || command == "--insert";
        if (insert) {
            insert_at = 0;
            size_t number = 0;
            auto digits = tokens_.size() > 2 ? tokens_[2] : std::string_view();
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
            if (!digits.empty() && ec == std::errc() && end == digits.data() + digits.size()) {
                if (number == 0 || number > rules.size() + 1) {
                    return fail_("rule number " + std::string(digits) + " is out of range");
                }
                insert_at = number - 1;
                first_option = 3;
            }
        }

        rule_parser p{origin_, tokens_, first_option, {}, {}, false, {}};
        if (!p.run()) return fail_(p.error);
        if (p.excluded) return true;
        p.parsed.text = open_->t.texts.store(line);
        p.parsed.line = line_no;
        p.parsed.target = std::move(p.raw_target);
        rules.insert(rules.begin() + static_cast<std::ptrdiff_t>(insert_at), std::move(p.parsed));
        return true;
    }

    bool commit_() {
        if (!open_) return fail_("COMMIT outside a table");
        for (auto& c : open_->t.chains) {
            for (auto& r : c.rules) {
                if (r.verdict != action::jump && r.verdict != action::go) continue;
                auto it = open_->chain_index.find(r.target);
                if (it != open_->chain_index.end()) {
                    r.target_index = static_cast<int32_t>(it->second);
                    continue;
                }
                if (r.verdict == action::go) {
                    error_line_ = r.line;
                    return fail_("goto target " + r.target + " is not a chain of table " +
                                 open_->t.name);
                }
                r.verdict = builtin_target(r.target);
            }
        }
        tables_.push_back(std::move(open_->t));
        open_.reset();
        last_chain_ = nullptr;
        return true;
    }

    static std::string_view first_word_(std::string_view line) {
        return line.substr(0, line.find_first_of(" \t"));
    }

    bool fail_(std::string message) {
        error_ = std::move(message);
        return false;
    }

    std::string_view text_;
    const save_origin& origin_;
    std::optional<pending_table> open_;
    std::vector<table> tables_;
    std::vector<std::string_view> tokens_;
    chain* last_chain_ = nullptr;
    std::string_view last_chain_name_;
    std::string error_;
    uint32_t error_line_ = 0;
};

}  // namespace

parse_result<std::vector<table>> parse_iptables_save(std::string_view text,
                                                     const save_origin& origin) {
    return save_parser(text, origin).run();
}

bool written_by_nft_variant(std::string_view text) {
    auto first_line = text.substr(0, text.find('\n'));
    return first_line.find("(nf_tables)") != std::string_view::npos;
}

}  // namespace scanner::network_firewall
