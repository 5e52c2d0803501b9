#include <doctest/doctest.h>

#include <string_view>

#include "logic/yaml_scalar.hpp"

using namespace scanner::kubernetes_worker;

namespace {

struct scalar_case {
    std::string_view text;
    scalar_kind kind;
    bool boolean;
    int64_t integer;
};

}  // namespace

TEST_CASE("resolve_plain_scalar types plain scalars as YAML 1.1 (go-yaml v2) does") {
    const scalar_case cases[] = {
        {"", scalar_kind::null_value, false, 0},           // empty value
        {"~", scalar_kind::null_value, false, 0},          // tilde
        {"null", scalar_kind::null_value, false, 0},       // null word
        {"NULL", scalar_kind::null_value, false, 0},       // upper-case null
        {"true", scalar_kind::boolean, true, 0},           // canonical true
        {"True", scalar_kind::boolean, true, 0},           // capitalized
        {"TRUE", scalar_kind::boolean, true, 0},           // upper case
        {"yes", scalar_kind::boolean, true, 0},            // YAML 1.1 yes
        {"on", scalar_kind::boolean, true, 0},             // YAML 1.1 on
        {"y", scalar_kind::boolean, true, 0},              // YAML 1.1 y
        {"false", scalar_kind::boolean, false, 0},         // canonical false
        {"no", scalar_kind::boolean, false, 0},            // YAML 1.1 no
        {"OFF", scalar_kind::boolean, false, 0},           // YAML 1.1 off, upper case
        {"tRUE", scalar_kind::string, false, 0},           // mixed case is a string
        {"0", scalar_kind::integer, false, 0},             // zero
        {"10255", scalar_kind::integer, false, 10255},     // decimal
        {"-1", scalar_kind::integer, false, -1},           // negative
        {"+7", scalar_kind::integer, false, 7},            // explicit plus
        {"0x1F", scalar_kind::integer, false, 31},         // hexadecimal
        {"0o17", scalar_kind::integer, false, 15},         // 0o octal
        {"017", scalar_kind::integer, false, 15},          // leading-zero octal
        {"0b101", scalar_kind::integer, false, 5},         // binary
        {"1_000", scalar_kind::integer, false, 1000},      // underscores
        {"10255.0", scalar_kind::floating, false, 10255},  // a whole float
        {"1.5", scalar_kind::floating, false, 0},          // a fraction
        {"1e3", scalar_kind::floating, false, 1000},       // exponent
        {".inf", scalar_kind::floating, false, 0},         // infinity
        {"09", scalar_kind::floating, false, 9},           // not octal, so a float
        {"4h0m0s", scalar_kind::string, false, 0},         // a duration is a string
        {"0s", scalar_kind::string, false, 0},             // even a zero duration
        {"Webhook", scalar_kind::string, false, 0},        // words
        {"-", scalar_kind::string, false, 0},              // a dash alone
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        typed_scalar s = resolve_plain_scalar(c.text);
        CHECK(s.kind == c.kind);
        if (c.kind == scalar_kind::boolean) CHECK(s.boolean == c.boolean);
        if (c.kind == scalar_kind::integer || (c.kind == scalar_kind::floating && c.integer != 0)) {
            CHECK(s.integral);
            CHECK(s.integer == c.integer);
        }
    }
}

TEST_CASE("resolve_tagged_scalar honours explicit tags and quotes") {
    // A quoted scalar carries the non-specific tag "!" and stays a string.
    CHECK(resolve_tagged_scalar("!", "true").kind == scalar_kind::string);
    // !!str makes a string of anything.
    CHECK(resolve_tagged_scalar("tag:yaml.org,2002:str", "0").kind == scalar_kind::string);
    // !!bool on a boolean text is a boolean.
    CHECK(resolve_tagged_scalar("tag:yaml.org,2002:bool", "yes").kind == scalar_kind::boolean);
    // !!int on a word contradicts it: the field then refuses a string.
    CHECK(resolve_tagged_scalar("tag:yaml.org,2002:int", "abc").kind == scalar_kind::string);
    // The plain tag "?" resolves like an untagged scalar.
    CHECK(resolve_tagged_scalar("?", "0").kind == scalar_kind::integer);
}

TEST_CASE("describe_scalar names the type a person wrote") {
    CHECK(describe_scalar(resolve_plain_scalar("yes"), false) == "the boolean yes");
    CHECK(describe_scalar(resolve_plain_scalar("0"), false) == "the integer 0");
    CHECK(describe_scalar(resolve_tagged_scalar("!", "true"), true) ==
          "the quoted string \"true\"");
    CHECK(describe_scalar(resolve_plain_scalar(""), false) == "null");
}
