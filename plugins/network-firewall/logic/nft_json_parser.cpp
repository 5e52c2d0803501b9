#include "logic/nft_json_parser.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "logic/nft_terms.hpp"

namespace scanner::network_firewall {

namespace {

using json = nlohmann::json;

const json& member(const json& object, const char* key) {
    static const json null_value;
    if (!object.is_object()) return null_value;
    auto it = object.find(key);
    return it == object.end() ? null_value : *it;
}

// The one member of an object such as {"accept": null}: its key and its value.
std::pair<std::string_view, const json&> only_member(const json& object) {
    auto it = object.begin();
    return {it.key(), it.value()};
}

std::string_view string_at(const json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return {};
    return it->get_ref<const std::string&>();
}

// Writes an expression the way `nft list ruleset` would, closely enough for evidence.
std::string render(const json& e) {
    if (e.is_string()) return e.get<std::string>();
    if (e.is_number() || e.is_boolean()) return e.dump();
    if (e.is_array()) {
        std::string out;
        for (const auto& item : e) out += (out.empty() ? "" : ",") + render(item);
        return out;
    }
    if (!e.is_object() || e.empty()) return e.dump();
    auto [key, value] = only_member(e);
    if (key == "meta") {
        auto meta_key = std::string(string_at(value, "key"));
        bool bare = meta_key == "iifname" || meta_key == "oifname" || meta_key == "iif" ||
                    meta_key == "oif";
        return bare ? meta_key : "meta " + meta_key;
    }
    if (key == "payload") {
        return std::string(string_at(value, "protocol")) + " " +
               std::string(string_at(value, "field"));
    }
    if (key == "prefix") return render(member(value, "addr")) + "/" + render(member(value, "len"));
    if (key == "range" && value.is_array() && value.size() == 2) {
        return render(value[0]) + "-" + render(value[1]);
    }
    if (key == "set") {
        std::string out = "{ ";
        if (value.is_array()) {
            for (size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + render(value[i]);
        }
        return out + " }";
    }
    if (key == "ct") return "ct " + std::string(string_at(value, "key"));
    if (key == "match") {
        std::string op(string_at(value, "op"));
        std::string text = render(member(value, "left")) + " ";
        if (op != "==" && op != "in") text += op + " ";
        return text + render(member(value, "right"));
    }
    if ((key == "jump" || key == "goto") && value.is_object()) {
        return std::string(key) + " " + std::string(string_at(value, "target"));
    }
    return std::string(key);
}

std::string render_rule(const json& r, const json& expr) {
    std::string text;
    for (const auto& statement : expr) text += (text.empty() ? "" : " ") + render(statement);
    if (auto comment = string_at(r, "comment"); !comment.empty()) {
        text += " comment \"" + std::string(comment) + "\"";
    }
    if (auto it = r.find("handle"); it != r.end()) text += " # handle " + it->dump();
    return text;
}

using named_sets = std::map<std::tuple<std::string, std::string, std::string>, const json*>;

class rule_builder {
  public:
    rule_builder(const named_sets& sets, std::string_view family, std::string_view table_name)
        : sets_(sets), family_(family), table_(table_name) {}

    /// Adds the conditions and the verdict of one statement to `r`.
    void statement(const json& s, rule& r) {
        if (!s.is_object() || s.size() != 1) return opaque(r);
        auto [key, value] = only_member(s);
        if (key == "match") return match(value, r);
        if (auto verdict = nft_verdict(key)) {
            r.verdict = *verdict;
            if (*verdict == action::jump || *verdict == action::go) {
                r.target = std::string(string_at(value, "target"));
            }
            return;
        }
        if (key == "xt") return xt(value, r);
        if (nft_passive_statement(key)) return;
        opaque(
            r);  // limit, quota, vmap, synproxy, ...: only some packets, or verdicts we cannot see
    }

  private:
    static void opaque(rule& r) { r.conditions.push_back(condition{}); }

    // iptables-nft writes the matches and targets it cannot translate as xt expressions.
    void xt(const json& value, rule& r) {
        auto type = string_at(value, "type");
        auto name = string_at(value, "name");
        if (type == "match" && name != "comment") return opaque(r);
        if (type != "target") return;
        if (name == "REJECT") r.verdict = action::reject;
        if (name == "NFQUEUE" || name == "QUEUE") r.verdict = action::unknown;
    }

    void match(const json& m, rule& r) {
        auto op = string_at(m, "op");
        if (op != "==" && op != "!=" && op != "in") return opaque(r);
        bool negated = op == "!=";
        const json& left = member(m, "left");
        const json& right = member(m, "right");

        if (left.is_object() && left.contains("meta")) {
            auto key = string_at(member(left, "meta"), "key");
            if (key == "iifname" || key == "iif" || key == "oifname" || key == "oif") {
                if (!right.is_string()) return opaque(r);
                field what = key[0] == 'i' ? field::in_interface : field::out_interface;
                r.conditions.push_back(
                    nft_interface_condition(what, negated, right.get_ref<const std::string&>()));
                return;
            }
            if (key == "nfproto" && right.is_string()) {
                auto proto = right.get_ref<const std::string&>();
                if (proto != "ipv4" && proto != "ipv6") return opaque(r);
                condition c;
                c.what = field::family;
                c.negated = negated;
                c.family = proto == "ipv4" ? ip_family::ipv4 : ip_family::ipv6;
                r.conditions.push_back(std::move(c));
                return;
            }
            return opaque(r);
        }

        if (left.is_object() && left.contains("payload")) {
            const json& payload = member(left, "payload");
            auto protocol = string_at(payload, "protocol");
            if (protocol != "ip" && protocol != "ip6") return opaque(r);
            ip_family family = protocol == "ip" ? ip_family::ipv4 : ip_family::ipv6;
            auto header_field = string_at(payload, "field");
            condition c;
            c.family = family;
            if (header_field == "saddr" || header_field == "daddr") {
                c.what = header_field == "saddr" ? field::source : field::destination;
                c.negated = negated;
                if (add_ranges(right, family, c.ranges)) {
                    r.conditions.push_back(std::move(c));
                    return;
                }
            }
            // Another header field, or addresses we cannot read: only packets of this family,
            // and of those only some.
            condition of_family;
            of_family.what = field::family;
            of_family.family = family;
            r.conditions.push_back(std::move(of_family));
            return opaque(r);
        }
        opaque(r);
    }

    // Reads an address, prefix, interval, anonymous or named set; false if any part is unknown.
    bool add_ranges(const json& value, ip_family family, std::vector<address_range>& out) {
        if (value.is_string()) {
            const auto& text = value.get_ref<const std::string&>();
            if (!text.empty() && text[0] == '@') return add_named_set(text.substr(1), family, out);
            auto a = parse_address(text);
            if (!a || a->family != family) return false;
            out.push_back(*a);
            return true;
        }
        if (!value.is_object() || value.size() != 1) return false;
        auto [key, inner] = only_member(value);
        if (key == "prefix") {
            auto a = parse_address(string_at(inner, "addr"));
            auto len = inner.find("len");
            if (!a || a->family != family || len == inner.end() || !len->is_number_unsigned()) {
                return false;
            }
            auto p = make_prefix(*a, len->get<unsigned>());
            if (!p) return false;
            out.push_back(*p);
            return true;
        }
        if (key == "range" && inner.is_array() && inner.size() == 2 && inner[0].is_string() &&
            inner[1].is_string()) {
            auto p =
                parse_interval(inner[0].get<std::string>() + "-" + inner[1].get<std::string>());
            if (!p || p->family != family) return false;
            out.push_back(*p);
            return true;
        }
        if (key == "set" && inner.is_array()) return add_elements(inner, family, out);
        if (key == "elem" && inner.is_object() && inner.contains("val")) {
            return add_ranges(member(inner, "val"), family, out);
        }
        return false;
    }

    bool add_elements(const json& elements, ip_family family, std::vector<address_range>& out) {
        return std::all_of(elements.begin(), elements.end(),
                           [&](const json& e) { return add_ranges(e, family, out); });
    }

    bool add_named_set(const std::string& name, ip_family family, std::vector<address_range>& out) {
        auto it = sets_.find({std::string(family_), std::string(table_), name});
        if (it == sets_.end()) return false;
        const json& set = *it->second;
        const json& elements = member(set, "elem");
        if (elements.is_null()) return true;  // an empty set matches nothing
        return elements.is_array() && add_elements(elements, family, out);
    }

    const named_sets& sets_;
    std::string_view family_;
    std::string_view table_;
};

// The line of `text` that holds byte `offset`, for errors a person can find.
uint32_t line_of(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    return static_cast<uint32_t>(
        std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1);
}

}  // namespace

parse_result<std::vector<table>> parse_nft_json(std::string_view text, const std::string& source,
                                                const std::vector<table_key>& skip) {
    using result = parse_result<std::vector<table>>;
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        return result::fail("cannot parse nft JSON: " + std::string(e.what()),
                            line_of(text, e.byte == 0 ? 0 : e.byte - 1));
    }
    if (!member(doc, "nftables").is_array()) {
        return result::fail("cannot parse nft JSON: no \"nftables\" array at the top level");
    }
    const json& objects = member(doc, "nftables");

    // Tables, chains and sets first: nft lists them before rules, but nothing promises that.
    std::vector<table> tables;
    std::map<std::pair<std::string, std::string>, size_t> table_index;
    named_sets sets;
    for (const auto& o : objects) {
        if (!o.is_object() || o.size() != 1) continue;
        auto [kind, body] = only_member(o);
        std::string family(string_at(body, "family"));
        if (kind == "table") {
            auto f = nft_table_family(family);
            std::string name(string_at(body, "name"));
            if (f == table_family::other) continue;
            if (std::find(skip.begin(), skip.end(), table_key{f, name}) != skip.end()) continue;
            table_index[{family, name}] = tables.size();
            table t;
            t.managed_by = backend::nftables;
            t.source = source;
            t.family = f;
            t.name = name;
            tables.push_back(std::move(t));
        } else if (kind == "set") {
            sets[{family, std::string(string_at(body, "table")),
                  std::string(string_at(body, "name"))}] = &body;
        }
    }
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<size_t, size_t>> chains;
    for (const auto& o : objects) {
        const json& body = member(o, "chain");
        if (body.is_null()) continue;
        std::string family(string_at(body, "family"));
        std::string table_name(string_at(body, "table"));
        auto t = table_index.find({family, table_name});
        if (t == table_index.end()) continue;
        chain c;
        c.name = std::string(string_at(body, "name"));
        if (body.contains("hook")) {
            c.attached = nft_hook(string_at(body, "hook"));
            c.filters = string_at(body, "type") == "filter" && c.attached != hook::other;
            c.fallback = string_at(body, "policy") == "drop" ? policy::drop : policy::accept;
        }
        auto& owner = tables[t->second];
        chains[{family, table_name, c.name}] = {t->second, owner.chains.size()};
        owner.chains.push_back(std::move(c));
    }

    for (const auto& o : objects) {
        const json& body = member(o, "rule");
        if (body.is_null()) continue;
        std::string family(string_at(body, "family"));
        std::string table_name(string_at(body, "table"));
        if (table_index.find({family, table_name}) == table_index.end()) continue;
        std::string chain_name(string_at(body, "chain"));
        auto at = chains.find({family, table_name, chain_name});
        if (at == chains.end()) {
            return result::fail("nft rule names chain " + chain_name + ", which table " + family +
                                " " + table_name + " does not define");
        }
        rule r;
        rule_builder builder(sets, family, table_name);
        static const json no_statements = json::array();
        const json& listed = member(body, "expr");
        const json& expr = listed.is_array() ? listed : no_statements;
        for (const auto& s : expr) builder.statement(s, r);
        r.text = render_rule(body, expr);
        tables[at->second.first].chains[at->second.second].rules.push_back(std::move(r));
    }

    for (auto& t : tables) {
        if (auto error = resolve_targets(t); !error.message.empty()) {
            return result::fail(error.message, error.line);
        }
    }
    result r;
    r.value = std::move(tables);
    return r;
}

}  // namespace scanner::network_firewall
