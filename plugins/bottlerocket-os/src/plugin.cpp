// The bottlerocket-os check pack: the CIS Bottlerocket Benchmark v1.0.0 outside the firewall
// section (3.4, which the network-firewall plugin registers under the same benchmark).
#include <scanner/plugin.hpp>

#include <exception>
#include <iterator>

#include "checks.hpp"

namespace bottlerocket_os {

namespace {

using scanner::sdk::check;
using scanner::sdk::run_manual;

constexpr uint32_t automatic = SCANNER_MODE_AUTOMATIC;
constexpr uint32_t manual = SCANNER_MODE_MANUAL;

const scanner_benchmark cis_bottlerocket{sizeof(scanner_benchmark), "CIS Bottlerocket Benchmark",
                                         "v1.0.0",
                                         "https://www.cisecurity.org/benchmark/bottlerocket"};

const check checks[] = {
    {"br01010101", "1.1.1.1", "Ensure mounting of udf filesystems is disabled", &cis_bottlerocket,
     2, automatic,
     "apiclient set settings.kernel.modules.udf.allowed=false, then reboot (the setting applies "
     "at boot; a loaded udf stays loaded until then). Elsewhere: add \"install udf /bin/false\" "
     "to a file in /etc/modprobe.d and unload the module (rmmod udf).",
     &run_udf_disabled},
    {"br01020100", "1.2.1", "Ensure software update repositories are configured", &cis_bottlerocket,
     1, manual,
     "Check that settings.updates.metadata-base-url and settings.updates.targets-base-url "
     "(apiclient get settings.updates) point at the intended Bottlerocket update repository.",
     &run_manual},
    {"br01030100", "1.3.1", "Ensure dm-verity is configured", &cis_bottlerocket, 1, automatic,
     "Boot an unmodified Bottlerocket image: its boot configuration mounts root=/dev/dm-0, built "
     "by dm-mod.create as a read-only verity device with restart_on_corruption. Do not override "
     "these kernel parameters (settings.boot.kernel-parameters).",
     &run_dm_verity},
    {"br01040100", "1.4.1", "Ensure setuid programs do not create core dumps", &cis_bottlerocket, 1,
     automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"fs.suid_dumpable\": \"0\""
     "}}}'",
     &run_suid_dumpable},
    {"br01040200", "1.4.2", "Ensure address space layout randomization (ASLR) is enabled",
     &cis_bottlerocket, 1, automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"kernel.randomize_va_space\": \"2\""
     "}}}'",
     &run_aslr},
    {"br01040300", "1.4.3", "Ensure unprivileged eBPF is disabled", &cis_bottlerocket, 1, automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"kernel.unprivileged_bpf_disabled\": \"1\""
     "}}}'",
     &run_unprivileged_bpf},
    {"br01040400", "1.4.4", "Ensure user namespaces are disabled", &cis_bottlerocket, 2, automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"user.max_user_namespaces\": \"0\""
     "}}}'",
     &run_user_namespaces},
    {"br01050100", "1.5.1", "Ensure SELinux is configured", &cis_bottlerocket, 1, automatic,
     "Bottlerocket runs SELinux enforcing with its fortified policy: boot an unmodified image "
     "(SELINUX=enforcing and SELINUXTYPE=fortified in /etc/selinux/config) and do not add kernel "
     "parameters that disable or relax SELinux (selinux=0, enforcing=0, checkreqprot=1).",
     &run_selinux},
    {"br01050200", "1.5.2", "Ensure Lockdown is configured", &cis_bottlerocket, 2, automatic,
     "apiclient set settings.kernel.lockdown=integrity, then reboot.", &run_lockdown},
    {"br01060000", "1.6", "Ensure updates, patches, and additional security software are installed",
     &cis_bottlerocket, 1, manual, "apiclient update check; apiclient update apply --reboot",
     &run_manual},
    {"br02010101", "2.1.1.1", "Ensure chrony is configured", &cis_bottlerocket, 1, automatic,
     "apiclient set --json '{\"ntp\": {\"time-servers\": [\"<ntp server>\"]}}' (Bottlerocket "
     "writes each as a pool directive in /etc/chrony.conf) and keep chronyd.service running.",
     &run_chrony},
    {"br03010100", "3.1.1", "Ensure packet redirect sending is disabled", &cis_bottlerocket, 2,
     automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.conf.all.send_redirects\": \"0\", "
     "\"net.ipv4.conf.default.send_redirects\": \"0\""
     "}}}'",
     &run_send_redirects},
    {"br03020100", "3.2.1", "Ensure source routed packets are not accepted", &cis_bottlerocket, 2,
     automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.conf.all.accept_source_route\": \"0\", "
     "\"net.ipv4.conf.default.accept_source_route\": \"0\", "
     "\"net.ipv6.conf.all.accept_source_route\": \"0\", "
     "\"net.ipv6.conf.default.accept_source_route\": \"0\""
     "}}}'",
     &run_source_route},
    {"br03020200", "3.2.2", "Ensure ICMP redirects are not accepted", &cis_bottlerocket, 2,
     automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.conf.all.accept_redirects\": \"0\", "
     "\"net.ipv4.conf.default.accept_redirects\": \"0\", "
     "\"net.ipv6.conf.all.accept_redirects\": \"0\", "
     "\"net.ipv6.conf.default.accept_redirects\": \"0\""
     "}}}'",
     &run_accept_redirects},
    {"br03020300", "3.2.3", "Ensure secure ICMP redirects are not accepted", &cis_bottlerocket, 2,
     automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.conf.all.secure_redirects\": \"0\", "
     "\"net.ipv4.conf.default.secure_redirects\": \"0\""
     "}}}'",
     &run_secure_redirects},
    {"br03020400", "3.2.4", "Ensure suspicious packets are logged", &cis_bottlerocket, 2, automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.conf.all.log_martians\": \"1\", "
     "\"net.ipv4.conf.default.log_martians\": \"1\""
     "}}}'",
     &run_log_martians},
    {"br03020500", "3.2.5", "Ensure broadcast ICMP requests are ignored", &cis_bottlerocket, 1,
     automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.icmp_echo_ignore_broadcasts\": \"1\""
     "}}}'",
     &run_icmp_broadcasts},
    {"br03020600", "3.2.6", "Ensure bogus ICMP responses are ignored", &cis_bottlerocket, 1,
     automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.icmp_ignore_bogus_error_responses\": \"1\""
     "}}}'",
     &run_bogus_icmp_responses},
    {"br03020700", "3.2.7", "Ensure TCP SYN Cookies is enabled", &cis_bottlerocket, 1, automatic,
     "apiclient set --json '{\"kernel\": {\"sysctl\": {"
     "\"net.ipv4.tcp_syncookies\": \"1\""
     "}}}'",
     &run_tcp_syncookies},
    {"br03030100", "3.3.1", "Ensure SCTP is disabled", &cis_bottlerocket, 2, automatic,
     "apiclient set settings.kernel.modules.sctp.allowed=false, then reboot (the setting applies "
     "at boot; a loaded sctp stays loaded until then). Elsewhere: add \"install sctp /bin/false\" "
     "to a file in /etc/modprobe.d and unload the module (rmmod sctp).",
     &run_sctp_disabled},
    {"br04010101", "4.1.1.1", "Ensure journald is configured to write logs to persistent disk",
     &cis_bottlerocket, 1, automatic,
     "Bottlerocket sets Storage=persistent in /usr/lib/systemd/journald.conf.d/journald.conf: "
     "remove any /etc/systemd/journald.conf, /etc/systemd/journald.conf.d or "
     "/run/systemd/journald.conf.d file that sets Storage= otherwise. Elsewhere: set "
     "Storage=persistent in the [Journal] section of /etc/systemd/journald.conf and restart "
     "systemd-journald.",
     &run_journald_storage},
    {"br04010200", "4.1.2", "Ensure permissions on journal files are configured", &cis_bottlerocket,
     1, automatic,
     "Remove the permissions of 'other' from the files named: "
     "find /var/log/journal -type f -perm /o+rwx -exec chmod o-rwx {} +",
     &run_journal_permissions},
};

int32_t init(const scanner_host_api* host) {
    try {
        return scanner::sdk::register_checks(host, std::begin(checks), std::end(checks));
    } catch (const std::exception&) {
        return ENOMEM;
    }
}

const char* const aliases[] = {"bottlerocket", "os", nullptr};

const scanner_plugin_descriptor descriptor{
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    "bottlerocket-os",
    "CIS Bottlerocket Benchmark: operating system checks",
    "1.0.0",
    "scanner project",
    aliases,
    &init,
    nullptr,
};

}  // namespace

}  // namespace bottlerocket_os

SCANNER_DEFINE_PLUGIN_ENTRY(bottlerocket_os::descriptor)
