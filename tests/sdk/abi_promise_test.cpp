// The ABI promise: same major and a minor not newer than the host's loads, everything else is
// refused with a message naming both versions; a plugin frozen at 1.0 keeps loading and running.
#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>

#include "core/registry.hpp"
#include "host/plugin_loader.hpp"
#include "tests/support/fixture_root.hpp"
#include "tests/support/plugin_harness.hpp"

using namespace scanner;

namespace {

int32_t init_nothing(const scanner_host_api*) { return 0; }

scanner_plugin_descriptor descriptor_of_abi(uint32_t major, uint32_t minor) {
    return {sizeof(scanner_plugin_descriptor),
            major,
            minor,
            "versioned",
            "Versioned checks",
            "1.0.0",
            "scanner tests",
            nullptr,
            &init_nothing,
            nullptr};
}

std::string version(uint32_t major, uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

const std::string fixture_dir = FIXTURE_PLUGINS_DIR;

}  // namespace

TEST_CASE("the version rule: same major, plugin minor not newer") {
    struct row {
        core::abi_version host;
        core::abi_version plugin;
        std::optional<std::string> refusal;
    };
    const row rows[] = {
        // The same version loads.
        {{1, 0}, {1, 0}, std::nullopt},
        // A plugin built against an older minor loads: the promise to 1.0 plugins.
        {{1, 3}, {1, 0}, std::nullopt},
        {{1, 3}, {1, 2}, std::nullopt},
        {{1, 3}, {1, 3}, std::nullopt},
        // A newer minor may use what this host lacks.
        {{1, 0},
         {1, 1},
         "plugin ABI 1.1 is newer than this scanner's ABI 1.0; upgrade the scanner"},
        {{1, 3},
         {1, 4},
         "plugin ABI 1.4 is newer than this scanner's ABI 1.3; upgrade the scanner"},
        // Another major is another ABI, older or newer.
        {{1, 3},
         {2, 0},
         "plugin ABI 2.0 has a different major version than this scanner's ABI 1.3"},
        {{2, 0},
         {1, 9},
         "plugin ABI 1.9 has a different major version than this scanner's ABI 2.0"},
        {{1, 0},
         {0, 9},
         "plugin ABI 0.9 has a different major version than this scanner's ABI 1.0"},
    };
    for (const auto& r : rows) {
        CAPTURE(version(r.host.major, r.host.minor));
        CAPTURE(version(r.plugin.major, r.plugin.minor));
        auto d = descriptor_of_abi(r.plugin.major, r.plugin.minor);
        CHECK(core::validate_descriptor(&d, r.host) == r.refusal);
    }
}

TEST_CASE("the compiled host version is the default") {
    auto d = descriptor_of_abi(SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR + 1);
    CHECK(core::validate_descriptor(&d) ==
          "plugin ABI " + version(SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR + 1) +
              " is newer than this scanner's ABI " +
              version(SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR) +
              "; upgrade the scanner");
}

TEST_CASE("a descriptor smaller than the 1.0 layout is refused before anything else is read") {
    CHECK(core::validate_descriptor(nullptr) == "entry function returned no descriptor");
    auto d = descriptor_of_abi(1, 0);
    // Not even the version fields.
    d.struct_size = 8;
    CHECK(core::validate_descriptor(&d) == "descriptor is too small (struct_size 8)");
    // The version, but not every 1.0 field.
    d.struct_size = offsetof(scanner_plugin_descriptor, init);
    CHECK(core::validate_descriptor(&d) == "descriptor is too small for ABI 1.0 (struct_size 56)");
}

TEST_CASE("descriptor_problems lists every problem, validate_descriptor the first") {
    auto d = descriptor_of_abi(1, 0);
    d.name = "";
    d.vendor = nullptr;
    d.init = nullptr;
    CHECK(core::descriptor_problems(&d, {1, 0}) ==
          std::vector<std::string>{"plugin name is missing", "plugin vendor is missing",
                                   "plugin init function is missing"});
    CHECK(core::validate_descriptor(&d, {1, 0}) == "plugin name is missing");
    // A newer minor is listed first, with the field problems after it.
    d.abi_minor = 1;
    CHECK(core::descriptor_problems(&d, {1, 0}).size() == 4);
}

TEST_CASE("a plugin frozen at ABI 1.0 loads, reports its version and runs its checks") {
    core::registry reg;
    auto reason = host::load_plugin(reg, fixture_dir + "/abi10/abi10.so", host::trust_policy{});
    REQUIRE_MESSAGE(!reason, *reason);
    CHECK(reg.plugins().back().abi_major == 1);
    CHECK(reg.plugins().back().abi_minor == 0);
    CHECK(reg.checks().size() == 2);

    testing::fixture_root good;
    good.write("/etc/abi10/value", "1.0", 0644);
    auto passed = testing::run_plugin(fixture_dir + "/abi10/abi10.so", good.path());
    CHECK(passed.at("abi10value").result.verdict == core::status::pass);
    CHECK(passed.at("abi10value").result.observations ==
          std::vector<core::evidence>{{"/etc/abi10/value", "1.0"}});
    CHECK(passed.at("abi10mode").result.verdict == core::status::pass);

    testing::fixture_root bad;
    bad.write("/etc/abi10/value", "1.1", 0666);
    auto failed = testing::run_plugin(fixture_dir + "/abi10/abi10.so", bad.path());
    CHECK(failed.at("abi10value").result.verdict == core::status::fail);
    CHECK(failed.at("abi10value").result.reason == "value is not 1.0 (/etc/abi10/value)");
    // The host filled the plugin's 1.0-sized stat: the mode bits arrived.
    CHECK(failed.at("abi10mode").result.verdict == core::status::fail);
    CHECK(failed.at("abi10mode").result.reason ==
          "/etc/abi10/value is writable by group or others");

    testing::fixture_root empty;
    auto errors = testing::run_plugin(fixture_dir + "/abi10/abi10.so", empty.path());
    CHECK(errors.at("abi10value").result.reason ==
          "cannot read /etc/abi10/value: No such file or directory");
}

TEST_CASE("a plugin claiming a newer minor is refused with the message that says so") {
    core::registry reg;
    auto reason =
        host::load_plugin(reg, fixture_dir + "/refused/abi_minor_newer.so", host::trust_policy{});
    CHECK(reason == "plugin ABI " +
                        version(SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR + 1) +
                        " is newer than this scanner's ABI " +
                        version(SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR) +
                        "; upgrade the scanner");
    CHECK(reg.plugins().empty());
}
