#include "tests/plugins/network-firewall/namespace_run.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>

#include "core/check.hpp"
#include "tests/support/plugin_harness.hpp"

extern char** environ;

namespace scanner::testing::firewall {

namespace {

// Records cross the pipe as tab-separated lines; tabs and newlines inside fields are escaped.
std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string unescape(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        char next = text[++i];
        out += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    }
    return out;
}

std::vector<std::string> split_tabs(std::string_view line) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
        size_t tab = line.find('\t', start);
        fields.push_back(unescape(line.substr(start, tab - start)));
        if (tab == std::string_view::npos) return fields;
        start = tab + 1;
    }
}

void write_all(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<size_t>(n);
    }
}

// Runs argv without a shell and waits; returns its exit status, or -1 when it cannot start.
int run_program(const std::vector<std::string>& argv) {
    std::vector<char*> c_argv;
    for (const auto& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
    c_argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, c_argv[0], nullptr, nullptr, c_argv.data(), environ) != 0) return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The child's whole life: never returns.
[[noreturn]] void child(int out, const std::vector<ruleset_load>& loads, bool as_nobody) {
    if (::unshare(CLONE_NEWNET) != 0) {
        write_all(out,
                  "NOT_RUN\t" +
                      escape(std::string("unshare(CLONE_NEWNET) failed: ") + std::strerror(errno)) +
                      "\n");
        ::_exit(0);
    }
    char dir[] = "/tmp/scanner-netns-XXXXXX";
    if (::mkdtemp(dir) == nullptr) {
        write_all(out, "FAILURE\tcannot create a temporary directory\n");
        ::_exit(0);
    }
    int index = 0;
    for (const auto& load : loads) {
        std::string file = std::string(dir) + "/ruleset" + std::to_string(index++);
        int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        write_all(fd, load.content);
        ::close(fd);
        auto argv = load.argv;
        argv.push_back(file);
        int status = run_program(argv);
        ::unlink(file.c_str());
        if (status != 0) {
            ::rmdir(dir);
            write_all(out, "FAILURE\t" +
                               escape(argv[0] + " exited with status " + std::to_string(status) +
                                      " loading:\n" + load.content) +
                               "\n");
            ::_exit(0);
        }
    }
    ::rmdir(dir);

    if (as_nobody && (::setgroups(0, nullptr) != 0 || ::setresgid(65534, 65534, 65534) != 0 ||
                      ::setresuid(65534, 65534, 65534) != 0)) {
        write_all(out, "FAILURE\tcannot drop to uid 65534\n");
        ::_exit(0);
    }

    try {
        for (const auto& [key, o] : run_plugin(NETWORK_FIREWALL_PLUGIN, "/")) {
            if (key != o.info.id) continue;  // each check once, by id
            std::string text = "CHECK\t" + escape(key) + "\t" +
                               escape(core::to_string(o.result.verdict)) + "\t" +
                               escape(o.result.reason) + "\n";
            for (const auto& e : o.result.observations) {
                text += "EVIDENCE\t" + escape(key) + "\t" + escape(e.source) + "\t" +
                        escape(e.observed) + "\n";
            }
            write_all(out, text);
        }
    } catch (const std::exception& e) {
        write_all(out,
                  "FAILURE\t" + escape(std::string("cannot run the plugin: ") + e.what()) + "\n");
    }
    ::_exit(0);
}

}  // namespace

bool live_outcome::reason_has(const std::string& part) const {
    return reason.find(part) != std::string::npos;
}

bool live_outcome::evidence_has(const std::string& source, const std::string& part) const {
    for (const auto& [s, observed] : evidence) {
        if (s == source && observed.find(part) != std::string::npos) return true;
    }
    return false;
}

namespace_run run_in_namespace(const std::vector<ruleset_load>& loads, bool as_nobody) {
    namespace_run run;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        run.failure = std::string("cannot create a pipe: ") + std::strerror(errno);
        return run;
    }
    pid_t pid = ::fork();
    if (pid < 0) {
        run.failure = std::string("cannot fork: ") + std::strerror(errno);
        return run;
    }
    if (pid == 0) {
        ::close(fds[0]);
        child(fds[1], loads, as_nobody);
    }
    ::close(fds[1]);

    std::string text;
    char buffer[65536];
    while (true) {
        ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        text.append(buffer, static_cast<size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }

    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        auto fields = split_tabs(std::string_view(text).substr(start, end - start));
        start = end == std::string::npos ? text.size() : end + 1;
        if (fields[0] == "NOT_RUN" && fields.size() == 2) run.not_run = fields[1];
        if (fields[0] == "FAILURE" && fields.size() == 2) run.failure = fields[1];
        if (fields[0] == "CHECK" && fields.size() == 4)
            run.checks[fields[1]] = {fields[2], fields[3], {}};
        if (fields[0] == "EVIDENCE" && fields.size() == 4) {
            run.checks[fields[1]].evidence.emplace_back(fields[2], fields[3]);
        }
    }
    if (run.not_run.empty() && run.failure.empty() && run.checks.empty()) {
        run.failure = "the child reported nothing (wait status " + std::to_string(status) + ")";
    }
    return run;
}

bool live_tests_required() {
    const char* value = std::getenv("SCANNER_REQUIRE_LIVE_TESTS");
    return value != nullptr && std::string_view(value) == "1";
}

}  // namespace scanner::testing::firewall
