#include "os_release.hpp"

#include <cerrno>
#include <cstring>

#include "text.hpp"
#include "verdict.hpp"

namespace bottlerocket_os {

namespace {

std::string unquote(std::string_view value) {
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
        return std::string(value.substr(1, value.size() - 2));
    }
    bool double_quoted = value.size() >= 2 && value.front() == '"' && value.back() == '"';
    if (double_quoted) value = value.substr(1, value.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
    }
    return out;
}

}  // namespace

std::optional<std::string> os_release_value(std::string_view text, std::string_view key) {
    std::optional<std::string> value;
    for (auto line : split_lines(text)) {
        auto body = trim(line);
        if (body.empty() || body.front() == '#') continue;
        auto eq = body.find('=');
        if (eq == std::string_view::npos || body.substr(0, eq) != key) continue;
        value = unquote(trim(body.substr(eq + 1)));
    }
    return value;
}

std::optional<std::string> not_bottlerocket_note(const config_text& file) {
    constexpr std::string_view tail = "; checks evaluated as written for Bottlerocket";
    if (file.error == ENOENT) {
        return "target is not known to be Bottlerocket (no /etc/os-release or "
               "/usr/lib/os-release)" +
               std::string(tail);
    }
    if (file.error != 0) {
        return "target is not known to be Bottlerocket (cannot read " + file.path + ": " +
               std::strerror(file.error) + ")" + std::string(tail);
    }
    auto id = os_release_value(file.text, "ID");
    if (id == "bottlerocket") return std::nullopt;
    return "target is not Bottlerocket (ID=" + (id ? escaped(*id) : std::string("<unset>")) +
           " in " + file.path + ")" + std::string(tail);
}

}  // namespace bottlerocket_os
