#include "logic/environment_file.hpp"

namespace scanner::kubernetes_worker {

namespace {

constexpr std::string_view blanks = " \t\r";

std::string_view trim(std::string_view s) {
    size_t first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    size_t last = s.find_last_not_of(blanks);
    return s.substr(first, last - first + 1);
}

// Reads a quoted value starting after the opening quote at text[i]; returns the position after
// the closing quote (or the end of the text when the quote is never closed).
size_t read_quoted(std::string_view text, size_t i, char quote, std::string& out) {
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == quote) return i + 1;
        if (quote == '"' && c == '\\' && i + 1 < text.size()) {
            char next = text[i + 1];
            if (next == '"' || next == '\\' || next == '$' || next == '`') {
                out.push_back(next);
                ++i;
                continue;
            }
            if (next == '\n') {
                ++i;
                continue;
            }
        }
        out.push_back(c);
    }
    return i;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_environment_file(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    size_t i = 0;
    while (i < text.size()) {
        size_t end = text.find('\n', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = trim(text.substr(i, end - i));
        if (line.empty() || line[0] == '#' || line[0] == ';') {
            i = end + 1;
            continue;
        }
        size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            i = end + 1;
            continue;
        }
        std::string key(trim(line.substr(0, eq)));

        // The value may continue past this line (quotes, trailing backslash): scan the text.
        size_t v = static_cast<size_t>(line.data() - text.data()) + eq + 1;
        while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
        std::string value;
        size_t unquoted_end = 0;  // trailing blanks after the last quote are dropped
        while (v < text.size() && text[v] != '\n') {
            char c = text[v];
            if (c == '"' || c == '\'') {
                v = read_quoted(text, v + 1, c, value);
                unquoted_end = value.size();
                continue;
            }
            if (c == '\\' && v + 1 < text.size()) {
                if (text[v + 1] != '\n') value.push_back(text[v + 1]);
                v += 2;
                unquoted_end = value.size();
                continue;
            }
            value.push_back(c);
            if (c != ' ' && c != '\t' && c != '\r') unquoted_end = value.size();
            ++v;
        }
        value.resize(unquoted_end);
        i = v + 1;
        if (!key.empty()) out.emplace_back(std::move(key), std::move(value));
    }
    return out;
}

}  // namespace scanner::kubernetes_worker
