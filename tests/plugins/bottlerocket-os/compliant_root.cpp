#include "tests/plugins/bottlerocket-os/compliant_root.hpp"

#include <string>

namespace scanner::testing::bottlerocket {

void write_sysctl(const fixture_root& root, std::string_view name, std::string_view value) {
    std::string path = "/proc/sys/";
    for (char c : name) path += c == '.' ? '/' : c;
    root.write(path, std::string(value) + "\n");
}

void make_compliant(const fixture_root& root) {
    root.write("/etc/os-release",
               "NAME=Bottlerocket\nID=bottlerocket\nVERSION_ID=1.26.1\n"
               "PRETTY_NAME=\"Bottlerocket OS 1.26.1 (aws-k8s-1.31)\"\n");
    for (const auto& s : compliant_sysctls) write_sysctl(root, s.name, s.value);

    root.write("/proc/modules",
               "overlay 155648 12 - Live 0x0000000000000000\n"
               "crc_itu_t 16384 0 - Live 0x0000000000000000\n"
               "nf_tables 290816 0 - Live 0x0000000000000000\n");
    root.write("/proc/cmdline", std::string(compliant_cmdline));
    root.write("/proc/1/comm", "systemd\n");
    root.write("/proc/402/comm", "systemd-journal\n");
    root.write("/proc/812/comm", "chronyd\n");

    root.write("/etc/modprobe.d/modules-allowed.conf",
               "# written from settings.kernel.modules\ninstall udf /bin/true\n"
               "install sctp /bin/true\n");

    root.write("/sys/fs/selinux/enforce", "1");
    root.write("/sys/fs/selinux/mls", "1");
    root.write("/sys/fs/selinux/deny_unknown", "1");
    root.write("/sys/fs/selinux/checkreqprot", "0");
    root.write("/sys/fs/selinux/policyvers", "33");
    root.write("/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=fortified\n");

    root.write("/sys/kernel/security/lockdown", "none [integrity] confidentiality\n");
    root.write("/sys/kernel/security/lsm", "capability,lockdown,yama,selinux,bpf");

    root.write("/etc/chrony.conf",
               "pool 169.254.169.123 iburst\npool 2.amazon.pool.ntp.org iburst\n"
               "driftfile /var/lib/chrony/drift\nmakestep 1.0 3\nrtcsync\n");
    root.write("/usr/lib/systemd/system/chronyd.service",
               "[Unit]\nDescription=NTP client/server\n[Service]\nExecStart=/usr/sbin/chronyd\n"
               "[Install]\nWantedBy=multi-user.target\n");
    root.symlink("/etc/systemd/system/multi-user.target.wants/chronyd.service",
                 "/usr/lib/systemd/system/chronyd.service");

    root.write("/usr/lib/systemd/journald.conf.d/journald.conf",
               "[Journal]\nStorage=persistent\nCompress=yes\n");

    const std::string machine = "/var/log/journal/ec2a1b2c3d4e5f60718293a4b5c6d7e8";
    root.write(machine + "/system.journal", "LPKSHHRH", 0640);
    root.write(machine + "/user-1000.journal", "LPKSHHRH", 0640);
    root.chmod("/var/log/journal", 02755);
}

}  // namespace scanner::testing::bottlerocket
