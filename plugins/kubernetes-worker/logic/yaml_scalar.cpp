#include "logic/yaml_scalar.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <regex>

namespace scanner::kubernetes_worker {

namespace {

constexpr std::array<std::string_view, 11> true_words{"y",    "Y",    "yes", "Yes", "YES", "true",
                                                      "True", "TRUE", "on",  "On",  "ON"};
constexpr std::array<std::string_view, 11> false_words{
    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
constexpr std::array<std::string_view, 5> null_words{"", "~", "null", "Null", "NULL"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view text) {
    for (auto w : words) {
        if (w == text) return true;
    }
    return false;
}

// Go's strconv.ParseInt(s, 0, 64): sign, then 0x/0o/0b prefixes or a leading 0 for octal.
bool parse_go_int(std::string_view s, int64_t& out) {
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    if (s.size() > 1 && s[0] == '0') {
        char p = s[1];
        if (p == 'x' || p == 'X') {
            base = 16;
            s.remove_prefix(2);
        } else if (p == 'o' || p == 'O') {
            base = 8;
            s.remove_prefix(2);
        } else if (p == 'b' || p == 'B') {
            base = 2;
            s.remove_prefix(2);
        } else {
            base = 8;
            s.remove_prefix(1);
        }
    }
    if (s.empty()) return false;
    uint64_t magnitude = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
    if (ec != std::errc() || end != s.data() + s.size()) return false;
    constexpr uint64_t max_positive = std::numeric_limits<int64_t>::max();
    if (negative) {
        if (magnitude > max_positive + 1) return false;
        out = static_cast<int64_t>(0 - magnitude);
    } else {
        if (magnitude > max_positive) return false;
        out = static_cast<int64_t>(magnitude);
    }
    return true;
}

bool looks_like_float(std::string_view s) {
    static const std::regex yaml_float(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
    return std::regex_match(s.begin(), s.end(), yaml_float);
}

std::string without_underscores(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c != '_') out.push_back(c);
    }
    return out;
}

typed_scalar make(scalar_kind kind, std::string_view text) {
    typed_scalar s;
    s.kind = kind;
    s.text = std::string(text);
    return s;
}

typed_scalar resolve_number(std::string_view text) {
    std::string plain = without_underscores(text);
    typed_scalar s = make(scalar_kind::string, text);
    int64_t value = 0;
    if (parse_go_int(plain, value)) {
        s.kind = scalar_kind::integer;
        s.integer = value;
        s.integral = true;
        return s;
    }
    if (looks_like_float(plain)) {
        s.kind = scalar_kind::floating;
        double d = std::strtod(plain.c_str(), nullptr);
        // The YAML reader hands the kubelet a JSON number; a whole float such as 10255.0 prints
        // as 10255 and then decodes into an integer field.
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) {
            s.integer = static_cast<int64_t>(d);
            s.integral = true;
        }
    }
    return s;
}

}  // namespace

typed_scalar resolve_plain_scalar(std::string_view text) {
    if (one_of(null_words, text)) return make(scalar_kind::null_value, text);
    if (one_of(true_words, text)) {
        auto s = make(scalar_kind::boolean, text);
        s.boolean = true;
        return s;
    }
    if (one_of(false_words, text)) return make(scalar_kind::boolean, text);

    static constexpr std::array<std::string_view, 12> special_floats{
        ".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
        "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
    if (one_of(special_floats, text)) return make(scalar_kind::floating, text);

    char first = text.front();
    bool numeric_start =
        (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.';
    if (numeric_start) return resolve_number(text);
    return make(scalar_kind::string, text);
}

typed_scalar resolve_tagged_scalar(std::string_view tag, std::string_view text) {
    constexpr std::string_view prefix = "tag:yaml.org,2002:";
    if (tag == "?" || tag.empty()) return resolve_plain_scalar(text);
    if (tag.substr(0, prefix.size()) == prefix) {
        std::string_view name = tag.substr(prefix.size());
        if (name == "str") return make(scalar_kind::string, text);
        if (name == "null" || name == "bool" || name == "int" || name == "float") {
            typed_scalar s = resolve_plain_scalar(text);
            bool matches = (name == "null" && s.kind == scalar_kind::null_value) ||
                           (name == "bool" && s.kind == scalar_kind::boolean) ||
                           (name == "int" && s.kind == scalar_kind::integer) ||
                           (name == "float" &&
                            (s.kind == scalar_kind::floating || s.kind == scalar_kind::integer));
            // A tag that contradicts the text leaves a string, which typed fields then refuse.
            return matches ? s : make(scalar_kind::string, text);
        }
    }
    return make(scalar_kind::string, text);
}

std::string describe_scalar(const typed_scalar& scalar, bool quoted) {
    switch (scalar.kind) {
        case scalar_kind::null_value:
            return "null";
        case scalar_kind::boolean:
            return "the boolean " + scalar.text;
        case scalar_kind::integer:
            return "the integer " + scalar.text;
        case scalar_kind::floating:
            return "the number " + scalar.text;
        case scalar_kind::string:
            break;
    }
    return std::string(quoted ? "the quoted string \"" : "the string \"") + scalar.text + "\"";
}

}  // namespace scanner::kubernetes_worker
