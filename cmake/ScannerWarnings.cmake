# Warning flags for every target of the project; -Werror when SCANNER_WERROR is on (CI).
function(scanner_set_warnings target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wformat=2
        -Wimplicit-fallthrough -Wmissing-declarations
        $<$<BOOL:${SCANNER_WERROR}>:-Werror>)
endfunction()
