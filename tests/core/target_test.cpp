// The target system: confinement to the root, bounded reads, and what a root directory refuses.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "core/target.hpp"
#include "tests/support/fixture_root.hpp"

using scanner::core::target;
using scanner::testing::fixture_root;

namespace {

std::shared_ptr<const target> open_target(const fixture_root& root) {
    auto t = target::open(root.path().string());
    REQUIRE(t);
    return t.value;
}

// A file outside the root that no read through the target may ever return.
struct canary {
    fixture_root outside;
    std::string path = outside.host_path("/canary").string();
    canary() { outside.write("/canary", "CANARY-CONTENT\n"); }
};

}  // namespace

TEST_CASE("a root directory is not the live host; / is") {
    fixture_root root;
    CHECK_FALSE(open_target(root)->live());
    auto live = target::open("/");
    REQUIRE(live);
    CHECK(live.value->live());
}

TEST_CASE("read_file returns a regular file's bytes exactly") {
    fixture_root root;
    root.write("/etc/chrony.conf", "pool a\r\nserver b\n");
    auto content = open_target(root)->read_file("/etc/chrony.conf");
    REQUIRE(content);
    CHECK(content.value == "pool a\r\nserver b\n");
}

TEST_CASE("paths never leave the root") {
    fixture_root root;
    canary c;
    root.mkdir("/etc");
    auto t = open_target(root);

    struct escape_case {
        const char* description;
        const char* path;
    };
    // Each of these would name the canary if resolved on the host.
    const escape_case cases[] = {
        {"dot-dot chain", "/../../../../../../../../"},
        {"dot-dot inside a path", "/etc/../../../../../"},
    };
    for (const auto& e : cases) {
        CAPTURE(e.description);
        auto r = t->read_file(std::string(e.path) + c.path.substr(1));
        CHECK_FALSE(r);
        CHECK(r.value.find("CANARY") == std::string::npos);
    }

    // An absolute symlink points into the root, not at the host's file.
    root.symlink("/etc/shadow-link", c.path);
    auto via_link = t->read_file("/etc/shadow-link");
    CHECK(via_link.error == ENOENT);

    // A relative symlink climbing out is clamped at the root as well.
    root.symlink("/etc/climb", "../../../../../../../../../.." + c.path);
    CHECK(t->read_file("/etc/climb").error == ENOENT);

    // What the link resolves to inside the root is what is read.
    root.write(c.path, "inside the root\n");
    auto inside = t->read_file("/etc/shadow-link");
    REQUIRE(inside);
    CHECK(inside.value == "inside the root\n");
}

TEST_CASE("symlink loops, FIFOs and directories are refused without blocking") {
    fixture_root root;
    root.symlink("/etc/loop-a", "/etc/loop-b");
    root.symlink("/etc/loop-b", "/etc/loop-a");
    root.mkfifo("/etc/journald.conf");
    root.mkdir("/etc/dir");
    auto t = open_target(root);

    CHECK(t->read_file("/etc/loop-a").error == ELOOP);
    CHECK(t->read_file("/etc/journald.conf").error == EINVAL);
    CHECK(t->read_file("/etc/dir").error == EISDIR);
    CHECK(t->read_file("relative/path").error == EINVAL);
}

TEST_CASE("a device node is never opened") {
    fixture_root root;
    root.mkdir("/dev");
    if (::mknod(root.host_path("/dev/zero").c_str(), S_IFCHR | 0666, makedev(1, 5)) != 0) {
        MESSAGE("skipped: mknod needs CAP_MKNOD (run the tests as root)");
        return;
    }
    CHECK(open_target(root)->read_file("/dev/zero").error == EINVAL);
}

TEST_CASE("reads are capped") {
    fixture_root root;
    root.write("/big", std::string(4096, 'x'));
    auto t = open_target(root);
    CHECK(t->read_file("/big", 4095).error == EFBIG);
    CHECK(t->read_file("/big", 4096));

    // A sparse file far beyond the cap is refused from its size, without reading it.
    { std::ofstream sparse(root.host_path("/sparse")); }
    REQUIRE(::truncate(root.host_path("/sparse").c_str(), off_t{2} << 30) == 0);
    CHECK(t->read_file("/sparse").error == EFBIG);
}

TEST_CASE("stat follows symlinks inside the root, lstat describes the link") {
    fixture_root root;
    root.write("/etc/kubelet.conf", "x", 0640);
    root.symlink("/etc/link", "/etc/kubelet.conf");
    auto t = open_target(root);

    auto followed = t->stat("/etc/link", true);
    REQUIRE(followed);
    CHECK(S_ISREG(followed.value.st_mode));
    CHECK((followed.value.st_mode & 07777) == 0640);
    auto link = t->stat("/etc/link", false);
    REQUIRE(link);
    CHECK(S_ISLNK(link.value.st_mode));
    CHECK(t->stat("/etc/missing", true).error == ENOENT);
}

TEST_CASE("list_dir lists entries with their own type and stops at its cap") {
    fixture_root root;
    root.write("/var/log/journal/a/system.journal", "");
    root.symlink("/var/log/journal/link", "/etc");
    root.write("/var/log/journal/name\nwith newline", "");
    auto t = open_target(root);

    auto listing = t->list_dir("/var/log/journal");
    REQUIRE(listing);
    std::map<std::string, uint32_t> types;
    for (const auto& e : listing.value) types[e.name] = e.type;
    CHECK(types.size() == 3);
    CHECK(types["a"] == S_IFDIR);
    CHECK(types["link"] == S_IFLNK);
    CHECK(types["name\nwith newline"] == S_IFREG);
    CHECK(t->list_dir("/var/log/journal", 2).error == E2BIG);
    CHECK(t->list_dir("/var/log/journal/link").error == ENOENT);
}

TEST_CASE("sysctls are read from the root's /proc/sys by their dotted name") {
    fixture_root root;
    root.write("/proc/sys/net/ipv4/conf/all/send_redirects", "0\n");
    auto t = open_target(root);

    auto value = t->read_sysctl("net.ipv4.conf.all.send_redirects");
    REQUIRE(value);
    CHECK(value.value == "0");
    CHECK(t->read_sysctl("kernel.missing").error == ENOENT);
    CHECK(t->read_sysctl("../../etc/passwd").error == EINVAL);
    CHECK(t->read_sysctl("").error == EINVAL);
}

TEST_CASE("loaded modules are the first column of /proc/modules") {
    fixture_root root;
    auto t = open_target(root);
    CHECK(t->loaded_modules().error == ENOENT);
    root.write("/proc/modules",
               "udf 139264 0 - Live 0x0000000000000000\n"
               "crc_itu_t 16384 1 udf, Live 0x0000000000000000\n");
    auto modules = t->loaded_modules();
    REQUIRE(modules);
    CHECK(modules.value == "udf\ncrc_itu_t\n");
}

TEST_CASE("commands run only on the live host, with a deadline") {
    fixture_root root;
    CHECK(open_target(root)->run_command({"/bin/true"}, std::chrono::seconds(1)).error == ENOTSUP);

    auto live = target::open("/");
    REQUIRE(live);
    auto echo = live.value->run_command({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"},
                                        std::chrono::seconds(5));
    REQUIRE(echo);
    CHECK(echo.value.out == "out\n");
    CHECK(echo.value.err == "err\n");
    CHECK(echo.value.exit_status == 3);

    auto hang = live.value->run_command({"/bin/sleep", "30"}, std::chrono::milliseconds(200));
    CHECK(hang.error == ETIMEDOUT);
    CHECK(live.value->run_command({"sleep", "1"}, std::chrono::seconds(1)).error == EINVAL);
    CHECK(live.value->run_command({"/nonexistent/program"}, std::chrono::seconds(1)).error ==
          ENOENT);
}
