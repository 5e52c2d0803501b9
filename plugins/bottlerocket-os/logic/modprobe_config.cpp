#include "modprobe_config.hpp"

#include <optional>
#include <utility>

#include "text.hpp"

namespace bottlerocket_os {

namespace {

// Joins backslash-continued physical lines; each logical line keeps its first line number.
struct logical_line {
    std::string text;
    int number = 0;
};

std::vector<logical_line> join_continued(std::string_view text) {
    std::vector<logical_line> out;
    bool continuing = false;
    int number = 0;
    for (auto line : split_lines(text)) {
        ++number;
        bool continues = !line.empty() && line.back() == '\\';
        if (continues) line.remove_suffix(1);
        if (continuing) {
            out.back().text += line;
        } else {
            out.push_back({std::string(line), number});
        }
        continuing = continues;
    }
    return out;
}

// Matches one bracket expression at pattern[0] == '['; advances `pattern` past it.
bool match_bracket(std::string_view& pattern, char c, bool& valid) {
    std::size_t i = 1;
    bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (negate) ++i;
    bool matched = false;
    bool first = true;
    for (; i < pattern.size() && (first || pattern[i] != ']'); first = false) {
        char low = pattern[i];
        char high = low;
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            high = pattern[i + 2];
            i += 3;
        } else {
            ++i;
        }
        if (low <= c && c <= high) matched = true;
    }
    valid = i < pattern.size();
    if (valid) pattern.remove_prefix(i + 1);
    return matched != negate;
}

// Matches the single-character element at the front of `pattern` (?, [...], \\x or a literal)
// against `c`; on a match, removes that element from `pattern`.
bool match_one(std::string_view& pattern, char c) {
    char p = pattern.front();
    if (p == '?') {
        pattern.remove_prefix(1);
        return true;
    }
    if (p == '[') {
        bool valid = true;
        auto rest = pattern;
        bool matched = match_bracket(rest, c, valid);
        if (valid) {
            if (matched) pattern = rest;
            return matched;
        }
        // An unclosed '[' is an ordinary character, as in fnmatch.
    }
    std::size_t width = 1;
    if (p == '\\' && pattern.size() > 1) {
        p = pattern[1];
        width = 2;
    }
    if (p != c) return false;
    pattern.remove_prefix(width);
    return true;
}

}  // namespace

std::string normalize_module_name(std::string_view name) {
    std::string out(name);
    bool in_bracket = false;
    for (auto& c : out) {
        if (c == '[') in_bracket = true;
        if (c == ']') in_bracket = false;
        if (c == '-' && !in_bracket) c = '_';
    }
    return out;
}

// Every element but '*' matches exactly one character, so only the latest '*' needs to be
// retried: on a mismatch it absorbs one more character. That bounds the work by
// pattern length x name length, where naive recursion is exponential in the number of stars.
bool glob_match(std::string_view pattern, std::string_view name) {
    std::optional<std::pair<std::string_view, std::string_view>> retry;  // after the last '*'
    while (!name.empty()) {
        if (!pattern.empty() && pattern.front() == '*') {
            while (!pattern.empty() && pattern.front() == '*') pattern.remove_prefix(1);
            if (pattern.empty()) return true;
            retry.emplace(pattern, name);
            continue;
        }
        if (!pattern.empty() && match_one(pattern, name.front())) {
            name.remove_prefix(1);
            continue;
        }
        if (!retry) return false;
        retry->second.remove_prefix(1);
        pattern = retry->first;
        name = retry->second;
    }
    while (!pattern.empty() && pattern.front() == '*') pattern.remove_prefix(1);
    return pattern.empty();
}

std::vector<modprobe_rule> parse_modprobe_config(std::string_view text, std::string_view path) {
    std::vector<modprobe_rule> rules;
    for (const auto& line : join_continued(text)) {
        std::string_view rest = trim(line.text);
        if (rest.empty() || rest.front() == '#') continue;

        auto words = split_words(rest);
        if (words.size() < 2) continue;
        modprobe_rule rule;
        rule.module = normalize_module_name(words[1]);
        rule.path = path;
        rule.line = line.number;
        if (words[0] == "install") {
            rule.type = modprobe_rule::kind::install;
            auto after_module = words[1].data() + words[1].size() - rest.data();
            rule.command = trim(rest.substr(static_cast<std::size_t>(after_module)));
            if (rule.command.empty()) continue;
        } else if (words[0] == "blacklist") {
            rule.type = modprobe_rule::kind::blacklist;
        } else {
            continue;
        }
        rules.push_back(std::move(rule));
    }
    return rules;
}

module_policy resolve_module_policy(std::string_view module,
                                    const std::vector<config_text>& files) {
    const std::string name = normalize_module_name(module);
    module_policy policy;
    for (const auto& file : files) {
        if (file.error != 0) {
            if (!policy.install) policy.unreadable.push_back(file);
            continue;
        }
        for (auto& rule : parse_modprobe_config(file.text, file.path)) {
            if (!glob_match(rule.module, name)) continue;
            if (rule.type == modprobe_rule::kind::blacklist) {
                policy.blacklists.push_back(std::move(rule));
            } else if (!policy.install) {
                policy.install = std::move(rule);
            }
        }
    }
    return policy;
}

bool is_disabling_command(std::string_view command) {
    command = trim(command);
    return command == "/bin/true" || command == "/bin/false";
}

}  // namespace bottlerocket_os
