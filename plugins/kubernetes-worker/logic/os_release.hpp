// /etc/os-release, the file that names the distribution (os-release(5)).
#ifndef SCANNER_KUBERNETES_WORKER_OS_RELEASE_HPP
#define SCANNER_KUBERNETES_WORKER_OS_RELEASE_HPP

#include <string>
#include <string_view>

namespace scanner::kubernetes_worker {

/// The value of ID= ("bottlerocket", "ubuntu"), unquoted; "" when the file has none.
std::string os_release_id(std::string_view text);

}  // namespace scanner::kubernetes_worker

#endif
