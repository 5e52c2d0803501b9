// A second fixture plugin, in C++ with the SDK helper and its own benchmark, including checks
// that break the rules (one throws, one never reports) so the host's containment is tested.
#include <scanner/plugin.hpp>

#include <stdexcept>

namespace {

using scanner::sdk::context;

const scanner_benchmark other_benchmark{sizeof(scanner_benchmark), "Other Benchmark", "v2.0.0",
                                        nullptr};

void run_hostname(const context& ctx) {
    auto content = ctx.read_file("/etc/hostname");
    if (!content) {
        ctx.error("cannot read /etc/hostname: " + content.message());
        return;
    }
    ctx.evidence("/etc/hostname", content.value);
    if (content.value.empty()) {
        ctx.fail("/etc/hostname is empty");
        return;
    }
    ctx.pass();
}

void run_throwing(const context&) { throw std::runtime_error("simulated parser failure"); }

void run_silent(const context&) {}

const scanner::sdk::check other_checks[] = {
    {"other01", "1", "Ensure the host has a name", &other_benchmark, 1, SCANNER_MODE_AUTOMATIC,
     "write the host name to /etc/hostname", run_hostname},
    {"other02", "2", "Ensure a throwing check is contained", &other_benchmark, 2,
     SCANNER_MODE_AUTOMATIC, "nothing to do", run_throwing},
    {"other03", "3", "Ensure a silent check is caught", &other_benchmark, 2, SCANNER_MODE_AUTOMATIC,
     "nothing to do", run_silent},
};

int32_t other_init(const scanner_host_api* host) {
    return scanner::sdk::register_checks(host, std::begin(other_checks), std::end(other_checks));
}

const scanner_plugin_descriptor other_descriptor{
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "other",
    "Other checks",
    "0.9.0",
    "scanner tests",
    nullptr,
    other_init,
    nullptr,
};

}  // namespace

SCANNER_DEFINE_PLUGIN_ENTRY(other_descriptor)
