#include "sshd_config.h"

#include <scanner/plugin_api.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* One line split into its keyword and first argument, both copied NUL-terminated. */
typedef struct sshd_line {
    char keyword[SSHD_VALUE_MAX];
    char value[SSHD_VALUE_MAX];
} sshd_line;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static void copy_span(char* dst, const char* begin, const char* end) {
    size_t n = (size_t)(end - begin);
    if (n >= SSHD_VALUE_MAX) n = SSHD_VALUE_MAX - 1;
    memcpy(dst, begin, n);
    dst[n] = '\0';
}

/* Splits [p, end) into keyword and first argument; returns 0 for a blank or comment line. */
static int split_line(const char* p, const char* end, sshd_line* out) {
    while (p < end && is_space(*p)) ++p;
    if (p == end || *p == '#') return 0;
    const char* keyword = p;
    while (p < end && !is_space(*p) && *p != '=') ++p;
    copy_span(out->keyword, keyword, p);

    while (p < end && is_space(*p)) ++p;
    if (p < end && *p == '=') ++p;
    while (p < end && is_space(*p)) ++p;
    const char* value = p;
    if (p < end && *p == '"') {
        value = ++p;
        while (p < end && *p != '"') ++p;
    } else if (p < end && *p == '#') {
        value = p; /* a comment right after the keyword: no argument */
    } else {
        while (p < end && !is_space(*p)) ++p;
    }
    copy_span(out->value, value, p);
    return 1;
}

void sshd_find_setting(const char* text, size_t size, const char* keyword, sshd_setting* out) {
    memset(out, 0, sizeof *out);
    const char* end = text + size;
    int in_match = 0;
    unsigned number = 0;
    for (const char* line = text; line < end; ++number) {
        const char* eol = memchr(line, '\n', (size_t)(end - line));
        if (eol == NULL) eol = end;
        sshd_line parsed;
        int has_keyword = split_line(line, eol, &parsed);
        line = eol + 1;
        if (!has_keyword) continue;

        if (strcasecmp(parsed.keyword, "Include") == 0) {
            if (out->include_line == 0) out->include_line = number + 1;
        } else if (strcasecmp(parsed.keyword, "Match") == 0) {
            in_match = 1;
        } else if (strcasecmp(parsed.keyword, keyword) != 0) {
            continue;
        } else if (!in_match) {
            if (out->line == 0) {
                out->line = number + 1;
                memcpy(out->value, parsed.value, sizeof out->value);
            }
        } else if (out->match_line == 0 &&
                   (out->line == 0 || strcasecmp(parsed.value, out->value) != 0)) {
            out->match_line = number + 1;
            memcpy(out->match_value, parsed.value, sizeof out->match_value);
        }
    }
}

void sshd_judge_setting(const sshd_setting* s, const char* keyword, const char* required,
                        const char* default_value, const char* path, sshd_verdict* out) {
    out->reason[0] = '\0';
    int compliant = s->line != 0 && strcasecmp(s->value, required) == 0;
    /* The first value wins, so one set before any Include is final. */
    int final = s->line != 0 && (s->include_line == 0 || s->line < s->include_line);
    if (final && !compliant) {
        out->status = SCANNER_STATUS_FAIL;
        snprintf(out->reason, sizeof out->reason, "%s is %s (%s line %u), expected %s", keyword,
                 s->value, path, s->line, required);
        return;
    }
    if (s->include_line != 0) {
        out->status = SCANNER_STATUS_ERROR;
        snprintf(out->reason, sizeof out->reason,
                 "cannot evaluate %s: %s line %u includes other files, which this pack does not "
                 "read; check the value sshd uses with sshd -T",
                 keyword, path, s->include_line);
        return;
    }
    if (s->line == 0) {
        out->status = SCANNER_STATUS_FAIL;
        snprintf(out->reason, sizeof out->reason,
                 "%s is not set in %s, so sshd uses its default %s; expected %s", keyword, path,
                 default_value, required);
        return;
    }
    if (s->match_line != 0) {
        out->status = SCANNER_STATUS_FAIL;
        snprintf(out->reason, sizeof out->reason,
                 "%s is %s in a Match block (%s line %u), expected %s for every connection",
                 keyword, s->match_value, path, s->match_line, required);
        return;
    }
    out->status = SCANNER_STATUS_PASS;
}

void sshd_judge_file_mode(uint32_t mode, uint32_t uid, uint32_t gid, const char* path,
                          sshd_verdict* out) {
    out->reason[0] = '\0';
    int mode_ok = (mode & 07177) == 0;
    int owner_ok = uid == 0 && gid == 0;
    if (mode_ok && owner_ok) {
        out->status = SCANNER_STATUS_PASS;
        return;
    }
    out->status = SCANNER_STATUS_FAIL;
    char mode_part[96] = "";
    char owner_part[96] = "";
    if (!mode_ok) {
        snprintf(mode_part, sizeof mode_part, "mode %04o, expected 0600 or stricter",
                 (unsigned)(mode & 07777));
    }
    if (!owner_ok) {
        snprintf(owner_part, sizeof owner_part, "owner %u:%u, expected root:root (0:0)",
                 (unsigned)uid, (unsigned)gid);
    }
    snprintf(out->reason, sizeof out->reason, "%s has %s%s%s", path, mode_part,
             mode_ok || owner_ok ? "" : "; ", owner_part);
}
