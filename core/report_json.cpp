#include <nlohmann/json.hpp>

#include "core/registry.hpp"
#include "core/report_writers.hpp"
#include "core/timestamp.hpp"

namespace scanner::core {

namespace {

using json = nlohmann::ordered_json;

json result_json(const check_entry& entry) {
    const check_info& info = *entry.info;
    const check_result& r = entry.result;
    json evidence = json::array();
    for (const auto& e : r.observations)
        evidence.push_back({{"source", e.source}, {"observed", e.observed}});
    return json{
        {"name", info.name},
        {"id", info.id},
        {"level", info.level},
        {"title", info.title},
        {"mode", to_string(entry.mode())},
        {"status", to_string(r.verdict)},
        // Bottlerocket's consumers read the reason from "error"; PASS keeps it empty there.
        {"error", r.verdict == status::pass ? std::string() : r.reason},
        {"reason", r.reason},
        {"evidence", std::move(evidence)},
        {"accesses", r.accesses},
        {"remediation", info.remediation},
        {"notes", r.notes},
        {"duration_us", std::chrono::duration_cast<std::chrono::microseconds>(r.duration).count()},
        {"plugin", {{"id", info.plugin_id}, {"version", info.plugin_version}}},
    };
}

json benchmark_json(const benchmark_report& b, const scan_report& report) {
    json results = json::object();
    for (const auto& entry : b.results) results[entry.info->name] = result_json(entry);
    json out{
        {"level", report.level},
        {"total", b.results.size()},
        {"passed", b.passed},
        {"skipped", b.skipped},
        {"failed", b.failed},
        {"errors", b.errors},
        {"status", to_string(b.overall)},
        {"timestamp", format_timestamp(report.started)},
        {"name", b.benchmark.name},
        {"version", b.benchmark.version},
    };
    if (!b.benchmark.url.empty()) out["url"] = b.benchmark.url;
    out["notes"] = b.notes;
    out["results"] = std::move(results);
    return out;
}

}  // namespace

std::string render_json(const scan_report& report) {
    json failures = json::array();
    for (const auto& f : report.plugin_failures) {
        failures.push_back({{"file", f.file}, {"reason", f.reason}});
    }
    json benchmarks = json::array();
    for (const auto& b : report.benchmarks) benchmarks.push_back(benchmark_json(b, report));
    json doc{
        {"schema_version", report_schema_version},
        {"scanner_version", scanner_version},
        {"hostname", report.hostname},
        {"root", report.root},
        {"level", report.level},
        {"status", to_string(report.overall)},
        {"timestamp", format_timestamp(report.started)},
        {"plugin_errors", std::move(failures)},
        {"benchmarks", std::move(benchmarks)},
    };
    // Paths and reasons may carry bytes from a hostile image; they must not break the document.
    return doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace scanner::core
