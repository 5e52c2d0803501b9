// The entry point every fuzz target defines, called by libFuzzer or by replay_main.cpp.
#ifndef SCANNER_FUZZ_FUZZ_TARGET_HPP
#define SCANNER_FUZZ_FUZZ_TARGET_HPP

#include <cstddef>
#include <cstdint>

/// Runs the code under test on one input. Returns 0; a bug shows as a crash or a sanitizer
/// report, an input that breaks an invariant as __builtin_trap().
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size);

#endif
