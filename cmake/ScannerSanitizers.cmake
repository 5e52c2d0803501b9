# SCANNER_SANITIZE=address,undefined builds everything with those sanitizers.
if(SCANNER_SANITIZE)
    add_compile_options(-fsanitize=${SCANNER_SANITIZE} -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${SCANNER_SANITIZE})
endif()
