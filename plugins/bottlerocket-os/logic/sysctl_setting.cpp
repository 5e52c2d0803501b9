#include "sysctl_setting.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "text.hpp"

namespace bottlerocket_os {

std::string sysctl_path(std::string_view name) {
    std::string path = "/proc/sys/";
    for (char c : name) path += c == '.' ? '/' : c;
    return path;
}

std::optional<int64_t> parse_sysctl_integer(std::string_view value) {
    value = trim(value);
    if (value.empty()) return std::nullopt;
    int64_t number = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return number;
}

void judge_sysctl(const sysctl_requirement& requirement, const sysctl_reading& reading, bool live,
                  findings& out) {
    const std::string name(requirement.name);
    const std::string path = sysctl_path(requirement.name);

    if (reading.error == ENOENT && !live) {
        out.unknown(name + " is only known on a live host (" + path + " is absent under the root)");
        return;
    }
    if (reading.error != 0) {
        out.unknown("cannot read " + name + " (" + path + "): " + std::strerror(reading.error));
        return;
    }

    out.observe(path, name + " = " + escaped(trim(reading.value)));
    auto value = parse_sysctl_integer(reading.value);
    if (!value) {
        out.unknown("cannot parse " + name + " (" + path + "): " + quoted(trim(reading.value)) +
                    " is not an integer");
        return;
    }
    if (*value != requirement.expected) {
        out.fail(name + " = " + std::to_string(*value) + ", expected " +
                 std::to_string(requirement.expected) + " (" + path + ")");
    }
}

}  // namespace bottlerocket_os
