// Turning an ExecStart= line into the argument vector systemd starts, with the unit's
// environment: quoting, C escapes, `$VAR` and `${VAR}` expansion, and the `-@:+!` prefixes.
#ifndef SCANNER_KUBERNETES_WORKER_SYSTEMD_EXEC_HPP
#define SCANNER_KUBERNETES_WORKER_SYSTEMD_EXEC_HPP

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "logic/parse_result.hpp"

namespace scanner::kubernetes_worker {

/// Variables a unit's command line can refer to.
using unit_environment = std::map<std::string, std::string>;

/// Splits a systemd value into words: whitespace separates, single and double quotes group,
/// backslash escapes (`\n`, `\t`, `\\`, `\"`, `\xNN`, ...) are decoded. Fails on an unmatched
/// quote.
parse_result<std::vector<std::string>> split_systemd_words(std::string_view value);

/// The assignments of one `Environment=` value ("A=1" "B=two words"), in order.
std::vector<std::pair<std::string, std::string>> parse_environment_assignments(
    std::string_view value);

/// The program and arguments an ExecStart= value starts.
struct exec_command {
    std::vector<std::string> argv;        // argv[0] is the program path
    std::vector<std::string> unresolved;  // variables referred to but not set (expanded to "")
};

/// Splits `value`, strips the `-`, `@`, `:`, `+`, `!` prefixes (with `@` the second word is
/// argv[0] and is dropped), and expands variables as systemd does: a word that is exactly
/// `$NAME` becomes the value split at whitespace (zero or more words), `${NAME}` anywhere in a
/// word is replaced verbatim, `$$` is a literal `$`. With the `:` prefix nothing is expanded.
/// Specifiers (`%n`, `%i`) are left as written.
parse_result<exec_command> parse_exec_start(std::string_view value, const unit_environment& env);

}  // namespace scanner::kubernetes_worker

#endif
