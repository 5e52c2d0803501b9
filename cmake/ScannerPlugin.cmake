# scanner_add_plugin(<target> [OUTPUT_DIR dir] [NO_INSTALL] SOURCES src...)
#
# Builds a check pack the way the host expects it: a MODULE library named <target>.so (no "lib"
# prefix), position independent, hidden visibility with only the entry symbol exported, and no
# undefined symbols left for the host to resolve.
set(SCANNER_PLUGIN_EXPORTS_MAP ${CMAKE_CURRENT_LIST_DIR}/scanner-plugin-exports.map)

function(scanner_add_plugin target)
    cmake_parse_arguments(arg "NO_INSTALL" "OUTPUT_DIR" "SOURCES" ${ARGN})
    if(NOT arg_OUTPUT_DIR)
        set(arg_OUTPUT_DIR ${SCANNER_PLUGIN_OUTPUT_DIR})
    endif()
    add_library(${target} MODULE ${arg_SOURCES})
    target_link_libraries(${target} PRIVATE scanner::plugin_api)
    set_target_properties(${target} PROPERTIES
        PREFIX ""
        C_VISIBILITY_PRESET hidden
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        POSITION_INDEPENDENT_CODE ON
        LIBRARY_OUTPUT_DIRECTORY ${arg_OUTPUT_DIR}
        LINK_DEPENDS ${SCANNER_PLUGIN_EXPORTS_MAP})
    target_link_options(${target} PRIVATE
        -Wl,--no-undefined -Wl,--version-script=${SCANNER_PLUGIN_EXPORTS_MAP})
    scanner_set_warnings(${target})
    if(NOT arg_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION ${SCANNER_PLUGIN_INSTALL_DIR})
    endif()
endfunction()
