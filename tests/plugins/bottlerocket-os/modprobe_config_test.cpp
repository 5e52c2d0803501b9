#include "logic/modprobe_config.hpp"

#include <doctest/doctest.h>

#include <fnmatch.h>

#include <cerrno>
#include <string>
#include <vector>

using namespace bottlerocket_os;

TEST_CASE("parse_modprobe_config finds install and blacklist lines") {
    struct row {
        const char* text;
        std::size_t rules;
        const char* first_module;
        const char* first_command;
    };
    const row rows[] = {
        {"install udf /bin/true\n", 1, "udf", "/bin/true"},              // the plain rule
        {"install udf /bin/true\r\n", 1, "udf", "/bin/true"},            // CRLF
        {"  install   udf\t/bin/false  \n", 1, "udf", "/bin/false"},     // blanks anywhere
        {"# install udf /bin/true\n", 0, "", ""},                        // a comment
        {"blacklist udf\n", 1, "udf", ""},                               // blacklist only
        {"install crc-itu-t /bin/true\n", 1, "crc_itu_t", "/bin/true"},  // '-' becomes '_'
        {"install udf \\\n /bin/true\n", 1, "udf", "/bin/true"},         // continued line
        {"install udf\n", 0, "", ""},                                    // no command
        {"options udf foo=1\nalias fs-udf udf\n", 0, "", ""},            // other directives
        {"INSTALL udf /bin/true\n", 0, "", ""},                          // keywords are lower case
    };
    for (const auto& r : rows) {
        INFO(std::string(r.text));
        auto rules = parse_modprobe_config(r.text, "/etc/modprobe.d/x.conf");
        REQUIRE(rules.size() == r.rules);
        if (r.rules == 0) continue;
        CHECK(rules[0].module == r.first_module);
        CHECK(rules[0].command == r.first_command);
        CHECK(rules[0].line == 1);
    }
}

TEST_CASE("glob_match follows fnmatch for module patterns") {
    struct row {
        const char* pattern;
        const char* name;
        bool expected;
    };
    const row rows[] = {
        {"udf", "udf", true},        // literal
        {"udf", "udf2", false},      // no prefix match
        {"u*", "udf", true},         // star
        {"*", "sctp", true},         // everything
        {"?df", "udf", true},        // one character
        {"[st]ctp", "sctp", true},   // bracket
        {"[!s]ctp", "sctp", false},  // negated bracket
        {"[a-z]df", "udf", true},    // range
        {"[udf", "[udf", true},      // unclosed bracket is literal
        {"*_*_*", "nf_conntrack_ftp", true},
        {"a*b*c", "aXbYbZc", true},  // a later star takes over from an earlier one
        {"a*b", "abX", false},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.pattern));
        INFO(std::string(r.name));
        CHECK(glob_match(r.pattern, r.name) == r.expected);
    }
}

TEST_CASE("glob_match agrees with fnmatch(3) on every short pattern") {
    // Patterns of up to four elements over a small alphabet, against every name of up to five
    // characters: glibc's fnmatch is the oracle.
    const std::vector<std::string> elements{"a", "b", "*", "?", "[ab]", "[!a]", "[a-b]", "\\*"};
    std::vector<std::string> patterns{""};
    for (std::size_t level = 0, begin = 0; level < 4; ++level) {
        std::size_t end = patterns.size();
        for (std::size_t i = begin; i < end; ++i) {
            for (const auto& e : elements) patterns.push_back(patterns[i] + e);
        }
        begin = end;
    }
    std::vector<std::string> names{""};
    for (std::size_t level = 0, begin = 0; level < 5; ++level) {
        std::size_t end = names.size();
        for (std::size_t i = begin; i < end; ++i) {
            for (char c : {'a', 'b', '*'}) names.push_back(names[i] + c);
        }
        begin = end;
    }
    std::size_t disagreements = 0;
    for (const auto& pattern : patterns) {
        for (const auto& name : names) {
            bool expected = ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
            if (glob_match(pattern, name) != expected) {
                if (++disagreements <= 5) FAIL_CHECK(pattern << " vs " << name);
            }
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("glob_match stays fast on patterns with many stars") {
    // Backtracking over every star is exponential here; a retry of only the last star is not.
    std::string pattern;
    for (int i = 0; i < 30; ++i) pattern += "*a";
    pattern += "*b";
    CHECK_FALSE(glob_match(pattern, std::string(200, 'a')));
    CHECK(glob_match(pattern, std::string(200, 'a') + "b"));
}

TEST_CASE("resolve_module_policy keeps the first install rule, as kmod does") {
    std::vector<config_text> files{
        {"/etc/modprobe.d/a.conf", "install udf /usr/sbin/modprobe --ignore-install udf\n", 0},
        {"/usr/lib/modprobe.d/b.conf", "install udf /bin/true\nblacklist udf\n", 0},
    };
    auto policy = resolve_module_policy("udf", files);
    REQUIRE(policy.install);
    CHECK(policy.install->path == "/etc/modprobe.d/a.conf");
    CHECK(policy.blacklists.size() == 1);
    CHECK(policy.unreadable.empty());
}

TEST_CASE("resolve_module_policy keeps unreadable files only when they precede the rule") {
    std::vector<config_text> before{{"/etc/modprobe.d/a.conf", "", EINVAL},
                                    {"/etc/modprobe.d/b.conf", "install udf /bin/true\n", 0}};
    CHECK(resolve_module_policy("udf", before).unreadable.size() == 1);

    std::vector<config_text> after{{"/etc/modprobe.d/a.conf", "install udf /bin/true\n", 0},
                                   {"/etc/modprobe.d/b.conf", "", EFBIG}};
    CHECK(resolve_module_policy("udf", after).unreadable.empty());
}

TEST_CASE("is_disabling_command accepts exactly /bin/true and /bin/false") {
    CHECK(is_disabling_command("/bin/true"));
    CHECK(is_disabling_command(" /bin/false "));
    CHECK_FALSE(is_disabling_command("/bin/true; /sbin/modprobe --ignore-install udf"));
    CHECK_FALSE(is_disabling_command("/bin/truex"));
    CHECK_FALSE(is_disabling_command("/usr/sbin/modprobe udf"));
}
