#include "tests/support/fixture_root.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace scanner::testing {

namespace {

void throw_errno(const std::string& what, const std::filesystem::path& p) {
    throw std::system_error(errno, std::generic_category(), what + " " + p.string());
}

}  // namespace

fixture_root::fixture_root() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "scanner-fixture-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw_errno("cannot create", tmpl);
    path_ = tmpl;
    // mkdtemp makes 0700; roots of real images are 0755.
    std::filesystem::permissions(path_, std::filesystem::perms(0755));
}

fixture_root::~fixture_root() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::filesystem::path fixture_root::host_path(std::string_view target_path) const {
    std::filesystem::path relative(target_path);
    return path_ / relative.relative_path();
}

void fixture_root::write(std::string_view target_path, std::string_view content,
                         mode_t mode) const {
    auto p = host_path(target_path);
    std::filesystem::create_directories(p.parent_path());
    {
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out) throw_errno("cannot write", p);
    }
    chmod(target_path, mode);
}

void fixture_root::mkdir(std::string_view target_path, mode_t mode) const {
    auto p = host_path(target_path);
    std::filesystem::create_directories(p);
    chmod(target_path, mode);
}

void fixture_root::symlink(std::string_view target_path, std::string_view link_content) const {
    auto p = host_path(target_path);
    std::filesystem::create_directories(p.parent_path());
    if (::symlink(std::string(link_content).c_str(), p.c_str()) != 0) throw_errno("cannot link", p);
}

void fixture_root::mkfifo(std::string_view target_path) const {
    auto p = host_path(target_path);
    std::filesystem::create_directories(p.parent_path());
    if (::mkfifo(p.c_str(), 0644) != 0) throw_errno("cannot mkfifo", p);
}

void fixture_root::chown(std::string_view target_path, uid_t uid, gid_t gid) const {
    auto p = host_path(target_path);
    if (::lchown(p.c_str(), uid, gid) != 0) throw_errno("cannot chown", p);
}

void fixture_root::chmod(std::string_view target_path, mode_t mode) const {
    auto p = host_path(target_path);
    if (::chmod(p.c_str(), mode) != 0) throw_errno("cannot chmod", p);
}

}  // namespace scanner::testing
