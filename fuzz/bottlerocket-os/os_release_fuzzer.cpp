// os-release(5): values with shell-style quoting, and the note for a target that is not
// Bottlerocket.
#include "fuzz/fuzz_target.hpp"
#include "logic/os_release.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    for (const char* key : {"ID", "VERSION_ID", "PRETTY_NAME"}) {
        bottlerocket_os::os_release_value(text, key);
    }
    bottlerocket_os::not_bottlerocket_note({"/etc/os-release", text, 0});
    return 0;
}
