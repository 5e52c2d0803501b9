/* plugin_api.h compiles as strict C11 and its layout is pinned: a change here is an ABI break. */
#include <scanner/plugin_api.h>

#include <stddef.h>

_Static_assert(sizeof(void*) != 8 || sizeof(scanner_plugin_descriptor) == 72,
               "descriptor layout changed");
_Static_assert(offsetof(scanner_plugin_descriptor, init) == 56, "descriptor layout changed");
_Static_assert(sizeof(void*) != 8 || sizeof(scanner_check_def) == 72, "check layout changed");
_Static_assert(offsetof(scanner_check_def, run) == 56 || sizeof(void*) != 8,
               "check layout changed");
_Static_assert(sizeof(void*) != 8 || sizeof(scanner_host_api) == 48, "host API layout changed");
/* 1.0 ended at set_mode (112 bytes on LP64); 1.1 appended scan_id there. */
_Static_assert(sizeof(void*) != 8 || offsetof(scanner_check_context, scan_id) == 112,
               "context layout changed");
_Static_assert(sizeof(void*) != 8 || sizeof(scanner_check_context) == 120,
               "context layout changed");
_Static_assert(sizeof(scanner_stat) == 32, "stat layout changed");
_Static_assert(offsetof(scanner_check_context, struct_size) == 0, "struct_size must come first");

int abi_header_compiles_as_c(void);
int abi_header_compiles_as_c(void) { return SCANNER_ABI_VERSION_MAJOR; }
