#include "logic/yaml_document.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>

namespace scanner::kubernetes_worker {

namespace {

// 1-based line of the first byte that is not part of a well-formed UTF-8 sequence, or 0.
int first_invalid_utf8_line(std::string_view text) {
    int line = 1;
    size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') ++line;
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t length = 0;
        uint32_t min_code = 0;
        uint32_t code = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            min_code = 0x80;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            min_code = 0x800;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            min_code = 0x10000;
            code = c & 0x07;
        } else {
            return line;
        }
        if (i + length > text.size()) return line;
        for (size_t k = 1; k < length; ++k) {
            auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return line;
            code = (code << 6) | (cc & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if (code < min_code || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return line;
        i += length;
    }
    return 0;
}

// Counts the documents of a stream without building them. yaml-cpp 0.7 (Debian 12) loops for ever
// on some malformed input, a lone "," among it: each round yields an empty document without
// consuming input (fixed upstream after 0.8). A document starting where the previous one did is
// that loop, so counting stops there instead of hanging.
class document_counter final : public YAML::EventHandler {
  public:
    void OnDocumentStart(const YAML::Mark& mark) override {
        stuck_ = documents_ > 0 && mark.pos == last_start_.pos;
        last_start_ = mark;
        ++documents_;
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node_at(mark); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node_at(mark); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  const std::string&) override {
        node_at(mark);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        node_at(mark);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        node_at(mark);
    }
    void OnMapEnd() override {}

    size_t documents() const { return documents_; }
    bool stuck() const { return stuck_; }
    const YAML::Mark& last_start() const { return last_start_; }
    /// Where the second document's root node is: the line a reader looks at.
    const YAML::Mark& second_root() const { return second_root_; }

  private:
    void node_at(const YAML::Mark& mark) {
        if (documents_ == 2 && second_root_.is_null()) second_root_ = mark;
    }

    size_t documents_ = 0;
    bool stuck_ = false;
    YAML::Mark last_start_ = YAML::Mark::null_mark();
    YAML::Mark second_root_ = YAML::Mark::null_mark();
};

bool is_merge_key(const YAML::Node& key) {
    return key.IsScalar() && key.Scalar() == "<<" && key.Tag() != "!";
}

}  // namespace

parse_result<YAML::Node> load_single_yaml_document(std::string_view text) {
    if (int line = first_invalid_utf8_line(text); line > 0) {
        return parse_error{line, "the file contains bytes that are not valid UTF-8"};
    }

    document_counter counter;
    YAML::Node document;
    try {
        std::istringstream stream{std::string(text)};
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(counter)) {
            if (counter.stuck()) {
                return parse_error{counter.last_start().line + 1,
                                   "cannot parse YAML: malformed YAML (no node where one belongs)"};
            }
        }
        if (counter.documents() == 1) document = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        std::string message = e.msg.empty() ? std::string("malformed YAML") : e.msg;
        return parse_error{e.mark.is_null() ? 0 : e.mark.line + 1, "cannot parse YAML: " + message};
    }

    if (counter.documents() == 0) {
        return parse_error{0, "the file is empty (it holds no YAML document)"};
    }
    if (counter.documents() > 1) {
        return parse_error{counter.second_root().line + 1,
                           "the file holds " + std::to_string(counter.documents()) +
                               " YAML documents; a configuration file must hold exactly one"};
    }
    return document;
}

namespace {

// Merges nest through aliases: an anchor merged into itself would otherwise never end, and
// mappings merging many aliases of each other grow exponentially (a "billion laughs").
constexpr int max_merge_depth = 32;
constexpr size_t max_merged_entries = 100'000;

parse_result<std::vector<yaml_entry>> collect_entries(const YAML::Node& mapping, int depth,
                                                      size_t& budget) {
    if (depth > max_merge_depth) {
        return parse_error{line_of(mapping),
                           "merge keys (<<) nest too deeply or refer to themselves"};
    }
    std::vector<yaml_entry> merged;
    std::vector<yaml_entry> explicit_entries;

    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        const YAML::Node key = it->first;
        const YAML::Node value = it->second;
        if (is_merge_key(key)) {
            std::vector<YAML::Node> sources;
            if (value.IsMap()) {
                sources.push_back(value);
            } else if (value.IsSequence()) {
                for (const auto& item : value) sources.push_back(item);
            }
            if (sources.empty()) {
                return parse_error{line_of(key), "a merge key (<<) must name a mapping"};
            }
            // Of several merged mappings the first one wins, so it is applied last.
            for (auto source = sources.rbegin(); source != sources.rend(); ++source) {
                if (!source->IsMap()) {
                    return parse_error{line_of(key), "a merge key (<<) must name mappings only"};
                }
                auto inner = collect_entries(*source, depth + 1, budget);
                if (!inner) return inner.error();
                if (inner->size() > budget) {
                    return parse_error{line_of(key), "merge keys (<<) expand to too many entries"};
                }
                budget -= inner->size();
                for (auto& entry : inner.value()) merged.push_back(std::move(entry));
            }
            continue;
        }
        if (!key.IsScalar()) continue;
        explicit_entries.push_back({key.Scalar(), value, line_of(key)});
    }

    merged.insert(merged.end(), explicit_entries.begin(), explicit_entries.end());
    return merged;
}

}  // namespace

parse_result<std::vector<yaml_entry>> mapping_entries(const YAML::Node& mapping) {
    size_t budget = max_merged_entries;
    return collect_entries(mapping, 0, budget);
}

const yaml_entry* find_entry(const std::vector<yaml_entry>& entries, std::string_view key) {
    auto it = std::find_if(entries.rbegin(), entries.rend(),
                           [&](const yaml_entry& e) { return e.key == key; });
    return it == entries.rend() ? nullptr : &*it;
}

int line_of(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

typed_scalar type_of_scalar(const YAML::Node& node) {
    if (node.IsNull()) return resolve_plain_scalar("");
    return resolve_tagged_scalar(node.Tag(), node.Scalar());
}

bool is_quoted(const YAML::Node& node) { return node.IsScalar() && node.Tag() == "!"; }

std::string describe_node(const YAML::Node& node) {
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    if (node.IsNull()) return "null";
    return describe_scalar(type_of_scalar(node), is_quoted(node));
}

parse_result<yaml_mapping_document> load_yaml_mapping(std::string_view text) {
    auto document = load_single_yaml_document(text);
    if (!document) return document.error();
    const YAML::Node& root = document.value();
    if (!root.IsMap()) {
        return parse_error{line_of(root),
                           "the top level must be a mapping, got " + describe_node(root)};
    }
    auto entries = mapping_entries(root);
    if (!entries) return entries.error();
    return yaml_mapping_document{root, std::move(entries.value())};
}

}  // namespace scanner::kubernetes_worker
