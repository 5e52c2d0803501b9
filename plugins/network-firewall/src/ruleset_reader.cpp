#include "src/ruleset_reader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "logic/iptables_save_parser.hpp"
#include "logic/nft_json_parser.hpp"
#include "logic/nft_text_parser.hpp"
#include "logic/ruleset_summary.hpp"

namespace scanner::network_firewall {

namespace {

// iptables-save lists a large ruleset in well under a second; a hung netlink socket or a
// lock held by another program must not hang the scan.
constexpr uint32_t command_timeout_ms = 5'000;

// Persisted rulesets are text files a person maintains; a bigger one is refused, not parsed.
constexpr uint64_t persisted_read_cap = 64u << 20;

struct save_tool {
    backend managed_by;
    std::string path;
};

std::string tool_prefix(ip_family family) { return family == ip_family::ipv4 ? "ip" : "ip6"; }

bool installed(const sdk::context& ctx, const std::string& path) {
    auto st = ctx.stat(path);
    return st.error != ENOENT && st.error != ENOTDIR;
}

std::string command_line(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
    return out;
}

// The first lines of what a failed command printed, enough to act on.
std::string excerpt(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    constexpr size_t limit = 400;
    if (text.size() <= limit) return std::string(text);
    return std::string(text.substr(0, limit)) + "...";
}

// Runs a save command; returns its output, or sets `error`.
std::string run_tool(const sdk::context& ctx, const std::vector<std::string>& argv,
                     std::string& error) {
    auto r = ctx.run(argv, command_timeout_ms);
    std::string cmd = command_line(argv);
    if (r.error == ETIMEDOUT) {
        error = "cannot read the firewall: " + cmd + " did not finish within " +
                std::to_string(command_timeout_ms / 1000) + " s";
        return {};
    }
    if (!r) {
        error = "cannot run " + cmd + ": " + r.message();
        return {};
    }
    if (r.value.exit_status != 0) {
        std::string stderr_text = excerpt(r.value.err);
        error = "cannot read the firewall: " + cmd + " exited with status " +
                std::to_string(r.value.exit_status) +
                (stderr_text.empty() ? "" : ": " + stderr_text);
        return {};
    }
    return std::string(r.value.out);
}

void keep_family(std::vector<table>& tables, ip_family family, std::vector<table>& into) {
    for (auto& t : tables) {
        if (t.sees(family)) into.push_back(std::move(t));
    }
}

// The iptables save tools to run: both variants when installed, else the plain one.
std::vector<save_tool> save_tools(const sdk::context& ctx, ip_family family) {
    std::string base = "/usr/sbin/" + tool_prefix(family) + "tables";
    std::vector<save_tool> tools;
    for (auto [managed_by, suffix] : {std::pair{backend::iptables_legacy, "-legacy-save"},
                                      std::pair{backend::iptables_nft, "-nft-save"}}) {
        if (installed(ctx, base + suffix)) tools.push_back({managed_by, base + suffix});
    }
    if (tools.empty() && installed(ctx, base + "-save")) {
        tools.push_back({backend::iptables_legacy, base + "-save"});  // backend read from output
    }
    return tools;
}

// Runs one iptables save tool and adds its tables; returns the tables iptables-nft described.
std::vector<table_key> read_save_tool(const sdk::context& ctx, const save_tool& tool,
                                      ip_family family, ruleset_reading& reading) {
    std::string text = run_tool(ctx, {tool.path}, reading.error);
    if (!reading.error.empty()) return {};
    backend managed_by = tool.managed_by;
    if (tool.path.ends_with("tables-save") && written_by_nft_variant(text)) {
        managed_by = backend::iptables_nft;
    }
    auto parsed = parse_iptables_save(text, {managed_by, tool.path, family});
    if (!parsed) {
        reading.error = "cannot parse the output of " + tool.path + " at line " +
                        std::to_string(parsed.error.line) + ": " + parsed.error.message;
        return {};
    }
    reading.sources.push_back({tool.path, "backend " + std::string(to_string(managed_by)) + ": " +
                                              summarize(parsed.value)});
    std::vector<table_key> described;
    table_family own = family == ip_family::ipv4 ? table_family::ip : table_family::ip6;
    for (const auto& t : parsed.value) {
        if (managed_by == backend::iptables_nft) described.push_back({own, t.name});
    }
    keep_family(parsed.value, family, reading.rules.tables);
    return described;
}

// Runs an nft listing and parses it; sets reading.error on failure.
std::vector<table> list_nft(const sdk::context& ctx, const std::vector<std::string>& argv,
                            ruleset_reading& reading) {
    std::string text = run_tool(ctx, argv, reading.error);
    if (!reading.error.empty()) return {};
    auto parsed = parse_nft_json(text, command_line(argv));
    if (!parsed) {
        reading.error =
            "cannot parse the output of " + command_line(argv) +
            (parsed.error.line ? " at line " + std::to_string(parsed.error.line) : std::string()) +
            ": " + parsed.error.message;
        return {};
    }
    return std::move(parsed.value);
}

// Lists the nftables tables, then each one that holds `family` traffic and is not one that
// iptables-nft-save already described: nft never has to print those, which on a node whose
// kube-proxy writes tens of thousands of iptables-nft rules is most of the ruleset.
void read_nftables(const sdk::context& ctx, const std::string& nft, ip_family family,
                   const std::vector<table_key>& described, ruleset_reading& reading) {
    std::vector<std::string> list_tables{nft, "-j", "list", "tables"};
    auto tables = list_nft(ctx, list_tables, reading);
    if (!reading.error.empty()) return;
    std::vector<table> found;
    size_t left_out = 0;
    for (const auto& t : tables) {
        if (!t.sees(family)) continue;
        if (std::find(described.begin(), described.end(), table_key{t.family, t.name}) !=
            described.end()) {
            ++left_out;
            continue;
        }
        std::vector<std::string> argv{
            nft, "-j", "list", "table", std::string(to_string(t.family)), t.name};
        auto listed = list_nft(ctx, argv, reading);
        if (!reading.error.empty()) return;
        reading.sources.push_back({command_line(argv), "backend nftables: " + summarize(listed)});
        keep_family(listed, family, found);
    }
    std::string observed = "backend nftables: " + std::to_string(found.size()) +
                           (found.size() == 1 ? " native table" : " native tables") + " for " +
                           std::string(to_string(family));
    if (left_out > 0) observed += ", " + std::to_string(left_out) + " read from iptables-nft-save";
    reading.sources.push_back({command_line(list_tables), observed});
    for (auto& t : found) reading.rules.tables.push_back(std::move(t));
}

}  // namespace

ruleset_reading read_live_ruleset(const sdk::context& ctx, ip_family family) {
    ruleset_reading reading;
    std::vector<table_key> described_by_iptables_nft;
    auto tools = save_tools(ctx, family);
    for (const auto& tool : tools) {
        auto described = read_save_tool(ctx, tool, family, reading);
        if (!reading.error.empty()) return reading;
        described_by_iptables_nft.insert(described_by_iptables_nft.end(), described.begin(),
                                         described.end());
    }

    const std::string nft = "/usr/sbin/nft";
    if (installed(ctx, nft)) {
        read_nftables(ctx, nft, family, described_by_iptables_nft, reading);
    } else if (tools.empty()) {
        std::string base = "/usr/sbin/" + tool_prefix(family) + "tables";
        reading.error = "cannot read the firewall: none of " + base + "-legacy-save, " + base +
                        "-nft-save, " + base + "-save or " + nft + " is installed";
    } else {
        reading.sources.push_back({nft, "not installed: native nftables tables not listed"});
    }
    return reading;
}

namespace {

// Reads the first iptables-restore file of `candidates` that exists; returns whether one did.
bool read_restore_file(const sdk::context& ctx, const std::array<const char*, 2>& candidates,
                       ip_family family, ruleset_reading& reading) {
    const char* evaluated = nullptr;
    for (const char* path : candidates) {
        auto file = ctx.read_file(path, persisted_read_cap);
        if (file.error == ENOENT) continue;
        if (!file) {
            reading.error = "cannot read " + std::string(path) + ": " + file.message();
            return true;
        }
        if (evaluated != nullptr) {
            reading.sources.push_back({path, "not evaluated: a host loads one iptables file, and " +
                                                 std::string(evaluated) + " is evaluated"});
            continue;
        }
        evaluated = path;
        auto parsed = parse_iptables_save(file.value, {backend::iptables, path, family});
        if (!parsed) {
            reading.error = "cannot parse " + std::string(path) + " at line " +
                            std::to_string(parsed.error.line) + ": " + parsed.error.message;
            return true;
        }
        reading.sources.push_back({path, "persisted iptables ruleset: " + summarize(parsed.value)});
        keep_family(parsed.value, family, reading.rules.tables);
    }
    return evaluated != nullptr;
}

// Reads /etc/nftables.conf when it exists; returns whether it did.
bool read_nftables_conf(const sdk::context& ctx, const std::string& path, ip_family family,
                        ruleset_reading& reading) {
    auto file = ctx.read_file(path, persisted_read_cap);
    if (file.error == ENOENT) return false;
    if (!file) {
        reading.error = "cannot read " + path + ": " + file.message();
        return true;
    }
    auto parsed = parse_nft_text(file.value, path);
    if (!parsed) {
        reading.error = "cannot evaluate " + path + " at line " +
                        std::to_string(parsed.error.line) + ": " + parsed.error.message;
        return true;
    }
    reading.sources.push_back({path, "persisted nftables ruleset: " + summarize(parsed.value)});
    keep_family(parsed.value, family, reading.rules.tables);
    return true;
}

}  // namespace

ruleset_reading read_persisted_ruleset(const sdk::context& ctx, ip_family family) {
    ruleset_reading reading;
    const std::array<const char*, 2> candidates =
        family == ip_family::ipv4
            ? std::array<const char*, 2>{"/etc/iptables/rules.v4", "/etc/sysconfig/iptables"}
            : std::array<const char*, 2>{"/etc/iptables/rules.v6", "/etc/sysconfig/ip6tables"};
    const std::string nft_conf = "/etc/nftables.conf";

    bool found = read_restore_file(ctx, candidates, family, reading);
    if (!reading.error.empty()) return reading;
    found |= read_nftables_conf(ctx, nft_conf, family, reading);
    if (!found) {
        reading.error = std::string(
                            "firewall state is only known on a live host: the root holds "
                            "no persisted ruleset (none of ") +
                        candidates[0] + ", " + candidates[1] + ", " + nft_conf + " exists)";
    }
    return reading;
}

std::string kubernetes_node_sign(const sdk::context& ctx) {
    const char* kubelet_config = "/etc/kubernetes/kubelet/config";
    if (ctx.stat(kubelet_config)) return std::string(kubelet_config) + " exists";
    return {};
}

}  // namespace scanner::network_firewall
