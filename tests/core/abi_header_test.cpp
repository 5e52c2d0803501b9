// plugin_api.h and the C++ helper compile as C++; the C translation unit pins the layout.
#include <doctest/doctest.h>
#include <scanner/plugin.hpp>

#include <type_traits>

extern "C" int abi_header_compiles_as_c(void);

static_assert(std::is_standard_layout_v<scanner_check_context>);
static_assert(std::is_trivially_copyable_v<scanner_plugin_descriptor>);
static_assert(sizeof(scanner_plugin_descriptor) == 72 || sizeof(void*) != 8);

TEST_CASE("the ABI header is the same contract in C and C++") {
    CHECK(abi_header_compiles_as_c() == SCANNER_ABI_VERSION_MAJOR);
    CHECK(std::string(SCANNER_PLUGIN_ENTRY_V1_NAME) == "scanner_plugin_entry_v1");
}
