// Images built to attack the scanner, scanned end to end through the executable with the probe
// fixture plugin: nothing outside the root is read, nothing hangs, every case is ERROR with a
// reason, and the report stays valid JSON and valid text, with and without process isolation.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tests/isolation/scanner_cli.hpp"
#include "tests/support/fixture_root.hpp"

using scanner::testing::fixture_root;
using scanner::testing::installed_scanner;
using scanner::testing::results_by_name;

namespace {

constexpr const char* canary_text = "CANARY-5d41402abc4b2a76";

// A file outside the root that no report, log line or evidence may ever show.
struct canary {
    fixture_root outside;
    std::string path = outside.host_path("/canary").string();
    canary() { outside.write("/canary", std::string(canary_text) + "\n"); }
};

struct probe_case {
    const char* check;
    const char* operation;
    std::string subject;
    const char* reason;  // the expected end of the ERROR reason
};

void configure(const fixture_root& root, const probe_case& c) {
    root.write(std::string("/probe/") + c.check, std::string(c.operation) + "\n" + c.subject);
}

}  // namespace

TEST_CASE("a hostile image gives ERROR with a reason for each trap and never leaves the root") {
    canary c;
    fixture_root root;
    // Absolute and relative links to the canary, and to host files that exist everywhere.
    root.symlink("/etc/shadow", c.path);
    root.symlink("/etc/passwd", "/etc/shadow");
    root.symlink("/etc/climb", "../../../../../../../../../.." + c.path);
    root.symlink("/etc/magic", "/proc/self/root" + c.path);
    root.symlink("/etc/loop-a", "/etc/loop-b");
    root.symlink("/etc/loop-b", "/etc/loop-a");
    root.symlink("/etc/sysctl.conf", "/dev/zero");
    // Files that block or never end when opened naively.
    root.mkfifo("/etc/journald.conf");
    REQUIRE(::mknod(root.host_path("/etc/chrony.conf").c_str(), S_IFCHR | 0644, makedev(1, 5)) ==
            0);
    root.write("/var/lib/huge", "");
    REQUIRE(::truncate(root.host_path("/var/lib/huge").c_str(), off_t{2} << 30) == 0);
    root.mkdir("/etc/modprobe.d");
    // Names that break line-based and UTF-8 readers.
    std::string hostile_name = "/etc/bad\nname\xff\xfe";
    root.mkfifo(hostile_name);
    root.write("/var/log/journal/line\nbreak", "");
    root.write("/var/log/journal/not-utf8-\xc3\x28", "");

    const probe_case cases[] = {
        {"probe01", "read", "/etc/shadow", "cannot read /etc/shadow: No such file or directory"},
        {"probe02", "read", "/etc/passwd", "cannot read /etc/passwd: No such file or directory"},
        {"probe03", "read", "/../../../../../../../.." + c.path, "No such file or directory"},
        {"probe04", "read", "/etc/climb", "cannot read /etc/climb: No such file or directory"},
        {"probe05", "read", "/etc/magic", "cannot read /etc/magic: No such file or directory"},
        {"probe06", "read", "/etc/loop-a",
         "cannot read /etc/loop-a: Too many levels of symbolic links"},
        {"probe07", "read", "/etc/journald.conf",
         "cannot read /etc/journald.conf: Invalid argument"},
        {"probe08", "read", "/etc/chrony.conf", "cannot read /etc/chrony.conf: Invalid argument"},
        {"probe09", "read", "/etc/sysctl.conf",
         "cannot read /etc/sysctl.conf: No such file or directory"},
        {"probe10", "read", "/var/lib/huge", "cannot read /var/lib/huge: File too large"},
        {"probe11", "read", hostile_name, "Invalid argument"},
        {"probe12", "list", "/etc/journald.conf",
         "cannot list /etc/journald.conf: Not a directory"},
        {"probe13", "read", "/etc/modprobe.d", "cannot read /etc/modprobe.d: Is a directory"},
        {"probe14", "sysctl", "../../../etc/shadow",
         "cannot read sysctl ../../../etc/shadow: Invalid argument"},
        {"probe15", "stat", "/etc/shadow", "cannot stat /etc/shadow: No such file or directory"},
    };
    for (const auto& p : cases) configure(root, p);
    // The one that succeeds: a listing whose names hold a newline and bytes that are not UTF-8.
    root.write("/probe/probe16", "list\n/var/log/journal");

    installed_scanner scanner({PROBE_PLUGIN});
    for (const char* isolation : {"process", "none"}) {
        CAPTURE(isolation);
        auto start = std::chrono::steady_clock::now();
        auto json = scanner.run(
            {"--format", "json", "-vv", "--isolation", isolation, "--root", root.path().string()});
        auto text = scanner.run({"-vv", "--isolation", isolation, "--root", root.path().string()});
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));

        for (const auto* output : {&json.out, &json.err, &text.out, &text.err}) {
            CHECK(output->find(canary_text) == std::string::npos);
        }
        CHECK(json.exit_status == 3);
        CHECK(text.exit_status == 3);
        CHECK(scanner::testing::valid_utf8(json.out));
        CHECK(scanner::testing::valid_utf8(text.out));
        CHECK(scanner::testing::text_result_lines(text.out) == 16);

        auto results = results_by_name(json.out);
        REQUIRE(results.size() == 16);
        for (const auto& p : cases) {
            CAPTURE(p.check);
            const auto& r = results[p.check];
            CHECK(r["status"] == "ERROR");
            std::string reason = r["reason"].get<std::string>();
            CHECK(reason.size() >= std::string(p.reason).size());
            CHECK(reason.find(p.reason) != std::string::npos);
        }
        // The hostile name reaches the JSON report with its newline escaped and its bad bytes
        // replaced, so the document stays one valid line.
        CHECK(results["probe11"]["reason"] ==
              "cannot read /etc/bad\nname\xef\xbf\xbd\xef\xbf\xbd: Invalid argument");
        CHECK(json.out.find('\n') == json.out.size() - 1);
        const auto& listing = results["probe16"];
        CHECK(listing["status"] == "PASS");
        std::set<std::string> names;
        for (const auto& e : listing["evidence"]) names.insert(e["observed"].get<std::string>());
        CHECK(names.count("2 entries") == 1);
        CHECK(names.count("line\nbreak") == 1);
        CHECK(names.count("not-utf8-\xef\xbf\xbd(") == 1);
    }
}

TEST_CASE("files that crash or hang a built-in plugin's parser cost only the checks reading them") {
    struct trap {
        const char* plugin;               // file in lib/scanner/plugins
        const char* path;                 // where the image holds the file
        std::string content;              // what crashed or hung the parser when fuzzed
        std::vector<std::string> checks;  // checks that read it, ERROR however the plugin fares
    };
    const trap traps[] = {
        // yaml-cpp 0.7's LoadAll loops forever, allocating, on this one-byte document.
        {"kubernetes-worker.so",
         "/etc/kubernetes/kubelet/config",
         ",",
         {"k8s04020100", "k8s04020200", "k8s04020300", "k8s04020400"}},
        // A counters-only line left the iptables-save parser reading an empty token list.
        {"network-firewall.so",
         "/etc/iptables/rules.v4",
         "*filter\n[0:0]\nCOMMIT\n",
         {"br03040101", "br03040102"}},
    };
    std::vector<std::filesystem::path> plugins;
    fixture_root root;
    std::vector<std::string> expected_errors;
    for (const auto& t : traps) {
        auto file = std::filesystem::path(BUILTIN_PLUGIN_DIR) / t.plugin;
        if (!std::filesystem::exists(file)) {
            MESSAGE("skipped " << t.plugin << ": not built");
            continue;
        }
        plugins.push_back(file);
        root.write(t.path, t.content);
        expected_errors.insert(expected_errors.end(), t.checks.begin(), t.checks.end());
    }
    if (plugins.empty()) return;

    installed_scanner scanner(plugins);
    auto start = std::chrono::steady_clock::now();
    auto r = scanner.run({"--format", "json", "--level", "2", "--timeout", "1", "--deadline", "8",
                          "--root", root.path().string()});
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
    CHECK((r.exit_status == 1 || r.exit_status == 3));
    auto results = results_by_name(r.out);
    for (const auto& name : expected_errors) {
        CAPTURE(name);
        REQUIRE(results.count(name) == 1);
        CHECK(results[name]["status"] == "ERROR");
        CHECK_FALSE(results[name]["reason"].get<std::string>().empty());
    }
}
