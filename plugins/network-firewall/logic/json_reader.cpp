#include "logic/json_reader.hpp"

#include <array>
#include <charconv>

namespace scanner::network_firewall {

namespace {

constexpr unsigned max_depth = 512;

// The bytes that end the plain run of a string: the closing quote, a backslash, and the control
// characters JSON forbids inside strings.
constexpr std::array<bool, 256> stops_string = [] {
    std::array<bool, 256> table{};
    for (unsigned c = 0; c < 0x20; ++c) table[c] = true;
    table['"'] = true;
    table['\\'] = true;
    return table;
}();

class reader {
  public:
    reader(std::string_view text) : text_(text) {}

    std::optional<json_error> run(std::string_view array_name,
                                  const std::function<void(json_view)>& element) {
        bool found = false;
        skip_blanks();
        if (!expect('{', "expected { at the start of the document")) return error_;
        skip_blanks();
        if (peek() == '}') {
            ++pos_;
        } else {
            while (true) {
                skip_blanks();
                std::string_view key;
                if (!expect('"', "expected a member name") || !string_body(key)) return error_;
                skip_blanks();
                if (!expect(':', "expected : after a member name")) return error_;
                skip_blanks();
                if (key == array_name && peek() == '[') {
                    found = true;
                    if (!elements(element)) return error_;
                } else {
                    clear();
                    if (!value(key)) return error_;  // read, then forgotten
                }
                skip_blanks();
                if (peek() == ',') {
                    ++pos_;
                    continue;
                }
                if (!expect('}', "expected , or } after a member")) return error_;
                break;
            }
        }
        skip_blanks();
        if (pos_ != text_.size()) {
            fail("unexpected text after the document");
            return error_;
        }
        if (!found) {
            return json_error{"no \"" + std::string(array_name) + "\" array at the top level",
                              json_error::no_offset};
        }
        return std::nullopt;
    }

  private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    void skip_blanks() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                       text_[pos_] == '\t' || text_[pos_] == '\r')) {
            ++pos_;
        }
    }

    bool fail(std::string message) {
        if (!error_) error_ = json_error{std::move(message), pos_};
        return false;
    }

    bool expect(char c, const char* message) {
        if (peek() != c) return fail(message);
        ++pos_;
        return true;
    }

    void clear() {
        nodes_.clear();
        decoded_.clear();
    }

    bool elements(const std::function<void(json_view)>& element) {
        ++pos_;  // [
        skip_blanks();
        if (peek() == ']') {
            ++pos_;
            return true;
        }
        while (true) {
            clear();
            if (!value({})) return false;
            element(json_view(&nodes_, 0));
            skip_blanks();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            return expect(']', "expected , or ] after an array element");
        }
    }

    bool value(std::string_view key) {
        if (++depth_ > max_depth) return fail("values nest deeper than 512 levels");
        skip_blanks();
        auto index = static_cast<uint32_t>(nodes_.size());
        nodes_.push_back({json_kind::null, 0, key, {}});
        bool ok = false;
        char c = peek();
        if (c == '{') {
            nodes_[index].kind = json_kind::object;
            ok = container('}');
        } else if (c == '[') {
            nodes_[index].kind = json_kind::array;
            ok = container(']');
        } else if (c == '"') {
            ++pos_;
            nodes_[index].kind = json_kind::string;
            std::string_view contents;
            ok = string_body(contents);
            nodes_[index].text = contents;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            nodes_[index].kind = json_kind::number;
            ok = number(nodes_[index].text);
        } else {
            ok = literal(index);
        }
        nodes_[index].end = static_cast<uint32_t>(nodes_.size());
        --depth_;
        return ok;
    }

    bool container(char close) {
        ++pos_;
        skip_blanks();
        if (peek() == close) {
            ++pos_;
            return true;
        }
        while (true) {
            skip_blanks();
            std::string_view key;
            if (close == '}') {
                if (!expect('"', "expected a member name") || !string_body(key)) return false;
                skip_blanks();
                if (!expect(':', "expected : after a member name")) return false;
            }
            if (!value(key)) return false;
            skip_blanks();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            return expect(close, close == '}' ? "expected , or } after a member"
                                              : "expected , or ] after an array element");
        }
    }

    bool literal(uint32_t index) {
        for (auto [word, kind] : {std::pair{std::string_view("true"), json_kind::boolean},
                                  std::pair{std::string_view("false"), json_kind::boolean},
                                  std::pair{std::string_view("null"), json_kind::null}}) {
            if (text_.substr(pos_, word.size()) == word) {
                nodes_[index].kind = kind;
                nodes_[index].text = text_.substr(pos_, word.size());
                pos_ += word.size();
                return true;
            }
        }
        return fail("unexpected character");
    }

    bool number(std::string_view& out) {
        size_t start = pos_;
        auto digits = [&] {
            size_t first = pos_;
            while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
            return pos_ > first;
        };
        if (peek() == '-') ++pos_;
        if (!digits()) return fail("expected digits in a number");
        if (peek() == '.') {
            ++pos_;
            if (!digits()) return fail("expected digits after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!digits()) return fail("expected digits in an exponent");
        }
        out = text_.substr(start, pos_ - start);
        return true;
    }

    static void append_utf8(std::string& out, uint32_t code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xc0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xe0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        }
    }

    bool hex4(uint32_t& code) {
        if (pos_ + 4 > text_.size()) return fail("expected four hex digits after \\u");
        auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
        if (ec != std::errc() || end != text_.data() + pos_ + 4) {
            return fail("expected four hex digits after \\u");
        }
        pos_ += 4;
        return true;
    }

    // Reads up to the closing quote (the opening one is consumed). Strings without escapes are
    // views into the text; others are decoded into storage kept until the next element.
    bool string_body(std::string_view& out) {
        size_t start = pos_;
        // Strings are most of the text: one table lookup per byte finds the end.
        const char* p = text_.data() + pos_;
        const char* end = text_.data() + text_.size();
        while (p != end && !stops_string[static_cast<unsigned char>(*p)]) ++p;
        pos_ = static_cast<size_t>(p - text_.data());
        if (pos_ < text_.size() && static_cast<unsigned char>(text_[pos_]) < 0x20) {
            return fail("control character in a string");
        }
        if (pos_ >= text_.size()) return fail("unterminated string");
        if (text_[pos_] == '"') {
            out = text_.substr(start, pos_ - start);
            ++pos_;
            return true;
        }
        auto decoded = std::make_unique<std::string>(text_.substr(start, pos_ - start));
        while (pos_ < text_.size() && text_[pos_] != '"') {
            char c = text_[pos_++];
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
            if (c != '\\') {
                *decoded += c;
                continue;
            }
            char e = peek();
            ++pos_;
            switch (e) {
                case '"':
                    *decoded += '"';
                    break;
                case '\\':
                    *decoded += '\\';
                    break;
                case '/':
                    *decoded += '/';
                    break;
                case 'b':
                    *decoded += '\b';
                    break;
                case 'f':
                    *decoded += '\f';
                    break;
                case 'n':
                    *decoded += '\n';
                    break;
                case 'r':
                    *decoded += '\r';
                    break;
                case 't':
                    *decoded += '\t';
                    break;
                case 'u': {
                    uint32_t code = 0;
                    if (!hex4(code)) return false;
                    if (code >= 0xd800 && code < 0xdc00 && text_.substr(pos_, 2) == "\\u") {
                        pos_ += 2;
                        uint32_t low = 0;
                        if (!hex4(low)) return false;
                        if (low < 0xdc00 || low >= 0xe000) return fail("unpaired surrogate");
                        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    }
                    append_utf8(*decoded, code);
                    break;
                }
                default:
                    return fail("unknown escape in a string");
            }
        }
        if (pos_ >= text_.size()) return fail("unterminated string");
        ++pos_;
        out = *decoded;
        decoded_.push_back(std::move(decoded));
        return true;
    }

    std::string_view text_;
    size_t pos_ = 0;
    unsigned depth_ = 0;
    std::vector<json_node> nodes_;
    std::vector<std::unique_ptr<std::string>> decoded_;
    std::optional<json_error> error_;
};

}  // namespace

std::optional<uint64_t> json_view::as_unsigned() const {
    if (!is_number()) return std::nullopt;
    auto t = text();
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
    return value;
}

size_t json_view::size() const {
    size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
}

std::optional<json_error> read_json_array(std::string_view text, std::string_view array_name,
                                          const std::function<void(json_view)>& element) {
    return reader(text).run(array_name, element);
}

}  // namespace scanner::network_firewall
