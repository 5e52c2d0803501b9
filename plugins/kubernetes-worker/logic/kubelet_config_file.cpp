#include "logic/kubelet_config_file.hpp"

#include <functional>
#include <limits>

#include "logic/go_duration.hpp"
#include "logic/yaml_document.hpp"

namespace scanner::kubernetes_worker {

namespace {

constexpr std::string_view expected_kind = "KubeletConfiguration";
constexpr std::string_view expected_api_version = "kubelet.config.k8s.io/v1beta1";

// A field found in the document: its dotted name for messages and its entry.
struct found_field {
    std::string name;
    yaml_entry entry;
};

template <class T>
using field_result = parse_result<std::optional<config_value<T>>>;

parse_error type_error(const found_field& f, std::string_view expected) {
    return parse_error{f.entry.line, f.name + " must be " + std::string(expected) + ", got " +
                                         describe_node(f.entry.value)};
}

// Walks `path` from the top-level mapping. A null or absent step means the field is not set;
// a step that is neither a mapping nor null is a type error, as in the kubelet's decoder.
parse_result<std::optional<found_field>> lookup(const std::vector<yaml_entry>& top,
                                                const std::vector<std::string_view>& path) {
    std::string name;
    const std::vector<yaml_entry>* entries = &top;
    std::vector<yaml_entry> nested;
    size_t step = 0;
    for (auto key : path) {
        if (!name.empty()) name += '.';
        name += key;
        const yaml_entry* entry = find_entry(*entries, key);
        if (entry == nullptr || entry->value.IsNull()) return std::optional<found_field>{};
        if (++step == path.size()) return std::optional<found_field>{found_field{name, *entry}};
        if (!entry->value.IsMap()) {
            return type_error(found_field{name, *entry}, "a mapping");
        }
        auto inner = mapping_entries(entry->value);
        if (!inner) return inner.error();
        nested = std::move(inner.value());
        entries = &nested;
    }
    return std::optional<found_field>{};
}

parse_result<typed_scalar> scalar_of(const found_field& f, std::string_view expected) {
    if (!f.entry.value.IsScalar()) return type_error(f, expected);
    return type_of_scalar(f.entry.value);
}

field_result<bool> read_bool(const std::optional<found_field>& f) {
    if (!f) return std::optional<config_value<bool>>{};
    auto s = scalar_of(*f, "a boolean (true or false)");
    if (!s) return s.error();
    if (s->kind != scalar_kind::boolean) return type_error(*f, "a boolean (true or false)");
    return std::optional<config_value<bool>>{{s->boolean, f->entry.line, s->text}};
}

field_result<int64_t> read_integer(const std::optional<found_field>& f, int64_t min, int64_t max) {
    if (!f) return std::optional<config_value<int64_t>>{};
    auto s = scalar_of(*f, "an integer");
    if (!s) return s.error();
    if (!s->integral) return type_error(*f, "an integer");
    if (s->integer < min || s->integer > max) {
        return parse_error{f->entry.line, f->name + " = " + s->text + " is out of range"};
    }
    return std::optional<config_value<int64_t>>{{s->integer, f->entry.line, s->text}};
}

field_result<std::string> read_string(const std::optional<found_field>& f) {
    if (!f) return std::optional<config_value<std::string>>{};
    auto s = scalar_of(*f, "a string");
    if (!s) return s.error();
    if (s->kind != scalar_kind::string) return type_error(*f, "a string (quote it)");
    return std::optional<config_value<std::string>>{{s->text, f->entry.line, s->text}};
}

// metav1.Duration decodes only from a string, which Go's time.ParseDuration must accept.
field_result<int64_t> read_duration(const std::optional<found_field>& f) {
    constexpr std::string_view expected = "a duration string such as \"4h0m0s\"";
    if (!f) return std::optional<config_value<int64_t>>{};
    auto s = scalar_of(*f, expected);
    if (!s) return s.error();
    if (s->kind != scalar_kind::string) return type_error(*f, expected);
    auto ns = parse_go_duration(s->text);
    if (!ns) {
        return parse_error{f->entry.line,
                           f->name + " = \"" + s->text + "\" is not a valid duration"};
    }
    return std::optional<config_value<int64_t>>{{*ns, f->entry.line, s->text}};
}

field_result<std::vector<std::string>> read_string_list(const std::optional<found_field>& f) {
    if (!f) return std::optional<config_value<std::vector<std::string>>>{};
    const YAML::Node& list = f->entry.value;
    if (!list.IsSequence()) return type_error(*f, "a list of strings");

    config_value<std::vector<std::string>> out;
    out.line = f->entry.line;
    for (const auto& item : list) {
        found_field element{f->name + "[]", yaml_entry{f->entry.key, item, line_of(item)}};
        if (!item.IsScalar()) return type_error(element, "a string");
        typed_scalar s = type_of_scalar(item);
        if (s.kind != scalar_kind::string) return type_error(element, "a string");
        out.value.push_back(s.text);
    }
    out.text = "[";
    for (size_t i = 0; i < out.value.size(); ++i) out.text += (i ? ", " : "") + out.value[i];
    out.text += "]";
    return std::optional<config_value<std::vector<std::string>>>{std::move(out)};
}

parse_result<std::map<std::string, config_value<bool>>> read_bool_map(
    const std::optional<found_field>& f) {
    std::map<std::string, config_value<bool>> gates;
    if (!f) return gates;
    if (!f->entry.value.IsMap()) return type_error(*f, "a mapping of names to booleans");
    auto entries = mapping_entries(f->entry.value);
    if (!entries) return entries.error();
    for (const auto& e : entries.value()) {
        found_field gate{f->name + "." + e.key, e};
        auto value = read_bool(std::optional<found_field>{gate});
        if (!value) return value.error();
        if (value.value()) gates[e.key] = *value.value();
    }
    return gates;
}

parse_result<bool> check_type_meta(const YAML::Node& root, const std::vector<yaml_entry>& top) {
    const yaml_entry* kind = find_entry(top, "kind");
    const yaml_entry* api_version = find_entry(top, "apiVersion");
    if (kind == nullptr || api_version == nullptr) {
        return parse_error{
            line_of(root),
            "kind or apiVersion is missing; the kubelet needs kind: " + std::string(expected_kind) +
                " and apiVersion: " + std::string(expected_api_version)};
    }
    if (!kind->value.IsScalar() || kind->value.Scalar() != expected_kind) {
        return parse_error{kind->line, "kind must be " + std::string(expected_kind) + ", got " +
                                           describe_node(kind->value)};
    }
    if (!api_version->value.IsScalar() || api_version->value.Scalar() != expected_api_version) {
        return parse_error{api_version->line, "apiVersion must be " +
                                                  std::string(expected_api_version) + ", got " +
                                                  describe_node(api_version->value)};
    }
    return true;
}

// Reads one field of the table below into the configuration, or says why it cannot.
using field_reader = std::function<std::optional<parse_error>(const std::optional<found_field>&,
                                                              kubelet_config_file&)>;

struct field_spec {
    std::vector<std::string_view> path;
    field_reader read;
};

template <class T, class Reader>
field_reader into(std::optional<config_value<T>> kubelet_config_file::*member, Reader reader) {
    return [member, reader](const std::optional<found_field>& f,
                            kubelet_config_file& config) -> std::optional<parse_error> {
        auto value = reader(f);
        if (!value) return value.error();
        config.*member = std::move(value.value());
        return std::nullopt;
    };
}

field_reader into_feature_gates() {
    return [](const std::optional<found_field>& f,
              kubelet_config_file& config) -> std::optional<parse_error> {
        auto gates = read_bool_map(f);
        if (!gates) return gates.error();
        config.feature_gates = std::move(gates.value());
        return std::nullopt;
    };
}

// readOnlyPort is an int32 in the kubelet's types, podPidsLimit an int64.
auto read_int32 = [](const std::optional<found_field>& f) {
    return read_integer(f, std::numeric_limits<int32_t>::min(),
                        std::numeric_limits<int32_t>::max());
};
auto read_int64 = [](const std::optional<found_field>& f) {
    return read_integer(f, std::numeric_limits<int64_t>::min(),
                        std::numeric_limits<int64_t>::max());
};

const std::vector<field_spec>& field_table() {
    using c = kubelet_config_file;
    static const std::vector<field_spec> table = {
        {{"authentication", "anonymous", "enabled"}, into(&c::anonymous_auth, read_bool)},
        {{"authentication", "x509", "clientCAFile"}, into(&c::client_ca_file, read_string)},
        {{"authorization", "mode"}, into(&c::authorization_mode, read_string)},
        {{"readOnlyPort"}, into(&c::read_only_port, read_int32)},
        {{"streamingConnectionIdleTimeout"},
         into(&c::streaming_connection_idle_timeout, read_duration)},
        {{"makeIPTablesUtilChains"}, into(&c::make_iptables_util_chains, read_bool)},
        {{"tlsCertFile"}, into(&c::tls_cert_file, read_string)},
        {{"tlsPrivateKeyFile"}, into(&c::tls_private_key_file, read_string)},
        {{"serverTLSBootstrap"}, into(&c::server_tls_bootstrap, read_bool)},
        {{"rotateCertificates"}, into(&c::rotate_certificates, read_bool)},
        {{"tlsCipherSuites"}, into(&c::tls_cipher_suites, read_string_list)},
        {{"podPidsLimit"}, into(&c::pod_pids_limit, read_int64)},
        {{"seccompDefault"}, into(&c::seccomp_default, read_bool)},
        {{"featureGates"}, into_feature_gates()},
    };
    return table;
}

}  // namespace

parse_result<kubelet_config_file> parse_kubelet_config(std::string_view text) {
    auto document = load_yaml_mapping(text);
    if (!document) return document.error();
    const auto& top = document->entries;
    if (auto meta = check_type_meta(document->root, top); !meta) return meta.error();

    kubelet_config_file config;
    for (const auto& field : field_table()) {
        auto where = lookup(top, field.path);
        if (!where) return where.error();
        if (auto error = field.read(where.value(), config)) return *error;
    }
    return config;
}

}  // namespace scanner::kubernetes_worker
