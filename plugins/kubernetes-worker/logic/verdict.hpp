// What a check concludes from the facts it was given: the status, the reason a person acts
// on, and the evidence (where each fact was observed).
#ifndef SCANNER_KUBERNETES_WORKER_VERDICT_HPP
#define SCANNER_KUBERNETES_WORKER_VERDICT_HPP

#include <scanner/plugin.hpp>

#include <string>
#include <utility>
#include <vector>

namespace scanner::kubernetes_worker {

/// One observation: where (a path, "path:line", a command line) and what was seen there.
struct evidence_entry {
    std::string source;
    std::string observed;

    friend bool operator==(const evidence_entry&, const evidence_entry&) = default;
};

struct verdict {
    sdk::status status = sdk::status::error;
    std::string reason;  // empty only for PASS
    std::vector<evidence_entry> evidence;

    static verdict pass(std::vector<evidence_entry> evidence = {}, std::string reason = {}) {
        return {sdk::status::pass, std::move(reason), std::move(evidence)};
    }
    static verdict fail(std::string reason, std::vector<evidence_entry> evidence = {}) {
        return {sdk::status::fail, std::move(reason), std::move(evidence)};
    }
    static verdict skip(std::string reason, std::vector<evidence_entry> evidence = {}) {
        return {sdk::status::skip, std::move(reason), std::move(evidence)};
    }
    static verdict error(std::string reason, std::vector<evidence_entry> evidence = {}) {
        return {sdk::status::error, std::move(reason), std::move(evidence)};
    }
};

}  // namespace scanner::kubernetes_worker

#endif
