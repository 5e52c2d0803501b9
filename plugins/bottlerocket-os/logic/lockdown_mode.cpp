#include "lockdown_mode.hpp"

#include <cerrno>
#include <cstring>

#include "text.hpp"

namespace bottlerocket_os {

std::optional<std::string> parse_lockdown_mode(std::string_view text) {
    std::optional<std::string> mode;
    for (auto word : split_words(text)) {
        if (word.size() < 3 || word.front() != '[' || word.back() != ']') continue;
        if (mode) return std::nullopt;
        mode = std::string(word.substr(1, word.size() - 2));
    }
    return mode;
}

bool lsm_list_has_lockdown(std::string_view text) {
    text = trim(text);
    while (!text.empty()) {
        auto comma = text.find(',');
        if (trim(text.substr(0, comma)) == "lockdown") return true;
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return false;
}

void judge_lockdown(const config_text& lockdown, const config_text& lsm, bool live, findings& out) {
    if (lockdown.error == ENOENT && !live) {
        out.unknown("the lockdown mode is only known on a live host (" + lockdown.path +
                    " is absent under the root)");
        return;
    }
    if (lockdown.error == ENOENT) {
        if (lsm.error != 0) {
            out.unknown("cannot read " + lockdown.path + ": " + std::strerror(ENOENT) +
                        ", and cannot read " + lsm.path + ": " + std::strerror(lsm.error));
            return;
        }
        out.observe(lsm.path, escaped(trim(lsm.text)));
        if (lsm_list_has_lockdown(lsm.text)) {
            out.unknown("cannot read " + lockdown.path + ": " + std::strerror(ENOENT));
        } else {
            out.fail("the kernel runs without the lockdown LSM (" + lsm.path + " = " +
                     quoted(trim(lsm.text)) + "), expected lockdown mode integrity");
        }
        return;
    }
    if (lockdown.error != 0) {
        out.unknown("cannot read " + lockdown.path + ": " + std::strerror(lockdown.error));
        return;
    }

    out.observe(lockdown.path, escaped(trim(lockdown.text)));
    auto mode = parse_lockdown_mode(lockdown.text);
    if (!mode) {
        out.unknown("cannot parse " + lockdown.path + ": no single [mode] in " +
                    quoted(trim(lockdown.text)));
        return;
    }
    if (*mode != "integrity") {
        out.fail("lockdown mode is " + escaped(*mode) + ", expected integrity (" + lockdown.path +
                 ")");
    }
}

}  // namespace bottlerocket_os
