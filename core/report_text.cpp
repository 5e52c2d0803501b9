#include <fmt/format.h>

#include "core/report_writers.hpp"
#include "core/timestamp.hpp"

namespace scanner::core {

namespace {

void append_field(std::string& out, std::string_view label, std::string_view value) {
    fmt::format_to(std::back_inserter(out), "{:17}{}\n", label, value);
}

void append_block(std::string& out, const benchmark_report& b, const scan_report& report) {
    append_field(out, "Benchmark name:", b.benchmark.name);
    append_field(out, "Version:", b.benchmark.version);
    if (!b.benchmark.url.empty()) append_field(out, "Reference:", b.benchmark.url);
    append_field(out, "Benchmark level:", std::to_string(report.level));
    append_field(out, "Start time:", format_timestamp(report.started));
    // Notes may carry text from the target; a line break in one must not forge a report line.
    for (const auto& note : b.notes) append_field(out, "Note:", escape_controls(note));
    out += '\n';

    for (const auto& entry : b.results) {
        fmt::format_to(std::back_inserter(out), "[{}] {:9} {} ({})\n",
                       to_string(entry.result.verdict), entry.info->id, entry.info->title,
                       to_string(entry.mode()));
    }
    out += '\n';

    append_field(out, "Passed:", std::to_string(b.passed));
    append_field(out, "Failed:", std::to_string(b.failed));
    append_field(out, "Skipped:", std::to_string(b.skipped));
    if (b.errors > 0) append_field(out, "Errors:", std::to_string(b.errors));
    append_field(out, "Total checks:", std::to_string(b.results.size()));
    out += '\n';
    fmt::format_to(std::back_inserter(out), "Compliance check result: {}\n", to_string(b.overall));

    bool first_note = true;
    for (const auto& entry : b.results) {
        for (const auto& note : entry.result.notes) {
            if (first_note) out += "\nNotes:\n";
            first_note = false;
            fmt::format_to(std::back_inserter(out), "*  {} {}\n", entry.info->id,
                           escape_controls(note));
        }
    }
}

}  // namespace

std::string render_text(const scan_report& report) {
    std::string out;
    for (std::size_t i = 0; i < report.benchmarks.size(); ++i) {
        if (i > 0) out += '\n';
        append_block(out, report.benchmarks[i], report);
    }
    return out;
}

std::string escape_controls(std::string_view text, bool keep_tabs) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && !(keep_tabs && c == '\t')) || byte == 0x7f) {
            out += fmt::format("\\x{:02x}", byte);
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace scanner::core
