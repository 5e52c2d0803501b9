// Reads structured values out of a fuzzer's byte string, so one input describes a whole ABI
// struct. Past the end every number is 0 and every string absent, so any input is usable.
#ifndef SCANNER_FUZZ_FUZZ_INPUT_HPP
#define SCANNER_FUZZ_FUZZ_INPUT_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>

namespace scanner::fuzz {

class fuzz_input {
  public:
    fuzz_input(const uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    uint8_t byte() { return at_end() ? 0 : data_[offset_++]; }

    /// Four bytes, little-endian.
    uint32_t u32() {
        uint32_t value = 0;
        for (int shift = 0; shift < 32; shift += 8) value |= uint32_t{byte()} << shift;
        return value;
    }

    /// A length byte, then that many bytes; the length 255 means a null pointer. The text lives
    /// as long as this object, in its own allocation, so reading past its NUL is an overflow
    /// AddressSanitizer sees.
    const char* text() {
        uint8_t length = byte();
        if (length == 255) return nullptr;
        std::size_t n = std::min<std::size_t>(length, size_ - offset_);
        texts_.emplace_back(reinterpret_cast<const char*>(data_ + offset_), n);
        offset_ += n;
        return texts_.back().c_str();
    }

    /// Whatever is left, as one string.
    std::string_view rest() {
        std::string_view r(reinterpret_cast<const char*>(data_ + offset_), size_ - offset_);
        offset_ = size_;
        return r;
    }

    bool at_end() const { return offset_ >= size_; }

  private:
    const uint8_t* data_;
    std::size_t size_;
    std::size_t offset_ = 0;
    std::deque<std::string> texts_;
};

}  // namespace scanner::fuzz

#endif
