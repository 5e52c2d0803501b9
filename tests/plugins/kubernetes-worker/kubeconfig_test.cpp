#include <doctest/doctest.h>

#include "logic/kubeconfig.hpp"

using namespace scanner::kubernetes_worker;

namespace {

// Bottlerocket's kubelet kubeconfig: an exec credential plugin.
constexpr std::string_view bottlerocket_kubeconfig = R"(apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: "/etc/kubernetes/pki/ca.crt"
    server: "https://example.eks.amazonaws.com"
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubelet
  name: kubelet
current-context: kubelet
users:
- name: kubelet
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: "/usr/bin/aws-iam-authenticator"
      args: [token, -i, cluster]
)";

}  // namespace

TEST_CASE("parse_kubeconfig_user finds how the current user authenticates") {
    auto exec = parse_kubeconfig_user(bottlerocket_kubeconfig);
    REQUIRE(exec.ok());
    CHECK(exec->name == "kubelet");
    CHECK(exec->kind == client_auth_kind::exec_plugin);
    CHECK(exec->detail == "/usr/bin/aws-iam-authenticator");
    CHECK(exec->line == 16);

    // kubeadm's kubelet.conf after TLS bootstrap: a client certificate (wins over a token).
    auto cert = parse_kubeconfig_user(
        "contexts:\n- context: {user: system:node:n1}\n  name: ctx\ncurrent-context: ctx\n"
        "users:\n- name: system:node:n1\n  user:\n"
        "    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n"
        "    token: abc\n");
    REQUIRE(cert.ok());
    CHECK(cert->kind == client_auth_kind::client_certificate);

    // No current context and a single token user.
    auto token = parse_kubeconfig_user("users:\n- name: u\n  user:\n    token: abc\n");
    REQUIRE(token.ok());
    CHECK(token->kind == client_auth_kind::token);

    // Basic auth is neither.
    auto other = parse_kubeconfig_user("users:\n- name: u\n  user:\n    username: a\n");
    REQUIRE(other.ok());
    CHECK(other->kind == client_auth_kind::other);
}

TEST_CASE("parse_kubeconfig_user errors") {
    // The current context does not exist.
    CHECK(parse_kubeconfig_user("current-context: x\ncontexts: []\n").error().message ==
          "current-context x names no context in the file");
    // The named user does not exist.
    CHECK(parse_kubeconfig_user(
              "current-context: c\ncontexts:\n- name: c\n  context: {user: u}\nusers: []\n")
              .error()
              .message == "no user named u is defined");
    // Several users and no current context.
    CHECK_FALSE(parse_kubeconfig_user("users:\n- name: a\n- name: b\n").ok());
    // Not YAML.
    CHECK_FALSE(parse_kubeconfig_user("{").ok());
}
