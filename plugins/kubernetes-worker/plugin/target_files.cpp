#include "plugin/target_files.hpp"

#include "logic/os_release.hpp"

namespace scanner::kubernetes_worker {

file_facts stat_file(const sdk::context& ctx, const std::string& path) {
    file_facts facts;
    facts.path = path;
    auto st = ctx.stat(path);
    if (!st) {
        facts.error = st.error;
        facts.error_text = st.message();
        return facts;
    }
    facts.mode = st.value.mode;
    facts.uid = st.value.uid;
    facts.gid = st.value.gid;
    return facts;
}

bool is_bottlerocket(const sdk::context& ctx) {
    for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
        auto text = ctx.read_file(path, 64 * 1024);
        if (text) return os_release_id(text.value) == "bottlerocket";
    }
    return false;
}

std::string absolute_path(const std::string& path) {
    if (path.empty() || path.front() == '/') return path;
    return "/" + path;
}

}  // namespace scanner::kubernetes_worker
