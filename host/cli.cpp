#include "host/cli.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>

#include "core/registry.hpp"

namespace scanner::host {

namespace {

constexpr const char* description =
    "scanner: checks this host, or a root directory, against the CIS benchmarks of the installed "
    "check packs.";

constexpr const char* footer = R"(Exit codes:
  0  compliant: no check failed and every selected check was evaluated
  1  non-compliant: at least one check failed
  2  usage or input error (bad flag, unknown plugin or check, unreadable root, unwritable output)
  3  incomplete: no check failed, but a check could not be evaluated or a plugin could not load

Plugins are looked for in each --plugin-dir, then in SCANNER_PLUGIN_PATH (colon-separated),
then in <prefix>/lib/scanner/plugins next to this program.)";

void add_scan_options(CLI::App& app, cli_options& o) {
    app.add_option("--plugins", o.selection.plugins,
                   "Plugins to run, by id or alias, comma-separated (default: all)")
        ->delimiter(',');
    app.add_option("--level", o.selection.level, "Benchmark level; 2 includes 1 (default 1)")
        ->check(CLI::Range(1, 2));
    app.add_option("--check", o.selection.checks,
                   "Run only this check, by name or id, at any level (repeatable)")
        ->take_last();
    app.add_option("--skip", o.selection.skips,
                   "Report this check, by name or id, as SKIP without running it (repeatable)")
        ->take_last();
    app.add_option("--plugin-dir", o.plugin_dirs, "Also look for plugins here, first (repeatable)")
        ->take_last();
}

// Seconds as the user writes them ("10", "0.5"), converted once parsing succeeded.
struct limit_seconds {
    double timeout = 10;
    double deadline = 300;
};

std::chrono::milliseconds to_milliseconds(double seconds) {
    return std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000)));
}

void add_isolation_options(CLI::App& app, cli_options& o, limit_seconds& seconds) {
    app.add_option("--isolation", o.isolation,
                   "Run each plugin's checks in a worker process (process, the default) or "
                   "inside the scanner, for debugging (none)")
        ->check(CLI::IsMember({"process", "none"}));
    app.add_option("--timeout", seconds.timeout,
                   "Seconds one check may run before it is ERROR (default 10)")
        ->check(CLI::PositiveNumber);
    app.add_option("--deadline", seconds.deadline,
                   "Seconds the whole scan may run; unfinished checks are ERROR (default 300)")
        ->check(CLI::PositiveNumber);
    app.add_option("--memory-limit", o.limits.memory_limit_mib,
                   "MiB a worker process may map beyond the scanner's own size (default 512)")
        ->check(CLI::Range(16, 1 << 20));
}

}  // namespace

std::variant<cli_options, int> parse_cli(int argc, char** argv) {
    cli_options o;
    CLI::App app(description, "scanner");
    app.footer(footer);
    app.set_version_flag("--version", core::scanner_version);
    add_scan_options(app, o);
    limit_seconds seconds;
    add_isolation_options(app, o, seconds);
    app.add_option("--format", o.format, "Report format: text or json (default text)")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_option("--output,-o", o.output, "Write the report to FILE instead of stdout");
    app.add_option("--root", o.root,
                   "Scan this directory (a mounted image or root filesystem) instead of /");
    app.add_flag("-v,--verbose", o.verbosity, "Log more to stderr (-vv for debug)");
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "Log only errors");

    auto* list = app.add_subcommand("list", "List the checks a scan would run, without running");
    auto* plugins = app.add_subcommand("plugins", "List the loaded plugins");
    plugins->add_option("--verify", o.verify_file,
                        "Check one plugin file for every conformance problem instead; exit 1 "
                        "if it has any");
    list->fallthrough();
    plugins->fallthrough();
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "scanner: " << e.what() << "\nRun 'scanner --help' for the options.\n";
        return 2;
    }
    o.limits.check_timeout = to_milliseconds(seconds.timeout);
    o.limits.scan_deadline = to_milliseconds(seconds.deadline);
    if (quiet) o.verbosity = -1;
    if (list->parsed()) o.what = command::list;
    if (plugins->parsed()) o.what = command::plugins;
    return o;
}

}  // namespace scanner::host
