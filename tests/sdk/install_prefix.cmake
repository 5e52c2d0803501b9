# cmake -DBUILD_DIR=<build> -DPREFIX=<prefix> -DSCRATCH=<dir> -P install_prefix.cmake
# Installs the build into a fresh prefix, and empties SCRATCH (where the examples are built).
foreach(var BUILD_DIR PREFIX SCRATCH)
    if(NOT ${var})
        message(FATAL_ERROR "install_prefix.cmake: ${var} is required")
    endif()
endforeach()
file(REMOVE_RECURSE ${PREFIX} ${SCRATCH})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cannot install ${BUILD_DIR} into ${PREFIX}: cmake --install gave ${result}")
endif()
