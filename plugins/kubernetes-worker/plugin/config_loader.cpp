#include "plugin/config_loader.hpp"

#include <sys/stat.h>
#include <algorithm>
#include <deque>
#include <optional>

namespace scanner::kubernetes_worker {

namespace {

struct cached_parse {
    std::string text;
    parse_result<kubelet_config_file> result;
};

// Checks run one at a time in a plugin (never concurrently), so a plain cache is safe. It is
// keyed by the whole content, so it can never hand one target's file to another.
std::deque<cached_parse>& parse_cache() {
    static std::deque<cached_parse> cache;
    return cache;
}

constexpr size_t cache_entries = 4;
constexpr int max_drop_in_depth = 8;

parse_result<kubelet_config_file> parse_cached(std::string_view text) {
    auto& cache = parse_cache();
    for (const auto& entry : cache) {
        if (entry.text == text) return entry.result;
    }
    auto result = parse_kubelet_config(text);
    cache.push_front({std::string(text), result});
    if (cache.size() > cache_entries) cache.pop_back();
    return result;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::optional<parse_error> walk(const sdk::context& ctx, const std::string& directory, int depth,
                                std::vector<std::string>& out) {
    auto entries = ctx.list_dir(directory);
    if (!entries) {
        return parse_error{0,
                           "cannot list the --config-dir " + directory + ": " + entries.message()};
    }
    std::vector<std::pair<std::string, uint32_t>> sorted;
    for (const auto& e : entries.value) sorted.emplace_back(std::string(e.name), e.type);
    std::sort(sorted.begin(), sorted.end());

    for (const auto& [name, type] : sorted) {
        std::string path = directory + "/" + name;
        if (type == S_IFDIR) {
            if (depth >= max_drop_in_depth) continue;
            if (auto error = walk(ctx, path, depth + 1, out)) return error;
        } else if (ends_with(name, ".conf")) {
            out.push_back(path);
        }
    }
    return std::nullopt;
}

}  // namespace

parse_result<located_config> load_kubelet_config(const sdk::context& ctx, const std::string& path) {
    auto text = ctx.read_file(path);
    if (!text) return parse_error{0, "cannot read " + path + ": " + text.message()};
    auto parsed = parse_cached(text.value);
    if (!parsed) {
        const auto& e = parsed.error();
        std::string where = e.line > 0 ? path + " line " + std::to_string(e.line) : path;
        return parse_error{e.line, where + ": " + e.message};
    }
    return located_config{path, parsed.value()};
}

parse_result<std::vector<std::string>> list_config_drop_ins(const sdk::context& ctx,
                                                            const std::string& directory) {
    std::vector<std::string> files;
    if (auto error = walk(ctx, directory, 0, files)) return *error;
    return files;
}

}  // namespace scanner::kubernetes_worker
