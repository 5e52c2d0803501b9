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
// ';'), one token at a time; drops comments and backslash line continuations.
class lexer {
  public:
    explicit lexer(std::string_view text) : text_(text) {}

    /// The next token; `end` at the end of the text, and after an unterminated string.
    token next() {
        while (i_ < text_.size()) {
            char c = text_[i_];
            if (is_blank(c)) {
                ++i_;
            } else if (c == '\\' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') {
                i_ += 2;
                ++line_;
            } else if (c == '#') {
                while (i_ < text_.size() && text_[i_] != '\n') ++i_;
            } else if (c == '\n' || c == ';') {
                token t{token::kind::separator, text_.substr(i_++, 1), line_};
                line_ += c == '\n';
                return t;
            } else if (c == '{' || c == '}' || c == ',') {
                auto k = c == '{'   ? token::kind::open
                         : c == '}' ? token::kind::close
                                    : token::kind::comma;
                return {k, text_.substr(i_++, 1), line_};
            } else if (c == '"') {
                size_t end = text_.find('"', i_ + 1);
                if (end == std::string_view::npos ||
                    text_.substr(i_, end - i_).find('\n') != std::string_view::npos) {
                    unterminated_line_ = line_;
                    i_ = text_.size();
                    break;
                }
                token t{token::kind::string, text_.substr(i_ + 1, end - i_ - 1), line_};
                i_ = end + 1;
                return t;
            } else {
                size_t start = i_;
                while (i_ < text_.size() && is_word_char(text_[i_])) ++i_;
                return {token::kind::word, text_.substr(start, i_ - start), line_};
            }
        }
        return {token::kind::end, {}, line_};
    }

    /// The line of an unterminated string, or 0.
    uint32_t unterminated_line() const { return unterminated_line_; }

  private:
    std::string_view text_;
    size_t i_ = 0;
    uint32_t line_ = 1;
    uint32_t unterminated_line_ = 0;
};

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// Interprets the tokens of one rule, statement by statement.
class rule_reader {
  public:
    rule_reader(const std::vector<token>& tokens, text_arena& texts) : t_(tokens), texts_(texts) {}

    rule read() {
        rule r;
        if (!t_.empty()) {
            // The rule as written: from its first token to its last, quotes included.
            const token& first = t_.front();
            const token& last = t_.back();
            const char* begin = first.text.data() - (first.what == token::kind::string ? 1 : 0);
            const char* end =
                last.text.data() + last.text.size() + (last.what == token::kind::string ? 1 : 0);
            r.text = texts_.store(std::string_view(begin, static_cast<size_t>(end - begin)));
            r.line = first.line;
        }
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

    static void opaque(rule& r) { ++r.opaque_tests; }

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
            skip_value();  // a { ... } block of a statement we do not read, such as a vmap
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
    text_arena& texts_;
    size_t pos_ = 0;
};

class text_parser {
  public:
    text_parser(std::string_view text, const std::string& source) : lexer_(text), source_(source) {
        advance();
        advance();
    }

    parse_result<std::vector<table>> run() {
        using result = parse_result<std::vector<table>>;
        while (current().what != token::kind::end) {
            if (!top_level()) break;
        }
        if (auto line = lexer_.unterminated_line())
            return result::fail("unterminated string", line);
        if (!error_.empty()) return result::fail(error_, error_line_);
        for (auto& t : tables_) {
            if (auto e = resolve_targets(t); !e.message.empty())
                return result::fail(e.message, e.line);
        }
        result r;
        r.value = std::move(tables_);
        return r;
    }

  private:
    const token& current() const { return current_; }

    void advance() {
        previous_ = current_;
        current_ = next_;
        next_ = lexer_.next();
    }
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
            return fail("expected { after " + std::string(previous_.text));
        }
        advance();
        return true;
    }

    bool top_level() {
        if (current().what == token::kind::separator) {
            advance();
            return true;
        }
        auto w = word();
        if (w == "flush" && next_.text == "ruleset") {
            tables_.clear();  // what came before in this file is gone once nft reaches here
            advance();
            advance();
            return true;
        }
        if (w == "table") {
            advance();
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
            advance();
        }
        if (current().what != token::kind::word) return fail("expected a table name");
        std::string name(current().text);
        advance();
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
                advance();
            } else if (word() == "chain") {
                advance();
                if (!chain_block(tables_[index])) return false;
            } else if (!skip_statement()) {
                return false;
            }
        }
        advance();
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
                advance();
                return true;
            }
            advance();
        }
    }

    bool chain_block(table& t) {
        if (current().what != token::kind::word && current().what != token::kind::string) {
            return fail("expected a chain name");
        }
        std::string name(current().text);
        advance();
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
                advance();
                continue;
            }
            auto w = word();
            if (w == "type") {
                if (!base_chain(c)) return false;
            } else if (w == "policy") {
                advance();
                auto p = word();
                if (p != "accept" && p != "drop") return fail("policy must be accept or drop");
                c.fallback = p == "drop" ? policy::drop : policy::accept;
                advance();
            } else if (one_of(w, {"comment", "device", "devices"})) {
                if (!skip_statement()) return false;
            } else {
                read_statement_tokens();
                c.rules.push_back(rule_reader(rule_tokens_, t.texts).read());
            }
        }
        advance();
        return true;
    }

    // "type filter hook input [device eth0] priority 0"
    bool base_chain(chain& c) {
        advance();
        std::string_view type = word();
        advance();
        if (word() != "hook") return fail("expected hook after type " + std::string(type));
        advance();
        c.attached = nft_hook(word());
        c.filters = type == "filter" && c.attached != hook::other;
        advance();
        return skip_statement();  // device and priority
    }

    // Collects the tokens of one rule into rule_tokens_, up to its separator.
    void read_statement_tokens() {
        std::vector<token>& out = rule_tokens_;
        out.clear();
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
            advance();
        }
    }

    lexer lexer_;
    const std::string& source_;
    token previous_, current_, next_;
    std::vector<token> rule_tokens_;
    std::vector<table> tables_;
    std::string error_;
    uint32_t error_line_ = 0;
};

}  // namespace

parse_result<std::vector<table>> parse_nft_text(std::string_view text, const std::string& source) {
    return text_parser(text, source).run();
}

}  // namespace scanner::network_firewall
