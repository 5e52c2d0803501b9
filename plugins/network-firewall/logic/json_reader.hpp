// A small JSON reader for `nft -j` output, which can run to tens of megabytes on a large host:
// it hands out the elements of one top-level array one at a time, each as a flat tree of views
// into the text, so memory stays proportional to one element rather than to the document.
#ifndef SCANNER_NETWORK_FIREWALL_JSON_READER_HPP
#define SCANNER_NETWORK_FIREWALL_JSON_READER_HPP

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scanner::network_firewall {

enum class json_kind : uint8_t { null, boolean, number, string, array, object };

/// One value of a parsed element, in pre-order: a container is followed by its members.
struct json_node {
    json_kind kind = json_kind::null;
    /// Index one past this value's last descendant.
    uint32_t end = 0;
    /// The member's name when the value sits in an object; empty in an array.
    std::string_view key;
    /// Strings: the unescaped contents; numbers and literals: their text.
    std::string_view text;
};

/// A value of a parsed element; a default-constructed view is "absent" and reads as null.
class json_view {
  public:
    json_view() = default;
    json_view(const std::vector<json_node>* nodes, uint32_t index) : nodes_(nodes), index_(index) {}

    bool present() const { return nodes_ != nullptr; }
    json_kind kind() const { return present() ? node().kind : json_kind::null; }
    bool is_null() const { return kind() == json_kind::null; }
    bool is_string() const { return kind() == json_kind::string; }
    bool is_number() const { return kind() == json_kind::number; }
    bool is_array() const { return kind() == json_kind::array; }
    bool is_object() const { return kind() == json_kind::object; }

    /// The member name of this value inside its object.
    std::string_view key() const { return present() ? node().key : std::string_view(); }
    /// String contents, or the text of a number or literal; empty for containers.
    std::string_view text() const { return present() ? node().text : std::string_view(); }
    /// The value of a non-negative integer, or nullopt.
    std::optional<uint64_t> as_unsigned() const;

    /// The member named `name` of an object, or an absent view.
    json_view operator[](std::string_view name) const;
    /// The first member of an object or element of an array, or an absent view.
    json_view first() const;
    /// How many members or elements a container has.
    size_t size() const;

    /// Iterates the members or elements of a container.
    class iterator {
      public:
        iterator(const std::vector<json_node>* nodes, uint32_t index)
            : nodes_(nodes), index_(index) {}
        json_view operator*() const { return {nodes_, index_}; }
        iterator& operator++() {
            index_ = (*nodes_)[index_].end;
            return *this;
        }
        bool operator!=(const iterator& other) const { return index_ != other.index_; }

      private:
        const std::vector<json_node>* nodes_;
        uint32_t index_;
    };
    iterator begin() const {
        if (!is_object() && !is_array()) return end();
        return {nodes_, index_ + 1};
    }
    iterator end() const { return {nodes_, present() ? node().end : 0}; }

  private:
    const json_node& node() const { return (*nodes_)[index_]; }

    const std::vector<json_node>* nodes_ = nullptr;
    uint32_t index_ = 0;
};

// Inline, so that a lookup by a literal name compiles to a compare of known length: the nft
// parser makes several per rule.
inline json_view json_view::operator[](std::string_view name) const {
    if (!is_object()) return {};
    for (json_view member : *this) {
        if (member.key() == name) return member;
    }
    return {};
}

inline json_view json_view::first() const {
    if ((!is_object() && !is_array()) || node().end == index_ + 1) return {};
    return {nodes_, index_ + 1};
}

/// Where reading failed: a message and the byte offset in the text.
struct json_error {
    static constexpr size_t no_offset = static_cast<size_t>(-1);

    std::string message;
    /// Byte offset of the error, or no_offset when it concerns the document as a whole.
    size_t offset = no_offset;
};

/// Reads `text`, a JSON object, and calls `element` for each element of its top-level array
/// member `array_name`, in order; other members are read and skipped. The view passed is valid
/// only during the call. Returns the first syntax error (with its offset), an error without
/// offset when there is no such array, or nullopt. Nesting deeper than 512 levels is an error
/// rather than a stack overflow.
std::optional<json_error> read_json_array(std::string_view text, std::string_view array_name,
                                          const std::function<void(json_view)>& element);

}  // namespace scanner::network_firewall

#endif
