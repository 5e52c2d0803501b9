// Loading one YAML (or JSON) document with yaml-cpp, refusing what the kubelet's reader refuses
// or what would be ambiguous: invalid UTF-8, no document, several documents, syntax errors.
#ifndef SCANNER_KUBERNETES_WORKER_YAML_DOCUMENT_HPP
#define SCANNER_KUBERNETES_WORKER_YAML_DOCUMENT_HPP

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "logic/parse_result.hpp"
#include "logic/yaml_scalar.hpp"

namespace scanner::kubernetes_worker {

/// The single document in `text`. Errors name the line: a syntax error, bytes that are not
/// UTF-8, an empty input (only comments or whitespace), or more than one document.
parse_result<YAML::Node> load_single_yaml_document(std::string_view text);

/// One key of a mapping, in document order, with the line (1-based) the key is written on.
struct yaml_entry {
    std::string key;
    YAML::Node value;
    int line = 0;
};

/// The entries of `mapping` with YAML merge keys (`<<: *anchor`) applied as go-yaml does:
/// merged entries first, explicit keys after them so that a later duplicate wins. Keys that
/// are not scalars are skipped. Returns an error for a malformed merge.
parse_result<std::vector<yaml_entry>> mapping_entries(const YAML::Node& mapping);

/// A document whose top level is a mapping, with its entries as mapping_entries gives them.
struct yaml_mapping_document {
    YAML::Node root;
    std::vector<yaml_entry> entries;
};

/// The single document in `text`, which must be a mapping: every configuration file the plugin
/// reads is one. Errors as load_single_yaml_document's, or "the top level must be a mapping".
parse_result<yaml_mapping_document> load_yaml_mapping(std::string_view text);

/// The value of the last entry named `key`, or nullptr.
const yaml_entry* find_entry(const std::vector<yaml_entry>& entries, std::string_view key);

/// The 1-based line of `node`, or 0 when yaml-cpp has no position for it.
int line_of(const YAML::Node& node);

/// The YAML 1.1 type of a scalar node, as the kubelet's reader would give it.
typed_scalar type_of_scalar(const YAML::Node& node);

/// True when the scalar was written with quotes (or another non-plain style).
bool is_quoted(const YAML::Node& node);

/// "a mapping", "a list", "null", or the description of a scalar: for messages.
std::string describe_node(const YAML::Node& node);

}  // namespace scanner::kubernetes_worker

#endif
