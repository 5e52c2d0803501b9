#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/plugins/kubernetes-worker/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;

namespace {

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool kubelet_already_running() {
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
        if (read_text(e.path() / "comm") == "kubelet\n") return true;
    }
    return false;
}

// Starts FAKE_KUBELET with `args` and waits until /proc shows its command line.
pid_t start_fake_kubelet(const std::vector<std::string>& args) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        std::vector<char*> argv;
        std::string program = FAKE_KUBELET;
        argv.push_back(program.data());
        std::vector<std::string> copies = args;
        for (auto& a : copies) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    auto proc = std::filesystem::path("/proc") / std::to_string(pid);
    for (int i = 0; i < 500; ++i) {
        if (read_text(proc / "comm") == "kubelet\n" &&
            read_text(proc / "cmdline").find(args.front()) != std::string::npos) {
            return pid;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("the fake kubelet did not start");
    return pid;
}

}  // namespace

TEST_CASE("on the live host the running kubelet's command line is read from /proc") {
    if (kubelet_already_running()) {
        MESSAGE("a kubelet runs on this host; the live test would read it instead");
        return;
    }
    fixture_root files;  // only a temporary directory on the host here
    write_kubelet_config(files, "/kubelet.yaml", "readOnlyPort: 10255\n");
    std::string config = files.host_path("/kubelet.yaml").string();

    pid_t pid = start_fake_kubelet({"--config", config, "--anonymous-auth=true"});
    std::map<std::string, outcome> all;
    try {
        all = run_plugin(KUBERNETES_WORKER_PLUGIN, "/");
    } catch (...) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        throw;
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);

    std::string cmdline = "/proc/" + std::to_string(pid) + "/cmdline";
    const outcome& port = at(all, "4.2.4");
    CHECK(port.result.verdict == status::fail);
    CHECK(reason_has(port, "readOnlyPort: 10255 (" + config + " line 3)"));
    CHECK(evidence_has(port, "kubelet command line", cmdline));
    const outcome& anonymous = at(all, "4.2.1");
    CHECK(anonymous.result.verdict == status::fail);
    CHECK(reason_has(anonymous,
                     "--anonymous-auth=true on the kubelet command line (" + cmdline + ")"));
}
