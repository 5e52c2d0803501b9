// Check registration (core::registry::add and audit): a valid descriptor whose init registers
// checks built from the input, each definition and benchmark in a buffer exactly as large as its
// struct_size, so reading past what the plugin filled in is a heap overflow.
//
// Input: the plugin id (text); then up to 8 checks, each: a byte (0: stop), the definition's
// struct_size (u32), name, id, title (texts), a benchmark byte (0: null benchmark), the
// benchmark's struct_size (u32), name, version, url (texts), level and mode (u32 each), the
// remediation (text), and a byte (0: null run function).
#include <scanner/plugin_api.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "core/registry.hpp"
#include "fuzz/fuzz_input.hpp"
#include "fuzz/fuzz_target.hpp"

namespace {

scanner::fuzz::fuzz_input* current_input = nullptr;

void run_nothing(const scanner_check_context*, void*) {}

// A copy of `value` in a heap buffer of exactly `size` bytes (at least the size field).
template <class T>
std::unique_ptr<unsigned char[]> sized_copy(const T& value, uint32_t size) {
    std::size_t allocated = std::max<std::size_t>(size, sizeof(uint32_t));
    auto buffer = std::make_unique<unsigned char[]>(allocated);
    std::memcpy(buffer.get(), &value, std::min(allocated, sizeof value));
    return buffer;
}

int32_t register_from_input(const scanner_host_api* host) {
    auto& in = *current_input;
    std::vector<std::unique_ptr<unsigned char[]>> keep;
    for (int i = 0; i < 8 && in.byte() != 0; ++i) {
        scanner_check_def def{};
        def.struct_size = in.u32() % 256;
        def.name = in.text();
        def.id = in.text();
        def.title = in.text();
        if (in.byte() != 0) {
            scanner_benchmark benchmark{};
            benchmark.struct_size = in.u32() % 128;
            benchmark.name = in.text();
            benchmark.version = in.text();
            benchmark.url = in.text();
            keep.push_back(sized_copy(benchmark, benchmark.struct_size));
            def.benchmark = reinterpret_cast<const scanner_benchmark*>(keep.back().get());
        }
        def.level = in.u32();
        def.mode = in.u32();
        def.remediation = in.text();
        def.run = in.byte() != 0 ? &run_nothing : nullptr;
        auto sized = sized_copy(def, def.struct_size);
        host->register_check(host, reinterpret_cast<const scanner_check_def*>(sized.get()));
    }
    host->log(host, SCANNER_LOG_DEBUG, in.text());
    return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    scanner::fuzz::fuzz_input in(data, size);
    current_input = &in;
    const char* id = in.text();
    const scanner_plugin_descriptor descriptor{
        sizeof(scanner_plugin_descriptor),
        SCANNER_ABI_VERSION_MAJOR,
        SCANNER_ABI_VERSION_MINOR,
        id,
        "Fuzzed checks",
        "1.0.0",
        "fuzz",
        nullptr,
        &register_from_input,
        nullptr,
    };

    // audit() replays the same input, so it sees the same registrations.
    scanner::fuzz::fuzz_input replay(data, size);
    scanner::core::registry reg;
    auto refusal = reg.add(&descriptor, "fuzzed.so", nullptr);
    current_input = &replay;
    replay.text();
    auto audit = reg.audit(&descriptor, "fuzzed-again.so", nullptr);
    // An accepted plugin registered at least one check; its second copy is a duplicate.
    if (!refusal && (reg.checks().empty() || audit.problems.empty())) __builtin_trap();
    current_input = nullptr;
    return 0;
}
