#define BOOST_DLL_USE_STD_FS 1
#include "host/plugin_loader.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <boost/dll/shared_library.hpp>

#include <cerrno>
#include <memory>

#include "core/io_result.hpp"

namespace scanner::host {

namespace {

// A loaded library and the descriptor it was loaded through. The descriptor stays open while
// the library is loaded: it names the library ("/proc/self/fd/N") and keeps N unique.
struct plugin_library {
    int fd = -1;
    boost::dll::shared_library library;

    ~plugin_library() {
        library.unload();
        if (fd >= 0) ::close(fd);
    }
};

// Appends what makes `st` unsafe to load code from: an owner other than root or the scanning
// user, or write access for group or others.
void add_trust_problems(const struct stat& st, const char* what,
                        std::vector<std::string>& problems) {
    if (st.st_uid != 0 && st.st_uid != ::geteuid()) {
        problems.push_back(std::string(what) + " is owned by uid " + std::to_string(st.st_uid) +
                           ", not by root or the scanning user");
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        problems.push_back(std::string(what) + " is writable by group or others (mode " + mode +
                           "); run chmod go-w on it");
    }
}

}  // namespace

std::variant<opened_plugin, std::string> open_plugin(const std::filesystem::path& file,
                                                     const trust_policy& policy) {
    auto directory = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) return "cannot open its directory: " + core::errno_message(errno);
    int fd = ::openat(dir_fd, file.filename().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    int open_error = errno;
    struct stat dir_st {};
    int dir_stat_rc = ::fstat(dir_fd, &dir_st);
    ::close(dir_fd);
    if (fd < 0) {
        if (open_error == ELOOP) return std::string("is a symlink; copy the file itself there");
        return "cannot open: " + core::errno_message(open_error);
    }
    auto lib = std::make_shared<plugin_library>();
    lib->fd = fd;

    struct stat st {};
    if (::fstat(fd, &st) != 0 || dir_stat_rc != 0)
        return "cannot stat: " + core::errno_message(errno);
    if (!S_ISREG(st.st_mode)) return std::string("is not a regular file");
    opened_plugin opened;
    add_trust_problems(st, "the file", opened.trust_problems);
    add_trust_problems(dir_st, "its directory", opened.trust_problems);
    if (policy.check_ownership && !opened.trust_problems.empty()) {
        return opened.trust_problems.front();
    }

    std::string fd_path = "/proc/self/fd/" + std::to_string(fd);
    boost::dll::fs::error_code ec;
    lib->library.load(fd_path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local,
                      ec);
    if (ec) {
        const char* reason = ::dlerror();
        return "cannot load: " + (reason != nullptr ? std::string(reason) : ec.message());
    }
    if (!lib->library.has(SCANNER_PLUGIN_ENTRY_V1_NAME)) {
        return std::string("is not a scanner plugin: it exports no ") +
               SCANNER_PLUGIN_ENTRY_V1_NAME;
    }
    auto& entry = lib->library.get<const scanner_plugin_descriptor*(uint32_t, uint32_t)>(
        SCANNER_PLUGIN_ENTRY_V1_NAME);
    opened.descriptor = entry(SCANNER_ABI_VERSION_MAJOR, SCANNER_ABI_VERSION_MINOR);
    opened.library = std::move(lib);
    return opened;
}

std::optional<std::string> load_plugin(core::registry& reg, const std::filesystem::path& file,
                                       const trust_policy& policy) {
    auto opened = open_plugin(file, policy);
    if (auto* reason = std::get_if<std::string>(&opened)) return std::move(*reason);
    auto& plugin = std::get<opened_plugin>(opened);
    return reg.add(plugin.descriptor, file.string(), std::move(plugin.library));
}

std::vector<core::plugin_failure> load_plugins(core::registry& reg,
                                               const std::vector<std::filesystem::path>& files,
                                               const trust_policy& policy) {
    std::vector<core::plugin_failure> failures;
    for (const auto& file : files) {
        if (auto reason = load_plugin(reg, file, policy)) {
            spdlog::warn("cannot load plugin {}: {}", file.string(), *reason);
            failures.push_back({file.string(), *reason});
            continue;
        }
        const auto& p = reg.plugins().back();
        spdlog::info("loaded plugin {} {} ({} checks) from {}", p.id, p.version, p.check_count,
                     p.file);
    }
    return failures;
}

}  // namespace scanner::host
