// Reading sshd_config(5) the way sshd does, and judging what was read. No I/O here: the checks in
// plugin.cpp read the target and pass the text in, and the tests pass strings.
//
// sshd's rules that matter here: lines are "Keyword arguments" or "Keyword=arguments"; keywords
// are case-insensitive; '#' starts a comment; the first value of a keyword wins; every line after
// the first Match line belongs to a Match block, whose values override the global ones for the
// connections it matches. Include is not followed: a file that uses it cannot be judged here.
#ifndef EXAMPLE_LABS_SSHD_CONFIG_HPP
#define EXAMPLE_LABS_SSHD_CONFIG_HPP

#include <scanner/plugin.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace example_labs {

/// How a configuration sets one keyword. Line numbers start at 1; 0 means "no such line".
struct sshd_setting {
    std::size_t line = 0;        // the global setting (before any Match), or 0 when unset
    std::string value;           // its first argument, as written
    std::size_t match_line = 0;  // the first Match-block setting whose value differs from it
    std::string match_value;
    std::size_t include_line = 0;  // the first Include directive anywhere

    friend bool operator==(const sshd_setting&, const sshd_setting&) = default;
};

/// Finds `keyword` (in any case) in the text of an sshd_config.
sshd_setting find_setting(std::string_view config, std::string_view keyword);

/// A keyword that must have one value for every connection.
struct keyword_rule {
    std::string_view keyword;
    std::string_view required;
    std::string_view sshd_default;  // what sshd uses when it is not set, per sshd_config(5)
};

/// A check's result before it is reported.
struct verdict {
    scanner::sdk::status status = scanner::sdk::status::error;
    std::string reason;  // empty for PASS
};

/// Judges `setting` of the file at `path` against `rule`.
verdict judge_setting(const sshd_setting& setting, const keyword_rule& rule, std::string_view path);

/// "mode 0644, owner 0:0": what the file-mode check observed.
std::string describe_file_mode(uint32_t mode, uint32_t uid, uint32_t gid);

/// Judges the mode and owner of the file at `path`: 0600 or stricter, owned by root:root.
verdict judge_file_mode(uint32_t mode, uint32_t uid, uint32_t gid, std::string_view path);

}  // namespace example_labs

#endif
