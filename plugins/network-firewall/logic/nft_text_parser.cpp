#include "logic/nft_text_parser.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "logic/nft_terms.hpp"

namespace scanner::network_firewall {

namespace {

struct token {
    enum class kind : uint8_t { word, string, open, close, separator, comma, end };
    kind what = kind::end;
    std::string_view text;
    uint32_t line = 0;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool is_word_char(char c) {
    return !is_blank(c) && c != '\n' && c != '{' && c != '}' && c != ';' && c != ',' && c != '"' &&
           c != '#';
}

// Splits nft text into words, strings, braces, commas and statement separators (newline or
// ';'); drops comments and backslash line continuations. False on an unterminated string.
bool tokenize(std::string_view text, std::vector<token>& out, uint32_t& bad_line) {
    uint32_t line = 1;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (is_blank(c)) {
            ++i;
        } else if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
            i += 2;
            ++line;
        } else if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '\n' || c == ';') {
            out.push_back({token::kind::separator, text.substr(i, 1), line});
            line += c == '\n';
            ++i;
        } else if (c == '{' || c == '}' || c == ',') {
            auto k = c == '{'   ? token::kind::open
                     : c == '}' ? token::kind::close
                                : token::kind::comma;
            out.push_back({k, text.substr(i, 1), line});
            ++i;
        } else if (c == '"') {
            size_t end = text.find('"', i + 1);
            if (end == std::string_view::npos ||
                text.substr(i, end - i).find('\n') != std::string_view::npos) {
                bad_line = line;
                return false;
            }
            out.push_back({token::kind::string, text.substr(i + 1, end - i - 1), line});
            i = end + 1;
        } else {
            size_t start = i;
            while (i < text.size() && is_word_char(text[i])) ++i;
            out.push_back({token::kind::word, text.substr(start, i - start), line});
        }
    }
    out.push_back({token::kind::end, {}, line});
    return true;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// Interprets the tokens of one rule, statement by statement.
class rule_reader {
  public:
    explicit rule_reader(const std::vector<token>& tokens) : t_(tokens) {}

    rule read() {
        rule r;
        for (const auto& tok : t_) {
            if (!r.text.empty() && tok.what != token::kind::comma) r.text += ' ';
            r.text += tok.what == token::kind::string ? "\"" + std::string(tok.text) + "\""
                                                      : std::string(tok.text);
        }
        r.line = t_.empty() ? 0 : t_[0].line;
        while (pos_ < t_.size()) statement(r);
        return r;
    }

  private:
    std::string_view peek(size_t ahead = 0) const {
        return pos_ + ahead < t_.size() ? t_[pos_ + ahead].text : std::string_view();
    }

    bool peek_open(size_t ahead = 0) const {
        return pos_ + ahead < t_.size() && t_[pos_ + ahead].what == token::kind::open;
    }

    static void opaque(rule& r) { r.conditions.push_back(condition{}); }

    // Reads "[==|!=] value" where value is one word or string, or a { ... } set; returns the
    // values, and whether the test is negated. nullopt for other operators.
    std::optional<std::vector<std::string_view>> operand(bool& negated) {
        negated = false;
        if (peek() == "!=" || peek() == "ne") {
            negated = true;
            ++pos_;
        } else if (peek() == "==" || peek() == "eq") {
            ++pos_;
        } else if (one_of(peek(), {"<", ">", "<=", ">=", "lt", "gt", "le", "ge", "&", "|"})) {
            ++pos_;
            skip_value();
            return std::nullopt;
        }
        std::vector<std::string_view> values;
        if (peek_open()) {
            ++pos_;
            while (pos_ < t_.size() && t_[pos_].what != token::kind::close) {
                if (t_[pos_].what != token::kind::comma) values.push_back(t_[pos_].text);
                ++pos_;
            }
            ++pos_;
            return values;
        }
        if (pos_ < t_.size()) values.push_back(t_[pos_++].text);
        return values;
    }

    void skip_value() {
        if (!peek_open()) {
            ++pos_;
            return;
        }
        int depth = 0;
        do {
            if (t_[pos_].what == token::kind::open) ++depth;
            if (t_[pos_].what == token::kind::close) --depth;
            ++pos_;
        } while (pos_ < t_.size() && depth > 0);
    }

    void interface(field what, rule& r) {
        bool negated = false;
        auto values = operand(negated);
        if (!values || values->size() != 1) return opaque(r);
        r.conditions.push_back(nft_interface_condition(what, negated, values->front()));
    }

    void address(ip_family family, rule& r) {
        auto header_field = peek();
        ++pos_;
        bool negated = false;
        bool is_address = header_field == "saddr" || header_field == "daddr";
        if (peek() == ".") return concatenation(r);
        auto values = operand(negated);
        condition c;
        c.what = header_field == "saddr" ? field::source : field::destination;
        c.negated = negated;
        c.family = family;
        bool readable = is_address && values.has_value() && !values->empty();
        for (auto v : values.value_or(std::vector<std::string_view>{})) {
            auto range =
                v.find('-') != std::string_view::npos ? parse_interval(v) : parse_prefix(v);
            if (!range || range->family != family) readable = false;
            if (range) c.ranges.push_back(*range);
        }
        if (readable) {
            r.conditions.push_back(std::move(c));
            return;
        }
        condition of_family;
        of_family.what = field::family;
        of_family.family = family;
        r.conditions.push_back(std::move(of_family));
        opaque(r);
    }

    // "ip saddr . tcp dport { ... }": a concatenated key we do not evaluate.
    void concatenation(rule& r) {
        while (peek() == ".") pos_ += 2;
        bool negated = false;
        operand(negated);
        opaque(r);
    }

    void verdict(action a, rule& r) {
        ++pos_;
        r.verdict = a;
        if (a == action::jump || a == action::go) {
            r.target = std::string(peek());
            ++pos_;
        }
        if (a == action::reject || a == action::unknown) {  // "with icmp ...", "num 1 bypass"
            while (pos_ < t_.size() && peek() != "comment") ++pos_;
        }
    }

    void statement(rule& r) {
        std::string_view word = peek();
        if (t_[pos_].what != token::kind::word) {
            ++pos_;
            return opaque(r);
        }
        if (auto a = nft_verdict(word)) return verdict(*a, r);
        if (word == "meta" && one_of(peek(1), {"iifname", "oifname", "iif", "oif", "nfproto"})) {
            ++pos_;
            word = peek();
        }
        if (one_of(word, {"iifname", "iif", "oifname", "oif"})) {
            ++pos_;
            return interface(word[0] == 'i' ? field::in_interface : field::out_interface, r);
        }
        if (word == "nfproto") {
            ++pos_;
            bool negated = false;
            auto values = operand(negated);
            if (!values || values->size() != 1 || !one_of(values->front(), {"ipv4", "ipv6"})) {
                return opaque(r);
            }
            condition c;
            c.what = field::family;
            c.negated = negated;
            c.family = values->front() == "ipv4" ? ip_family::ipv4 : ip_family::ipv6;
            r.conditions.push_back(std::move(c));
            return;
        }
        if (word == "ip" || word == "ip6") {
            ++pos_;
            return address(word == "ip" ? ip_family::ipv4 : ip_family::ipv6, r);
        }
        if ((word == "meta" || word == "ct") && peek(2) == "set") {  // meta mark set 1
            pos_ += 3;
            return skip_value();
        }
        if (word == "counter") {
            ++pos_;
            while (one_of(peek(), {"packets", "bytes"})) pos_ += 2;
            return;
        }
        if (word == "log") {
            ++pos_;
            while (one_of(peek(), {"prefix", "level", "group", "snaplen", "queue-threshold"})) {
                pos_ += 2;
            }
            return;
        }
        if (word == "comment") {
            pos_ += 2;
            return;
        }
        if (word == "notrack") {
            ++pos_;
            return;
        }
        if (word == ".") {  // the rest of a concatenation
            pos_ += 2;
            return;
        }
        ++pos_;
        opaque(r);  // tcp dport, ct state, fib, limit, ...: only some packets
    }

    const std::vector<token>& t_;
    size_t pos_ = 0;
};

class text_parser {
  public:
    text_parser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

    parse_result<std::vector<table>> run() {
        using result = parse_result<std::vector<table>>;
        uint32_t bad_line = 0;
        if (!tokenize(text_, tokens_, bad_line))
            return result::fail("unterminated string", bad_line);
        while (current().what != token::kind::end) {
            if (!top_level()) return result::fail(error_, error_line_);
        }
        for (auto& t : tables_) {
            if (auto e = resolve_targets(t); !e.message.empty())
                return result::fail(e.message, e.line);
        }
        result r;
        r.value = std::move(tables_);
        return r;
    }

  private:
    const token& current() const { return tokens_[pos_]; }
    std::string_view word() const {
        return current().what == token::kind::word ? current().text : std::string_view();
    }

    bool fail(std::string message) {
        error_ = std::move(message);
        error_line_ = current().line;
        return false;
    }

    bool expect_open() {
        if (current().what != token::kind::open) {
            return fail("expected { after " + std::string(tokens_[pos_ - 1].text));
        }
        ++pos_;
        return true;
    }

    bool top_level() {
        if (current().what == token::kind::separator) {
            ++pos_;
            return true;
        }
        auto w = word();
        if (w == "flush" && tokens_[pos_ + 1].text == "ruleset") {
            tables_.clear();  // what came before in this file is gone once nft reaches here
            pos_ += 2;
            return true;
        }
        if (w == "table") {
            ++pos_;
            return table_block();
        }
        if (w == "include")
            return fail("include is not evaluated offline: the included files are not read");
        if (w == "define" || (!w.empty() && w[0] == '$')) {
            return fail("nft variables (define, $name) are not evaluated offline");
        }
        if (one_of(w, {"add", "insert", "create", "replace", "delete", "flush", "destroy"})) {
            return fail("command-style nft statements (" + std::string(w) +
                        " ...) are not evaluated offline");
        }
        return fail("unexpected " + std::string(current().text) + " at the top level");
    }

    bool table_block() {
        std::string_view family_word = word();
        table_family family = table_family::ip;  // nft's default when no family is given
        if (one_of(family_word, {"ip", "ip6", "inet", "arp", "bridge", "netdev"})) {
            family = nft_table_family(family_word);
            ++pos_;
        }
        if (current().what != token::kind::word) return fail("expected a table name");
        std::string name(current().text);
        ++pos_;
        if (!expect_open()) return false;

        auto it = std::find_if(tables_.begin(), tables_.end(), [&](const table& t) {
            return t.family == family && t.name == name;
        });
        if (it == tables_.end()) {
            table t;
            t.managed_by = backend::nftables;
            t.source = source_;
            t.family = family;
            t.name = name;
            tables_.push_back(std::move(t));
            it = tables_.end() - 1;
        }
        size_t index = static_cast<size_t>(it - tables_.begin());

        while (current().what != token::kind::close) {
            if (current().what == token::kind::end)
                return fail("table " + name + " has no closing }");
            if (current().what == token::kind::separator) {
                ++pos_;
            } else if (word() == "chain") {
                ++pos_;
                if (!chain_block(tables_[index])) return false;
            } else if (!skip_statement()) {
                return false;
            }
        }
        ++pos_;
        if (family == table_family::other)
            tables_.erase(tables_.begin() + static_cast<std::ptrdiff_t>(index));
        return true;
    }

    // Skips a table-level statement (flags, comment) or object (set, map, ...) with its block.
    bool skip_statement() {
        int depth = 0;
        while (true) {
            const token& tok = current();
            if (tok.what == token::kind::end) return fail("unbalanced {");
            if (tok.what == token::kind::close && depth == 0) return true;
            if (tok.what == token::kind::separator && depth == 0) return true;
            if (tok.what == token::kind::open) ++depth;
            if (tok.what == token::kind::close && --depth == 0) {
                ++pos_;
                return true;
            }
            ++pos_;
        }
    }

    bool chain_block(table& t) {
        if (current().what != token::kind::word && current().what != token::kind::string) {
            return fail("expected a chain name");
        }
        std::string name(current().text);
        ++pos_;
        if (!expect_open()) return false;
        auto it = std::find_if(t.chains.begin(), t.chains.end(),
                               [&](const chain& c) { return c.name == name; });
        if (it == t.chains.end()) {
            chain c;
            c.name = name;
            t.chains.push_back(std::move(c));
            it = t.chains.end() - 1;
        }
        chain& c = *it;

        while (current().what != token::kind::close) {
            if (current().what == token::kind::end)
                return fail("chain " + name + " has no closing }");
            if (current().what == token::kind::separator) {
                ++pos_;
                continue;
            }
            auto w = word();
            if (w == "type") {
                if (!base_chain(c)) return false;
            } else if (w == "policy") {
                ++pos_;
                auto p = word();
                if (p != "accept" && p != "drop") return fail("policy must be accept or drop");
                c.fallback = p == "drop" ? policy::drop : policy::accept;
                ++pos_;
            } else if (one_of(w, {"comment", "device", "devices"})) {
                if (!skip_statement()) return false;
            } else {
                c.rules.push_back(rule_reader(statement_tokens()).read());
            }
        }
        ++pos_;
        return true;
    }

    // "type filter hook input [device eth0] priority 0"
    bool base_chain(chain& c) {
        ++pos_;
        std::string_view type = word();
        ++pos_;
        if (word() != "hook") return fail("expected hook after type " + std::string(type));
        ++pos_;
        c.attached = nft_hook(word());
        c.filters = type == "filter" && c.attached != hook::other;
        ++pos_;
        return skip_statement();  // device and priority
    }

    std::vector<token> statement_tokens() {
        std::vector<token> out;
        int depth = 0;
        while (true) {
            const token& tok = current();
            if (tok.what == token::kind::end) break;
            if (depth == 0 &&
                (tok.what == token::kind::separator || tok.what == token::kind::close)) {
                break;
            }
            if (tok.what == token::kind::open) ++depth;
            if (tok.what == token::kind::close) --depth;
            if (tok.what != token::kind::separator) out.push_back(tok);
            ++pos_;
        }
        return out;
    }

    std::string_view text_;
    const std::string& source_;
    std::vector<token> tokens_;
    size_t pos_ = 0;
    std::vector<table> tables_;
    std::string error_;
    uint32_t error_line_ = 0;
};

}  // namespace

parse_result<std::vector<table>> parse_nft_text(std::string_view text, const std::string& source) {
    return text_parser(text, source).run();
}

}  // namespace scanner::network_firewall
