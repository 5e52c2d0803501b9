// Whether the tests run in an AddressSanitizer build, where workers have no memory limit.
#ifndef SCANNER_TESTS_ISOLATION_SANITIZER_BUILD_HPP
#define SCANNER_TESTS_ISOLATION_SANITIZER_BUILD_HPP

namespace scanner::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool address_sanitizer_build = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool address_sanitizer_build = true;
#else
inline constexpr bool address_sanitizer_build = false;
#endif
#else
inline constexpr bool address_sanitizer_build = false;
#endif

}  // namespace scanner::testing

#endif
