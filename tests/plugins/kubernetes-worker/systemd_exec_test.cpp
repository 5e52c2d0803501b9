#include <doctest/doctest.h>

#include "logic/systemd_exec.hpp"

using namespace scanner::kubernetes_worker;

TEST_CASE("split_systemd_words unquotes and unescapes") {
    const std::pair<std::string_view, std::vector<std::string>> cases[] = {
        {"a b  c", {"a", "b", "c"}},                       // whitespace separates
        {"\"a b\" c", {"a b", "c"}},                       // double quotes group
        {"'a \"b' c", {"a \"b", "c"}},                     // single quotes keep double quotes
        {"--node-labels=\"x y\"", {"--node-labels=x y"}},  // quotes inside a word
        {"a\\ b", {"a b"}},                                // an escaped space
        {"a\\tb \\x41", {"a\tb", "A"}},                    // C escapes
        {"\"\"", {""}},                                    // an empty quoted word
        {"", {}},                                          // nothing
    };
    for (const auto& [value, words] : cases) {
        CAPTURE(value);
        auto split = split_systemd_words(value);
        REQUIRE(split.ok());
        CHECK(split.value() == words);
    }
    CHECK_FALSE(split_systemd_words("\"open").ok());  // an unmatched quote
}

TEST_CASE("parse_exec_start expands variables as systemd does") {
    unit_environment env = {
        {"KUBELET_ARGS", "--config=/var/lib/kubelet/config.yaml --anonymous-auth=true"},
        {"NODE_LABELS", "a=b c=d"},
        {"EMPTY", ""},
    };
    auto command = parse_exec_start(
        "-/usr/bin/kubelet $KUBELET_ARGS --node-labels \"${NODE_LABELS}\" $EMPTY $MISSING "
        "--x=${MISSING2} $$HOME",
        env);
    REQUIRE(command.ok());
    CHECK(command->argv == std::vector<std::string>{"/usr/bin/kubelet",
                                                    "--config=/var/lib/kubelet/config.yaml",
                                                    "--anonymous-auth=true", "--node-labels",
                                                    "a=b c=d", "--x=", "$HOME"});
    CHECK(command->unresolved == std::vector<std::string>{"MISSING", "MISSING2"});
}

TEST_CASE("parse_exec_start handles the prefixes") {
    // With @ the second word is argv[0] and not an argument.
    auto at = parse_exec_start("@/usr/bin/kubelet kubelet --config /c", {});
    REQUIRE(at.ok());
    CHECK(at->argv == std::vector<std::string>{"/usr/bin/kubelet", "--config", "/c"});
    // With : nothing is expanded.
    auto colon = parse_exec_start(":/usr/bin/kubelet $X", {{"X", "--a"}});
    REQUIRE(colon.ok());
    CHECK(colon->argv == std::vector<std::string>{"/usr/bin/kubelet", "$X"});
    // No program at all.
    CHECK_FALSE(parse_exec_start("-", {}).ok());
}

TEST_CASE("parse_environment_assignments reads Environment= values") {
    auto a = parse_environment_assignments(
        "\"KUBELET_KUBECONFIG_ARGS=--kubeconfig=/etc/kubernetes/kubelet.conf --x\" B=2 novalue");
    REQUIRE(a.size() == 2);
    CHECK(a[0].first == "KUBELET_KUBECONFIG_ARGS");
    CHECK(a[0].second == "--kubeconfig=/etc/kubernetes/kubelet.conf --x");
    CHECK(a[1] == std::pair<std::string, std::string>{"B", "2"});
}
