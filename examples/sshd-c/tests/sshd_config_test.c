/* The parser and the judges on strings, table-driven; exits non-zero on the first mismatch. */
#include <scanner/plugin_api.h>

#include <stdio.h>
#include <string.h>

#include "sshd_config.h"

static int failures = 0;

#define EXPECT(cond, what)                                                       \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, what, #cond); \
            ++failures;                                                          \
        }                                                                        \
    } while (0)

typedef struct find_case {
    const char* what;
    const char* config;
    unsigned line;
    const char* value;
    unsigned match_line;
    unsigned include_line;
} find_case;

static const find_case find_cases[] = {
    /* The plain form. */
    {"plain", "PermitRootLogin no\n", 1, "no", 0, 0},
    /* Keywords are case-insensitive; the value is kept as written. */
    {"any case", "permitrootlogin No\n", 1, "No", 0, 0},
    /* The first value wins. */
    {"first wins", "PermitRootLogin no\nPermitRootLogin yes\n", 1, "no", 0, 0},
    /* Comments, blank lines and indentation are passed over. */
    {"comments", "# PermitRootLogin yes\n\n   PermitRootLogin\tno # why\n", 3, "no", 0, 0},
    /* Keyword=value, with or without spaces, and quoted values. */
    {"equals", "PermitRootLogin=no\n", 1, "no", 0, 0},
    {"spaced equals", "PermitRootLogin = \"no\"\n", 1, "no", 0, 0},
    /* A keyword that only starts like ours is another keyword. */
    {"prefix", "PermitRootLoginX yes\n", 0, "", 0, 0},
    /* CRLF line ends and a missing final newline. */
    {"crlf", "Port 22\r\nPermitRootLogin no\r\n", 2, "no", 0, 0},
    {"no final newline", "PermitRootLogin no", 1, "no", 0, 0},
    /* After Match, settings are conditional: not the global value. */
    {"match only", "Match User backup\n  PermitRootLogin yes\n", 0, "", 2, 0},
    /* A Match block that repeats the global value is no override. */
    {"match same", "PermitRootLogin no\nMatch all\nPermitRootLogin NO\n", 1, "no", 0, 0},
    {"match differs", "PermitRootLogin no\nMatch Address 10.0.0.0/8\nPermitRootLogin yes\n", 1,
     "no", 3, 0},
    /* Include is noted wherever it is. */
    {"include", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n", 2, "no", 0, 1},
    {"empty", "", 0, "", 0, 0},
};

typedef struct judge_case {
    const char* what;
    const char* config;
    int32_t status;
    const char* reason;
} judge_case;

static const judge_case judge_cases[] = {
    {"compliant", "PermitRootLogin no\n", SCANNER_STATUS_PASS, ""},
    {"yes", "PermitRootLogin yes\n", SCANNER_STATUS_FAIL,
     "PermitRootLogin is yes (/etc/ssh/sshd_config line 1), expected no"},
    /* The default, prohibit-password, still lets root in with a key. */
    {"unset", "Port 22\n", SCANNER_STATUS_FAIL,
     "PermitRootLogin is not set in /etc/ssh/sshd_config, so sshd uses its default "
     "prohibit-password; expected no"},
    {"match override", "PermitRootLogin no\nMatch User root\n PermitRootLogin yes\n",
     SCANNER_STATUS_FAIL,
     "PermitRootLogin is yes in a Match block (/etc/ssh/sshd_config line 3), expected no for "
     "every connection"},
    /* An included file may set it first: not evaluated, never PASS. */
    {"include first", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n",
     SCANNER_STATUS_ERROR,
     "cannot evaluate PermitRootLogin: /etc/ssh/sshd_config line 1 includes other files, which "
     "this pack does not read; check the value sshd uses with sshd -T"},
    /* Set wrongly before any Include: final, whatever the included files say. */
    {"wrong before include", "PermitRootLogin yes\nInclude /etc/ssh/extra.conf\n",
     SCANNER_STATUS_FAIL, "PermitRootLogin is yes (/etc/ssh/sshd_config line 1), expected no"},
    /* Set rightly before an Include: the included file may hold a Match block. */
    {"right before include", "PermitRootLogin no\nInclude /etc/ssh/extra.conf\n",
     SCANNER_STATUS_ERROR,
     "cannot evaluate PermitRootLogin: /etc/ssh/sshd_config line 2 includes other files, which "
     "this pack does not read; check the value sshd uses with sshd -T"},
};

typedef struct mode_case {
    const char* what;
    uint32_t mode;
    uint32_t uid;
    uint32_t gid;
    int32_t status;
    const char* reason;
} mode_case;

static const mode_case mode_cases[] = {
    {"0600 root", 0100600, 0, 0, SCANNER_STATUS_PASS, ""},
    /* Stricter is fine. */
    {"0400 root", 0100400, 0, 0, SCANNER_STATUS_PASS, ""},
    {"0644", 0100644, 0, 0, SCANNER_STATUS_FAIL,
     "/etc/ssh/sshd_config has mode 0644, expected 0600 or stricter"},
    /* Execute and setuid bits are beyond 0600 too. */
    {"0700", 0100700, 0, 0, SCANNER_STATUS_FAIL,
     "/etc/ssh/sshd_config has mode 0700, expected 0600 or stricter"},
    {"owner", 0100600, 1000, 0, SCANNER_STATUS_FAIL,
     "/etc/ssh/sshd_config has owner 1000:0, expected root:root (0:0)"},
    {"both", 0100666, 0, 1000, SCANNER_STATUS_FAIL,
     "/etc/ssh/sshd_config has mode 0666, expected 0600 or stricter; owner 0:1000, expected "
     "root:root (0:0)"},
};

int main(void) {
    for (size_t i = 0; i < sizeof find_cases / sizeof find_cases[0]; ++i) {
        const find_case* c = &find_cases[i];
        sshd_setting s;
        sshd_find_setting(c->config, strlen(c->config), "PermitRootLogin", &s);
        EXPECT(s.line == c->line, c->what);
        EXPECT(strcmp(s.value, c->value) == 0, c->what);
        EXPECT(s.match_line == c->match_line, c->what);
        EXPECT(s.include_line == c->include_line, c->what);
    }
    for (size_t i = 0; i < sizeof judge_cases / sizeof judge_cases[0]; ++i) {
        const judge_case* c = &judge_cases[i];
        sshd_setting s;
        sshd_find_setting(c->config, strlen(c->config), "PermitRootLogin", &s);
        sshd_verdict v;
        sshd_judge_setting(&s, "PermitRootLogin", "no", "prohibit-password", "/etc/ssh/sshd_config",
                           &v);
        EXPECT(v.status == c->status, c->what);
        EXPECT(strcmp(v.reason, c->reason) == 0, c->what);
    }
    for (size_t i = 0; i < sizeof mode_cases / sizeof mode_cases[0]; ++i) {
        const mode_case* c = &mode_cases[i];
        sshd_verdict v;
        sshd_judge_file_mode(c->mode, c->uid, c->gid, "/etc/ssh/sshd_config", &v);
        EXPECT(v.status == c->status, c->what);
        EXPECT(strcmp(v.reason, c->reason) == 0, c->what);
    }
    if (failures == 0) printf("all sshd_config cases passed\n");
    return failures == 0 ? 0 : 1;
}
