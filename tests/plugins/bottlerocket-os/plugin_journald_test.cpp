// 4.1.1.1 journald Storage= and 4.1.2 journal file permissions on fixture roots.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/plugins/bottlerocket-os/plugin_run.hpp"

using namespace scanner::testing;
using namespace scanner::testing::bottlerocket;

namespace {

// Nests directories below `top` until the path is longer than PATH_MAX, working relative to
// directory descriptors since no path that long can be handed to mkdir(2). Returns the depth.
int nest_beyond_path_max(const std::filesystem::path& top) {
    const std::string name(250, 'd');
    int fd = ::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int depth = 0;
    for (std::size_t length = top.string().size(); fd >= 0 && length <= 4096 + 256; ++depth) {
        if (::mkdirat(fd, name.c_str(), 0755) != 0) break;
        int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ::close(fd);
        fd = next;
        length += name.size() + 1;
    }
    if (fd >= 0) ::close(fd);
    return depth;
}

// Removes what nest_beyond_path_max made, deepest first, for the same reason.
void remove_nest(const std::filesystem::path& top, int depth) {
    const std::string name(250, 'd');
    for (int level = depth; level > 0; --level) {
        int fd = ::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        for (int i = 1; fd >= 0 && i < level; ++i) {
            int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            ::close(fd);
            fd = next;
        }
        if (fd < 0) return;
        ::unlinkat(fd, name.c_str(), AT_REMOVEDIR);
        ::close(fd);
    }
}

constexpr const char* vendor_dropin = "/usr/lib/systemd/journald.conf.d/journald.conf";
const std::string machine_dir = "/var/log/journal/ec2a1b2c3d4e5f60718293a4b5c6d7e8";

}  // namespace

TEST_CASE("journald Storage= in systemd's order") {
    struct row {
        const char* what;
        const char* path;
        const char* content;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {"an /etc drop-in applied last sets volatile", "/etc/systemd/journald.conf.d/zz.conf",
         "[Journal]\nStorage=volatile\n", status::fail,
         "journald Storage=volatile (/etc/systemd/journald.conf.d/zz.conf:2), expected "
         "persistent"},
        {"an /etc drop-in sorted before journald.conf is overridden by it",
         "/etc/systemd/journald.conf.d/50-volatile.conf", "[Journal]\nStorage=volatile\n",
         status::pass, ""},
        {"a /run drop-in sorted later sets auto", "/run/systemd/journald.conf.d/zz.conf",
         "[Journal]\nStorage=auto\n", status::fail, "Storage=auto"},
        {"the main file cannot override a drop-in", "/etc/systemd/journald.conf",
         "[Journal]\nStorage=volatile\n", status::pass, ""},
        {"an /etc file of the same name hides the vendor drop-in",
         "/etc/systemd/journald.conf.d/journald.conf", "[Journal]\nCompress=no\n", status::fail,
         "Storage= is not set"},
        {"an /etc file of the same name keeps persistent",
         "/etc/systemd/journald.conf.d/journald.conf", "[Journal]\r\nStorage=persistent\r\n",
         status::pass, ""},
        {"commented vendor line", vendor_dropin, "[Journal]\n#Storage=persistent\n", status::fail,
         "Storage= is not set"},
        {"duplicated vendor lines", vendor_dropin,
         "[Journal]\nStorage=persistent\nStorage=persistent\n", status::pass, ""},
        {"an invalid later value is ignored, as journald ignores it",
         "/etc/systemd/journald.conf.d/x.conf", "[Journal]\nStorage=Persistent\n", status::pass,
         ""},
        {"a drop-in without .conf does not apply", "/etc/systemd/journald.conf.d/x.conf.bak",
         "[Journal]\nStorage=volatile\n", status::pass, ""},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.what));
        fixture_root root;
        make_compliant(root);
        root.write(r.path, r.content);
        auto o = run_check(root, "4.1.1.1");
        CHECK(o.result.verdict == r.expected);
        CHECK(reason_has(o, r.reason_part));
    }
}

TEST_CASE("journald configuration that cannot be read") {
    SUBCASE("no configuration at all: journald's default is auto") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove(root.host_path(vendor_dropin));
        auto o = run_check(root, "4.1.1.1");
        CHECK(o.result.verdict == status::fail);
    }
    SUBCASE("a FIFO drop-in applied after the assignment") {
        fixture_root root;
        make_compliant(root);
        root.mkfifo("/etc/systemd/journald.conf.d/zz.conf");
        auto o = run_check(root, "4.1.1.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "cannot read /etc/systemd/journald.conf.d/zz.conf: Invalid argument"));
    }
    SUBCASE("a FIFO drop-in applied before the assignment does not matter") {
        fixture_root root;
        make_compliant(root);
        root.mkfifo("/etc/systemd/journald.conf.d/00.conf");
        CHECK(run_check(root, "4.1.1.1").result.verdict == status::pass);
    }
    SUBCASE("a FIFO as the main file") {
        fixture_root root;
        make_compliant(root);
        root.mkfifo("/etc/systemd/journald.conf");
        CHECK(run_check(root, "4.1.1.1").result.verdict == status::pass);
        std::filesystem::remove(root.host_path(vendor_dropin));
        auto o = run_check(root, "4.1.1.1");
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "cannot read /etc/systemd/journald.conf"));
    }
}

TEST_CASE("journal file permissions") {
    SUBCASE("a file readable by other") {
        fixture_root root;
        make_compliant(root);
        root.chmod(machine_dir + "/system.journal", 0644);
        auto o = run_check(root, "4.1.2");
        CHECK(o.result.verdict == status::fail);
        CHECK(o.result.reason ==
              "file \"" + machine_dir + "/system.journal\" (0644) has permissions for 'other'");
    }
    SUBCASE("a 0644 file reached only through a symlink is not examined") {
        fixture_root root;
        make_compliant(root);
        root.write("/srv/elsewhere/leak.journal", "x", 0644);
        root.symlink(machine_dir + "/linked-dir", "/srv/elsewhere");
        root.symlink(machine_dir + "/linked.journal", "/srv/elsewhere/leak.journal");
        CHECK(run_check(root, "4.1.2").result.verdict == status::pass);
    }
    SUBCASE("a symlink loop does not hang the walk") {
        fixture_root root;
        make_compliant(root);
        root.symlink(machine_dir + "/loop-a", "loop-b");
        root.symlink(machine_dir + "/loop-b", "loop-a");
        root.symlink(machine_dir + "/parent", "..");
        root.symlink(machine_dir + "/self", ".");
        CHECK(run_check(root, "4.1.2").result.verdict == status::pass);
    }
    SUBCASE("no /var/log/journal passes, with a note") {
        fixture_root root;
        make_compliant(root);
        std::filesystem::remove_all(root.host_path("/var/log/journal"));
        auto o = run_check(root, "4.1.2");
        CHECK(o.result.verdict == status::pass);
        CHECK(evidence_has(o, "/var/log/journal", "absent"));
        CHECK(o.result.notes.size() == 1);
    }
    SUBCASE("a directory the walk cannot list is an error") {
        fixture_root root;
        make_compliant(root);
        auto top = root.host_path(machine_dir);
        int depth = nest_beyond_path_max(top);
        REQUIRE(depth > 16);
        auto o = run_check(root, "4.1.2");
        remove_nest(top, depth);
        CHECK(o.result.verdict == status::error);
        CHECK(reason_has(o, "cannot read /var/log/journal/"));
        CHECK(reason_has(o, ": File name too long"));
    }
    SUBCASE("a FIFO in the journal is not a regular file") {
        fixture_root root;
        make_compliant(root);
        root.mkfifo(machine_dir + "/pipe");
        CHECK(run_check(root, "4.1.2").result.verdict == status::pass);
    }
}

TEST_CASE("a 100,000-file journal tree is walked whole") {
    fixture_root root;
    make_compliant(root);
    // Plain syscalls: 100,000 files through std::ofstream would dominate the test's time.
    int created = 0;
    for (int d = 0; d < 100; ++d) {
        auto dir = root.host_path(machine_dir + "/d" + std::to_string(d));
        std::filesystem::create_directories(dir);
        for (int f = 0; f < 1000; ++f) {
            auto path = dir / ("f" + std::to_string(f) + ".journal");
            int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0640);
            if (fd < 0) continue;
            created += ::fchmod(fd, 0640) == 0 ? 1 : 0;
            ::close(fd);
        }
    }
    REQUIRE(created == 100000);
    auto o = run_check(root, "4.1.2");
    CHECK(o.result.verdict == status::pass);
    CHECK(evidence_has(o, "/var/log/journal", "100002 regular files examined"));

    root.chmod(machine_dir + "/d99/f999.journal", 0604);
    o = run_check(root, "4.1.2");
    CHECK(o.result.verdict == status::fail);
    CHECK(reason_has(o, "d99/f999.journal\" (0604)"));
}
