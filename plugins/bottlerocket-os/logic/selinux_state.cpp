#include "selinux_state.hpp"

#include <cerrno>
#include <cstring>

#include "sysctl_setting.hpp"
#include "text.hpp"

namespace bottlerocket_os {

namespace {

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

// Reads one 0/1 file of selinuxfs; returns nothing (and records why) when it cannot.
std::optional<int64_t> flag(const config_text& file, findings& out) {
    if (file.error != 0) {
        out.unknown("cannot read " + file.path + ": " + std::strerror(file.error));
        return std::nullopt;
    }
    auto value = parse_sysctl_integer(file.text);
    out.observe(file.path, escaped(trim(file.text)));
    if (!value) out.unknown("cannot parse " + file.path + ": " + quoted(trim(file.text)));
    return value;
}

void expect_flag(const config_text& file, int64_t expected, std::string_view meaning,
                 findings& out) {
    auto value = flag(file, out);
    if (value && *value != expected) {
        out.fail(std::string(meaning) + ": " + file.path + " = " + std::to_string(*value) +
                 ", expected " + std::to_string(expected));
    }
}

void judge_config(const config_text& config, findings& out) {
    const std::string path(selinux_config_path);
    if (config.error != 0 && config.error != ENOENT) {
        out.unknown("cannot read " + path + ": " + std::strerror(config.error));
        return;
    }
    // Without the file libselinux falls back to the "targeted" policy and has no mode.
    const bool absent = config.error == ENOENT;
    auto parsed = absent ? selinux_config{} : parse_selinux_config(config.text);
    const std::string type = parsed.policy_type.value_or("targeted");
    out.observe(path, absent ? "absent"
                             : "SELINUXTYPE=" + escaped(type) +
                                   ", SELINUX=" + parsed.mode.value_or("<unset>"));

    if (type != "fortified") {
        out.fail(
            "loaded policy name is " + escaped(type) + ", expected fortified (" +
            (absent ? "libselinux's default: " + path + " is absent" : "SELINUXTYPE= in " + path) +
            ")");
    }
    if (parsed.mode != "enforcing") {
        out.fail("mode from config file is " + parsed.mode.value_or("unset") +
                 ", expected enforcing (" + (absent ? path + " is absent" : "SELINUX= in " + path) +
                 ")");
    }
}

}  // namespace

selinux_config parse_selinux_config(std::string_view text) {
    selinux_config config;
    for (auto line : split_lines(text)) {
        if (!config.mode && line.starts_with("SELINUX=")) {
            auto value = trim(line.substr(8));
            for (std::string_view mode : {"enforcing", "permissive", "disabled"}) {
                if (istarts_with(value, mode)) config.mode = std::string(mode);
            }
        }
        auto body = trim(line);
        if (body.empty() || body.front() == '#') continue;
        if (istarts_with(body, "SELINUXTYPE="))
            config.policy_type = std::string(trim(body.substr(12)));
    }
    return config;
}

void judge_selinux(const config_text& config, const selinuxfs_readings& fs, bool live,
                   findings& out) {
    judge_config(config, out);

    if (fs.enforce.error == ENOENT) {
        if (live) {
            out.observe(fs.enforce.path, "absent");
            out.fail("SELinux status is disabled: " + fs.enforce.path +
                     " is absent (selinuxfs is not mounted)");
        } else {
            out.unknown("SELinux's running state is only known on a live host (" + fs.enforce.path +
                        " is absent under the root)");
        }
        return;
    }
    expect_flag(fs.enforce, 1, "current mode is not enforcing", out);
    expect_flag(fs.mls, 1, "policy MLS status is not enabled", out);
    expect_flag(fs.deny_unknown, 1, "policy deny_unknown status is not denied", out);
    expect_flag(fs.checkreqprot, 0, "memory protection checking is not actual (secure)", out);
    if (fs.policyvers.error == 0)
        out.observe(fs.policyvers.path, escaped(trim(fs.policyvers.text)));
}

}  // namespace bottlerocket_os
