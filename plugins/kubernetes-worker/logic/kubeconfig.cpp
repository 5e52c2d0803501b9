#include "logic/kubeconfig.hpp"

#include <optional>

#include "logic/yaml_document.hpp"

namespace scanner::kubernetes_worker {

namespace {

std::string scalar_or_empty(const yaml_entry* entry) {
    if (entry == nullptr || !entry->value.IsScalar()) return {};
    return entry->value.Scalar();
}

// The `field` mapping of the list item in `list` whose name is `name`.
std::optional<yaml_entry> named_item(const yaml_entry* list, std::string_view name,
                                     std::string_view field) {
    if (list == nullptr || !list->value.IsSequence()) return std::nullopt;
    std::optional<yaml_entry> found;
    for (const auto& item : list->value) {
        if (!item.IsMap()) continue;
        auto entries = mapping_entries(item);
        if (!entries) continue;
        if (scalar_or_empty(find_entry(entries.value(), "name")) != name) continue;
        if (const yaml_entry* inner = find_entry(entries.value(), field)) found = *inner;
    }
    return found;
}

}  // namespace

parse_result<kubeconfig_user> parse_kubeconfig_user(std::string_view text) {
    auto document = load_yaml_mapping(text);
    if (!document) return document.error();
    const auto& top = document->entries;

    const yaml_entry* users = find_entry(top, "users");
    std::string user_name;
    std::string current = scalar_or_empty(find_entry(top, "current-context"));
    if (!current.empty()) {
        auto context = named_item(find_entry(top, "contexts"), current, "context");
        if (!context || !context->value.IsMap()) {
            return parse_error{0, "current-context " + current + " names no context in the file"};
        }
        auto context_entries = mapping_entries(context->value);
        if (!context_entries) return context_entries.error();
        user_name = scalar_or_empty(find_entry(context_entries.value(), "user"));
    } else if (users != nullptr && users->value.IsSequence() && users->value.size() == 1 &&
               users->value[0].IsMap()) {
        auto only = mapping_entries(users->value[0]);
        if (only) user_name = scalar_or_empty(find_entry(only.value(), "name"));
    }
    if (user_name.empty()) return parse_error{0, "no user is named for the current context"};

    auto user = named_item(users, user_name, "user");
    if (!user) return parse_error{0, "no user named " + user_name + " is defined"};

    kubeconfig_user out;
    out.name = user_name;
    out.line = user->line;
    if (!user->value.IsMap()) return out;
    auto fields = mapping_entries(user->value);
    if (!fields) return fields.error();
    const auto& f = fields.value();

    if (find_entry(f, "client-certificate") || find_entry(f, "client-certificate-data")) {
        out.kind = client_auth_kind::client_certificate;
        out.detail = scalar_or_empty(find_entry(f, "client-certificate"));
    } else if (const yaml_entry* exec = find_entry(f, "exec"); exec && exec->value.IsMap()) {
        out.kind = client_auth_kind::exec_plugin;
        auto exec_fields = mapping_entries(exec->value);
        if (exec_fields) out.detail = scalar_or_empty(find_entry(exec_fields.value(), "command"));
    } else if (find_entry(f, "token") || find_entry(f, "tokenFile")) {
        out.kind = client_auth_kind::token;
    }
    return out;
}

}  // namespace scanner::kubernetes_worker
