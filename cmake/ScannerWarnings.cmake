# Warning flags for every target of the project; -Werror when SCANNER_WERROR is on (CI).
function(scanner_set_warnings target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wcast-align -Wformat=2 -Wimplicit-fallthrough
        $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wmissing-declarations>
        $<$<COMPILE_LANGUAGE:C>:-Wmissing-prototypes -Wstrict-prototypes>
        $<$<BOOL:${SCANNER_WERROR}>:-Werror>)
endfunction()
