// scanner: discover and load check packs, select checks, run them, write the report.
#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "core/process_runner.hpp"
#include "core/registry.hpp"
#include "core/report_writers.hpp"
#include "core/runner.hpp"
#include "core/selection.hpp"
#include "host/cli.hpp"
#include "host/discovery.hpp"
#include "host/plugin_loader.hpp"
#include "host/plugin_verify.hpp"
#include "host/report_output.hpp"

namespace {

using namespace scanner;

void set_up_logging(int verbosity) {
    auto logger = spdlog::stderr_color_st("scanner");
    logger->set_pattern("scanner: %^%l%$: %v");
    logger->set_level(verbosity < 0    ? spdlog::level::err
                      : verbosity == 0 ? spdlog::level::warn
                      : verbosity == 1 ? spdlog::level::info
                                       : spdlog::level::debug);
    spdlog::set_default_logger(logger);
}

int usage_error(const std::string& message) {
    std::cerr << "scanner: " << message << "\n";
    return 2;
}

void print_plugins(const core::registry& reg) {
    std::cout << fmt::format("{:<20} {:<28} {:<9} {:<16} {:<4} {:>6}  {}\n", "ID", "NAME",
                             "VERSION", "VENDOR", "ABI", "CHECKS", "FILE");
    for (const auto& p : reg.plugins()) {
        std::cout << fmt::format(
            "{:<20} {:<28} {:<9} {:<16} {:<4} {:>6}  {}\n", p.id, p.name, p.version, p.vendor,
            fmt::format("{}.{}", p.abi_major, p.abi_minor), p.check_count, p.file);
    }
}

void print_checks(const std::vector<core::selected_check>& selected) {
    std::cout << fmt::format("{:<18} {:<12} {:<9} {:<5} {:<9} {}\n", "PLUGIN", "NAME", "ID",
                             "LEVEL", "MODE", "TITLE");
    for (const auto& s : selected) {
        const auto& c = s.check->info;
        std::cout << fmt::format("{:<18} {:<12} {:<9} {:<5} {:<9} {}{}\n", c.plugin_id, c.name,
                                 c.id, c.level, core::to_string(c.mode), c.title,
                                 s.skipped_by_user ? " [--skip]" : "");
    }
}

std::string host_name() {
    char name[256] = "";
    if (::gethostname(name, sizeof name - 1) != 0) return "";
    return name;
}

int scan(const host::cli_options& options, const core::registry& reg,
         const std::vector<core::selected_check>& selected,
         std::vector<core::plugin_failure> failures) {
    auto target = core::target::open(options.root);
    if (!target) {
        return usage_error("cannot open root " + options.root + ": " +
                           core::errno_message(target.error));
    }
    auto output = host::report_output::open(options.output);
    if (auto* problem = std::get_if<std::string>(&output)) return usage_error(*problem);

    std::vector<const core::registered_check*> to_run;
    for (const auto& s : selected) {
        if (!s.skipped_by_user) to_run.push_back(s.check);
    }
    auto started = std::chrono::system_clock::now();
    std::unique_ptr<core::runner> runner;
    if (options.isolation == "none") {
        runner = std::make_unique<core::threaded_runner>();
    } else {
        runner = std::make_unique<core::process_runner>(options.limits);
    }
    auto ran = runner->run(reg, to_run, *target.value);

    std::vector<core::check_result> results;
    std::size_t next = 0;
    for (const auto& s : selected) {
        if (!s.skipped_by_user) {
            results.push_back(std::move(ran[next++]));
            continue;
        }
        core::check_result skipped;
        skipped.verdict = core::status::skip;
        skipped.reason = "deselected with --skip";
        results.push_back(std::move(skipped));
    }

    auto report =
        core::build_report(selected, std::move(results), options.selection.level, started);
    report.hostname = host_name();
    report.root = target.value->root();
    report.plugin_failures = std::move(failures);
    std::string text =
        options.format == "json" ? core::render_json(report) : core::render_text(report);
    auto& destination = *std::get<std::unique_ptr<host::report_output>>(output);
    if (auto problem = destination.commit(text)) {
        spdlog::error("{}", *problem);
        return 2;
    }
    spdlog::info("scan finished: {} benchmark(s), result {}", report.benchmarks.size(),
                 core::to_string(report.overall));
    return core::exit_code(report);
}

}  // namespace

int main(int argc, char** argv) {
    // A closed stdout pipe must surface as a write error, not kill the scan silently.
    ::signal(SIGPIPE, SIG_IGN);
    auto parsed = host::parse_cli(argc, argv);
    if (auto* code = std::get_if<int>(&parsed)) return *code;
    const auto& options = std::get<host::cli_options>(parsed);
    set_up_logging(options.verbosity);

    for (const auto& dir : options.plugin_dirs) {
        if (!std::filesystem::is_directory(dir)) {
            return usage_error("plugin directory " + dir + " does not exist");
        }
    }
    auto dirs = host::plugin_directories(options.plugin_dirs, std::getenv("SCANNER_PLUGIN_PATH"),
                                         host::installed_plugin_directory());
    auto files = host::plugin_files(dirs);
    if (!options.verify_file.empty()) {
        return host::verify_command(options.verify_file, files, std::cout, std::cerr,
                                    options.limits);
    }
    core::registry reg;
    auto failures = host::load_plugins(reg, files, host::trust_policy{});
    if (reg.plugins().empty() && failures.empty()) {
        std::string where;
        for (const auto& d : dirs) where += (where.empty() ? "" : ", ") + d.string();
        return usage_error("no plugins found in " + where + "; install some or pass --plugin-dir");
    }
    if (options.what == host::command::plugins) {
        print_plugins(reg);
        return failures.empty() ? 0 : 3;
    }

    auto selection = core::select_checks(reg, options.selection);
    if (auto* problem = std::get_if<std::string>(&selection)) return usage_error(*problem);
    const auto& selected = std::get<std::vector<core::selected_check>>(selection);
    if (options.what == host::command::list) {
        print_checks(selected);
        return 0;
    }
    if (selected.empty()) return usage_error("no checks selected; see 'scanner list'");
    return scan(options, reg, selected, std::move(failures));
}
