#include "logic/json_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace scanner::network_firewall;

namespace {

// Reads the elements of "a" and renders each compactly, as a test can compare them.
std::string render(json_view v) {
    switch (v.kind()) {
        case json_kind::string:
            return "\"" + std::string(v.text()) + "\"";
        case json_kind::array:
        case json_kind::object: {
            bool object = v.is_object();
            std::string out = object ? "{" : "[";
            bool first = true;
            for (json_view child : v) {
                if (!first) out += ",";
                first = false;
                if (object) out += std::string(child.key()) + ":";
                out += render(child);
            }
            return out + (object ? "}" : "]");
        }
        default:
            return std::string(v.text());
    }
}

struct reading {
    std::vector<std::string> elements;
    std::optional<json_error> error;
};

reading read(std::string_view text) {
    reading r;
    r.error = read_json_array(text, "a", [&](json_view v) { r.elements.push_back(render(v)); });
    return r;
}

}  // namespace

TEST_CASE("read_json_array hands out each element of the named array") {
    struct example {
        std::string_view text;
        std::vector<std::string> elements;
    };
    const example examples[] = {
        // an empty array
        {R"({"a": []})", {}},
        // scalars of every kind
        {R"({"a": [1, -2.5e3, true, false, null, "x"]})",
         {"1", "-2.5e3", "true", "false", "null", "\"x\""}},
        // nested containers, blanks everywhere
        {"{ \"a\" : [ { \"k\" : [ 1 , { } ] } , [ ] ] }\n", {"{k:[1,{}]}", "[]"}},
        // other members before and after are read and skipped
        {R"({"b": {"c": [1, 2]}, "a": [3], "d": "e"})", {"3"}},
        // escapes, \u with a surrogate pair
        {R"({"a": ["q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00"]})",
         {"\"q\"b\\s/n\nt\tu\xc3\xa9\xf0\x9f\x98\x80\""}},
    };
    for (const auto& e : examples) {
        CAPTURE(e.text);
        auto r = read(e.text);
        REQUIRE_MESSAGE(!r.error, r.error->message);
        CHECK(r.elements == e.elements);
    }
}

TEST_CASE("json_view looks members up and reads numbers") {
    std::vector<std::string> seen;
    auto error = read_json_array(
        R"({"a": [{"family": "inet", "handle": 12, "neg": -1, "expr": [{"accept": null}]}]})", "a",
        [&](json_view v) {
            CHECK(v["family"].text() == "inet");
            CHECK(v["handle"].as_unsigned() == 12u);
            CHECK_FALSE(v["neg"].as_unsigned().has_value());
            CHECK_FALSE(v["missing"].present());
            CHECK(v["missing"].is_null());
            CHECK(v["missing"]["deeper"].text().empty());
            CHECK(v.size() == 4);
            CHECK(v["expr"].first().first().key() == "accept");
            CHECK(v["expr"].first().first().is_null());
            seen.push_back("ok");
        });
    CHECK_FALSE(error.has_value());
    CHECK(seen.size() == 1);
}

TEST_CASE("read_json_array reports malformed documents with their offset") {
    struct example {
        std::string text;
        std::string_view message_part;
        size_t offset;
    };
    const example examples[] = {
        // not an object
        {"[1]", "expected {", 0},
        // a missing colon
        {R"({"a" [1]})", "expected :", 5},
        // a trailing comma
        {R"({"a": [1,]})", "unexpected character", 9},
        // an unterminated string
        {R"({"a": ["x)", "unterminated string", 9},
        // a raw control character in a string
        {"{\"a\": [\"x\ty\"]}", "control character", 9},
        // an unknown escape
        {R"({"a": ["\q"]})", "unknown escape", 10},
        // a number without digits
        {R"({"a": [-]})", "expected digits", 8},
        // text after the document
        {R"({"a": []} x)", "unexpected text after the document", 10},
        // no such array
        {R"({"b": []})", "no \"a\" array", json_error::no_offset},
        // nesting deep enough to overflow a naive reader's stack
        {"{\"a\": [" + std::string(600, '[') + std::string(600, ']') + "]}", "nest deeper", 519},
    };
    for (const auto& e : examples) {
        CAPTURE(e.text);
        auto r = read(e.text);
        REQUIRE(r.error.has_value());
        CHECK_MESSAGE(r.error->message.find(e.message_part) != std::string::npos, r.error->message);
        CHECK(r.error->offset == e.offset);
    }
}
