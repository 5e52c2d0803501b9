// The run functions of the plugin's automatic checks, one per benchmark recommendation.
#ifndef BOTTLEROCKET_OS_CHECKS_HPP
#define BOTTLEROCKET_OS_CHECKS_HPP

#include <scanner/plugin.hpp>

namespace bottlerocket_os {

using scanner::sdk::context;

void run_udf_disabled(const context& ctx);          // 1.1.1.1
void run_dm_verity(const context& ctx);             // 1.3.1
void run_suid_dumpable(const context& ctx);         // 1.4.1
void run_aslr(const context& ctx);                  // 1.4.2
void run_unprivileged_bpf(const context& ctx);      // 1.4.3
void run_user_namespaces(const context& ctx);       // 1.4.4
void run_selinux(const context& ctx);               // 1.5.1
void run_lockdown(const context& ctx);              // 1.5.2
void run_chrony(const context& ctx);                // 2.1.1.1
void run_send_redirects(const context& ctx);        // 3.1.1
void run_source_route(const context& ctx);          // 3.2.1
void run_accept_redirects(const context& ctx);      // 3.2.2
void run_secure_redirects(const context& ctx);      // 3.2.3
void run_log_martians(const context& ctx);          // 3.2.4
void run_icmp_broadcasts(const context& ctx);       // 3.2.5
void run_bogus_icmp_responses(const context& ctx);  // 3.2.6
void run_tcp_syncookies(const context& ctx);        // 3.2.7
void run_sctp_disabled(const context& ctx);         // 3.3.1
void run_journald_storage(const context& ctx);      // 4.1.1.1
void run_journal_permissions(const context& ctx);   // 4.1.2

}  // namespace bottlerocket_os

#endif
