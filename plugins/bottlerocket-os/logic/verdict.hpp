// The outcome of one check as a value: status, reason, evidence and notes, before it is reported.
#ifndef BOTTLEROCKET_OS_VERDICT_HPP
#define BOTTLEROCKET_OS_VERDICT_HPP

#include <scanner/plugin.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace bottlerocket_os {

using scanner::sdk::status;

/// One thing a check read: where, and what it saw there.
struct observation {
    std::string source;
    std::string observed;

    friend bool operator==(const observation&, const observation&) = default;
};

/// A check's result before it crosses the ABI.
struct verdict {
    status state = status::error;
    std::string reason;
    std::vector<observation> evidence;
    std::vector<std::string> notes;
};

/// Collects what a check found, then decides: any failure makes FAIL (a finding stays a finding
/// even when another input could not be read), else any unknown input makes ERROR, else PASS.
class findings {
  public:
    /// Records an observation that goes into the evidence whatever the verdict.
    void observe(std::string source, std::string observed);
    /// Records something that does not meet the recommendation.
    void fail(std::string reason);
    /// Records an input that could not be evaluated.
    void unknown(std::string reason);
    /// Attaches a note shown with the result.
    void note(std::string text);

    bool failed() const { return !failures_.empty(); }
    bool incomplete() const { return !unknowns_.empty(); }

    /// The verdict; `pass_reason` is kept as the reason of a PASS (may be empty).
    verdict decide(std::string_view pass_reason = {}) const;

  private:
    std::vector<std::string> failures_;
    std::vector<std::string> unknowns_;
    std::vector<observation> evidence_;
    std::vector<std::string> notes_;
};

/// Quotes a path or value for a reason the way a reader expects: "x" with \" and \\ escaped and
/// control characters as \xNN, so a hostile file name cannot forge a line of the report.
std::string quoted(std::string_view text);

/// `text` escaped as quoted() does, without the surrounding quotes.
std::string escaped(std::string_view text);

}  // namespace bottlerocket_os

#endif
