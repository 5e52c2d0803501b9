// The installed SDK as a vendor meets it: the example packs, built out of tree against the
// installed package (by the sdk_example_* tests, and here by hand with pkg-config), dropped into
// the installed plugin directory and run by the installed scanner against fixture roots.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/command.hpp"
#include "tests/support/fixture_root.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using scanner::testing::fixture_root;

namespace {

const fs::path prefix = SDK_PREFIX;
const fs::path scratch = SDK_SCRATCH;
const fs::path plugin_dir = prefix / "lib" / "scanner" / "plugins";

scanner::core::command_output run(std::vector<std::string> argv,
                                  std::vector<std::string> env = {}) {
    env.push_back("PATH=/usr/bin:/bin");
    scanner::core::command_limits limits;
    limits.timeout = std::chrono::seconds(120);
    auto r = scanner::core::run_command(argv, env, limits);
    REQUIRE_MESSAGE(r, "cannot run " << argv.front());
    return r.value;
}

// Puts a pack where the installed scanner looks for packs, as a vendor's installer would.
void install_pack(const fs::path& built) {
    REQUIRE_MESSAGE(fs::exists(built), built << " was not built; run the sdk_example_* tests");
    fs::copy_file(built, plugin_dir / built.filename(), fs::copy_options::overwrite_existing);
}

struct scan {
    int exit_status = 0;
    json report;
};

scan scan_root(const fs::path& scanner_exe, const fixture_root& root, const std::string& plugins) {
    auto r = run({scanner_exe.string(), "--root", root.path().string(), "--format", "json",
                  "--plugins", plugins});
    INFO("stderr: " << r.err);
    return {r.exit_status, json::parse(r.out)};
}

// The benchmark block of `report` with this name; fails the test when there is none.
const json& benchmark(const json& report, const std::string& name) {
    for (const auto& b : report.at("benchmarks")) {
        if (b.at("name") == name) return b;
    }
    FAIL("no benchmark named " << name << " in " << report.dump());
    throw std::logic_error("unreachable");
}

std::string status_of(const json& b, const std::string& check) {
    return b.at("results").at(check).at("status").get<std::string>();
}

void write_hardened(const fixture_root& root) {
    root.write("/etc/ssh/sshd_config", "PermitRootLogin no\nPasswordAuthentication no\n", 0600);
    root.chown("/etc/ssh/sshd_config", 0, 0);
}

void write_permissive(const fixture_root& root) {
    root.write("/etc/ssh/sshd_config",
               "# vendor defaults\nPermitRootLogin yes\nMatch User deploy\n"
               "    PasswordAuthentication no\n",
               0644);
    root.chown("/etc/ssh/sshd_config", 1000, 1000);
}

}  // namespace

TEST_CASE("the C pack: Example Corp's checks under its own benchmark, PASS and FAIL") {
    install_pack(scratch / "sshd-c" / "example-sshd-c.so");
    const fs::path exe = prefix / "bin" / "scanner";

    fixture_root hardened;
    write_hardened(hardened);
    auto pass = scan_root(exe, hardened, "example-sshd-c");
    CHECK(pass.exit_status == 0);
    REQUIRE(pass.report.at("benchmarks").size() == 1);
    const json& b = benchmark(pass.report, "Example Corp SSH Baseline");
    CHECK(b.at("version") == "v1.0.0");
    CHECK(b.at("status") == "PASS");
    for (const char* check : {"ec-ssh-root-login", "ec-ssh-password-auth", "ec-ssh-config-perms"}) {
        CAPTURE(check);
        CHECK(status_of(b, check) == "PASS");
        CHECK(b.at("results").at(check).at("plugin").at("id") == "example-sshd-c");
    }

    fixture_root permissive;
    write_permissive(permissive);
    auto fail = scan_root(exe, permissive, "example-sshd-c");
    CHECK(fail.exit_status == 1);
    const json& f = benchmark(fail.report, "Example Corp SSH Baseline");
    CHECK(f.at("status") == "FAIL");
    CHECK(f.at("failed") == 3);
    CHECK(f.at("results").at("ec-ssh-root-login").at("reason") ==
          "PermitRootLogin is yes (/etc/ssh/sshd_config line 2), expected no");
    CHECK(f.at("results").at("ec-ssh-password-auth").at("reason") ==
          "PasswordAuthentication is not set in /etc/ssh/sshd_config, so sshd uses its default "
          "yes; expected no");
    CHECK(f.at("results").at("ec-ssh-config-perms").at("reason") ==
          "/etc/ssh/sshd_config has mode 0644, expected 0600 or stricter; owner 1000:1000, "
          "expected root:root (0:0)");
}

TEST_CASE("the C++ pack: Example Labs' checks under its own benchmark, PASS and FAIL") {
    install_pack(scratch / "sshd-cpp" / "example-sshd-cpp.so");
    const fs::path exe = prefix / "bin" / "scanner";

    fixture_root hardened;
    write_hardened(hardened);
    auto pass = scan_root(exe, hardened, "example-sshd-cpp");
    CHECK(pass.exit_status == 0);
    const json& b = benchmark(pass.report, "Example Labs OpenSSH Hardening Guide");
    CHECK(b.at("status") == "PASS");
    CHECK(b.at("passed") == 3);

    fixture_root permissive;
    write_permissive(permissive);
    auto fail = scan_root(exe, permissive, "example-sshd-cpp");
    CHECK(fail.exit_status == 1);
    const json& f = benchmark(fail.report, "Example Labs OpenSSH Hardening Guide");
    CHECK(status_of(f, "el-ssh-root-login") == "FAIL");
    CHECK(status_of(f, "el-ssh-password-auth") == "FAIL");
    CHECK(status_of(f, "el-ssh-config-perms") == "FAIL");
    CHECK(f.at("results")
              .at("el-ssh-root-login")
              .at("remediation")
              .get<std::string>()
              .find("PermitRootLogin no") != std::string::npos);
}

TEST_CASE("both vendors' packs side by side, beside the built-in ones") {
    install_pack(scratch / "sshd-c" / "example-sshd-c.so");
    install_pack(scratch / "sshd-cpp" / "example-sshd-cpp.so");
    const fs::path exe = prefix / "bin" / "scanner";

    auto listed = run({exe.string(), "plugins"});
    CHECK(listed.exit_status == 0);
    CHECK(listed.out.find("example-sshd-c ") != std::string::npos);
    CHECK(listed.out.find("example-sshd-cpp ") != std::string::npos);

    fixture_root hardened;
    write_hardened(hardened);
    auto both = scan_root(exe, hardened, "example-sshd-c,example-sshd-cpp");
    CHECK(both.exit_status == 0);
    CHECK(both.report.at("benchmarks").size() == 2);
    CHECK(benchmark(both.report, "Example Corp SSH Baseline").at("passed") == 3);
    CHECK(benchmark(both.report, "Example Labs OpenSSH Hardening Guide").at("passed") == 3);

    for (const char* pack : {"example-sshd-c.so", "example-sshd-cpp.so"}) {
        auto verified = run({exe.string(), "plugins", "--verify", (plugin_dir / pack).string()});
        CHECK_MESSAGE(verified.exit_status == 0, verified.out);
    }
}

TEST_CASE("the C pack builds with pkg-config and a plain compiler command line") {
    auto flags = run({PKG_CONFIG, "--cflags", "--libs", "scanner-plugin"},
                     {"PKG_CONFIG_PATH=" + (prefix / "share" / "pkgconfig").string()});
    REQUIRE_MESSAGE(flags.exit_status == 0, flags.err);

    fs::path out_dir = scratch / "pkg-config";
    fs::create_directories(out_dir);
    fs::path pack = out_dir / "example-sshd-c.so";
    std::vector<std::string> cc{C_COMPILER, "-std=c11", "-o", pack.string()};
    std::istringstream words(std::string(EXAMPLE_C_FLAGS) + " " + flags.out);
    for (std::string word; words >> word;) cc.push_back(word);
    cc.push_back(EXAMPLES_DIR "/sshd-c/src/sshd_checks.c");
    cc.push_back(EXAMPLES_DIR "/sshd-c/src/sshd_config.c");
    auto built = run(cc);
    REQUIRE_MESSAGE(built.exit_status == 0, built.err);

    // The version script left the entry function as the only exported symbol.
    auto symbols = run({NM, "--dynamic", "--defined-only", pack.string()});
    CHECK(symbols.out.find("scanner_plugin_entry_v1") != std::string::npos);
    CHECK(std::count(symbols.out.begin(), symbols.out.end(), '\n') == 1);

    // A prefix of its own, so that it is not the CMake-built pack of the same id.
    fixture_root own_prefix;
    own_prefix.mkdir("/bin");
    own_prefix.mkdir("/lib/scanner/plugins");
    fs::copy_file(prefix / "bin" / "scanner", own_prefix.host_path("/bin/scanner"));
    fs::copy_file(pack, own_prefix.host_path("/lib/scanner/plugins/example-sshd-c.so"));
    fixture_root permissive;
    write_permissive(permissive);
    auto fail = scan_root(own_prefix.host_path("/bin/scanner"), permissive, "example-sshd-c");
    CHECK(fail.exit_status == 1);
    CHECK(status_of(benchmark(fail.report, "Example Corp SSH Baseline"), "ec-ssh-root-login") ==
          "FAIL");
}
