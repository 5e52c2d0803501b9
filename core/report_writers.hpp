// Report writers: the text layout of Bottlerocket's report, and versioned JSON.
#ifndef SCANNER_CORE_REPORT_WRITERS_HPP
#define SCANNER_CORE_REPORT_WRITERS_HPP

#include <string>
#include <string_view>

#include "core/report.hpp"

namespace scanner::core {

/// Version of the JSON document described by docs/report.schema.json.
inline constexpr const char* report_schema_version = "1.0";

/// One block per benchmark, each laid out exactly like `apiclient report`.
std::string render_text(const scan_report& report);

/// One line of compact JSON and a newline.
std::string render_json(const scan_report& report);

/// `text` with control characters (and DEL) shown as `\xNN`, so that text from a target or a
/// plugin cannot break or forge a line of a report or a log; a tab is kept when `keep_tabs`.
std::string escape_controls(std::string_view text, bool keep_tabs = false);

}  // namespace scanner::core

#endif
