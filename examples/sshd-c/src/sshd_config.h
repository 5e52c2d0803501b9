/* Reading sshd_config(5) the way sshd does, and judging what was read: no I/O here, so all of it
 * is tested on strings.
 *
 * sshd's rules that matter here: lines are "Keyword arguments" or "Keyword=arguments"; keywords
 * are case-insensitive; '#' starts a comment; the first value of a keyword wins; every line after
 * the first Match line belongs to a Match block, whose values override the global ones for the
 * connections it matches. Include is not followed: a file that uses it cannot be judged here. */
#ifndef EXAMPLE_SSHD_CONFIG_H
#define EXAMPLE_SSHD_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define SSHD_VALUE_MAX 64

/* How the configuration sets one keyword. Line numbers start at 1; 0 means "no such line". */
typedef struct sshd_setting {
    unsigned line;                    /* the global setting (before any Match), or 0 if unset */
    char value[SSHD_VALUE_MAX];       /* its first argument, truncated to fit */
    unsigned match_line;              /* first Match-block setting whose value differs from it */
    char match_value[SSHD_VALUE_MAX]; /* that setting's value */
    unsigned include_line;            /* the first Include directive anywhere */
} sshd_setting;

/* Finds `keyword` (any case) in the `size` bytes of `text`. */
void sshd_find_setting(const char* text, size_t size, const char* keyword, sshd_setting* out);

/* A verdict: one of SCANNER_STATUS_* and the reason for it (empty for PASS). */
typedef struct sshd_verdict {
    int32_t status;
    char reason[512];
} sshd_verdict;

/* Judges a yes/no style keyword that must be `required` everywhere; `default_value` is what sshd
 * uses when the keyword is not set; `path` names the file in reasons. */
void sshd_judge_setting(const sshd_setting* setting, const char* keyword, const char* required,
                        const char* default_value, const char* path, sshd_verdict* out);

/* Judges the file's mode and owner: 0600 or stricter, owned by root:root. */
void sshd_judge_file_mode(uint32_t mode, uint32_t uid, uint32_t gid, const char* path,
                          sshd_verdict* out);

#endif
