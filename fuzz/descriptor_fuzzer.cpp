// Plugin-descriptor validation (core::validate_descriptor, core::descriptor_problems) on
// descriptors built from the input: any ABI version, any field, and a buffer exactly as large as
// the descriptor's struct_size, so reading a field beyond it is a heap overflow.
//
// Input: struct_size, abi_major, abi_minor (u32 each); id, name, version, vendor (texts); an
// alias count byte (255: no alias array) and that many texts; an init byte and a shutdown byte
// (0: null function).
#include <scanner/plugin_api.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "core/registry.hpp"
#include "fuzz/fuzz_input.hpp"
#include "fuzz/fuzz_target.hpp"

namespace {

int32_t init_nothing(const scanner_host_api*) { return 0; }
void shutdown_nothing() {}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    scanner::fuzz::fuzz_input in(data, size);
    scanner_plugin_descriptor d{};
    d.struct_size = in.u32() % 1024;
    d.abi_major = in.u32();
    d.abi_minor = in.u32();
    d.id = in.text();
    d.name = in.text();
    d.version = in.text();
    d.vendor = in.text();
    std::vector<const char*> aliases;
    uint8_t alias_count = in.byte();
    if (alias_count != 255) {
        for (uint8_t i = 0; i < alias_count; ++i) aliases.push_back(in.text());
        aliases.push_back(nullptr);
        d.aliases = aliases.data();
    }
    d.init = in.byte() != 0 ? &init_nothing : nullptr;
    d.shutdown = in.byte() != 0 ? &shutdown_nothing : nullptr;

    // Exactly struct_size bytes (at least the size field itself), as a plugin built against an
    // older, smaller descriptor would hand over.
    std::size_t allocated = std::max<std::size_t>(d.struct_size, sizeof d.struct_size);
    auto buffer = std::make_unique<unsigned char[]>(allocated);
    std::memcpy(buffer.get(), &d, std::min(allocated, sizeof d));
    const auto* sized = reinterpret_cast<const scanner_plugin_descriptor*>(buffer.get());

    auto verdict = scanner::core::validate_descriptor(sized);
    auto problems = scanner::core::descriptor_problems(sized);
    // Both say the same about acceptance.
    if (verdict.has_value() == problems.empty()) __builtin_trap();
    if (verdict && *verdict != problems.front()) __builtin_trap();
    return 0;
}
