// Durations written the way Go's time package reads and prints them, as the kubelet does for
// its flags and its configuration file ("4h0m0s", "5m", "1h30m", "0s").
#ifndef SCANNER_KUBERNETES_WORKER_GO_DURATION_HPP
#define SCANNER_KUBERNETES_WORKER_GO_DURATION_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scanner::kubernetes_worker {

/// Nanoseconds in `text` as Go's time.ParseDuration reads it: an optional sign, then one or more
/// decimal numbers each followed by a unit (ns, us, µs, ms, s, m, h); "0" alone is allowed.
/// Returns nullopt for anything Go rejects, overflow included.
std::optional<int64_t> parse_go_duration(std::string_view text);

/// `nanoseconds` as Go's Duration.String prints it: "4h0m0s", "1m30s", "1.5s", "300ms", "0s".
std::string format_go_duration(int64_t nanoseconds);

}  // namespace scanner::kubernetes_worker

#endif
