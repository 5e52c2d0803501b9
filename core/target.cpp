#include "core/target.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace scanner::core {

namespace {

// Closes a descriptor on every path out of a function.
struct fd_guard {
    int fd;
    ~fd_guard() {
        if (fd >= 0) ::close(fd);
    }
};

bool is_absolute(std::string_view path) { return !path.empty() && path.front() == '/'; }

bool valid_sysctl_name(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.back() == '.') return false;
    if (name.find("..") != std::string_view::npos) return false;
    for (char c : name) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

io_result<std::shared_ptr<const target>> target::open(const std::string& root) {
    using result = io_result<std::shared_ptr<const target>>;
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(root, ec);
    std::string normalized = ec ? root : canonical.string();
    int fd = ::open(normalized.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return result::failure(errno);
    bool live = normalized == "/";
    return result::success(std::shared_ptr<const target>(new target(fd, normalized, live)));
}

target::target(int root_fd, std::string root, bool live)
    : root_fd_(root_fd), root_(std::move(root)), live_(live) {}

target::~target() { ::close(root_fd_); }

io_result<int> target::open_in_root(std::string_view path, int flags) const {
    if (!is_absolute(path) || path.find('\0') != std::string_view::npos) {
        return io_result<int>::failure(EINVAL);
    }
    std::string relative(path);
    open_how how{};
    // openat2 refuses O_PATH combined with anything but O_DIRECTORY, O_NOFOLLOW and O_CLOEXEC.
    if ((flags & O_PATH) == 0) flags |= O_NOCTTY;
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    // Every component, absolute symlinks and ".." included, resolves inside the root: an image
    // cannot point the scanner at the host's own files.
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    long fd = ::syscall(SYS_openat2, root_fd_, relative.c_str(), &how, sizeof how);
    if (fd < 0 && errno == ENOSYS && live_) {
        // Kernels before 5.6 lack openat2; on the live host there is no root to escape from.
        fd = ::openat(root_fd_, relative.c_str(), flags | O_CLOEXEC);
    }
    if (fd < 0) return io_result<int>::failure(errno);
    return io_result<int>::success(static_cast<int>(fd));
}

io_result<std::string> target::read_file(std::string_view path, uint64_t max_bytes) const {
    using result = io_result<std::string>;
    auto handle = open_in_root(path, O_PATH);
    if (!handle) return result::failure(handle.error);
    fd_guard path_fd{handle.value};

    struct ::stat st {};
    if (::fstat(path_fd.fd, &st) != 0) return result::failure(errno);
    if (S_ISDIR(st.st_mode)) return result::failure(EISDIR);
    if (!S_ISREG(st.st_mode)) return result::failure(EINVAL);
    if (static_cast<uint64_t>(st.st_size) > max_bytes) return result::failure(EFBIG);

    // Reopen the very inode that was checked; it is a regular file, so this cannot block.
    std::string proc_path = "/proc/self/fd/" + std::to_string(path_fd.fd);
    fd_guard file{::open(proc_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
    if (file.fd < 0) return result::failure(errno);

    std::string content;
    content.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(file.fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            return result::failure(errno);
        }
        if (n == 0) break;
        // /proc and /sys report size 0, so the cap is enforced while reading too.
        if (content.size() + static_cast<uint64_t>(n) > max_bytes) return result::failure(EFBIG);
        content.append(buffer, static_cast<std::size_t>(n));
    }
    return result::success(std::move(content));
}

io_result<struct ::stat> target::stat(std::string_view path, bool follow) const {
    using result = io_result<struct ::stat>;
    auto handle = open_in_root(path, O_PATH | (follow ? 0 : O_NOFOLLOW));
    if (!handle) return result::failure(handle.error);
    fd_guard fd{handle.value};
    struct ::stat st {};
    if (::fstat(fd.fd, &st) != 0) return result::failure(errno);
    return result::success(st);
}

io_result<std::vector<dir_entry>> target::list_dir(std::string_view path,
                                                   uint64_t max_entries) const {
    using result = io_result<std::vector<dir_entry>>;
    auto handle = open_in_root(path, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
    if (!handle) return result::failure(handle.error);
    DIR* dir = ::fdopendir(handle.value);
    if (dir == nullptr) {
        int code = errno;
        ::close(handle.value);
        return result::failure(code);
    }

    std::vector<dir_entry> entries;
    int code = 0;
    for (;;) {
        errno = 0;
        dirent* entry = ::readdir(dir);
        if (entry == nullptr) {
            code = errno;
            break;
        }
        std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        if (entries.size() >= max_entries) {
            code = E2BIG;
            break;
        }
        uint32_t type = DTTOIF(entry->d_type);
        if (entry->d_type == DT_UNKNOWN) {
            struct ::stat st {};
            if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
                type = st.st_mode & S_IFMT;
            }
        }
        entries.push_back({std::string(name), type});
    }
    ::closedir(dir);
    if (code != 0) return result::failure(code);
    return result::success(std::move(entries));
}

io_result<std::string> target::read_sysctl(std::string_view name) const {
    if (!valid_sysctl_name(name)) return io_result<std::string>::failure(EINVAL);
    std::string path = "/proc/sys/" + std::string(name);
    std::replace(path.begin() + 10, path.end(), '.', '/');
    auto value = read_file(path, 1u << 20);
    if (value && !value.value.empty() && value.value.back() == '\n') value.value.pop_back();
    return value;
}

io_result<std::string> target::loaded_modules() const {
    auto content = read_file("/proc/modules");
    if (!content) return content;
    std::string names;
    std::size_t start = 0;
    const std::string& text = content.value;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::size_t space = text.find(' ', start);
        std::size_t name_end = std::min(space, end);
        if (name_end > start) {
            names.append(text, start, name_end - start);
            names.push_back('\n');
        }
        start = end + 1;
    }
    return io_result<std::string>::success(std::move(names));
}

io_result<command_output> target::run_command(const std::vector<std::string>& argv,
                                              std::chrono::milliseconds timeout) const {
    if (!live_) return io_result<command_output>::failure(ENOTSUP);
    static const std::vector<std::string> env{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"};
    command_limits limits;
    limits.timeout = timeout;
    return core::run_command(argv, env, limits);
}

}  // namespace scanner::core
