#include "chrony_state.hpp"

#include <cstring>

#include "text.hpp"

namespace bottlerocket_os {

std::vector<chrony_source> parse_chrony_sources(std::string_view text) {
    std::vector<chrony_source> sources;
    int number = 0;
    for (auto line : split_lines(text)) {
        ++number;
        auto body = trim(line);
        if (body.empty() || std::string_view("#%;!").find(body.front()) != std::string_view::npos) {
            continue;
        }
        auto words = split_words(body);
        if (words.size() < 2) continue;
        for (std::string_view directive : {"pool", "server"}) {
            if (iequals(words[0], directive)) {
                sources.push_back({std::string(directive), std::string(words[1]), number});
            }
        }
    }
    return sources;
}

void judge_chrony_config(const config_text& config, findings& out) {
    if (config.error != 0) {
        out.unknown("cannot read " + config.path + ": " + std::strerror(config.error));
        return;
    }
    auto sources = parse_chrony_sources(config.text);
    if (sources.empty()) {
        out.observe(config.path, "no pool or server directive");
        out.fail("no ntp servers are configured: no pool or server directive in " + config.path);
        return;
    }
    for (const auto& source : sources) {
        out.observe(config.path + ":" + std::to_string(source.line),
                    source.directive + " " + escaped(source.address));
    }
}

void judge_chronyd_running(const chronyd_process_scan& scan, findings& out) {
    if (scan.error != 0) {
        out.unknown("cannot list /proc: " + std::string(std::strerror(scan.error)));
        return;
    }
    if (!scan.chronyd_pid.empty()) {
        out.observe("/proc/" + scan.chronyd_pid + "/comm", "chronyd");
        return;
    }
    out.observe("/proc", "no process named chronyd");
    if (scan.init_comm != "systemd" && scan.init_comm != "init") {
        out.unknown("chronyd's state cannot be seen: /proc/1/comm is " +
                    quoted(scan.init_comm.empty() ? "unreadable" : scan.init_comm) +
                    ", not the host's init (run the scanner in the host's PID namespace)");
        return;
    }
    out.fail("chronyd NTP service is not running: no process named chronyd in /proc");
}

void judge_chronyd_enabled(const chronyd_unit_scan& scan, findings& out) {
    out.note(
        "whether chronyd runs is only known on a live host; judged by chronyd.service "
        "being enabled");
    if (scan.masked) {
        out.observe(scan.unit_file, "masked");
        out.fail("chronyd.service is masked: " + scan.unit_file +
                 " links to /dev/null or to nothing");
        return;
    }
    if (!scan.wants_link.empty() && !scan.unit_file.empty()) {
        out.observe(escaped(scan.wants_link), "chronyd.service enabled");
        return;
    }
    if (!scan.unreadable.empty()) {
        for (const auto& dir : scan.unreadable) out.unknown("cannot list " + escaped(dir));
        return;
    }
    if (scan.unit_file.empty()) {
        out.fail(
            "chronyd.service is not installed: no unit file in /etc/systemd/system, "
            "/run/systemd/system, /usr/lib/systemd/system or /lib/systemd/system");
        return;
    }
    out.observe(scan.unit_file, "chronyd.service installed, not enabled");
    out.fail(
        "chronyd.service is not enabled: no chronyd.service entry in a *.wants or "
        "*.requires directory of the unit directories");
}

}  // namespace bottlerocket_os
