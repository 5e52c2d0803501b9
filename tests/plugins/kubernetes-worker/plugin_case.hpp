// Table-driven plugin tests: one fixture change, one check, the verdict and reason expected.
#ifndef SCANNER_TESTS_KUBERNETES_WORKER_PLUGIN_CASE_HPP
#define SCANNER_TESTS_KUBERNETES_WORKER_PLUGIN_CASE_HPP

#include <functional>
#include <string_view>
#include <vector>

#include "tests/plugins/kubernetes-worker/plugin_run.hpp"

namespace scanner::testing::kubernetes_worker {

struct plugin_case {
    std::string_view name;
    std::function<void(const fixture_root&)> setup;  // builds the whole root
    std::string_view id;                             // benchmark id of the check
    status expected;
    std::string_view reason;  // a part of the reason ("" for PASS: the reason must be empty)
};

/// Runs each case on a fresh root and checks the one outcome.
inline void run_cases(const std::vector<plugin_case>& cases) {
    for (const auto& c : cases) {
        CAPTURE(c.name);
        fixture_root root;
        c.setup(root);
        outcome o = run_check(root, std::string(c.id));
        CAPTURE(o.result.reason);
        CHECK(o.result.verdict == c.expected);
        if (c.expected == status::pass) {
            CHECK(o.result.reason.empty());
        } else {
            CHECK(reason_has(o, c.reason));
        }
    }
}

}  // namespace scanner::testing::kubernetes_worker

#endif
