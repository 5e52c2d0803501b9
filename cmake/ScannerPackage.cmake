# What `cmake --install` gives plugin authors besides the scanner and its plugins: the CMake
# package (find_package(Scanner): Scanner::plugin_api, Scanner::testing, scanner_add_plugin), the
# linker version script, a pkg-config file, and the testing library with its headers.
include(CMakePackageConfigHelpers)

set(SCANNER_PACKAGE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Scanner)
set(SCANNER_EXPORTS_MAP_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/scanner)
set(SCANNER_TESTING_INCLUDE_DIR ${CMAKE_INSTALL_INCLUDEDIR}/scanner/testing)
file(STRINGS ${PROJECT_SOURCE_DIR}/plugin-api/include/scanner/plugin_api.h abi_lines
     REGEX "^#define SCANNER_ABI_VERSION_(MAJOR|MINOR) ")
string(REGEX REPLACE ".*MAJOR ([0-9]+).*MINOR ([0-9]+).*" "\\1.\\2" SCANNER_ABI_VERSION
       "${abi_lines}")

# Scanner::testing: loads one plugin and runs its checks against a fixture root, in a plugin's
# own tests. A shared library holding the core and the loader, so linking it needs nothing else.
add_library(scanner_testing SHARED
    ${PROJECT_SOURCE_DIR}/tests/support/plugin_harness.cpp
    ${PROJECT_SOURCE_DIR}/tests/support/fixture_root.cpp)
target_link_libraries(scanner_testing
    PUBLIC Scanner::plugin_api
    PRIVATE scanner_host scanner_core)
target_include_directories(scanner_testing
    INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
# Its headers use C++20 (defaulted comparisons).
target_compile_features(scanner_testing PUBLIC cxx_std_20)
set_target_properties(scanner_testing PROPERTIES
    OUTPUT_NAME scanner-testing
    EXPORT_NAME testing
    VERSION ${PROJECT_VERSION}
    # While the project is at 0.x, any minor version may change the C++ interface.
    SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
    LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib)
scanner_set_warnings(scanner_testing)

install(TARGETS scanner_testing EXPORT ScannerTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
# plugin_harness.hpp includes "core/check.hpp", found beside it.
install(FILES ${PROJECT_SOURCE_DIR}/tests/support/plugin_harness.hpp
              ${PROJECT_SOURCE_DIR}/tests/support/fixture_root.hpp
        DESTINATION ${SCANNER_TESTING_INCLUDE_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/core/check.hpp DESTINATION ${SCANNER_TESTING_INCLUDE_DIR}/core)

install(EXPORT ScannerTargets NAMESPACE Scanner:: DESTINATION ${SCANNER_PACKAGE_INSTALL_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/ScannerConfig.cmake.in
    ${PROJECT_BINARY_DIR}/package/ScannerConfig.cmake
    INSTALL_DESTINATION ${SCANNER_PACKAGE_INSTALL_DIR}
    PATH_VARS SCANNER_EXPORTS_MAP_INSTALL_DIR SCANNER_PLUGIN_INSTALL_DIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/ScannerConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/ScannerConfig.cmake
              ${PROJECT_BINARY_DIR}/package/ScannerConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/ScannerPlugin.cmake
        DESTINATION ${SCANNER_PACKAGE_INSTALL_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/cmake/scanner-plugin-exports.map
        DESTINATION ${SCANNER_EXPORTS_MAP_INSTALL_DIR})

# pkg-config finds the prefix from where the .pc file lies, so the install can be moved.
set(SCANNER_PKGCONFIG_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/pkgconfig)
file(RELATIVE_PATH SCANNER_PKGCONFIG_TO_PREFIX /prefix/${SCANNER_PKGCONFIG_INSTALL_DIR} /prefix)
string(REGEX REPLACE "/$" "" SCANNER_PKGCONFIG_TO_PREFIX ${SCANNER_PKGCONFIG_TO_PREFIX})
configure_file(${PROJECT_SOURCE_DIR}/cmake/scanner-plugin.pc.in
    ${PROJECT_BINARY_DIR}/package/scanner-plugin.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/scanner-plugin.pc
        DESTINATION ${SCANNER_PKGCONFIG_INSTALL_DIR})
