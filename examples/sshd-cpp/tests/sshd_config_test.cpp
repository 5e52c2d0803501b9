// The parser and the judges on strings, table-driven.
#include <doctest/doctest.h>

#include "sshd_config.hpp"

using namespace example_labs;
using scanner::sdk::status;

namespace {

constexpr keyword_rule root_login{"PermitRootLogin", "no", "prohibit-password"};
constexpr std::string_view path = "/etc/ssh/sshd_config";

}  // namespace

TEST_CASE("find_setting reads sshd_config as sshd does") {
    struct row {
        const char* what;
        std::string_view config;
        sshd_setting expected;
    };
    const row rows[] = {
        {"plain", "PermitRootLogin no\n", {1, "no", 0, "", 0}},
        // Keywords are case-insensitive; the value is kept as written.
        {"any case", "PERMITROOTLOGIN No\n", {1, "No", 0, "", 0}},
        // The first value wins.
        {"first wins", "PermitRootLogin no\nPermitRootLogin yes\n", {1, "no", 0, "", 0}},
        // Comments, blank lines and indentation are passed over.
        {"comments", "# PermitRootLogin yes\n\n  PermitRootLogin\tno # why\n", {3, "no", 0, "", 0}},
        // Keyword=value, with or without spaces, and quoted values.
        {"equals", "PermitRootLogin=no\n", {1, "no", 0, "", 0}},
        {"quoted", "PermitRootLogin = \"no\"\n", {1, "no", 0, "", 0}},
        // A keyword that only starts like ours is another keyword.
        {"prefix", "PermitRootLoginX yes\n", {}},
        // CRLF line ends, and no final newline.
        {"crlf", "Port 22\r\nPermitRootLogin no\r\n", {2, "no", 0, "", 0}},
        {"no final newline", "PermitRootLogin no", {1, "no", 0, "", 0}},
        // After Match, settings are conditional: never the global value.
        {"match only", "Match User backup\n  PermitRootLogin yes\n", {0, "", 2, "yes", 0}},
        // A Match block repeating the global value overrides nothing.
        {"match same", "PermitRootLogin no\nMatch all\nPermitRootLogin NO\n", {1, "no", 0, "", 0}},
        {"match differs",
         "PermitRootLogin no\nMatch Group admins\nPermitRootLogin yes\n",
         {1, "no", 3, "yes", 0}},
        // Include is noted wherever it is.
        {"include",
         "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n",
         {2, "no", 0, "", 1}},
        {"empty", "", {}},
    };
    for (const auto& r : rows) {
        CAPTURE(r.what);
        CHECK(find_setting(r.config, "PermitRootLogin") == r.expected);
    }
}

TEST_CASE("judge_setting: PASS only when the value is certain and right everywhere") {
    struct row {
        const char* what;
        std::string_view config;
        status expected;
        std::string reason;
    };
    const row rows[] = {
        {"compliant", "PermitRootLogin no\n", status::pass, ""},
        {"yes", "PermitRootLogin yes\n", status::fail,
         "PermitRootLogin is yes (/etc/ssh/sshd_config line 1), expected no"},
        // sshd's default, prohibit-password, still lets root in with a key.
        {"unset", "Port 22\n", status::fail,
         "PermitRootLogin is not set in /etc/ssh/sshd_config, so sshd uses its default "
         "prohibit-password; expected no"},
        {"match override", "PermitRootLogin no\nMatch User root\n PermitRootLogin yes\n",
         status::fail,
         "PermitRootLogin is yes in a Match block (/etc/ssh/sshd_config line 3), expected no for "
         "every connection"},
        // An included file may set it first: not evaluated, never PASS.
        {"include first", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n",
         status::error,
         "cannot evaluate PermitRootLogin: /etc/ssh/sshd_config line 1 includes other files, "
         "which this pack does not read; check the value sshd uses with sshd -T"},
        // Set wrongly before any Include: final, whatever the included files say.
        {"wrong before include", "PermitRootLogin yes\nInclude /etc/ssh/extra.conf\n", status::fail,
         "PermitRootLogin is yes (/etc/ssh/sshd_config line 1), expected no"},
        // Set rightly before an Include: an included Match block may still override it.
        {"right before include", "PermitRootLogin no\nInclude /etc/ssh/extra.conf\n", status::error,
         "cannot evaluate PermitRootLogin: /etc/ssh/sshd_config line 2 includes other files, "
         "which this pack does not read; check the value sshd uses with sshd -T"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.what);
        verdict v = judge_setting(find_setting(r.config, "PermitRootLogin"), root_login, path);
        CHECK(v.status == r.expected);
        CHECK(v.reason == r.reason);
    }
}

TEST_CASE("judge_file_mode: 0600 or stricter, root:root") {
    struct row {
        const char* what;
        uint32_t mode, uid, gid;
        status expected;
        std::string reason;
    };
    const row rows[] = {
        {"0600 root", 0100600, 0, 0, status::pass, ""},
        // Stricter is fine.
        {"0400 root", 0100400, 0, 0, status::pass, ""},
        {"0644", 0100644, 0, 0, status::fail,
         "/etc/ssh/sshd_config has mode 0644, expected 0600 or stricter"},
        // Execute bits are beyond 0600 too.
        {"0700", 0100700, 0, 0, status::fail,
         "/etc/ssh/sshd_config has mode 0700, expected 0600 or stricter"},
        {"owner", 0100600, 1000, 0, status::fail,
         "/etc/ssh/sshd_config has owner 1000:0, expected root:root (0:0)"},
        {"both", 0100666, 0, 1000, status::fail,
         "/etc/ssh/sshd_config has mode 0666, expected 0600 or stricter; owner 0:1000, expected "
         "root:root (0:0)"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.what);
        verdict v = judge_file_mode(r.mode, r.uid, r.gid, path);
        CHECK(v.status == r.expected);
        CHECK(v.reason == r.reason);
    }
    CHECK(describe_file_mode(0100640, 0, 42) == "mode 0640, owner 0:42");
}
