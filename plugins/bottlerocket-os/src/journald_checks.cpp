// 4.1.1.1 journald's Storage= setting and 4.1.2 the permissions of journal files.
#include <cerrno>
#include <string>
#include <vector>

#include "checks.hpp"
#include "logic/journal_permissions.hpp"
#include "logic/journald_storage.hpp"
#include "target_io.hpp"

namespace bottlerocket_os {

namespace {

// The target's tree through the host's view; never follows a symlink below the root.
class context_tree final : public tree_view {
  public:
    explicit context_tree(const context& ctx) : ctx_(ctx) {}

    int list(const std::string& path, std::vector<entry>& out) const override {
        auto listed = ctx_.list_dir(path);
        if (!listed) return listed.error;
        out.reserve(listed.value.size());
        for (const auto& e : listed.value) out.push_back({std::string(e.name), e.type});
        return 0;
    }

    int lstat_mode(const std::string& path, uint32_t& mode) const override {
        auto st = ctx_.lstat(path);
        if (st) mode = st.value.mode;
        return st.error;
    }

  private:
    const context& ctx_;
};

}  // namespace

void run_journald_storage(const context& ctx) {
    std::vector<config_text> files{read_config(ctx, journald_main_config)};
    auto dropins = read_conf_dirs(ctx, journald_dropin_dirs, ".conf");
    for (auto& file : dropins.applied) files.push_back(std::move(file));
    // A drop-in directory that cannot be listed may hold the file that applies last.
    for (auto& dir : dropins.unlistable) files.push_back(std::move(dir));

    findings out;
    judge_journald_storage(resolve_journald_storage(files), out);
    report(ctx, out.decide());
}

void run_journal_permissions(const context& ctx) {
    context_tree tree(ctx);
    findings out;
    judge_journal_permissions(scan_journal(tree, std::string(journal_dir)), journal_dir, out);
    report(ctx, out.decide());
}

}  // namespace bottlerocket_os
