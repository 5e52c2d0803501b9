// A fixture root that holds every file the bottlerocket-os plugin reads, set up as a compliant
// Bottlerocket host; tests then break one thing at a time. The benchmark program uses it too.
#ifndef SCANNER_TESTS_BOTTLEROCKET_OS_COMPLIANT_ROOT_HPP
#define SCANNER_TESTS_BOTTLEROCKET_OS_COMPLIANT_ROOT_HPP

#include <string_view>

#include "tests/support/fixture_root.hpp"

namespace scanner::testing::bottlerocket {

/// A Bottlerocket kernel command line with dm-verity, as its boot configuration writes it.
inline constexpr std::string_view compliant_cmdline =
    "BOOT_IMAGE=(hd0,gpt2)/vmlinuz console=tty0 console=ttyS0,115200n8 root=/dev/dm-0 rootwait "
    "ro raid=noautodetect random.trust_cpu=on selinux=1 enforcing=1 "
    "dm-mod.create=\"root,,,ro,0 1884160 verity 1 PARTUUID=6b1ef6e4-6e6e-4d5c-a4e4-1c53b1f1a3b2/"
    "PARTNROFF=1 PARTUUID=6b1ef6e4-6e6e-4d5c-a4e4-1c53b1f1a3b2/PARTNROFF=2 4096 4096 235520 1 "
    "sha256 d1c1e1f1a1b1c1d1e1f1a1b1c1d1e1f1a1b1c1d1e1f1a1b1c1d1e1f1a1b1c1d1 "
    "a1b1c1d1e1f1a1b1c1d1e1f1a1b1c1d1e1f1a1b1c1d1e1f1a1b1c1d1e1f1a1b1 2 restart_on_corruption "
    "ignore_zero_blocks\" -- systemd.log_target=journal-or-kmsg systemd.log_color=0\n";

/// Every sysctl the plugin reads and its compliant value.
struct sysctl_value {
    std::string_view name;
    std::string_view value;
};
inline constexpr sysctl_value compliant_sysctls[] = {
    {"fs.suid_dumpable", "0"},
    {"kernel.randomize_va_space", "2"},
    {"kernel.unprivileged_bpf_disabled", "1"},
    {"user.max_user_namespaces", "0"},
    {"net.ipv4.conf.all.send_redirects", "0"},
    {"net.ipv4.conf.default.send_redirects", "0"},
    {"net.ipv4.conf.all.accept_source_route", "0"},
    {"net.ipv4.conf.default.accept_source_route", "0"},
    {"net.ipv6.conf.all.accept_source_route", "0"},
    {"net.ipv6.conf.default.accept_source_route", "0"},
    {"net.ipv4.conf.all.accept_redirects", "0"},
    {"net.ipv4.conf.default.accept_redirects", "0"},
    {"net.ipv6.conf.all.accept_redirects", "0"},
    {"net.ipv6.conf.default.accept_redirects", "0"},
    {"net.ipv4.conf.all.secure_redirects", "0"},
    {"net.ipv4.conf.default.secure_redirects", "0"},
    {"net.ipv4.conf.all.log_martians", "1"},
    {"net.ipv4.conf.default.log_martians", "1"},
    {"net.ipv4.icmp_echo_ignore_broadcasts", "1"},
    {"net.ipv4.icmp_ignore_bogus_error_responses", "1"},
    {"net.ipv4.tcp_syncookies", "1"},
};

/// Writes `value` to the /proc/sys file of the sysctl `name`, with the kernel's newline.
void write_sysctl(const fixture_root& root, std::string_view name, std::string_view value);

/// Fills `root` with a compliant Bottlerocket host: os-release, /proc/sys, /proc/modules,
/// /proc/cmdline, a process table with chronyd, modprobe.d, selinuxfs, /etc/selinux/config,
/// securityfs lockdown, chrony.conf, journald drop-in and a journal with 0640 files.
void make_compliant(const fixture_root& root);

}  // namespace scanner::testing::bottlerocket

#endif
