// Selecting checks by plugin, level, --check and --skip, on the fixture plugins.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/selection.hpp"
#include "host/plugin_loader.hpp"

using namespace scanner;

namespace {

struct loaded {
    core::registry reg;
    loaded() {
        for (const char* name : {"demo.so", "other.so"}) {
            auto reason = host::load_plugin(reg, std::string(FIXTURE_PLUGIN_DIR) + "/" + name,
                                            host::trust_policy{});
            REQUIRE_MESSAGE(!reason, *reason);
        }
    }
};

std::vector<std::string> names(const core::registry& reg, const core::selection_options& o) {
    auto s = core::select_checks(reg, o);
    REQUIRE(std::holds_alternative<std::vector<core::selected_check>>(s));
    std::vector<std::string> out;
    for (const auto& c : std::get<std::vector<core::selected_check>>(s)) {
        out.push_back(c.check->info.name + (c.skipped_by_user ? "(skip)" : ""));
    }
    return out;
}

std::string error_of(const core::registry& reg, const core::selection_options& o) {
    auto s = core::select_checks(reg, o);
    REQUIRE(std::holds_alternative<std::string>(s));
    return std::get<std::string>(s);
}

}  // namespace

TEST_CASE("levels are cumulative") {
    loaded l;
    core::selection_options o;
    o.level = 1;
    CHECK(names(l.reg, o) ==
          std::vector<std::string>{"demo0101", "demo0102", "demo0103", "demo0110", "other01"});
    o.level = 2;
    CHECK(names(l.reg, o).size() == 8);
}

TEST_CASE("plugins are chosen by id or alias") {
    loaded l;
    core::selection_options o;
    o.plugins = {"dm"};
    CHECK(names(l.reg, o).size() == 4);
    o.plugins = {"other"};
    CHECK(names(l.reg, o) == std::vector<std::string>{"other01"});
    o.plugins = {"nope"};
    CHECK(error_of(l.reg, o).find("unknown plugin 'nope'") == 0);
}

TEST_CASE("--check picks checks by name or id at any level; --skip reports them skipped") {
    loaded l;
    core::selection_options o;
    o.checks = {"2.1", "other01"};
    CHECK(names(l.reg, o) == std::vector<std::string>{"demo0201", "other01"});
    o.checks.clear();
    o.skips = {"demo0101"};
    CHECK(names(l.reg, o).front() == "demo0101(skip)");
    o.skips = {"9.9.9"};
    CHECK(error_of(l.reg, o).find("unknown check '9.9.9'") == 0);
    o.skips.clear();
    o.level = 3;
    CHECK(error_of(l.reg, o).find("level 3 is invalid") == 0);
}
