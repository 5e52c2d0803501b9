#include "host/report_output.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "core/io_result.hpp"

namespace scanner::host {

namespace {

std::optional<std::string> write_all(int fd, const std::string& content) {
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return core::errno_message(errno);
        }
        done += static_cast<std::size_t>(n);
    }
    return std::nullopt;
}

}  // namespace

std::variant<std::unique_ptr<report_output>, std::string> report_output::open(
    const std::string& path) {
    if (path.empty()) return std::unique_ptr<report_output>(new report_output("", "", 1));
    std::string temp = path + ".tmp-XXXXXX";
    int fd = ::mkstemp(temp.data());
    if (fd < 0) return "cannot write report to " + path + ": " + core::errno_message(errno);
    ::fchmod(fd, 0644);
    return std::unique_ptr<report_output>(new report_output(path, temp, fd));
}

report_output::report_output(std::string path, std::string temp_path, int fd)
    : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd) {}

report_output::~report_output() {
    if (temp_path_.empty()) return;
    ::close(fd_);
    ::unlink(temp_path_.c_str());
}

std::optional<std::string> report_output::commit(const std::string& content) {
    if (auto problem = write_all(fd_, content)) return "cannot write report: " + *problem;
    if (temp_path_.empty()) return std::nullopt;
    if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
        fd_ = -1;
        return "cannot write report to " + path_ + ": " + core::errno_message(errno);
    }
    fd_ = -1;
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        return "cannot write report to " + path_ + ": " + core::errno_message(errno);
    }
    temp_path_.clear();
    return std::nullopt;
}

}  // namespace scanner::host
