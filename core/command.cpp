#include "core/command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace scanner::core {

namespace {

struct pipe_pair {
    int read_end = -1;
    int write_end = -1;

    ~pipe_pair() {
        if (read_end >= 0) ::close(read_end);
        if (write_end >= 0) ::close(write_end);
    }
    int open() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) return errno;
        read_end = fds[0];
        write_end = fds[1];
        return 0;
    }
    void close_write() {
        ::close(write_end);
        write_end = -1;
    }
};

int exit_status_of(int wait_status) {
    if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
    return -1;
}

// Reads what is available on `fd` into `sink` up to `cap`; returns false at end of file.
bool drain(int fd, std::string& sink, std::size_t cap) {
    char buffer[65536];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) return errno == EINTR || errno == EAGAIN;
    if (n == 0) return false;
    std::size_t room = sink.size() < cap ? cap - sink.size() : 0;
    sink.append(buffer, std::min(room, static_cast<std::size_t>(n)));
    return true;
}

}  // namespace

io_result<command_output> run_command(const std::vector<std::string>& argv,
                                      const std::vector<std::string>& env,
                                      const command_limits& limits) {
    using result = io_result<command_output>;
    if (argv.empty() || argv[0].empty() || argv[0][0] != '/') return result::failure(EINVAL);

    pipe_pair out, err;
    if (int rc = out.open(); rc != 0) return result::failure(rc);
    if (int rc = err.open(); rc != 0) return result::failure(rc);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
    posix_spawn_file_actions_adddup2(&actions, err.write_end, 2);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attributes, 0);
    sigset_t no_signals;
    sigemptyset(&no_signals);
    posix_spawnattr_setsigmask(&attributes, &no_signals);

    std::vector<char*> c_argv, c_env;
    for (const auto& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
    c_argv.push_back(nullptr);
    for (const auto& e : env) c_env.push_back(const_cast<char*>(e.c_str()));
    c_env.push_back(nullptr);

    pid_t pid = -1;
    int rc =
        ::posix_spawn(&pid, argv[0].c_str(), &actions, &attributes, c_argv.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0) return result::failure(rc);
    out.close_write();
    err.close_write();

    command_output output;
    auto deadline = std::chrono::steady_clock::now() + limits.timeout;
    std::array<pollfd, 2> fds{pollfd{out.read_end, POLLIN, 0}, pollfd{err.read_end, POLLIN, 0}};
    bool timed_out = false;
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR) break;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            std::string& sink = i == 0 ? output.out : output.err;
            if (!drain(fds[i].fd, sink, limits.max_output)) fds[i].fd = -1;
        }
    }

    // The output is closed; a program may still linger, so the deadline holds for the wait too.
    int wait_status = 0;
    while (!timed_out) {
        pid_t done = ::waitpid(pid, &wait_status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) break;
        if (std::chrono::steady_clock::now() >= deadline) {
            timed_out = true;
            break;
        }
        ::usleep(100);
    }
    if (timed_out) {
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, &wait_status, 0);
        return result::failure(ETIMEDOUT);
    }
    output.exit_status = exit_status_of(wait_status);
    return result::success(std::move(output));
}

}  // namespace scanner::core
