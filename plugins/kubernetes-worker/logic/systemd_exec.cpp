#include "logic/systemd_exec.hpp"

#include <algorithm>
#include <cctype>

namespace scanner::kubernetes_worker {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes the escape after a backslash at value[i] (i points past the backslash); returns the
// number of characters consumed.
size_t decode_escape(std::string_view value, size_t i, std::string& out) {
    char c = value[i];
    switch (c) {
        case 'a':
            out.push_back('\a');
            return 1;
        case 'b':
            out.push_back('\b');
            return 1;
        case 'f':
            out.push_back('\f');
            return 1;
        case 'n':
            out.push_back('\n');
            return 1;
        case 'r':
            out.push_back('\r');
            return 1;
        case 't':
            out.push_back('\t');
            return 1;
        case 'v':
            out.push_back('\v');
            return 1;
        case 's':
            out.push_back(' ');
            return 1;
        case 'x':
            if (i + 2 < value.size() && hex_value(value[i + 1]) >= 0 &&
                hex_value(value[i + 2]) >= 0) {
                out.push_back(
                    static_cast<char>(hex_value(value[i + 1]) * 16 + hex_value(value[i + 2])));
                return 3;
            }
            break;
        default:
            if (c >= '0' && c <= '7' && i + 2 < value.size() && value[i + 1] >= '0' &&
                value[i + 1] <= '7' && value[i + 2] >= '0' && value[i + 2] <= '7') {
                out.push_back(static_cast<char>((c - '0') * 64 + (value[i + 1] - '0') * 8 +
                                                (value[i + 2] - '0')));
                return 3;
            }
    }
    out.push_back(c);
    return 1;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool is_whole_variable(std::string_view word, std::string& name) {
    if (word.size() < 2 || word[0] != '$' || word[1] == '{' || word[1] == '$') return false;
    std::string_view rest = word.substr(1);
    if (!std::all_of(rest.begin(), rest.end(), is_name_char)) return false;
    name = std::string(rest);
    return true;
}

// Replaces ${NAME} and $$ inside a word; a bare $NAME inside a longer word stays as written.
std::string expand_braced(std::string_view word, const unit_environment& env,
                          std::vector<std::string>& unresolved) {
    std::string out;
    for (size_t i = 0; i < word.size(); ++i) {
        if (word[i] != '$' || i + 1 >= word.size()) {
            out.push_back(word[i]);
            continue;
        }
        if (word[i + 1] == '$') {
            out.push_back('$');
            ++i;
            continue;
        }
        size_t close = word[i + 1] == '{' ? word.find('}', i + 2) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out.push_back(word[i]);
            continue;
        }
        std::string name(word.substr(i + 2, close - i - 2));
        if (auto it = env.find(name); it != env.end()) {
            out += it->second;
        } else {
            unresolved.push_back(name);
        }
        i = close;
    }
    return out;
}

}  // namespace

parse_result<std::vector<std::string>> split_systemd_words(std::string_view value) {
    std::vector<std::string> words;
    size_t i = 0;
    while (true) {
        while (i < value.size() && is_space(value[i])) ++i;
        if (i >= value.size()) break;

        std::string word;
        char quote = 0;
        for (; i < value.size(); ++i) {
            char c = value[i];
            if (quote == 0 && is_space(c)) break;
            if (c == '\\' && i + 1 < value.size()) {
                i += decode_escape(value, i + 1, word);
                continue;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
                continue;
            }
            if (quote != 0 && c == quote) {
                quote = 0;
                continue;
            }
            word.push_back(c);
        }
        if (quote != 0) return parse_error{0, "unmatched quote in: " + std::string(value)};
        words.push_back(std::move(word));
    }
    return words;
}

std::vector<std::pair<std::string, std::string>> parse_environment_assignments(
    std::string_view value) {
    std::vector<std::pair<std::string, std::string>> out;
    auto words = split_systemd_words(value);
    if (!words) return out;
    for (const auto& word : words.value()) {
        size_t eq = word.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        out.emplace_back(word.substr(0, eq), word.substr(eq + 1));
    }
    return out;
}

parse_result<exec_command> parse_exec_start(std::string_view value, const unit_environment& env) {
    bool argv0_given = false;
    bool expand = true;
    size_t p = 0;
    while (p < value.size() && std::string_view("-@:+!").find(value[p]) != std::string_view::npos) {
        argv0_given = argv0_given || value[p] == '@';
        expand = expand && value[p] != ':';
        ++p;
    }

    auto words = split_systemd_words(value.substr(p));
    if (!words) return words.error();
    if (words->empty()) return parse_error{0, "ExecStart= names no program"};

    exec_command command;
    for (size_t i = 0; i < words->size(); ++i) {
        const std::string& word = words.value()[i];
        if (i == 1 && argv0_given) continue;
        std::string name;
        if (expand && i > 0 && is_whole_variable(word, name)) {
            auto it = env.find(name);
            if (it == env.end()) {
                command.unresolved.push_back(name);
                continue;
            }
            auto parts = split_systemd_words(it->second);
            if (!parts)
                return parse_error{0, "cannot split $" + name + ": " + parts.error().message};
            command.argv.insert(command.argv.end(), parts->begin(), parts->end());
            continue;
        }
        command.argv.push_back(expand ? expand_braced(word, env, command.unresolved) : word);
    }
    return command;
}

}  // namespace scanner::kubernetes_worker
