// How the kubelet's YAML reader (go-yaml v2 behind sigs.k8s.io/yaml, YAML 1.1 rules) types a
// scalar before the kubelet decodes it into its configuration: `yes` is a boolean, `0x1F` an
// integer, `"true"` (quoted) a string.
#ifndef SCANNER_KUBERNETES_WORKER_YAML_SCALAR_HPP
#define SCANNER_KUBERNETES_WORKER_YAML_SCALAR_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace scanner::kubernetes_worker {

enum class scalar_kind { null_value, boolean, integer, floating, string };

/// A scalar with the type YAML 1.1 resolution gives it.
struct typed_scalar {
    scalar_kind kind = scalar_kind::string;
    bool boolean = false;
    int64_t integer = 0;    // also set for a floating value that is a whole number in range
    bool integral = false;  // integer, or a floating value the kubelet accepts as an integer
    std::string text;       // the scalar as written
};

/// Types a plain (unquoted, untagged) scalar: null (``, `~`, `null`), booleans (`true`, `yes`,
/// `on`, `y` and their negations in lower, Capitalized and UPPER case), integers (decimal, 0x,
/// 0o, 0b, leading-zero octal, `_` separators), floats, otherwise a string.
typed_scalar resolve_plain_scalar(std::string_view text);

/// Types a scalar carrying an explicit YAML tag ("tag:yaml.org,2002:str", "!", ...). Quoted
/// scalars have the non-specific tag "!" and are strings.
typed_scalar resolve_tagged_scalar(std::string_view tag, std::string_view text);

/// "the boolean yes", "the integer 0", "the quoted string \"true\"", "null": for messages.
std::string describe_scalar(const typed_scalar& scalar, bool quoted);

}  // namespace scanner::kubernetes_worker

#endif
