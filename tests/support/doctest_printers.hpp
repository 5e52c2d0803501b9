// Readable doctest messages for the check model: a failed `CHECK(s == status::pass)` prints
// "FAIL == PASS" rather than the enumerators' numbers. doctest finds these by argument-dependent
// lookup, so a test only has to include this header.
#ifndef SCANNER_TESTS_SUPPORT_DOCTEST_PRINTERS_HPP
#define SCANNER_TESTS_SUPPORT_DOCTEST_PRINTERS_HPP

#include <doctest/doctest.h>

#include <string>

#include "core/check.hpp"

namespace scanner::core {

inline doctest::String toString(status s) { return std::string(to_string(s)).c_str(); }
inline doctest::String toString(check_mode m) { return std::string(to_string(m)).c_str(); }

}  // namespace scanner::core

#endif
