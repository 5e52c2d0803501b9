#include "sshd_config.hpp"

#include <algorithm>
#include <cstdio>

namespace example_labs {

namespace {

using scanner::sdk::status;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool same_word(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return lower(x) == lower(y); });
}

std::string_view skip_spaces(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    return s;
}

struct directive {
    std::string_view keyword;
    std::string_view value;  // the first argument, without quotes
};

// Splits one line; an empty keyword means a blank or comment line.
directive split_line(std::string_view line) {
    line = skip_spaces(line);
    if (line.empty() || line.front() == '#') return {};
    std::size_t end = 0;
    while (end < line.size() && !is_space(line[end]) && line[end] != '=') ++end;
    directive d{line.substr(0, end), {}};

    std::string_view rest = skip_spaces(line.substr(end));
    if (!rest.empty() && rest.front() == '=') rest = skip_spaces(rest.substr(1));
    if (rest.empty() || rest.front() == '#') return d;
    if (rest.front() == '"') {
        rest.remove_prefix(1);
        d.value = rest.substr(0, rest.find('"'));
        return d;
    }
    std::size_t value_end = 0;
    while (value_end < rest.size() && !is_space(rest[value_end])) ++value_end;
    d.value = rest.substr(0, value_end);
    return d;
}

std::string octal_mode(uint32_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

}  // namespace

sshd_setting find_setting(std::string_view config, std::string_view keyword) {
    sshd_setting s;
    bool in_match = false;
    std::size_t number = 0;
    while (!config.empty()) {
        ++number;
        std::size_t eol = config.find('\n');
        directive d = split_line(config.substr(0, eol));
        config.remove_prefix(eol == std::string_view::npos ? config.size() : eol + 1);

        if (same_word(d.keyword, "Include")) {
            if (s.include_line == 0) s.include_line = number;
        } else if (same_word(d.keyword, "Match")) {
            in_match = true;
        } else if (!same_word(d.keyword, keyword)) {
            continue;
        } else if (!in_match) {
            if (s.line == 0) {
                s.line = number;
                s.value = d.value;
            }
        } else if (s.match_line == 0 && (s.line == 0 || !same_word(d.value, s.value))) {
            s.match_line = number;
            s.match_value = d.value;
        }
    }
    return s;
}

verdict judge_setting(const sshd_setting& s, const keyword_rule& rule, std::string_view path) {
    std::string keyword(rule.keyword);
    std::string where(path);
    bool compliant = s.line != 0 && same_word(s.value, rule.required);
    // The first value wins, so one set before any Include is final.
    bool final = s.line != 0 && (s.include_line == 0 || s.line < s.include_line);
    if (final && !compliant) {
        return {status::fail, keyword + " is " + s.value + " (" + where + " line " +
                                  std::to_string(s.line) + "), expected " +
                                  std::string(rule.required)};
    }
    if (s.include_line != 0) {
        return {status::error, "cannot evaluate " + keyword + ": " + where + " line " +
                                   std::to_string(s.include_line) +
                                   " includes other files, which this pack does not read; check "
                                   "the value sshd uses with sshd -T"};
    }
    if (s.line == 0) {
        return {status::fail, keyword + " is not set in " + where + ", so sshd uses its default " +
                                  std::string(rule.sshd_default) + "; expected " +
                                  std::string(rule.required)};
    }
    if (s.match_line != 0) {
        return {status::fail, keyword + " is " + s.match_value + " in a Match block (" + where +
                                  " line " + std::to_string(s.match_line) + "), expected " +
                                  std::string(rule.required) + " for every connection"};
    }
    return {status::pass, {}};
}

std::string describe_file_mode(uint32_t mode, uint32_t uid, uint32_t gid) {
    return "mode " + octal_mode(mode) + ", owner " + std::to_string(uid) + ":" +
           std::to_string(gid);
}

verdict judge_file_mode(uint32_t mode, uint32_t uid, uint32_t gid, std::string_view path) {
    bool mode_ok = (mode & 07177) == 0;
    bool owner_ok = uid == 0 && gid == 0;
    if (mode_ok && owner_ok) return {status::pass, {}};

    std::string reason = std::string(path) + " has ";
    if (!mode_ok) reason += "mode " + octal_mode(mode) + ", expected 0600 or stricter";
    if (!mode_ok && !owner_ok) reason += "; ";
    if (!owner_ok) {
        reason += "owner " + std::to_string(uid) + ":" + std::to_string(gid) +
                  ", expected root:root (0:0)";
    }
    return {status::fail, reason};
}

}  // namespace example_labs
