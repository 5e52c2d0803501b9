#include "logic/journald_storage.hpp"

#include <doctest/doctest.h>

#include <cerrno>

using namespace bottlerocket_os;

TEST_CASE("parse_journald_storage reads Storage= of [Journal] only") {
    struct row {
        const char* text;
        std::vector<std::string> values;
    };
    const row rows[] = {
        {"[Journal]\nStorage=persistent\n", {"persistent"}},      // Bottlerocket
        {"[Journal]\r\nStorage=persistent\r\n", {"persistent"}},  // CRLF
        {"[Journal]\n#Storage=persistent\n;Storage=auto\n", {}},  // comments
        {"[Journal]\n  Storage = volatile  \n", {"volatile"}},    // blanks
        {"Storage=persistent\n", {}},                             // outside a section
        {"[Upload]\nStorage=persistent\n", {}},                   // another section
        {"[Journal]\nStorage=persistent\nStorage=volatile\n", {"persistent", "volatile"}},
        {"[Journal]\nStorage=\\\npersistent\n", {"persistent"}},  // continuation
        {"[Journal]\nStorageX=persistent\n", {}},                 // another key
    };
    for (const auto& r : rows) {
        INFO(std::string(r.text));
        std::vector<std::string> values;
        for (const auto& a : parse_journald_storage(r.text, "/x.conf")) values.push_back(a.value);
        CHECK(values == r.values);
    }
}

namespace {

config_text file(const char* path, const char* text, int error = 0) { return {path, text, error}; }

verdict judge(const std::vector<config_text>& files) {
    findings out;
    judge_journald_storage(resolve_journald_storage(files), out);
    return out.decide();
}

}  // namespace

TEST_CASE("judge_journald_storage over files in systemd's order") {
    const auto main_absent = file("/etc/systemd/journald.conf", "", ENOENT);
    const auto vendor =
        file("/usr/lib/systemd/journald.conf.d/journald.conf", "[Journal]\nStorage=persistent\n");
    struct row {
        const char* what;
        std::vector<config_text> files;
        status expected;
        const char* reason_part;
    };
    const row rows[] = {
        {"Bottlerocket", {main_absent, vendor}, status::pass, ""},
        {"nothing set", {main_absent}, status::fail, "Storage= is not set"},
        {"later drop-in overrides",
         {main_absent, vendor,
          file("/etc/systemd/journald.conf.d/zz.conf", "[Journal]\nStorage=volatile\n")},
         status::fail,
         "Storage=volatile (/etc/systemd/journald.conf.d/zz.conf:2)"},
        {"drop-in beats the main file",
         {file("/etc/systemd/journald.conf", "[Journal]\nStorage=volatile\n"), vendor},
         status::pass,
         ""},
        {"invalid value ignored",
         {main_absent, vendor,
          file("/etc/systemd/journald.conf.d/x.conf", "[Journal]\nStorage=Persistent\n")},
         status::pass,
         ""},
        {"commented out only",
         {main_absent, file("/usr/lib/systemd/journald.conf.d/journald.conf",
                            "[Journal]\n#Storage=persistent\n")},
         status::fail,
         "not set"},
        {"unreadable after the assignment",
         {main_absent, vendor, file("/run/systemd/journald.conf.d/z.conf", "", EINVAL)},
         status::error,
         "cannot read /run/systemd/journald.conf.d/z.conf"},
        {"unreadable before the assignment",
         {file("/etc/systemd/journald.conf", "", EFBIG), vendor},
         status::pass,
         ""},
        {"main file a FIFO, nothing else",
         {file("/etc/systemd/journald.conf", "", EINVAL)},
         status::error,
         "cannot read"},
    };
    for (const auto& r : rows) {
        INFO(std::string(r.what));
        auto v = judge(r.files);
        CHECK(v.state == r.expected);
        CHECK(v.reason.find(r.reason_part) != std::string::npos);
    }
}
