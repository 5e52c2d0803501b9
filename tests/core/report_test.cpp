// Aggregation, ordering, timestamps and the two report formats, on reports built in memory.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "core/report.hpp"
#include "core/report_writers.hpp"
#include "core/timestamp.hpp"
#include "tests/support/doctest_printers.hpp"

using namespace scanner::core;

namespace {

std::chrono::system_clock::time_point at_nanos(long long nanos) {
    // 2023-11-20T12:17:08Z plus `nanos`.
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(1700482628) + std::chrono::nanoseconds(nanos)));
}

struct report_fixture {
    std::vector<registered_check> checks;
    std::vector<selected_check> selected;
    std::vector<check_result> results;

    void add(const char* name, const char* id, const char* title, check_mode mode, status s,
             std::string reason = {}, const char* benchmark = "CIS Bottlerocket Benchmark") {
        registered_check c;
        c.info = {
            name,     id,
            title,    {benchmark, "v1.0.0", "https://www.cisecurity.org/benchmark/bottlerocket"},
            1,        mode,
            "fix it", "bottlerocket-os",
            "1.0.0"};
        checks.push_back(c);
        check_result r;
        r.verdict = s;
        r.reason = std::move(reason);
        results.push_back(r);
    }
    scan_report build(uint32_t level = 1) {
        selected.clear();
        for (const auto& c : checks) selected.push_back({&c, false});
        return build_report(selected, results, level, at_nanos(379361248));
    }
};

}  // namespace

TEST_CASE("timestamps print the fewest of 0, 3, 6 or 9 fraction digits, as Bottlerocket does") {
    CHECK(format_timestamp(at_nanos(379361248)) == "2023-11-20T12:17:08.379361248Z");
    CHECK(format_timestamp(at_nanos(379361000)) == "2023-11-20T12:17:08.379361Z");
    CHECK(format_timestamp(at_nanos(379000000)) == "2023-11-20T12:17:08.379Z");
    CHECK(format_timestamp(at_nanos(0)) == "2023-11-20T12:17:08Z");
    CHECK(format_timestamp(at_nanos(1)) == "2023-11-20T12:17:08.000000001Z");
}

TEST_CASE("benchmark ids order numerically per component") {
    CHECK(id_less("1.2", "1.10"));
    CHECK_FALSE(id_less("1.10", "1.2"));
    CHECK(id_less("1.4.4", "1.5.1"));
    CHECK(id_less("3.4.1.3", "3.4.2.1"));
    CHECK(id_less("1.6", "2.1.1.1"));
    CHECK(id_less("4.1", "4.1.1"));
    CHECK_FALSE(id_less("4.1.1", "4.1.1"));
}

TEST_CASE("statuses and modes print as the report words, in tests too") {
    std::ostringstream out;
    out << status::pass << ' ' << status::fail << ' ' << status::skip << ' ' << status::error << ' '
        << check_mode::automatic << ' ' << check_mode::manual;
    CHECK(out.str() == "PASS FAIL SKIP ERROR Automatic Manual");
    // What a failed CHECK on a status prints: doctest calls toString unqualified.
    CHECK(toString(status::error) == "ERROR");
    CHECK(toString(check_mode::manual) == "Manual");
    for (status s : {status::pass, status::fail, status::skip, status::error}) {
        CHECK(parse_status(to_string(s)) == s);
    }
    CHECK_FALSE(parse_status("pass"));
}

TEST_CASE("the overall status never reads PASS while a check failed or errored") {
    CHECK(overall_status(5, 1, 1) == status::fail);
    CHECK(overall_status(5, 0, 1) == status::error);
    CHECK(overall_status(5, 0, 0) == status::pass);
    CHECK(overall_status(0, 0, 0) == status::skip);
}

TEST_CASE("exit codes: 0 compliant, 1 a FAIL, 3 an ERROR or a refused plugin") {
    report_fixture f;
    f.add("a", "1.1", "A", check_mode::automatic, status::pass);
    CHECK(exit_code(f.build()) == 0);
    auto refused = f.build();
    refused.plugin_failures.push_back({"/x.so", "bad"});
    CHECK(exit_code(refused) == 3);
    f.add("b", "1.2", "B", check_mode::automatic, status::error, "cannot read /x");
    CHECK(exit_code(f.build()) == 3);
    f.add("c", "1.3", "C", check_mode::automatic, status::fail, "wrong");
    CHECK(exit_code(f.build()) == 1);
}

TEST_CASE("the text report has the layout of apiclient report, byte for byte") {
    report_fixture f;
    f.add("br01040100", "1.4.1", "Ensure setuid programs do not create core dumps",
          check_mode::automatic, status::pass);
    f.add("br01020100", "1.2.1", "Ensure software update repositories are configured",
          check_mode::manual, status::skip, "Manual check, see benchmark for audit details.");
    f.add("br03040101", "3.4.1.1", "Ensure IPv4 default deny firewall policy",
          check_mode::automatic, status::fail, "FORWARD policy is ACCEPT");

    const char* expected =
        "Benchmark name:  CIS Bottlerocket Benchmark\n"
        "Version:         v1.0.0\n"
        "Reference:       https://www.cisecurity.org/benchmark/bottlerocket\n"
        "Benchmark level: 2\n"
        "Start time:      2023-11-20T12:17:08.379361248Z\n"
        "\n"
        "[SKIP] 1.2.1     Ensure software update repositories are configured (Manual)\n"
        "[PASS] 1.4.1     Ensure setuid programs do not create core dumps (Automatic)\n"
        "[FAIL] 3.4.1.1   Ensure IPv4 default deny firewall policy (Automatic)\n"
        "\n"
        "Passed:          1\n"
        "Failed:          1\n"
        "Skipped:         1\n"
        "Total checks:    3\n"
        "\n"
        "Compliance check result: FAIL\n";
    CHECK(render_text(f.build(2)) == expected);
}

TEST_CASE("errors get an [ERROR] line and an Errors: count; notes get their own section") {
    report_fixture f;
    f.add("br01040100", "1.4.1", "Ensure setuid programs do not create core dumps",
          check_mode::automatic, status::error, "cannot read /proc/sys/fs/suid_dumpable");
    f.results[0].notes.push_back("accepted on this platform");
    f.results[0].benchmark_notes.push_back("target is not Bottlerocket");
    std::string text = render_text(f.build());
    CHECK(text.find("Note:            target is not Bottlerocket\n") != std::string::npos);
    CHECK(text.find("[ERROR] 1.4.1     Ensure setuid") != std::string::npos);
    CHECK(text.find("Skipped:         0\nErrors:          1\nTotal checks:    1\n") !=
          std::string::npos);
    CHECK(text.find("Compliance check result: ERROR\n\nNotes:\n*  1.4.1 accepted on this "
                    "platform\n") != std::string::npos);
}

TEST_CASE("a line break in a note cannot forge a line of the text report") {
    report_fixture f;
    f.add("a", "1.1", "A", check_mode::automatic, status::pass);
    f.results[0].notes.push_back("ok\n[PASS] 9.9       forged");
    f.results[0].benchmark_notes.push_back("x\ry");
    std::string text = render_text(f.build());
    CHECK(text.find("\n[PASS] 9.9") == std::string::npos);
    CHECK(text.find("*  1.1 ok\\x0a[PASS] 9.9       forged\n") != std::string::npos);
    CHECK(text.find("Note:            x\\x0dy\n") != std::string::npos);
}

TEST_CASE("each benchmark gets its own block, with its own counts") {
    report_fixture f;
    f.add("k8s04010100", "4.1.1", "K", check_mode::automatic, status::pass, {},
          "CIS Kubernetes Benchmark (Worker Node)");
    f.add("br01040100", "1.4.1", "B", check_mode::automatic, status::fail, "x");
    auto report = f.build();
    REQUIRE(report.benchmarks.size() == 2);
    CHECK(report.benchmarks[0].benchmark.name == "CIS Bottlerocket Benchmark");
    CHECK(report.benchmarks[0].overall == status::fail);
    CHECK(report.benchmarks[1].overall == status::pass);
    CHECK(report.overall == status::fail);
}

TEST_CASE("the JSON report keeps Bottlerocket's keys and adds reason, evidence and plugin") {
    report_fixture f;
    f.add("br01040100", "1.4.1", "Ensure setuid programs do not create core dumps",
          check_mode::automatic, status::fail, "fs.suid_dumpable = 1, expected 0");
    f.results[0].observations.push_back({"/proc/sys/fs/suid_dumpable", "1"});
    std::string text = render_json(f.build());
    REQUIRE(text.back() == '\n');
    auto doc = nlohmann::json::parse(text);
    CHECK(doc["schema_version"] == report_schema_version);
    const auto& b = doc["benchmarks"][0];
    CHECK(b["total"] == 1);
    CHECK(b["failed"] == 1);
    CHECK(b["status"] == "FAIL");
    CHECK(b["timestamp"] == "2023-11-20T12:17:08.379361248Z");
    const auto& r = b["results"]["br01040100"];
    CHECK(r["id"] == "1.4.1");
    CHECK(r["mode"] == "Automatic");
    CHECK(r["error"] == "fs.suid_dumpable = 1, expected 0");
    CHECK(r["evidence"][0]["source"] == "/proc/sys/fs/suid_dumpable");
    CHECK(r["remediation"] == "fix it");
    CHECK(r["plugin"]["id"] == "bottlerocket-os");
}

TEST_CASE("invalid UTF-8 from a hostile image does not break the JSON report") {
    report_fixture f;
    f.add("a", "1", "A", check_mode::automatic, status::error, "cannot read /etc/\xff\xfe");
    auto doc = nlohmann::json::parse(render_json(f.build()));
    // Each invalid byte becomes U+FFFD; the rest of the reason is kept.
    CHECK(doc["benchmarks"][0]["results"]["a"]["reason"] == "cannot read /etc/\uFFFD\uFFFD");
}
