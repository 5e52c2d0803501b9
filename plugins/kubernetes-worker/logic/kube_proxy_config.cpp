#include "logic/kube_proxy_config.hpp"

#include "logic/yaml_document.hpp"

namespace scanner::kubernetes_worker {

parse_result<kube_proxy_config> parse_kube_proxy_config(std::string_view text) {
    auto document = load_yaml_mapping(text);
    if (!document) return document.error();

    kube_proxy_config config;
    const yaml_entry* address = find_entry(document->entries, "metricsBindAddress");
    if (address == nullptr || address->value.IsNull()) return config;
    typed_scalar s = address->value.IsScalar() ? type_of_scalar(address->value) : typed_scalar{};
    if (!address->value.IsScalar() || s.kind != scalar_kind::string) {
        return parse_error{address->line, "metricsBindAddress must be a string, got " +
                                              describe_node(address->value)};
    }
    config.metrics_bind_address = config_value<std::string>{s.text, address->line, s.text};
    return config;
}

bool binds_all_interfaces(std::string_view address) {
    std::string_view host = address;
    if (!host.empty() && host.front() == '[') {
        size_t close = host.find(']');
        host = close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1);
    } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        // Only one colon can separate a port; more colons make a bare IPv6 address.
        if (host.find(':') == colon) host = host.substr(0, colon);
    }
    return host.empty() || host == "0.0.0.0" || host == "::" || host == "0:0:0:0:0:0:0:0";
}

}  // namespace scanner::kubernetes_worker
