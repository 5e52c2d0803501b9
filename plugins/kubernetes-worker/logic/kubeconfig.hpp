// How a kubeconfig file (kind: Config) makes its client authenticate to the API server, which
// decides whether kubelet client-certificate rotation (benchmark 4.2.10) applies at all.
#ifndef SCANNER_KUBERNETES_WORKER_KUBECONFIG_HPP
#define SCANNER_KUBERNETES_WORKER_KUBECONFIG_HPP

#include <string>
#include <string_view>

#include "logic/parse_result.hpp"

namespace scanner::kubernetes_worker {

enum class client_auth_kind {
    client_certificate,  // client-certificate or client-certificate-data
    exec_plugin,         // exec: a credential plugin hands out tokens (aws-iam-authenticator)
    token,               // token or tokenFile: a bearer token
    other,               // anything else, or nothing
};

/// The user the kubeconfig's current context authenticates as.
struct kubeconfig_user {
    std::string name;
    client_auth_kind kind = client_auth_kind::other;
    std::string detail;  // the exec command, or the certificate path; may be empty
    int line = 0;        // 1-based line of the user entry
};

/// Follows current-context to its user (or takes the only user when there is no current
/// context) and says how it authenticates; a client certificate wins over other methods, as
/// client-go then presents it. Errors for syntax errors or a context or user that is missing.
parse_result<kubeconfig_user> parse_kubeconfig_user(std::string_view text);

}  // namespace scanner::kubernetes_worker

#endif
