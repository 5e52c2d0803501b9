#include "logic/permission_judges.hpp"

#include <cstdio>

namespace scanner::kubernetes_worker {

namespace {

evidence_entry evidence_of(const file_facts& file) {
    return {file.path, "mode " + format_mode(file.mode) + ", owner " + std::to_string(file.uid) +
                           ":" + std::to_string(file.gid)};
}

verdict unexamined(const file_facts& file) {
    return verdict::error("cannot stat " + file.path + ": " + file.error_text);
}

}  // namespace

std::string format_mode(uint32_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 07777);
    return text;
}

verdict judge_permissions(const file_facts& file, uint32_t forbidden) {
    if (file.error != 0) return unexamined(file);
    if ((file.mode & forbidden) == 0) return verdict::pass({evidence_of(file)});
    uint32_t most_permissive = 0777 & ~forbidden;
    return verdict::fail(file.path + " has mode " + format_mode(file.mode) + ", expected " +
                             format_mode(most_permissive) + " or stricter",
                         {evidence_of(file)});
}

verdict judge_root_ownership(const file_facts& file) {
    if (file.error != 0) return unexamined(file);
    if (file.uid == 0 && file.gid == 0) return verdict::pass({evidence_of(file)});
    return verdict::fail(file.path + " is owned by " + std::to_string(file.uid) + ":" +
                             std::to_string(file.gid) + ", expected root:root (0:0)",
                         {evidence_of(file)});
}

verdict combine(const std::vector<verdict>& verdicts) {
    verdict out = verdict::pass();
    std::string errors;
    std::string failures;
    for (const auto& v : verdicts) {
        out.evidence.insert(out.evidence.end(), v.evidence.begin(), v.evidence.end());
        if (v.status == sdk::status::error) errors += (errors.empty() ? "" : "; ") + v.reason;
        if (v.status == sdk::status::fail) failures += (failures.empty() ? "" : "; ") + v.reason;
    }
    if (!errors.empty()) {
        out.status = sdk::status::error;
        out.reason = errors;
    } else if (!failures.empty()) {
        out.status = sdk::status::fail;
        out.reason = failures;
    }
    return out;
}

}  // namespace scanner::kubernetes_worker
