#include "logic/kubelet_flags.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <limits>
#include <string_view>

#include "logic/go_duration.hpp"

namespace scanner::kubernetes_worker {

namespace {

// Boolean kubelet and logging flags beyond the ones read below: they never take the next
// argument as their value, so it must not be swallowed when skipping them.
constexpr std::string_view other_boolean_flags[] = {
    "enable-server",
    "fail-swap-on",
    "authentication-token-webhook",
    "enable-debugging-handlers",
    "contention-profiling",
    "cgroups-per-qos",
    "cpu-cfs-quota",
    "enable-controller-attach-detach",
    "serialize-image-pulls",
    "protect-kernel-defaults",
    "register-node",
    "kernel-memcg-notification",
    "local-storage-capacity-isolation",
    "runonce",
    "exit-on-lock-contention",
    "register-schedulable",
    "keep-terminated-pod-volumes",
    "experimental-allocatable-ignore-eviction",
    "help",
    "version",
    "logtostderr",
    "alsologtostderr",
    "add-dir-header",
    "skip-headers",
    "skip-log-headers",
    "one-output",
    "log-json-split-stream",
};

// Go's strconv.ParseBool.
std::optional<bool> parse_go_bool(std::string_view s) {
    constexpr std::array<std::string_view, 6> truthy{"1", "t", "T", "TRUE", "true", "True"};
    constexpr std::array<std::string_view, 6> falsy{"0", "f", "F", "FALSE", "false", "False"};
    if (std::find(truthy.begin(), truthy.end(), s) != truthy.end()) return true;
    if (std::find(falsy.begin(), falsy.end(), s) != falsy.end()) return false;
    return std::nullopt;
}

// Go's strconv.ParseInt(s, 0, bits): sign, 0x/0o/0b or leading-zero octal, `_` between digits.
std::optional<int64_t> parse_go_int(std::string_view s, int64_t min, int64_t max) {
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    bool prefixed = false;
    if (s.size() > 1 && s[0] == '0') {
        prefixed = true;
        switch (s[1]) {
            case 'x':
            case 'X':
                base = 16;
                s.remove_prefix(2);
                break;
            case 'o':
            case 'O':
                base = 8;
                s.remove_prefix(2);
                break;
            case 'b':
            case 'B':
                base = 2;
                s.remove_prefix(2);
                break;
            default:
                base = 8;
                s.remove_prefix(1);
        }
    }
    std::string digits;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_') {
            // Go allows `_` only with base 0 between digits (after a prefix counts as between).
            bool between = i + 1 < s.size() && s[i + 1] != '_' && (i > 0 || prefixed);
            if (!between) return std::nullopt;
            continue;
        }
        digits.push_back(s[i]);
    }
    if (digits.empty()) return std::nullopt;
    uint64_t magnitude = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    if (negative) {
        if (magnitude > static_cast<uint64_t>(max) + 1) return std::nullopt;
        int64_t v = static_cast<int64_t>(0 - magnitude);
        if (v < min) return std::nullopt;
        return v;
    }
    if (magnitude > static_cast<uint64_t>(max)) return std::nullopt;
    return static_cast<int64_t>(magnitude);
}

std::string trim(std::string_view s) {
    constexpr std::string_view space = " \t\r\n";
    size_t first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    size_t last = s.find_last_not_of(space);
    return std::string(s.substr(first, last - first + 1));
}

std::vector<std::string> split(std::string_view s, char separator) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t end = s.find(separator, start);
        parts.emplace_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
}

// One `--name[=value]` occurrence as the parser met it.
struct occurrence {
    std::string name;
    std::string value;
    std::string text;  // "--name=value" as it will be shown to a person
};

using flag_setter = std::function<std::optional<parse_error>(const occurrence&, kubelet_flags&)>;

struct flag_spec {
    std::string_view name;
    bool boolean;
    flag_setter set;
};

parse_error invalid(const occurrence& o, std::string_view expected) {
    return parse_error{
        0, "invalid kubelet argument " + o.text + ": expected " + std::string(expected)};
}

flag_setter string_flag(std::optional<flag_value<std::string>> kubelet_flags::*member) {
    return [member](const occurrence& o, kubelet_flags& f) -> std::optional<parse_error> {
        f.*member = flag_value<std::string>{o.value, o.text};
        return std::nullopt;
    };
}

flag_setter bool_flag(std::optional<flag_value<bool>> kubelet_flags::*member) {
    return [member](const occurrence& o, kubelet_flags& f) -> std::optional<parse_error> {
        auto b = parse_go_bool(o.value);
        if (!b) return invalid(o, "true or false");
        f.*member = flag_value<bool>{*b, o.text};
        return std::nullopt;
    };
}

flag_setter int_flag(std::optional<flag_value<int64_t>> kubelet_flags::*member, int64_t min,
                     int64_t max) {
    return [member, min, max](const occurrence& o, kubelet_flags& f) -> std::optional<parse_error> {
        auto v = parse_go_int(o.value, min, max);
        if (!v) return invalid(o, "an integer in range");
        f.*member = flag_value<int64_t>{*v, o.text};
        return std::nullopt;
    };
}

flag_setter duration_flag(std::optional<flag_value<int64_t>> kubelet_flags::*member) {
    return [member](const occurrence& o, kubelet_flags& f) -> std::optional<parse_error> {
        auto v = parse_go_duration(o.value);
        if (!v) return invalid(o, "a duration such as 4h0m0s");
        f.*member = flag_value<int64_t>{*v, o.text};
        return std::nullopt;
    };
}

// pflag's string slice: the first occurrence replaces the default, later ones append.
flag_setter cipher_suites_flag() {
    return [](const occurrence& o, kubelet_flags& f) -> std::optional<parse_error> {
        std::vector<std::string> items;
        if (!o.value.empty()) {
            for (auto& item : split(o.value, ',')) items.push_back(trim(item));
        }
        if (!f.tls_cipher_suites) {
            f.tls_cipher_suites = flag_value<std::vector<std::string>>{items, o.text};
            return std::nullopt;
        }
        auto& existing = f.tls_cipher_suites->value;
        existing.insert(existing.end(), items.begin(), items.end());
        f.tls_cipher_suites->text += " " + o.text;
        return std::nullopt;
    };
}

// cliflag.MapStringBool: comma-separated name=bool pairs; occurrences accumulate.
flag_setter feature_gates_flag() {
    return [](const occurrence& o, kubelet_flags& f) -> std::optional<parse_error> {
        for (const auto& raw : split(o.value, ',')) {
            std::string pair = trim(raw);
            if (pair.empty()) continue;
            size_t eq = pair.find('=');
            if (eq == std::string::npos) return invalid(o, "name=true or name=false pairs");
            std::string name = trim(pair.substr(0, eq));
            auto value = parse_go_bool(trim(pair.substr(eq + 1)));
            if (!value) return invalid(o, "name=true or name=false pairs");
            f.feature_gates[name] = flag_value<bool>{*value, o.text};
        }
        return std::nullopt;
    };
}

const std::vector<flag_spec>& flag_table() {
    using k = kubelet_flags;
    constexpr int64_t i32_min = std::numeric_limits<int32_t>::min();
    constexpr int64_t i32_max = std::numeric_limits<int32_t>::max();
    constexpr int64_t i64_min = std::numeric_limits<int64_t>::min();
    constexpr int64_t i64_max = std::numeric_limits<int64_t>::max();
    static const std::vector<flag_spec> table = {
        {"config", false, string_flag(&k::config)},
        {"config-dir", false, string_flag(&k::config_dir)},
        {"kubeconfig", false, string_flag(&k::kubeconfig)},
        {"bootstrap-kubeconfig", false, string_flag(&k::bootstrap_kubeconfig)},
        {"hostname-override", false, string_flag(&k::hostname_override)},
        {"anonymous-auth", true, bool_flag(&k::anonymous_auth)},
        {"authorization-mode", false, string_flag(&k::authorization_mode)},
        {"client-ca-file", false, string_flag(&k::client_ca_file)},
        {"read-only-port", false, int_flag(&k::read_only_port, i32_min, i32_max)},
        {"streaming-connection-idle-timeout", false,
         duration_flag(&k::streaming_connection_idle_timeout)},
        {"make-iptables-util-chains", true, bool_flag(&k::make_iptables_util_chains)},
        {"tls-cert-file", false, string_flag(&k::tls_cert_file)},
        {"tls-private-key-file", false, string_flag(&k::tls_private_key_file)},
        {"rotate-server-certificates", true, bool_flag(&k::rotate_server_certificates)},
        {"rotate-certificates", true, bool_flag(&k::rotate_certificates)},
        {"tls-cipher-suites", false, cipher_suites_flag()},
        {"pod-max-pids", false, int_flag(&k::pod_max_pids, i64_min, i64_max)},
        {"seccomp-default", true, bool_flag(&k::seccomp_default)},
        {"feature-gates", false, feature_gates_flag()},
    };
    return table;
}

const flag_spec* find_flag(std::string_view name) {
    for (const auto& spec : flag_table()) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

bool is_other_boolean(std::string_view name) {
    return std::find(std::begin(other_boolean_flags), std::end(other_boolean_flags), name) !=
           std::end(other_boolean_flags);
}

}  // namespace

parse_result<kubelet_flags> parse_kubelet_flags(const std::vector<std::string>& args) {
    kubelet_flags flags;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            flags.positional.insert(flags.positional.end(), args.begin() + i + 1, args.end());
            break;
        }
        if (arg.size() < 2 || arg[0] != '-') {
            flags.positional.push_back(arg);
            continue;
        }
        if (arg[1] != '-') {
            // A shorthand such as `-v 2` or `-v=2`; only -h is boolean among the kubelet's.
            bool takes_next = arg.size() == 2 && arg != "-h" && i + 1 < args.size();
            if (takes_next) ++i;
            continue;
        }

        std::string body = arg.substr(2);
        size_t eq = body.find('=');
        occurrence o;
        o.name = body.substr(0, eq);
        std::replace(o.name.begin(), o.name.end(), '_', '-');
        bool has_value = eq != std::string::npos;
        if (has_value) o.value = body.substr(eq + 1);

        const flag_spec* spec = find_flag(o.name);
        bool boolean = spec != nullptr ? spec->boolean : is_other_boolean(o.name);
        if (!has_value && boolean) {
            o.value = "true";
        } else if (!has_value) {
            bool next_is_value = i + 1 < args.size() &&
                                 (spec != nullptr || args[i + 1].empty() || args[i + 1][0] != '-');
            if (next_is_value) {
                o.value = args[++i];
            } else if (spec != nullptr) {
                return parse_error{0,
                                   "invalid kubelet argument " + arg + ": the flag needs a value"};
            }
        }
        o.text = has_value || boolean ? arg : arg + " " + o.value;
        if (spec == nullptr) continue;
        if (auto error = spec->set(o, flags)) return *error;
    }
    return flags;
}

}  // namespace scanner::kubernetes_worker
