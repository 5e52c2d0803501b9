// Benchmark 4.1.x: file permissions and ownership, judged from what stat(2) returned.
#ifndef SCANNER_KUBERNETES_WORKER_PERMISSION_JUDGES_HPP
#define SCANNER_KUBERNETES_WORKER_PERMISSION_JUDGES_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logic/verdict.hpp"

namespace scanner::kubernetes_worker {

/// stat(2) of one file (symlinks followed, as the benchmark's `stat -c %a` does).
struct file_facts {
    std::string path;
    int error = 0;           // errno of stat, 0 on success
    std::string error_text;  // the system's text for `error`
    uint32_t mode = 0;       // st_mode
    uint32_t uid = 0;
    uint32_t gid = 0;
};

/// The permission bits the benchmark's "600 or more restrictive" forbids: u+x and all of
/// group and other.
inline constexpr uint32_t mask_600 = 0177;
/// "644 or more restrictive": u+x, g+wx, o+wx.
inline constexpr uint32_t mask_644 = 0133;

/// "0644": the permission bits as `stat -c %a` shows them, zero-padded to four digits.
std::string format_mode(uint32_t mode);

/// PASS when no bit of `forbidden` is set, FAIL naming the mode seen ("/x has mode 0644,
/// expected 0600 or stricter"), ERROR when the file could not be examined.
verdict judge_permissions(const file_facts& file, uint32_t forbidden);

/// PASS for uid 0 and gid 0, FAIL naming the owner seen, ERROR when not examined.
verdict judge_root_ownership(const file_facts& file);

/// One verdict for several files judged alike: ERROR if any is ERROR, else FAIL if any fails
/// (reasons joined), else PASS; evidence of all.
verdict combine(const std::vector<verdict>& verdicts);

}  // namespace scanner::kubernetes_worker

#endif
