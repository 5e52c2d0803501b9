// journald.conf and its drop-ins: the Storage= assignments of the [Journal] section, resolved
// over the main file and one drop-in (the input split at its first NUL), then judged.
#include "fuzz/fuzz_target.hpp"
#include "logic/journald_storage.hpp"
#include "logic/verdict.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t nul = input.find('\0');
    std::string main_file(input.substr(0, nul));
    std::string dropin(nul == std::string_view::npos ? "" : input.substr(nul + 1));
    bottlerocket_os::parse_journald_storage(main_file, bottlerocket_os::journald_main_config);
    auto storage = bottlerocket_os::resolve_journald_storage(
        {{std::string(bottlerocket_os::journald_main_config), main_file, 0},
         {"/etc/systemd/journald.conf.d/10-fuzz.conf", dropin, 0}});
    bottlerocket_os::findings out;
    bottlerocket_os::judge_journald_storage(storage, out);
    out.decide();
    return 0;
}
