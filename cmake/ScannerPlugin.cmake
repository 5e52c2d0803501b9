# scanner_add_plugin(<target> [OUTPUT_DIR dir] [NO_INSTALL] SOURCES src...)
#
# Builds a check pack the way the host expects it: a MODULE library named <target>.so (no "lib"
# prefix), position independent, hidden visibility with only the entry symbol exported, and no
# undefined symbols left for the host to resolve. Unless NO_INSTALL, `cmake --install` puts it in
# lib/scanner/plugins under the install prefix.
#
# The scanner's own build and the installed package (find_package(Scanner)) both include this
# file. The package sets SCANNER_PLUGIN_EXPORTS_MAP to its installed copy of the version script
# first; the scanner's own build also sets SCANNER_PLUGIN_OUTPUT_DIR, SCANNER_PLUGIN_INSTALL_DIR
# and its warning flags (scanner_set_warnings).
include_guard(GLOBAL)

if(NOT SCANNER_PLUGIN_EXPORTS_MAP)
    set(SCANNER_PLUGIN_EXPORTS_MAP ${CMAKE_CURRENT_LIST_DIR}/scanner-plugin-exports.map)
endif()
# A global property, so that the function finds the script from any directory or function scope.
set_property(GLOBAL PROPERTY SCANNER_PLUGIN_EXPORTS_MAP ${SCANNER_PLUGIN_EXPORTS_MAP})

function(scanner_add_plugin target)
    cmake_parse_arguments(arg "NO_INSTALL" "OUTPUT_DIR" "SOURCES" ${ARGN})
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "scanner_add_plugin(${target}): SOURCES is required")
    endif()
    if(NOT arg_OUTPUT_DIR)
        set(arg_OUTPUT_DIR ${SCANNER_PLUGIN_OUTPUT_DIR})
    endif()
    if(NOT SCANNER_PLUGIN_INSTALL_DIR)
        set(SCANNER_PLUGIN_INSTALL_DIR lib/scanner/plugins)
    endif()
    get_property(exports_map GLOBAL PROPERTY SCANNER_PLUGIN_EXPORTS_MAP)

    add_library(${target} MODULE ${arg_SOURCES})
    target_link_libraries(${target} PRIVATE Scanner::plugin_api)
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        C_VISIBILITY_PRESET hidden
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        POSITION_INDEPENDENT_CODE ON
        LINK_DEPENDS ${exports_map})
    if(arg_OUTPUT_DIR)
        set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${arg_OUTPUT_DIR})
    endif()
    target_link_options(${target} PRIVATE
        -Wl,--no-undefined -Wl,--version-script=${exports_map})
    # The scanner's own warning flags; a vendor's build keeps its own.
    if(COMMAND scanner_set_warnings)
        scanner_set_warnings(${target})
    endif()
    if(NOT arg_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION ${SCANNER_PLUGIN_INSTALL_DIR})
    endif()
endfunction()
