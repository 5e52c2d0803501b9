#include "host/report_output.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "core/io_result.hpp"

namespace scanner::host {

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
    if (int error = core::write_fully(fd_, content.data(), content.size()); error != 0) {
        return "cannot write report: " + core::errno_message(error);
    }
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
