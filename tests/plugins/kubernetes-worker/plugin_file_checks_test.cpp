#include <doctest/doctest.h>

#include "tests/plugins/kubernetes-worker/plugin_case.hpp"

using namespace scanner::testing;
using namespace scanner::testing::kubernetes_worker;

namespace {

// A Bottlerocket node whose kubelet is only known through its configuration file.
void bottlerocket_without_unit(const fixture_root& root) {
    write_bottlerocket_node(root);
    std::filesystem::remove(root.host_path(bottlerocket::service));
    std::filesystem::remove(root.host_path("/usr/lib/systemd/system/kubelet.service"));
}

// A kubelet started from a unit without --kubeconfig and without --config.
void standalone_kubelet(const fixture_root& root) {
    root.write(
        "/etc/systemd/system/kubelet.service",
        "[Service]\nExecStart=/usr/bin/kubelet --pod-manifest-path=/etc/kubernetes/manifests "
        "--anonymous-auth=false --authorization-mode=Webhook --read-only-port=0\n",
        0600);
}

}  // namespace

TEST_CASE("4.1.1 and 4.1.2: the kubelet service file") {
    run_cases({
        {"Bottlerocket exec-start.conf readable by all",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chmod(bottlerocket::service, 0644);
         },
         "4.1.1", status::fail,
         "/etc/systemd/system/kubelet.service.d/exec-start.conf has mode 0644, expected 0600 or "
         "stricter"},
        {"Bottlerocket exec-start.conf 0400",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chmod(bottlerocket::service, 0400);
         },
         "4.1.1", status::pass, ""},
        {"kubeadm 10-kubeadm.conf as the package ships it",
         [](auto& r) {
             write_kubeadm_node(r);
             r.chmod(kubeadm::service, 0644);
         },
         "4.1.1", status::fail,
         "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf has mode 0644, expected 0600"},
        {"EKS kubelet.service executable",
         [](auto& r) {
             write_eks_node(r);
             r.chmod(eks::service, 0700);
         },
         "4.1.1", status::fail, "/etc/systemd/system/kubelet.service has mode 0700, expected 0600"},
        {"no unit: the kubelet was found by its configuration only", bottlerocket_without_unit,
         "4.1.1", status::error,
         "cannot find the kubelet service file: no ExecStart= for the kubelet in kubelet.service "
         "or kubelet.service.d/*.conf under /etc/systemd/system, /run/systemd/system, "
         "/usr/local/lib/systemd/system, /usr/lib/systemd/system, /lib/systemd/system"},
        {"Bottlerocket exec-start.conf owned by a user",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chown(bottlerocket::service, 1000, 1000);
         },
         "4.1.2", status::fail,
         "/etc/systemd/system/kubelet.service.d/exec-start.conf is owned by 1000:1000, expected "
         "root:root (0:0)"},
        {"kubeadm drop-in with a foreign group",
         [](auto& r) {
             write_kubeadm_node(r);
             r.chown(kubeadm::service, 0, 4);
         },
         "4.1.2", status::fail, "is owned by 0:4, expected root:root"},
        {"no unit for the ownership either", bottlerocket_without_unit, "4.1.2", status::error,
         "cannot find the kubelet service file"},
    });
}

TEST_CASE("4.1.5 and 4.1.6: the --kubeconfig file") {
    run_cases({
        {"Bottlerocket kubeconfig 0644",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chmod(bottlerocket::kubeconfig, 0644);
         },
         "4.1.5", status::fail,
         "/etc/kubernetes/kubelet/kubeconfig has mode 0644, expected 0600 or stricter"},
        {"kubeadm kubelet.conf 0640",
         [](auto& r) {
             write_kubeadm_node(r);
             r.chmod(kubeadm::kubeconfig, 0640);
         },
         "4.1.5", status::fail, "/etc/kubernetes/kubelet.conf has mode 0640"},
        {"the kubeconfig --kubeconfig names is missing",
         [](auto& r) {
             write_eks_node(r);
             std::filesystem::remove(r.host_path(eks::kubeconfig));
         },
         "4.1.5", status::error,
         "cannot stat /var/lib/kubelet/kubeconfig: No such file or directory"},
        {"standalone mode: no --kubeconfig", standalone_kubelet, "4.1.5", status::skip,
         "not applicable: the kubelet runs in standalone mode, without --kubeconfig (ExecStart= in "
         "/etc/systemd/system/kubelet.service line 2)"},
        {"the layout's kubeconfig when no command line is known",
         [](auto& r) {
             bottlerocket_without_unit(r);
             r.chmod(bottlerocket::kubeconfig, 0604);
         },
         "4.1.5", status::fail, "/etc/kubernetes/kubelet/kubeconfig has mode 0604"},
        {"kubeconfig owned by a user",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chown(bottlerocket::kubeconfig, 1000, 0);
         },
         "4.1.6", status::fail, "/etc/kubernetes/kubelet/kubeconfig is owned by 1000:0"},
        {"kubeconfig ownership, missing file",
         [](auto& r) {
             write_kubeadm_node(r);
             std::filesystem::remove(r.host_path(kubeadm::kubeconfig));
         },
         "4.1.6", status::error, "cannot stat /etc/kubernetes/kubelet.conf"},
        {"kubeconfig ownership, standalone", standalone_kubelet, "4.1.6", status::skip,
         "standalone mode"},
    });
}

TEST_CASE("4.1.7 and 4.1.8: the client CA file clientCAFile names") {
    run_cases({
        {"CA 0600 is stricter than 644",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chmod(bottlerocket::ca, 0600);
         },
         "4.1.7", status::pass, ""},
        {"CA group-writable",
         [](auto& r) {
             write_kubeadm_node(r);
             r.chmod(kubeadm::ca, 0664);
         },
         "4.1.7", status::fail,
         "/etc/kubernetes/pki/ca.crt has mode 0664, expected 0644 or stricter"},
        {"the CA the config names elsewhere",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::string body = compliant_kubelet_config_body();
             body.replace(body.find("/etc/kubernetes/pki/ca.crt"), 26, "/srv/ca/bundle.pem");
             write_kubelet_config(r, bottlerocket::config, body);
             r.write("/srv/ca/bundle.pem", "x", 0666);
         },
         "4.1.7", status::fail, "/srv/ca/bundle.pem has mode 0666"},
        {"the CA --client-ca-file names in a drop-in",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.write("/etc/systemd/system/kubelet.service.d/zz-ca.conf",
                     "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                     "/etc/kubernetes/kubelet/config --client-ca-file=/srv/ca.pem\n",
                     0600);
             r.write("/srv/ca.pem", "x", 0755);
         },
         "4.1.7", status::fail, "/srv/ca.pem has mode 0755"},
        {"no clientCAFile set",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::string body = compliant_kubelet_config_body();
             body.erase(
                 body.find("  x509:"),
                 std::string("  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n").size());
             write_kubelet_config(r, bottlerocket::config, body);
         },
         "4.1.7", status::skip,
         "not applicable: the kubelet has no client CA file set (authentication.x509.clientCAFile, "
         "--client-ca-file); 4.2.3 reports that"},
        {"the CA file is missing",
         [](auto& r) {
             write_eks_node(r);
             std::filesystem::remove(r.host_path(eks::ca));
         },
         "4.1.7", status::error,
         "cannot stat /etc/kubernetes/pki/ca.crt: No such file or directory"},
        {"the configuration cannot be read",
         [](auto& r) {
             write_bottlerocket_node(r);
             write_kubelet_config(r, bottlerocket::config, "readOnlyPort: x\n");
         },
         "4.1.7", status::error,
         "cannot evaluate the kubelet configuration: /etc/kubernetes/kubelet/config line 3: "
         "readOnlyPort must be an integer, got the string \"x\""},
        {"CA ownership, no clientCAFile set",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::string body = compliant_kubelet_config_body();
             std::string ca_lines = "  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n";
             body.erase(body.find(ca_lines), ca_lines.size());
             write_kubelet_config(r, bottlerocket::config, body);
         },
         "4.1.8", status::skip, "not applicable: the kubelet has no client CA file set"},
        {"CA owned by a user",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chown(bottlerocket::ca, 0, 1000);
         },
         "4.1.8", status::fail, "/etc/kubernetes/pki/ca.crt is owned by 0:1000"},
        {"CA ownership, missing file",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::filesystem::remove(r.host_path(bottlerocket::ca));
         },
         "4.1.8", status::error, "cannot stat /etc/kubernetes/pki/ca.crt"},
    });
}

TEST_CASE("4.1.9 and 4.1.10: the kubelet's configuration files") {
    auto with_drop_in = [](const fixture_root& r, mode_t mode) {
        write_bottlerocket_node(r);
        r.write("/etc/systemd/system/kubelet.service.d/zz-config-dir.conf",
                "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config "
                "/etc/kubernetes/kubelet/config --config-dir=/etc/kubernetes/kubelet/config.d "
                "--kubeconfig /etc/kubernetes/kubelet/kubeconfig\n",
                0600);
        r.write("/etc/kubernetes/kubelet/config.d/10-pids.conf",
                kubelet_config_header() + "podPidsLimit: 2048\n", mode);
    };
    run_cases({
        {"Bottlerocket config readable by all",
         [](auto& r) {
             write_bottlerocket_node(r);
             r.chmod(bottlerocket::config, 0644);
         },
         "4.1.9", status::fail,
         "/etc/kubernetes/kubelet/config has mode 0644, expected 0600 or stricter"},
        {"EKS JSON config",
         [](auto& r) {
             write_eks_node(r);
             r.chmod(eks::config, 0660);
         },
         "4.1.9", status::fail, "/etc/kubernetes/kubelet/kubelet-config.json has mode 0660"},
        {"a --config-dir drop-in 0600", [&](auto& r) { with_drop_in(r, 0600); }, "4.1.9",
         status::pass, ""},
        {"a --config-dir drop-in readable by all", [&](auto& r) { with_drop_in(r, 0644); }, "4.1.9",
         status::fail,
         "/etc/kubernetes/kubelet/config.d/10-pids.conf has mode 0644, expected 0600 or stricter"},
        {"no --config: not applicable", standalone_kubelet, "4.1.9", status::skip,
         "not applicable: the kubelet runs without a --config file (ExecStart= in "
         "/etc/systemd/system/kubelet.service line 2)"},
        {"--config names a missing file",
         [](auto& r) {
             write_kubeadm_node(r);
             std::filesystem::remove(r.host_path(kubeadm::config));
         },
         "4.1.9", status::error,
         "cannot stat /var/lib/kubelet/config.yaml: No such file or directory"},
        {"config owned by a user",
         [](auto& r) {
             write_kubeadm_node(r);
             r.chown(kubeadm::config, 1000, 1000);
         },
         "4.1.10", status::fail, "/var/lib/kubelet/config.yaml is owned by 1000:1000"},
        {"config ownership, no --config", standalone_kubelet, "4.1.10", status::skip,
         "not applicable"},
        {"config ownership, missing file",
         [](auto& r) {
             write_bottlerocket_node(r);
             std::filesystem::remove(r.host_path(bottlerocket::config));
         },
         "4.1.10", status::error, "cannot stat /etc/kubernetes/kubelet/config"},
    });
}
