#include "logic/journal_permissions.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <map>

#include "logic/file_mode.hpp"

using namespace bottlerocket_os;

namespace {

// An in-memory tree: path -> mode; a directory's entries are the paths one level below it.
class fake_tree final : public tree_view {
  public:
    std::map<std::string, uint32_t> nodes;
    std::map<std::string, int> list_errors;

    int list(const std::string& path, std::vector<entry>& out) const override {
        if (auto e = list_errors.find(path); e != list_errors.end()) return e->second;
        auto node = nodes.find(path);
        if (node == nodes.end()) return ENOENT;
        if (!file_mode::is(node->second, file_mode::directory)) return ENOTDIR;
        for (const auto& [p, mode] : nodes) {
            if (p.size() <= path.size() + 1 || p.compare(0, path.size() + 1, path + "/") != 0) {
                continue;
            }
            auto rest = p.substr(path.size() + 1);
            if (rest.find('/') != std::string::npos) continue;
            out.push_back({rest, mode & file_mode::type_mask});
        }
        return 0;
    }

    int lstat_mode(const std::string& path, uint32_t& mode) const override {
        auto node = nodes.find(path);
        if (node == nodes.end()) return ENOENT;
        mode = node->second;
        return 0;
    }
};

constexpr uint32_t dir = file_mode::directory | 0755;
constexpr uint32_t file_0640 = file_mode::regular | 0640;
constexpr uint32_t file_0644 = file_mode::regular | 0644;
constexpr uint32_t link = file_mode::symlink | 0777;

verdict judge(const fake_tree& tree) {
    findings out;
    judge_journal_permissions(scan_journal(tree, "/var/log/journal"), "/var/log/journal", out);
    return out.decide();
}

}  // namespace

TEST_CASE("scan_journal and judge_journal_permissions") {
    SUBCASE("compliant journal") {
        fake_tree t;
        t.nodes = {{"/var/log/journal", dir},
                   {"/var/log/journal/m", dir},
                   {"/var/log/journal/m/system.journal", file_0640}};
        auto v = judge(t);
        CHECK(v.state == status::pass);
    }
    SUBCASE("a file readable by other") {
        fake_tree t;
        t.nodes = {{"/var/log/journal", dir},
                   {"/var/log/journal/m", dir},
                   {"/var/log/journal/m/a.journal", file_0640},
                   {"/var/log/journal/m/b.journal", file_0644}};
        auto v = judge(t);
        CHECK(v.state == status::fail);
        CHECK(v.reason ==
              "file \"/var/log/journal/m/b.journal\" (0644) has permissions for 'other'");
    }
    SUBCASE("several offenders are counted, the first in name order named") {
        fake_tree t;
        t.nodes = {{"/var/log/journal", dir}};
        for (int i = 0; i < 9; ++i) {
            t.nodes["/var/log/journal/f" + std::to_string(i)] = file_0644;
        }
        auto v = judge(t);
        CHECK(v.state == status::fail);
        CHECK(v.reason.find("\"/var/log/journal/f0\"") == 5);
        CHECK(v.reason.find("and 8 more") != std::string::npos);
    }
    SUBCASE("symlinks are not followed nor examined") {
        fake_tree t;
        t.nodes = {{"/var/log/journal", dir},
                   {"/var/log/journal/link", link},
                   {"/var/log/journal/loop", link}};
        CHECK(judge(t).state == status::pass);
    }
    SUBCASE("missing journal directory passes with a note") {
        fake_tree t;
        auto v = judge(t);
        CHECK(v.state == status::pass);
        CHECK(v.notes.size() == 1);
    }
    SUBCASE("an unlistable subdirectory is an error") {
        fake_tree t;
        t.nodes = {{"/var/log/journal", dir}, {"/var/log/journal/m", dir}};
        t.list_errors["/var/log/journal/m"] = EACCES;
        auto v = judge(t);
        CHECK(v.state == status::error);
        CHECK(v.reason.find("/var/log/journal/m") != std::string::npos);
    }
    SUBCASE("the root itself a regular file is examined") {
        fake_tree t;
        t.nodes = {{"/var/log/journal", file_0644}};
        CHECK(judge(t).state == status::fail);
    }
}
