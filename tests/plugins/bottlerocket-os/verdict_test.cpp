#include "logic/verdict.hpp"

#include <doctest/doctest.h>

#include "logic/text.hpp"

using namespace bottlerocket_os;

TEST_CASE("findings decide FAIL over ERROR over PASS") {
    findings none;
    CHECK(none.decide("ok").state == status::pass);
    CHECK(none.decide("ok").reason == "ok");

    findings unknown;
    unknown.unknown("cannot read x");
    CHECK(unknown.decide().state == status::error);
    CHECK(unknown.decide().reason == "cannot read x");

    findings both;
    both.unknown("cannot read x");
    both.fail("y is wrong");
    CHECK(both.decide().state == status::fail);
    CHECK(both.decide().reason == "y is wrong; also not evaluated: cannot read x");
}

TEST_CASE("quoted escapes what could forge a report line") {
    CHECK(quoted("a b") == "\"a b\"");
    CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(quoted("x\ny") == "\"x\\x0ay\"");
}

TEST_CASE("split_lines and split_words") {
    using v = std::vector<std::string_view>;
    CHECK(split_lines("a\r\nb\n") == v{"a", "b"});
    CHECK(split_lines("a\n\nb") == v{"a", "", "b"});
    CHECK(split_lines("") == v{});
    CHECK(split_words(" a\tb  c\r") == v{"a", "b", "c"});
    CHECK(iequals("Pool", "pOOL"));
    CHECK_FALSE(iequals("pool", "pools"));
}
