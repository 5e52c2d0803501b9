// Small text helpers shared by the configuration parsers: lines, trimming, whitespace tokens.
#ifndef BOTTLEROCKET_OS_TEXT_HPP
#define BOTTLEROCKET_OS_TEXT_HPP

#include <string_view>
#include <vector>

namespace bottlerocket_os {

/// Splits `text` into lines on '\n', dropping one trailing '\r' per line (CRLF files); a final
/// newline does not make an empty last line.
std::vector<std::string_view> split_lines(std::string_view text);

/// `text` without leading and trailing ASCII whitespace (space, \t, \r, \n, \v, \f).
std::string_view trim(std::string_view text);

/// Tokens of `text` separated by runs of ASCII whitespace.
std::vector<std::string_view> split_words(std::string_view text);

/// ASCII whitespace, as isspace() in the C locale.
bool is_space(char c);

/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

}  // namespace bottlerocket_os

#endif
