#include <doctest/doctest.h>

#include "tests/plugins/kubernetes-worker/plugin_case.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;

namespace {

// /proc/<pid> of a process with this comm and NUL-separated command line.
void write_process(const fixture_root& r, int pid, std::string_view comm,
                   const std::vector<std::string>& argv) {
    std::string cmdline;
    for (const auto& a : argv) cmdline += a + '\0';
    std::string dir = "/proc/" + std::to_string(pid);
    r.write(dir + "/comm", std::string(comm) + "\n", 0444);
    r.write(dir + "/cmdline", cmdline, 0444);
}

std::vector<std::string> bottlerocket_argv(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {"/usr/bin/kubelet",
                                     "--cloud-provider",
                                     "external",
                                     "--kubeconfig",
                                     "/etc/kubernetes/kubelet/kubeconfig",
                                     "--config",
                                     "/etc/kubernetes/kubelet/config",
                                     "--node-ip",
                                     "192.168.84.28"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

}  // namespace

TEST_CASE("the running kubelet's command line wins over its unit") {
    fixture_root root;
    write_bottlerocket_node(root);
    write_process(root, 1, "systemd", {"/sbin/init"});
    write_process(root, 812, "kubelet", bottlerocket_argv({"--read-only-port=10255"}));
    write_process(root, 900, "kubelet", bottlerocket_argv());
    root.write("/proc/meminfo", "MemTotal: 1 kB\n");
    auto all = run_all(root);

    const outcome& port = at(all, "4.2.4");
    CHECK(port.result.verdict == status::fail);
    CHECK(
        reason_has(port, "--read-only-port=10255 on the kubelet command line (/proc/812/cmdline)"));
    CHECK(evidence_has(port, "kubelet command line", "/proc/812/cmdline"));
    CHECK(evidence_has(port, "/proc", "1 more kubelet processes ignored"));
    // The service file is still the unit's.
    CHECK(at(all, "4.1.1").result.verdict == status::pass);
    CHECK(evidence_has(at(all, "4.1.1"), std::string(bottlerocket::service), "mode 0600"));
}

TEST_CASE("a kubelet process found without any unit") {
    fixture_root root;
    write_process(root, 42, "kubelet",
                  {"/usr/local/bin/kubelet", "--config=/srv/kubelet.yaml", "--kubeconfig",
                   "/srv/kubeconfig", "--anonymous-auth=false"});
    write_kubelet_config(root, "/srv/kubelet.yaml",
                         "readOnlyPort: 0\nauthorization:\n  mode: Webhook\n");
    root.write("/srv/kubeconfig", "users: []\n", 0600);
    auto all = run_all(root);
    CHECK(at(all, "4.2.1").result.verdict == status::pass);
    CHECK(at(all, "4.2.4").result.verdict == status::pass);
    CHECK(at(all, "4.1.9").result.verdict == status::pass);
    CHECK(at(all, "4.1.1").result.verdict == status::error);  // no unit file to judge
}

TEST_CASE("unit files, drop-ins and their environment") {
    run_cases({
        {"Bottlerocket with $KUBELET_EXTRA_ARGS from an EnvironmentFile",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write("/etc/kubernetes/kubelet/extra.env",
                     "KUBELET_EXTRA_ARGS=\"--anonymous-auth=true --v=2\"\n", 0600);
             r.write(
                 "/etc/systemd/system/kubelet.service.d/zz-extra.conf",
                 "[Service]\nEnvironmentFile=-/etc/kubernetes/kubelet/extra.env\n"
                 "ExecStart=\nExecStart=/usr/bin/kubelet --config /etc/kubernetes/kubelet/config "
                 "--kubeconfig /etc/kubernetes/kubelet/kubeconfig $KUBELET_EXTRA_ARGS\n",
                 0600);
         },
         "4.2.1", status::fail,
         "--anonymous-auth=true on the kubelet command line (ExecStart= in "
         "/etc/systemd/system/kubelet.service.d/zz-extra.conf line 4)"},
        {"kubeadm with KUBELET_EXTRA_ARGS in /etc/default/kubelet",
         [](auto& r) {
             write_kubeadm_node(r);
             r.write("/etc/default/kubelet", "KUBELET_EXTRA_ARGS=--read-only-port=10255\n");
         },
         "4.2.4", status::fail,
         "--read-only-port=10255 on the kubelet command line (ExecStart= in "
         "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf line 8)"},
        {"a drop-in that sorts before exec-start.conf is overridden by it",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write("/etc/systemd/system/kubelet.service.d/10-early.conf",
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --anonymous-auth=true\n",
                     0600);
         },
         "4.2.1", status::pass, ""},
        {"a drop-in in /etc hides the packaged one of the same name",
         [](auto& r) {
             write_kubeadm_node(r);
             r.write("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf",
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                     "/var/lib/kubelet/config.yaml --kubeconfig /etc/kubernetes/kubelet.conf "
                     "--authorization-mode=AlwaysAllow\n",
                     0600);
         },
         "4.2.2", status::fail,
         "--authorization-mode=AlwaysAllow on the kubelet command line (ExecStart= in "
         "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf line 3)"},
        {"a masked unit hides its drop-ins: the layout is used",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write(bottlerocket::service,
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --read-only-port=10255 "
                     "--config /etc/kubernetes/kubelet/config\n",
                     0600);
             r.symlink("/etc/systemd/system/kubelet.service", "/dev/null");
         },
         "4.2.4", status::pass, ""},
        {"a command line the kubelet refuses",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write("/etc/systemd/system/kubelet.service.d/zz-bad.conf",
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                     "/etc/kubernetes/kubelet/config --read-only-port=abc\n",
                     0600);
         },
         "4.2.4", status::error,
         "cannot evaluate the kubelet command line (ExecStart= in "
         "/etc/systemd/system/kubelet.service.d/zz-bad.conf line 3): invalid kubelet argument "
         "--read-only-port=abc: expected an integer in range"},
        {"an ExecStart= with an unmatched quote",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write("/etc/systemd/system/kubelet.service.d/zz-bad.conf",
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet \"--config\n", 0600);
         },
         "4.2.1", status::error, "unmatched quote"},
        {"a relative --config is taken from /",
         [](auto& r) {
             r.write("/etc/systemd/system/kubelet.service",
                     "[Service]\nExecStart=/usr/bin/kubelet --config etc/kubelet.yaml\n", 0600);
             write_kubelet_config(r, "/etc/kubelet.yaml", "readOnlyPort: 10255\n");
         },
         "4.2.4", status::fail, "readOnlyPort: 10255 (/etc/kubelet.yaml line 3)"},
        {"--config names a file that is missing",
         [](auto& r) {
             r.write("/etc/systemd/system/kubelet.service",
                     "[Service]\nExecStart=/usr/bin/kubelet --config /etc/missing.yaml\n", 0600);
         },
         "4.2.1", status::error,
         "cannot evaluate the kubelet configuration: cannot read /etc/missing.yaml: No such file "
         "or directory"},
    });
}

TEST_CASE("without --config the kubelet's legacy defaults apply") {
    fixture_root root;
    root.write("/etc/systemd/system/kubelet.service",
               "[Service]\nExecStart=/usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf\n",
               0600);
    root.write("/etc/kubernetes/kubelet.conf", "users: []\n", 0600);
    auto all = run_all(root);
    CHECK(at(all, "4.2.1").result.reason ==
          "anonymous requests to the kubelet are allowed: the kubelet runs without --config, so "
          "its default --anonymous-auth=true applies");
    CHECK(at(all, "4.2.2").result.verdict == status::fail);
    CHECK(reason_has(at(all, "4.2.4"), "its default --read-only-port=10255 applies"));
    CHECK(at(all, "4.2.5").result.verdict == status::pass);
    CHECK(at(all, "4.1.9").result.verdict == status::skip);
}

TEST_CASE("--config-dir drop-ins are merged over the --config file") {
    auto node = [](const fixture_root& r, std::string drop_in) {
        write_bottlerocket_node(r);
        r.write("/etc/systemd/system/kubelet.service.d/zz-config-dir.conf",
                "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                "/etc/kubernetes/kubelet/config --config-dir /etc/kubernetes/kubelet/config.d "
                "--kubeconfig /etc/kubernetes/kubelet/kubeconfig\n",
                0600);
        r.write("/etc/kubernetes/kubelet/config.d/20-b.conf",
                kubelet_config_header() + "readOnlyPort: 0\n", 0600);
        r.write("/etc/kubernetes/kubelet/config.d/10-a.conf", kubelet_config_header() + drop_in,
                0600);
        r.write("/etc/kubernetes/kubelet/config.d/ignored.yaml", "not: [valid", 0600);
    };
    run_cases({
        {"a later drop-in wins", [&](auto& r) { node(r, "readOnlyPort: 10255\n"); }, "4.2.4",
         status::pass, ""},
        {"a zero timeout in a drop-in is not defaulted",
         [&](auto& r) { node(r, "streamingConnectionIdleTimeout: 0s\n"); }, "4.2.5", status::fail,
         "streamingConnectionIdleTimeout: 0s (/etc/kubernetes/kubelet/config.d/10-a.conf line 3, "
         "a --config-dir drop-in)"},
        {"a broken drop-in", [&](auto& r) { node(r, "seccompDefault: maybe\n"); }, "4.2.14",
         status::error,
         "/etc/kubernetes/kubelet/config.d/10-a.conf line 3: seccompDefault must be a boolean"},
        {"a missing --config-dir",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write("/etc/systemd/system/kubelet.service.d/zz-config-dir.conf",
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                     "/etc/kubernetes/kubelet/config --config-dir /nowhere\n",
                     0600);
         },
         "4.2.1", status::error,
         "cannot list the --config-dir /nowhere: No such file or directory"},
    });
}

TEST_CASE("known layouts are used when no command line is found") {
    run_cases({
        {"kubeadm config and kubelet.conf",
         [](auto& r) {
             write_kubeadm_node(r);
             std::filesystem::remove_all(r.host_path("/usr/lib/systemd"));
             r.chmod(kubeadm::kubeconfig, 0644);
         },
         "4.1.5", status::fail, "/etc/kubernetes/kubelet.conf has mode 0644"},
        {"EKS on Amazon Linux 2023",
         [](auto& r) {
             write_kubelet_config(r, "/etc/kubernetes/kubelet/config.json",
                                  "authorization:\n  mode: AlwaysAllow\n");
         },
         "4.2.2", status::fail,
         "authorization.mode: AlwaysAllow (/etc/kubernetes/kubelet/config.json line 4)"},
    });
    fixture_root root;
    write_eks_node(root);
    std::filesystem::remove(root.host_path(eks::service));
    outcome o = run_check(root, "4.2.1");
    CHECK(evidence_has(o, "kubelet config",
                       "/etc/kubernetes/kubelet/kubelet-config.json (the EKS on Amazon Linux 2 "
                       "layout; no kubelet command line found)"));
}
