#include "logic/nft_json_parser.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "logic/json_reader.hpp"
#include "logic/nft_terms.hpp"

namespace scanner::network_firewall {

namespace {

// Writes an expression the way `nft list ruleset` would, closely enough for evidence.
void render(json_view e, std::string& out) {
    if (e.is_string() || e.is_number() || e.kind() == json_kind::boolean) {
        out += e.text();
        return;
    }
    if (e.is_array()) {
        bool first = true;
        for (json_view item : e) {
            if (!first) out += ',';
            first = false;
            render(item, out);
        }
        return;
    }
    json_view value = e.first();
    if (!e.is_object() || !value.present()) {
        out += "null";
        return;
    }
    std::string_view key = value.key();
    if (key == "meta") {
        auto meta_key = value["key"].text();
        bool bare = meta_key == "iifname" || meta_key == "oifname" || meta_key == "iif" ||
                    meta_key == "oif";
        if (!bare) out += "meta ";
        out += meta_key;
    } else if (key == "payload") {
        out += value["protocol"].text();
        out += ' ';
        out += value["field"].text();
    } else if (key == "prefix") {
        render(value["addr"], out);
        out += '/';
        render(value["len"], out);
    } else if (key == "range" && value.is_array() && value.size() == 2) {
        render(value.first(), out);
        out += '-';
        render(*++value.begin(), out);
    } else if (key == "set" && value.is_array()) {
        out += "{ ";
        bool first = true;
        for (json_view item : value) {
            if (!first) out += ", ";
            first = false;
            render(item, out);
        }
        out += " }";
    } else if (key == "ct") {
        out += "ct ";
        out += value["key"].text();
    } else if (key == "match") {
        auto op = value["op"].text();
        render(value["left"], out);
        out += ' ';
        if (op != "==" && op != "in") {
            out += op;
            out += ' ';
        }
        render(value["right"], out);
    } else if (key == "jump" || key == "goto") {
        out += key;
        out += ' ';
        out += value["target"].text();
    } else {
        out += key;
    }
}

// The members of a listed rule, read in one pass: large rulesets have many.
struct rule_members {
    std::string_view family;
    std::string_view table;
    std::string_view chain;
    json_view expr;
    std::string_view comment;
    json_view handle;

    explicit rule_members(json_view body) {
        for (json_view m : body) {
            std::string_view key = m.key();
            if (key == "family") family = m.text();
            if (key == "table") table = m.text();
            if (key == "chain") chain = m.text();
            if (key == "expr") expr = m;
            if (key == "comment") comment = m.text();
            if (key == "handle") handle = m;
        }
    }
};

std::string render_rule(const rule_members& r, std::string& text) {
    text.clear();
    for (json_view statement : r.expr) {
        if (!text.empty()) text += ' ';
        render(statement, text);
    }
    if (!r.comment.empty()) {
        text += " comment \"";
        text += r.comment;
        text += '"';
    }
    if (r.handle.present()) {
        text += " # handle ";
        text += r.handle.text();
    }
    return text;
}

// The elements of a named set, read when the set is listed: rules name it later.
struct named_set {
    std::vector<address_range> ranges;
    bool readable = true;  // false when an element is no address, prefix or interval
};

using set_key = std::tuple<std::string, std::string, std::string>;  // family, table, name

// Reads an address, prefix, interval or anonymous set element into `out`; false if unreadable.
bool read_element(json_view value, std::vector<address_range>& out) {
    if (value.is_string()) {
        auto a = parse_address(value.text());
        if (a) out.push_back(*a);
        return a.has_value();
    }
    json_view inner = value.first();
    if (!value.is_object() || !inner.present()) return false;
    if (inner.key() == "prefix") {
        auto a = parse_address(inner["addr"].text());
        auto len = inner["len"].as_unsigned();
        if (!a || !len || *len > 128) return false;
        auto p = make_prefix(*a, static_cast<unsigned>(*len));
        if (p) out.push_back(*p);
        return p.has_value();
    }
    if (inner.key() == "range" && inner.is_array() && inner.size() == 2) {
        auto low = parse_address(inner.first().text());
        auto high = parse_address((*++inner.begin()).text());
        if (!low || !high || low->family != high->family || high->first < low->first) return false;
        out.push_back({low->family, low->first, high->first});
        return true;
    }
    if (inner.key() == "elem") return read_element(inner["val"], out);
    return false;
}

bool read_elements(json_view elements, std::vector<address_range>& out) {
    bool readable = true;
    for (json_view e : elements) readable &= read_element(e, out);
    return readable;
}

class rule_builder {
  public:
    rule_builder(const std::map<set_key, named_set>& sets, std::string_view family,
                 std::string_view table_name)
        : sets_(sets), family_(family), table_(table_name) {}

    /// Adds the conditions and the verdict of one statement to `r`.
    void statement(json_view s, rule& r) {
        json_view value = s.first();
        if (!s.is_object() || s.size() != 1) return opaque(r);
        std::string_view key = value.key();
        if (key == "match") return match(value, r);
        if (auto verdict = nft_verdict(key)) {
            r.verdict = *verdict;
            if (*verdict == action::jump || *verdict == action::go) {
                r.target = std::string(value["target"].text());
            }
            return;
        }
        if (key == "xt") return xt(value, r);
        if (nft_passive_statement(key)) return;
        opaque(
            r);  // limit, quota, vmap, synproxy, ...: only some packets, or verdicts we cannot see
    }

  private:
    static void opaque(rule& r) { ++r.opaque_tests; }

    // iptables-nft writes the matches and targets it cannot translate as xt expressions.
    static void xt(json_view value, rule& r) {
        auto type = value["type"].text();
        auto name = value["name"].text();
        if (type == "match" && name != "comment") return opaque(r);
        if (type != "target") return;
        if (name == "REJECT") r.verdict = action::reject;
        if (name == "NFQUEUE" || name == "QUEUE") r.verdict = action::unknown;
    }

    void match(json_view m, rule& r) {
        auto op = m["op"].text();
        if (op != "==" && op != "!=" && op != "in") return opaque(r);
        bool negated = op == "!=";
        json_view left = m["left"];
        json_view right = m["right"];

        if (json_view meta = left["meta"]; meta.present()) {
            auto key = meta["key"].text();
            if (key == "iifname" || key == "iif" || key == "oifname" || key == "oif") {
                if (!right.is_string()) return opaque(r);
                field what = key[0] == 'i' ? field::in_interface : field::out_interface;
                r.conditions.push_back(nft_interface_condition(what, negated, right.text()));
                return;
            }
            auto proto = right.text();
            if (key != "nfproto" || !right.is_string() || (proto != "ipv4" && proto != "ipv6")) {
                return opaque(r);
            }
            condition c;
            c.what = field::family;
            c.negated = negated;
            c.family = proto == "ipv4" ? ip_family::ipv4 : ip_family::ipv6;
            r.conditions.push_back(std::move(c));
            return;
        }

        json_view payload = left["payload"];
        auto protocol = payload["protocol"].text();
        if (protocol != "ip" && protocol != "ip6") return opaque(r);
        ip_family family = protocol == "ip" ? ip_family::ipv4 : ip_family::ipv6;
        auto header_field = payload["field"].text();
        if (header_field == "saddr" || header_field == "daddr") {
            condition c;
            c.what = header_field == "saddr" ? field::source : field::destination;
            c.negated = negated;
            c.family = family;
            if (address_ranges(right, family, c.ranges)) {
                r.conditions.push_back(std::move(c));
                return;
            }
        }
        // Another header field, or addresses we cannot read: only packets of this family, and
        // of those only some.
        condition of_family;
        of_family.what = field::family;
        of_family.family = family;
        r.conditions.push_back(std::move(of_family));
        opaque(r);
    }

    // Reads an address, prefix, interval, anonymous or named set of `family`.
    bool address_ranges(json_view value, ip_family family, range_list& out) const {
        std::vector<address_range> ranges;
        if (value.is_string() && value.text().substr(0, 1) == "@") {
            auto it = sets_.find(
                {std::string(family_), std::string(table_), std::string(value.text().substr(1))});
            if (it == sets_.end() || !it->second.readable) return false;
            ranges = it->second.ranges;
        } else if (json_view set = value["set"]; set.is_array()) {
            if (!read_elements(set, ranges)) return false;
        } else if (!read_element(value, ranges)) {
            return false;
        }
        for (const auto& range : ranges) {
            if (range.family != family) return false;
            out.push_back(range);
        }
        return true;
    }

    const std::map<set_key, named_set>& sets_;
    std::string_view family_;
    std::string_view table_;
};

// The line of `text` that holds byte `offset`, for errors a person can find.
uint32_t line_of(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    return static_cast<uint32_t>(
        std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1);
}

// A rule listed before its chain: kept, with its strings, until the chains are all known.
struct pending_rule {
    std::vector<json_node> nodes;
    text_arena strings;
};

class json_ruleset_builder {
  public:
    json_ruleset_builder(const std::string& source, const std::vector<table_key>& skip)
        : source_(source), skip_(skip) {}

    void element(json_view o) {
        json_view body = o.first();
        if (!o.is_object() || !body.present()) return;
        std::string_view kind = body.key();
        if (kind == "table") return add_table(body);
        if (kind == "chain") return add_chain(body);
        if (kind == "set") return add_set(body);
        if (kind == "rule" && !add_rule(body)) keep_pending(o);
    }

    /// Adds the rules listed before their chains; returns an error for those whose chain never
    /// came.
    parse_error finish() {
        for (auto& p : pending_) {
            json_view body = json_view(&p.nodes, 0).first();
            if (!add_rule(body)) {
                return {"nft rule names chain " + std::string(body["chain"].text()) +
                            ", which table " + std::string(body["family"].text()) + " " +
                            std::string(body["table"].text()) + " does not define",
                        0};
            }
        }
        for (auto& t : tables_) {
            if (auto error = resolve_targets(t); !error.message.empty()) return error;
        }
        return {};
    }

    std::vector<table> take() { return std::move(tables_); }

  private:
    using table_id = std::pair<std::string, std::string>;  // family, name

    void add_table(json_view body) {
        last_valid_ = false;
        auto f = nft_table_family(body["family"].text());
        std::string name(body["name"].text());
        if (f == table_family::other) return;
        if (std::find(skip_.begin(), skip_.end(), table_key{f, name}) != skip_.end()) return;
        table_index_[{std::string(body["family"].text()), name}] = tables_.size();
        table t;
        t.managed_by = backend::nftables;
        t.source = source_;
        t.family = f;
        t.name = name;
        tables_.push_back(std::move(t));
    }

    void add_chain(json_view body) {
        last_valid_ = false;
        auto t = table_index_.find(
            {std::string(body["family"].text()), std::string(body["table"].text())});
        if (t == table_index_.end()) return;
        chain c;
        c.name = std::string(body["name"].text());
        if (body["hook"].present()) {
            c.attached = nft_hook(body["hook"].text());
            c.filters = body["type"].text() == "filter" && c.attached != hook::other;
            c.fallback = body["policy"].text() == "drop" ? policy::drop : policy::accept;
        }
        table& owner = tables_[t->second];
        chains_[{std::string(body["family"].text()), owner.name, c.name}] = {t->second,
                                                                             owner.chains.size()};
        owner.chains.push_back(std::move(c));
    }

    void add_set(json_view body) {
        named_set s;
        s.readable = read_elements(body["elem"], s.ranges);
        sets_[{std::string(body["family"].text()), std::string(body["table"].text()),
               std::string(body["name"].text())}] = std::move(s);
    }

    // False when the rule's chain is not known yet.
    bool add_rule(json_view body) {
        rule_members m(body);
        // nft lists the rules of a chain together: look the chain up only when it changes.
        if (!last_valid_ || m.family != last_family_ || m.table != last_table_ ||
            m.chain != last_chain_) {
            last_valid_ = true;
            last_family_ = m.family;
            last_table_ = m.table;
            last_chain_ = m.chain;
            last_at_.reset();
            last_skipped_ = table_index_.find({last_family_, last_table_}) == table_index_.end();
            auto at = chains_.find({last_family_, last_table_, last_chain_});
            if (at != chains_.end()) last_at_ = at->second;
        }
        if (last_skipped_) return true;
        if (!last_at_) return false;
        rule r;
        rule_builder builder(sets_, m.family, m.table);
        for (json_view s : m.expr) builder.statement(s, r);
        table& owner = tables_[last_at_->first];
        r.text = owner.texts.store(render_rule(m, scratch_));
        owner.chains[last_at_->second].rules.push_back(std::move(r));
        return true;
    }

    // Copies the element's nodes, and every string they point at, out of the reader.
    void keep_pending(json_view element) {
        auto& p = pending_.emplace_back();
        copy_into(element, p.strings, p.nodes);
    }

    static void copy_into(json_view v, text_arena& strings, std::vector<json_node>& nodes) {
        auto index = static_cast<uint32_t>(nodes.size());
        nodes.push_back({v.kind(), 0, strings.store(v.key()), strings.store(v.text())});
        for (json_view child : v) copy_into(child, strings, nodes);
        nodes[index].end = static_cast<uint32_t>(nodes.size());
    }

    const std::string& source_;
    const std::vector<table_key>& skip_;
    std::vector<table> tables_;
    std::map<table_id, size_t> table_index_;
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<size_t, size_t>> chains_;
    std::map<set_key, named_set> sets_;
    std::vector<pending_rule> pending_;
    std::string last_family_, last_table_, last_chain_;
    bool last_valid_ = false;
    bool last_skipped_ = false;
    std::optional<std::pair<size_t, size_t>> last_at_;
    std::string scratch_;
};

}  // namespace

parse_result<std::vector<table>> parse_nft_json(std::string_view text, const std::string& source,
                                                const std::vector<table_key>& skip) {
    using result = parse_result<std::vector<table>>;
    json_ruleset_builder builder(source, skip);
    auto error = read_json_array(text, "nftables", [&](json_view o) { builder.element(o); });
    if (error) {
        bool positional = error->offset != json_error::no_offset;
        return result::fail("cannot parse nft JSON: " + error->message,
                            positional ? line_of(text, error->offset) : 0);
    }
    if (auto e = builder.finish(); !e.message.empty()) return result::fail(e.message, e.line);
    result r;
    r.value = builder.take();
    return r;
}

}  // namespace scanner::network_firewall
