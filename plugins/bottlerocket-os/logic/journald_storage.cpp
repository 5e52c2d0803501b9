#include "journald_storage.hpp"

#include <cerrno>
#include <cstring>

#include "text.hpp"

namespace bottlerocket_os {

std::vector<storage_assignment> parse_journald_storage(std::string_view text,
                                                       std::string_view path) {
    std::vector<storage_assignment> out;
    bool in_journal = false;
    std::string pending;
    int pending_line = 0;
    int number = 0;
    for (auto raw : split_lines(text)) {
        ++number;
        if (pending.empty()) pending_line = number;
        auto piece = trim(raw);
        if (pending.empty() && (piece.empty() || piece.front() == '#' || piece.front() == ';')) {
            continue;
        }
        if (!piece.empty() && piece.back() == '\\') {
            // systemd replaces the backslash by a space and reads on.
            pending += piece.substr(0, piece.size() - 1);
            pending += ' ';
            continue;
        }
        pending += piece;
        std::string line = std::move(pending);
        pending.clear();

        std::string_view body = trim(line);
        if (body.empty()) continue;
        if (body.front() == '[') {
            in_journal = body == "[Journal]";
            continue;
        }
        auto eq = body.find('=');
        if (!in_journal || eq == std::string_view::npos) continue;
        if (trim(body.substr(0, eq)) != "Storage") continue;

        storage_assignment a;
        a.value = trim(body.substr(eq + 1));
        a.valid = a.value == "volatile" || a.value == "persistent" || a.value == "auto" ||
                  a.value == "none";
        a.path = path;
        a.line = pending_line;
        out.push_back(std::move(a));
    }
    return out;
}

journald_storage resolve_journald_storage(const std::vector<config_text>& files) {
    journald_storage storage;
    for (const auto& file : files) {
        if (file.error == ENOENT) continue;
        if (file.error != 0) {
            storage.unreadable.push_back(file);
            continue;
        }
        for (auto& a : parse_journald_storage(file.text, file.path)) {
            if (!a.valid) {
                storage.ignored.push_back(std::move(a));
                continue;
            }
            storage.effective = std::move(a);
            // Whatever an earlier unreadable file said, this assignment overrides it.
            storage.unreadable.clear();
        }
    }
    return storage;
}

void judge_journald_storage(const journald_storage& storage, findings& out) {
    for (const auto& a : storage.ignored) {
        out.observe(escaped(a.path) + ":" + std::to_string(a.line),
                    "Storage=" + escaped(a.value) + " (invalid, ignored by journald)");
    }
    for (const auto& file : storage.unreadable) {
        out.unknown("cannot read " + escaped(file.path) + ": " + std::strerror(file.error) +
                    " (it may set Storage=)");
    }

    if (!storage.effective) {
        out.observe(std::string(journald_main_config), "Storage unset (journald default: auto)");
        if (!storage.unreadable.empty()) return;
        out.fail("journald is not configured: Storage= is not set in " +
                 std::string(journald_main_config) +
                 " or a journald.conf.d drop-in (the default is auto), expected persistent");
        return;
    }

    const auto& a = *storage.effective;
    const std::string where = escaped(a.path) + ":" + std::to_string(a.line);
    out.observe(where, "Storage=" + escaped(a.value));
    if (a.value != "persistent" && storage.unreadable.empty()) {
        out.fail("journald Storage=" + escaped(a.value) + " (" + where + "), expected persistent");
    }
}

}  // namespace bottlerocket_os
