# SCANNER_SANITIZE=address,undefined builds everything with those sanitizers.
if(SCANNER_SANITIZE)
    add_compile_options(-fsanitize=${SCANNER_SANITIZE} -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${SCANNER_SANITIZE})
    # GCC's sanitizer instrumentation makes -Wmaybe-uninitialized report variables that are set
    # (in libstdc++'s <regex>, for one); the warning stays on in every other build.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        add_compile_options(-Wno-maybe-uninitialized)
    endif()
endif()
